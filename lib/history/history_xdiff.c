// SPDX-License-Identifier: GPL-2.0
/*
 * history_xdiff.c - the line diff of two buffers as git's xdiff makes it
 * (Myers, with git's discarding of lines that cannot match, its cost
 * heuristics, and its sliding of each change, optionally by the indent
 * heuristic), written for the walk: libgit2's git_diff_buffers hashed both
 * buffers to make object ids before every diff (a fifth of a walk's
 * instructions), and the walk diffs each changed path twice, once without
 * the indent heuristic (git log -L's) and once with it (git blame's).
 *
 * So the diff is done in two steps: km_xd_prepare() splits both buffers
 * into lines, classes them and runs Myers once; km_xd_hunks() slides the
 * changes (with or without the heuristic) on a copy and lists the hunks
 * as git diff -U0 numbers them. The steps and constants follow xdiff's
 * xprepare.c and xdiffi.c (xdl_cleanup_records, xdl_split,
 * xdl_change_compact, measure_split); history_diff.c compares the result
 * with libgit2's on every diff when KM_XDIFF_CHECK is set in the
 * environment.
 *
 * Provenance: the algorithm, its heuristics and their constants are
 * LibXDiff's (Davide Libenzi), as git carries and tunes it in xdiff/
 * (LGPL-2.1). They are written again here, in this project's terms, so
 * that the hunks are git's to the line; no file of xdiff is included.
 */
#include <stdlib.h>
#include <string.h>

#include "km_history_xdiff.h"

#define XD_MAX_EQLIMIT		1024
#define XD_SIMSCAN_WINDOW	100
#define XD_KPDIS_RUN		4
#define XD_MAX_COST_MIN		256
#define XD_HEUR_MIN_COST	256
#define XD_SNAKE_CNT		20
#define XD_K_HEUR		4
#define XD_LINE_MAX		((long)((1UL << (8 * sizeof(long) - 1)) - 1))

struct xd_class {
	uint64_t hash;
	long rec;		/* a record of this class (in file 0 or 1, see side) */
	int side;
	long count[2];
};

static void *xd_grow(void *p, size_t *cap, size_t want, size_t size)
{
	if (want <= *cap)
		return p;
	*cap = want + want / 2 + 16;
	return km_hist_realloc(p, *cap * size);
}

static uint64_t xd_hash(const char *p, long n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	long i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 0x100000001b3ull;
	return h;
}

/* File @f's lines (each with its '\n'). */
static void xd_split_lines(struct km_xd_file *f, const char *p, size_t n)
{
	const char *end = p + n;

	f->nrec = 0;
	while (p < end) {
		const char *nl = (const char *)memchr(p, '\n', (size_t)(end - p));
		const char *next = nl ? nl + 1 : end;

		f->rec = (struct xd_rec *)xd_grow(f->rec, &f->caprec, (size_t)f->nrec + 1,
						  sizeof(*f->rec));
		f->rec[f->nrec].p = p;
		f->rec[f->nrec++].n = (long)(next - p);
		p = next;
	}
}

static int xd_same(const struct km_xd *x, const struct xd_class *c, const struct xd_rec *r)
{
	const struct xd_rec *o = &x->f[c->side].rec[c->rec];

	return o->n == r->n && !memcmp(o->p, r->p, (size_t)r->n);
}

/* Every line's class: equal lines, one class; counts per file. */
static void xd_classify(struct km_xd *x)
{
	size_t need = (size_t)(x->f[0].nrec + x->f[1].nrec), cap = 64, mask, i;
	int s;

	while (cap < 2 * need)
		cap *= 2;
	mask = cap - 1;
	x->slot = (long *)xd_grow(x->slot, &x->capslot, cap, sizeof(*x->slot));
	for (i = 0; i < cap; i++)
		x->slot[i] = -1;
	x->ncls = 0;
	for (s = 0; s < 2; s++) {
		struct km_xd_file *f = &x->f[s];
		long r;

		for (r = 0; r < f->nrec; r++) {
			struct xd_rec *rec = &f->rec[r];
			uint64_t h = xd_hash(rec->p, rec->n);
			size_t k = (size_t)h & mask;
			struct xd_class *c;

			for (; x->slot[k] >= 0; k = (k + 1) & mask) {
				c = &x->cls[x->slot[k]];
				if (c->hash == h && xd_same(x, c, rec))
					break;
			}
			if (x->slot[k] < 0) {
				x->cls = (struct xd_class *)xd_grow(x->cls, &x->capcls,
								    (size_t)x->ncls + 1,
								    sizeof(*x->cls));
				c = &x->cls[x->ncls];
				memset(c, 0, sizeof(*c));
				c->hash = h;
				c->rec = r;
				c->side = s;
				x->slot[k] = x->ncls++;
			}
			c = &x->cls[x->slot[k]];
			c->count[s]++;
			rec->cls = x->slot[k];
		}
	}
}

