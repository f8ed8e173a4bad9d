// SPDX-License-Identifier: GPL-2.0
/*
 * diff_out.c - kmetrics-diff's text, csv and json output, in the order
 * km_diff_sort gives (largest C2 increase first).
 *
 * text: a summary line (counts per status), a line for each thing the
 *       reader should know about the matching (by name only; trees under
 *       different roots), then one line a function:
 *         changed  grown  a.c:12  3→5  halstead_effort 100.0→180.5, nesting 2→3
 *       status, name, where (NEW's file:line, OLD's for a removed one),
 *       C2 old→new, then the other seed columns that moved (and the file,
 *       when it was renamed, km_diff_renamed); for an added or removed function, the
 *       columns of C11's thresholds and nesting.
 * csv:  RFC 4180 like kmetrics-merge's (CRLF, quoted only when needed):
 *       status,name,file,old_line,new_line, then old_COL,new_COL for
 *       every other column either side has, in km_columns.h's order.
 * json: one array, one object a line, as kmetrics-merge writes its own:
 *       status, name, file, old_line, new_line, old, new; old and new
 *       hold every column of their dataset, typed, or are null.
 */
#include <stdio.h>
#include <string.h>

#include "diff.h"
#include "record/km_record.h"
#include "io/km_text.h"

#define OUT_ARROW	"\xe2\x86\x92"	/* U+2192 RIGHTWARDS ARROW */

int df_listed(const struct km_dpair *p, int all)
{
	return all || p->status != KM_DIFF_UNCHANGED;
}

/* The row's name (NEW's, or OLD's when removed). */
static const char *out_name(const struct km_diff *d, const struct km_dpair *p)
{
	size_t row;
	const struct km_dataset *ds = km_diff_side(d, p, &row);

	return km_ds_text(ds, row, KM_COL_NAME);
}

static void out_cell(const struct km_dataset *ds, long row, int col, char *buf, size_t n)
{
	buf[0] = 0;
	if (row >= 0)
		km_ds_format(ds, (size_t)row, col, buf, n);
}

/* ---- text ---- */

static void out_where(const struct km_diff *d, const struct km_dpair *p, char *buf, size_t n)
{
	long line;
	const char *file = km_diff_where(d, p, &line);

	if (line > 0)
		snprintf(buf, n, "%s:%ld", file, line);
	else
		snprintf(buf, n, "%s", file);
}

static void out_c2(const struct km_diff *d, const struct km_dpair *p, char *buf, size_t n)
{
	char a[64], b[64];

	out_cell(d->old, p->old_row, KM_COL_CYCLOMATIC, a, sizeof(a));
	out_cell(d->new_, p->new_row, KM_COL_CYCLOMATIC, b, sizeof(b));
	if (p->status == KM_DIFF_UNCHANGED || (p->status == KM_DIFF_CHANGED && !strcmp(a, b)))
		snprintf(buf, n, "%s", b);
	else
		snprintf(buf, n, "%s" OUT_ARROW "%s", a, b);
}

/* "col old→new, ..." for the seed columns that moved, and a renamed file. */
static void out_moved(const struct km_diff *d, const struct km_dpair *p, struct km_buf *b)
{
	const char *sep = "";
	char x[KM_DOUBLE_MAX + 16], y[KM_DOUBLE_MAX + 16];
	int c;

	for (c = 0; c < KM_NCOLS; c++) {
		if (c == KM_COL_NAME || c == KM_COL_CYCLOMATIC || !km_cols[c].seed ||
		    !km_diff_moved(d, p, c))
			continue;
		out_cell(d->old, p->old_row, c, x, sizeof(x));
		out_cell(d->new_, p->new_row, c, y, sizeof(y));
		km_buf_printf(b, "%s%s %s" OUT_ARROW "%s", sep, km_cols[c].name, x, y);
		sep = ", ";
	}
	if (km_diff_renamed(d, p))
		km_buf_printf(b, "%sfile %s" OUT_ARROW "%s", sep,
			      km_ds_text(d->old, (size_t)p->old_row, KM_COL_FILE),
			      km_ds_text(d->new_, (size_t)p->new_row, KM_COL_FILE));
}

