// SPDX-License-Identifier: GPL-2.0
/*
 * history_walk.c - --history: one walk of S's history that carries the
 * span of every function at once and lists, for each, the commits
 * `git log -L FIRST,LAST:PATH S` lists.
 *
 * The commits come children first (libgit2's topological order), so a
 * commit's spans are complete when it is reached: each child hands its
 * parent the spans it carried, per path (a rename hands them to the old
 * path), and spans that two children hand in are united. The state
 * passes to the first parent whole (history_pend.c); at a commit only
 * the paths its diff names are looked at:
 *
 *   - one parent (or none): the tree diff names the changed paths; a path
 *     that carries spans is diffed once (history_diff.c) and every span of
 *     it carried across (history_ranges.c); a new path is looked up among
 *     the deleted ones as a rename (history_rename.c), or the file starts
 *     here and its spans end;
 *   - a merge: the paths its first parent has unchanged go to it whole;
 *     for the others, per span, the first parent whose diff leaves it
 *     untouched takes it alone (git's parent rewriting in line-log.c);
 *     when every parent's diff touches it, each parent takes its own
 *     carried span. Merges are not counted.
 *
 * The lines not yet blamed for C4 go along with the spans, each path's
 * diffed as git blame diffs it (history_blame.c).
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

/* @parent's pending chunk of @path, made when missing. */
static struct hw_chunk *hw_pend_chunk(struct hw_walk *w, const git_oid *parent, uint32_t path)
{
	struct hw_pend **slot = (struct hw_pend **)km_oidmap_slot(&w->pend, parent);

	if (!*slot)
		*slot = (struct hw_pend *)km_hist_alloc(sizeof(**slot));
	return hw_pend_get(*slot, path);
}

/* Hand span @rs (moved) of function @func at @path to @parent's pending spans. */
static void hw_give(struct hw_walk *w, const git_oid *parent, uint32_t path, uint32_t func,
		    struct km_rset *rs)
{
	if (!rs->n) {
		km_rset_free(rs);
		return;
	}
	hw_chunk_add(hw_pend_chunk(w, parent, path), func, rs);
}

/* Hand unblamed lines @b (moved) at @path to @parent. */
static void hw_give_blocks(struct hw_walk *w, const git_oid *parent, uint32_t path,
			   struct hw_blocks *b)
{
	if (!b->n) {
		hw_blocks_free(b);
		return;
	}
	hw_blocks_join(&hw_pend_chunk(w, parent, path)->bl, b);
}

