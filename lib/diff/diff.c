// SPDX-License-Identifier: GPL-2.0
/*
 * diff.c - two datasets compared function by function (km_diff.h): rows
 * paired by identity, each pair's status, the order kmetrics-diff prints
 * them in, and what moved.
 *
 * Pairing is one sort and one merge join: each side's rows sorted by
 * (path, name, place in the dataset), numbered within equal (path, name)
 * (the occurrence: the second `helper` of a file compiled twice, or of a
 * dataset without files), and joined on (path, name, occurrence). The path
 * is diff_paths.c's key ("" when the comparison goes by name alone, or for
 * a row without a file), so a million functions pair in a second.
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with df_.
 */
#include <stdlib.h>
#include <string.h>

#include "diff_priv.h"
#include "input/km_input.h"

const char *const km_dstatus_name[KM_DIFF_NSTATUS] = {
	"changed", "added", "removed", "unchanged",
};

/* A row as the join sees it. */
struct df_ent {
	const char *key, *name;
	long row, occ;
};

static int df_cmp_id(const struct df_ent *x, const struct df_ent *y)
{
	int c = strcmp(x->key, y->key);

	if (!c)
		c = strcmp(x->name, y->name);
	return c ? c : (x->occ < y->occ ? -1 : x->occ > y->occ);
}

static int df_cmp_ent(const void *a, const void *b)
{
	const struct df_ent *x = (const struct df_ent *)a, *y = (const struct df_ent *)b;
	int c = strcmp(x->key, y->key);

	if (!c)
		c = strcmp(x->name, y->name);
	return c ? c : (x->row < y->row ? -1 : x->row > y->row);
}

/* Side @s's rows, sorted by identity and numbered within it. */
static struct df_ent *df_entries(const struct km_diff *d, int s, size_t *n)
{
	const struct km_dataset *ds = s ? d->new_ : d->old;
	struct df_ent *e = (struct df_ent *)mg_alloc((ds->nrows + 1) * sizeof(*e));
	size_t i;

	for (i = 0; i < ds->nrows; i++) {
		const char *k = d->keys[s][i];

		e[i].key = d->by_file && k ? k : "";
		e[i].name = km_ds_text(ds, i, KM_COL_NAME);
		e[i].row = (long)i;
	}
	qsort(e, ds->nrows, sizeof(*e), df_cmp_ent);
	for (i = 0; i < ds->nrows; i++)
		e[i].occ = i && !strcmp(e[i].key, e[i - 1].key) &&
			   !strcmp(e[i].name, e[i - 1].name) ? e[i - 1].occ + 1 : 0;
	*n = ds->nrows;
	return e;
}

static void df_add(struct km_diff *d, long old_row, long new_row)
{
	struct km_dpair *p = &d->pairs[d->npairs];

	p->old_row = old_row;
	p->new_row = new_row;
	if (old_row >= 0)
		d->old_pair[old_row] = (long)d->npairs;
	if (new_row >= 0)
		d->new_pair[new_row] = (long)d->npairs;
	d->npairs++;
}

static void df_join(struct km_diff *d)
{
	size_t na, nb, i = 0, j = 0;
	struct df_ent *a = df_entries(d, 0, &na), *b = df_entries(d, 1, &nb);

	d->pairs = (struct km_dpair *)mg_alloc((na + nb + 1) * sizeof(*d->pairs));
	d->old_pair = (long *)mg_alloc((na + 1) * sizeof(long));
	d->new_pair = (long *)mg_alloc((nb + 1) * sizeof(long));
	while (i < na || j < nb) {
		int c = i < na && j < nb ? df_cmp_id(&a[i], &b[j]) : i < na ? -1 : 1;

		if (!c)
			df_add(d, a[i++].row, b[j++].row);
		else if (c < 0)
			df_add(d, a[i++].row, -1);
		else
			df_add(d, -1, b[j++].row);
	}
	free(a);
	free(b);
}

/* Some column of the seed record differs. */
static int df_changed(const struct km_diff *d, const struct km_dpair *p)
{
	int c;

	for (c = 0; c < KM_NCOLS; c++)
		if (c != KM_COL_NAME && km_cols[c].seed && km_diff_moved(d, p, c))
			return 1;
	return 0;
}

static enum km_dstatus df_status(const struct km_diff *d, const struct km_dpair *p)
{
	if (p->old_row < 0)
		return KM_DIFF_ADDED;
	if (p->new_row < 0)
		return KM_DIFF_REMOVED;
	return df_changed(d, p) ? KM_DIFF_CHANGED : KM_DIFF_UNCHANGED;
}

void km_diff_compute(struct km_diff *d, const struct km_dataset *old,
		     const struct km_dataset *new_)
{
	size_t i;
	int c;

	memset(d, 0, sizeof(*d));
	d->old = old;
	d->new_ = new_;
	for (c = 0; c < KM_NCOLS; c++)
		d->cmp[c] = km_ds_has(old, c) && km_ds_has(new_, c);
	dp_keys(d);
	if (d->by_file)
		dp_renames(d);
	df_join(d);
	for (i = 0; i < d->npairs; i++) {
		d->pairs[i].status = df_status(d, &d->pairs[i]);
		d->count[d->pairs[i].status]++;
	}
}

