/* SPDX-License-Identifier: GPL-2.0 */
/*
 * km_columns.h - every column of a kmetrics dataset in its csv, json and
 * sqlite forms: its name, its type, when it is present and what it means,
 * in the one order every tool writes them. The seed format (km_record.h)
 * never changes; the columns after `object` exist only in these forms.
 *
 * kmetrics-merge writes rows in this order, the dataset reader
 * (km_dataset.h) maps a csv header or json keys back onto it, kmetrics-diff
 * compares by it and the report shows it. kmetrics-merge(1)'s COLUMNS is this
 * table, one line a column.
 */
#ifndef KM_COLUMNS_H
#define KM_COLUMNS_H

#ifdef __cplusplus
extern "C" {
#endif

enum km_col {
	/* the seed record, C1..C11 and LABEL (SPEC.md) */
	KM_COL_NAME,
	KM_COL_PARAMS,
	KM_COL_CYCLOMATIC,
	KM_COL_HALSTEAD_EFFORT,
	KM_COL_AGE_DAYS,
	KM_COL_DEPTH,
	KM_COL_CALLEES,
	KM_COL_CALLERS,
	KM_COL_SELF_CALLS,
	KM_COL_LOCALS,
	KM_COL_NESTING,
	KM_COL_SCORE,
	KM_COL_LABEL,
	/* where: from the companion */
	KM_COL_FILE,
	KM_COL_LINE,
	KM_COL_OBJECT,
	/* the extended dataset: what the source and the compiler know */
	KM_COL_LAST_LINE,
	KM_COL_NLOC,
	KM_COL_FAN_IN,
	KM_COL_FAN_OUT,
	KM_COL_MACRO_DECISIONS,
	KM_COL_HALSTEAD_N1,
	KM_COL_HALSTEAD_N2,
	KM_COL_HALSTEAD_BIG_N1,
	KM_COL_HALSTEAD_BIG_N2,
	KM_COL_HALSTEAD_VOLUME,
	KM_COL_HALSTEAD_DIFFICULTY,
	KM_COL_FRAME_BYTES,
	KM_COL_CODE_BYTES,
	KM_COL_INLINED,
	KM_COL_SECTION,
	KM_COL_COGNITIVE,
	KM_COL_CFG_BLOCKS,
	KM_COL_CFG_CYCLOMATIC,
	/* labels from fix commits (--label-fixes, --fix-list) */
	KM_COL_FIXES,
	KM_COL_CVES,
	KM_COL_FIX_BREADTH,
	/* per-function history (--history) */
	KM_COL_COMMITS,
	KM_COL_AUTHORS,
	KM_COL_LINES_ADDED,
	KM_COL_LINES_DELETED,
	KM_COL_LAST_CHANGE_DAYS,
	KM_NCOLS
};

enum km_coltype {
	KM_TYPE_INT,		/* a decimal integer */
	KM_TYPE_REAL,		/* a double, printed as Python's repr */
	KM_TYPE_TEXT,		/* a UTF-8 string */
};

/* When a column is in a csv/json/sqlite dataset. */
enum km_colgroup {
	KM_GROUP_BASE = 1,	/* always */
	KM_GROUP_FIXES = 2,	/* with --label-fixes or --fix-list */
	KM_GROUP_HISTORY = 4,	/* with --history */
};

struct km_coldef {
	const char *name;	/* csv header, json key, sqlite column */
	enum km_coltype type;
	enum km_colgroup group;
	int seed;		/* part of the seed record (compared by kmetrics-diff) */
	const char *doc;	/* one line for kmetrics-merge(1) and --help */
};

extern const struct km_coldef km_cols[KM_NCOLS];

/* The column called @name (csv/json spelling), or -1. */
int km_col_lookup(const char *name);

/*
 * The one column whose name is @name but for ASCII case ("NAME": name),
 * or -1 when none or several are (halstead_N1, halstead_n1): what a header
 * spelt in the wrong case meant.
 */
int km_col_lookup_nocase(const char *name);

/*
 * Column @c's name in SQL, whose names ignore case: an uppercase letter X
 * becomes "big_x" (halstead_N1 is halstead_big_n1 beside halstead_n1).
 * Into @buf of @len bytes; returns @buf.
 */
const char *km_col_sql_name(int c, char *buf, unsigned long len);

/*
 * Is column @c written when the groups in @groups are on?
 * (KM_GROUP_BASE columns always are.)
 */
int km_col_present(int c, unsigned groups);

#ifdef __cplusplus
}
#endif

#endif /* KM_COLUMNS_H */
