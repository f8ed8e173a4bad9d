// SPDX-License-Identifier: GPL-2.0
/*
 * report_table.c - the page's table, and --baseline=OLD: lib/diff/diff.c's
 * comparison (the one kmetrics-diff prints) as the table shows it. The
 * table's rows are the measured build's, then the functions only OLD has
 * (removed), with OLD's values; each row has its pair in the comparison,
 * a status and whether a number column moved. report_json.c writes it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/km_columns.h"
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
const struct km_dpair *rp_pair(const struct rp_table *t, size_t row)
{
	if (row >= t->d->nrows)
		return &t->df->pairs[t->removed[row - t->d->nrows]];
	return &t->df->pairs[t->df->new_pair[row]];
}

char rp_status(const struct rp_table *t, size_t row)
{
	const struct km_diff *df = t->df;
	const struct km_dpair *p = rp_pair(t, row);

	switch (p->status) {
	case KM_DIFF_ADDED: return 'a';
	case KM_DIFF_REMOVED: return 'r';
	case KM_DIFF_UNCHANGED: return 'u';
	default: break;
	}
	return km_diff_trend(df, p) > 0 ? 'w' : km_diff_trend(df, p) < 0 ? 'i' : 'c';
}

int rp_number_col(const struct km_diff *df, int col)
{
	return df->cmp[col] && km_cols[col].type != KM_TYPE_TEXT;
}

int rp_moved(const struct rp_table *t, size_t row)
{
	const struct km_diff *df = t->df;
	const struct km_dpair *p = rp_pair(t, row);
	int col;

	if (p->old_row < 0 || p->new_row < 0)
		return 0;
	for (col = 0; col < KM_NCOLS; col++)
		if (rp_number_col(df, col) && km_diff_moved(df, p, col))
			return 1;
	return 0;
}

const struct km_dataset *rp_row(const struct rp_table *t, size_t row, size_t *r)
{
	if (row < t->d->nrows) {
		*r = row;
		return t->d;
	}
	*r = (size_t)t->df->pairs[t->removed[row - t->d->nrows]].old_row;
	return t->df->old;
}