static void xd_alloc_file(struct km_xd_file *f)
{
	size_t n = (size_t)f->nrec + 2;

	f->rchg_mem = (char *)xd_grow(f->rchg_mem, &f->caprchg, n, 1);
	memset(f->rchg_mem, 0, n);
	f->rchg = f->rchg_mem + 1;
	f->dis = (char *)xd_grow(f->dis, &f->capdis, n, 1);
	f->rindex = (long *)xd_grow(f->rindex, &f->caprindex, n, sizeof(long));
	f->ha = (long *)xd_grow(f->ha, &f->capha, n, sizeof(long));
}

/* xdl_trim_ends: the common head and tail are no diff's business. */
static void xd_trim_ends(struct km_xd *x)
{
	struct km_xd_file *a = &x->f[0], *b = &x->f[1];
	long i, lim = a->nrec < b->nrec ? a->nrec : b->nrec;

	for (i = 0; i < lim; i++)
		if (a->rec[i].cls != b->rec[i].cls)
			break;
	a->dstart = b->dstart = i;
	lim -= i;
	for (i = 0; i < lim; i++)
		if (a->rec[a->nrec - 1 - i].cls != b->rec[b->nrec - 1 - i].cls)
			break;
	a->dend = a->nrec - i - 1;
	b->dend = b->nrec - i - 1;
}

static long xd_bogosqrt(long n)
{
	long i;

	for (i = 1; n > 0; n >>= 2)
		i <<= 1;
	return i;
}

/* xdl_clean_mmatch: a line with many matches amid lines with none goes. */
static int xd_clean_mmatch(const char *dis, long i, long s, long e)
{
	long r, rdis0, rpdis0, rdis1, rpdis1;

	if (i - s > XD_SIMSCAN_WINDOW)
		s = i - XD_SIMSCAN_WINDOW;
	if (e - i > XD_SIMSCAN_WINDOW)
		e = i + XD_SIMSCAN_WINDOW;
	for (r = 1, rdis0 = 0, rpdis0 = 1; i - r >= s; r++) {
		if (!dis[i - r])
			rdis0++;
		else if (dis[i - r] == 2)
			rpdis0++;
		else
			break;
	}
	if (!rdis0)
		return 0;
	for (r = 1, rdis1 = 0, rpdis1 = 1; i + r <= e; r++) {
		if (!dis[i + r])
			rdis1++;
		else if (dis[i + r] == 2)
			rpdis1++;
		else
			break;
	}
	if (!rdis1)
		return 0;
	rdis1 += rdis0;
	rpdis1 += rpdis0;
	return rpdis1 * XD_KPDIS_RUN < rpdis1 + rdis1;
}

/* xdl_cleanup_records: lines that cannot match are changed, the rest go to Myers. */
static void xd_cleanup(struct km_xd *x)
{
	int s;

	for (s = 0; s < 2; s++) {
		struct km_xd_file *f = &x->f[s];
		long mlim = xd_bogosqrt(f->nrec), i;

		if (mlim > XD_MAX_EQLIMIT)
			mlim = XD_MAX_EQLIMIT;
		for (i = f->dstart; i <= f->dend; i++) {
			long nm = x->cls[f->rec[i].cls].count[!s];

			f->dis[i] = nm == 0 ? 0 : nm >= mlim ? 2 : 1;
		}
	}
	for (s = 0; s < 2; s++) {
		struct km_xd_file *f = &x->f[s];
		long i;

		f->nreff = 0;
		for (i = f->dstart; i <= f->dend; i++) {
			if (f->dis[i] == 1 ||
			    (f->dis[i] == 2 && !xd_clean_mmatch(f->dis, i, f->dstart, f->dend))) {
				f->rindex[f->nreff] = i;
				f->ha[f->nreff++] = f->rec[i].cls;
			} else {
				f->rchg[i] = 1;
			}
		}
	}
}

struct xd_split {
	long i1, i2;
	int min_lo, min_hi;
};

/* xdl_split's last resort: the furthest reaching path by (i1 + i2). */
static void xd_split_far(const long *kvdf, const long *kvdb, long off1, long lim1, long off2,
			 long lim2, long fmin, long fmax, long bmin, long bmax,
			 struct xd_split *spl)
{
	long fbest = -1, fbest1 = -1, bbest = XD_LINE_MAX, bbest1 = XD_LINE_MAX, d, i1, i2;

