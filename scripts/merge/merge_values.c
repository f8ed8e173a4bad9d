// SPDX-License-Identifier: GPL-2.0
/*
 * merge_values.c - every column's value as kmetrics-merge writes it: the
 * base group's from lib/dataset/values.c (mg_column_value, which the dataset
 * reader uses too), the fixes and history columns from merge_history.c.
 */
#include <stdlib.h>
#include <string.h>

#include "record/km_columns.h"
#include "merge.h"

/* The fixes and history columns (merge_history.c). */
static void mv_history(const struct mg_set *set, const struct mg_rec *r, int col,
		       struct mg_value *v)
{
	char buf[32];
	const char *t = mg_history_value(set, (size_t)(r - set->recs), col, buf, sizeof(buf));

	v->kind = MG_V_NULL;
	if (km_cols[col].type == KM_TYPE_TEXT && t) {	/* the history's own strings: they last */
		v->kind = MG_V_TEXT;
		v->s = t;
		v->len = strlen(t);
	} else if (t) {
		v->i = strtol(t, NULL, 10);
		v->kind = v->i < 0 ? MG_V_NULL : MG_V_INT;
	}
}

void mg_value(const struct mg_set *set, const struct mg_rec *r, int col, struct mg_value *v)
{
	if (km_cols[col].group != KM_GROUP_BASE)
		mv_history(set, r, col, v);
	else
		mg_column_value(set, r, col, v);
}
