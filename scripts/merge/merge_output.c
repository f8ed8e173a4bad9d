// SPDX-License-Identifier: GPL-2.0
/*
 * merge_output.c - the merged dataset as seed records, CSV or JSON.
 *
 * seed: when no column changed, the sidecars' bytes as read (the same as
 *       `cat`); otherwise every record written anew by km_record_format.
 * csv:  RFC 4180: a header row, CRLF line ends, a field quoted (with
 *       doubled quotes inside) only when it holds a comma, quote, CR or LF.
 * json: one array of objects, one object a line:
 *       [\n{"name":...},\n...\n]\n  (an empty dataset is "[]\n").
 *       Strings are escaped per RFC 8259; a byte that is not valid UTF-8
 *       (a path can hold one) becomes U+FFFD (lib/km_text.h).
 * Columns: name, params, cyclomatic, halstead_effort, age_days, depth,
 * callees, callers, self_calls, locals, nesting, score, label, file, line,
 * object. Floats in the same repr form as in records. file and line are
 * the function's source file (as the companion gives it) and first line;
 * object is the companion's object. Without a companion file and line
 * are empty (CSV) or null (JSON), and object is the sidecar's path
 * without ".kmetrics". With --label-fixes/--fix-list and --history the
 * columns of those groups (km_columns.h) follow, their values from
 * merge_history.c; an empty value is an empty field (CSV) or null (JSON).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "km_columns.h"
#include "km_text.h"
#include "merge.h"

static const char *const out_cols[] = {
	"name", "params", "cyclomatic", "halstead_effort", "age_days", "depth",
	"callees", "callers", "self_calls", "locals", "nesting", "score",
	"label", "file", "line", "object",
};

#define OUT_NCOLS	(sizeof(out_cols) / sizeof(out_cols[0]))

/* One row: each column as text, numbers unquoted. */
struct out_row {
	const char *text[OUT_NCOLS];
	int is_string[OUT_NCOLS];
	char num[OUT_NCOLS][KM_DOUBLE_MAX];
	char name[KM_NAME_MAX];
	char *object;		/* owned, when made from the sidecar path */
};

static void out_long(struct out_row *w, int col, long v)
{
	snprintf(w->num[col], sizeof(w->num[col]), "%ld", v);
	w->text[col] = w->num[col];
	w->is_string[col] = 0;
}

static void out_double(struct out_row *w, int col, double v)
{
	if (km_format_double(w->num[col], sizeof(w->num[col]), v) < 0)
		snprintf(w->num[col], sizeof(w->num[col]), "%.17g", v);
	w->text[col] = w->num[col];
	w->is_string[col] = 0;
}

static void out_make_row(const struct mg_set *set, const struct mg_rec *r,
			 struct out_row *w)
{
	const struct mg_side *s = &set->sides[r->side];
	const struct km_cfunc *f = mg_rec_func(set, r);
	size_t plen;

	memcpy(w->name, r->text, r->name_len);
	w->name[r->name_len] = 0;
	w->text[0] = w->name;
	w->is_string[0] = 1;
	out_long(w, 1, r->params);
	out_long(w, 2, r->cyclomatic);
	out_double(w, 3, r->halstead);
	out_long(w, 4, r->age_days);
	out_long(w, 5, r->depth);
	out_long(w, 6, r->callees);
	out_long(w, 7, r->callers);
	out_long(w, 8, r->self_calls);
	out_long(w, 9, r->locals);
	out_long(w, 10, r->nesting);
	out_double(w, 11, r->score);
	out_long(w, 12, r->label);
	w->object = NULL;
	if (f) {
		w->text[13] = f->file;
		w->is_string[13] = 1;
		out_long(w, 14, f->first_line);
		w->text[15] = s->comp.object;
		w->is_string[15] = 1;
		return;
	}
	w->text[13] = NULL;
	w->text[14] = NULL;
	w->is_string[13] = w->is_string[14] = 1;
	plen = strlen(s->path);
	if (plen > strlen(MG_SUFFIX) && !strcmp(s->path + plen - strlen(MG_SUFFIX), MG_SUFFIX))
		plen -= strlen(MG_SUFFIX);
	w->object = (char *)mg_alloc(plen + 1);
	memcpy(w->object, s->path, plen);
	w->text[15] = w->object;
	w->is_string[15] = 1;
}

/* The history columns present (merge_history.c), after the base ones. */
static int out_hist_col(const struct mg_set *set, int c)
{
	return km_cols[c].group != KM_GROUP_BASE && km_col_present(c, mg_history_groups(set));
}

static void out_hist_csv(const struct mg_set *set, size_t i, struct km_buf *b)
{
	char num[32];
	int c;

	for (c = 0; c < KM_NCOLS; c++) {
		if (!out_hist_col(set, c))
			continue;
		km_buf_append(b, ",", 1);
		if (i == (size_t)-1)
			km_buf_puts(b, km_cols[c].name);
		else
			km_buf_csv_field(b, mg_history_value(set, i, c, num, sizeof(num)));
	}
}

