// SPDX-License-Identifier: GPL-2.0
/*
 * merge_history.c - --history, --label-fixes and --fix-list: kmetrics-merge's
 * side of lib/history/km_history.h.
 *
 * Each record's function (companion file, first and last line) is found
 * in the repository of --git (S = its HEAD); records of one function
 * (same path, name and span: a file compiled into two objects) share one
 * entry, so fix_breadth counts functions, not records. The library
 * computes per entry; this file keeps the results beside the records
 * (struct mg_history, one slot per record), ORs the fixes into LABEL, and
 * gives merge_output.c the text of the columns of KM_GROUP_FIXES and
 * KM_GROUP_HISTORY (km_columns.h).
 *
 * A file that S does not track, or that is shorter at S than the
 * companion says, is one warning, and its functions keep empty history.
 * Progress: a line every few seconds on stderr when it is a terminal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "record/km_columns.h"
#include "history/km_history.h"
#include "merge.h"

struct mg_history {
	unsigned groups;		/* KM_GROUP_FIXES | KM_GROUP_HISTORY */
	struct mg_git_funcs g;		/* the records' functions (entries) */
	long *entry;			/* g.entry */
	size_t n;			/* entries */
	struct km_hist_func *funcs;	/* per entry */
	struct km_hist_stats *stats;	/* per entry, with --history */
	struct km_hist_labels labels;	/* per entry, with fixes */
	char **fixes, **cves;		/* per entry: the columns' text */
	long *breadth;			/* per entry: -1 when no fix touched it */
	long long head_time;
};

static void mh_warn(void *ctx, const char *msg)
{
	(void)ctx;
	mg_warnf("%s", msg);
}

static void mh_progress(void *ctx, const char *what, size_t done, size_t total)
{
	time_t *last = (time_t *)ctx, now = time(NULL);

	if (now - *last < 3)
		return;
	*last = now;
	fprintf(stderr, "%s: %s %zu of %zu\n", MG_PROG, what, done, total);
}

/* The fixes and cves columns of each entry, and LABEL of each record. */
static void mh_label_text(struct mg_history *hi, struct mg_set *set)
{
	size_t i, k;

	hi->fixes = (char **)mg_alloc((hi->n + 1) * sizeof(char *));
	hi->cves = (char **)mg_alloc((hi->n + 1) * sizeof(char *));
	hi->breadth = (long *)mg_alloc((hi->n + 1) * sizeof(long));
	for (i = 0; i < hi->n; i++) {
		struct km_buf f, c;

		km_buf_init(&f);
		km_buf_init(&c);
		hi->breadth[i] = -1;
		for (k = 0; k < hi->labels.ntouched[i]; k++) {
			const struct km_hist_fix *x = &hi->labels.fixes[hi->labels.touched[i][k]];

			km_buf_printf(&f, "%s%s", k ? " " : "", x->id);
			if (*x->cves)
				km_buf_printf(&c, "%s%s", c.len ? " " : "", x->cves);
			if (hi->breadth[i] < 0 || x->breadth < hi->breadth[i])
				hi->breadth[i] = x->breadth;
		}
		km_buf_append(&f, "", 1);
		km_buf_append(&c, "", 1);
		if (c.p)
			km_hist_unique_words(c.p);
		hi->fixes[i] = f.p;
		hi->cves[i] = c.p;
	}
	for (i = 0; i < set->nrecs; i++) {
		long e = hi->entry[i];

		if (e >= 0 && hi->labels.ntouched[e] && !set->recs[i].label) {
			set->recs[i].label = 1;
			set->changed = 1;
		}
	}
}

/* A message that starts with a file name is printed as it is. */
static int mh_fail(const char *err)
{
	size_t head = strcspn(err, ":");

	if (err[0] != '-' && (memchr(err, '/', head) || memchr(err, '.', head)))
		mg_errorf("%s", err);
	else
		mg_errorf("%s: %s", MG_PROG, err);
	return -1;
}

