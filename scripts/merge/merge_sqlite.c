// SPDX-License-Identifier: GPL-2.0
/*
 * merge_sqlite.c - --format=sqlite: the dataset as an SQLite database with
 * the call graph in it. kmetrics-merge(1) shows the schema; every column carries a
 * one-line comment in it (sqlite3's .schema prints them), and PRAGMA
 * user_version says its format (MQ_SCHEMA_VERSION), which readers check.
 *
 *   meta       key/value: how the dataset was made
 *   objects    one row per object: where its records came from, provenance
 *   functions  one row per record: every column of lib/record/km_columns.h that is
 *              on, in its order (mg_value gives the values), an integer id
 *              (its row in csv order, from 1) and its object's id
 *   calls      one row per call out of a function (merge_calls.c): caller
 *              and callee ids, the callee's name when it has no record
 *
 * The database is built in a temporary file beside FILE, without a journal
 * (nothing to roll back into: a failure removes the file), and renamed to
 * FILE only when complete, so FILE is whole or not there at all.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "record/km_columns.h"
#include "merge.h"

#define MQ_SCHEMA_VERSION	1

struct mq {
	sqlite3 *db;
	const struct mg_set *set;
	const char *path;	/* FILE, for messages */
	int failed;
};

static int mq_fail(struct mq *q, const char *what)
{
	if (!q->failed)
		mg_errorf("%s: sqlite: %s: %s", q->path, what,
			  q->db ? sqlite3_errmsg(q->db) : "out of memory");
	q->failed = 1;
	return -1;
}

static int mq_exec(struct mq *q, const char *sql)
{
	return sqlite3_exec(q->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : mq_fail(q, sql);
}

static sqlite3_stmt *mq_prepare(struct mq *q, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(q->db, sql, -1, &st, NULL) != SQLITE_OK)
		mq_fail(q, sql);
	return st;
}

/* Run a bound statement once and make it ready for the next row. */
static int mq_step(struct mq *q, sqlite3_stmt *st)
{
	int r = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return r == SQLITE_DONE ? 0 : mq_fail(q, "insert");
}

static void mq_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* ---- the schema ---- */

static const char mq_schema_head[] =
"CREATE TABLE meta (\n"
"\tkey TEXT PRIMARY KEY,\t-- schema_version, kmetrics_version, scope, options, inputs, records\n"
"\tvalue TEXT NOT NULL\t-- its value; inputs: the PATHs given, one a line\n"
");\n"
"CREATE TABLE objects (\n"
"\tid INTEGER PRIMARY KEY,\t-- referred to by functions.object_id\n"
"\tpath TEXT NOT NULL,\t-- the object the records came from (functions.object)\n"
"\tsource TEXT,\t-- its main source file as the compiler was given it; NULL: no companion\n"
"\tcwd TEXT,\t-- the compiler's working directory\n"
"\tgcc TEXT,\t-- the version of the GCC that compiled it (companion version 2)\n"
"\ttarget TEXT,\t-- that GCC's target triple\n"
"\tplugin TEXT,\t-- the kmetrics plugin's version\n"
"\tkernel_release TEXT,\t-- include/config/kernel.release of the kernel tree compiled in\n"
"\tconfig_hash TEXT\t-- FNV-1a 64 of that tree's .config, 16 hex digits\n"
");\n";

static const char mq_schema_tail[] =
"CREATE TABLE calls (\n"
"\tcaller INTEGER NOT NULL REFERENCES functions(id),\t-- the function the call is in\n"
"\tcallee INTEGER REFERENCES functions(id),\t-- the function it reaches in the scope; "
"NULL: one without a record\n"
"\tcallee_name TEXT,\t-- when callee is NULL, its name (external, header static inline)\n"
"\tkind TEXT NOT NULL CHECK (kind IN ('c', 'a'))\t-- c: a direct call, a: its address taken\n"
");\n";

static const char mq_indices[] =
"CREATE INDEX functions_name ON functions(name);\n"
"CREATE INDEX functions_file ON functions(file);\n"
"CREATE INDEX calls_caller ON calls(caller);\n"
"CREATE INDEX calls_callee ON calls(callee);\n";