	for (d = fmax; d >= fmin; d -= 2) {
		i1 = kvdf[d] < lim1 ? kvdf[d] : lim1;
		i2 = i1 - d;
		if (lim2 < i2)
			i1 = lim2 + d, i2 = lim2;
		if (fbest < i1 + i2) {
			fbest = i1 + i2;
			fbest1 = i1;
		}
	}
	for (d = bmax; d >= bmin; d -= 2) {
		i1 = kvdb[d] > off1 ? kvdb[d] : off1;
		i2 = i1 - d;
		if (i2 < off2)
			i1 = off2 + d, i2 = off2;
		if (i1 + i2 < bbest) {
			bbest = i1 + i2;
			bbest1 = i1;
		}
	}
	if ((lim1 + lim2) - bbest < fbest - (off1 + off2)) {
		spl->i1 = fbest1;
		spl->i2 = fbest - fbest1;
		spl->min_lo = 1;
		spl->min_hi = 0;
	} else {
		spl->i1 = bbest1;
		spl->i2 = bbest - bbest1;
		spl->min_lo = 0;
		spl->min_hi = 1;
	}
}

/* xdl_split's heuristic: a diagonal far along that ends in a long snake. */
static int xd_split_heur(const long *ha1, const long *ha2, const long *kvdf, const long *kvdb,
			 long off1, long lim1, long off2, long lim2, long fmin, long fmax,
			 long bmin, long bmax, long ec, struct xd_split *spl)
{
	long fmid = off1 - off2, bmid = lim1 - lim2, best, d, dd, i1, i2, v, k;

	for (best = 0, d = fmax; d >= fmin; d -= 2) {
		dd = d > fmid ? d - fmid : fmid - d;
		i1 = kvdf[d];
		i2 = i1 - d;
		v = (i1 - off1) + (i2 - off2) - dd;
		if (v > XD_K_HEUR * ec && v > best && off1 + XD_SNAKE_CNT <= i1 && i1 < lim1 &&
		    off2 + XD_SNAKE_CNT <= i2 && i2 < lim2) {
			for (k = 1; ha1[i1 - k] == ha2[i2 - k]; k++)
				if (k == XD_SNAKE_CNT) {
					best = v;
					spl->i1 = i1;
					spl->i2 = i2;
					break;
				}
		}
	}
	if (best > 0) {
		spl->min_lo = 1;
		spl->min_hi = 0;
		return 1;
	}
	for (best = 0, d = bmax; d >= bmin; d -= 2) {
		dd = d > bmid ? d - bmid : bmid - d;
		i1 = kvdb[d];
		i2 = i1 - d;
		v = (lim1 - i1) + (lim2 - i2) - dd;
		if (v > XD_K_HEUR * ec && v > best && off1 < i1 && i1 <= lim1 - XD_SNAKE_CNT &&
		    off2 < i2 && i2 <= lim2 - XD_SNAKE_CNT) {
			for (k = 0; ha1[i1 + k] == ha2[i2 + k]; k++)
				if (k == XD_SNAKE_CNT - 1) {
					best = v;
					spl->i1 = i1;
					spl->i2 = i2;
					break;
				}
		}
	}
	if (best > 0) {
		spl->min_lo = 0;
		spl->min_hi = 1;
		return 1;
	}
	return 0;
}

/* xdl_split: the middle snake of the box, both directions at once. */
static void xd_split(const long *ha1, long off1, long lim1, const long *ha2, long off2,
		     long lim2, long *kvdf, long *kvdb, int need_min, long mxcost,
		     struct xd_split *spl)
{
	long dmin = off1 - lim2, dmax = lim1 - off2;
	long fmid = off1 - off2, bmid = lim1 - lim2;
	long odd = (fmid - bmid) & 1;
	long fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
	long ec, d, i1, i2, prev1;

