// SPDX-License-Identifier: GPL-2.0
/*
 * dataset_read.c - reading PATHs into a dataset (km_dataset_read): what
 * kmetrics-merge reads goes through km_input.h (the same code, the same
 * messages) in dataset_records.c, csv and json files through
 * dataset_csv.c and dataset_json.c, SQLite databases through
 * dataset_sqlite.c, picked by their first bytes (ds_readers below). Each
 * reader fills the store of dataset.c and calls nothing here.
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with ds_.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "km_dataset.h"
#include "companion/km_elfembed.h"
#include "input/km_input.h"

/* ---- which reader ---- */

static int ds_read_csv(struct km_dataset *d, const char *path, const struct km_dsopts *o)
{
	(void)o;
	return km_ds_read_csv(d, path);
}

static int ds_read_json(struct km_dataset *d, const char *path, const struct km_dsopts *o)
{
	(void)o;
	return km_ds_read_json(d, path);
}

static const struct ds_reader {
	enum km_dsformat format;
	int (*read)(struct km_dataset *d, const char *path, const struct km_dsopts *o);
} ds_readers[] = {
	{ KM_DS_CSV, ds_read_csv },
	{ KM_DS_JSON, ds_read_json },
	{ KM_DS_SQLITE, km_ds_read_sqlite },
};

/* The first line's first field is a column name: a csv header. */
static int ds_csv_header(const char *p, size_t n)
{
	char field[64];
	size_t k = 0;

	while (k < n && p[k] != ',' && p[k] != '\r' && p[k] != '\n')
		k++;
	if (k >= sizeof(field) || (k == n && n > 16))
		return 0;
	memcpy(field, p, k);
	field[k] = 0;
	return km_col_lookup(field) >= 0;
}

enum km_dsformat km_dataset_sniff(const char *path)
{
	static const char sqlite_magic[] = "SQLite format 3";
	char head[512];
	struct stat st;
	size_t n, k = 0;
	FILE *f;

	if (stat(path, &st) || !S_ISREG(st.st_mode) || km_embed_is_object(path))
		return KM_DS_RECORDS;
	f = fopen(path, "rb");
	if (!f)
		return KM_DS_RECORDS;
	n = fread(head, 1, sizeof(head), f);
	fclose(f);
	if (n >= sizeof(sqlite_magic) && !memcmp(head, sqlite_magic, sizeof(sqlite_magic)))
		return KM_DS_SQLITE;
	while (k < n && strchr(" \t\r\n", head[k]))
		k++;
	if (k < n && head[k] == '[')
		return KM_DS_JSON;
	return ds_csv_header(head, n) ? KM_DS_CSV : KM_DS_RECORDS;
}

static int ds_read_file(struct km_dataset *d, const char *path, enum km_dsformat fmt,
			const struct km_dsopts *o)
{
	size_t i;

	for (i = 0; i < sizeof(ds_readers) / sizeof(ds_readers[0]); i++)
		if (ds_readers[i].format == fmt)
			return ds_readers[i].read(d, path, o);
	return -1;
}

int km_dataset_read(struct km_dataset *d, char **paths, int npaths)
{
	struct km_dsopts o;

	memset(&o, 0, sizeof(o));
	return km_dataset_read_opts(d, paths, npaths, &o);
}

int km_dataset_read_opts(struct km_dataset *d, char **paths, int npaths,
			 const struct km_dsopts *o)
{
	enum km_dsformat *fmt = (enum km_dsformat *)mg_alloc((size_t)npaths * sizeof(*fmt));
	char **rec = (char **)mg_alloc((size_t)npaths * sizeof(*rec));
	int i, nrec = 0, records_read = 0, ret = 0;

	km_ds_init(d);
	for (i = 0; i < npaths; i++) {
		fmt[i] = km_dataset_sniff(paths[i]);
		if (fmt[i] == KM_DS_RECORDS)
			rec[nrec++] = paths[i];
	}
	for (i = 0; i < npaths && !ret; i++) {
		if (fmt[i] != KM_DS_RECORDS)
			ret = ds_read_file(d, paths[i], fmt[i], o);
		else if (!records_read++)
			ret = km_ds_read_records(d, rec, nrec, o);
	}
	free(fmt);
	free(rec);
	if (ret)
		km_dataset_free(d);
	return ret;
}
