// SPDX-License-Identifier: GPL-2.0
/*
 * dataset_records.c - a dataset from what kmetrics-merge reads (sidecars,
 * directories, objects and archives with embedded records), through the
 * same code: km_input.h reads and validates, km_set.h computes what
 * kmetrics-merge's options compute (--scope=build, --git, the extended
 * columns), so a tool reading sidecars sees the numbers kmetrics-merge
 * would write for them.
 *
 * By default (km_dataset_read) a row gets the record's 13 columns and,
 * from the companion where there is one, file, line, last_line and
 * object. With km_dsopts: C5-C7, C11 and the fan over the whole build,
 * C4 from git, every column of the base group (the companions' measures
 * and facts, fan, code_bytes: what --format=csv writes), the calls between
 * rows in the dataset's scope, and what compiled the objects (the
 * companions' provenance).
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with dr_.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "km_dataset.h"
#include "input/km_input.h"
#include "record/km_record.h"
#include "km_set.h"

/* One record of @set as a row: its columns, and the companion's where there is one. */
static void dr_add_record(struct km_dataset *d, const struct mg_set *set, size_t i,
			  uint32_t src)
{
	const struct mg_rec *m = &set->recs[i];
	const struct mg_side *s = &set->sides[m->side];
	const struct km_cfunc *f = mg_rec_func(set, m);
	size_t row = km_ds_add_row(d, src, (long)(i - s->rec0 + 1));
	size_t plen = strlen(s->path);

	km_ds_set_text(d, row, KM_COL_NAME, m->text, m->name_len);
	km_ds_set_int(d, row, KM_COL_PARAMS, m->params);
	km_ds_set_int(d, row, KM_COL_CYCLOMATIC, m->cyclomatic);
	km_ds_set_real(d, row, KM_COL_HALSTEAD_EFFORT, m->halstead);
	km_ds_set_int(d, row, KM_COL_AGE_DAYS, m->age_days);
	km_ds_set_int(d, row, KM_COL_DEPTH, m->depth);
	km_ds_set_int(d, row, KM_COL_CALLEES, m->callees);
	km_ds_set_int(d, row, KM_COL_CALLERS, m->callers);
	km_ds_set_int(d, row, KM_COL_SELF_CALLS, m->self_calls);
	km_ds_set_int(d, row, KM_COL_LOCALS, m->locals);
	km_ds_set_int(d, row, KM_COL_NESTING, m->nesting);
	km_ds_set_real(d, row, KM_COL_SCORE, m->score);
	km_ds_set_int(d, row, KM_COL_LABEL, m->label);
	if (f) {
		km_ds_set_text(d, row, KM_COL_FILE, f->file, strlen(f->file));
		km_ds_set_int(d, row, KM_COL_LINE, f->first_line);
		km_ds_set_int(d, row, KM_COL_LAST_LINE, f->last_line);
		km_ds_set_text(d, row, KM_COL_OBJECT, s->comp.object, strlen(s->comp.object));
		return;
	}
	/* as kmetrics-merge names it: the sidecar's path without .kmetrics */
	if (plen > strlen(MG_SUFFIX) && !strcmp(s->path + plen - strlen(MG_SUFFIX), MG_SUFFIX))
		plen -= strlen(MG_SUFFIX);
	km_ds_set_text(d, row, KM_COL_OBJECT, s->path, plen);
}

/* Every column of the base group, as kmetrics-merge --format=csv writes it. */
static void dr_add_full(struct km_dataset *d, const struct mg_set *set, size_t i, uint32_t src)
{
	const struct mg_rec *m = &set->recs[i];
	size_t row = km_ds_add_row(d, src, (long)(i - set->sides[m->side].rec0 + 1));
	struct mg_value v;
	int c;

	for (c = 0; c < KM_NCOLS; c++) {
		if (km_cols[c].group != KM_GROUP_BASE)
			continue;
		mg_column_value(set, m, c, &v);
		if (v.kind == MG_V_INT)
			km_ds_set_int(d, row, c, v.i);
		else if (v.kind == MG_V_REAL)
			km_ds_set_real(d, row, c, v.r);
		else if (v.kind == MG_V_TEXT)
			km_ds_set_text(d, row, c, v.s, v.len);
	}
}

static void dr_use_columns(struct km_dataset *d, int all)
{
	static const int cols[] = {
		KM_COL_NAME, KM_COL_PARAMS, KM_COL_CYCLOMATIC, KM_COL_HALSTEAD_EFFORT,
		KM_COL_AGE_DAYS, KM_COL_DEPTH, KM_COL_CALLEES, KM_COL_CALLERS,
		KM_COL_SELF_CALLS, KM_COL_LOCALS, KM_COL_NESTING, KM_COL_SCORE,
		KM_COL_LABEL, KM_COL_FILE, KM_COL_LINE, KM_COL_OBJECT, KM_COL_LAST_LINE,
	};
	size_t k;
	int c;

	for (k = 0; k < sizeof(cols) / sizeof(cols[0]); k++)
		km_ds_use(d, cols[k]);
	for (c = 0; all && c < KM_NCOLS; c++)
		if (km_cols[c].group == KM_GROUP_BASE)
			km_ds_use(d, c);
}