static const char *mq_sql_type(enum km_coltype t)
{
	return t == KM_TYPE_INT ? "INTEGER" : t == KM_TYPE_REAL ? "REAL" : "TEXT";
}

/* CREATE TABLE functions: the columns that are on, each with its comment. */
static void mq_functions_table(const struct mg_set *set, struct km_buf *b)
{
	const char *doc = "its object (objects.id)";	/* each comment follows its comma */
	char name[64];
	int c;

	km_buf_puts(b, "CREATE TABLE functions (\n"
		    "\tid INTEGER PRIMARY KEY,\t-- the record's row in csv order, from 1\n"
		    "\tobject_id INTEGER NOT NULL REFERENCES objects(id)");
	for (c = 0; c < KM_NCOLS; c++) {
		if (!km_col_present(c, set->groups))
			continue;
		km_buf_printf(b, ",\t-- %s\n\t%s %s%s", doc, km_col_sql_name(c, name, sizeof(name)),
			      mq_sql_type(km_cols[c].type), c == KM_COL_NAME ? " NOT NULL" : "");
		doc = km_cols[c].doc;
	}
	km_buf_printf(b, "\t-- %s\n);\n", doc);
}

static int mq_schema(struct mq *q)
{
	struct km_buf b;
	int r;

	km_buf_init(&b);
	km_buf_puts(&b, mq_schema_head);
	mq_functions_table(q->set, &b);
	km_buf_puts(&b, mq_schema_tail);
	km_buf_append(&b, "", 1);
	r = b.oom ? mq_fail(q, "schema") : mq_exec(q, b.p);
	km_buf_free(&b);
	return r;
}

/* ---- the rows ---- */

static int mq_meta(struct mq *q, const struct mg_meta *meta)
{
	char num[32];
	const char *kv[][2] = {
		{ "schema_version", num }, { "kmetrics_version", KM_VERSION },
		{ "scope", meta->scope }, { "options", meta->options },
		{ "inputs", meta->inputs }, { "records", NULL },
	};
	sqlite3_stmt *st = mq_prepare(q, "INSERT INTO meta VALUES (?, ?)");
	char records[32];
	size_t i;

	snprintf(num, sizeof(num), "%d", MQ_SCHEMA_VERSION);
	snprintf(records, sizeof(records), "%zu", q->set->nrecs);
	kv[5][1] = records;
	for (i = 0; st && i < sizeof(kv) / sizeof(kv[0]); i++) {
		mq_bind_text(st, 1, kv[i][0]);
		mq_bind_text(st, 2, kv[i][1]);
		if (mq_step(q, st))
			break;
	}
	sqlite3_finalize(st);
	return q->failed ? -1 : 0;
}

static int mq_objects(struct mq *q)
{
	sqlite3_stmt *st = mq_prepare(q, "INSERT INTO objects VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
	char hash[24];
	size_t i;

	for (i = 0; st && i < q->set->nsides; i++) {
		const struct mg_side *s = &q->set->sides[i];
		const struct km_companion *c = s->has_comp ? &s->comp : NULL;

		sqlite3_bind_int64(st, 1, (sqlite3_int64)i + 1);
		mq_bind_text(st, 2, s->object);
		mq_bind_text(st, 3, c ? c->source : NULL);
		mq_bind_text(st, 4, c ? c->cwd : NULL);
		mq_bind_text(st, 5, c ? c->gcc : NULL);
		mq_bind_text(st, 6, c ? c->target : NULL);
		mq_bind_text(st, 7, c ? c->plugin : NULL);
		mq_bind_text(st, 8, c && c->has_kernel ? c->kernel_release : NULL);
		snprintf(hash, sizeof(hash), "%016llx",
			 c ? (unsigned long long)c->config_hash : 0ULL);
		mq_bind_text(st, 9, c && c->has_kernel ? hash : NULL);
		if (mq_step(q, st))
			break;
	}
	sqlite3_finalize(st);
	return q->failed ? -1 : 0;
}

static void mq_bind_value(sqlite3_stmt *st, int i, const struct mg_value *v)
{
	switch (v->kind) {
	case MG_V_INT:
		sqlite3_bind_int64(st, i, (sqlite3_int64)v->i);
		break;
	case MG_V_REAL:
		sqlite3_bind_double(st, i, v->r);
		break;
	case MG_V_TEXT:
		sqlite3_bind_text(st, i, v->s, (int)v->len, SQLITE_STATIC);
		break;
	default:
		sqlite3_bind_null(st, i);
	}
}

/* "INSERT INTO functions VALUES (?, ?, ...)" for the columns that are on. */
static sqlite3_stmt *mq_functions_insert(struct mq *q, int *ncols)
{
	struct km_buf b;
	sqlite3_stmt *st;
	int c;

	*ncols = 0;
	km_buf_init(&b);
	km_buf_puts(&b, "INSERT INTO functions VALUES (?, ?");
	for (c = 0; c < KM_NCOLS; c++)
		if (km_col_present(c, q->set->groups)) {
			km_buf_puts(&b, ", ?");
			(*ncols)++;
		}
	km_buf_append(&b, ")", 2);
	st = b.oom ? NULL : mq_prepare(q, b.p);
	km_buf_free(&b);
	return st;
}

static int mq_functions(struct mq *q)
{
	const struct mg_set *set = q->set;
	struct mg_value v;
	sqlite3_stmt *st;
	size_t i;
	int c, k, ncols;

	st = mq_functions_insert(q, &ncols);
	for (i = 0; st && i < set->nrecs; i++) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)i + 1);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)set->recs[i].side + 1);
		for (c = 0, k = 3; c < KM_NCOLS; c++) {
			if (!km_col_present(c, set->groups))
				continue;
			mg_value(set, &set->recs[i], c, &v);
			mq_bind_value(st, k++, &v);
		}
		if (mq_step(q, st))
			break;
	}
	sqlite3_finalize(st);
	return q->failed ? -1 : 0;
}