	kvdf[fmid] = off1;
	kvdb[bmid] = lim1;
	for (ec = 1;; ec++) {
		int got_snake = 0;

		if (fmin > dmin)
			kvdf[--fmin - 1] = -1;
		else
			++fmin;
		if (fmax < dmax)
			kvdf[++fmax + 1] = -1;
		else
			--fmax;
		for (d = fmax; d >= fmin; d -= 2) {
			i1 = kvdf[d - 1] >= kvdf[d + 1] ? kvdf[d - 1] + 1 : kvdf[d + 1];
			prev1 = i1;
			i2 = i1 - d;
			for (; i1 < lim1 && i2 < lim2 && ha1[i1] == ha2[i2]; i1++, i2++)
				;
			if (i1 - prev1 > XD_SNAKE_CNT)
				got_snake = 1;
			kvdf[d] = i1;
			if (odd && bmin <= d && d <= bmax && kvdb[d] <= i1) {
				spl->i1 = i1;
				spl->i2 = i2;
				spl->min_lo = spl->min_hi = 1;
				return;
			}
		}
		if (bmin > dmin)
			kvdb[--bmin - 1] = XD_LINE_MAX;
		else
			++bmin;
		if (bmax < dmax)
			kvdb[++bmax + 1] = XD_LINE_MAX;
		else
			--bmax;
		for (d = bmax; d >= bmin; d -= 2) {
			i1 = kvdb[d - 1] < kvdb[d + 1] ? kvdb[d - 1] : kvdb[d + 1] - 1;
			prev1 = i1;
			i2 = i1 - d;
			for (; i1 > off1 && i2 > off2 && ha1[i1 - 1] == ha2[i2 - 1]; i1--, i2--)
				;
			if (prev1 - i1 > XD_SNAKE_CNT)
				got_snake = 1;
			kvdb[d] = i1;
			if (!odd && fmin <= d && d <= fmax && i1 <= kvdf[d]) {
				spl->i1 = i1;
				spl->i2 = i2;
				spl->min_lo = spl->min_hi = 1;
				return;
			}
		}
		if (need_min)
			continue;
		if (got_snake && ec > XD_HEUR_MIN_COST &&
		    xd_split_heur(ha1, ha2, kvdf, kvdb, off1, lim1, off2, lim2, fmin, fmax, bmin,
				  bmax, ec, spl))
			return;
		if (ec >= mxcost) {
			xd_split_far(kvdf, kvdb, off1, lim1, off2, lim2, fmin, fmax, bmin, bmax, spl);
			return;
		}
	}
}

/* xdl_recs_cmp: divide at the middle snake, conquer both halves. */
static void xd_recs_cmp(struct km_xd *x, long off1, long lim1, long off2, long lim2,
			int need_min)
{
	struct km_xd_file *a = &x->f[0], *b = &x->f[1];
	const long *ha1 = a->ha, *ha2 = b->ha;

	for (; off1 < lim1 && off2 < lim2 && ha1[off1] == ha2[off2]; off1++, off2++)
		;
	for (; off1 < lim1 && off2 < lim2 && ha1[lim1 - 1] == ha2[lim2 - 1]; lim1--, lim2--)
		;
	if (off1 == lim1) {
		for (; off2 < lim2; off2++)
			b->rchg[b->rindex[off2]] = 1;
	} else if (off2 == lim2) {
		for (; off1 < lim1; off1++)
			a->rchg[a->rindex[off1]] = 1;
	} else {
		struct xd_split spl = { 0, 0, 0, 0 };

		xd_split(ha1, off1, lim1, ha2, off2, lim2, x->kvdf, x->kvdb, need_min, x->mxcost,
			 &spl);
		xd_recs_cmp(x, off1, spl.i1, off2, spl.i2, spl.min_lo);
		xd_recs_cmp(x, spl.i1, lim1, spl.i2, lim2, spl.min_hi);
	}
}

void km_xd_prepare(struct km_xd *x, const char *a, size_t na, const char *b, size_t nb)
{
	long ndiags;

	xd_split_lines(&x->f[0], a, na);
	xd_split_lines(&x->f[1], b, nb);
	xd_classify(x);
	xd_alloc_file(&x->f[0]);
	xd_alloc_file(&x->f[1]);
	xd_trim_ends(x);
	xd_cleanup(x);
	ndiags = x->f[0].nreff + x->f[1].nreff + 3;
	x->kvd = (long *)xd_grow(x->kvd, &x->capkvd, (size_t)(2 * ndiags + 2), sizeof(long));
	x->kvdf = x->kvd + x->f[1].nreff + 1;
	x->kvdb = x->kvd + ndiags + x->f[1].nreff + 1;
	x->mxcost = xd_bogosqrt(ndiags);
	if (x->mxcost < XD_MAX_COST_MIN)
		x->mxcost = XD_MAX_COST_MIN;
	xd_recs_cmp(x, 0, x->f[0].nreff, 0, x->f[1].nreff, 0);
}

void km_xd_free(struct km_xd *x)
{
	int s;

	for (s = 0; s < 2; s++) {
		free(x->f[s].rec);
		free(x->f[s].rchg_mem);
		free(x->f[s].dis);
		free(x->f[s].rindex);
		free(x->f[s].ha);
		free(x->work[s]);
	}
	free(x->cls);
	free(x->slot);
	free(x->kvd);
	memset(x, 0, sizeof(*x));
}
