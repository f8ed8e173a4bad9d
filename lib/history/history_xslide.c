// SPDX-License-Identifier: GPL-2.0
/*
 * history_xslide.c - the second step of git's line diff (see
 * history_xdiff.c): each group of changed lines slid as far up and down
 * as equal lines allow, merged with the groups it meets, then placed as
 * xdiff's xdl_change_compact places it: aligned with a change of the
 * other file when it can be, else (with the indent heuristic, git diff's
 * default) where the blank lines and indentation around its two ends
 * score best, else as low as it goes. Then the -U0 hunks.
 *
 * Each call slides copies of the changes km_xd_prepare() found, so the
 * walk's two diffs of one path (git log -L's without the heuristic, git
 * blame's with it) share the lines, the classes and the Myers run.
 *
 * Provenance: the algorithm, its heuristics and their constants are
 * LibXDiff's (Davide Libenzi), as git carries and tunes it in xdiff/
 * (LGPL-2.1). They are written again here, in this project's terms, so
 * that the hunks are git's to the line; no file of xdiff is included.
 */
#include <stdlib.h>
#include <string.h>

#include "km_history_xdiff.h"

#define XS_MAX_INDENT		200
#define XS_MAX_BLANKS		20
#define XS_INDENT_MAX_SLIDING	100
#define XS_START_OF_FILE	1
#define XS_END_OF_FILE		21
#define XS_TOTAL_BLANK		(-30)
#define XS_POST_BLANK		6
#define XS_INDENT		(-4)
#define XS_INDENT_WITH_BLANK	10
#define XS_OUTDENT		24
#define XS_OUTDENT_WITH_BLANK	17
#define XS_DEDENT		23
#define XS_DEDENT_WITH_BLANK	17
#define XS_INDENT_WEIGHT	60

struct xs_file {
	const struct xd_rec *rec;
	long nrec;
	char *rchg;
};

struct xs_group {
	long start, end;
};

static void xs_group_init(const struct xs_file *f, struct xs_group *g)
{
	g->start = g->end = 0;
	while (f->rchg[g->end])
		g->end++;
}

static int xs_group_next(const struct xs_file *f, struct xs_group *g)
{
	if (g->end == f->nrec)
		return -1;
	g->start = g->end + 1;
	for (g->end = g->start; f->rchg[g->end]; g->end++)
		;
	return 0;
}

static int xs_group_previous(const struct xs_file *f, struct xs_group *g)
{
	if (g->start == 0)
		return -1;
	g->end = g->start - 1;
	for (g->start = g->end; f->rchg[g->start - 1]; g->start--)
		;
	return 0;
}

static int xs_slide_down(struct xs_file *f, struct xs_group *g)
{
	if (g->end >= f->nrec || f->rec[g->start].cls != f->rec[g->end].cls)
		return -1;
	f->rchg[g->start++] = 0;
	f->rchg[g->end++] = 1;
	while (f->rchg[g->end])
		g->end++;
	return 0;
}

static int xs_slide_up(struct xs_file *f, struct xs_group *g)
{
	if (g->start <= 0 || f->rec[g->start - 1].cls != f->rec[g->end - 1].cls)
		return -1;
	f->rchg[--g->start] = 1;
	f->rchg[--g->end] = 0;
	while (f->rchg[g->start - 1])
		g->start--;
	return 0;
}

/* ---- the indent heuristic (xdiff's measure_split and score_add_split) ---- */

struct xs_split {
	int end_of_file, indent, pre_blank, pre_indent, post_blank, post_indent;
};

struct xs_score {
	int effective_indent, penalty;
};

