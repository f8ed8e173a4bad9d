// SPDX-License-Identifier: GPL-2.0
/*
 * calls.c - the call graph as the dataset shows it: direct fan-in and
 * fan-out of each function, and the list of calls that kmetrics-merge's
 * sqlite calls table and --edges=FILE write and the report draws.
 *
 * Direct, in the scope of C5-C7: fan_out is the number of distinct
 * functions (external leaves included) a function has an edge to (a call
 * or an address taken), fan_in the number of distinct functions in scope
 * with an edge to it; self edges do not count. --scope=tu counts in each
 * TU's own graph (its F nodes, header static inlines included, and one leaf
 * per external name); --scope=build in the graph scope.c made.
 *
 * A call leaves a function that has a record. Its callee is the record of
 * the function it reaches in the scope (over the build, a global's first
 * strong definition), or none: an external function, a header static
 * inline (no record), in --scope=tu a global of another object. Calls made
 * inside header static inlines have no caller record and are not listed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "km_set.h"

void mg_fan(const uint32_t *from, const uint32_t *to, size_t n, size_t nnodes,
	    const uint8_t *in_scope, uint32_t *fan_in, uint32_t *fan_out)
{
	uint32_t *start = (uint32_t *)mg_alloc((nnodes + 2) * sizeof(uint32_t));
	uint32_t *adj = (uint32_t *)mg_alloc((n + 1) * sizeof(uint32_t));
	uint32_t *stamp = (uint32_t *)mg_alloc((nnodes + 1) * sizeof(uint32_t));
	size_t i, v;

	memset(fan_in, 0, nnodes * sizeof(uint32_t));
	memset(fan_out, 0, nnodes * sizeof(uint32_t));
	for (i = 0; i < n; i++)		/* callees grouped by caller */
		start[from[i] + 2]++;
	for (v = 2; v < nnodes + 2; v++)
		start[v] += start[v - 1];
	for (i = 0; i < n; i++)
		adj[start[from[i] + 1]++] = to[i];
	for (v = 0; v < nnodes; v++) {
		for (i = start[v]; i < start[v + 1]; i++) {
			uint32_t t = adj[i];

			if (t == v || stamp[t] == v + 1)
				continue;
			stamp[t] = (uint32_t)v + 1;
			fan_out[v]++;
			if (in_scope[v])
				fan_in[t]++;
		}
	}
	free(start);
	free(adj);
	free(stamp);
}

/* ---- --scope=tu: each TU's graph ---- */

/* The leaves of one TU: one per external (linkage, name), numbered from @base. */
struct ct_leaves {
	const struct km_cedge **e;	/* open addressing, by name */
	uint32_t *id;
	size_t cap;
	uint32_t next;
};

static uint64_t ct_hash(char linkage, const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull ^ (unsigned char)linkage;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 0x100000001b3ull;
	}
	return h;
}

static uint32_t ct_leaf(struct ct_leaves *l, const struct km_cedge *e)
{
	size_t j = ct_hash(e->ext_linkage, e->ext_name) & (l->cap - 1);

	while (l->e[j]) {
		if (l->e[j]->ext_linkage == e->ext_linkage && !strcmp(l->e[j]->ext_name, e->ext_name))
			return l->id[j];
		j = (j + 1) & (l->cap - 1);
	}
	l->e[j] = e;
	l->id[j] = l->next++;
	return l->id[j];
}

