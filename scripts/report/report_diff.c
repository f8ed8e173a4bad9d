// SPDX-License-Identifier: GPL-2.0
/*
 * report_diff.c - --baseline=OLD: lib/diff/diff.c's comparison (the one
 * kmetrics-diff prints) as the page shows it. The table's rows are the
 * measured build's, then the functions only OLD has (removed), with OLD's
 * values. The data's "baseline" member:
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
#include "record/km_record.h"
#include "report.h"

void rp_table_init(struct rp_table *t, const struct km_dataset *d, const struct km_diff *df)
{
	size_t k;

	memset(t, 0, sizeof(*t));
	t->d = d;
	t->df = df;
	t->nrows = d->nrows;
	if (!df)
		return;
	t->removed = (size_t *)malloc((df->count[KM_DIFF_REMOVED] + 1) * sizeof(size_t));
	if (!t->removed) {
		fprintf(stderr, "%s: out of memory\n", RP_PROG);
		exit(1);
	}
	for (k = 0; k < df->npairs; k++)
		if (df->pairs[k].status == KM_DIFF_REMOVED)
			t->removed[t->nremoved++] = k;
	t->nrows += t->nremoved;
}

void rp_table_free(struct rp_table *t)
{
	free(t->removed);
	memset(t, 0, sizeof(*t));
}

/* The pair of table row @row. */
static const struct km_dpair *rp_pair(const struct rp_table *t, size_t row)
{
	if (row >= t->d->nrows)
		return &t->df->pairs[t->removed[row - t->d->nrows]];
	return &t->df->pairs[t->df->new_pair[row]];
}

static char rp_status(const struct km_diff *df, const struct km_dpair *p)
{
	switch (p->status) {
	case KM_DIFF_ADDED: return 'a';
	case KM_DIFF_REMOVED: return 'r';
	case KM_DIFF_UNCHANGED: return 'u';
	default: break;
	}
	return km_diff_trend(df, p) > 0 ? 'w' : km_diff_trend(df, p) < 0 ? 'i' : 'c';
}

static int rp_number_col(const struct km_diff *df, int col)
{
	return df->cmp[col] && km_cols[col].type != KM_TYPE_TEXT;
}

/* Some number column of @p moved. */
static int rp_moved(const struct km_diff *df, const struct km_dpair *p)
{
	int col;

	if (p->old_row < 0 || p->new_row < 0)
		return 0;
	for (col = 0; col < KM_NCOLS; col++)
		if (rp_number_col(df, col) && km_diff_moved(df, p, col))
			return 1;
	return 0;
}

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
		char s = rp_status(t->df, rp_pair(t, row));

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
		if (rp_moved(t->df, rp_pair(t, row)))
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

void rp_json_baseline(struct km_buf *b, const struct rp_opts *o, const struct rp_table *t)
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
