// SPDX-License-Identifier: GPL-2.0
/*
 * history_tree.c - the paths one commit changed against a parent, as
 * git's tree-diff.c finds them: both trees walked side by side in git's
 * entry order, a subtree whose id is the same on both sides skipped
 * without being read. libgit2's tree-to-tree diff reads every subtree of
 * both commits, which made it most of a history walk's time.
 *
 * Trees are read raw through history_pack.c's cache (km_hist_tree) and
 * parsed here as libgit2 parses them ("MODE NAME\0ID" entries, in stored
 * order; modes normalised as git_tree_entry_filemode does): libgit2's
 * tree objects and its object cache were a quarter of a walk's time.
 *
 * A path is added, deleted or modified; a file that became a directory
 * or a symbolic link (or back) is deleted and added, as libgit2 reports
 * it without GIT_DIFF_INCLUDE_TYPECHANGE.
 */
#include <stdlib.h>
#include <string.h>

#include "km_history_walk.h"

struct ht_entry {
	const char *name;	/* NUL-terminated, inside the raw tree */
	size_t len;
	uint16_t mode;
	const git_oid *id;	/* inside the raw tree */
};

struct ht_tree {
	struct km_blob raw;
	struct ht_entry *e;
	size_t n;
};

/* libgit2's normalize_filemode. */
static uint16_t ht_mode(unsigned long m)
{
	if ((m & 0170000) == GIT_FILEMODE_TREE)
		return GIT_FILEMODE_TREE;
	if (m & 0111)
		return GIT_FILEMODE_BLOB_EXECUTABLE;
	if ((m & 0170000) == GIT_FILEMODE_COMMIT)
		return GIT_FILEMODE_COMMIT;
	if ((m & 0170000) == GIT_FILEMODE_LINK)
		return GIT_FILEMODE_LINK;
	return GIT_FILEMODE_BLOB;
}

static void ht_tree_free(struct km_hist *h, struct ht_tree *t)
{
	km_hist_blob_done(h, &t->raw);
	free(t->e);
	memset(t, 0, sizeof(*t));
}

/* Tree @id's entries (NULL: the empty tree); -1 with libgit2's error set. */
static int ht_tree_read(struct km_hist *h, const git_oid *id, struct ht_tree *t)
{
	const char *p, *end;
	size_t cap = 0;

	memset(t, 0, sizeof(*t));
	if (!id)
		return 0;
	if (km_hist_tree(h, id, &t->raw))
		return -1;
	for (p = t->raw.p, end = p + t->raw.n; p < end;) {
		unsigned long mode = 0;
		const char *name, *nul;
		int digits = 0;

		for (; p < end && *p >= '0' && *p <= '7' && mode <= 0xffff; p++, digits++)
			mode = mode * 8 + (unsigned long)(*p - '0');
		if (!digits || mode > 0xffff || p >= end || *p != ' ')
			goto bad;
		name = ++p;
		nul = (const char *)memchr(p, 0, (size_t)(end - p));
		if (!nul || nul == name || end - (nul + 1) < GIT_OID_RAWSZ)
			goto bad;
		if (t->n == cap) {
			cap = cap ? 2 * cap : 16;
			t->e = (struct ht_entry *)km_hist_realloc(t->e, cap * sizeof(*t->e));
		}
		t->e[t->n].name = name;
		t->e[t->n].len = (size_t)(nul - name);
		t->e[t->n].mode = ht_mode(mode);
		t->e[t->n++].id = (const git_oid *)(nul + 1);
		p = nul + 1 + GIT_OID_RAWSZ;
	}
	return 0;
bad:
	git_error_set_str(GIT_ERROR_TREE, "failed to parse tree: object is corrupted");
	ht_tree_free(h, t);
	return -1;
}

static void ht_add(struct hw_tdiff *t, const char *dir, const char *name, char status,
		   const struct ht_entry *o, const struct ht_entry *n)
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
		git_oid_cpy(&d->old, o->id);
		d->old_mode = o->mode;
	}
	if (n) {
		git_oid_cpy(&d->now, n->id);
		d->new_mode = n->mode;
	}
}

static int ht_is_tree(const struct ht_entry *e)
{
	return e && e->mode == GIT_FILEMODE_TREE;
}

static int ht_walk(struct km_hist *h, const git_oid *a, const git_oid *b, const char *dir,
		   struct hw_tdiff *t);

