/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lib/history/ - git history through libgit2 (in libkmhist.a, which only
 * kmetrics-merge links): this header is what the tools see; km_history_int.h
 * what the files share (history_repo.c the repository, history_ranges.c
 * spans across a diff, history_diff.c hunks, history_rename.c renames,
 * history_oidmap.c), km_history_walk.h the --history walk (history_walk.c
 * over history_side.c), km_history_fix.h the fixes (history_fixes.c,
 * history_fixlist.c, history_label.c).
 *
 * km_history.h - what git history says about each function of a measured
 * commit S: the fix commits after S that touched it (--label-fixes,
 * --fix-list) and its own history before S (--history).
 *
 * S is HEAD of the repository given; a function is a path tracked at S and
 * a span first..last (1-based, inclusive) of that file at S.
 *
 * History (km_hist_history): what `git log -L FIRST,LAST:PATH S` lists,
 * without running it. One walk of S's history, children before parents,
 * carries the spans of every function of every file together: each commit
 * is diffed against its parent(s) once, and each span is carried across
 * that diff as git's line-log.c carries its one range (the hunks a span
 * overlaps make the commit one of its commits; their parent sides join the
 * span). Merges pass a span to the first parent that did not change it, or
 * to all of them; merges are not counted.
 *
 * Fixes (km_hist_label): a fix is a non-merge commit in S..REV with a
 * "Fixes: <hex>" trailer, a CVE id, or listed in a fix list; for each fix
 * C, a span is carried from S to C^ (git diff S C^) and touched when a hunk
 * of git diff -U0 C^ C overlaps it (or inserts strictly inside it).
 *
 * libgit2 gives the objects and the same xdiff that git uses, so hunks
 * are git's; the rename detection is git's similarity estimate
 * (history_rename.c). Errors: -1 with "reason" in the caller's buffer.
 * Plain C, compiles as C11 and as C++.
 */
#ifndef KM_HISTORY_H
#define KM_HISTORY_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct km_hist;			/* an open repository and its S */

/* One function of S (in). */
struct km_hist_func {
	const char *path;	/* relative to the top level, tracked at S */
	long first, last;	/* 1-based span at S */
};

/* --history of one function (out). */
struct km_hist_stats {
	long commits;		/* non-merge commits git log -L lists */
	long authors;		/* distinct author e-mails (%aE, lower-cased) */
	long added, deleted;	/* +/- lines of those commits within the span */
	long long newest;	/* newest committer time among them, -1: none */
};

/* One fix commit, in the order they are reported (oldest first). */
struct km_hist_fix {
	char id[13];		/* 12 hex digits */
	long long time;		/* committer time */
	char *cves;		/* "CVE-... CVE-..." or "" */
	long breadth;		/* distinct functions it touched */
};

/* The fixes and which of them touched each function (out). */
struct km_hist_labels {
	struct km_hist_fix *fixes;
	size_t nfixes;
	size_t **touched;	/* per function: indexes into fixes, ascending */
	size_t *ntouched;
};

/* Callbacks for messages that are not errors, and for progress. */
struct km_hist_cb {
	void (*warn)(void *ctx, const char *msg);
	void (*progress)(void *ctx, const char *what, size_t done, size_t total);
	void *ctx;
};

/* Open the repository that holds @dir; S is its HEAD. */
int km_hist_open(const char *dir, struct km_hist **out, char *err, size_t errlen);
void km_hist_close(struct km_hist *h);

/* The top level of the work tree (no trailing '/'). */
const char *km_hist_top(const struct km_hist *h);

/* S's committer time. */
long long km_hist_head_time(const struct km_hist *h);

/* Lines of @path at S, or -1 when S does not track it as a file. */
long km_hist_lines(struct km_hist *h, const char *path);

/*
 * The path relative to the top level that a compiler's @file (relative
 * to @cwd when not absolute) names, when S tracks it: tried as DIR/FILE,
 * TOP/FILE and CWD/FILE, lexically and with symbolic links resolved.
 * malloc'ed, or NULL.
 */
char *km_hist_resolve(struct km_hist *h, const char *dir, const char *cwd,
		      const char *file);

/* --since=REV|DATE: a commit id, or a date (YYYY-MM-DD[ HH:MM[:SS]][ZONE], @SECONDS). */
struct km_hist_since {
	int set;
	int is_rev;
	char oid[20];		/* is_rev: history stops at REV and its ancestors */
	long long time;		/* else: commits older than this are not walked */
};

int km_hist_parse_since(struct km_hist *h, const char *spec, struct km_hist_since *out,
			char *err, size_t errlen);

/* --history: @out[i] for @funcs[i]. */
int km_hist_history(struct km_hist *h, const struct km_hist_func *funcs, size_t n,
		    const struct km_hist_since *since, struct km_hist_stats *out,
		    const struct km_hist_cb *cb, char *err, size_t errlen);

/* Listed fix commits (--fix-list): a file, or a vulns-layout directory. */
struct km_hist_fixlist;

int km_hist_fixlist_read(struct km_hist *h, const char *path, struct km_hist_fixlist **out,
			 const struct km_hist_cb *cb, char *err, size_t errlen);
void km_hist_fixlist_free(struct km_hist_fixlist *l);

/*
 * --label-fixes=@rev (NULL: only the listed commits that S does not
 * contain) and/or the fix list @list (NULL: none).
 */
int km_hist_label(struct km_hist *h, const struct km_hist_func *funcs, size_t n,
		  const char *rev, const struct km_hist_fixlist *list,
		  struct km_hist_labels *out, const struct km_hist_cb *cb,
		  char *err, size_t errlen);
void km_hist_labels_free(struct km_hist_labels *l, size_t nfuncs);

#ifdef __cplusplus
}
#endif

#endif /* KM_HISTORY_H */
