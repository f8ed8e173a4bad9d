// SPDX-License-Identifier: GPL-2.0
/*
 * report_json.c - the dataset as the page's data: one JSON object, stored
 * column by column so that 100,000 functions stay a few megabytes and parse
 * fast (a row of objects would repeat every key 100,000 times):
 *
 *   columns     the columns the table shows, in km_columns.h's order:
 *               key (csv name), type, doc, seed ("C2", "NAME", "LABEL")
 *   values      per column key, one value a row: numbers as the csv
 *               writes them (reals in repr form), null where unknown;
 *               text columns but name as {dict: [...], index: [...]}
 *   calls       the calls out of each row in the dataset's scope: n (per
 *               row, how many), to (their callees, row after row: a row,
 *               or -1-k for ext's k-th function, which has no record),
 *               addr (the indices into to of the address references; the
 *               others are calls), ext {name, file}
 *   limits      C11's limits by column key (km_record.h)
 *   baseline    with --baseline, the object below, else null
 * beside what was measured: inputs, scope ("tu", "build", or null when a
 * csv or json dataset does not say), has_calls (the dataset carries its
 * call graph: companions or an sqlite calls table), objects, functions,
 * provenance.
 * Rows past the dataset's are the removed functions of --baseline, with
 * the baseline's values. The baseline member (the rows' statuses and
 * pairs from report_table.c):
 *
 *   inputs, functions   what OLD was, how many functions it had
 *   by_file             functions matched by (file, name), else by name
 *   status              one letter a row: a added, r removed, w worsened,
 *                       i improved (km_diff_trend: C2, C3, C9, C10 all one
 *                       way), c changed otherwise, u unchanged
 *   counts              how many of each, by status word
 *   old                 {rows: [...], values: {key: [...]}}: for each row
 *                       whose number columns moved, OLD's value of every
 *                       compared number column (null where it did not move)
 *   smaller_is_worse    the columns where a drop is the worse way (score)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/km_columns.h"
#include "companion/km_companion.h"
#include "record/km_record.h"
#include "io/km_text.h"
#include "report.h"

void rp_json_str(struct km_buf *b, const char *s)
{
	size_t from = b->len, i;
	struct km_buf t;

	km_buf_json_string(b, s);
	if (b->oom || !memchr(b->p + from, '<', b->len - from))
		return;
	km_buf_init(&t);
	for (i = from; i < b->len; i++) {
		if (b->p[i] == '<')
			km_buf_puts(&t, "\\u003c");
		else
			km_buf_append(&t, b->p + i, 1);
	}
	b->len = from;
	km_buf_append(b, t.p, t.len);
	km_buf_free(&t);
}

/* ---- text columns as a dictionary ---- */

struct rp_dict {
	const char **s;		/* open addressing, by string */
	size_t *id;
	size_t cap, n;
	const char **order;	/* the strings by id */
};

