/* SPDX-License-Identifier: GPL-2.0 */
/*
 * km_history_walk.h - the state of one --history walk, shared by
 * history_walk.c (the walk and the carrying of spans),
 * history_pend.c (the state handed from a commit to its parents),
 * history_tree.c (the paths a commit changed; history_label.c's too),
 * history_side.c (what a commit's diff against one parent says about a
 * path: interned paths, the tree diff, renames, the hunks) and
 * history_blame.c (the lines of S not yet blamed, carried as git blame
 * carries them, for C4), which the walk calls; neither calls the walk.
 */
#ifndef KM_HISTORY_WALK_H
#define KM_HISTORY_WALK_H

#include "km_history_int.h"

/* One function's span at a commit. */
struct hw_item {
	uint32_t func;
	struct km_rset rs;
};

/*
 * Lines of S that git blame has not yet given to a commit: @len lines at
 * @cur (0-based, in the commit at hand) that are lines @s.. of S's path
 * @spath. Blocks of one path may overlap (two copies of one line that
 * two branches kept).
 */
struct hw_block {
	uint32_t cur, len, s, spath;
};

struct hw_blocks {
	struct hw_block *b;
	size_t n, cap;
};

/* The spans and unblamed lines of one path. */
struct hw_chunk {
	uint32_t path;
	int dirty;		/* items unsorted, or a function twice */
	struct hw_item *items;
	size_t n, cap;
	struct hw_blocks bl;
};

