// SPDX-License-Identifier: GPL-2.0
/*
 * dataset_sqlite.c - a dataset from the SQLite database kmetrics-merge
 * --format=sqlite writes (its schema: scripts/merge/merge_sqlite.c and
 * kmetrics-merge(1)), through libsqlite3, opened read-only:
 *
 *   PRAGMA user_version   must be 1, the schema this reader knows
 *   functions             one row a record, in id order; each column whose
 *                         SQL name (km_col_sql_name) is a kmetrics column,
 *                         typed as km_columns.h says; others are a warning
 *   calls                 with km_dsopts.calls: the dataset's calls (a callee
 *                         without a record has its name, no file)
 *   objects               how many, and their provenance (gcc, target,
 *                         plugin, kernel_release)
 *   meta                  scope: the scope C5-C7 were computed in
 *
 * A row's place (km_ds_where) is the database and the function's id.
 * Plain C, compiles as C11 and as C++; file-scope names start with sq_.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "km_dataset.h"
#include "input/km_input.h"
#include "io/km_io.h"

#define SQ_SCHEMA_VERSION	1

struct sq {
	sqlite3 *db;
	struct km_dataset *d;
	const char *path;
	size_t row0;		/* the dataset's row of function id 1 */
	size_t nfuncs;
};

static int sq_fail(struct sq *q, const char *what)
{
	mg_errorf("%s: sqlite: %s: %s", q->path, what,
		  q->db ? sqlite3_errmsg(q->db) : "out of memory");
	return -1;
}

/* One integer from @sql (its first column of its first row) into *@v. */
static int sq_int(struct sq *q, const char *sql, long long *v)
{
	sqlite3_stmt *st = NULL;
	int r = -1;

	if (sqlite3_prepare_v2(q->db, sql, -1, &st, NULL) != SQLITE_OK)
		return sq_fail(q, sql);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*v = sqlite3_column_int64(st, 0);
		r = 0;
	} else {
		sq_fail(q, sql);
	}
	sqlite3_finalize(st);
	return r;
}

/* The kmetrics column of SQL column @name, or -1. */
static int sq_column(const char *name)
{
	char buf[64];
	int c;

	for (c = 0; c < KM_NCOLS; c++)
		if (!strcmp(km_col_sql_name(c, buf, sizeof(buf)), name))
			return c;
	return -1;
}

/* One cell: its SQL type must be the column's (an integer is a real's too). */
static int sq_cell(struct sq *q, sqlite3_stmt *st, int i, size_t row, int col)
{
	int t = sqlite3_column_type(st, i);
	enum km_coltype want = km_cols[col].type;

	if (t == SQLITE_NULL)
		return 0;
	if (want == KM_TYPE_INT && t == SQLITE_INTEGER) {
		km_ds_set_int(q->d, row, col, sqlite3_column_int64(st, i));
	} else if (want == KM_TYPE_REAL && (t == SQLITE_FLOAT || t == SQLITE_INTEGER)) {
		km_ds_set_real(q->d, row, col, sqlite3_column_double(st, i));
	} else if (want == KM_TYPE_TEXT && t == SQLITE_TEXT) {
		km_ds_set_text(q->d, row, col, (const char *)sqlite3_column_text(st, i),
			       (size_t)sqlite3_column_bytes(st, i));
	} else {
		mg_errorf("%s: functions id %lld: column %s: not %s", q->path,
			  sqlite3_column_int64(st, 0), km_cols[col].name,
			  want == KM_TYPE_INT ? "an integer" : want == KM_TYPE_REAL ? "a number" :
			  "text");
		return -1;
	}
	return 0;
}

/* "SELECT id, COL, ... FROM functions ORDER BY id", each COL's kmetrics column in @map. */
static int sq_select(struct sq *q, struct km_buf *sql, int *map, int *n)
{
	sqlite3_stmt *st = NULL;

	*n = 0;
	km_buf_puts(sql, "SELECT id");
	if (sqlite3_prepare_v2(q->db, "PRAGMA table_info(functions)", -1, &st, NULL) != SQLITE_OK)
		return sq_fail(q, "the functions table");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);
		int col = name ? sq_column(name) : -1;

		if (col < 0 || *n == KM_NCOLS) {
			if (name && strcmp(name, "id") && strcmp(name, "object_id"))
				mg_warnf("%s: column '%s' of functions is not a kmetrics column; "
					 "ignored", q->path, name);
			continue;
		}
		map[(*n)++] = col;
		km_buf_printf(sql, ", \"%s\"", name);
		km_ds_use(q->d, col);
	}
	sqlite3_finalize(st);
	km_buf_puts(sql, " FROM functions ORDER BY id");
	km_buf_append(sql, "", 1);
	return 0;
}

