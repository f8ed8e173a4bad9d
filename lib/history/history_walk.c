// SPDX-License-Identifier: GPL-2.0
/*
 * history_walk.c - --history: one walk of S's history that carries the
 * span of every function at once and lists, for each, the commits
 * `git log -L FIRST,LAST:PATH S` lists.
 *
 * The commits come children first (libgit2's topological order), so a
 * commit's spans are complete when it is reached: each child hands its
 * parent the spans it carried, per path (a rename hands them to the old
 * path), and spans that two children hand in are united. At a commit:
 *
 *   - one parent (or none): the tree diff names the changed paths; a path
 *     that carries spans is diffed once (history_diff.c) and every span of
 *     it carried across (history_ranges.c); a new path is looked up among
 *     the deleted ones as a rename (history_rename.c), or the file starts
 *     here and its spans end;
 *   - a merge: per span, the first parent whose diff leaves it untouched
 *     takes it alone (git's parent rewriting in line-log.c); when every
 *     parent's diff touches it, each parent takes its own carried span.
 *     Merges are not counted.
 *
 * A touched span counts the commit, its author's e-mail (mailmap applied,
 * lower-cased), the +/- lines git log -L prints, and its commit time.
 * --since=REV stops at REV and its ancestors, --since=DATE at commits
 * older than DATE. Pending state lives in a map keyed by commit id.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "km_history_int.h"
#include "km_history_walk.h"

static void hw_item_free_all(struct hw_chunk *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		km_rset_free(&c->items[i].rs);
	free(c->items);
	c->items = NULL;
	c->n = c->cap = 0;
}

static void hw_pend_free(struct hw_pend *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++)
		hw_item_free_all(&p->c[i]);
	free(p->c);
	free(p);
}

/* Hand span @rs (moved) of function @func at @path to @parent's pending spans. */
static void hw_give(struct hw_walk *w, const git_oid *parent, uint32_t path, uint32_t func,
		    struct km_rset *rs)
{
	struct hw_pend **slot = (struct hw_pend **)km_oidmap_slot(&w->pend, parent);
	struct hw_pend *p;
	struct hw_chunk *c;

	if (!rs->n) {
		km_rset_free(rs);
		return;
	}
	if (!*slot)
		*slot = (struct hw_pend *)km_hist_alloc(sizeof(**slot));
	p = *slot;
	if (!p->n || p->c[p->n - 1].path != path) {
		if (p->n == p->cap) {
			p->cap = p->cap ? p->cap * 2 : 4;
			p->c = (struct hw_chunk *)km_hist_realloc(p->c, p->cap * sizeof(*p->c));
		}
		memset(&p->c[p->n], 0, sizeof(p->c[p->n]));
		p->c[p->n++].path = path;
	}
	c = &p->c[p->n - 1];
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 4;
		c->items = (struct hw_item *)km_hist_realloc(c->items, c->cap * sizeof(*c->items));
	}
	c->items[c->n].func = func;
	c->items[c->n++].rs = *rs;
	memset(rs, 0, sizeof(*rs));
}

static int hw_chunk_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct hw_chunk *)a)->path, y = ((const struct hw_chunk *)b)->path;

	return x < y ? -1 : x > y;
}

static int hw_item_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct hw_item *)a)->func, y = ((const struct hw_item *)b)->func;

	return x < y ? -1 : x > y;
}

/* Sort items by function, uniting the spans two children handed in. */
static void hw_chunk_normalise(struct hw_chunk *c)
{
	size_t i, k = 0;

	qsort(c->items, c->n, sizeof(*c->items), hw_item_cmp);
	for (i = 0; i < c->n; i++) {
		if (k && c->items[k - 1].func == c->items[i].func) {
			struct km_rset u = { NULL, 0, 0 };

			km_rset_union(&u, &c->items[k - 1].rs, &c->items[i].rs);
			km_rset_free(&c->items[k - 1].rs);
			km_rset_free(&c->items[i].rs);
			c->items[k - 1].rs = u;
		} else {
			c->items[k++] = c->items[i];
		}
	}
	c->n = k;
}