/* "@dir@name/": the prefix of the paths under tree entry @e. */
static char *ht_subdir(const char *dir, const struct ht_entry *e)
{
	size_t ld = strlen(dir);
	char *sub = (char *)km_hist_alloc(ld + e->len + 2);

	memcpy(sub, dir, ld);
	memcpy(sub + ld, e->name, e->len);
	sub[ld + e->len] = '/';
	sub[ld + e->len + 1] = 0;
	return sub;
}

/* Every path under @e (one side only) as added (@status 'A') or deleted ('D'). */
static int ht_one_side(struct km_hist *h, const struct ht_entry *e, const char *dir,
		       char status, struct hw_tdiff *t)
{
	char *sub;
	int r;

	if (!ht_is_tree(e)) {
		ht_add(t, dir, e->name, status, status == 'D' ? e : NULL,
		       status == 'A' ? e : NULL);
		return 0;
	}
	sub = ht_subdir(dir, e);
	r = status == 'A' ? ht_walk(h, NULL, e->id, sub, t) : ht_walk(h, e->id, NULL, sub, t);
	free(sub);
	return r;
}

/* git's base_name_compare: a tree's name sorts as if it ended in '/'. */
static int ht_cmp(const struct ht_entry *x, const struct ht_entry *y)
{
	size_t l = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->name, y->name, l);
	unsigned char ca, cb;

	if (c)
		return c;
	ca = x->len > l ? (unsigned char)x->name[l] : ht_is_tree(x) ? '/' : 0;
	cb = y->len > l ? (unsigned char)y->name[l] : ht_is_tree(y) ? '/' : 0;
	return ca < cb ? -1 : ca > cb;
}

/* Two entries of one name. */
static int ht_pair(struct km_hist *h, const struct ht_entry *o, const struct ht_entry *n,
		   const char *dir, struct hw_tdiff *t)
{
	int to = ht_is_tree(o), tn = ht_is_tree(n);

	if (git_oid_equal(o->id, n->id) && o->mode == n->mode)
		return 0;
	if (to && tn) {
		char *sub = ht_subdir(dir, o);
		int r;

		r = ht_walk(h, o->id, n->id, sub, t);
		free(sub);
		return r;
	}
	if (!to && !tn && (o->mode & 0170000) == (n->mode & 0170000)) {
		ht_add(t, dir, n->name, 'M', o, n);
		return 0;
	}
	return ht_one_side(h, o, dir, 'D', t) || ht_one_side(h, n, dir, 'A', t) ? -1 : 0;
}

/* Trees @a -> @b (either NULL: empty) under @dir ("" or "x/y/"). */
static int ht_walk(struct km_hist *h, const git_oid *a, const git_oid *b, const char *dir,
		   struct hw_tdiff *t)
{
	struct ht_tree ta, tb;
	size_t i = 0, j = 0;
	int r = 0;

	if (ht_tree_read(h, a, &ta))
		return -1;
	if (ht_tree_read(h, b, &tb)) {
		ht_tree_free(h, &ta);
		return -1;
	}
	while (!r && (i < ta.n || j < tb.n)) {
		const struct ht_entry *o = i < ta.n ? &ta.e[i] : NULL;
		const struct ht_entry *n = j < tb.n ? &tb.e[j] : NULL;
		int c = !o ? 1 : !n ? -1 : ht_cmp(o, n);

		if (c < 0) {
			r = ht_one_side(h, o, dir, 'D', t);
			i++;
		} else if (c > 0) {
			r = ht_one_side(h, n, dir, 'A', t);
			j++;
		} else {
			r = ht_pair(h, o, n, dir, t);
			i++;
			j++;
		}
	}
	ht_tree_free(h, &ta);
	ht_tree_free(h, &tb);
	return r;
}

int hw_tree_diff(struct km_hist *h, const git_oid *old_tree, const git_oid *new_tree,
		 struct hw_tdiff *out)
{
	memset(out, 0, sizeof(*out));
	if (old_tree && git_oid_equal(old_tree, new_tree))
		return 0;
	return ht_walk(h, old_tree, new_tree, "", out);
}

void hw_tdiff_free(struct hw_tdiff *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->d[i].path);
	free(t->d);
	memset(t, 0, sizeof(*t));
}
