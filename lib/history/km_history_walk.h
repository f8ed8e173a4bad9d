/* SPDX-License-Identifier: GPL-2.0 */
/*
 * km_history_walk.h - the state of one --history walk, shared by
 * history_walk.c (the walk and the carrying of spans) and
 * history_side.c (what a commit's diff against one parent says about a
 * path: interned paths, the tree diff, renames, the hunks), which the
 * walk calls; the side calls nothing of the walk.
 */
#ifndef KM_HISTORY_WALK_H
#define KM_HISTORY_WALK_H

#include "km_history_int.h"

/* One function's span at a commit. */
struct hw_item {
	uint32_t func;
	struct km_rset rs;
};

/* The spans of one path. */
struct hw_chunk {
	uint32_t path;
	struct hw_item *items;
	size_t n, cap;
};

/* What a commit's children handed it, not yet processed. */
struct hw_pend {
	struct hw_chunk *c;
	size_t n, cap;
};

/* Interned strings (paths, e-mails): string <-> id. */
struct hw_strtab {
	char **s;
	size_t n, cap;
	uint32_t *slot;		/* id + 1, 0 for empty */
	size_t scap;
};

struct hw_authors {
	uint32_t *id;
	size_t n, cap;
};

struct hw_walk {
	struct km_hist *h;
	struct km_hist_stats *out;
	struct hw_authors *authors;	/* per function */
	struct hw_strtab paths, emails;
	struct km_oidmap pend;		/* commit -> struct hw_pend * */
	const struct km_hist_since *since;
	struct km_hunks hunks;
	char *err;
	size_t errlen;
};

/* A commit's tree diff against one parent (NULL: a root commit). */
struct hw_pdiff {
	git_tree *tree, *ptree;
	git_diff *diff;
	const git_oid *parent;
	uint32_t *by_path;		/* (path id, delta index) pairs, by path id */
	size_t nby;
	struct km_rename_src *src;	/* deleted regular files, made when needed */
	size_t nsrc;
	int src_done;
};

/* Where a path's spans go in one parent. */
struct hw_side {
	int changed;		/* the diff has the path: hunks were computed */
	int has_old;		/* the parent has it (or a rename source) */
	const git_oid *parent;
	uint32_t ppath;		/* its path in the parent */
};

/* A merge: the diff against each parent, made when a span needs it. */
struct hw_merge {
	git_commit *c;
	size_t np;
	git_commit **parents;
	struct hw_pdiff *pd;
	int *opened, *side_done;
	struct hw_side *side;
	struct km_hunks *hunks;
	const struct hw_chunk *chunk;
};

/* history_side.c */
uint32_t hw_intern(struct hw_strtab *t, const char *s, int insert);
void hw_strtab_free(struct hw_strtab *t);
int hw_pdiff_open(struct hw_walk *w, git_commit *c, git_commit *parent, struct hw_pdiff *d);
void hw_pdiff_close(struct hw_pdiff *d);
int hw_side(struct hw_walk *w, struct hw_pdiff *d, const struct hw_chunk *ch,
	    struct hw_side *s, struct km_hunks *hunks);
int hw_merge_open(struct hw_walk *w, git_commit *c, struct hw_merge *mg);
void hw_merge_chunk(struct hw_merge *mg, const struct hw_chunk *ch);
int hw_merge_side(struct hw_walk *w, struct hw_merge *mg, size_t i);
void hw_merge_close(struct hw_merge *mg);
int hw_order(struct hw_walk *w, git_oid **order, size_t *n);

#endif /* KM_HISTORY_WALK_H */