/* An added or removed function: its C11 threshold columns and nesting. */
static void out_values(const struct km_diff *d, const struct km_dpair *p, struct km_buf *b)
{
	static const int cols[] = {
		KM_COL_PARAMS, KM_COL_HALSTEAD_EFFORT, KM_COL_CALLERS, KM_COL_LOCALS,
		KM_COL_NESTING,
	};
	char v[KM_DOUBLE_MAX + 16];
	const char *sep = "";
	size_t k, row;
	const struct km_dataset *ds = km_diff_side(d, p, &row);

	for (k = 0; k < sizeof(cols) / sizeof(cols[0]); k++) {
		if (km_ds_null(ds, row, cols[k]))
			continue;
		km_buf_printf(b, "%s%s %s", sep, km_cols[cols[k]].name,
			      km_ds_format(ds, row, cols[k], v, sizeof(v)));
		sep = ", ";
	}
}

/* Some row of @ds names its source file. */
static int out_has_files(const struct km_dataset *ds)
{
	size_t i;

	for (i = 0; i < ds->nrows; i++)
		if (km_ds_text(ds, i, KM_COL_FILE))
			return 1;
	return 0;
}

static void out_notes(const struct km_diff *d, struct km_buf *out)
{
	if (!d->by_file && (d->old->nrows || d->new_->nrows))
		km_buf_printf(out, "functions matched by name: %s gives no source files\n",
			      out_has_files(d->old) ? "NEW" : "OLD");
	if (strcmp(d->old_root, d->new_root))
		km_buf_printf(out, "paths compared under %s in OLD and %s in NEW\n",
			      *d->old_root ? d->old_root : ".", *d->new_root ? d->new_root : ".");
}

/* Widths of the name and where columns over the listed pairs. */
static void out_widths(const struct km_diff *d, int all, int *wn, int *ww)
{
	char where[1024];
	size_t i;

	*wn = (int)strlen("function");
	*ww = (int)strlen("where");
	for (i = 0; i < d->npairs; i++) {
		const struct km_dpair *p = &d->pairs[i];
		int n;

		if (!df_listed(p, all))
			continue;
		n = (int)strlen(out_name(d, p));
		*wn = n > *wn ? n : *wn;
		out_where(d, p, where, sizeof(where));
		n = (int)strlen(where);
		*ww = n > *ww ? n : *ww;
	}
}

void df_text(const struct km_diff *d, int all, struct km_buf *out)
{
	char where[1024], c2[160];
	int wn, ww;
	size_t i;

	km_buf_printf(out, "%zu changed, %zu added, %zu removed, %zu unchanged\n",
		      d->count[KM_DIFF_CHANGED], d->count[KM_DIFF_ADDED],
		      d->count[KM_DIFF_REMOVED], d->count[KM_DIFF_UNCHANGED]);
	out_notes(d, out);
	if (!d->count[KM_DIFF_CHANGED] && !d->count[KM_DIFF_ADDED] &&
	    !d->count[KM_DIFF_REMOVED] && !(all && d->npairs))
		return;
	out_widths(d, all, &wn, &ww);
	km_buf_printf(out, "\n%-9s  %-*s  %-*s  %-10s  %s\n", "status", wn, "function", ww, "where",
		      "cyclomatic", "what moved");
	for (i = 0; i < d->npairs; i++) {
		const struct km_dpair *p = &d->pairs[i];

		if (!df_listed(p, all))
			continue;
		out_where(d, p, where, sizeof(where));
		out_c2(d, p, c2, sizeof(c2));
		/* the arrow is 3 bytes, one column wide */
		km_buf_printf(out, "%-9s  %-*s  %-*s  %-*s  ", km_dstatus_name[p->status], wn,
			      out_name(d, p), ww, where, strstr(c2, OUT_ARROW) ? 12 : 10, c2);
		if (p->status == KM_DIFF_ADDED || p->status == KM_DIFF_REMOVED)
			out_values(d, p, out);
		else
			out_moved(d, p, out);
		while (out->len && out->p[out->len - 1] == ' ')
			out->p[--out->len] = 0;
		km_buf_puts(out, "\n");
	}
}

/* ---- csv ---- */

/* The columns either side has, but name and line (in front already). */
static int out_pair_col(const struct km_diff *d, int c)
{
	return c != KM_COL_NAME && c != KM_COL_LINE &&
	       (km_ds_has(d->old, c) || km_ds_has(d->new_, c));
}

