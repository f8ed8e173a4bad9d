// SPDX-License-Identifier: GPL-2.0
/*
 * history_blame.c - C4 from the --history walk (history_walk.c): the
 * lines of S's functions that `git blame S -- PATH` has not yet given to
 * a commit, carried from each commit to its parents as git's blame.c
 * carries them, and each function's oldest author time among the commits
 * its lines were given to.
 *
 * A commit's unblamed lines of a path are blocks (km_history_walk.h). To
 * a parent whose blob of the path (or of its rename source) is the
 * commit's own, every block passes whole. Otherwise the parent's blob is
 * diffed with the commit's (git diff's indent heuristic, -U0, as blame
 * diffs): the lines outside the hunks' target sides pass to the parent,
 * moved to its line numbers; a merge offers what is left to each parent
 * in turn. What no parent takes is blamed on the commit: the functions
 * of S whose span holds those lines of S take its author time if older.
 */
#include <stdlib.h>
#include <string.h>

#include "km_history_walk.h"

void hw_blocks_add(struct hw_blocks *b, uint32_t cur, uint32_t len, uint32_t s, uint32_t spath)
{
	if (!len)
		return;
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 4;
		b->b = (struct hw_block *)km_hist_realloc(b->b, b->cap * sizeof(*b->b));
	}
	b->b[b->n].cur = cur;
	b->b[b->n].len = len;
	b->b[b->n].s = s;
	b->b[b->n++].spath = spath;
}

void hw_blocks_free(struct hw_blocks *b)
{
	free(b->b);
	memset(b, 0, sizeof(*b));
}

static int hb_cmp(const void *a, const void *b)
{
	const struct hw_block *x = (const struct hw_block *)a, *y = (const struct hw_block *)b;

	if (x->cur != y->cur)
		return x->cur < y->cur ? -1 : 1;
	return x->s < y->s ? -1 : x->s > y->s;
}

void hw_blocks_sort(struct hw_blocks *b)
{
	if (b->n > 1)
		qsort(b->b, b->n, sizeof(*b->b), hb_cmp);
}

void hw_blocks_join(struct hw_blocks *to, struct hw_blocks *from)
{
	if (!to->n) {
		hw_blocks_free(to);
		*to = *from;
		memset(from, 0, sizeof(*from));
		return;
	}
	if (to->n + from->n > to->cap) {
		to->cap = to->n + from->n;
		to->b = (struct hw_block *)km_hist_realloc(to->b, to->cap * sizeof(*to->b));
	}
	memcpy(to->b + to->n, from->b, from->n * sizeof(*from->b));
	to->n += from->n;
	hw_blocks_free(from);
	hw_blocks_sort(to);
}

/* Lines [s, s + len) of S's path @spath were blamed on a commit of time @t. */
static void hb_fold(struct hw_ages *a, uint32_t spath, uint32_t s, uint32_t len, long long t)
{
	size_t lo, hi, k;

	if (spath >= a->npaths)
		return;
	lo = a->start[spath];
	hi = a->start[spath + 1];
	/* the functions that start before s + len, then back while one can reach s */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (a->funcs[a->by[mid]].first - 1 < (long)(s + len))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k-- > a->start[spath] && a->maxend[k] > (long)s;) {
		const struct km_hist_func *f = &a->funcs[a->by[k]];
		long long *o = &a->oldest[a->by[k]];

		if (f->last > (long)s && (*o < 0 || t < *o))
			*o = t;
	}
}

void hw_blame_all(struct hw_walk *w, struct hw_blocks *b, long long t)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		hb_fold(w->ages, b->b[i].spath, b->b[i].s, b->b[i].len, t);
	b->n = 0;
}

/* One block across the hunks from @j on; @off[j]: the shift before hunk j. */
static void hb_pass_one(const struct hw_block *x, const struct km_hunks *h, size_t j,
			const long *off, struct hw_blocks *to, struct hw_blocks *stay)
{
	long cur = x->cur, end = (long)x->cur + x->len;

	for (;; j++) {
		long upto = j < h->n && h->h[j].ts < end ? h->h[j].ts : end;

		if (cur < upto) {
			hw_blocks_add(to, (uint32_t)(cur + off[j]), (uint32_t)(upto - cur),
				      x->s + (uint32_t)(cur - x->cur), x->spath);
			cur = upto;
		}
		if (j >= h->n || cur >= end)
			return;
		if (cur < h->h[j].te) {
			long e = h->h[j].te < end ? h->h[j].te : end;

			hw_blocks_add(stay, (uint32_t)cur, (uint32_t)(e - cur),
				      x->s + (uint32_t)(cur - x->cur), x->spath);
			cur = e;
		}
	}
}

