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
 *       (a path can hold one) becomes U+FFFD.
 * csv and json have the columns of lib/record/km_columns.h that are on, in its
 * order, each record's values from mg_value (merge_values.c): floats in
 * the same repr form as in records, a value that is not there empty (CSV)
 * or null (JSON).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/km_columns.h"
#include "io/km_text.h"
#include "merge.h"

/* A value as text: numbers into @buf, strings as they are. */
static const char *out_text(const struct mg_value *v, char *buf, size_t size, size_t *len)
{
	switch (v->kind) {
	case MG_V_INT:
		*len = (size_t)snprintf(buf, size, "%ld", v->i);
		return buf;
	case MG_V_REAL:
		if (km_format_double(buf, size, v->r) < 0)
			snprintf(buf, size, "%.17g", v->r);
		*len = strlen(buf);
		return buf;
	case MG_V_TEXT:
		*len = v->len;
		return v->s;
	default:
		*len = 0;
		return NULL;
	}
}

static void out_csv(const struct mg_set *set, struct km_buf *b)
{
	char buf[KM_DOUBLE_MAX + 32];
	struct mg_value v;
	size_t i, len;
	int c, first = 1;

	for (c = 0; c < KM_NCOLS; c++) {
		if (!km_col_present(c, set->groups))
			continue;
		km_buf_puts(b, first ? "" : ",");
		km_buf_puts(b, km_cols[c].name);
		first = 0;
	}
	km_buf_append(b, "\r\n", 2);
	for (i = 0; i < set->nrecs; i++) {
		for (c = 0, first = 1; c < KM_NCOLS; c++) {
			const char *t;

			if (!km_col_present(c, set->groups))
				continue;
			km_buf_puts(b, first ? "" : ",");
			first = 0;
			mg_value(set, &set->recs[i], c, &v);
			t = out_text(&v, buf, sizeof(buf), &len);
			if (t)
				km_buf_csv_field_n(b, t, len);
		}
		km_buf_append(b, "\r\n", 2);
	}
}

static void out_json_value(struct km_buf *b, const struct mg_value *v)
{
	char buf[KM_DOUBLE_MAX + 32];
	size_t len;
	const char *t = out_text(v, buf, sizeof(buf), &len);

	if (!t)
		km_buf_puts(b, "null");
	else if (v->kind == MG_V_TEXT)
		km_buf_json_string_n(b, t, len);
	else
		km_buf_append(b, t, len);
}

static void out_json(const struct mg_set *set, struct km_buf *b)
{
	struct mg_value v;
	size_t i;
	int c, first;

	km_buf_append(b, "[", 1);
	for (i = 0; i < set->nrecs; i++) {
		km_buf_puts(b, i ? ",\n{" : "\n{");
		for (c = 0, first = 1; c < KM_NCOLS; c++) {
			if (!km_col_present(c, set->groups))
				continue;
			km_buf_printf(b, "%s\"%s\":", first ? "" : ",", km_cols[c].name);
			first = 0;
			mg_value(set, &set->recs[i], c, &v);
			out_json_value(b, &v);
		}
		km_buf_append(b, "}", 1);
	}
	km_buf_puts(b, set->nrecs ? "\n]\n" : "]\n");
}

/* Records [from, to) written anew into @b; the first that fails in *@bad. */
struct out_part {
	const struct mg_set *set;
	size_t from, to, bad;
	struct km_buf b;
};

/*
 * C3's text in @m's line, "" when not found: a validated line is NAME, C1,
 * C2, C3, ... joined by " : ", and neither NAME nor a number holds ':'.
 * No column before C4 ever changes.
 */
static void out_c3(const struct mg_rec *m, char *c3)
{
	const char *p = m->text + m->name_len, *end = m->text + m->len, *q = NULL;
	int i;

	c3[0] = '\0';
	for (i = 0; i < 4 && p; i++) {
		q = p;
		p = (const char *)memchr(p, ':', (size_t)(end - p));
		if (p)
			p += 2;		/* ": " */
	}
	/* q: C3's first byte; p - 3: the " : " after it */
	if (p && p - 3 > q && p - 3 - q < KM_DOUBLE_MAX) {
		memcpy(c3, q, (size_t)(p - 3 - q));
		c3[p - 3 - q] = '\0';
	}
}

static void *out_seed_part(void *arg)
{
	struct out_part *pt = (struct out_part *)arg;
	char line[KM_LINE_MAX + 2], c3[KM_DOUBLE_MAX];
	struct km_record r;
	size_t i;

	pt->bad = (size_t)-1;
	for (i = pt->from; i < pt->to; i++) {
		int n;

		mg_rec_get(&pt->set->recs[i], &r);
		out_c3(&pt->set->recs[i], c3);
		n = c3[0] ? km_record_format_c3(line, sizeof(line), &r, c3) :
			km_record_format(line, sizeof(line), &r);
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
