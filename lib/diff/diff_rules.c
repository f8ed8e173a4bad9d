// SPDX-License-Identifier: GPL-2.0
/*
 * diff_rules.c - the gate over a comparison (km_diff.h): --fail-on rules
 * parsed, checked against each function, and the message a failure
 * prints, as lizard's thresholds and GCC's warnings read:
 *
 *   cyclomatic>25,nesting>5,score<0.5
 *   net/x.c:120: warning: foo: cyclomatic 31 exceeds 25 (was 24)
 *
 * A rule is a number column of km_columns.h by its csv name, '>' (larger
 * is worse) or '<' (smaller is worse), and a decimal limit. A function
 * fails when it is new and past the limit, or changed, past the limit and
 * worse than before: the legacy code that a patch did not make worse never
 * fails, so the gate can be switched on over any tree.
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with dr_.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff_priv.h"
#include "input/km_input.h"

/* One rule of @item[0..n) into @r; 0, or -1 with the reason in @err. */
static int dr_parse_one(const char *item, size_t n, struct km_rule *r, char *err,
			size_t errlen)
{
	char col[64];
	size_t k = strcspn(item, "<>");
	const char *lim = item + k + 1;
	size_t nlim = k < n ? n - k - 1 : 0;

	if (!n) {
		snprintf(err, errlen, "an empty rule");
		return -1;
	}
	if (k >= n || !k || k >= sizeof(col)) {
		snprintf(err, errlen, "'%.*s' is not COLUMN>LIMIT or COLUMN<LIMIT", (int)n, item);
		return -1;
	}
	memcpy(col, item, k);
	col[k] = 0;
	r->col = km_col_lookup(col);
	r->op = item[k];
	if (r->col < 0 || km_cols[r->col].type == KM_TYPE_TEXT) {
		snprintf(err, errlen, r->col < 0 ? "unknown column '%s' in '%.*s'" :
			 "column '%s' is not a number in '%.*s'", col, (int)n, item);
		return -1;
	}
	if (!km_number_syntax(lim, nlim, 0) || nlim >= sizeof(r->limit_text)) {
		snprintf(err, errlen, "the limit '%.*s' is not a number in '%.*s'", (int)nlim, lim,
			 (int)n, item);
		return -1;
	}
	memcpy(r->limit_text, lim, nlim);
	r->limit_text[nlim] = 0;
	r->limit = strtod(r->limit_text, NULL);
	return 0;
}

int km_rules_parse(const char *spec, struct km_rule **rules, char *err, size_t errlen)
{
	size_t n = 1, i = 0;
	const char *p;

	for (p = spec; *p; p++)
		n += *p == ',';
	*rules = (struct km_rule *)mg_alloc(n * sizeof(**rules));
	for (p = spec; i < n; i++) {
		size_t len = strcspn(p, ",");

		if (dr_parse_one(p, len, &(*rules)[i], err, errlen)) {
			free(*rules);
			*rules = NULL;
			return -1;
		}
		p += len + 1;
	}
	return (int)n;
}

static int dr_past(const struct km_rule *r, double v)
{
	return r->op == '>' ? v > r->limit : v < r->limit;
}

int km_rule_fails(const struct km_diff *d, const struct km_dpair *p, const struct km_rule *r)
{
	double now, was;

	if (p->new_row < 0 || km_ds_number(d->new_, (size_t)p->new_row, r->col, &now) ||
	    !dr_past(r, now))
		return 0;
	if (p->status == KM_DIFF_ADDED)
		return 1;
	if (p->status != KM_DIFF_CHANGED ||
	    km_ds_number(d->old, (size_t)p->old_row, r->col, &was))
		return 0;
	return r->op == '>' ? now > was : now < was;
}

void km_rule_message(const struct km_diff *d, const struct km_dpair *p,
		     const struct km_rule *r, struct km_buf *b)
{
	char now[64], was[64];
	size_t row = (size_t)p->new_row;

	km_ds_format(d->new_, row, r->col, now, sizeof(now));
	km_buf_printf(b, "%s: %s %s %s %s ", km_ds_text(d->new_, row, KM_COL_NAME),
		      km_cols[r->col].name, now, r->op == '>' ? "exceeds" : "is below",
		      r->limit_text);
	if (p->old_row < 0) {
		km_buf_puts(b, "(new function)");
		return;
	}
	km_ds_format(d->old, (size_t)p->old_row, r->col, was, sizeof(was));
	km_buf_printf(b, "(was %s)", was);
}