void hw_blame_pass(const struct hw_blocks *in, const struct km_hunks *h, struct hw_blocks *to,
		   struct hw_blocks *stay)
{
	long *off = (long *)km_hist_alloc((h->n + 1) * sizeof(long));
	size_t i;

	for (i = 0; i < h->n; i++)
		off[i + 1] = off[i] + (h->h[i].pe - h->h[i].ps) - (h->h[i].te - h->h[i].ts);
	for (i = 0; i < in->n; i++) {
		const struct hw_block *x = &in->b[i];
		size_t lo = 0, hi = h->n;

		/* the first hunk that does not lie wholly before the block */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (h->h[mid].te <= (long)x->cur && h->h[mid].ts < (long)x->cur)
				lo = mid + 1;
			else
				hi = mid;
		}
		hb_pass_one(x, h, lo, off, to, stay);
	}
	free(off);
}

static const struct km_hist_func *hb_sort_funcs;
static const uint32_t *hb_sort_path;

static int hb_by_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	if (hb_sort_path[x] != hb_sort_path[y])
		return hb_sort_path[x] < hb_sort_path[y] ? -1 : 1;
	if (hb_sort_funcs[x].first != hb_sort_funcs[y].first)
		return hb_sort_funcs[x].first < hb_sort_funcs[y].first ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* The functions by path and first line, and each path's reach so far. */
static void hb_index(struct hw_ages *a, const struct km_hist_func *funcs, const uint32_t *path,
		     size_t n)
{
	size_t i, k = 0;
	uint32_t p;

	a->funcs = funcs;
	a->by = (size_t *)km_hist_alloc((n + 1) * sizeof(size_t));
	a->maxend = (long *)km_hist_alloc((n + 1) * sizeof(long));
	a->start = (size_t *)km_hist_alloc(((size_t)a->npaths + 1) * sizeof(size_t));
	for (i = 0; i < n; i++)
		if (path[i] != UINT32_MAX)
			a->by[k++] = i;
	hb_sort_funcs = funcs;
	hb_sort_path = path;
	qsort(a->by, k, sizeof(size_t), hb_by_cmp);
	for (i = 0, p = 0; i < k; i++) {
		while (p <= path[a->by[i]])
			a->start[p++] = i;
		a->maxend[i] = funcs[a->by[i]].last;
		if (i > a->start[p - 1] && a->maxend[i - 1] > a->maxend[i])
			a->maxend[i] = a->maxend[i - 1];
	}
	while (p <= a->npaths)
		a->start[p++] = k;
}

int hw_ages_seed(struct hw_walk *w, const struct km_hist_func *funcs, size_t n,
		 struct hw_blocks **by_path, size_t *npaths)
{
	struct hw_ages *a = w->ages;
	uint32_t *path = (uint32_t *)km_hist_alloc((n + 1) * sizeof(uint32_t));
	size_t i, k;

	for (i = 0; i < n; i++) {
		a->oldest[i] = -1;
		path[i] = funcs[i].path && funcs[i].first <= funcs[i].last ?
			  hw_intern(&w->paths, funcs[i].path, 1) : UINT32_MAX;
	}
	a->npaths = (uint32_t)w->paths.n;
	hb_index(a, funcs, path, n);
	*npaths = a->npaths;
	*by_path = (struct hw_blocks *)km_hist_alloc(((size_t)a->npaths + 1) * sizeof(**by_path));
	/* each path's lines in some function, overlapping spans joined */
	for (k = 0; k < a->npaths; k++) {
		struct hw_blocks *b = &(*by_path)[k];
		long from = -1, to = -1, lines;

		if (a->start[k] == a->start[k + 1])
			continue;
		lines = km_hist_lines(w->h, funcs[a->by[a->start[k]]].path);
		for (i = a->start[k]; i < a->start[k + 1]; i++) {
			const struct km_hist_func *f = &funcs[a->by[i]];
			long first = f->first < 1 ? 0 : f->first - 1;

			if (first >= lines)
				break;
			if (first > to) {
				if (to > from)
					hw_blocks_add(b, (uint32_t)from, (uint32_t)(to - from),
						      (uint32_t)from, (uint32_t)k);
				from = first;
			}
			if (f->last > to)
				to = f->last < lines ? f->last : lines;
		}
		if (to > from)
			hw_blocks_add(b, (uint32_t)from, (uint32_t)(to - from), (uint32_t)from,
				      (uint32_t)k);
	}
	free(path);
	return 0;
}

void hw_ages_free(struct hw_ages *a)
{
	if (!a)
		return;
	free(a->by);
	free(a->maxend);
	free(a->start);
}
