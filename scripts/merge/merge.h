/* SPDX-License-Identifier: GPL-2.0 */
/*
 * merge.h - the data kmetrics-merge works on, shared by its modules:
 *
 *   merge.c         command line, the order of the steps
 *   lib/input.c     finding sidecars and objects, reading and validating
 *                   the records and their companions (lib/km_input.h,
 *                   shared with the dataset reader of the other tools)
 *   merge_scope.c   --scope=build: one call graph over every object
 *   merge_git.c     --git: C4 from git blame
 *   merge_labels.c  --labels: LABEL from a list of functions
 *   merge_history.c --history, --label-fixes, --fix-list (lib/km_history.h)
 *   merge_calls.c   direct fan-in and fan-out, the list of calls (--edges)
 *   merge_objects.c code_bytes from the objects' symbol tables
 *   merge_values.c  the value of each dataset column (lib/km_columns.h)
 *   merge_output.c  seed, csv and json output
 *   merge_sqlite.c  --format=sqlite
 *
 * Every function that fails has already printed "FILE:LINE: reason" (or
 * "kmetrics-merge: reason") to stderr and returns -1.
 */
#ifndef KM_MERGE_H
#define KM_MERGE_H

#include <stddef.h>
#include <stdint.h>

#include "km_input.h"
#include "km_io.h"

#define MG_PROG		"kmetrics-merge"

/* merge_scope.c: also fills fan_in, fan_out and set->graph */
int mg_scope_build(struct mg_set *set);
void mg_graph_free(struct mg_set *set);

/* merge_calls.c */
/*
 * Direct fan of nodes [0, @nnodes) from @n edges @from -> @to: distinct
 * callees into @fan_out, distinct callers that @in_scope marks into
 * @fan_in (both zeroed here); self edges and repeats do not count.
 */
void mg_fan(const uint32_t *from, const uint32_t *to, size_t n, size_t nnodes,
	    const uint8_t *in_scope, uint32_t *fan_in, uint32_t *fan_out);
/* fan_in and fan_out of every record as each TU sees them (--scope=tu). */
void mg_fan_tu(struct mg_set *set);

/* One call out of a record, in the scope of the dataset. */
struct mg_call {
	size_t caller;		/* its record */
	size_t callee;		/* the callee's record, or MG_NOREC */
	const char *callee_name;
	const char *callee_file;	/* NULL for an external callee */
	char kind;		/* 'c' call, 'a' address taken */
};

#define MG_NOREC	((size_t)-1)

/* Each call, in record order; stops when @fn returns nonzero, returning that. */
int mg_calls_each(const struct mg_set *set, int (*fn)(void *ctx, const struct mg_call *c),
		  void *ctx);
/* --edges=FILE: the calls as CSV (caller_file, caller, callee_file, callee, kind). */
int mg_edges_write(const struct mg_set *set, const char *path);

/* merge_objects.c: code_bytes of every record whose object is there. */
void mg_code_bytes(struct mg_set *set);

/* merge_values.c */
enum mg_vkind { MG_V_NULL, MG_V_INT, MG_V_REAL, MG_V_TEXT };

struct mg_value {
	enum mg_vkind kind;
	long i;
	double r;
	const char *s;		/* len bytes, not always NUL-terminated; lives as long as the set */
	size_t len;
};

/* What the columns need beyond the records: object names, fan, code_bytes. */
void mg_values_prepare(struct mg_set *set);
/* The value of column @col (enum km_col) of record @r. */
void mg_value(const struct mg_set *set, const struct mg_rec *r, int col, struct mg_value *v);

/* merge_git.c */
int mg_git_ages(struct mg_set *set, const char *dir);

/* merge_labels.c */
struct mg_labels;
struct mg_labels *mg_labels_read(const char *path);
int mg_labels_need_paths(const struct mg_labels *l);
int mg_labels_apply(struct mg_labels *l, struct mg_set *set);
void mg_labels_free(struct mg_labels *l);

/* merge_history.c */
struct mg_hist_opts {
	int history;
	const char *since;		/* --since=REV|DATE */
	const char *label_fixes;	/* --label-fixes=REV */
	const char *fix_list;		/* --fix-list=FILE|DIR */
};

int mg_history_run(struct mg_set *set, const char *dir, const struct mg_hist_opts *o);
/* The km_columns.h groups it adds (KM_GROUP_FIXES, KM_GROUP_HISTORY), 0 without. */
unsigned mg_history_groups(const struct mg_set *set);
/* Column @col of record @rec as text (@buf for numbers), NULL when empty. */
const char *mg_history_value(const struct mg_set *set, size_t rec, int col, char *buf,
			     size_t len);
void mg_history_free(struct mg_set *set);

/* merge_output.c */
enum mg_format { MG_SEED, MG_CSV, MG_JSON, MG_SQLITE };
int mg_output(const struct mg_set *set, enum mg_format fmt, struct km_buf *out);
/* One CSV field (RFC 4180: quoted only when it must be); NULL writes nothing. */
void mg_csv_field(struct km_buf *b, const char *s);
void mg_csv_field_n(struct km_buf *b, const char *s, size_t n);

/* merge_sqlite.c: the dataset as an SQLite database at @path, whole or not at all. */
struct mg_meta {
	const char *scope;	/* "tu" or "build" */
	const char *options;	/* the command line's options, space-separated */
	const char *inputs;	/* its PATHs, newline-separated */
};
int mg_sqlite_write(const struct mg_set *set, const struct mg_meta *meta, const char *path);

#endif /* KM_MERGE_H */