/* One chunk per path, sorted by path id; chunks of one path joined. */
static void hw_pend_normalise(struct hw_pend *p)
{
	size_t i, k = 0;

	qsort(p->c, p->n, sizeof(*p->c), hw_chunk_cmp);
	for (i = 0; i < p->n; i++) {
		struct hw_chunk *d;

		if (!k || p->c[k - 1].path != p->c[i].path) {
			p->c[k++] = p->c[i];
			continue;
		}
		d = &p->c[k - 1];
		d->items = (struct hw_item *)km_hist_realloc(d->items,
				(d->n + p->c[i].n) * sizeof(*d->items));
		memcpy(d->items + d->n, p->c[i].items, p->c[i].n * sizeof(*d->items));
		d->n += p->c[i].n;
		d->cap = d->n;
		free(p->c[i].items);
	}
	p->n = k;
	for (i = 0; i < p->n; i++)
		hw_chunk_normalise(&p->c[i]);
}

/* The author's e-mail as %aE prints it, lower-cased, as an id. */
static uint32_t hw_author(struct hw_walk *w, git_commit *c)
{
	git_signature *sig = NULL;
	const git_signature *a = git_commit_author(c);
	char *mail;
	uint32_t id;
	size_t i;

	if (w->h->mailmap && !git_commit_author_with_mailmap(&sig, c, w->h->mailmap))
		a = sig;
	mail = km_hist_strdup(a && a->email ? a->email : "");
	for (i = 0; mail[i]; i++)
		mail[i] = (char)tolower((unsigned char)mail[i]);
	id = hw_intern(&w->emails, mail, 1);
	free(mail);
	git_signature_free(sig);
	return id;
}

/* Count commit @c for function @func. */
static void hw_count(struct hw_walk *w, git_commit *c, uint32_t func, const struct km_rmap *m,
		     uint32_t *author)
{
	struct km_hist_stats *s = &w->out[func];
	struct hw_authors *a = &w->authors[func];
	long long t = (long long)git_commit_time(c);
	size_t i;

	if (*author == UINT32_MAX)
		*author = hw_author(w, c);
	s->commits++;
	s->added += m->plus;
	s->deleted += m->minus;
	if (t > s->newest)
		s->newest = t;
	for (i = 0; i < a->n; i++)
		if (a->id[i] == *author)
			return;
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 4;
		a->id = (uint32_t *)km_hist_realloc(a->id, a->cap * sizeof(*a->id));
	}
	a->id[a->n++] = *author;
	s->authors = (long)a->n;
}

/* Non-merge commit @c (@parent NULL for a root): carry every chunk of @p. */
static int hw_ordinary(struct hw_walk *w, git_commit *c, git_commit *parent, struct hw_pend *p)
{
	struct hw_pdiff d;
	uint32_t author = UINT32_MAX;
	size_t i, k;

	if (hw_pdiff_open(w, c, parent, &d))
		return -1;
	for (i = 0; i < p->n; i++) {
		struct hw_chunk *ch = &p->c[i];
		struct hw_side s;

		if (hw_side(w, &d, ch, &s, &w->hunks)) {
			hw_pdiff_close(&d);
			return -1;
		}
		for (k = 0; k < ch->n; k++) {
			struct km_rset to = { NULL, 0, 0 };
			struct km_rmap m;

			if (!s.changed) {
				if (s.parent)
					hw_give(w, s.parent, s.ppath, ch->items[k].func,
						&ch->items[k].rs);
				continue;
			}
			km_rset_map(&ch->items[k].rs, w->hunks.h, w->hunks.n, &to, &m);
			if (m.touched)
				hw_count(w, c, ch->items[k].func, &m, &author);
			if (s.parent && s.has_old)
				hw_give(w, s.parent, s.ppath, ch->items[k].func, &to);
			km_rset_free(&to);
		}
	}
	hw_pdiff_close(&d);
	return 0;
}

/* One span of a merge: the first parent it is untouched by, or all of them. */
static int hw_merge_item(struct hw_walk *w, struct hw_merge *mg, struct hw_item *it)
{
	struct km_rset *cand = (struct km_rset *)km_hist_alloc(mg->np * sizeof(*cand));
	struct km_rset none = { NULL, 0, 0 };
	size_t i;
	int done = 0, ret = 0;

	for (i = 0; i < mg->np && !done && !ret; i++) {
		struct km_rmap m;

		if (hw_merge_side(w, mg, i)) {
			ret = -1;
			break;
		}
		if (!mg->side[i].changed) {
			km_rset_union(&cand[i], &it->rs, &none);
			m.touched = 0;
		} else {
			km_rset_map(&it->rs, mg->hunks[i].h, mg->hunks[i].n, &cand[i], &m);
		}
		if (!m.touched) {
			hw_give(w, mg->side[i].parent, mg->side[i].ppath, it->func, &cand[i]);
			done = 1;
		}
	}
	for (i = 0; i < mg->np; i++) {
		if (!done && !ret && mg->side[i].has_old)
			hw_give(w, mg->side[i].parent, mg->side[i].ppath, it->func, &cand[i]);
		km_rset_free(&cand[i]);
	}
	free(cand);
	return ret;
}