static int sq_functions(struct sq *q)
{
	struct km_buf sql;
	sqlite3_stmt *st = NULL;
	uint32_t src = km_ds_add_src(q->d, q->path);
	int map[KM_NCOLS], n, i, r;

	km_buf_init(&sql);
	if (sq_select(q, &sql, map, &n) || !km_ds_has(q->d, KM_COL_NAME)) {
		km_buf_free(&sql);
		return km_ds_has(q->d, KM_COL_NAME) ? -1 : sq_fail(q, "no name column in functions");
	}
	if (sqlite3_prepare_v2(q->db, sql.p, -1, &st, NULL) != SQLITE_OK) {
		km_buf_free(&sql);
		return sq_fail(q, "reading functions");
	}
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		size_t row = km_ds_add_row(q->d, src, (long)sqlite3_column_int64(st, 0));

		if ((long long)(row - q->row0) + 1 != sqlite3_column_int64(st, 0)) {
			r = sq_fail(q, "functions ids are not 1, 2, 3, ...");
			break;
		}
		for (i = 0; i < n; i++)
			if (sq_cell(q, st, i + 1, row, map[i]))
				break;
		if (i < n)
			break;
	}
	sqlite3_finalize(st);
	km_buf_free(&sql);
	q->nfuncs = q->d->nrows - q->row0;
	return r == SQLITE_DONE ? 0 : r == SQLITE_ROW ? -1 : sq_fail(q, "reading functions");
}

/* The row of function @id, or -1 when there is none. */
static long sq_row(const struct sq *q, long long id)
{
	return id >= 1 && (size_t)id <= q->nfuncs ? (long)(q->row0 + (size_t)id - 1) : -1;
}

static int sq_calls(struct sq *q)
{
	struct km_dataset *d = q->d;
	sqlite3_stmt *st = NULL;
	size_t cap = d->ncalls;
	int r;

	if (sqlite3_prepare_v2(q->db, "SELECT caller, callee, callee_name, kind FROM calls "
			       "ORDER BY rowid", -1, &st, NULL) != SQLITE_OK)
		return sq_fail(q, "the calls table");
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct km_dscall *k;
		const char *kind = (const char *)sqlite3_column_text(st, 3);
		const char *name = (const char *)sqlite3_column_text(st, 2);
		long caller = sq_row(q, sqlite3_column_int64(st, 0));

		if (caller < 0)
			continue;
		if (d->ncalls == cap) {
			cap = cap ? cap * 2 : 4096;
			d->calls = (struct km_dscall *)realloc(d->calls, cap * sizeof(*d->calls));
			if (!d->calls)
				return sq_fail(q, "out of memory");
		}
		k = &d->calls[d->ncalls++];
		k->caller = (size_t)caller;
		k->kind = kind && kind[0] == 'a' ? 'a' : 'c';
		k->callee = sqlite3_column_type(st, 1) == SQLITE_NULL ? -1 :
			sq_row(q, sqlite3_column_int64(st, 1));
		k->callee_file = k->callee >= 0 ? km_ds_text(d, (size_t)k->callee, KM_COL_FILE) : NULL;
		k->callee_name = k->callee >= 0 ? km_ds_text(d, (size_t)k->callee, KM_COL_NAME) :
			km_ds_strndup(d, name ? name : "?", strlen(name ? name : "?"));
	}
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? 0 : sq_fail(q, "reading calls");
}

static const char *sq_str(struct sq *q, sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s && *s ? km_ds_strndup(q->d, s, strlen(s)) : NULL;
}

/* How many objects, what compiled them; the scope from meta. */
static int sq_objects(struct sq *q)
{
	struct km_dataset *d = q->d;
	sqlite3_stmt *st = NULL;
	long long n = 0;

	if (sq_int(q, "SELECT count(*) FROM objects", &n))
		return -1;
	d->nobjects += (size_t)n;
	if (sqlite3_prepare_v2(q->db, "SELECT gcc, target, plugin, kernel_release, count(*) "
			       "FROM objects WHERE coalesce(gcc, target, plugin) IS NOT NULL "
			       "GROUP BY 1, 2, 3, 4 ORDER BY min(id)", -1, &st, NULL) != SQLITE_OK)
		return sq_fail(q, "the objects table");
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct km_dsprov *p;

		d->provs = (struct km_dsprov *)realloc(d->provs, (d->nprovs + 1) * sizeof(*d->provs));
		if (!d->provs)
			return sq_fail(q, "out of memory");
		p = &d->provs[d->nprovs++];
		p->gcc = sq_str(q, st, 0);
		p->target = sq_str(q, st, 1);
		p->plugin = sq_str(q, st, 2);
		p->kernel_release = sq_str(q, st, 3);
		p->objects = (size_t)sqlite3_column_int64(st, 4);
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(q->db, "SELECT value FROM meta WHERE key = 'scope'", -1, &st,
			       NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		d->scope = sq_str(q, st, 0);
	sqlite3_finalize(st);
	return 0;
}

int km_ds_read_sqlite(struct km_dataset *d, const char *path, const struct km_dsopts *o)
{
	struct sq q;
	long long version = -1;
	int r = -1;

	memset(&q, 0, sizeof(q));
	q.d = d;
	q.path = path;
	q.row0 = d->nrows;
	if (sqlite3_open_v2(path, &q.db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_exec(q.db, "SELECT 1 FROM sqlite_schema LIMIT 1", NULL, NULL, NULL)) {
		mg_errorf("%s: sqlite: %s", path, q.db ? sqlite3_errmsg(q.db) : "out of memory");
	} else if (sq_int(&q, "PRAGMA user_version", &version)) {
		;
	} else if (version != SQ_SCHEMA_VERSION) {
		mg_errorf("%s: a database of schema version %lld; %s reads version %d", path,
			  version, mg_prog, SQ_SCHEMA_VERSION);
	} else if (!sq_functions(&q) && !sq_objects(&q) && (!o->calls || !sq_calls(&q))) {
		d->has_calls |= o->calls;
		r = 0;
	}
	sqlite3_close(q.db);
	return r;
}
