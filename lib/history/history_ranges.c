// SPDX-License-Identifier: GPL-2.0
/*
 * history_ranges.c - a function's lines carried from a commit to its
 * parent across their diff, exactly as git's line-log.c (git 2.39, what
 * `git log -L` runs) carries one range, so that --history lists the
 * commits git log -L lists:
 *
 *   - the hunks whose target side overlaps the ranges touch them (a pure
 *     deletion strictly inside a range does too); the commit is listed;
 *   - the lines of the ranges outside the touched hunks shift to their
 *     parent positions, and the parent sides of the touched hunks join
 *     them (so a range grows by what a touching hunk replaced);
 *   - what git log -L prints for the commit gives the +/- line counts:
 *     every parent line of a touched hunk, and its target lines inside
 *     the range.
 *
 * Ranges are 0-based and half-open, [start, end). The one departure from
 * git 2.39 is in range_set_difference, where git loops forever on a hunk
 * that starts at the end of a range of several (fixed in git 2.51); one
 * span never makes several ranges, only merges joining two do.
 */
#include <stdlib.h>
#include <string.h>

#include "km_history_int.h"

void km_rset_add(struct km_rset *s, long start, long end)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 2;
		s->r = (struct km_range *)km_hist_realloc(s->r, s->cap * sizeof(*s->r));
	}
	s->r[s->n].start = start;
	s->r[s->n].end = end;
	s->n++;
}

void km_rset_free(struct km_rset *s)
{
	free(s->r);
	memset(s, 0, sizeof(*s));
}

/* line-log.c's range_set_union: sorted merge, empty ranges dropped. */
void km_rset_union(struct km_rset *out, const struct km_rset *a, const struct km_rset *b)
{
	size_t i = 0, j = 0;

	while (i < a->n || j < b->n) {
		const struct km_range *nr;

		if (i < a->n && j < b->n) {
			if (a->r[i].start < b->r[j].start)
				nr = &a->r[i++];
			else if (a->r[i].start > b->r[j].start)
				nr = &b->r[j++];
			else if (a->r[i].end < b->r[j].end)
				nr = &a->r[i++];
			else
				nr = &b->r[j++];
		} else if (i < a->n) {
			nr = &a->r[i++];
		} else {
			nr = &b->r[j++];
		}
		if (nr->start == nr->end)
			continue;
		if (!out->n || out->r[out->n - 1].end < nr->start)
			km_rset_add(out, nr->start, nr->end);
		else if (out->r[out->n - 1].end < nr->end)
			out->r[out->n - 1].end = nr->end;
	}
}

/* diff_ranges_filter_touched: the hunks whose target side overlaps @rs. */
static size_t rg_touched(const struct km_rset *rs, const struct km_hunk *h, size_t nh,
			 struct km_hunk *out)
{
	size_t i, j = 0, n = 0;

	if (!rs->n)
		return 0;
	for (i = 0; i < nh; i++) {
		while (h[i].ts > rs->r[j].end)
			if (++j == rs->n)
				return n;
		/* ranges_overlap: an empty hunk strictly inside overlaps */
		if (!(h[i].te <= rs->r[j].start || rs->r[j].end <= h[i].ts))
			out[n++] = h[i];
	}
	return n;
}

/* range_set_difference: @a without the target sides of @t. */
static void rg_difference(struct km_rset *out, const struct km_rset *a,
			  const struct km_hunk *t, size_t nt)
{
	size_t i, j = 0;

	for (i = 0; i < a->n; i++) {
		long start = a->r[i].start, end = a->r[i].end;

		while (start < end) {
			while (j < nt && start >= t[j].te)
				j++;
			if (j >= nt || end <= t[j].ts) {
				km_rset_add(out, start, end);
				break;
			}
			if (start < t[j].ts)
				km_rset_add(out, start, t[j].ts);
			start = t[j].te;
		}
	}
}

/* range_set_shift_diff: each range moved by the hunks that start before it. */
static void rg_shift(struct km_rset *out, const struct km_rset *rs,
		     const struct km_hunk *h, size_t nh)
{
	size_t i, j = 0;
	long offset = 0;

	for (i = 0; i < rs->n; i++) {
		while (j < nh && rs->r[i].start >= h[j].ts) {
			offset += (h[j].pe - h[j].ps) - (h[j].te - h[j].ts);
			j++;
		}
		km_rset_add(out, rs->r[i].start + offset, rs->r[i].end + offset);
	}
}

/* dump_diff_hacky_one: the '-' and '+' lines git log -L prints. */
static void rg_count(const struct km_rset *rs, const struct km_hunk *t, size_t nt,
		     struct km_rmap *res)
{
	size_t i, j = 0;

	for (i = 0; i < rs->n; i++) {
		long t_start = rs->r[i].start, t_end = rs->r[i].end, t_cur = t_start;

		while (j < nt && t[j].te < t_start)
			j++;
		if (j == nt || t[j].ts > t_end)
			continue;
		for (; j < nt && t[j].ts < t_end; j++) {
			long last = t[j].te < t_end ? t[j].te : t_end;

			if (t_cur < t[j].ts)
				t_cur = t[j].ts;
			res->minus += t[j].pe - t[j].ps;
			if (t_cur < last) {
				res->plus += last - t_cur;
				t_cur = last;
			}
		}
	}
}

void km_rset_map(const struct km_rset *rs, const struct km_hunk *h, size_t nh,
		 struct km_rset *out, struct km_rmap *res)
{
	struct km_hunk *t = (struct km_hunk *)km_hist_alloc((nh + 1) * sizeof(*t));
	struct km_rset rest = { NULL, 0, 0 }, shifted = { NULL, 0, 0 }, parent = { NULL, 0, 0 };
	size_t nt = rg_touched(rs, h, nh, t), i;

	memset(res, 0, sizeof(*res));
	res->touched = nt > 0;
	rg_difference(&rest, rs, t, nt);
	rg_shift(&shifted, &rest, h, nh);
	for (i = 0; i < nt; i++)
		km_rset_add(&parent, t[i].ps, t[i].pe);
	km_rset_union(out, &shifted, &parent);
	rg_count(rs, t, nt, res);
	km_rset_free(&rest);
	km_rset_free(&shifted);
	km_rset_free(&parent);
	free(t);
}
