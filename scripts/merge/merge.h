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
 *   merge_output.c  seed, csv and json output
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

#endif /* KM_MERGE_H */
