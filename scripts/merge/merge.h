/* SPDX-License-Identifier: GPL-2.0 */
/*
 * merge.h - the data kmetrics-merge works on, shared by its modules:
 *
 *   merge.c         command line, the order of the steps
 *   merge_labels.c  --labels: LABEL from a list of functions
 *   merge_history.c --history, --label-fixes, --fix-list (lib/history/km_history.h)
 *   merge_values.c  the fixes and history columns beside lib/dataset/values.c's
 *   merge_edges.c   --edges=FILE
 *   merge_output.c  seed, csv and json output
 *   merge_sqlite.c  --format=sqlite
 * over lib/:
 *   input/          finding sidecars and objects, reading and validating
 *                   the records and their companions (km_input.h, shared
 *                   with the dataset reader of the other tools)
 *   dataset/        km_set.h: scope.c (--scope=build: one call graph over
 *                   every object), git_ages.c (--git: C4 from git blame),
 *                   calls.c (direct fan-in and fan-out, the list of calls),
 *                   objects.c (code_bytes from the objects' symbol tables),
 *                   values.c (the value of each dataset column,
 *                   record/km_columns.h)
 *
 * Every function that fails has already printed "FILE:LINE: reason" (or
 * "kmetrics-merge: reason") to stderr and returns -1.
 */
#ifndef KM_MERGE_H
#define KM_MERGE_H

#include <stddef.h>
#include <stdint.h>

#include "input/km_input.h"
#include "io/km_io.h"
#include "dataset/km_set.h"

#define MG_PROG		"kmetrics-merge"

/*
 * merge_edges.c: --edges=FILE, the calls as CSV (caller_file, caller,
 * callee_file, callee, kind) into @b (empty); -1 when out of memory.
 */
int mg_edges_csv(const struct mg_set *set, struct km_buf *b);

/* merge_values.c: column @col of record @r, the fixes and history columns included. */
void mg_value(const struct mg_set *set, const struct mg_rec *r, int col, struct mg_value *v);

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

/*
 * merge_sqlite.c: the dataset as an SQLite database in @file, the empty
 * temporary of -o @path (named in messages), which the caller renames.
 */
struct mg_meta {
	const char *scope;	/* "tu" or "build" */
	const char *options;	/* the command line's options, space-separated */
	const char *inputs;	/* its PATHs, newline-separated */
};
int mg_sqlite_write(const struct mg_set *set, const struct mg_meta *meta, const char *file,
		    const char *path);

#endif /* KM_MERGE_H */