void km_diff_free(struct km_diff *d)
{
	size_t i;
	int s;

	for (s = 0; s < 2; s++) {
		const struct km_dataset *ds = s ? d->new_ : d->old;

		for (i = 0; d->keys[s] && i < ds->nrows; i++)
			free(d->keys[s][i]);
		free(d->keys[s]);
		free(d->roots[s]);
	}
	free(d->renamed);
	free(d->pairs);
	free(d->old_pair);
	free(d->new_pair);
	memset(d, 0, sizeof(*d));
}

/* ---- what moved ---- */

const struct km_dataset *km_diff_side(const struct km_diff *d, const struct km_dpair *p,
				      size_t *row)
{
	if (p->new_row >= 0) {
		*row = (size_t)p->new_row;
		return d->new_;
	}
	*row = (size_t)p->old_row;
	return d->old;
}

int km_diff_renamed(const struct km_diff *d, const struct km_dpair *p)
{
	return d->renamed && p->old_row >= 0 && p->new_row >= 0 && d->renamed[p->old_row];
}

int km_diff_moved(const struct km_diff *d, const struct km_dpair *p, int col)
{
	struct km_value a, b;

	if (p->old_row < 0 || p->new_row < 0 || !d->cmp[col])
		return 0;
	a = km_ds_value(d->old, (size_t)p->old_row, col);
	b = km_ds_value(d->new_, (size_t)p->new_row, col);
	return !km_value_equal(&a, &b);
}

int km_diff_worse(const struct km_diff *d, const struct km_dpair *p, int col)
{
	double a, b;
	int sign;

	if (p->old_row < 0 || p->new_row < 0 || !d->cmp[col] ||
	    km_ds_number(d->old, (size_t)p->old_row, col, &a) ||
	    km_ds_number(d->new_, (size_t)p->new_row, col, &b) || a == b)
		return 0;
	sign = b > a ? 1 : -1;
	return col == KM_COL_SCORE ? -sign : sign;
}

int km_diff_trend(const struct km_diff *d, const struct km_dpair *p)
{
	static const int body[] = {
		KM_COL_CYCLOMATIC, KM_COL_HALSTEAD_EFFORT, KM_COL_LOCALS, KM_COL_NESTING,
	};
	int up = 0, down = 0;
	size_t k;

	for (k = 0; k < sizeof(body) / sizeof(body[0]); k++) {
		int w = km_diff_worse(d, p, body[k]);

		up += w > 0;
		down += w < 0;
	}
	return up && !down ? 1 : down && !up ? -1 : 0;
}

double km_diff_c2_increase(const struct km_diff *d, const struct km_dpair *p)
{
	double a = 0, b = 0;

	if (p->old_row >= 0)
		km_ds_number(d->old, (size_t)p->old_row, KM_COL_CYCLOMATIC, &a);
	if (p->new_row >= 0)
		km_ds_number(d->new_, (size_t)p->new_row, KM_COL_CYCLOMATIC, &b);
	return b - a;
}

const char *km_diff_where(const struct km_diff *d, const struct km_dpair *p, long *line)
{
	size_t row;
	const struct km_dataset *ds = km_diff_side(d, p, &row);
	const char *file = km_ds_text(ds, row, KM_COL_FILE);

	if (!file || !*file)
		return km_ds_where(ds, row, line);
	*line = km_ds_null(ds, row, KM_COL_LINE) ? 0 : (long)km_ds_int(ds, row, KM_COL_LINE);
	return file;
}

/* ---- order ---- */

struct df_sort {
	double up;
	const char *name, *key;
	struct km_dpair p;
};

static int df_cmp_sort(const void *a, const void *b)
{
	const struct df_sort *x = (const struct df_sort *)a, *y = (const struct df_sort *)b;
	int c;

	if (x->up != y->up)
		return x->up > y->up ? -1 : 1;
	if (x->p.status != y->p.status)
		return x->p.status < y->p.status ? -1 : 1;
	c = strcmp(x->name, y->name);
	return c ? c : strcmp(x->key, y->key);
}

void km_diff_sort(struct km_diff *d)
{
	struct df_sort *v = (struct df_sort *)mg_alloc((d->npairs + 1) * sizeof(*v));
	size_t i, n, row;

	for (i = 0; i < d->npairs; i++) {
		const struct km_dataset *ds = km_diff_side(d, &d->pairs[i], &row);
		const char *key = d->keys[ds == d->new_][row];

		v[i].up = km_diff_c2_increase(d, &d->pairs[i]);
		v[i].name = km_ds_text(ds, row, KM_COL_NAME);
		v[i].key = key ? key : "";
		v[i].p = d->pairs[i];
	}
	qsort(v, d->npairs, sizeof(*v), df_cmp_sort);
	n = d->npairs;
	d->npairs = 0;
	for (i = 0; i < n; i++) {
		df_add(d, v[i].p.old_row, v[i].p.new_row);
		d->pairs[i].status = v[i].p.status;
	}
	free(v);
}