static void ct_side(struct mg_set *set, struct mg_side *s)
{
	const struct km_companion *c = &s->comp;
	size_t n = c->nedges, nn = c->nfuncs + n, i;
	uint32_t *from = (uint32_t *)mg_alloc((n + 1) * sizeof(uint32_t));
	uint32_t *to = (uint32_t *)mg_alloc((n + 1) * sizeof(uint32_t));
	uint32_t *fin = (uint32_t *)mg_alloc((nn + 1) * sizeof(uint32_t));
	uint32_t *fout = (uint32_t *)mg_alloc((nn + 1) * sizeof(uint32_t));
	uint8_t *scoped = (uint8_t *)mg_alloc(nn + 1);
	struct ct_leaves l;

	memset(&l, 0, sizeof(l));
	for (l.cap = 16; l.cap < 2 * n; l.cap *= 2)
		;
	l.e = (const struct km_cedge **)mg_alloc(l.cap * sizeof(*l.e));
	l.id = (uint32_t *)mg_alloc(l.cap * sizeof(uint32_t));
	l.next = (uint32_t)c->nfuncs;
	memset(scoped, 1, c->nfuncs);
	for (i = 0; i < n; i++) {
		from[i] = c->edges[i].from;
		to[i] = c->edges[i].to >= 0 ? (uint32_t)c->edges[i].to : ct_leaf(&l, &c->edges[i]);
	}
	mg_fan(from, to, n, nn, scoped, fin, fout);
	for (i = 0; i < c->nfuncs; i++) {
		if (c->funcs[i].rec < 0)
			continue;
		set->recs[s->rec0 + (size_t)c->funcs[i].rec].fan_in = fin[i];
		set->recs[s->rec0 + (size_t)c->funcs[i].rec].fan_out = fout[i];
	}
	free(l.e);
	free(l.id);
	free(from);
	free(to);
	free(fin);
	free(fout);
	free(scoped);
}

void mg_fan_tu(struct mg_set *set)
{
	size_t si;

	for (si = 0; si < set->nsides; si++)
		if (set->sides[si].has_comp)
			ct_side(set, &set->sides[si]);
}

/* ---- the calls ---- */

/* The record an edge reaches in the scope, or MG_NOREC. */
static size_t ct_callee(const struct mg_set *set, size_t si, size_t e)
{
	const struct mg_side *s = &set->sides[si];
	const struct km_cedge *ed = &s->comp.edges[e];
	uint32_t node;

	if (set->graph) {
		node = set->graph->enode[si][e];
		return set->graph->rep[node] == MG_NONE ? MG_NOREC : set->graph->rep[node];
	}
	if (ed->to < 0 || s->comp.funcs[ed->to].rec < 0)
		return MG_NOREC;
	return s->rec0 + (size_t)s->comp.funcs[ed->to].rec;
}

static void ct_name_callee(const struct mg_set *set, size_t si, const struct km_cedge *ed,
			   struct mg_call *call)
{
	const struct km_companion *c = &set->sides[si].comp;
	const struct km_cfunc *f;

	if (call->callee != MG_NOREC) {
		f = mg_rec_func(set, &set->recs[call->callee]);
		call->callee_name = f->name;
		call->callee_file = f->file;
	} else if (ed->to >= 0) {
		call->callee_name = c->funcs[ed->to].name;
		call->callee_file = c->funcs[ed->to].file;
	} else {
		call->callee_name = ed->ext_name;
		call->callee_file = NULL;
	}
}

int mg_calls_each(const struct mg_set *set, int (*fn)(void *ctx, const struct mg_call *c),
		  void *ctx)
{
	size_t si, e;
	int r;

	for (si = 0; si < set->nsides; si++) {
		const struct mg_side *s = &set->sides[si];

		for (e = 0; s->has_comp && e < s->comp.nedges; e++) {
			const struct km_cedge *ed = &s->comp.edges[e];
			long rec = s->comp.funcs[ed->from].rec;
			struct mg_call call;

			if (rec < 0 || (set->graph && set->graph->enode[si][e] == MG_NONE))
				continue;
			call.caller = s->rec0 + (size_t)rec;
			call.callee = ct_callee(set, si, e);
			call.kind = ed->kind;
			ct_name_callee(set, si, ed, &call);
			r = fn(ctx, &call);
			if (r)
				return r;
		}
	}
	return 0;
}
