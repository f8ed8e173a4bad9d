/* SPDX-License-Identifier: GPL-2.0 */
/*
 * km_history_int.h - what the history_*.c files share and nothing else
 * uses: the open repository, line ranges carried across a diff as git's
 * line-log.c carries them, hunks from libgit2's xdiff, rename detection,
 * and a map keyed by commit id.
 */
#ifndef KM_HISTORY_INT_H
#define KM_HISTORY_INT_H

#include <git2.h>
#include <stddef.h>
#include <stdint.h>

#include "km_history.h"

#ifdef __cplusplus
extern "C" {
#endif

struct km_hist {
	git_repository *repo;
	git_commit *head;	/* S */
	git_tree *head_tree;
	git_mailmap *mailmap;
	char *top;
	long long head_time;
	git_oid *shallow;	/* a shallow clone's boundary commits, sorted */
	size_t nshallow;
	int shallow_read, shallow_warned;
	struct km_packs *packs;	/* history_pack.c's, opened at the first blob read */
	struct km_diff_memo *diff;	/* history_diff.c's last diff */
};

/*
 * history_revs.c: the commits of @tip's history not in @hide's (NULL:
 * none), children before parents; a shallow clone's boundary commits are
 * roots (one warning), a missing commit is an error. malloc'ed in *@out.
 */
int km_hist_revs(struct km_hist *h, const git_oid *tip, const git_oid *hide, git_oid **out,
		 size_t *n, const struct km_hist_cb *cb, char *err, size_t errlen);
/* @c's parents as git counts them: none at a shallow boundary (after a walk read it). */
unsigned km_hist_parents(struct km_hist *h, const git_commit *c);
/* S's history newest first, each commit to @visit until it returns nonzero. */
int km_hist_ancestry(struct km_hist *h, int (*visit)(void *, const git_oid *), void *ctx,
		     const struct km_hist_cb *cb, char *err, size_t errlen);

/* history_repo.c */
void km_hist_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* libgit2's last error after "what: ". */
void km_hist_giterr(char *err, size_t errlen, const char *what);
void *km_hist_alloc(size_t n);
void *km_hist_realloc(void *p, size_t n);
char *km_hist_strdup(const char *s);
void km_hist_warn(const struct km_hist_cb *cb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The commit a revision names, or NULL with an error naming @spec. */
git_commit *km_hist_commit(struct km_hist *h, const char *spec, char *err, size_t errlen);

/* Line ranges, 0-based, half-open [start, end), as line-log.c keeps them. */
struct km_range {
	long start, end;
};

struct km_rset {
	struct km_range *r;
	size_t n, cap;
};

/* One hunk: parent lines [ps, pe) became target lines [ts, te). */
struct km_hunk {
	long ps, pe, ts, te;
};

/* history_ranges.c */
void km_rset_add(struct km_rset *s, long start, long end);
void km_rset_free(struct km_rset *s);
/* @out = @a united with @b, adjacent and overlapping ranges joined. */
void km_rset_union(struct km_rset *out, const struct km_rset *a, const struct km_rset *b);

/* How one span fared across one diff. */
struct km_rmap {
	int touched;		/* a hunk overlapped the span */
	long plus, minus;	/* the lines git log -L shows for it */
};

/* Carry @rs (a commit's ranges) across @h to the parent's, into @out (empty). */
void km_rset_map(const struct km_rset *rs, const struct km_hunk *h, size_t nh,
		 struct km_rset *out, struct km_rmap *res);

/* history_pack.c: a blob's or a tree's bytes, from the packs through a cache, else libgit2. */
struct km_blob {
	const char *p;
	size_t n;
	void *obj;		/* the pack cache's object, pinned */
	git_blob *gb;		/* or libgit2's blob */
	git_odb_object *raw;	/* or libgit2's raw tree */
};

int km_hist_blob(struct km_hist *h, const git_oid *id, struct km_blob *b);
int km_hist_tree(struct km_hist *h, const git_oid *id, struct km_blob *b);
void km_hist_blob_done(struct km_hist *h, struct km_blob *b);
void km_hist_packs_close(struct km_packs *ps);
/* history_delta.c: delta @d (@dn bytes) applied to @base (@bn): the result, malloc'ed. */
int km_hist_patch(const unsigned char *base, size_t bn, const unsigned char *d, size_t dn,
		  unsigned char **out, size_t *outn);

/* history_diff.c: hunks of a blob-to-blob diff, -U0. */
struct km_hunks {
	struct km_hunk *h;
	size_t n, cap;
};

#define KM_DIFF_INDENT	1	/* git diff's default indent heuristic */
#define KM_DIFF_TRIM	2	/* drop the common tail as git's xdi_diff does at -U0 */

/* Diff blob @a (NULL: empty) with blob @b (NULL: empty). */
int km_hist_diff(struct km_hist *h, const git_oid *a, const git_oid *b, int flags,
		 struct km_hunks *out, char *err, size_t errlen);
void km_hist_diff_close(struct km_hist *h);
long km_hist_blob_lines(struct km_hist *h, const git_oid *blob);

/* history_rename.c: one destination's source as git's rename detection picks it. */
struct km_rename_src {
	const char *path;
	git_oid oid;
};

/* The index in @src of @dst's rename source, or -1 for none. */
long km_hist_rename_source(struct km_hist *h, const char *dst_path, const git_oid *dst,
			   const struct km_rename_src *src, size_t nsrc);

/* history_oidmap.c: commit id -> pointer, open addressing. */
struct km_oidmap {
	git_oid *keys;
	void **vals;
	unsigned char *used;
	size_t cap, n;
};

void **km_oidmap_slot(struct km_oidmap *m, const git_oid *id);	/* inserts */
void *km_oidmap_get(const struct km_oidmap *m, const git_oid *id);
/* Remove @id; its value, or NULL when it was not there. */
void *km_oidmap_take(struct km_oidmap *m, const git_oid *id);
void km_oidmap_free(struct km_oidmap *m);

/* history_fixlist.c */
struct km_hist_fixlist {
	char *path;
	struct km_oidmap map;	/* commit -> malloc'ed "CVE-... CVE-..." (maybe "") */
	size_t ncommits;	/* entries read (a commit listed twice counts twice) */
	size_t nlisted;		/* vulns layout: ids listed, resolving or not */
};

/* The length of the CVE id at @s (CVE-YYYY-NNNN...), or 0. */
size_t km_hist_cve_len(const char *s);

#ifdef __cplusplus
}
#endif

#endif /* KM_HISTORY_INT_H */
