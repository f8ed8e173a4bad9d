// SPDX-License-Identifier: GPL-2.0
/*
 * report_json.c - the dataset as the page's data (format 2): one JSON
 * object whose bulk is binary blocks (report_pack.c: {"raw": N, "z":
 * base64 of zlib's deflate}), one a column, so that 1M functions make a
 * page of tens of megabytes that the page inflates natively and decodes
 * a column at a time when a view first needs it (web/decode.js). The
 * object is in two parts: rp_json's, before the page's script, with the
 * blocks of the table's first screen (the name, file, line and the seed
 * columns), so the table shows while the browser still reads the other
 * part, rp_json_rest's ({values, calls}) after the script:
 *
 *   columns     the columns the table shows, in km_columns.h's order:
 *               key (csv name), type, doc, seed ("C2", "NAME", "LABEL")
 *   values      per column key, its block, a value a row (rows: below):
 *               int   a varint a row: 0 null, else zigzag(v) + 1
 *               real  a varint count of null rows, a varint gap before
 *                     each, then the other rows' doubles (8 bytes, little
 *                     endian): the csv's repr is the shortest form of each
 *               text  a string table (varint count, varint byte length,
 *                     the strings joined by NUL), then a varint a row:
 *                     0 null, 1 the table's next string (first use), k + 2
 *                     its k-th string again
 *   calls       one block: a varint a function, how many calls it makes
 *               (callees in the dataset's scope); each callee, the
 *               caller's calls in turn: 2 * zigzag(callee - caller) for a
 *               row, 2k + 1 for ext's k-th function (no record); a varint
 *               count of address references and each one's gap in the
 *               calls since the last; ext's names (a string table), its
 *               files (a text column's table and codes; null: external)
 *   limits      C11's limits by column key (km_record.h)
 *   baseline    with --baseline, the object below, else null
 * beside what was measured: inputs, scope ("tu", "build", or null when a
 * csv or json dataset does not say), has_calls (the dataset carries its
 * call graph: companions or an sqlite calls table), objects, functions,
 * rows (functions and the removed ones of --baseline), provenance.
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

/* ---- a column as a block ---- */

/* Text: the strings, then a code a row (rp_dict_code). */
static void rp_text_block(struct km_buf *raw, const struct rp_table *t, int col)
{
	struct km_buf idx;
	struct rp_dict dict;
	size_t row, r;

	km_buf_init(&idx);
	rp_dict_init(&dict, t->nrows);
	for (row = 0; row < t->nrows; row++) {
		const struct km_dataset *d = rp_row(t, row, &r);

		rp_varint(&idx, rp_dict_code(&dict, km_ds_text(d, r, col)));
	}
	rp_strings(raw, dict.order, dict.n);
	km_buf_append(raw, idx.p, idx.len);
	km_buf_free(&idx);
	rp_dict_free(&dict);
}

/* Integers: zigzag + 1 a row, 0 for null. */
static void rp_int_block(struct km_buf *raw, const struct rp_table *t, int col)
{
	size_t row, r;

	for (row = 0; row < t->nrows; row++) {
		const struct km_dataset *d = rp_row(t, row, &r);

		if (km_ds_null(d, r, col))
			rp_varint(raw, 0);
		else
			rp_varint(raw, rp_zigzag(km_ds_int(d, r, col)) + 1);
	}
}

