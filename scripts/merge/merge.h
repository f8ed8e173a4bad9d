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
 *   merge_history.c --history, --label-fixes, --fix-list (lib/km_history.h)
 *   merge_output.c  seed, csv and json output
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
};

struct mg_history;

struct mg_set {
	struct mg_side *sides;
	size_t nsides;
	struct mg_rec *recs;
	size_t nrecs;
	int changed;		/* some column changed: print records anew */
	struct mg_history *hist;	/* merge_history.c's columns, or NULL */
};

/* merge_input.c */
int mg_collect(char **paths, int npaths, struct mg_set *set);
int mg_load(struct mg_set *set);
/* @need: a missing companion is an error, @why says who needs it. */
int mg_load_companions(struct mg_set *set, int need, const char *why);
void mg_set_free(struct mg_set *set);
void mg_rec_get(const struct mg_rec *m, struct km_record *r);
const struct km_cfunc *mg_rec_func(const struct mg_set *set, const struct mg_rec *m);

/* merge_scope.c */
int mg_scope_build(struct mg_set *set);

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
enum mg_format { MG_SEED, MG_CSV, MG_JSON };
int mg_output(const struct mg_set *set, enum mg_format fmt, struct km_buf *out);

/* shared helpers (merge_input.c) */
void *mg_alloc(size_t n);
char *mg_strdup(const char *s);
char *mg_path_join(const char *dir, const char *name);
void mg_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void mg_warnf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* KM_MERGE_H */