static int mh_compute(struct km_hist *h, struct mg_history *hi, struct mg_set *set,
		      const struct mg_hist_opts *o, struct km_hist_cb *cb)
{
	struct km_hist_fixlist *list = NULL;
	struct km_hist_since since;
	char err[1024] = "";
	int r = 0;

	memset(&since, 0, sizeof(since));
	if (o->since && km_hist_parse_since(h, o->since, &since, err, sizeof(err)))
		return mh_fail(err);
	if (o->fix_list && km_hist_fixlist_read(h, o->fix_list, &list, cb, err, sizeof(err)))
		return mh_fail(err);
	if (o->history || o->ages) {
		long long *oldest = o->ages ? (long long *)mg_alloc((hi->n + 1) * sizeof(*oldest)) :
				    NULL;

		if (o->history)
			hi->stats = (struct km_hist_stats *)mg_alloc((hi->n + 1) *
								     sizeof(*hi->stats));
		r = km_hist_history(h, hi->funcs, hi->n, &since, hi->stats, oldest, cb, err,
				    sizeof(err));
		if (!r && oldest)
			mg_git_ages_set(set, &hi->g, oldest, hi->head_time);
		free(oldest);
	}
	if (!r && (o->label_fixes || list))
		r = km_hist_label(h, hi->funcs, hi->n, o->label_fixes, list, &hi->labels, cb,
				  err, sizeof(err));
	km_hist_fixlist_free(list);
	return r ? mh_fail(err) : 0;
}

int mg_history_run(struct mg_set *set, const char *dir, const struct mg_hist_opts *o)
{
	struct mg_history *hi = (struct mg_history *)mg_alloc(sizeof(*hi));
	struct km_hist_cb cb = { mh_warn, NULL, NULL };
	struct km_hist *h;
	time_t last = time(NULL);
	char err[1024];
	int r;

	if (km_hist_open(dir, &h, err, sizeof(err))) {
		free(hi);
		return mh_fail(err);
	}
	if (isatty(2)) {
		cb.progress = mh_progress;
		cb.ctx = &last;
	}
	set->hist = hi;
	hi->groups = (o->history ? KM_GROUP_HISTORY : 0) |
		     (o->label_fixes || o->fix_list ? KM_GROUP_FIXES : 0);
	hi->head_time = km_hist_head_time(h);
	mg_git_funcs(h, set, dir, 1, &hi->g);
	hi->entry = hi->g.entry;
	hi->n = hi->g.n;
	hi->funcs = hi->g.funcs;
	r = mh_compute(h, hi, set, o, &cb);
	if (!r && (hi->groups & KM_GROUP_FIXES))
		mh_label_text(hi, set);
	km_hist_close(h);
	return r;
}

unsigned mg_history_groups(const struct mg_set *set)
{
	return set->hist ? set->hist->groups : 0;
}

const char *mg_history_value(const struct mg_set *set, size_t rec, int col, char *buf,
			     size_t len)
{
	const struct mg_history *hi = set->hist;
	long e = hi ? hi->entry[rec] : -1;
	const struct km_hist_stats *s = e >= 0 && hi->stats ? &hi->stats[e] : NULL;
	long long v;

	switch (col) {
	case KM_COL_FIXES:
		return e >= 0 && hi->fixes ? hi->fixes[e] : "";
	case KM_COL_CVES:
		return e >= 0 && hi->cves ? hi->cves[e] : "";
	case KM_COL_FIX_BREADTH:
		if (e < 0 || !hi->breadth || hi->breadth[e] < 0)
			return NULL;
		v = hi->breadth[e];
		break;
	case KM_COL_LAST_CHANGE_DAYS:
		if (!s || s->newest < 0)
			return NULL;
		v = hi->head_time > s->newest ? (hi->head_time - s->newest) / 86400 : 0;
		break;
	default:
		v = !s ? 0 : col == KM_COL_COMMITS ? s->commits : col == KM_COL_AUTHORS ?
		    s->authors : col == KM_COL_LINES_ADDED ? s->added : s->deleted;
	}
	snprintf(buf, len, "%lld", v);
	return buf;
}

void mg_history_free(struct mg_set *set)
{
	struct mg_history *hi = set->hist;
	size_t i;

	if (!hi)
		return;
	for (i = 0; hi->fixes && i < hi->n; i++) {
		free(hi->fixes[i]);
		free(hi->cves[i]);
	}
	km_hist_labels_free(&hi->labels, hi->n);
	free(hi->fixes);
	free(hi->cves);
	free(hi->breadth);
	free(hi->stats);
	mg_git_funcs_free(&hi->g);
	free(hi);
	set->hist = NULL;
}
