// SPDX-License-Identifier: GPL-2.0
/*
 * history_label.c - which functions of S one fix C touched.
 *
 * For each file C changes (git diff C^ C, renames paired as git pairs
 * them), the file of S it continues is found: the same path when S has
 * it, else the file of S that git diff S C^ would show renamed to it.
 * A function's span at S is carried to C^ through that diff (git diff's
 * default indent heuristic): a line deleted in between drops out, and
 * the span at C^ runs from the first to the last surviving line. The fix
 * touches the function when a hunk of git diff -U0 C^ C in the file has
 * old lines inside that span, or inserts after line l with
 * first <= l < last (most fixes only add a missing check). A deleted file
 * is one hunk of all its lines.
 */
#include <stdlib.h>
#include <string.h>

#include "km_history_fix.h"
#include "km_history_walk.h"

struct hl_ctx {
	struct km_hist *h;
	const struct km_hist_func *funcs;
	size_t *by;		/* functions with a path, by path then first line */
	size_t nby;
	struct km_hunks fix, map;
	struct hw_tdiff s_to_parent;	/* S -> C^, made when a path is new since S */
	int s_done;
	struct km_rename_src *s_src;
	size_t ns_src;
	unsigned char *seen;	/* per function: touched by the current fix */
	size_t *now, nnow;	/* those functions */
	char *err;
	size_t errlen;
};

/* One file C^ had: its path and blob, and C's blob (zero: deleted). */
struct hl_old {
	const char *path;
	git_oid old, now;
	int deleted;
};

static const struct km_hist_func *hl_sort_funcs;