/* ---- the calls ---- */

struct dr_calls {
	struct km_dataset *d;
	size_t row0;		/* the row of the set's first record */
	size_t cap;
};

static int dr_call(void *ctx, const struct mg_call *c)
{
	struct dr_calls *w = (struct dr_calls *)ctx;
	struct km_dataset *d = w->d;
	struct km_dscall *k;

	if (d->ncalls == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 4096;
		d->calls = (struct km_dscall *)realloc(d->calls, w->cap * sizeof(*d->calls));
		if (!d->calls) {
			mg_errorf("%s: out of memory", mg_prog);
			exit(1);
		}
	}
	k = &d->calls[d->ncalls++];
	k->caller = w->row0 + c->caller;
	k->kind = c->kind;
	if (c->callee != MG_NOREC) {	/* the row's own strings */
		k->callee = (long)(w->row0 + c->callee);
		k->callee_name = km_ds_text(d, (size_t)k->callee, KM_COL_NAME);
		k->callee_file = km_ds_text(d, (size_t)k->callee, KM_COL_FILE);
		return 0;
	}
	k->callee = -1;
	k->callee_name = km_ds_strndup(d, c->callee_name, strlen(c->callee_name));
	k->callee_file = c->callee_file ?
		km_ds_strndup(d, c->callee_file, strlen(c->callee_file)) : NULL;
	return 0;
}

/* ---- what compiled the objects ---- */

static int dr_same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static const char *dr_opt_str(struct km_dataset *d, const char *s)
{
	return s && *s ? km_ds_strndup(d, s, strlen(s)) : NULL;
}

static void dr_provenance(struct km_dataset *d, const struct km_companion *c)
{
	const char *kernel = c->has_kernel ? c->kernel_release : NULL;
	struct km_dsprov *p;
	size_t i;

	for (i = 0; i < d->nprovs; i++) {
		p = &d->provs[i];
		if (dr_same(p->gcc, c->gcc) && dr_same(p->target, c->target) &&
		    dr_same(p->plugin, c->plugin) && dr_same(p->kernel_release, kernel)) {
			p->objects++;
			return;
		}
	}
	d->provs = (struct km_dsprov *)realloc(d->provs, (d->nprovs + 1) * sizeof(*d->provs));
	if (!d->provs) {
		mg_errorf("%s: out of memory", mg_prog);
		exit(1);
	}
	p = &d->provs[d->nprovs++];
	p->gcc = dr_opt_str(d, c->gcc);
	p->target = dr_opt_str(d, c->target);
	p->plugin = dr_opt_str(d, c->plugin);
	p->kernel_release = dr_opt_str(d, kernel);
	p->objects = 1;
}

/* ---- reading ---- */

static int dr_compute(struct mg_set *set, const struct km_dsopts *o)
{
	const char *why = o->scope_build ? "--scope=build" : o->git ? "--git" : NULL;

	if (mg_load_companions(set, why != NULL, why))
		return -1;
	if (o->scope_build && mg_scope_build(set))
		return -1;
	if (o->git && mg_git_ages(set, o->git))
		return -1;
	if (o->all_columns)
		mg_values_prepare(set);
	return 0;
}

int km_ds_read_records(struct km_dataset *d, char **paths, int npaths,
		       const struct km_dsopts *o)
{
	struct dr_calls w;
	struct mg_set set;
	size_t i, k;
	int ret = -1;

	memset(&set, 0, sizeof(set));
	if (mg_collect(paths, npaths, &set) || mg_load(&set) || dr_compute(&set, o))
		goto out;
	dr_use_columns(d, o->all_columns);
	w.d = d;
	w.row0 = d->nrows;
	w.cap = d->ncalls;
	d->nobjects += set.nsides;
	for (i = 0; i < set.nsides; i++) {
		const struct mg_side *s = &set.sides[i];
		uint32_t src = km_ds_add_src(d, s->path);

		if (s->has_comp && s->comp.version >= 2)
			dr_provenance(d, &s->comp);
		for (k = s->rec0; k < s->rec0 + s->nrec; k++) {
			if (o->all_columns)
				dr_add_full(d, &set, k, src);
			else
				dr_add_record(d, &set, k, src);
		}
	}
	d->scope = o->scope_build ? "build" : "tu";
	for (i = 0; o->calls && i < set.nsides; i++)
		d->has_calls |= set.sides[i].has_comp;
	if (o->calls)
		mg_calls_each(&set, dr_call, &w);
	ret = 0;
out:
	mg_graph_free(&set);
	mg_set_free(&set);
	return ret;
}
