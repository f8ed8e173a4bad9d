/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lib/record/ - the record and what its numbers are made of; the plugin and
 * every tool link it:
 *   km_record.h    the seed record: its one writer and parser and the checks
 *                  of its columns (record.c), doubles as Python prints them
 *                  (repr.c)
 *   km_halstead.h  Halstead operators and operands of one function (halstead.c)
 *   km_columns.h   every dataset column: name, type, meaning (columns.c)
 *
 * km_record.h - the seed-format record: the one writer and the one parser.
 *
 *   NAME : C1 : C2 : C3 : C4 : C5 : C6 : C7 : C8 : C9 : C10 : C11 ：LABEL
 *
 * This is the only place that knows the separators and the float format
 * (Python repr: shortest text that reads back to the same double).
 * Plain C, compiles as C11 and as C++ (the plugin is built with g++).
 */
#ifndef KM_RECORD_H
#define KM_RECORD_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KM_SEP		" : "
#define KM_LABEL_SEP	" \xef\xbc\x9a"	/* space, U+FF1A FULLWIDTH COLON */
#define KM_NAME_MAX	512		/* longest NAME the parser takes */
#define KM_LINE_MAX	1024		/* longest record line */
#define KM_DOUBLE_MAX	32		/* buffer for one formatted double */

struct km_record {
	char name[KM_NAME_MAX];
	long params;		/* C1 */
	long cyclomatic;	/* C2 */
	double halstead;	/* C3 */
	long age_days;		/* C4 */
	long depth;		/* C5 */
	long callees;		/* C6 */
	long callers;		/* C7 */
	long self_calls;	/* C8 */
	long locals;		/* C9 */
	long nesting;		/* C10 */
	double score;		/* C11 */
	int label;		/* LABEL, 0 or 1 */
};

/* Python repr(float) of @v into @buf; returns its length, -1 if it does not fit. */
int km_format_double(char *buf, size_t size, double v);

/*
 * One record as a line, with its trailing '\n', NUL-terminated.
 * Returns the length written (without NUL), or -1 if @size is too small
 * or the record cannot be written (empty name, name with a space).
 */
int km_record_format(char *buf, size_t size, const struct km_record *r);
/*
 * The same with C3's text given: @c3 is what km_format_double writes for
 * r->halstead (a record read back keeps it; formatting it again is most
 * of the cost of writing a record).
 */
int km_record_format_c3(char *buf, size_t size, const struct km_record *r, const char *c3);

/* The same, to a stream. Returns 0, or -1 on error. */
int km_record_write(FILE *f, const struct km_record *r);

/*
 * Parse one line (@len bytes, without its '\n') into @r.
 * Returns 0 when the line is a valid record. Otherwise returns -1 and sets
 * *@err to a static, human-readable reason ("field 3 (C3) is not a float
 * in repr form: '1e'", "expected ' ：' before LABEL", "not valid UTF-8", ...).
 * Accepts exactly what km_record_format writes and nothing else: every
 * integer a plain decimal without sign or leading zero, every double in
 * the repr form km_format_double would print for its value.
 */
int km_record_parse(const char *line, size_t len, struct km_record *r,
		    const char **err);

/*
 * Whether @r's columns can belong to one function as SPEC.md defines them:
 * C2 and C10 at least 1 (1 + decisions, 1 + levels), C3 neither negative
 * nor -0.0, C11 = km_score(@r). Returns 0, or -1 with the reason in @err
 * ("field C11: 0.8, but C1, C2, C3, C7 and C9 give 1.0"). The parser does
 * not ask this: it reads the reference dataset, whose C11 came from
 * another tool and does not follow from its columns in 80 of 311 lines.
 */
int km_record_check(const struct km_record *r, char *err, size_t errlen);

/* Whether @len bytes at @name can be a NAME: UTF-8, no space, control or ':'. */
int km_record_name_ok(const char *name, size_t len);

/* C11's limits (SPEC.md): each column above its limit counts one. */
#define KM_LIMIT_CYCLOMATIC	7	/* C2 */
#define KM_LIMIT_HALSTEAD	20000	/* C3 */
#define KM_LIMIT_CALLERS	5	/* C7 */
#define KM_LIMIT_LOCALS		10	/* C9 */
#define KM_LIMIT_PARAMS		7	/* C1 */

/* C11: 1.0 - 0.2*k, k = how many of C2>7, C3>20000, C7>5, C9>10, C1>7 hold. */
double km_score(const struct km_record *r);

/* Halstead effort C3, in lib/record/halstead.c (km_halstead.h has its parts). */
double km_halstead_effort(unsigned long n1, unsigned long n2,
			  unsigned long N1, unsigned long N2);

#ifdef __cplusplus
}
#endif

#endif /* KM_RECORD_H */
