/* SPDX-License-Identifier: GPL-2.0 */
/*
 * km_history_xdiff.h - git's line diff done in two steps, so that one
 * Myers run serves both of the walk's diffs of a path (history_xdiff.c:
 * lines, classes, Myers; history_xslide.c: sliding the changes, with or
 * without the indent heuristic, and the -U0 hunks).
 */
#ifndef KM_HISTORY_XDIFF_H
#define KM_HISTORY_XDIFF_H

#include <stddef.h>

#include "km_history_int.h"

/* A line, its '\n' included, and its class: equal lines, equal classes. */
struct xd_rec {
	const char *p;
	long n;
	long cls;
};

struct xd_class;

struct km_xd_file {
	struct xd_rec *rec;
	long nrec;
	char *rchg_mem, *rchg;	/* rchg[-1] and rchg[nrec] are 0 */
	char *dis;
	long *rindex, *ha, nreff;
	long dstart, dend;
	size_t caprec, caprchg, capdis, caprindex, capha;
};

/* One diff's state, its buffers kept from one diff to the next. */
struct km_xd {
	struct km_xd_file f[2];
	struct xd_class *cls;
	long ncls, *slot;
	long *kvd, *kvdf, *kvdb, mxcost;
	char *work[2];		/* history_xslide.c's copies of rchg */
	size_t capcls, capslot, capkvd, capwork[2];
};

/* Lines of @a and @b, their classes, and Myers' changes (unslid). */
void km_xd_prepare(struct km_xd *x, const char *a, size_t na, const char *b, size_t nb);
/* The prepared changes slid as xdiff slides them (@indent: the heuristic), as -U0 hunks. */
void km_xd_hunks(struct km_xd *x, int indent, struct km_hunks *out);
void km_xd_free(struct km_xd *x);

#endif /* KM_HISTORY_XDIFF_H */