static int xs_isspace(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* A line's indent (a tab to the next multiple of 8), -1 when it is all blank. */
static int xs_indent(const struct xd_rec *r)
{
	int ret = 0;
	long i;

	for (i = 0; i < r->n; i++) {
		char c = r->p[i];

		if (!xs_isspace(c))
			return ret;
		if (c == ' ')
			ret += 1;
		else if (c == '\t')
			ret += 8 - ret % 8;
		if (ret >= XS_MAX_INDENT)
			return XS_MAX_INDENT;
	}
	return -1;
}

static void xs_measure(const struct xs_file *f, long split, struct xs_split *m)
{
	long i;

	m->end_of_file = split >= f->nrec;
	m->indent = split >= f->nrec ? -1 : xs_indent(&f->rec[split]);
	m->pre_blank = 0;
	m->pre_indent = -1;
	for (i = split - 1; i >= 0; i--) {
		m->pre_indent = xs_indent(&f->rec[i]);
		if (m->pre_indent != -1)
			break;
		if (++m->pre_blank == XS_MAX_BLANKS) {
			m->pre_indent = 0;
			break;
		}
	}
	m->post_blank = 0;
	m->post_indent = -1;
	for (i = split + 1; i < f->nrec; i++) {
		m->post_indent = xs_indent(&f->rec[i]);
		if (m->post_indent != -1)
			break;
		if (++m->post_blank == XS_MAX_BLANKS) {
			m->post_indent = 0;
			break;
		}
	}
}

static void xs_score_add(const struct xs_split *m, struct xs_score *s)
{
	int post_blank, total_blank, indent, any_blanks;

	if (m->pre_indent == -1 && m->pre_blank == 0)
		s->penalty += XS_START_OF_FILE;
	if (m->end_of_file)
		s->penalty += XS_END_OF_FILE;
	post_blank = m->indent == -1 ? 1 + m->post_blank : 0;
	total_blank = m->pre_blank + post_blank;
	s->penalty += XS_TOTAL_BLANK * total_blank;
	s->penalty += XS_POST_BLANK * post_blank;
	indent = m->indent != -1 ? m->indent : m->post_indent;
	any_blanks = total_blank != 0;
	s->effective_indent += indent;
	if (indent == -1 || m->pre_indent == -1 || indent == m->pre_indent)
		return;
	if (indent > m->pre_indent)
		s->penalty += any_blanks ? XS_INDENT_WITH_BLANK : XS_INDENT;
	else if (m->post_indent != -1 && m->post_indent > indent)
		s->penalty += any_blanks ? XS_OUTDENT_WITH_BLANK : XS_OUTDENT;
	else
		s->penalty += any_blanks ? XS_DEDENT_WITH_BLANK : XS_DEDENT;
}

static int xs_score_cmp(const struct xs_score *a, const struct xs_score *b)
{
	int c = (a->effective_indent > b->effective_indent) -
		(a->effective_indent < b->effective_indent);

	return XS_INDENT_WEIGHT * c + (a->penalty - b->penalty);
}

/* The end of group @g (slid fully down, @groupsize lines) that scores best. */
static long xs_best_shift(const struct xs_file *f, const struct xs_group *g, long earliest_end,
			  long groupsize)
{
	struct xs_score best = { 0, 0 };
	long shift = earliest_end, best_shift = -1;

	if (g->end - groupsize - 1 > shift)
		shift = g->end - groupsize - 1;
	if (g->end - XS_INDENT_MAX_SLIDING > shift)
		shift = g->end - XS_INDENT_MAX_SLIDING;
	for (; shift <= g->end; shift++) {
		struct xs_split m;
		struct xs_score score = { 0, 0 };

		xs_measure(f, shift, &m);
		xs_score_add(&m, &score);
		xs_measure(f, shift - groupsize, &m);
		xs_score_add(&m, &score);
		if (best_shift == -1 || xs_score_cmp(&score, &best) <= 0) {
			best = score;
			best_shift = shift;
		}
	}
	return best_shift;
}

/* ---- xdl_change_compact ---- */

/* Group @g of @f slid up and down, merged with what it meets; 0 when it did not move. */
static long xs_slide(struct xs_file *f, struct xs_file *o, struct xs_group *g,
		     struct xs_group *go, long *end_matching_other)
{
	long groupsize, earliest_end;

	do {
		groupsize = g->end - g->start;
		*end_matching_other = -1;
		while (!xs_slide_up(f, g))
			xs_group_previous(o, go);
		earliest_end = g->end;
		if (go->end > go->start)
			*end_matching_other = g->end;
		while (!xs_slide_down(f, g)) {
			xs_group_next(o, go);
			if (go->end > go->start)
				*end_matching_other = g->end;
		}
	} while (groupsize != g->end - g->start);
	return earliest_end;
}

static void xs_compact(struct xs_file *f, struct xs_file *o, int indent)
{
	struct xs_group g, go;

	xs_group_init(f, &g);
	xs_group_init(o, &go);
	for (;;) {
		if (g.end != g.start) {
			long end_other, earliest_end = xs_slide(f, o, &g, &go, &end_other);
			long groupsize = g.end - g.start, target = -1;

			if (g.end == earliest_end)
				;	/* it could not move */
			else if (end_other != -1)
				while (go.end == go.start) {
					xs_slide_up(f, &g);
					xs_group_previous(o, &go);
				}
			else if (indent)
				target = xs_best_shift(f, &g, earliest_end, groupsize);
			while (target != -1 && g.end > target) {
				xs_slide_up(f, &g);
				xs_group_previous(o, &go);
			}
		}
		if (xs_group_next(f, &g))
			break;
		xs_group_next(o, &go);
	}
}

static void xs_add(struct km_hunks *out, long ps, long pe, long ts, long te)
{
	struct km_hunk *h;

	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 16;
		out->h = (struct km_hunk *)km_hist_realloc(out->h, out->cap * sizeof(*out->h));
	}
	h = &out->h[out->n++];
	h->ps = ps;
	h->pe = pe;
	h->ts = ts;
	h->te = te;
}

void km_xd_hunks(struct km_xd *x, int indent, struct km_hunks *out)
{
	struct xs_file f[2];
	long i1 = 0, i2 = 0;
	int s;

	for (s = 0; s < 2; s++) {
		size_t n = (size_t)x->f[s].nrec + 2;

		if (x->capwork[s] < n) {
			x->capwork[s] = n + n / 2;
			x->work[s] = (char *)km_hist_realloc(x->work[s], x->capwork[s]);
		}
		memcpy(x->work[s], x->f[s].rchg_mem, n);
		f[s].rec = x->f[s].rec;
		f[s].nrec = x->f[s].nrec;
		f[s].rchg = x->work[s] + 1;
	}
	xs_compact(&f[0], &f[1], indent);
	xs_compact(&f[1], &f[0], indent);
	out->n = 0;
	while (i1 < f[0].nrec || i2 < f[1].nrec) {
		long s1 = i1, s2 = i2;

		if (!f[0].rchg[i1] && !f[1].rchg[i2]) {
			i1++;
			i2++;
			continue;
		}
		while (f[0].rchg[i1])
			i1++;
		while (f[1].rchg[i2])
			i2++;
		xs_add(out, s1, i1, s2, i2);
	}
}
