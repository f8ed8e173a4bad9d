// SPDX-License-Identifier: GPL-2.0
/*
 * history_tree.c - the paths one commit changed against a parent, as
 * git's tree-diff.c finds them: both trees walked side by side in git's
 * entry order, a subtree whose id is the same on both sides skipped
 * without being read. libgit2's tree-to-tree diff reads every subtree of
 * both commits, which made it most of a history walk's time.
 *
 * A path is added, deleted or modified; a file that became a directory
 * or a symbolic link (or back) is deleted and added, as libgit2 reports
 * it without GIT_DIFF_INCLUDE_TYPECHANGE.
 */
#include <stdlib.h>
#include <string.h>

#include "km_history_walk.h"

static void ht_add(struct hw_tdiff *t, const char *dir, const char *name, char status,
		   const git_tree_entry *o, const git_tree_entry *n)
{
	struct hw_delta *d;
	size_t ld = strlen(dir), ln = strlen(name);

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->d = (struct hw_delta *)km_hist_realloc(t->d, t->cap * sizeof(*t->d));
	}
	d = &t->d[t->n++];
	memset(d, 0, sizeof(*d));
	d->path = (char *)km_hist_alloc(ld + ln + 1);
	memcpy(d->path, dir, ld);
	memcpy(d->path + ld, name, ln + 1);
	d->status = status;
	if (o) {
		git_oid_cpy(&d->old, git_tree_entry_id(o));
		d->old_mode = (uint16_t)git_tree_entry_filemode(o);
	}
	if (n) {
		git_oid_cpy(&d->now, git_tree_entry_id(n));
		d->new_mode = (uint16_t)git_tree_entry_filemode(n);
	}
}

static int ht_is_tree(const git_tree_entry *e)
{
	return e && git_tree_entry_filemode(e) == GIT_FILEMODE_TREE;
}

static int ht_walk(git_repository *repo, const git_oid *a, const git_oid *b, const char *dir,
		   struct hw_tdiff *t);

/* "@dir@name/": the prefix of the paths under tree entry @e. */
static char *ht_subdir(const char *dir, const git_tree_entry *e)
{
	size_t ld = strlen(dir), ln = strlen(git_tree_entry_name(e));
	char *sub = (char *)km_hist_alloc(ld + ln + 2);

	memcpy(sub, dir, ld);
	memcpy(sub + ld, git_tree_entry_name(e), ln);
	sub[ld + ln] = '/';
	sub[ld + ln + 1] = 0;
	return sub;
}

/* Every path under @e (one side only) as added (@status 'A') or deleted ('D'). */
static int ht_one_side(git_repository *repo, const git_tree_entry *e, const char *dir,
		       char status, struct hw_tdiff *t)
{
	char *sub;
	int r;

	if (!ht_is_tree(e)) {
		ht_add(t, dir, git_tree_entry_name(e), status, status == 'D' ? e : NULL,
		       status == 'A' ? e : NULL);
		return 0;
	}
	sub = ht_subdir(dir, e);
	r = status == 'A' ? ht_walk(repo, NULL, git_tree_entry_id(e), sub, t) :
			    ht_walk(repo, git_tree_entry_id(e), NULL, sub, t);
	free(sub);
	return r;
}

/* git's base_name_compare: a tree's name sorts as if it ended in '/'. */
static int ht_cmp(const git_tree_entry *x, const git_tree_entry *y)
{
	const char *a = git_tree_entry_name(x), *b = git_tree_entry_name(y);
	size_t la = strlen(a), lb = strlen(b), l = la < lb ? la : lb;
	int c = memcmp(a, b, l);
	unsigned char ca, cb;

	if (c)
		return c;
	ca = la > l ? (unsigned char)a[l] : ht_is_tree(x) ? '/' : 0;
	cb = lb > l ? (unsigned char)b[l] : ht_is_tree(y) ? '/' : 0;
	return ca < cb ? -1 : ca > cb;
}

/* Two entries of one name. */
static int ht_pair(git_repository *repo, const git_tree_entry *o, const git_tree_entry *n,
		   const char *dir, struct hw_tdiff *t)
{
	int to = ht_is_tree(o), tn = ht_is_tree(n);

	if (git_oid_equal(git_tree_entry_id(o), git_tree_entry_id(n)) &&
	    git_tree_entry_filemode(o) == git_tree_entry_filemode(n))
		return 0;
	if (to && tn) {
		char *sub = ht_subdir(dir, o);
		int r;

		r = ht_walk(repo, git_tree_entry_id(o), git_tree_entry_id(n), sub, t);
		free(sub);
		return r;
	}
	if (!to && !tn && (git_tree_entry_filemode(o) & 0170000) ==
			  (git_tree_entry_filemode(n) & 0170000)) {
		ht_add(t, dir, git_tree_entry_name(n), 'M', o, n);
		return 0;
	}
	return ht_one_side(repo, o, dir, 'D', t) || ht_one_side(repo, n, dir, 'A', t) ? -1 : 0;
}

/* Trees @a -> @b (either NULL: empty) under @dir ("" or "x/y/"). */
static int ht_walk(git_repository *repo, const git_oid *a, const git_oid *b, const char *dir,
		   struct hw_tdiff *t)
{
	git_tree *ta = NULL, *tb = NULL;
	size_t i = 0, j = 0, na, nb;
	int r = 0;

	if ((a && git_tree_lookup(&ta, repo, a)) || (b && git_tree_lookup(&tb, repo, b))) {
		git_tree_free(ta);
		return -1;
	}
	na = ta ? git_tree_entrycount(ta) : 0;
	nb = tb ? git_tree_entrycount(tb) : 0;
	while (!r && (i < na || j < nb)) {
		const git_tree_entry *o = i < na ? git_tree_entry_byindex(ta, i) : NULL;
		const git_tree_entry *n = j < nb ? git_tree_entry_byindex(tb, j) : NULL;
		int c = !o ? 1 : !n ? -1 : ht_cmp(o, n);

		if (c < 0) {
			r = ht_one_side(repo, o, dir, 'D', t);
			i++;
		} else if (c > 0) {
			r = ht_one_side(repo, n, dir, 'A', t);
			j++;
		} else {
			r = ht_pair(repo, o, n, dir, t);
			i++;
			j++;
		}
	}
	git_tree_free(ta);
	git_tree_free(tb);
	return r;
}

int hw_tree_diff(git_repository *repo, const git_oid *old_tree, const git_oid *new_tree,
		 struct hw_tdiff *out)
{
	memset(out, 0, sizeof(*out));
	if (old_tree && git_oid_equal(old_tree, new_tree))
		return 0;
	return ht_walk(repo, old_tree, new_tree, "", out);
}

void hw_tdiff_free(struct hw_tdiff *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->d[i].path);
	free(t->d);
	memset(t, 0, sizeof(*t));
}
