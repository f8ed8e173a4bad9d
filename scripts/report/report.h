/* SPDX-License-Identifier: GPL-2.0 */
/*
 * report.h - what kmetrics-report's modules share:
 *
 *   report.c       command line, the order of the steps
 *   report_table.c the table's rows: the measured build's, and with
 *                  --baseline the removed ones, each row's status
 *                  (lib/diff/diff.c's comparison as the page shows it)
 *   report_json.c  the table as the page's data (JSON around binary
 *                  blocks, column by column): the one writer of the data
 *   report_pack.c  the blocks: varints, doubles, string tables, deflated
 *                  and in base64; the dictionary of strings
 *   report_html.c  the one HTML file: the bundled script and style
 *                  (web/, built by esbuild into build/report/) and the data,
 *                  written through a sink as it is made
 *
 * The data reaches the page as JSON in two <script type="application/json">
 * elements, before and after the page's script; docs/report.md lists its
 * keys and the blocks' layout. Every function that fails has printed its
 * message and returns -1.
 */
#ifndef KM_REPORT_H
#define KM_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "dataset/km_dataset.h"
#include "diff/km_diff.h"
#include "io/km_io.h"

#define RP_PROG		"kmetrics-report"
/* zlib's level for the blocks: 1 is nearly as small at 1M functions, and fast */
#define RP_ZLEVEL	1

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

/*
 * Where the page goes as it is made: b, handed to f (when not NULL) each
 * time rp_sink_flush finds it big; else b holds the whole page.
 */
struct rp_sink {
	struct km_buf b;
	FILE *f;
	int err;		/* a write to f failed (errno's value) */
	int tty;		/* say on standard error how much is written */
	size_t written;
};

/* The strings of a text column, each once (report_pack.c). */
struct rp_dict {
	const char **s;		/* open addressing, by string */
	size_t *id;
	size_t cap, n;
	const char **order;	/* the strings by id */
};

/* report_json.c */
/* @s as a JSON string that cannot close the script element ('<' escaped). */
void rp_json_str(struct km_buf *b, const char *s);
/* The page's data: what the first screen needs, then the rest (after the script). */
void rp_json(struct rp_sink *s, const struct rp_opts *o, const struct rp_table *t);
void rp_json_rest(struct rp_sink *s, const struct rp_table *t);

/* report_pack.c */
void rp_varint(struct km_buf *b, unsigned long long v);
unsigned long long rp_zigzag(long long v);
/* @n strings as a table: their count, byte length, bytes joined by NUL. */
void rp_strings(struct km_buf *b, const char *const *s, size_t n);
/* @raw deflated and in base64 as the JSON object {"raw":N,"z":"..."}. */
void rp_block(struct km_buf *out, const struct km_buf *raw);
/* A dictionary for at most @n strings; rp_dict_free after. */
void rp_dict_init(struct rp_dict *t, size_t n);
void rp_dict_free(struct rp_dict *t);
/* The id of @s, a new one the first time. */
size_t rp_dict_id(struct rp_dict *t, const char *s);
/* @s's code in a text block: 0 null, 1 a new string, k + 2 string k again. */
unsigned long long rp_dict_code(struct rp_dict *t, const char *s);

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

/* report_html.c: the page before the data, its script between the data's two parts, the end. */
void rp_html_head(struct km_buf *out, const char *title);
void rp_html_script(struct km_buf *out);
void rp_html_tail(struct km_buf *out);
/* Hand @s's bytes to its file once they are many (@all: whatever there is). */
void rp_sink_flush(struct rp_sink *s, int all);

/* @what on standard error, for a terminal ("": the line cleared). */
void rp_progress(const char *what, size_t mb);

#endif /* KM_REPORT_H */