static int hl_by_cmp(const void *a, const void *b)
{
	const struct km_hist_func *x = &hl_sort_funcs[*(const size_t *)a];
	const struct km_hist_func *y = &hl_sort_funcs[*(const size_t *)b];
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* The functions of @path: [*lo, *hi) in ctx->by. */
static void hl_funcs_of(const struct hl_ctx *x, const char *path, size_t *lo, size_t *hi)
{
	size_t a = 0, b = x->nby;

	while (a < b) {
		size_t mid = a + (b - a) / 2;

		if (strcmp(x->funcs[x->by[mid]].path, path) < 0)
			a = mid + 1;
		else
			b = mid;
	}
	*lo = a;
	for (b = a; b < x->nby && !strcmp(x->funcs[x->by[b]].path, path); b++)
		;
	*hi = b;
}

/* Line @x of the old side, 0-based, moved by the hunks wholly before it. */
static long hl_shift(const struct km_hunks *m, long x)
{
	long off = 0;
	size_t j;

	for (j = 0; j < m->n && m->h[j].pe <= x; j++)
		off += (m->h[j].te - m->h[j].ts) - (m->h[j].pe - m->h[j].ps);
	return x + off;
}

/* Span [f, l] (0-based) of S carried across @m; 0 when a line survives. */
static int hl_carry(const struct km_hunks *m, long f, long l, long *nf, long *nl)
{
	size_t j;

	for (j = 0; j < m->n; j++) {
		if (m->h[j].ps > f)
			break;
		if (f < m->h[j].pe)
			f = m->h[j].pe;
	}
	for (j = m->n; j-- > 0;) {
		if (m->h[j].ps <= l && l < m->h[j].pe) {
			l = m->h[j].ps - 1;
			break;
		}
		if (m->h[j].pe <= l)
			break;
	}
	if (f > l)
		return -1;
	*nf = hl_shift(m, f);
	*nl = hl_shift(m, l);
	return 0;
}

static int hl_touches(const struct km_hunks *fix, long f, long l)
{
	size_t j;

	for (j = 0; j < fix->n; j++) {
		const struct km_hunk *k = &fix->h[j];

		if (k->ps == k->pe ? (f < k->ps && k->ps <= l) : (k->ps <= l && k->pe - 1 >= f))
			return 1;
	}
	return 0;
}

static void hl_mark(struct hl_ctx *x, size_t func)
{
	if (x->seen[func])
		return;
	x->seen[func] = 1;
	x->now[x->nnow++] = func;
}

/* S's blob at @path, 0 when S has it. */
static int hl_blob_at_s(struct hl_ctx *x, const char *path, git_oid *out)
{
	git_tree_entry *e;

	if (git_tree_entry_bypath(&e, x->h->head_tree, path))
		return -1;
	git_oid_cpy(out, git_tree_entry_id(e));
	git_tree_entry_free(e);
	return 0;
}

/* The file of S that C^'s @o continues: its path (into S's tree) and blob. */
static const char *hl_s_file(struct hl_ctx *x, git_commit *parent, const struct hl_old *o,
			     git_oid *sblob)
{
	size_t i, n;
	long r;

	if (!hl_blob_at_s(x, o->path, sblob))
		return o->path;
	if (!x->s_done) {
		x->s_done = 1;
		if (hw_tree_diff(x->h, git_tree_id(x->h->head_tree),
				 git_commit_tree_id(parent), &x->s_to_parent))
			return NULL;
		n = x->s_to_parent.n;
		x->s_src = (struct km_rename_src *)km_hist_alloc((n + 1) * sizeof(*x->s_src));
		for (i = 0; i < n; i++) {
			const struct hw_delta *d = &x->s_to_parent.d[i];

			if (d->status != 'D')
				continue;
			x->s_src[x->ns_src].path = d->path;
			git_oid_cpy(&x->s_src[x->ns_src++].oid, &d->old);
		}
	}
	r = km_hist_rename_source(x->h, o->path, &o->old, x->s_src, x->ns_src);
	if (r < 0)
		return NULL;
	git_oid_cpy(sblob, &x->s_src[r].oid);
	return x->s_src[r].path;
}

/* One file of C^ that C changed: mark the functions of S it touched. */
static int hl_file(struct hl_ctx *x, git_commit *parent, const struct hl_old *o)
{
	git_oid sblob;
	const char *spath = hl_s_file(x, parent, o, &sblob);
	size_t lo, hi, i;

	if (!spath)
		return 0;
	hl_funcs_of(x, spath, &lo, &hi);
	if (lo == hi)
		return 0;
	if (km_hist_diff(x->h, &sblob, &o->old, KM_DIFF_INDENT, &x->map, x->err, x->errlen) ||
	    km_hist_diff(x->h, &o->old, o->deleted ? NULL : &o->now, KM_DIFF_INDENT | KM_DIFF_TRIM,
			 &x->fix, x->err, x->errlen))
		return -1;
	for (i = lo; i < hi; i++) {
		const struct km_hist_func *fn = &x->funcs[x->by[i]];
		long f, l;

		if (!hl_carry(&x->map, fn->first - 1, fn->last - 1, &f, &l) &&
		    hl_touches(&x->fix, f, l))
			hl_mark(x, x->by[i]);
	}
	return 0;
}

static int hl_is_file(uint16_t mode)
{
	return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

/* The files of C^ that C changed, a rename paired with its new file. */
static size_t hl_olds(struct hl_ctx *x, const struct hw_tdiff *d, struct hl_old *o)
{
	size_t i, k, n = d->n, no = 0, nsrc = 0;
	struct km_rename_src *src = (struct km_rename_src *)km_hist_alloc((n + 1) * sizeof(*src));
	unsigned char *used = (unsigned char *)km_hist_alloc(n + 1);

	for (i = 0; i < n; i++) {
		const struct hw_delta *dl = &d->d[i];

		if (dl->status == 'D' && hl_is_file(dl->old_mode)) {
			src[nsrc].path = dl->path;
			git_oid_cpy(&src[nsrc++].oid, &dl->old);
		}
	}
	for (i = 0; i < n; i++) {
		const struct hw_delta *dl = &d->d[i];
		long r;

		if (dl->status == 'A' && hl_is_file(dl->new_mode) && nsrc &&
		    (r = km_hist_rename_source(x->h, dl->path, &dl->now, src, nsrc)) >= 0 &&
		    !used[r]) {
			used[r] = 1;
			o[no].path = src[r].path;
			o[no].old = src[r].oid;
			o[no].now = dl->now;
			o[no++].deleted = 0;
		} else if (dl->status == 'M') {
			o[no].path = dl->path;
			o[no].old = dl->old;
			o[no].now = dl->now;
			o[no++].deleted = 0;
		}
	}
	for (k = 0; k < nsrc; k++) {
		if (used[k])
			continue;
		o[no].path = src[k].path;
		o[no].old = src[k].oid;
		o[no++].deleted = 1;
	}
	free(src);
	free(used);
	return no;
}

static int hl_fix(struct hl_ctx *x, const struct hf_fix *fx)
{
	git_commit *c = NULL, *p = NULL;
	struct hw_tdiff d = { NULL, 0, 0 };
	struct hl_old *o = NULL;
	size_t i, no;
	int ret = -1;

	if (git_commit_lookup(&c, x->h->repo, &fx->id) || git_commit_parent(&p, c, 0) ||
	    hw_tree_diff(x->h, git_commit_tree_id(p), git_commit_tree_id(c), &d)) {
		km_hist_giterr(x->err, x->errlen, "diffing a fix with its parent");
		goto out;
	}
	o = (struct hl_old *)km_hist_alloc((d.n + 1) * sizeof(*o));
	no = hl_olds(x, &d, o);
	for (i = 0; i < no; i++)
		if (hl_file(x, p, &o[i]))
			goto out;
	ret = 0;
out:
	free(o);
	hw_tdiff_free(&x->s_to_parent);
	x->s_done = 0;
	free(x->s_src);
	x->s_src = NULL;
	x->ns_src = 0;
	hw_tdiff_free(&d);
	git_commit_free(p);
	git_commit_free(c);
	return ret;
}

/* Record fix @k's functions in @out and forget them for the next fix. */
static void hl_record(struct hl_ctx *x, struct km_hist_labels *out, size_t k)
{
	size_t i;

	out->fixes[k].breadth = (long)x->nnow;
	for (i = 0; i < x->nnow; i++) {
		size_t f = x->now[i];

		out->touched[f] = (size_t *)km_hist_realloc(out->touched[f],
					(out->ntouched[f] + 1) * sizeof(size_t));
		out->touched[f][out->ntouched[f]++] = k;
		x->seen[f] = 0;
	}
	x->nnow = 0;
}

static void hl_init(struct hl_ctx *x, struct km_hist *h, const struct km_hist_func *funcs,
		    size_t n)
{
	size_t i;

	memset(x, 0, sizeof(*x));
	x->h = h;
	x->funcs = funcs;
	x->by = (size_t *)km_hist_alloc((n + 1) * sizeof(size_t));
	for (i = 0; i < n; i++)
		if (funcs[i].path)
			x->by[x->nby++] = i;
	hl_sort_funcs = funcs;
	qsort(x->by, x->nby, sizeof(size_t), hl_by_cmp);
	x->seen = (unsigned char *)km_hist_alloc(n + 1);
	x->now = (size_t *)km_hist_alloc((n + 1) * sizeof(size_t));
}

int km_hist_touch(struct km_hist *h, const struct km_hist_func *funcs, size_t n,
		  struct hf_fix *fixes, size_t nfixes, struct km_hist_labels *out,
		  const struct km_hist_cb *cb, char *err, size_t errlen)
{
	struct hl_ctx x;
	size_t k;
	int ret = 0;

	hl_init(&x, h, funcs, n);
	x.err = err;
	x.errlen = errlen;
	out->nfixes = nfixes;
	out->fixes = (struct km_hist_fix *)km_hist_alloc((nfixes + 1) * sizeof(*out->fixes));
	out->touched = (size_t **)km_hist_alloc((n + 1) * sizeof(size_t *));
	out->ntouched = (size_t *)km_hist_alloc((n + 1) * sizeof(size_t));
	for (k = 0; k < nfixes; k++) {
		git_oid_tostr(out->fixes[k].id, sizeof(out->fixes[k].id), &fixes[k].id);
		out->fixes[k].time = fixes[k].time;
		out->fixes[k].cves = fixes[k].cves;
		fixes[k].cves = NULL;
	}
	for (k = 0; k < nfixes && !ret; k++) {
		if (cb && cb->progress)
			cb->progress(cb->ctx, "fixes: commits diffed", k, nfixes);
		ret = hl_fix(&x, &fixes[k]);
		hl_record(&x, out, k);
	}
	free(x.by);
	free(x.seen);
	free(x.now);
	free(x.fix.h);
	free(x.map.h);
	return ret;
}

void km_hist_labels_free(struct km_hist_labels *l, size_t nfuncs)
{
	size_t i;

	if (!l->fixes)
		return;
	for (i = 0; i < l->nfixes; i++)
		free(l->fixes[i].cves);
	for (i = 0; i < nfuncs; i++)
		free(l->touched[i]);
	free(l->touched);
	free(l->ntouched);
	free(l->fixes);
	memset(l, 0, sizeof(*l));
}
