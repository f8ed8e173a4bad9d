// SPDX-License-Identifier: GPL-2.0
/*
 * dataset.c - a kmetrics dataset in memory (km_dataset.h): the column
 * store and its typed cells, which every reader fills (dataset_read.c
 * picks the reader; the readers call only this file).
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with ds_.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "km_dataset.h"
#include "input/km_input.h"
#include "record/km_record.h"

#define DS_CHUNK	(256 * 1024)

/* Strings of the dataset live in chunks, freed together. */
struct ds_chunk {
	struct ds_chunk *next;
	size_t used, size;
};

const char *km_ds_strndup(struct km_dataset *d, const char *s, size_t len)
{
	struct ds_chunk *c = d->chunks;
	char *p;

	if (!c || c->size - c->used < len + 1) {
		size_t size = len + 1 > DS_CHUNK ? len + 1 : DS_CHUNK;

		c = (struct ds_chunk *)mg_alloc(sizeof(*c) + size);
		c->size = size;
		c->next = d->chunks;
		d->chunks = c;
	}
	p = (char *)(c + 1) + c->used;
	c->used += len + 1;
	memcpy(p, s, len);
	p[len] = 0;
	return p;
}

void km_ds_init(struct km_dataset *d)
{
	memset(d, 0, sizeof(*d));
}

void km_dataset_free(struct km_dataset *d)
{
	size_t i;
	int c;

	for (c = 0; c < KM_NCOLS; c++) {
		free(d->col[c].i);
		free(d->col[c].r);
		free(d->col[c].s);
		free(d->col[c].null);
	}
	while (d->chunks) {
		struct ds_chunk *next = d->chunks->next;

		free(d->chunks);
		d->chunks = next;
	}
	for (i = 0; i < d->nsrcs; i++)
		free(d->srcs[i]);
	free(d->srcs);
	free(d->src);
	free(d->src_line);
	free(d->calls);
	free(d->provs);
	km_ds_init(d);
}

static void *ds_grow(void *p, size_t n, size_t size)
{
	p = realloc(p, (n ? n : 1) * size);
	if (!p) {
		mg_errorf("%s: out of memory", mg_prog);
		exit(1);
	}
	return p;
}

/* Room for @cap rows in column @col's arrays. */
static void ds_col_grow(struct km_dscol *k, enum km_coltype type, size_t cap)
{
	if (type == KM_TYPE_INT)
		k->i = (long long *)ds_grow(k->i, cap, sizeof(*k->i));
	else if (type == KM_TYPE_REAL)
		k->r = (double *)ds_grow(k->r, cap, sizeof(*k->r));
	else
		k->s = (const char **)ds_grow(k->s, cap, sizeof(*k->s));
	k->null = (unsigned char *)ds_grow(k->null, cap, 1);
}

void km_ds_use(struct km_dataset *d, int col)
{
	struct km_dscol *k = &d->col[col];

	if (k->present)
		return;
	k->present = 1;
	ds_col_grow(k, km_cols[col].type, d->cap);
	if (d->nrows)
		memset(k->null, 1, d->nrows);
}

uint32_t km_ds_add_src(struct km_dataset *d, const char *path)
{
	d->srcs = (char **)ds_grow(d->srcs, d->nsrcs + 1, sizeof(*d->srcs));
	d->srcs[d->nsrcs] = mg_strdup(path);
	return (uint32_t)d->nsrcs++;
}

size_t km_ds_add_row(struct km_dataset *d, uint32_t src, long line)
{
	size_t row = d->nrows;
	int c;

	if (row == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 1024;
		for (c = 0; c < KM_NCOLS; c++)
			if (d->col[c].present)
				ds_col_grow(&d->col[c], km_cols[c].type, d->cap);
		d->src = (uint32_t *)ds_grow(d->src, d->cap, sizeof(*d->src));
		d->src_line = (uint32_t *)ds_grow(d->src_line, d->cap, sizeof(*d->src_line));
	}
	for (c = 0; c < KM_NCOLS; c++)
		if (d->col[c].present)
			d->col[c].null[row] = 1;
	d->src[row] = src;
	d->src_line[row] = (uint32_t)line;
	d->nrows++;
	return row;
}

void km_ds_set_int(struct km_dataset *d, size_t row, int col, long long v)
{
	km_ds_use(d, col);
	d->col[col].i[row] = v;
	d->col[col].null[row] = 0;
}

void km_ds_set_real(struct km_dataset *d, size_t row, int col, double v)
{
	km_ds_use(d, col);
	d->col[col].r[row] = v;
	d->col[col].null[row] = 0;
}

