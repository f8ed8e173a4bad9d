/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lib/diff/ - two datasets compared, and the gate: diff.c pairs the rows,
 * diff_paths.c makes paths comparable and finds renamed files, diff_rules.c
 * the --fail-on rules; diff_priv.h is what they share.
 *
 * km_diff.h - two datasets compared function by function, and the gate
 * (--fail-on) over the comparison. kmetrics-diff prints it; the report's
 * --baseline draws it.
 *
 * Identity: a function is its (source file, name) when both datasets give
 * files (csv/json, or sidecars with companions), so two statics `helper`
 * in two files are two functions; its name alone otherwise. Functions of
 * one identity (one file compiled into two objects, or names without
 * files) pair up in the order they were read. Paths are compared relative
 * to each side's tree: the leading part that the two sides' paths of the
 * same files differ in (/home/a/linux vs /tmp/b/linux-tip) is each side's
 * root and is left out, so a build in another directory matches. A file
 * that is only in OLD and one only in NEW that share most of their
 * function names are one file renamed, and their functions pair by name.
 *
 * Status: added (only in NEW), removed (only in OLD), changed (some seed
 * column, km_cols[].seed, differs), unchanged.
 *
 *   struct km_diff df;
 *   km_diff_compute(&df, &old, &new_);
 *   km_diff_sort(&df);                  (largest C2 increase first)
 *   for (i = 0; i < df.npairs; i++)
 *           df.pairs[i].status, .old_row, .new_row ...
 *   km_diff_free(&df);
 *
 * Plain C, compiles as C11 and as C++.
 */
#ifndef KM_DIFF_H
#define KM_DIFF_H

#include <stddef.h>

#include "record/km_columns.h"
#include "dataset/km_dataset.h"
#include "io/km_io.h"

#ifdef __cplusplus
extern "C" {
#endif

enum km_dstatus {
	KM_DIFF_CHANGED,
	KM_DIFF_ADDED,
	KM_DIFF_REMOVED,
	KM_DIFF_UNCHANGED,
	KM_DIFF_NSTATUS
};

/* One function of either side or both. */
struct km_dpair {
	enum km_dstatus status;
	long old_row, new_row;	/* its row in each dataset, -1 where it is not */
};

struct km_diff {
	const struct km_dataset *old, *new_;
	struct km_dpair *pairs;
	size_t npairs;
	size_t count[KM_DIFF_NSTATUS];
	long *old_pair, *new_pair;	/* each row's pair (index into pairs) */
	int by_file;			/* identity (file, name), else name */
	const char *old_root, *new_root; /* taken off each side's paths ("" none) */
	unsigned char cmp[KM_NCOLS];	/* column in both datasets: compared */
	/* private */
	char **keys[2];			/* each row's path, relative to its root */
	char *roots[2];
	unsigned char *renamed;		/* each OLD row: its file was renamed in NEW */
};

/* Status names as printed: "changed", "added", "removed", "unchanged". */
extern const char *const km_dstatus_name[KM_DIFF_NSTATUS];

/* Compare @old and @new_ (which must outlive @d). */
void km_diff_compute(struct km_diff *d, const struct km_dataset *old,
		     const struct km_dataset *new_);
void km_diff_free(struct km_diff *d);

/* Order pairs by C2 increase (added: its C2, removed: minus it), largest first. */
void km_diff_sort(struct km_diff *d);

/* C2 of the new side minus the old's (a missing side counts 0). */
double km_diff_c2_increase(const struct km_diff *d, const struct km_dpair *p);

/* @p's file is another in NEW: renamed, or a function moved into a renamed file. */
int km_diff_renamed(const struct km_diff *d, const struct km_dpair *p);

/* Column @col differs between the sides of @p (both there, column compared). */
int km_diff_moved(const struct km_diff *d, const struct km_dpair *p, int col);

/*
 * Which way column @col went in @p: 1 worse, -1 better, 0 same or not
 * comparable. Larger is worse for every number column but score (C11),
 * where smaller is.
 */
int km_diff_worse(const struct km_diff *d, const struct km_dpair *p, int col);

/*
 * The function as a whole, by the measures of its body (C2, C3, C9, C10):
 * 1 worsened (some went up, none down), -1 improved (the other way round),
 * 0 otherwise (unchanged, mixed, added, removed).
 */
int km_diff_trend(const struct km_diff *d, const struct km_dpair *p);

/* The side of @p that says where it is: NEW's row, or OLD's when removed. */
const struct km_dataset *km_diff_side(const struct km_diff *d, const struct km_dpair *p,
				      size_t *row);

/*
 * Where @p is, for messages: its file and first line when the dataset has
 * them, else the file its record was read from and the record's line.
 */
const char *km_diff_where(const struct km_diff *d, const struct km_dpair *p, long *line);

/* ---- the gate: --fail-on=COL>N[,COL<N...] ---- */

struct km_rule {
	int col;		/* a number column of km_cols */
	char op;		/* '>': larger is worse, '<': smaller is */
	double limit;
	char limit_text[32];	/* the limit as written */
};

/*
 * Parse @spec ("cyclomatic>25,nesting>5"): columns by csv name, number
 * columns only, limits decimal numbers. Returns the number of rules and
 * sets *@rules (free() it), or -1 with the reason, naming the rule, in
 * @err ("unknown column 'nosuch' in 'nosuch>3'").
 */
int km_rules_parse(const char *spec, struct km_rule **rules, char *err, size_t errlen);

/*
 * Does @p fail @r? When it is added and its value is past the limit, or
 * changed, past the limit and worse than before. Unchanged, removed and
 * improved functions never fail.
 */
int km_rule_fails(const struct km_diff *d, const struct km_dpair *p, const struct km_rule *r);

/* "foo: cyclomatic 31 exceeds 25 (was 24)" / "... (new function)", appended to @b. */
void km_rule_message(const struct km_diff *d, const struct km_dpair *p,
		     const struct km_rule *r, struct km_buf *b);

#ifdef __cplusplus
}
#endif

#endif /* KM_DIFF_H */