static void out_csv_row(const struct km_diff *d, const struct km_dpair *p, struct km_buf *out)
{
	char v[1024];
	size_t row;
	const struct km_dataset *ds = km_diff_side(d, p, &row);
	int c;

	km_buf_puts(out, km_dstatus_name[p->status]);
	km_buf_puts(out, ",");
	km_buf_csv_field(out, out_name(d, p));
	km_buf_puts(out, ",");
	km_buf_csv_field(out, km_ds_text(ds, row, KM_COL_FILE));
	out_cell(d->old, p->old_row, KM_COL_LINE, v, sizeof(v));
	km_buf_printf(out, ",%s", v);
	out_cell(d->new_, p->new_row, KM_COL_LINE, v, sizeof(v));
	km_buf_printf(out, ",%s", v);
	for (c = 0; c < KM_NCOLS; c++) {
		if (!out_pair_col(d, c))
			continue;
		out_cell(d->old, p->old_row, c, v, sizeof(v));
		km_buf_puts(out, ",");
		km_buf_csv_field(out, v);
		out_cell(d->new_, p->new_row, c, v, sizeof(v));
		km_buf_puts(out, ",");
		km_buf_csv_field(out, v);
	}
	km_buf_puts(out, "\r\n");
}

void df_csv(const struct km_diff *d, int all, struct km_buf *out)
{
	size_t i;
	int c;

	km_buf_puts(out, "status,name,file,old_line,new_line");
	for (c = 0; c < KM_NCOLS; c++)
		if (out_pair_col(d, c))
			km_buf_printf(out, ",old_%s,new_%s", km_cols[c].name, km_cols[c].name);
	km_buf_puts(out, "\r\n");
	for (i = 0; i < d->npairs; i++)
		if (df_listed(&d->pairs[i], all))
			out_csv_row(d, &d->pairs[i], out);
}

/* ---- json ---- */

static void out_json_value(const struct km_dataset *ds, size_t row, int col,
			   struct km_buf *out)
{
	char v[KM_DOUBLE_MAX + 16];

	if (km_ds_null(ds, row, col))
		km_buf_puts(out, "null");
	else if (km_cols[col].type == KM_TYPE_TEXT)
		km_buf_json_string(out, km_ds_text(ds, row, col));
	else
		km_buf_puts(out, km_ds_format(ds, row, col, v, sizeof(v)));
}

/* Every column of @ds in row @row as an object, or null. */
static void out_json_side(const struct km_dataset *ds, long row, struct km_buf *out)
{
	const char *sep = "{";
	int c;

	if (row < 0) {
		km_buf_puts(out, "null");
		return;
	}
	for (c = 0; c < KM_NCOLS; c++) {
		if (!km_ds_has(ds, c))
			continue;
		km_buf_printf(out, "%s\"%s\":", sep, km_cols[c].name);
		out_json_value(ds, (size_t)row, c, out);
		sep = ",";
	}
	km_buf_puts(out, *sep == '{' ? "{}" : "}");
}

static void out_json_line(const struct km_dataset *ds, long row, struct km_buf *out)
{
	if (row < 0)
		km_buf_puts(out, "null");
	else
		out_json_value(ds, (size_t)row, KM_COL_LINE, out);
}

static void out_json_row(const struct km_diff *d, const struct km_dpair *p, struct km_buf *out)
{
	size_t row;
	const struct km_dataset *ds = km_diff_side(d, p, &row);

	km_buf_printf(out, "{\"status\":\"%s\",\"name\":", km_dstatus_name[p->status]);
	km_buf_json_string(out, out_name(d, p));
	km_buf_puts(out, ",\"file\":");
	out_json_value(ds, row, KM_COL_FILE, out);
	km_buf_puts(out, ",\"old_line\":");
	out_json_line(d->old, p->old_row, out);
	km_buf_puts(out, ",\"new_line\":");
	out_json_line(d->new_, p->new_row, out);
	km_buf_puts(out, ",\"old\":");
	out_json_side(d->old, p->old_row, out);
	km_buf_puts(out, ",\"new\":");
	out_json_side(d->new_, p->new_row, out);
	km_buf_puts(out, "}");
}

void df_json(const struct km_diff *d, int all, struct km_buf *out)
{
	const char *sep = "\n";
	size_t i;

	km_buf_puts(out, "[");
	for (i = 0; i < d->npairs; i++) {
		if (!df_listed(&d->pairs[i], all))
			continue;
		km_buf_puts(out, sep);
		out_json_row(d, &d->pairs[i], out);
		sep = ",\n";
	}
	km_buf_puts(out, *sep == ',' ? "\n]\n" : "]\n");
}