void km_ds_set_text(struct km_dataset *d, size_t row, int col, const char *s, size_t len)
{
	km_ds_use(d, col);
	d->col[col].s[row] = km_ds_strndup(d, s, len);
	d->col[col].null[row] = 0;
}

int km_number_syntax(const char *s, size_t len, int integer)
{
	size_t i = 0, n;

	if (i < len && s[i] == '-')
		i++;
	for (n = i; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i == n)
		return 0;
	if (integer)
		return i == len;
	if (i < len && s[i] == '.') {
		for (n = ++i; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == n)
			return 0;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		if (++i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		for (n = i; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == n)
			return 0;
	}
	return i == len;
}

int km_ds_set_cell(struct km_dataset *d, size_t row, int col, const char *s, size_t len,
		   const char **err)
{
	char num[64];

	km_ds_use(d, col);
	if (km_cols[col].type == KM_TYPE_TEXT) {
		km_ds_set_text(d, row, col, s, len);
		return 0;
	}
	if (!km_number_syntax(s, len, km_cols[col].type == KM_TYPE_INT) || len >= sizeof(num)) {
		*err = km_cols[col].type == KM_TYPE_INT ? "not an integer" : "not a number";
		return -1;
	}
	memcpy(num, s, len);
	num[len] = 0;
	errno = 0;
	if (km_cols[col].type == KM_TYPE_INT)
		km_ds_set_int(d, row, col, strtoll(num, NULL, 10));
	else
		km_ds_set_real(d, row, col, strtod(num, NULL));
	if (errno == ERANGE) {
		*err = "out of range";
		return -1;
	}
	return 0;
}

/* ---- reading cells ---- */

int km_ds_has(const struct km_dataset *d, int col)
{
	return col >= 0 && col < KM_NCOLS && d->col[col].present;
}

int km_ds_null(const struct km_dataset *d, size_t row, int col)
{
	return !km_ds_has(d, col) || d->col[col].null[row];
}

long long km_ds_int(const struct km_dataset *d, size_t row, int col)
{
	if (km_ds_null(d, row, col))
		return 0;
	if (km_cols[col].type == KM_TYPE_REAL)
		return (long long)d->col[col].r[row];
	return km_cols[col].type == KM_TYPE_INT ? d->col[col].i[row] : 0;
}

double km_ds_real(const struct km_dataset *d, size_t row, int col)
{
	double v = 0;

	km_ds_number(d, row, col, &v);
	return v;
}

int km_ds_number(const struct km_dataset *d, size_t row, int col, double *v)
{
	if (km_ds_null(d, row, col) || km_cols[col].type == KM_TYPE_TEXT)
		return -1;
	if (km_cols[col].type == KM_TYPE_INT)
		*v = (double)d->col[col].i[row];
	else
		*v = d->col[col].r[row];
	return 0;
}

const char *km_ds_text(const struct km_dataset *d, size_t row, int col)
{
	if (km_ds_null(d, row, col) || km_cols[col].type != KM_TYPE_TEXT)
		return NULL;
	return d->col[col].s[row];
}

struct km_value km_ds_value(const struct km_dataset *d, size_t row, int col)
{
	struct km_value v;

	memset(&v, 0, sizeof(v));
	v.type = km_cols[col].type;
	v.null = km_ds_null(d, row, col);
	if (v.null)
		return v;
	if (v.type == KM_TYPE_INT)
		v.i = d->col[col].i[row];
	else if (v.type == KM_TYPE_REAL)
		v.r = d->col[col].r[row];
	else
		v.s = d->col[col].s[row];
	return v;
}

int km_value_equal(const struct km_value *a, const struct km_value *b)
{
	if (a->null || b->null)
		return a->null == b->null;
	if (a->type != b->type)
		return 0;
	if (a->type == KM_TYPE_INT)
		return a->i == b->i;
	if (a->type == KM_TYPE_REAL)
		return a->r == b->r;
	return !strcmp(a->s, b->s);
}

const char *km_ds_format(const struct km_dataset *d, size_t row, int col, char *buf,
			 size_t size)
{
	struct km_value v = km_ds_value(d, row, col);

	if (!size)
		return buf;
	buf[0] = 0;
	if (v.null)
		return buf;
	if (v.type == KM_TYPE_INT)
		snprintf(buf, size, "%lld", v.i);
	else if (v.type == KM_TYPE_REAL && km_format_double(buf, size, v.r) < 0)
		snprintf(buf, size, "%.17g", v.r);
	else if (v.type == KM_TYPE_TEXT)
		snprintf(buf, size, "%s", v.s);
	return buf;
}

const char *km_ds_where(const struct km_dataset *d, size_t row, long *line)
{
	*line = (long)d->src_line[row];
	return d->srcs[d->src[row]];
}
