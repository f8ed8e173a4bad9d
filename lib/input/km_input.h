/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lib/input/ - what the plugin wrote, found (input_find.c) and read back
 * (input.c), for every tool.
 *
 * km_input.h - what the plugin wrote, read back: sidecars (seed records,
 * one file per object), their companions, and the records and companions
 * embedded in objects and archives. kmetrics-merge reads its PATHs through
 * this module, and so does the dataset reader (km_dataset.h), so every tool
 * takes the same inputs and says the same things about bad ones.
 *
 *   mg_collect             PATHs (sidecars, directories, objects, archives)
 *                          into sides, one per sidecar or embedded object
 *   mg_load                every record of every side, each line validated
 *   mg_load_companions     the companion of each side, checked against it
 *
 * Every function that fails has already printed "FILE:LINE: reason" (or
 * "PROG: reason") to stderr and returns -1; warnings are printed as
 * "PROG: warning: ...", PROG being mg_prog, which the tool sets. Names
 * start with mg_, kmetrics-merge's prefix, where this code was born.
 * Plain C, compiles as C11 and as C++.
 */
#ifndef KM_INPUT_H
#define KM_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "companion/km_companion.h"
#include "record/km_record.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MG_SUFFIX	".kmetrics"	/* a sidecar's name ends with it */

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
	long su_frame;		/* -fstack-usage's frame beside the object; -1 none */
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
	char *object;		/* the object column (kmetrics-merge's merge_values.c) */
};

/*
 * --scope=build's call graph, kept for the output (kmetrics-merge's
 * merge_scope.c): which node each function and each edge's callee is, and
 * which record stands for a node (a global defined in several objects: its
 * first strong one).
 */
struct mg_graph {
	uint32_t **fnode;	/* per side: F index -> node */
	uint32_t **enode;	/* per side: edge -> callee node, MG_NONE: dropped */
	uint32_t *rep;		/* per node: its record, MG_NONE for none */
	size_t nnodes;
};

#define MG_NONE		UINT32_MAX

struct mg_history;

struct mg_set {
	struct mg_side *sides;
	size_t nsides;
	struct mg_rec *recs;
	size_t nrecs;
	int changed;		/* some column changed: print records anew */
	unsigned groups;	/* column groups on (KM_GROUP_*, lib/record/km_columns.h) */
	struct mg_graph *graph;	/* after --scope=build, else NULL (freed by its owner) */
	struct mg_history *hist;	/* kmetrics-merge's history columns, or NULL */
};

/* The program named in messages ("kmetrics-merge"); "kmetrics" by default. */
extern const char *mg_prog;

int mg_collect(char **paths, int npaths, struct mg_set *set);
int mg_load(struct mg_set *set);
/* @need: a missing companion is an error, @why says who needs it. */
int mg_load_companions(struct mg_set *set, int need, const char *why);
void mg_set_free(struct mg_set *set);
void mg_rec_get(const struct mg_rec *m, struct km_record *r);
const struct km_cfunc *mg_rec_func(const struct mg_set *set, const struct mg_rec *m);

/* helpers: allocation failure prints "PROG: out of memory" and exits 1 */
void *mg_alloc(size_t n);
char *mg_strdup(const char *s);
char *mg_path_join(const char *dir, const char *name);
/* Messages: control characters in what they quote escaped (km_text.h). */
void mg_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void mg_warnf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A line on stderr as @fmt makes it, escaped the same way ("FILE:LINE: warning: ..."). */
void mg_linef(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * The text file @path, at most @max bytes (km_io.h's KM_READ_*_MAX), no
 * NUL byte and no UTF-8 byte order mark; NULL once the reason is printed
 * ("PATH: larger than ...", "PATH:LINE: a NUL byte ...", "PATH:1: a UTF-8
 * byte order mark ...", "PATH: No such file or directory").
 */
char *mg_read_text(const char *path, size_t max, size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* KM_INPUT_H */
