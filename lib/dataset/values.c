// SPDX-License-Identifier: GPL-2.0
/*
 * values.c - the value of every dataset column of one record: the one
 * place where a column of lib/record/km_columns.h gets its content. kmetrics-merge's
 * csv, json and sqlite and the dataset reader (dataset_records.c) all ask
 * mg_column_value, column by column, in the table's order; a new column is
 * a line in km_cols and a case here (kmetrics-merge's merge_values.c adds
 * the fixes and history columns, which need libgit2).
 *
 * Where a value comes from:
 *   name .. label       the record (C1-C11, LABEL)
 *   file, line,         the companion's F line: source file and first and
 *   last_line           last line of the span
 *   object              the object the records came from: the companion's
 *                       object line, or the sidecar's path less ".kmetrics"
 *                       without a companion (the object where it was found
 *                       for embedded records)
 *   fan_in, fan_out     calls.c / scope.c, in the dataset's scope
 *   nloc .. halstead_N2 the companion's M line (the tree walk's measures);
 *   halstead_volume,    V = N log2 n and D = n1/2 * N2/n2 from its Halstead
 *   halstead_difficulty parts, as C3 = D * V is computed (lib/record/halstead.c)
 *   frame_bytes,        the companion's C line (the compiler's facts); a
 *                       function without one (Clang's objects) takes the
 *                       frame of the .su beside its object (objects.c)
 *   inlined, section,
 *   cognitive, cfg_*
 *   code_bytes          the object's symbol table (objects.c)
 * A value that is not there (no companion, a version 1 companion, a
 * measure the walk did not take, no body emitted) is null: empty in csv,
 * null in json and sqlite. The fixes and history columns are null here.
 */
#include <string.h>

#include "record/km_columns.h"
#include "record/km_halstead.h"
#include "km_set.h"

static void mv_int(struct mg_value *v, long i)
{
	v->kind = i < 0 ? MG_V_NULL : MG_V_INT;
	v->i = i;
}

static void mv_real(struct mg_value *v, double r)
{
	v->kind = MG_V_REAL;
	v->r = r;
}

static void mv_text(struct mg_value *v, const char *s)
{
	v->kind = s ? MG_V_TEXT : MG_V_NULL;
	v->s = s;
	v->len = s ? strlen(s) : 0;
}

/* C1-C11 and LABEL, always there; fan and code_bytes, where known. */
static int mv_record(const struct mg_rec *r, int col, struct mg_value *v)
{
	switch (col) {
	case KM_COL_PARAMS: mv_int(v, r->params); return 1;
	case KM_COL_CYCLOMATIC: mv_int(v, r->cyclomatic); return 1;
	case KM_COL_HALSTEAD_EFFORT: mv_real(v, r->halstead); return 1;
	case KM_COL_AGE_DAYS: mv_int(v, r->age_days); return 1;
	case KM_COL_DEPTH: mv_int(v, r->depth); return 1;
	case KM_COL_CALLEES: mv_int(v, r->callees); return 1;
	case KM_COL_CALLERS: mv_int(v, r->callers); return 1;
	case KM_COL_SELF_CALLS: mv_int(v, r->self_calls); return 1;
	case KM_COL_LOCALS: mv_int(v, r->locals); return 1;
	case KM_COL_NESTING: mv_int(v, r->nesting); return 1;
	case KM_COL_SCORE: mv_real(v, r->score); return 1;
	case KM_COL_LABEL: mv_int(v, r->label); return 1;
	case KM_COL_FAN_IN: mv_int(v, r->fan_in); return 1;
	case KM_COL_FAN_OUT: mv_int(v, r->fan_out); return 1;
	case KM_COL_CODE_BYTES: mv_int(v, r->code_bytes); return 1;
	}
	return 0;
}

/* Halstead's volume and difficulty from the M line's parts. */
static void mv_halstead(const struct km_cmeasures *m, int col, struct mg_value *v)
{
	if (m->hal_n1 < 0 || m->hal_n2 < 0 || m->hal_N1 < 0 || m->hal_N2 < 0)
		return;
	if (col == KM_COL_HALSTEAD_VOLUME)
		mv_real(v, km_halstead_volume(m->hal_n1, m->hal_n2, m->hal_N1, m->hal_N2));
	else
		mv_real(v, km_halstead_difficulty(m->hal_n1, m->hal_n2, m->hal_N2));
}

