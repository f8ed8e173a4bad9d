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
	long *entry;			/* per record: its function's entry, -1 for none */
	size_t n;			/* entries */
	struct km_hist_func *funcs;	/* per entry */
	struct km_hist_stats *stats;	/* per entry, with --history */
	struct km_hist_labels labels;	/* per entry, with fixes */
	char **fixes, **cves;		/* per entry: the columns' text */
	long *breadth;			/* per entry: -1 when no fix touched it */
	long long head_time;
};

struct mh_ref {
	size_t rec;
	char *path;		/* resolved, malloc'ed, or NULL */
	const char *name;
	size_t name_len;
	long first, last;
};

static int mh_ref_cmp(const void *a, const void *b)
{
	const struct mh_ref *x = (const struct mh_ref *)a, *y = (const struct mh_ref *)b;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if (x->last != y->last)
		return x->last < y->last ? -1 : 1;
	if (x->name_len != y->name_len)
		return x->name_len < y->name_len ? -1 : 1;
	return memcmp(x->name, y->name, x->name_len);
}

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

/* Resolve each record's file; one warning per file that S does not have. */
static struct mh_ref *mh_refs(struct km_hist *h, const struct mg_set *set, const char *dir,
			      size_t *nrefs)
{
	struct mh_ref *refs = (struct mh_ref *)mg_alloc((set->nrecs + 1) * sizeof(*refs));
	const char *last_file = NULL, *last_cwd = NULL, *warned = NULL;
	char *cur = NULL;
	size_t i;

	*nrefs = 0;
	for (i = 0; i < set->nrecs; i++) {
		const struct mg_rec *r = &set->recs[i];
		const struct km_cfunc *f = mg_rec_func(set, r);
		const char *cwd = set->sides[r->side].comp.cwd;
		struct mh_ref *x = &refs[*nrefs];

		if (!f)
			continue;
		if (!last_file || strcmp(f->file, last_file) || strcmp(cwd, last_cwd)) {
			free(cur);
			cur = km_hist_resolve(h, dir, cwd, f->file);
			last_file = f->file;
			last_cwd = cwd;
			if (!cur && (!warned || strcmp(warned, f->file))) {
				mg_warnf("%s: not a file of HEAD in %s; its functions keep empty "
					 "history and no fixes", f->file, km_hist_top(h));
				warned = f->file;
			}
		}
		if (!cur)
			continue;
		x->rec = i;
		x->path = mg_strdup(cur);
		x->name = r->text;
		x->name_len = r->name_len;
		x->first = f->first_line;
		x->last = f->last_line;
		(*nrefs)++;
	}
	free(cur);
	return refs;
}

/* Entries: one per distinct (path, span, name), spans cut at S's end of file. */
static void mh_entries(struct km_hist *h, struct mg_history *hi, struct mh_ref *refs, size_t n)
{
	const char *lines_of = NULL, *warned = NULL;
	long lines = -1;
	size_t i;

	qsort(refs, n, sizeof(*refs), mh_ref_cmp);
	hi->funcs = (struct km_hist_func *)mg_alloc((n + 1) * sizeof(*hi->funcs));
	for (i = 0; i < n; i++) {
		struct mh_ref *r = &refs[i];

		if (!lines_of || strcmp(lines_of, r->path)) {
			lines = km_hist_lines(h, r->path);
			lines_of = r->path;
		}
		if (r->first > lines) {
			if (!warned || strcmp(warned, r->path))
				mg_warnf("%s: %ld lines at HEAD, but a function starts at line %ld "
					 "(the work tree differs from HEAD?); such functions keep "
					 "empty history", r->path, lines, r->first);
			warned = r->path;
			continue;
		}
		if (!i || mh_ref_cmp(&refs[i - 1], r)) {
			hi->funcs[hi->n].path = r->path;
			hi->funcs[hi->n].first = r->first;
			hi->funcs[hi->n].last = r->last > lines ? lines : r->last;
			hi->n++;
		}
		hi->entry[r->rec] = (long)hi->n - 1;
	}
}

/* Append token @t (@len bytes) to the space-separated @list unless it is there. */
static void mh_add_token(struct km_buf *list, const char *t, size_t len)
{
	size_t i = 0;

	while (i < list->len) {
		size_t n = 0;

		while (i + n < list->len && list->p[i + n] != ' ')
			n++;
		if (n == len && !memcmp(list->p + i, t, len))
			return;
		i += n + 1;
	}
	if (list->len)
		km_buf_append(list, " ", 1);
	km_buf_append(list, t, len);
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
			const char *p;

			km_buf_printf(&f, "%s%s", k ? " " : "", x->id);
			for (p = x->cves; *p; p += strcspn(p, " "), p += *p == ' ')
				mh_add_token(&c, p, strcspn(p, " "));
			if (hi->breadth[i] < 0 || x->breadth < hi->breadth[i])
				hi->breadth[i] = x->breadth;
		}
		km_buf_append(&f, "", 1);
		km_buf_append(&c, "", 1);
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

static int mh_compute(struct km_hist *h, struct mg_history *hi, const struct mg_hist_opts *o,
		      struct km_hist_cb *cb)
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
	if (o->history) {
		hi->stats = (struct km_hist_stats *)mg_alloc((hi->n + 1) * sizeof(*hi->stats));
		r = km_hist_history(h, hi->funcs, hi->n, &since, hi->stats, cb, err, sizeof(err));
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
	struct mh_ref *refs;
	size_t nrefs, i;
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
	hi->entry = (long *)mg_alloc((set->nrecs + 1) * sizeof(long));
	for (i = 0; i < set->nrecs; i++)
		hi->entry[i] = -1;
	refs = mh_refs(h, set, dir, &nrefs);
	mh_entries(h, hi, refs, nrefs);
	r = mh_compute(h, hi, o, &cb);
	if (!r && (hi->groups & KM_GROUP_FIXES))
		mh_label_text(hi, set);
	for (i = 0; i < hi->n; i++)
		hi->funcs[i].path = NULL;
	for (i = 0; i < nrefs; i++)
		free(refs[i].path);
	free(refs);
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
	free(hi->funcs);
	free(hi->entry);
	free(hi);
	set->hist = NULL;
}