/* Reals: the null rows (how many, then each as the gap since the last), then the others' doubles. */
static void rp_real_block(struct km_buf *raw, const struct rp_table *t, int col)
{
	size_t row, r, nnull = 0, next = 0;

	for (row = 0; row < t->nrows; row++) {
		const struct km_dataset *d = rp_row(t, row, &r);

		nnull += km_ds_null(d, r, col) != 0;
	}
	rp_varint(raw, nnull);
	for (row = 0; nnull && row < t->nrows; row++) {
		const struct km_dataset *d = rp_row(t, row, &r);

		if (km_ds_null(d, r, col)) {
			rp_varint(raw, row - next);
			next = row + 1;
		}
	}
	for (row = 0; row < t->nrows; row++) {
		const struct km_dataset *d = rp_row(t, row, &r);
		unsigned char le[8];
		unsigned long long u;
		double v;
		int k;

		if (km_ds_null(d, r, col))
			continue;
		v = km_ds_real(d, r, col);
		memcpy(&u, &v, sizeof(u));
		for (k = 0; k < 8; k++)
			le[k] = (unsigned char)(u >> (8 * k));
		km_buf_append(raw, le, 8);
	}
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

static void rp_column_values(struct km_buf *b, const struct rp_table *t, int col)
{
	struct km_buf raw;

	km_buf_init(&raw);
	if (km_cols[col].type == KM_TYPE_TEXT)
		rp_text_block(&raw, t, col);
	else if (km_cols[col].type == KM_TYPE_INT)
		rp_int_block(&raw, t, col);
	else
		rp_real_block(&raw, t, col);
	rp_block(b, &raw);
	km_buf_free(&raw);
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

/* The table's first screen: the name, where it is, the seed columns. */
static int rp_first(int col)
{
	return km_cols[col].seed || col == KM_COL_NAME || col == KM_COL_FILE ||
	       col == KM_COL_LINE;
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
	km_buf_append(b, "]", 1);
}

/* "values": the blocks of the first screen's columns (@first) or of the others. */
static void rp_values(struct rp_sink *sk, const struct rp_table *t, int first)
{
	struct km_buf *b = &sk->b;
	int col, n = 0;

	km_buf_puts(b, "\"values\":{");
	for (col = 0; col < KM_NCOLS; col++) {
		if (rp_first(col) != first || !rp_shown(t->d, col))
			continue;
		km_buf_puts(b, n++ ? ",\n" : "\n");
		rp_json_str(b, km_cols[col].name);
		km_buf_append(b, ":", 1);
		rp_column_values(b, t, col);
		rp_sink_flush(sk, 0);
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

/*
 * The callees without a record, each (file, name) once, as ext_of[i] for
 * the i-th call in @order: their names' table, then their files' (a text
 * block's strings and codes, null for an external function).
 */
static void rp_ext(struct km_buf *raw, const struct km_dataset *d, const size_t *order,
		   size_t *ext_of)
{
	struct km_buf keys, codes;
	struct rp_dict dict, files;
	const char **names;
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
	names = (const char **)malloc((d->ncalls + 1) * sizeof(*names));
	if (!at || !names || keys.oom) {
		fprintf(stderr, "%s: out of memory\n", RP_PROG);
		exit(1);
	}
	rp_dict_init(&dict, d->ncalls);
	rp_dict_init(&files, d->ncalls);
	km_buf_init(&codes);
	for (i = 0; i < d->ncalls; i++) {
		const struct km_dscall *c = &d->calls[order[i]];

		if (c->callee >= 0)
			continue;
		k = rp_dict_id(&dict, keys.p + at[i]);
		ext_of[i] = k;
		if (k < n)
			continue;
		names[n++] = c->callee_name;
		rp_varint(&codes, rp_dict_code(&files, c->callee_file));
	}
	rp_strings(raw, names, n);
	rp_strings(raw, files.order, files.n);
	km_buf_append(raw, codes.p, codes.len);
	rp_dict_free(&dict);
	rp_dict_free(&files);
	km_buf_free(&keys);
	km_buf_free(&codes);
	free(names);
	free(at);
}

/*
 * The calls' block: how many calls each row makes; each call's callee (a
 * row as 2 * zigzag(callee - caller), ext's k-th as 2k + 1); how many are
 * address references, each as the gap in calls since the last; then ext
 * (rp_ext).
 */
static void rp_calls(struct rp_sink *sk, const struct km_dataset *d)
{
	size_t *count = (size_t *)calloc(d->nrows + 1, sizeof(size_t));
	size_t *ext_of = (size_t *)calloc(d->ncalls + 1, sizeof(size_t));
	size_t *order = rp_calls_by_caller(d, count);
	size_t i, n = 0, next = 0;
	struct km_buf raw, tail;

	km_buf_init(&raw);
	km_buf_init(&tail);
	rp_ext(&tail, d, order, ext_of);
	for (i = 0; i < d->nrows; i++)
		rp_varint(&raw, count[i]);
	for (i = 0; i < d->ncalls; i++) {
		const struct km_dscall *c = &d->calls[order[i]];

		if (c->callee >= 0)
			rp_varint(&raw, 2 * rp_zigzag(c->callee - (long long)c->caller));
		else
			rp_varint(&raw, 2 * (unsigned long long)ext_of[i] + 1);
		n += c->kind == 'a';
	}
	rp_varint(&raw, n);
	for (i = 0; i < d->ncalls; i++) {
		if (d->calls[order[i]].kind == 'a') {
			rp_varint(&raw, i - next);
			next = i + 1;
		}
	}
	km_buf_append(&raw, tail.p, tail.len);
	km_buf_puts(&sk->b, ",\n\"calls\":");
	rp_block(&sk->b, &raw);
	rp_sink_flush(sk, 0);
	km_buf_free(&raw);
	km_buf_free(&tail);
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

static void rp_header(struct km_buf *b, const struct rp_opts *o, const struct rp_table *t)
{
	const struct km_dataset *d = t->d;
	int i;

	km_buf_puts(b, "{\"format\":2,\"generator\":");
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
	km_buf_printf(b, ",\"has_calls\":%s,\"objects\":%zu,\"functions\":%zu,\"rows\":%zu",
		      d->has_calls ? "true" : "false", d->nobjects, d->nrows, t->nrows);
	km_buf_printf(b, ",\"limits\":{\"cyclomatic\":%d,\"halstead_effort\":%d,"
		      "\"callers\":%d,\"locals\":%d,\"params\":%d}", KM_LIMIT_CYCLOMATIC,
		      KM_LIMIT_HALSTEAD, KM_LIMIT_CALLERS, KM_LIMIT_LOCALS, KM_LIMIT_PARAMS);
	rp_provenance(b, d);
}

void rp_json(struct rp_sink *sk, const struct rp_opts *o, const struct rp_table *t)
{
	struct km_buf *b = &sk->b;

	rp_header(b, o, t);
	rp_columns(b, t);
	km_buf_puts(b, ",\n\"baseline\":");
	if (t->df)
		rp_json_baseline(b, o, t);
	else
		km_buf_puts(b, "null");
	km_buf_puts(b, ",\n");
	rp_values(sk, t, 1);
	km_buf_puts(b, "}\n");
}

void rp_json_rest(struct rp_sink *sk, const struct rp_table *t)
{
	km_buf_puts(&sk->b, "{");
	rp_values(sk, t, 0);
	rp_calls(sk, t->d);
	km_buf_puts(&sk->b, "}\n");
}
