// SPDX-License-Identifier: GPL-2.0
/*
 * dataset_csv.c - a csv dataset (kmetrics-merge --format=csv) read into a
 * km_dataset: RFC 4180 (fields quoted when they hold a comma, quote, CR or
 * LF, quotes doubled inside), CRLF or LF line ends, a last line with or
 * without its line end.
 *
 * The header names the columns, in any order and any subset of
 * km_columns.h's table (an older dataset has the first 16, a newer one
 * more); `name` must be among them. A header field that is no kmetrics
 * column is a warning and its values are skipped. Each value is typed by
 * its column: an empty field is null, an integer column takes a decimal
 * integer, a real column a number, a text column anything. Any other
 * field is an error naming the file, the line and the column.
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with csv_.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "km_dataset.h"
#include "input/km_input.h"
#include "io/km_io.h"

struct csv {
	const char *path;
	const char *p, *end;
	long line;		/* of p */
	struct km_buf row;	/* the current record's fields, each NUL-ended */
	size_t *off;		/* where each field starts in row */
	size_t nf, cap;
};

static int csv_fail(const struct csv *c, long line, const char *what)
{
	mg_errorf("%s:%ld: %s", c->path, line, what);
	return -1;
}

static void csv_field_start(struct csv *c)
{
	if (c->nf == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->off = (size_t *)realloc(c->off, c->cap * sizeof(*c->off));
		if (!c->off) {
			mg_errorf("%s: out of memory", mg_prog);
			exit(1);
		}
	}
	c->off[c->nf++] = c->row.len;
}

/* A quoted field, from its opening quote to the closing one. */
static int csv_quoted(struct csv *c)
{
	long line = c->line;

	for (c->p++; c->p < c->end; c->p++) {
		if (*c->p == '"') {
			if (c->p + 1 < c->end && c->p[1] == '"') {
				km_buf_append(&c->row, "\"", 1);
				c->p++;
				continue;
			}
			c->p++;
			return 0;
		}
		if (*c->p == '\n')
			c->line++;
		km_buf_append(&c->row, c->p, 1);
	}
	return csv_fail(c, line, "a quoted field is not closed");
}

static int csv_plain(struct csv *c)
{
	const char *s = c->p;

	while (c->p < c->end && !strchr(",\r\n\"", *c->p))
		c->p++;
	if (c->p < c->end && *c->p == '"')
		return csv_fail(c, c->line, "a quote inside a field that is not quoted");
	km_buf_append(&c->row, s, (size_t)(c->p - s));
	return 0;
}

/* The end of a record: CRLF, LF or the end of the file. */
static int csv_record_end(struct csv *c)
{
	if (c->p == c->end)
		return 0;
	if (*c->p == '\r')
		c->p++;
	if (c->p == c->end || *c->p != '\n')
		return csv_fail(c, c->line, c->p[-1] == '\r' ? "a carriage return without a line feed" :
				"text after a closing quote");
	c->p++;
	c->line++;
	return 0;
}

/* One record into c->row / c->off. */
static int csv_record(struct csv *c)
{
	c->row.len = 0;
	c->nf = 0;
	if (*c->p == '\n' || (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n'))
		return csv_fail(c, c->line, "empty line");
	for (;;) {
		csv_field_start(c);
		if ((c->p < c->end && *c->p == '"') ? csv_quoted(c) : csv_plain(c))
			return -1;
		km_buf_append(&c->row, "", 1);
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			continue;
		}
		return csv_record_end(c);
	}
}

static const char *csv_field(const struct csv *c, size_t k)
{
	return c->row.p + c->off[k];
}

/* The header: each field's column into @map (-1: not a kmetrics column). */
static int csv_header(struct csv *c, struct km_dataset *d, int **map)
{
	int seen[KM_NCOLS] = { 0 };
	size_t k;

	if (csv_record(c))
		return -1;
	*map = (int *)mg_alloc(c->nf * sizeof(**map));
	for (k = 0; k < c->nf; k++) {
		int col = km_col_lookup(csv_field(c, k));

		(*map)[k] = col;
		if (col < 0) {
			mg_warnf("%s:1: column '%s' is not a kmetrics column; ignored", c->path,
				 csv_field(c, k));
			continue;
		}
		if (seen[col]++) {
			mg_errorf("%s:1: column '%s' twice", c->path, km_cols[col].name);
			return -1;
		}
		km_ds_use(d, col);
	}
	if (!seen[KM_COL_NAME])
		return csv_fail(c, 1, "no 'name' column in the header");
	return 0;
}

static int csv_row(struct csv *c, struct km_dataset *d, const int *map, size_t nmap,
		   uint32_t src)
{
	long line = c->line;
	size_t k, row;

	if (csv_record(c))
		return -1;
	if (c->nf != nmap) {
		mg_errorf("%s:%ld: expected %zu fields, found %zu", c->path, line, nmap, c->nf);
		return -1;
	}
	row = km_ds_add_row(d, src, line);
	for (k = 0; k < nmap; k++) {
		const char *s = csv_field(c, k), *err = NULL;
		size_t len = strlen(s);

		if (map[k] < 0 || !len)
			continue;
		if (km_ds_set_cell(d, row, map[k], s, len, &err)) {
			mg_errorf("%s:%ld: column %s: '%s' is %s", c->path, line,
				  km_cols[map[k]].name, s, err);
			return -1;
		}
	}
	if (km_ds_null(d, row, KM_COL_NAME))
		return csv_fail(c, line, "empty name");
	return 0;
}

int km_ds_read_csv(struct km_dataset *d, const char *path)
{
	struct csv c;
	size_t len;
	char *data = km_read_file(path, &len);
	int *map = NULL, ret = -1;
	uint32_t src;
	size_t nmap;

	if (!data) {
		mg_errorf("%s: %s", path, strerror(errno));
		return -1;
	}
	memset(&c, 0, sizeof(c));
	km_buf_init(&c.row);
	c.path = path;
	c.p = data;
	c.end = data + len;
	c.line = 1;
	if (csv_header(&c, d, &map))
		goto out;
	nmap = c.nf;
	src = km_ds_add_src(d, path);
	while (c.p < c.end)
		if (csv_row(&c, d, map, nmap, src))
			goto out;
	ret = 0;
out:
	free(map);
	free(c.off);
	km_buf_free(&c.row);
	free(data);
	return ret;
}