static int hw_merge_commit(struct hw_walk *w, git_commit *c, struct hw_pend *p)
{
	struct hw_merge mg;
	size_t i, k;
	int ret = 0;

	if (hw_merge_open(w, c, &mg))
		return -1;
	for (i = 0; i < p->n && !ret; i++) {
		hw_merge_chunk(&mg, &p->c[i]);
		for (k = 0; k < p->c[i].n && !ret; k++)
			ret = hw_merge_item(w, &mg, &p->c[i].items[k]);
	}
	hw_merge_close(&mg);
	return ret;
}

static int hw_commit(struct hw_walk *w, const git_oid *id)
{
	struct hw_pend **slot = (struct hw_pend **)km_oidmap_slot(&w->pend, id);
	struct hw_pend *p = *slot;
	git_commit *c = NULL, *parent = NULL;
	int ret = 0;

	*slot = NULL;
	if (!p)
		return 0;
	if (git_commit_lookup(&c, w->h->repo, id)) {
		hw_pend_free(p);
		km_hist_giterr(w->err, w->errlen, "reading a commit");
		return -1;
	}
	if (w->since && w->since->set && !w->since->is_rev &&
	    (long long)git_commit_time(c) < w->since->time)
		goto out;
	hw_pend_normalise(p);
	if (git_commit_parentcount(c) > 1) {
		ret = hw_merge_commit(w, c, p);
	} else {
		if (git_commit_parentcount(c) == 1 && git_commit_parent(&parent, c, 0)) {
			km_hist_giterr(w->err, w->errlen, "reading a parent commit");
			ret = -1;
			goto out;
		}
		ret = hw_ordinary(w, c, parent, p);
	}
out:
	git_commit_free(parent);
	git_commit_free(c);
	hw_pend_free(p);
	return ret;
}

/* S's spans: [first - 1, min(last, lines)) of each function's file. */
static int hw_seed(struct hw_walk *w, const struct km_hist_func *funcs, size_t n)
{
	const git_oid *s = git_commit_id(w->h->head);
	const char *last_path = NULL;
	long lines = -1;
	size_t i;

	for (i = 0; i < n; i++) {
		struct km_rset rs = { NULL, 0, 0 };
		long first = funcs[i].first < 1 ? 1 : funcs[i].first, end = funcs[i].last;

		if (!funcs[i].path)
			continue;
		if (!last_path || strcmp(last_path, funcs[i].path)) {
			lines = km_hist_lines(w->h, funcs[i].path);
			last_path = funcs[i].path;
		}
		if (end > lines)
			end = lines;
		if (first > end)
			continue;
		km_rset_add(&rs, first - 1, end);
		hw_give(w, s, hw_intern(&w->paths, funcs[i].path, 1), (uint32_t)i, &rs);
	}
	return 0;
}

static void hw_walk_free(struct hw_walk *w, size_t nfuncs)
{
	size_t i;

	for (i = 0; i < w->pend.cap; i++)
		if (w->pend.used[i])
			hw_pend_free((struct hw_pend *)w->pend.vals[i]);
	km_oidmap_free(&w->pend);
	for (i = 0; i < nfuncs; i++)
		free(w->authors[i].id);
	free(w->authors);
	hw_strtab_free(&w->paths);
	hw_strtab_free(&w->emails);
	free(w->hunks.h);
}

int km_hist_history(struct km_hist *h, const struct km_hist_func *funcs, size_t n,
		    const struct km_hist_since *since, struct km_hist_stats *out,
		    const struct km_hist_cb *cb, char *err, size_t errlen)
{
	struct hw_walk w;
	git_oid *order = NULL;
	size_t norder = 0, i;
	int ret = -1;

	memset(&w, 0, sizeof(w));
	w.h = h;
	w.out = out;
	w.since = since;
	w.err = err;
	w.errlen = errlen;
	w.authors = (struct hw_authors *)km_hist_alloc((n + 1) * sizeof(*w.authors));
	for (i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].newest = -1;
	}
	if (hw_seed(&w, funcs, n) || hw_order(&w, &order, &norder))
		goto done;
	for (i = 0; i < norder; i++) {
		if (cb && cb->progress)
			cb->progress(cb->ctx, "history: commits walked", i, norder);
		if (hw_commit(&w, &order[i]))
			goto done;
	}
	ret = 0;
done:
	free(order);
	hw_walk_free(&w, n);
	return ret;
}
