/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lib/dataset/ - a dataset, the tools' one model of a build's functions:
 * read from anything kmetrics-merge reads or writes (this header, files
 * below), or computed from the records (km_set.h: scope.c, calls.c,
 * objects.c, values.c, git_ages.c over git_run.c).
 *
 * km_dataset.h - a kmetrics dataset in memory, whatever it was read from:
 * what kmetrics-merge reads (sidecars, directories, objects and archives
 * with embedded records, read through km_input.h) or what it writes (seed
 * records, csv, json, sqlite). kmetrics-diff compares two of them, the
 * report draws one.
 *
 * Columns are km_columns.h's: a dataset holds any subset of them (a seed
 * file the 13 record columns plus file, line and object, an older csv its
 * first 16, a newer one the extended columns), stored column by column,
 * each value typed as the table says (int, real or text) or null.
 *
 *   struct km_dataset d;
 *   if (km_dataset_read(&d, paths, npaths))     (message already printed)
 *           return 1;
 *   for (row = 0; row < d.nrows; row++)
 *           if (!km_ds_null(&d, row, KM_COL_CYCLOMATIC))
 *                   use(km_ds_text(&d, row, KM_COL_NAME),
 *                       km_ds_int(&d, row, KM_COL_CYCLOMATIC));
 *   km_dataset_free(&d);
 *
 * Errors are printed as kmetrics-merge prints them ("FILE:LINE: reason",
 * km_input.h's mg_errorf; warnings with mg_prog's name) and the reader
 * returns -1. Plain C, compiles as C11 and as C++.
 *
 *   dataset.c          the column store and its cells (what readers fill)
 *   dataset_read.c     km_dataset_read: which reader each PATH goes to
 *   dataset_records.c  sidecars, directories, objects, archives (km_input.h)
 *   dataset_csv.c, dataset_json.c, dataset_sqlite.c  kmetrics-merge's formats
 * The readers call the store only, never back into dataset_read.c.
 */
#ifndef KM_DATASET_H
#define KM_DATASET_H

#include <stddef.h>
#include <stdint.h>

#include "record/km_columns.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a PATH holds, as km_dataset_sniff tells it. */
enum km_dsformat {
	KM_DS_RECORDS,		/* what kmetrics-merge reads: sidecars (seed records), dirs, objects */
	KM_DS_CSV,		/* kmetrics-merge --format=csv */
	KM_DS_JSON,		/* kmetrics-merge --format=json */
	KM_DS_SQLITE,		/* kmetrics-merge --format=sqlite */
};

/* One column's values; which array is used follows km_cols[c].type. */
struct km_dscol {
	int present;		/* the dataset has this column */
	long long *i;		/* KM_TYPE_INT */
	double *r;		/* KM_TYPE_REAL */
	const char **s;		/* KM_TYPE_TEXT, strings owned by the dataset */
	unsigned char *null;	/* 1 where the row's value is null */
};

struct ds_chunk;

/* A call or address reference between functions (km_dsopts.calls). */
struct km_dscall {
	size_t caller;		/* its row */
	long callee;		/* the callee's row, -1: no record (external, header inline) */
	const char *callee_name;
	const char *callee_file;	/* NULL for an external function */
	char kind;		/* 'c' call, 'a' address taken */
};

/* What compiled the objects, from the companions (version 2). */
struct km_dsprov {
	const char *gcc, *target, *plugin;	/* NULL: not said */
	const char *kernel_release;	/* NULL: not compiled in a kernel tree */
	size_t objects;		/* the objects that say so */
};

struct km_dataset {
	size_t nrows;
	struct km_dscol col[KM_NCOLS];
	/* where each row was read: srcs[src[row]] (a sidecar, an object, a
	 * csv/json file) and the line of its record there (1-based) */
	uint32_t *src;
	uint32_t *src_line;
	char **srcs;
	size_t nsrcs;
	/* read from sidecars or objects with km_dsopts.calls: the calls, each
	 * once, in the scope of C5-C7 */
	struct km_dscall *calls;
	size_t ncalls;
	int has_calls;		/* calls were read (companions, an sqlite calls table) */
	/* read from sidecars, objects or sqlite: how many, and what compiled them */
	size_t nobjects;
	struct km_dsprov *provs;
	size_t nprovs;
	const char *scope;	/* "tu" or "build" where it is known, else NULL */
	/* private */
	size_t cap;
	struct ds_chunk *chunks;
};

/* A value of one cell: type as the column's, or null. */
struct km_value {
	enum km_coltype type;
	int null;
	long long i;
	double r;
	const char *s;
};

