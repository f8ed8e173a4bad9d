/* SPDX-License-Identifier: GPL-2.0 */
/*
 * km_set.h - what the tools compute over a set of records once km_input.h
 * has read them: the build's call graph (--scope=build), each function's
 * direct fan and its calls in the dataset's scope, code_bytes from the
 * objects, C4 from git blame, and the value of every column. Born in
 * kmetrics-merge; the dataset reader (km_dataset.h, and so kmetrics-diff
 * and kmetrics-report) uses the same code.
 *
 *   scope.c      mg_scope_build: one call graph over every object: C5-C7,
 *                C11, fan_in and fan_out over the build (set->graph)
 *   calls.c      mg_fan, mg_fan_tu (fan per TU), mg_calls_each (the calls)
 *   objects.c    mg_code_bytes: code_bytes from the objects' symbol tables,
 *                frames from the .su files beside them
 *   git_ages.c   mg_git_ages: C4 as git blame of HEAD gives it, from one
 *                walk of the history through libgit2 (lib/history/);
 *                the functions of HEAD that walk and --history follow
 *   values.c     mg_values_prepare, mg_column_value: every column of the
 *                base group (km_columns.h); the fixes and history columns
 *                are kmetrics-merge's (they need libgit2)
 *
 * Every function that fails has already printed "FILE:LINE: reason" (or
 * "PROG: reason", PROG being mg_prog) to stderr and returns -1.
 * Plain C, compiles as C11 and as C++.
 */
#ifndef KM_SET_H
#define KM_SET_H

#include <stddef.h>
#include <stdint.h>

#include "input/km_input.h"
#include "io/km_io.h"

#ifdef __cplusplus
extern "C" {
#endif

/* scope.c: also fills fan_in, fan_out and set->graph */
int mg_scope_build(struct mg_set *set);
void mg_graph_free(struct mg_set *set);

/* calls.c */
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

/*
 * objects.c: code_bytes of every record whose object is there, and the
 * frame -fstack-usage gave each in the .su beside the object (su_frame).
 */
void mg_code_bytes(struct mg_set *set);

/* git_ages.c: C4 of every record from git blame of HEAD in @dir. */
int mg_git_ages(struct mg_set *set, const char *dir);

struct km_hist;
struct km_hist_func;

/* The records' functions at HEAD of a repository (lib/history/km_history.h). */
struct mg_git_funcs {
	long *entry;			/* per record: its function's entry, -1 for none */
	size_t n;			/* entries: one per distinct (path, span, name) */
	struct km_hist_func *funcs;	/* per entry, spans cut at HEAD's end of file */
	char **paths;			/* what funcs[].path point into */
	size_t npaths;
};

/*
 * The entries of @set's records in @h (@dir: --git's DIR); with @warn, a
 * warning per file HEAD does not have and per function past its end.
 */
void mg_git_funcs(struct km_hist *h, const struct mg_set *set, const char *dir, int warn,
		  struct mg_git_funcs *g);
void mg_git_funcs_free(struct mg_git_funcs *g);
/* C4 of every record from its entry's oldest author time (-1: none), HEAD's time @head. */
void mg_git_ages_set(struct mg_set *set, const struct mg_git_funcs *g, const long long *oldest,
		     long long head);

/* values.c */
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
/*
 * The value of column @col (enum km_col) of record @r: the base group's
 * columns; a fixes or history column is null here.
 */
void mg_column_value(const struct mg_set *set, const struct mg_rec *r, int col,
		     struct mg_value *v);

#ifdef __cplusplus
}
#endif

#endif /* KM_SET_H */
