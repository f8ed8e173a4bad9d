/* SPDX-License-Identifier: GPL-2.0 */
/*
 * report.h - what kmetrics-report's modules share:
 *
 *   report.c       command line, the order of the steps
 *   report_table.c the table's rows: the measured build's, and with
 *                  --baseline the removed ones, each row's status
 *                  (lib/diff/diff.c's comparison as the page shows it)
 *   report_json.c  the table as the page's data (JSON, column by column):
 *                  the one writer of the data
 *   report_html.c  the one HTML file: the bundled script and style
 *                  (web/, built by esbuild into build/report/) and the data
 *
 * The data reaches the page as one JSON object in a <script
 * type="application/json"> element; docs/report.md lists its
 * keys. Every function that fails has printed its message and returns -1.
 */
#ifndef KM_REPORT_H
#define KM_REPORT_H

#include <stddef.h>

#include "dataset/km_dataset.h"
#include "diff/km_diff.h"
#include "io/km_io.h"

#define RP_PROG		"kmetrics-report"

struct rp_opts {
	const char *output;		/* -o FILE (kmetrics-report.html) */
	const char *baseline;		/* --baseline=OLD */
	const char *title;		/* --title=TEXT */
	struct km_dsopts ds;		/* --scope=build, --git=DIR */
	char **paths;
	int npaths;
};

/* The table: the measured build's rows, then the functions --baseline had that it lacks. */
struct rp_table {
	const struct km_dataset *d;	/* the measured build */
	const struct km_diff *df;	/* the comparison with --baseline, else NULL */
	size_t nrows;			/* d's rows and the removed ones */
	size_t *removed;		/* the removed pairs of df, in its order */
	size_t nremoved;
};

/* report_json.c */
/* @s as a JSON string that cannot close the script element ('<' escaped). */
void rp_json_str(struct km_buf *b, const char *s);
/* The page's data. */
void rp_json(struct km_buf *b, const struct rp_opts *o, const struct rp_table *t);

/* report_table.c */
/* The table over @d and @df (NULL without --baseline); free with rp_table_free. */
void rp_table_init(struct rp_table *t, const struct km_dataset *d, const struct km_diff *df);
void rp_table_free(struct rp_table *t);
/* Table row @row: its dataset, and its row there in *@r. */
const struct km_dataset *rp_row(const struct rp_table *t, size_t row, size_t *r);
/* With --baseline: row @row's pair, and its status letter (a r w i c u). */
const struct km_dpair *rp_pair(const struct rp_table *t, size_t row);
char rp_status(const struct rp_table *t, size_t row);
/* Column @col is compared and a number; some such column of row @row moved. */
int rp_number_col(const struct km_diff *df, int col);
int rp_moved(const struct rp_table *t, size_t row);

/* report_html.c: the whole page around @data into @out. */
void rp_html(struct km_buf *out, const char *title, const struct km_buf *data);

#endif /* KM_REPORT_H */