struct mq_calls {
	struct mq *q;
	sqlite3_stmt *st;
};

static int mq_call(void *ctx, const struct mg_call *c)
{
	struct mq_calls *w = (struct mq_calls *)ctx;
	char kind[2] = { c->kind, 0 };

	sqlite3_bind_int64(w->st, 1, (sqlite3_int64)c->caller + 1);
	if (c->callee == MG_NOREC) {
		sqlite3_bind_null(w->st, 2);
		mq_bind_text(w->st, 3, c->callee_name);
	} else {
		sqlite3_bind_int64(w->st, 2, (sqlite3_int64)c->callee + 1);
		sqlite3_bind_null(w->st, 3);
	}
	sqlite3_bind_text(w->st, 4, kind, 1, SQLITE_TRANSIENT);
	return mq_step(w->q, w->st);
}

static int mq_calls(struct mq *q)
{
	struct mq_calls w;

	w.q = q;
	w.st = mq_prepare(q, "INSERT INTO calls VALUES (?, ?, ?, ?)");
	if (w.st)
		mg_calls_each(q->set, mq_call, &w);
	sqlite3_finalize(w.st);
	return q->failed ? -1 : 0;
}

/* ---- the file ---- */

static int mq_fill(struct mq *q, const struct mg_meta *meta)
{
	char pragma[64];

	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", MQ_SCHEMA_VERSION);
	if (mq_exec(q, "PRAGMA journal_mode = OFF") || mq_exec(q, "PRAGMA synchronous = OFF") ||
	    mq_exec(q, "PRAGMA cache_size = -262144") || mq_exec(q, "PRAGMA temp_store = MEMORY") ||
	    mq_exec(q, "PRAGMA locking_mode = EXCLUSIVE") || mq_exec(q, pragma) ||
	    mq_exec(q, "BEGIN") || mq_schema(q))
		return -1;
	if (mq_meta(q, meta) || mq_objects(q) || mq_functions(q) || mq_calls(q))
		return -1;
	return mq_exec(q, mq_indices) || mq_exec(q, "COMMIT") ? -1 : 0;
}

int mg_sqlite_write(const struct mg_set *set, const struct mg_meta *meta, const char *file,
		    const char *path)
{
	struct mq q;
	int r = -1;

	memset(&q, 0, sizeof(q));
	q.set = set;
	q.path = path;
	if (sqlite3_open_v2(file, &q.db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		mq_fail(&q, "open");
	else
		r = mq_fill(&q, meta);
	if (sqlite3_close(q.db) != SQLITE_OK && !r)
		r = mq_fail(&q, "close");
	return r;
}
