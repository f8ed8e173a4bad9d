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
};

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
/* Append @cve (@len bytes) to the space-separated @list unless it is there. */
void km_hist_add_cve(char **list, const char *cve, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* KM_HISTORY_INT_H */