/*
 * Read @paths into @d (initialised here). csv and json files are read one
 * by one; every other PATH (sidecars, seed files, directories, objects,
 * archives) is read together with the others of its kind, as
 * `kmetrics-merge PATH...` reads them (companions used where they are
 * there, for file, line, last_line and object), at the place of the
 * first of them. Returns 0, or -1 after printing one message.
 */
int km_dataset_read(struct km_dataset *d, char **paths, int npaths);

/* What kmetrics-merge's options compute, for sidecars and objects. */
struct km_dsopts {
	int scope_build;	/* --scope=build: C5-C7, C11 and fan over the build */
	const char *git;	/* --git=DIR: C4 from git blame of HEAD in DIR */
	int all_columns;	/* every base column, as --format=csv writes it */
	int calls;		/* fill calls */
};

/*
 * km_dataset_read with @o applied to the sidecars and objects among
 * @paths (csv, json and sqlite datasets are read as they are: their columns
 * say what computed them; an sqlite database gives its calls).
 */
int km_dataset_read_opts(struct km_dataset *d, char **paths, int npaths,
			 const struct km_dsopts *o);

void km_dataset_free(struct km_dataset *d);

/* What @path holds, from its first bytes (a directory: KM_DS_RECORDS). */
enum km_dsformat km_dataset_sniff(const char *path);

/* ---- reading values; a column the dataset lacks reads as null ---- */

int km_ds_has(const struct km_dataset *d, int col);
int km_ds_null(const struct km_dataset *d, size_t row, int col);
long long km_ds_int(const struct km_dataset *d, size_t row, int col);
double km_ds_real(const struct km_dataset *d, size_t row, int col);
const char *km_ds_text(const struct km_dataset *d, size_t row, int col);	/* NULL: null */
struct km_value km_ds_value(const struct km_dataset *d, size_t row, int col);

/* An int or real cell as a double in *@v: 0, or -1 when null or text. */
int km_ds_number(const struct km_dataset *d, size_t row, int col, double *v);

/*
 * The cell as the csv dataset writes it (integers in decimal, reals in
 * Python repr form, text as it is), NUL-terminated in @buf; "" for null.
 * Returns @buf (text longer than @size is cut).
 */
const char *km_ds_format(const struct km_dataset *d, size_t row, int col, char *buf,
			 size_t size);

/*
 * @len bytes of @s are a number as kmetrics writes them and JSON allows:
 * [-]digits, and unless @integer, [.digits][(e|E)[+|-]digits] after them.
 */
int km_number_syntax(const char *s, size_t len, int integer);

/* Two cells of the same column (of two datasets) hold the same value. */
int km_value_equal(const struct km_value *a, const struct km_value *b);

/* Where row @row was read: the file, and its line there in *@line. */
const char *km_ds_where(const struct km_dataset *d, size_t row, long *line);

/* ---- building a dataset (dataset.c's store; what the readers call) ---- */

void km_ds_init(struct km_dataset *d);
/* Column @col is in the dataset (null in the rows so far). */
void km_ds_use(struct km_dataset *d, int col);
/* A new row, every column null, read from @src at @line. Returns its index. */
size_t km_ds_add_row(struct km_dataset *d, uint32_t src, long line);
/* A new source file, its index for km_ds_add_row. */
uint32_t km_ds_add_src(struct km_dataset *d, const char *path);
void km_ds_set_int(struct km_dataset *d, size_t row, int col, long long v);
void km_ds_set_real(struct km_dataset *d, size_t row, int col, double v);
/* @len bytes of @s, copied. */
void km_ds_set_text(struct km_dataset *d, size_t row, int col, const char *s, size_t len);
/*
 * @len bytes of @s as the cell's text form (csv): a decimal integer, a
 * number ([-]digits[.digits][e[+-]digits]) or any text, by the column's
 * type. Returns 0, or -1 with a static reason in *@err ("not an integer").
 */
int km_ds_set_cell(struct km_dataset *d, size_t row, int col, const char *s, size_t len,
		   const char **err);

/* A copy of @len bytes of @s, NUL-terminated, owned by @d. */
const char *km_ds_strndup(struct km_dataset *d, const char *s, size_t len);

/*
 * The readers, which dataset_read.c calls. csv and json files
 * (dataset_csv.c, dataset_json.c): append @path's rows.
 */
int km_ds_read_csv(struct km_dataset *d, const char *path);
int km_ds_read_json(struct km_dataset *d, const char *path);
/* kmetrics-merge's SQLite database (dataset_sqlite.c): its calls with @o->calls. */
int km_ds_read_sqlite(struct km_dataset *d, const char *path, const struct km_dsopts *o);
/* Sidecars, directories, objects, archives, all at once (dataset_records.c). */
int km_ds_read_records(struct km_dataset *d, char **paths, int npaths,
		       const struct km_dsopts *o);

#ifdef __cplusplus
}
#endif

#endif /* KM_DATASET_H */
