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
 *
 * The database may be anyone's, so it is read as one: with SQLite's
 * defensive settings (no views, triggers or untrusted schema functions,
 * no writes to the schema, cell sizes checked), only from real tables of
 * those names (sqlite_schema type 'table', not virtual, no generated
 * column read), with a progress handler that interrupts a statement past
 * a budget of virtual machine steps that grows with the file's size (a
 * view over an endless recursive CTE hung the tools), and every real
 * finite (9e999 is an error naming the id and the column).
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with sq_.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "km_dataset.h"
#include "input/km_input.h"
#include "io/km_io.h"

#define SQ_SCHEMA_VERSION	1
#define SQ_STEPS_EVERY	10000		/* VM steps between progress calls */
#define SQ_STEPS_BASE	100000000LL	/* steps any database may take ... */
#define SQ_STEPS_BYTE	256LL		/* ... and as many per byte of its file */

struct sq {
	sqlite3 *db;
	struct km_dataset *d;
	const char *path;
	size_t row0;		/* the dataset's row of function id 1 */
	size_t nfuncs;
	long long steps, budget;	/* VM steps taken, and allowed */
};

static int sq_fail(struct sq *q, const char *what)
{
	if (q->db && q->steps > q->budget)
		mg_errorf("%s: sqlite: %s: more than %lld steps for a database of its size: "
			  "interrupted", q->path, what, q->budget);
	else
		mg_errorf("%s: sqlite: %s: %s", q->path, what,
			  q->db ? sqlite3_errmsg(q->db) : "out of memory");
	return -1;
}

/* SQLite's progress handler: non-zero interrupts the statement. */
static int sq_progress(void *arg)
{
	struct sq *q = (struct sq *)arg;

	q->steps += SQ_STEPS_EVERY;
	return q->steps > q->budget;
}

/*
 * What a database from anyone may do: no view, trigger, extension or
 * untrusted function in its schema, nothing written, sizes bounded, work
 * bounded by the file's size.
 */
static int sq_harden(struct sq *q)
{
	static const int off[] = {
		SQLITE_DBCONFIG_ENABLE_TRIGGER, SQLITE_DBCONFIG_ENABLE_VIEW,
		SQLITE_DBCONFIG_TRUSTED_SCHEMA, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION,
		SQLITE_DBCONFIG_DQS_DML, SQLITE_DBCONFIG_DQS_DDL,
	};
	struct stat st;
	size_t i;

	q->budget = SQ_STEPS_BASE;
	if (!stat(q->path, &st) && st.st_size > 0)
		q->budget += SQ_STEPS_BYTE * (long long)st.st_size;
	for (i = 0; i < sizeof(off) / sizeof(off[0]); i++)
		if (sqlite3_db_config(q->db, off[i], 0, (int *)NULL) != SQLITE_OK)
			return sq_fail(q, "configuring");
	if (sqlite3_db_config(q->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL) != SQLITE_OK)
		return sq_fail(q, "configuring");
	sqlite3_limit(q->db, SQLITE_LIMIT_LENGTH, 1 << 24);
	sqlite3_limit(q->db, SQLITE_LIMIT_SQL_LENGTH, 1 << 20);
	sqlite3_limit(q->db, SQLITE_LIMIT_ATTACHED, 0);
	sqlite3_progress_handler(q->db, SQ_STEPS_EVERY, sq_progress, q);
	if (sqlite3_exec(q->db, "PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0; "
			 "PRAGMA temp_store = MEMORY", NULL, NULL, NULL) != SQLITE_OK)
		return sq_fail(q, "configuring");
	return 0;
}

/* Are functions, objects, meta (and calls, with @calls) real tables? */
static int sq_tables(struct sq *q, int calls)
{
	static const char *const names[] = { "functions", "objects", "meta", "calls" };
	sqlite3_stmt *st = NULL;
	size_t i, n = calls ? 4 : 3;
	int r = 0;

	if (sqlite3_prepare_v2(q->db, "SELECT type, sql FROM sqlite_schema WHERE name = ?1 "
			       "COLLATE NOCASE AND type IN ('table', 'view')", -1, &st,
			       NULL) != SQLITE_OK)
		return sq_fail(q, "sqlite_schema");
	for (i = 0; i < n && !r; i++) {
		const char *type, *sql;

		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, names[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW) {
			mg_errorf("%s: no table %s: not a database kmetrics-merge wrote", q->path,
				  names[i]);
			r = -1;
			break;
		}
		type = (const char *)sqlite3_column_text(st, 0);
		sql = (const char *)sqlite3_column_text(st, 1);
		if (!type || strcmp(type, "table") || !sql ||
		    !sqlite3_strnicmp(sql, "CREATE VIRTUAL", 14)) {
			mg_errorf("%s: %s is a %s, not a table: not a database kmetrics-merge wrote",
				  q->path, names[i], type && !strcmp(type, "view") ? "view" :
				  "virtual table");
			r = -1;
		}
	}
	sqlite3_finalize(st);
	return r;
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
		double v = sqlite3_column_double(st, i);

		if (!isfinite(v)) {
			mg_errorf("%s: functions id %lld: column %s: %s is not a finite number",
				  q->path, sqlite3_column_int64(st, 0), km_cols[col].name,
				  v > 0 ? "Inf" : "-Inf");
			return -1;
		}
		km_ds_set_real(q->d, row, col, v);
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
	if (sqlite3_prepare_v2(q->db, "PRAGMA table_xinfo(functions)", -1, &st, NULL) != SQLITE_OK)
		return sq_fail(q, "the functions table");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);
		int col = name ? sq_column(name) : -1;

		if (sqlite3_column_int(st, 6)) {	/* hidden: generated, or a virtual table's */
			mg_errorf("%s: column '%s' of functions is computed, not stored: not a "
				  "database kmetrics-merge wrote", q->path, name ? name : "?");
			sqlite3_finalize(st);
			return -1;
		}

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
	} else if (sq_harden(&q) || sq_int(&q, "PRAGMA user_version", &version)) {
		;
	} else if (version != SQ_SCHEMA_VERSION) {
		mg_errorf("%s: a database of schema version %lld; %s reads version %d", path,
			  version, mg_prog, SQ_SCHEMA_VERSION);
	} else if (!sq_tables(&q, o->calls) && !sq_functions(&q) && !sq_objects(&q) && (!o->calls || !sq_calls(&q))) {
		d->has_calls |= o->calls;
		r = 0;
	}
	sqlite3_close(q.db);
	return r;
}