/* The M line: the tree walk's measures. */
static int mv_measures(const struct km_cfunc *f, int col, struct mg_value *v)
{
	const struct km_cmeasures *m = &f->m;

	if (!f->has_measures)
		return 0;
	switch (col) {
	case KM_COL_NLOC: mv_int(v, m->nloc); return 1;
	case KM_COL_MACRO_DECISIONS: mv_int(v, m->macro_decisions); return 1;
	case KM_COL_COGNITIVE: mv_int(v, m->cognitive); return 1;
	case KM_COL_HALSTEAD_N1: mv_int(v, m->hal_n1); return 1;
	case KM_COL_HALSTEAD_N2: mv_int(v, m->hal_n2); return 1;
	case KM_COL_HALSTEAD_BIG_N1: mv_int(v, m->hal_N1); return 1;
	case KM_COL_HALSTEAD_BIG_N2: mv_int(v, m->hal_N2); return 1;
	case KM_COL_HALSTEAD_VOLUME:
	case KM_COL_HALSTEAD_DIFFICULTY:
		mv_halstead(m, col, v);
		return 1;
	}
	return 0;
}

/* The C line: the compiler's facts. */
static int mv_facts(const struct km_cfunc *f, int col, struct mg_value *v)
{
	const struct km_cfacts *x = &f->x;

	if (!f->has_facts)
		return 0;
	switch (col) {
	case KM_COL_FRAME_BYTES: mv_int(v, x->frame_bytes); return 1;
	case KM_COL_INLINED: mv_int(v, x->inlined); return 1;
	case KM_COL_SECTION: mv_text(v, x->section); return 1;
	case KM_COL_CFG_BLOCKS: mv_int(v, x->cfg_blocks); return 1;
	case KM_COL_CFG_CYCLOMATIC: mv_int(v, x->cfg_cyclomatic); return 1;
	}
	return 0;
}

/* Where: the companion's F line. */
static int mv_where(const struct km_cfunc *f, int col, struct mg_value *v)
{
	switch (col) {
	case KM_COL_FILE: mv_text(v, f->file); return 1;
	case KM_COL_LINE: mv_int(v, f->first_line); return 1;
	case KM_COL_LAST_LINE: mv_int(v, f->last_line); return 1;
	}
	return 0;
}

void mg_column_value(const struct mg_set *set, const struct mg_rec *r, int col,
		     struct mg_value *v)
{
	const struct km_cfunc *f = mg_rec_func(set, r);

	v->kind = MG_V_NULL;
	if (km_cols[col].group != KM_GROUP_BASE)
		return;
	if (col == KM_COL_NAME) {	/* in the record's line: not NUL-terminated */
		v->kind = MG_V_TEXT;
		v->s = r->text;
		v->len = r->name_len;
		return;
	}
	if (col == KM_COL_OBJECT) {
		mv_text(v, set->sides[r->side].object);
		return;
	}
	if (mv_record(r, col, v))
		return;
	if (col == KM_COL_FRAME_BYTES && (!f || !f->has_facts)) {
		mv_int(v, r->su_frame);
		return;
	}
	if (!f)
		return;
	if (mv_where(f, col, v) || mv_measures(f, col, v))
		return;
	mv_facts(f, col, v);
}

/* The object column of each sidecar's records. */
static void mv_objects(struct mg_set *set)
{
	size_t i, k = strlen(MG_SUFFIX);

	for (i = 0; i < set->nsides; i++) {
		struct mg_side *s = &set->sides[i];
		size_t n = strlen(s->path);

		if (s->has_comp) {
			s->object = mg_strdup(s->comp.object);
			continue;
		}
		s->object = mg_strdup(s->path);
		if (n > k && !strcmp(s->path + n - k, MG_SUFFIX))
			s->object[n - k] = 0;
	}
}

void mg_values_prepare(struct mg_set *set)
{
	mv_objects(set);
	if (!set->graph)
		mg_fan_tu(set);
	mg_code_bytes(set);
}