/* What a commit's children handed it, not yet processed: chunks by path id. */
struct hw_pend {
	struct hw_chunk *c;	/* some maybe empty */
	size_t n, cap;
	uint32_t *slot;		/* hash of path id -> index + 1 */
	size_t scap;
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

/* S's functions by path, for folding blamed lines into C4 (history_blame.c). */
struct hw_ages {
	long long *oldest;	/* per function: oldest author time, -1: none (out) */
	size_t *by;		/* functions sorted by (path id, first) */
	size_t *start;		/* per seeded path id: its functions in by[start[p]..start[p + 1]) */
	long *maxend;		/* per by[] slot: the largest last line up to it in its path */
	uint32_t npaths;
	const struct km_hist_func *funcs;
};

struct hw_walk {
	struct km_hist *h;
	struct km_hist_stats *out;	/* NULL: no --history columns */
	struct hw_ages *ages;		/* NULL: no C4 */
	struct hw_authors *authors;	/* per function */
	struct hw_strtab paths, emails;
	struct km_oidmap pend;		/* commit -> struct hw_pend * */
	const struct km_hist_since *since;
	struct km_hunks hunks, bhunks;	/* line-log's, blame's (indent heuristic) */
	const struct km_hist_cb *cb;
	char *err;
	size_t errlen;
};

/* One changed path (history_tree.c): 'A'dded, 'D'eleted or 'M'odified. */
struct hw_delta {
	char *path;
	char status;
	uint16_t old_mode, new_mode;
	git_oid old, now;
};

struct hw_tdiff {
	struct hw_delta *d;
	size_t n, cap;
};

/* A commit's tree diff against one parent (NULL: a root commit). */
struct hw_pdiff {
	struct hw_tdiff td;
	const git_oid *parent;
	uint32_t *by_path;		/* (path id, delta index) pairs, by path id */
	size_t nby;
	struct km_rename_src *src;	/* deleted regular files, made when needed */
	size_t nsrc;
	int src_done;
};

/* Where a path's spans go in one parent. */
struct hw_side {
	int changed;		/* the diff has the path */
	int has_old;		/* the parent has it (or a rename source) */
	int renamed;		/* it comes from a rename source */
	const git_oid *parent;
	uint32_t ppath;		/* its path in the parent */
	git_oid old, now;	/* changed: the blobs (old: when has_old) */
};

/* A merge: the diff against each parent, made when a span needs it. */
struct hw_merge {
	git_commit *c;
	size_t np;
	git_commit **parents;
	struct hw_pdiff *pd;
	int *opened, *side_done;
	struct hw_side *side;
	struct km_hunks *hunks, *bhunks;
	int *hunks_done, *bhunks_done;
	const struct hw_chunk *chunk;
};

/* history_pend.c */
struct hw_chunk *hw_pend_find(const struct hw_pend *p, uint32_t path);
struct hw_chunk *hw_pend_get(struct hw_pend *p, uint32_t path);	/* makes it */
/* Sort a dirty chunk's items by function, uniting a function's spans. */
void hw_chunk_normalise(struct hw_chunk *c);
void hw_chunk_clear(struct hw_chunk *c);
void hw_chunk_add(struct hw_chunk *c, uint32_t func, struct km_rset *rs);	/* moves @rs */
void hw_chunk_join(struct hw_chunk *to, struct hw_chunk *from);
/* Chunk @c (pointers into @p are stale after) now belongs to @path. */
void hw_pend_rename(struct hw_pend *p, struct hw_chunk *c, uint32_t path);
/* Join @from into *@to (which may be NULL); the smaller goes into the larger. */
void hw_pend_join(struct hw_pend **to, struct hw_pend *from);
void hw_pend_free(struct hw_pend *p);

/* history_side.c */
uint32_t hw_intern(struct hw_strtab *t, const char *s, int insert);
void hw_strtab_free(struct hw_strtab *t);
int hw_pdiff_open(struct hw_walk *w, git_commit *c, git_commit *parent, struct hw_pdiff *d);
void hw_pdiff_close(struct hw_pdiff *d);
int hw_side(struct hw_walk *w, struct hw_pdiff *d, const struct hw_chunk *ch,
	    struct hw_side *s);
/* The hunks of a changed side: line-log's (@blame 0) or blame's (1). */
int hw_side_hunks(struct hw_walk *w, const struct hw_side *s, int blame, struct km_hunks *out);
int hw_merge_open(struct hw_walk *w, git_commit *c, struct hw_merge *mg);
void hw_merge_chunk(struct hw_merge *mg, const struct hw_chunk *ch);
int hw_merge_side(struct hw_walk *w, struct hw_merge *mg, size_t i);
/* Side @i's hunks for the current chunk (after hw_merge_side). */
int hw_merge_hunks(struct hw_walk *w, struct hw_merge *mg, size_t i, int blame);
void hw_merge_close(struct hw_merge *mg);
int hw_order(struct hw_walk *w, git_oid **order, size_t *n);

/* history_tree.c: the paths tree @new_tree changed from @old_tree (NULL: empty). */
int hw_tree_diff(struct km_hist *h, const git_oid *old_tree, const git_oid *new_tree,
		 struct hw_tdiff *out);
void hw_tdiff_free(struct hw_tdiff *t);

/* history_blame.c */
void hw_blocks_add(struct hw_blocks *b, uint32_t cur, uint32_t len, uint32_t s, uint32_t spath);
void hw_blocks_free(struct hw_blocks *b);
/* Join @from's blocks (emptied) into @to, then sort them by line. */
void hw_blocks_join(struct hw_blocks *to, struct hw_blocks *from);
void hw_blocks_sort(struct hw_blocks *b);
/* S's blocks: the lines of @funcs (paths interned in w->paths); sets up w->ages. */
int hw_ages_seed(struct hw_walk *w, const struct km_hist_func *funcs, size_t n,
		 struct hw_blocks **by_path, size_t *npaths);
void hw_ages_free(struct hw_ages *a);
/* Blame every line of @b on a commit of author time @t. */
void hw_blame_all(struct hw_walk *w, struct hw_blocks *b, long long t);
/*
 * Across hunks @h of a parent's blob -> this commit's: lines outside the
 * target sides move to @to (parent lines); lines inside stay in @b.
 */
void hw_blame_pass(const struct hw_blocks *in, const struct km_hunks *h, struct hw_blocks *to,
		   struct hw_blocks *stay);

#endif /* KM_HISTORY_WALK_H */