static void out_csv(const struct mg_set *set, struct km_buf *b)
{
	struct out_row w;
	size_t i, c;

	for (c = 0; c < OUT_NCOLS; c++) {
		if (c)
			km_buf_append(b, ",", 1);
		km_buf_puts(b, out_cols[c]);
	}
	out_hist_csv(set, (size_t)-1, b);
	km_buf_append(b, "\r\n", 2);
	for (i = 0; i < set->nrecs; i++) {
		out_make_row(set, &set->recs[i], &w);
		for (c = 0; c < OUT_NCOLS; c++) {
			if (c)
				km_buf_append(b, ",", 1);
			km_buf_csv_field(b, w.text[c]);
		}
		out_hist_csv(set, i, b);
		km_buf_append(b, "\r\n", 2);
		free(w.object);
	}
}

static void out_hist_json(const struct mg_set *set, size_t i, struct km_buf *b)
{
	char num[32];
	const char *v;
	int c;

	for (c = 0; c < KM_NCOLS; c++) {
		if (!out_hist_col(set, c))
			continue;
		km_buf_printf(b, ",\"%s\":", km_cols[c].name);
		v = mg_history_value(set, i, c, num, sizeof(num));
		if (!v)
			km_buf_puts(b, "null");
		else if (km_cols[c].type == KM_TYPE_TEXT)
			km_buf_json_string(b, v);
		else
			km_buf_puts(b, v);
	}
}

static void out_json(const struct mg_set *set, struct km_buf *b)
{
	struct out_row w;
	size_t i, c;

	km_buf_append(b, "[", 1);
	for (i = 0; i < set->nrecs; i++) {
		out_make_row(set, &set->recs[i], &w);
		km_buf_puts(b, i ? ",\n{" : "\n{");
		for (c = 0; c < OUT_NCOLS; c++) {
			km_buf_printf(b, "%s\"%s\":", c ? "," : "", out_cols[c]);
			if (!w.text[c])
				km_buf_puts(b, "null");
			else if (w.is_string[c])
				km_buf_json_string(b, w.text[c]);
			else
				km_buf_puts(b, w.text[c]);
		}
		out_hist_json(set, i, b);
		km_buf_append(b, "}", 1);
		free(w.object);
	}
	km_buf_puts(b, set->nrecs ? "\n]\n" : "]\n");
}

/* Records [from, to) written anew into @b; the first that fails in *@bad. */
struct out_part {
	const struct mg_set *set;
	size_t from, to, bad;
	struct km_buf b;
};

static void *out_seed_part(void *arg)
{
	struct out_part *pt = (struct out_part *)arg;
	char line[KM_LINE_MAX + 2];
	struct km_record r;
	size_t i;

	pt->bad = (size_t)-1;
	for (i = pt->from; i < pt->to; i++) {
		int n;

		mg_rec_get(&pt->set->recs[i], &r);
		n = km_record_format(line, sizeof(line), &r);
		if (n < 0) {
			pt->bad = i;
			break;
		}
		km_buf_append(&pt->b, line, (size_t)n);
	}
	return NULL;
}

/*
 * Formatting a million records takes seconds: above OUT_SPLIT records the
 * second half is written on a second thread, then appended.
 */
#define OUT_SPLIT	100000

static int out_seed(const struct mg_set *set, struct km_buf *b)
{
	struct out_part pt[2];
	pthread_t t;
	size_t i, bad;
	int threaded = 0;

	if (!set->changed) {
		for (i = 0; i < set->nsides; i++)
			km_buf_append(b, set->sides[i].data, set->sides[i].len);
		return 0;
	}
	for (i = 0; i < 2; i++) {
		pt[i].set = set;
		km_buf_init(&pt[i].b);
	}
	pt[0].from = 0;
	pt[0].to = pt[1].from = set->nrecs > OUT_SPLIT ? set->nrecs / 2 : set->nrecs;
	pt[1].to = set->nrecs;
	if (pt[1].from < pt[1].to && !pthread_create(&t, NULL, out_seed_part, &pt[1]))
		threaded = 1;
	out_seed_part(&pt[0]);
	if (threaded)
		pthread_join(t, NULL);
	else
		out_seed_part(&pt[1]);
	bad = pt[0].bad != (size_t)-1 ? pt[0].bad : pt[1].bad;
	if (bad == (size_t)-1) {
		km_buf_append(b, pt[0].b.p, pt[0].b.len);
		km_buf_append(b, pt[1].b.p, pt[1].b.len);
		b->oom |= pt[0].b.oom | pt[1].b.oom;
	}
	km_buf_free(&pt[0].b);
	km_buf_free(&pt[1].b);
	if (bad != (size_t)-1) {
		const struct mg_rec *m = &set->recs[bad];

		mg_errorf("%s:%zu: %.*s: the record cannot be written back",
			  set->sides[m->side].path, bad - set->sides[m->side].rec0 + 1,
			  (int)m->name_len, m->text);
		return -1;
	}
	return 0;
}

int mg_output(const struct mg_set *set, enum mg_format fmt, struct km_buf *out)
{
	switch (fmt) {
	case MG_CSV:
		out_csv(set, out);
		break;
	case MG_JSON:
		out_json(set, out);
		break;
	default:
		if (out_seed(set, out))
			return -1;
	}
	if (out->oom) {
		mg_errorf("%s: out of memory", MG_PROG);
		return -1;
	}
	return 0;
}
