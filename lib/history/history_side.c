// SPDX-License-Identifier: GPL-2.0
/*
 * history_side.c - for the --history walk (history_walk.c): what one
 * commit's diff against one parent says about a path that carries spans
 * (unchanged; changed, with its hunks; new, from a rename source or
 * from nothing), the interned paths and e-mails, and the order of the
 * walk. It calls nothing of history_walk.c.
 *
 * The tree diff is history_tree.c's (only changed subtrees are read, and
 * a path is looked up by its interned id); as in line-log.c,
 * rename sources are looked for only when a carried path is new.
 */
#include <stdlib.h>
#include <string.h>

#include "km_history_walk.h"

static uint64_t hs_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void hs_rehash(struct hw_strtab *t)
{
	size_t i, j;

	free(t->slot);
	t->scap = t->scap ? t->scap * 2 : 256;
	t->slot = (uint32_t *)km_hist_alloc(t->scap * sizeof(*t->slot));
	for (i = 0; i < t->n; i++) {
		for (j = hs_hash(t->s[i]) & (t->scap - 1); t->slot[j]; j = (j + 1) & (t->scap - 1))
			;
		t->slot[j] = (uint32_t)i + 1;
	}
}

uint32_t hw_intern(struct hw_strtab *t, const char *s, int insert)
{
	size_t j;

	if ((t->n + 1) * 2 > t->scap)
		hs_rehash(t);
	for (j = hs_hash(s) & (t->scap - 1); t->slot[j]; j = (j + 1) & (t->scap - 1))
		if (!strcmp(t->s[t->slot[j] - 1], s))
			return t->slot[j] - 1;
	if (!insert)
		return UINT32_MAX;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->s = (char **)km_hist_realloc(t->s, t->cap * sizeof(*t->s));
	}
	t->s[t->n] = km_hist_strdup(s);
	t->slot[j] = (uint32_t)++t->n;
	return (uint32_t)t->n - 1;
}

void hw_strtab_free(struct hw_strtab *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->s[i]);
	free(t->s);
	free(t->slot);
}

static int hs_pair_cmp(const void *a, const void *b)
{
	uint32_t x = ((const uint32_t *)a)[0], y = ((const uint32_t *)b)[0];

	return x < y ? -1 : x > y;
}

/* Index the diff's new paths that the walk knows, by path id. */
static void hs_index(struct hw_walk *w, struct hw_pdiff *d)
{
	size_t i, n = d->td.n;

	d->by_path = (uint32_t *)km_hist_alloc((2 * n + 2) * sizeof(uint32_t));
	for (i = 0; i < n; i++) {
		const struct hw_delta *dl = &d->td.d[i];
		uint32_t id;

		if (dl->status == 'D')
			continue;
		id = hw_intern(&w->paths, dl->path, 0);
		if (id == UINT32_MAX)
			continue;
		d->by_path[2 * d->nby] = id;
		d->by_path[2 * d->nby + 1] = (uint32_t)i;
		d->nby++;
	}
	qsort(d->by_path, d->nby, 2 * sizeof(uint32_t), hs_pair_cmp);
}

int hw_pdiff_open(struct hw_walk *w, git_commit *c, git_commit *parent, struct hw_pdiff *d)
{
	memset(d, 0, sizeof(*d));
	d->parent = parent ? git_commit_id(parent) : NULL;
	if (hw_tree_diff(w->h, parent ? git_commit_tree_id(parent) : NULL,
			 git_commit_tree_id(c), &d->td)) {
		km_hist_giterr(w->err, w->errlen, "diffing a commit with its parent");
		hw_pdiff_close(d);
		return -1;
	}
	hs_index(w, d);
	return 0;
}

void hw_pdiff_close(struct hw_pdiff *d)
{
	hw_tdiff_free(&d->td);
	free(d->by_path);
	free(d->src);
	memset(d, 0, sizeof(*d));
}