static size_t rp_hash(const char *s)
{
	size_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static void rp_dict_init(struct rp_dict *t, size_t n)
{
	for (t->cap = 64; t->cap < 2 * n + 2; t->cap *= 2)
		;
	t->s = (const char **)calloc(t->cap, sizeof(*t->s));
	t->id = (size_t *)calloc(t->cap, sizeof(*t->id));
	t->order = (const char **)calloc(n + 1, sizeof(*t->order));
	t->n = 0;
	if (!t->s || !t->id || !t->order) {
		fprintf(stderr, "%s: out of memory\n", RP_PROG);
		exit(1);
	}
}

static void rp_dict_free(struct rp_dict *t)
{
	free(t->s);
	free(t->id);
	free(t->order);
}

/* The id of @s, a new one the first time (the table holds at most the n of init). */
static size_t rp_dict_id(struct rp_dict *t, const char *s)
{
	size_t j = rp_hash(s) & (t->cap - 1);

	while (t->s[j]) {
		if (!strcmp(t->s[j], s))
			return t->id[j];
		j = (j + 1) & (t->cap - 1);
	}
	t->s[j] = s;
	t->order[t->n] = s;
	return t->id[j] = t->n++;
}

static void rp_text_column(struct km_buf *b, const struct rp_table *t, int col)
{
	struct km_buf idx;
	struct rp_dict dict;
	size_t row, r, k;

	km_buf_init(&idx);
	rp_dict_init(&dict, t->nrows);
	for (row = 0; row < t->nrows; row++) {
		const struct km_dataset *d = rp_row(t, row, &r);
		const char *s = km_ds_text(d, r, col);

		if (row)
			km_buf_append(&idx, ",", 1);
		if (s)
			km_buf_printf(&idx, "%zu", rp_dict_id(&dict, s));
		else
			km_buf_puts(&idx, "null");
	}
	km_buf_puts(b, "{\"dict\":[");
	for (k = 0; k < dict.n; k++) {
		if (k)
			km_buf_append(b, ",", 1);
		rp_json_str(b, dict.order[k]);
	}
	km_buf_puts(b, "],\"index\":[");
	km_buf_append(b, idx.p, idx.len);
	km_buf_puts(b, "]}");
	km_buf_free(&idx);
	rp_dict_free(&dict);
}

/* ---- columns ---- */

/* The dataset has the column: a seed column always, another one with a value. */
static int rp_shown(const struct km_dataset *d, int col)
{
	size_t row;

	if (km_ds_has(d, col) && (km_cols[col].seed || col == KM_COL_NAME))
		return 1;
	for (row = 0; km_ds_has(d, col) && row < d->nrows; row++)
		if (!km_ds_null(d, row, col))
			return 1;
	return 0;
}

static void rp_value(struct km_buf *b, const struct km_dataset *d, size_t r, int col)
{
	char num[KM_DOUBLE_MAX];

	if (km_ds_null(d, r, col))
		km_buf_puts(b, "null");
	else if (km_cols[col].type == KM_TYPE_INT)
		km_buf_printf(b, "%lld", km_ds_int(d, r, col));
	else if (km_cols[col].type == KM_TYPE_REAL)
		km_buf_puts(b, km_ds_format(d, r, col, num, sizeof(num)));
	else
		rp_json_str(b, km_ds_text(d, r, col));
}

static void rp_column_values(struct km_buf *b, const struct rp_table *t, int col)
{
	size_t row, r;

	if (km_cols[col].type == KM_TYPE_TEXT && col != KM_COL_NAME) {
		rp_text_column(b, t, col);
		return;
	}
	km_buf_append(b, "[", 1);
	for (row = 0; row < t->nrows; row++) {
		const struct km_dataset *d = rp_row(t, row, &r);

		if (row)
			km_buf_append(b, ",", 1);
		rp_value(b, d, r, col);
	}
	km_buf_append(b, "]", 1);
}

/* "C2" for C1-C11, "NAME", "LABEL", else null. */
static void rp_seed_name(struct km_buf *b, int col)
{
	if (col == KM_COL_NAME)
		km_buf_puts(b, "\"NAME\"");
	else if (col == KM_COL_LABEL)
		km_buf_puts(b, "\"LABEL\"");
	else if (km_cols[col].seed)
		km_buf_printf(b, "\"C%d\"", col - KM_COL_NAME);
	else
		km_buf_puts(b, "null");
}

static void rp_columns(struct km_buf *b, const struct rp_table *t)
{
	static const char *const types[] = { "int", "real", "text" };
	int col, first = 1;

	km_buf_puts(b, ",\n\"columns\":[");
	for (col = 0; col < KM_NCOLS; col++) {
		if (!rp_shown(t->d, col))
			continue;
		km_buf_puts(b, first ? "\n{\"key\":" : ",\n{\"key\":");
		first = 0;
		rp_json_str(b, km_cols[col].name);
		km_buf_printf(b, ",\"type\":\"%s\",\"doc\":", types[km_cols[col].type]);
		rp_json_str(b, km_cols[col].doc);
		km_buf_puts(b, ",\"seed\":");
		rp_seed_name(b, col);
		km_buf_append(b, "}", 1);
	}
	km_buf_puts(b, "],\n\"values\":{");
	first = 1;
	for (col = 0; col < KM_NCOLS; col++) {
		if (!rp_shown(t->d, col))
			continue;
		km_buf_puts(b, first ? "\n" : ",\n");
		first = 0;
		rp_json_str(b, km_cols[col].name);
		km_buf_append(b, ":", 1);
		rp_column_values(b, t, col);
	}
	km_buf_append(b, "}", 1);
}

/* ---- calls ---- */

/* The calls sorted by caller (counting sort, stable): their indices. */
static size_t *rp_calls_by_caller(const struct km_dataset *d, size_t *count)
{
	size_t *start = (size_t *)calloc(d->nrows + 1, sizeof(size_t));
	size_t *order = (size_t *)malloc((d->ncalls + 1) * sizeof(size_t));
	size_t i, sum = 0;

	if (!start || !order) {
		fprintf(stderr, "%s: out of memory\n", RP_PROG);
		exit(1);
	}
	for (i = 0; i < d->ncalls; i++)
		count[d->calls[i].caller]++;
	for (i = 0; i < d->nrows; i++) {
		start[i] = sum;
		sum += count[i];
	}
	for (i = 0; i < d->ncalls; i++)
		order[start[d->calls[i].caller]++] = i;
	free(start);
	return order;
}

static void rp_ext(struct km_buf *b, const struct km_dataset *d, const size_t *order,
		   size_t *ext_of)
{
	struct km_buf keys, names, files;
	struct rp_dict dict;
	size_t i, k, n = 0;
	size_t *at = (size_t *)malloc((d->ncalls + 1) * sizeof(size_t));

	km_buf_init(&keys);
	for (i = 0; i < d->ncalls; i++) {	/* each callee's key: "file\1name", or "\2name" */
		const struct km_dscall *c = &d->calls[order[i]];

		if (c->callee >= 0)
			continue;
		at[i] = keys.len;
		km_buf_printf(&keys, "%s%c%s", c->callee_file ? c->callee_file : "",
			      c->callee_file ? 1 : 2, c->callee_name);
		km_buf_append(&keys, "", 1);
	}
	if (!at || keys.oom) {
		fprintf(stderr, "%s: out of memory\n", RP_PROG);
		exit(1);
	}
	rp_dict_init(&dict, d->ncalls);
	km_buf_init(&names);
	km_buf_init(&files);
	for (i = 0; i < d->ncalls; i++) {
		const struct km_dscall *c = &d->calls[order[i]];

		if (c->callee >= 0)
			continue;
		k = rp_dict_id(&dict, keys.p + at[i]);
		ext_of[i] = k;
		if (k < n)
			continue;
		n++;
		km_buf_puts(&names, k ? "," : "");
		rp_json_str(&names, c->callee_name);
		km_buf_puts(&files, k ? "," : "");
		if (c->callee_file)
			rp_json_str(&files, c->callee_file);
		else
			km_buf_puts(&files, "null");
	}
	km_buf_puts(b, ",\"ext\":{\"name\":[");
	km_buf_append(b, names.p, names.len);
	km_buf_puts(b, "],\"file\":[");
	km_buf_append(b, files.p, files.len);
	km_buf_puts(b, "]}");
	rp_dict_free(&dict);
	km_buf_free(&keys);
	km_buf_free(&names);
	km_buf_free(&files);
	free(at);
}

static void rp_calls(struct km_buf *b, const struct km_dataset *d)
{
	size_t *count = (size_t *)calloc(d->nrows + 1, sizeof(size_t));
	size_t *ext_of = (size_t *)calloc(d->ncalls + 1, sizeof(size_t));
	size_t *order = rp_calls_by_caller(d, count);
	size_t i, n;

	km_buf_puts(b, ",\n\"calls\":{\"n\":[");
	for (i = 0; i < d->nrows; i++)
		km_buf_printf(b, i ? ",%zu" : "%zu", count[i]);
	km_buf_puts(b, "]");
	rp_ext(b, d, order, ext_of);
	km_buf_puts(b, ",\n\"to\":[");
	for (i = 0; i < d->ncalls; i++) {
		const struct km_dscall *c = &d->calls[order[i]];
		long to = c->callee >= 0 ? c->callee : -1 - (long)ext_of[i];

		km_buf_printf(b, i ? ",%ld" : "%ld", to);
	}
	km_buf_puts(b, "],\n\"addr\":[");
	for (i = 0, n = 0; i < d->ncalls; i++)
		if (d->calls[order[i]].kind == 'a')
			km_buf_printf(b, n++ ? ",%zu" : "%zu", i);
	km_buf_puts(b, "]}");
	free(count);
	free(ext_of);
	free(order);
}

/* ---- what was measured ---- */

static void rp_str_or_null(struct km_buf *b, const char *s)
{
	if (s)
		rp_json_str(b, s);
	else
		km_buf_puts(b, "null");
}

static void rp_provenance(struct km_buf *b, const struct km_dataset *d)
{
	size_t i;

	km_buf_puts(b, ",\n\"provenance\":[");
	for (i = 0; i < d->nprovs; i++) {
		const struct km_dsprov *p = &d->provs[i];

		km_buf_puts(b, i ? ",{\"gcc\":" : "{\"gcc\":");
		rp_str_or_null(b, p->gcc);
		km_buf_puts(b, ",\"target\":");
		rp_str_or_null(b, p->target);
		km_buf_puts(b, ",\"plugin\":");
		rp_str_or_null(b, p->plugin);
		km_buf_puts(b, ",\"kernel\":");
		rp_str_or_null(b, p->kernel_release);
		km_buf_printf(b, ",\"objects\":%zu}", p->objects);
	}
	km_buf_append(b, "]", 1);
}

/* ---- the "baseline" member (--baseline) ---- */

static void rp_status_json(struct km_buf *b, const struct rp_table *t)
{
	static const char letters[] = "arwicu";
	static const char *const words[] = {
		"added", "removed", "worsened", "improved", "changed", "unchanged",
	};
	size_t count[6] = { 0 }, row;
	int k;

	km_buf_puts(b, ",\"status\":\"");
	for (row = 0; row < t->nrows; row++) {
		char s = rp_status(t, row);

		km_buf_append(b, &s, 1);
		count[strchr(letters, s) - letters]++;
	}
	km_buf_puts(b, "\",\"counts\":{");
	for (k = 0; k < 6; k++)
		km_buf_printf(b, "%s\"%s\":%zu", k ? "," : "", words[k], count[k]);
	km_buf_append(b, "}", 1);
}

/* OLD's value of @col for each moved row (null where the column did not move). */
static void rp_old_column(struct km_buf *b, const struct rp_table *t, const size_t *rows,
			  size_t n, int col)
{
	const struct km_diff *df = t->df;
	char num[KM_DOUBLE_MAX];
	size_t k;

	km_buf_append(b, "[", 1);
	for (k = 0; k < n; k++) {
		const struct km_dpair *p = rp_pair(t, rows[k]);

		if (k)
			km_buf_append(b, ",", 1);
		if (km_diff_moved(df, p, col))
			km_buf_puts(b, km_ds_format(df->old, (size_t)p->old_row, col, num,
						    sizeof(num)));
		else
			km_buf_puts(b, "null");
	}
	km_buf_append(b, "]", 1);
}

static void rp_old_json(struct km_buf *b, const struct rp_table *t)
{
	size_t *rows = (size_t *)malloc((t->d->nrows + 1) * sizeof(size_t));
	size_t n = 0, row, k;
	int col, first = 1;

	if (!rows) {
		fprintf(stderr, "%s: out of memory\n", RP_PROG);
		exit(1);
	}
	for (row = 0; row < t->d->nrows; row++)
		if (rp_moved(t, row))
			rows[n++] = row;
	km_buf_puts(b, ",\n\"old\":{\"rows\":[");
	for (k = 0; k < n; k++)
		km_buf_printf(b, k ? ",%zu" : "%zu", rows[k]);
	km_buf_puts(b, "],\"values\":{");
	for (col = 0; col < KM_NCOLS; col++) {
		if (!rp_number_col(t->df, col))
			continue;
		km_buf_puts(b, first ? "\n" : ",\n");
		first = 0;
		rp_json_str(b, km_cols[col].name);
		km_buf_append(b, ":", 1);
		rp_old_column(b, t, rows, n, col);
	}
	km_buf_puts(b, "}}");
	free(rows);
}

static void rp_json_baseline(struct km_buf *b, const struct rp_opts *o, const struct rp_table *t)
{
	km_buf_puts(b, "{\"inputs\":[");
	rp_json_str(b, o->baseline);
	km_buf_printf(b, "],\"functions\":%zu,\"by_file\":%s", t->df->old->nrows,
		      t->df->by_file ? "true" : "false");
	km_buf_puts(b, ",\"smaller_is_worse\":[");
	rp_json_str(b, km_cols[KM_COL_SCORE].name);
	km_buf_append(b, "]", 1);
	rp_status_json(b, t);
	rp_old_json(b, t);
	km_buf_append(b, "}", 1);
}

static void rp_header(struct km_buf *b, const struct rp_opts *o, const struct km_dataset *d)
{
	int i;

	km_buf_puts(b, "{\"format\":1,\"generator\":");
	rp_json_str(b, RP_PROG " " KM_VERSION);
	km_buf_puts(b, ",\"title\":");
	rp_json_str(b, o->title);
	km_buf_puts(b, ",\"inputs\":[");
	for (i = 0; i < o->npaths; i++) {
		if (i)
			km_buf_append(b, ",", 1);
		rp_json_str(b, o->paths[i]);
	}
	km_buf_puts(b, "],\"scope\":");
	rp_str_or_null(b, d->scope);
	km_buf_printf(b, ",\"has_calls\":%s,\"objects\":%zu,\"functions\":%zu",
		      d->has_calls ? "true" : "false", d->nobjects, d->nrows);
	km_buf_printf(b, ",\"limits\":{\"cyclomatic\":%d,\"halstead_effort\":%d,"
		      "\"callers\":%d,\"locals\":%d,\"params\":%d}", KM_LIMIT_CYCLOMATIC,
		      KM_LIMIT_HALSTEAD, KM_LIMIT_CALLERS, KM_LIMIT_LOCALS, KM_LIMIT_PARAMS);
	rp_provenance(b, d);
}

void rp_json(struct km_buf *b, const struct rp_opts *o, const struct rp_table *t)
{
	rp_header(b, o, t->d);
	rp_columns(b, t);
	rp_calls(b, t->d);
	km_buf_puts(b, ",\n\"baseline\":");
	if (t->df)
		rp_json_baseline(b, o, t);
	else
		km_buf_puts(b, "null");
	km_buf_puts(b, "}\n");
}