/* Hand the rest of a commit's state @p to @parent. */
static void hw_give_pend(struct hw_walk *w, const git_oid *parent, struct hw_pend *p)
{
	hw_pend_join((struct hw_pend **)km_oidmap_slot(&w->pend, parent), p);
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

static long long hw_author_time(git_commit *c)
{
	const git_signature *a = git_commit_author(c);

	return a ? (long long)a->when.time : (long long)git_commit_time(c);
}

/* The spans of chunk @ch across side @s of non-merge commit @c, in place. */
static int hw_carry(struct hw_walk *w, git_commit *c, struct hw_chunk *ch,
		    const struct hw_side *s, uint32_t *author)
{
	size_t i, k = 0;

	if (!ch->n || !s->changed)
		return 0;
	if (hw_side_hunks(w, s, 0, &w->hunks))
		return -1;
	for (i = 0; i < ch->n; i++) {
		struct km_rset to = { NULL, 0, 0 };
		struct km_rmap m;

		km_rset_map(&ch->items[i].rs, w->hunks.h, w->hunks.n, &to, &m);
		if (m.touched)
			hw_count(w, c, ch->items[i].func, &m, author);
		km_rset_free(&ch->items[i].rs);
		if (s->parent && s->has_old && to.n) {
			ch->items[k].func = ch->items[i].func;
			ch->items[k++].rs = to;
		} else {
			km_rset_free(&to);
		}
	}
	ch->n = k;
	return 0;
}

/* The unblamed lines of @ch across side @s of non-merge commit @c, in place. */
static int hw_blame(struct hw_walk *w, git_commit *c, struct hw_chunk *ch,
		    const struct hw_side *s)
{
	struct hw_blocks to = { NULL, 0, 0 }, stay = { NULL, 0, 0 };

	if (!ch->bl.n)
		return 0;
	if (s->parent && s->has_old && (!s->changed || git_oid_equal(&s->old, &s->now)))
		return 0;
	if (!s->parent || !s->has_old) {
		hw_blame_all(w, &ch->bl, hw_author_time(c));
		return 0;
	}
	if (hw_side_hunks(w, s, 1, &w->bhunks))
		return -1;
	hw_blame_pass(&ch->bl, &w->bhunks, &to, &stay);
	hw_blocks_sort(&to);
	hw_blocks_free(&ch->bl);
	ch->bl = to;
	hw_blame_all(w, &stay, hw_author_time(c));
	hw_blocks_free(&stay);
	return 0;
}

/*
 * Non-merge commit @c (@parent NULL for a root): the chunks of @p whose
 * path its diff names, in place; then @p goes to the parent.
 */
static int hw_ordinary(struct hw_walk *w, git_commit *c, git_commit *parent, struct hw_pend *p)
{
	struct hw_pdiff d;
	uint32_t author = UINT32_MAX;
	size_t i;
	int ret = 0;

	if (hw_pdiff_open(w, c, parent, &d)) {
		hw_pend_free(p);
		return -1;
	}
	for (i = 0; i < d.nby && !ret; i++) {
		struct hw_chunk *ch = hw_pend_find(p, d.by_path[2 * i]);
		struct hw_side s;

		if (!ch || (!ch->n && !ch->bl.n))
			continue;
		hw_chunk_normalise(ch);
		ret = hw_side(w, &d, ch, &s);
		if (!ret)
			ret = hw_carry(w, c, ch, &s, &author);
		if (!ret)
			ret = hw_blame(w, c, ch, &s);
		if (!ret && s.renamed)
			hw_pend_rename(p, ch, s.ppath);
	}
	hw_pdiff_close(&d);
	if (!ret && parent)
		hw_give_pend(w, git_commit_id(parent), p);
	else
		hw_pend_free(p);
	return ret;
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
		} else if (hw_merge_hunks(w, mg, i, 0)) {
			ret = -1;
			break;
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

/* A parent whose blob is the merge's own takes every line: its index, or -1. */
static long hw_merge_same(const struct hw_merge *mg)
{
	size_t i;

	for (i = 0; i < mg->np; i++)
		if (!mg->side[i].changed)
			return (long)i;
	for (i = 0; i < mg->np; i++)
		if (mg->side[i].renamed && git_oid_equal(&mg->side[i].old, &mg->side[i].now))
			return (long)i;
	return -1;
}

/* Side @i has the blob of an earlier side: it would take nothing more. */
static int hw_merge_dup(const struct hw_merge *mg, size_t i)
{
	size_t k;

	for (k = 0; k < i; k++)
		if (mg->side[k].has_old && git_oid_equal(&mg->side[k].old, &mg->side[i].old))
			return 1;
	return 0;
}

/* The unblamed lines of the current chunk: offered to each parent in turn. */
static int hw_merge_blame(struct hw_walk *w, struct hw_merge *mg, struct hw_chunk *ch)
{
	long same;
	size_t i;

	if (!ch->bl.n)
		return 0;
	for (i = 0; i < mg->np; i++)
		if (hw_merge_side(w, mg, i))
			return -1;
	same = hw_merge_same(mg);
	if (same >= 0) {
		hw_give_blocks(w, mg->side[same].parent, mg->side[same].ppath, &ch->bl);
		return 0;
	}
	for (i = 0; i < mg->np && ch->bl.n; i++) {
		struct hw_blocks to = { NULL, 0, 0 }, stay = { NULL, 0, 0 };

		if (!mg->side[i].has_old || hw_merge_dup(mg, i))
			continue;
		if (hw_merge_hunks(w, mg, i, 1))
			return -1;
		hw_blame_pass(&ch->bl, &mg->bhunks[i], &to, &stay);
		hw_blocks_sort(&to);
		hw_give_blocks(w, mg->side[i].parent, mg->side[i].ppath, &to);
		hw_blocks_free(&ch->bl);
		ch->bl = stay;
	}
	hw_blame_all(w, &ch->bl, hw_author_time(mg->c));
	return 0;
}

/*
 * A merge: the chunks of paths its first parent changed, span by span;
 * the rest of @p goes to the first parent whole.
 */
static int hw_merge_commit(struct hw_walk *w, git_commit *c, struct hw_pend *p)
{
	struct hw_merge mg;
	struct hw_chunk ch;
	size_t i, k;
	int ret = 0;

	if (hw_merge_open(w, c, &mg)) {
		hw_pend_free(p);
		return -1;
	}
	if (hw_pdiff_open(w, c, mg.parents[0], &mg.pd[0])) {
		hw_merge_close(&mg);
		hw_pend_free(p);
		return -1;
	}
	mg.opened[0] = 1;
	for (i = 0; i < mg.pd[0].nby && !ret; i++) {
		struct hw_chunk *in = hw_pend_find(p, mg.pd[0].by_path[2 * i]);

		if (!in || (!in->n && !in->bl.n))
			continue;
		ch = *in;
		memset(in, 0, sizeof(*in));
		in->path = ch.path;
		hw_chunk_normalise(&ch);
		hw_merge_chunk(&mg, &ch);
		for (k = 0; k < ch.n && !ret; k++)
			ret = hw_merge_item(w, &mg, &ch.items[k]);
		if (!ret)
			ret = hw_merge_blame(w, &mg, &ch);
		hw_chunk_clear(&ch);
	}
	if (!ret)
		hw_give_pend(w, git_commit_id(mg.parents[0]), p);
	else
		hw_pend_free(p);
	hw_merge_close(&mg);
	return ret;
}

static int hw_commit(struct hw_walk *w, const git_oid *id)
{
	struct hw_pend *p = (struct hw_pend *)km_oidmap_take(&w->pend, id);
	git_commit *c = NULL, *parent = NULL;
	int ret = 0;

	if (!p)
		return 0;
	if (git_commit_lookup(&c, w->h->repo, id)) {
		hw_pend_free(p);
		km_hist_giterr(w->err, w->errlen, "reading a commit");
		return -1;
	}
	if (w->since && w->since->set && !w->since->is_rev &&
	    (long long)git_commit_time(c) < w->since->time) {
		hw_pend_free(p);
		goto out;
	}
	if (km_hist_parents(w->h, c) > 1) {
		ret = hw_merge_commit(w, c, p);
	} else if (km_hist_parents(w->h, c) == 1 && git_commit_parent(&parent, c, 0)) {
		hw_pend_free(p);
		km_hist_giterr(w->err, w->errlen, "reading a parent commit");
		ret = -1;
	} else {
		ret = hw_ordinary(w, c, parent, p);
	}
out:
	git_commit_free(parent);
	git_commit_free(c);
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

/* S's unblamed lines: every line of a function (history_blame.c). */
static int hw_seed_ages(struct hw_walk *w, const struct km_hist_func *funcs, size_t n)
{
	const git_oid *s = git_commit_id(w->h->head);
	struct hw_blocks *by_path;
	size_t np, k;

	if (hw_ages_seed(w, funcs, n, &by_path, &np))
		return -1;
	for (k = 0; k < np; k++)
		hw_give_blocks(w, s, (uint32_t)k, &by_path[k]);
	free(by_path);
	return 0;
}

static void hw_walk_free(struct hw_walk *w, size_t nfuncs)
{
	size_t i;

	for (i = 0; i < w->pend.cap; i++)
		if (w->pend.used[i])
			hw_pend_free((struct hw_pend *)w->pend.vals[i]);
	km_oidmap_free(&w->pend);
	for (i = 0; w->authors && i < nfuncs; i++)
		free(w->authors[i].id);
	free(w->authors);
	hw_strtab_free(&w->paths);
	hw_strtab_free(&w->emails);
	free(w->hunks.h);
	free(w->bhunks.h);
	hw_ages_free(w->ages);
}

/* One walk: the history columns into @out and/or C4's times into @oldest. */
static int hw_walk(struct km_hist *h, const struct km_hist_func *funcs, size_t n,
		   const struct km_hist_since *since, struct km_hist_stats *out,
		   long long *oldest, const struct km_hist_cb *cb, char *err, size_t errlen)
{
	struct hw_walk w;
	struct hw_ages ages;
	git_oid *order = NULL;
	size_t norder = 0, i;
	int ret = -1;

	memset(&w, 0, sizeof(w));
	memset(&ages, 0, sizeof(ages));
	w.h = h;
	w.cb = cb;
	w.out = out;
	w.since = since;
	w.err = err;
	w.errlen = errlen;
	if (oldest) {
		ages.oldest = oldest;
		w.ages = &ages;
	}
	if (out) {
		w.authors = (struct hw_authors *)km_hist_alloc((n + 1) * sizeof(*w.authors));
		for (i = 0; i < n; i++) {
			memset(&out[i], 0, sizeof(out[i]));
			out[i].newest = -1;
		}
	}
	if ((out && hw_seed(&w, funcs, n)) || (oldest && hw_seed_ages(&w, funcs, n)) ||
	    hw_order(&w, &order, &norder))
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

int km_hist_history(struct km_hist *h, const struct km_hist_func *funcs, size_t n,
		    const struct km_hist_since *since, struct km_hist_stats *out,
		    long long *oldest, const struct km_hist_cb *cb, char *err, size_t errlen)
{
	/* C4 counts the whole history: not in a walk that --since cuts short */
	if (out && oldest && since && since->set)
		return hw_walk(h, funcs, n, since, out, NULL, cb, err, errlen) ||
		       hw_walk(h, funcs, n, NULL, NULL, oldest, cb, err, errlen) ? -1 : 0;
	return hw_walk(h, funcs, n, since, out, oldest, cb, err, errlen);
}