static const struct hw_delta *hs_delta(const struct hw_pdiff *d, uint32_t path)
{
	size_t lo = 0, hi = d->nby;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->by_path[2 * mid] == path)
			return &d->td.d[d->by_path[2 * mid + 1]];
		if (d->by_path[2 * mid] < path)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int hs_is_file(uint16_t mode)
{
	return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

/* The deleted regular files: the candidates for a rename source. */
static void hs_sources(struct hw_pdiff *d)
{
	size_t i, n = d->td.n;

	d->src_done = 1;
	d->src = (struct km_rename_src *)km_hist_alloc((n + 1) * sizeof(*d->src));
	for (i = 0; i < n; i++) {
		const struct hw_delta *dl = &d->td.d[i];

		if (dl->status != 'D' || !hs_is_file(dl->old_mode))
			continue;
		d->src[d->nsrc].path = dl->path;
		git_oid_cpy(&d->src[d->nsrc].oid, &dl->old);
		d->nsrc++;
	}
}

int hw_side(struct hw_walk *w, struct hw_pdiff *d, const struct hw_chunk *ch,
	    struct hw_side *s)
{
	const struct hw_delta *dl = hs_delta(d, ch->path);

	memset(s, 0, sizeof(*s));
	s->parent = d->parent;
	s->ppath = ch->path;
	s->has_old = d->parent != NULL;
	if (!dl)
		return 0;
	s->changed = 1;
	git_oid_cpy(&s->now, &dl->now);
	if (dl->status == 'A') {
		long r = -1;

		if (!d->src_done)
			hs_sources(d);
		if (d->nsrc)
			r = km_hist_rename_source(w->h, dl->path, &dl->now, d->src, d->nsrc);
		s->has_old = r >= 0;
		s->renamed = r >= 0;
		if (r >= 0) {
			s->ppath = hw_intern(&w->paths, d->src[r].path, 1);
			git_oid_cpy(&s->old, &d->src[r].oid);
		}
	} else {
		git_oid_cpy(&s->old, &dl->old);
	}
	return 0;
}

int hw_side_hunks(struct hw_walk *w, const struct hw_side *s, int blame, struct km_hunks *out)
{
	int flags = blame ? KM_DIFF_INDENT | KM_DIFF_TRIM : KM_DIFF_TRIM;

	return km_hist_diff(w->h, s->has_old ? &s->old : NULL, &s->now, flags, out, w->err,
			    w->errlen);
}

int hw_merge_open(struct hw_walk *w, git_commit *c, struct hw_merge *mg)
{
	size_t i;

	memset(mg, 0, sizeof(*mg));
	mg->c = c;
	mg->np = git_commit_parentcount(c);
	mg->parents = (git_commit **)km_hist_alloc(mg->np * sizeof(*mg->parents));
	mg->pd = (struct hw_pdiff *)km_hist_alloc(mg->np * sizeof(*mg->pd));
	mg->opened = (int *)km_hist_alloc(mg->np * sizeof(int));
	mg->side_done = (int *)km_hist_alloc(mg->np * sizeof(int));
	mg->side = (struct hw_side *)km_hist_alloc(mg->np * sizeof(*mg->side));
	mg->hunks = (struct km_hunks *)km_hist_alloc(mg->np * sizeof(*mg->hunks));
	mg->bhunks = (struct km_hunks *)km_hist_alloc(mg->np * sizeof(*mg->bhunks));
	mg->hunks_done = (int *)km_hist_alloc(mg->np * sizeof(int));
	mg->bhunks_done = (int *)km_hist_alloc(mg->np * sizeof(int));
	for (i = 0; i < mg->np; i++) {
		if (git_commit_parent(&mg->parents[i], c, (unsigned)i)) {
			km_hist_giterr(w->err, w->errlen, "reading a parent commit");
			hw_merge_close(mg);
			return -1;
		}
	}
	return 0;
}

void hw_merge_chunk(struct hw_merge *mg, const struct hw_chunk *ch)
{
	mg->chunk = ch;
	memset(mg->side_done, 0, mg->np * sizeof(int));
	memset(mg->hunks_done, 0, mg->np * sizeof(int));
	memset(mg->bhunks_done, 0, mg->np * sizeof(int));
}

int hw_merge_side(struct hw_walk *w, struct hw_merge *mg, size_t i)
{
	if (!mg->opened[i]) {
		if (hw_pdiff_open(w, mg->c, mg->parents[i], &mg->pd[i]))
			return -1;
		mg->opened[i] = 1;
	}
	if (mg->side_done[i])
		return 0;
	mg->side_done[i] = 1;
	return hw_side(w, &mg->pd[i], mg->chunk, &mg->side[i]);
}

int hw_merge_hunks(struct hw_walk *w, struct hw_merge *mg, size_t i, int blame)
{
	int *done = blame ? mg->bhunks_done : mg->hunks_done;

	if (done[i])
		return 0;
	done[i] = 1;
	return hw_side_hunks(w, &mg->side[i], blame, blame ? &mg->bhunks[i] : &mg->hunks[i]);
}

void hw_merge_close(struct hw_merge *mg)
{
	size_t i;

	for (i = 0; i < mg->np; i++) {
		if (mg->opened[i])
			hw_pdiff_close(&mg->pd[i]);
		git_commit_free(mg->parents[i]);
		free(mg->hunks[i].h);
		free(mg->bhunks[i].h);
	}
	free(mg->parents);
	free(mg->pd);
	free(mg->opened);
	free(mg->side_done);
	free(mg->side);
	free(mg->hunks);
	free(mg->bhunks);
	free(mg->hunks_done);
	free(mg->bhunks_done);
}

/* S's history, children first; hidden: --since=REV and what it contains. */
int hw_order(struct hw_walk *w, git_oid **order, size_t *n)
{
	git_oid hide;
	const git_oid *hidden = NULL;

	if (w->since && w->since->set && w->since->is_rev) {
		memcpy(hide.id, w->since->oid, 20);
		hidden = &hide;
	}
	return km_hist_revs(w->h, git_commit_id(w->h->head), hidden, order, n, w->cb, w->err,
			    w->errlen);
}
