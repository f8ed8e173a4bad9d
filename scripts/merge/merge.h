/* SPDX-License-Identifier: GPL-2.0 */
/*
 * merge.h - the data kmetrics-merge works on, shared by its modules:
 *
 *   merge.c         command line, the order of the steps
 *   merge_input.c   finding sidecars and objects, reading and validating
 *                   the records and their companions
 *   merge_scope.c   --scope=build: one call graph over every object
 *   merge_git.c     --git: C4 from git blame
 *   merge_labels.c  --labels: LABEL from a list of functions
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

#include "km_companion.h"
#include "km_io.h"
#include "km_record.h"

#define MG_PROG		"kmetrics-merge"
#define MG_SUFFIX	".kmetrics"

/* One record: its line in the sidecar and its parsed columns. */
struct mg_rec {
	const char *text;	/* the line in the sidecar's data, without '\n' */
	uint32_t len;
	uint32_t name_len;	/* NAME is text[0..name_len) */
	uint32_t side;		/* index of its sidecar */
	long func;		/* its F in the companion, -1 without one */
	long params, cyclomatic, age_days, depth, callees, callers;
	long self_calls, locals, nesting;
	double halstead, score;
	int label;
	long fan_in, fan_out;	/* direct, in the scope; -1 without a companion */
	long code_bytes;	/* its symbols' sizes in the object; -1 unknown */
};

struct mg_side {
	char *path;		/* the sidecar, or the object the records came from */
	char *data;		/* its bytes */
	size_t len;
	char *comp_data;	/* embedded in an object: its companion's bytes */
	size_t comp_len;
	int embedded;		/* read from an object or archive (km_elfembed.h) */
	size_t rec0, nrec;	/* its records in mg_set.recs */
	int has_comp;
	struct km_companion comp;
	char *object;		/* the object column (merge_values.c) */
};

/*
 * --scope=build's call graph, kept for the output (merge_scope.c): which
 * node each function and each edge's callee is, and which record stands
 * for a node (a global defined in several objects: its first strong one).
 */
struct mg_graph {
	uint32_t **fnode;	/* per side: F index -> node */
	uint32_t **enode;	/* per side: edge -> callee node, MG_NONE: dropped */
	uint32_t *rep;		/* per node: its record, MG_NONE for none */
	size_t nnodes;
};

#define MG_NONE		UINT32_MAX

struct mg_set {
	struct mg_side *sides;
	size_t nsides;
	struct mg_rec *recs;
	size_t nrecs;
	int changed;		/* some column changed: print records anew */
	unsigned groups;	/* column groups on (KM_GROUP_*, lib/km_columns.h) */
	struct mg_graph *graph;	/* after --scope=build, else NULL */
};

/* merge_input.c */
int mg_collect(char **paths, int npaths, struct mg_set *set);
int mg_load(struct mg_set *set);
/* @need: a missing companion is an error, @why says who needs it. */
int mg_load_companions(struct mg_set *set, int need, const char *why);
void mg_set_free(struct mg_set *set);
void mg_rec_get(const struct mg_rec *m, struct km_record *r);
const struct km_cfunc *mg_rec_func(const struct mg_set *set, const struct mg_rec *m);

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

/* shared helpers (merge_input.c) */
void *mg_alloc(size_t n);
char *mg_strdup(const char *s);
char *mg_path_join(const char *dir, const char *name);
void mg_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void mg_warnf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* KM_MERGE_H */
