// SPDX-License-Identifier: GPL-2.0
/*
 * scope.c - --scope=build: the whole build as one call graph (kmetrics-merge
 * and kmetrics-report).
 *
 * Nodes: every F of every companion. A global (G) function is one node
 * per name across all objects; a static (S) one, header static inlines
 * included, is private to its object. Edges: E edges within the object;
 * an X edge to a global name reaches the global of that name wherever it
 * is defined, or else one leaf per distinct external name; an X edge to a
 * static name (declared static, not defined in that TU) reaches a leaf
 * private to the object. Then C5, C6, C7 come from lib/graph/graph.c and C11
 * from km_score for every record; C8 (direct self calls) stays.
 *
 * Direct fan-in and fan-out (calls.c) come from the same graph; the
 * graph stays in the set (struct mg_graph) for sqlite's calls table and
 * --edges: which node each callee is and which record stands for a node.
 *
 * A global defined in several objects is one function: its edges are
 * the union of all definitions', and every record of it gets the metrics
 * of that one node. Records are kept as given (one per definition). When
 * the definitions come from different places (file and first line,
 * relative paths taken against the companion's cwd) a warning names both.
 *
 * Weak definitions (W, __attribute__((weak)), the kernel's __weak) share
 * the node of their name too. When a strong (G) definition exists, it
 * wins silently, as at the link: the weak bodies' edges are dropped (the
 * linker discards those bodies, nothing they call is called from them),
 * and each weak record still comes out (it is a function that compiled)
 * with the shared node's C5-C7, like any other record of that name: one
 * name, one function in the build, one set of graph numbers. Its C11 is
 * recomputed from its own C1-C3, C9 and that node's C7. Without a G, the
 * weak definitions are one node with the union of their edges, as
 * duplicate G are, but without a warning (several weak definitions link).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/km_graph.h"
#include "km_set.h"

/* Name spaces of the table: global definitions, global externals, then one per object. */
#define SC_DEFS		0u
#define SC_EXTERNS	1u
#define SC_OBJECT0	2u

struct sc_entry {
	const char *name;
	uint32_t ns;
	uint32_t node;
};

struct sc_table {
	struct sc_entry *e;
	size_t cap, n;
};

static uint64_t sc_hash(uint32_t ns, const char *s)
{
	uint64_t h = 1469598103934665603ULL ^ ns;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h ^ (h >> 29);
}

static void sc_grow(struct sc_table *t)
{
	struct sc_table nt;
	size_t i;

	nt.cap = t->cap ? t->cap * 2 : 1024;
	nt.n = 0;
	nt.e = (struct sc_entry *)mg_alloc(nt.cap * sizeof(*nt.e));
	for (i = 0; i < t->cap; i++) {
		size_t j;

		if (!t->e[i].name)
			continue;
		j = sc_hash(t->e[i].ns, t->e[i].name) & (nt.cap - 1);
		while (nt.e[j].name)
			j = (j + 1) & (nt.cap - 1);
		nt.e[j] = t->e[i];
		nt.n++;
	}
	free(t->e);
	*t = nt;
}

/* The entry for (@ns, @name); a new one with node UINT32_MAX when absent. */
static struct sc_entry *sc_lookup(struct sc_table *t, uint32_t ns, const char *name,
				  int create)
{
	size_t j;

	if (!t->cap || (create && (t->n + 1) * 2 > t->cap))
		sc_grow(t);
	j = sc_hash(ns, name) & (t->cap - 1);
	while (t->e[j].name) {
		if (t->e[j].ns == ns && !strcmp(t->e[j].name, name))
			return &t->e[j];
		j = (j + 1) & (t->cap - 1);
	}
	if (!create)
		return NULL;
	t->e[j].name = name;
	t->e[j].ns = ns;
	t->e[j].node = UINT32_MAX;
	t->n++;
	return &t->e[j];
}

struct sc_state {
	struct mg_set *set;
	struct km_graph *g;
	struct sc_table tab;
	uint32_t **fnode;	/* per object: F index -> node */
	uint32_t **enode;	/* per object: edge -> callee node, MG_NONE dropped */
	uint32_t *def_side;	/* per node made from an F: its first strong */
	uint32_t *def_func;	/* definition, or its first weak one */
	uint8_t *def_strong;	/* per node: a G definition of it is in */
	size_t ndef;
};

static void *sc_realloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		mg_errorf("%s: out of memory", mg_prog);
		exit(1);
	}
	return p;
}

static uint32_t sc_node(struct sc_state *st, int in_scope)
{
	uint32_t v = km_graph_add_node(st->g, in_scope);

	if (v == UINT32_MAX) {
		mg_errorf("%s: out of memory", mg_prog);
		exit(1);
	}
	return v;
}

static void sc_edge(struct sc_state *st, uint32_t from, uint32_t to)
{
	if (km_graph_add_edge(st->g, from, to)) {
		mg_errorf("%s: out of memory", mg_prog);
		exit(1);
	}
}

static int sc_same_place(const struct km_companion *a, const struct km_cfunc *fa,
			 const struct km_companion *b, const struct km_cfunc *fb)
{
	const char *ca = fa->file[0] == '/' ? "" : a->cwd;
	const char *cb = fb->file[0] == '/' ? "" : b->cwd;

	return fa->first_line == fb->first_line && !strcmp(ca, cb) &&
	       !strcmp(fa->file, fb->file);
}

/* Room in the per-node arrays for @node. */
static void sc_def_room(struct sc_state *st, uint32_t node)
{
	size_t old = st->ndef;

	if (node < st->ndef)
		return;
	st->ndef = st->ndef ? st->ndef * 2 : 1024;
	while (st->ndef <= node)
		st->ndef *= 2;
	st->def_side = (uint32_t *)sc_realloc(st->def_side, st->ndef * sizeof(uint32_t));
	st->def_func = (uint32_t *)sc_realloc(st->def_func, st->ndef * sizeof(uint32_t));
	st->def_strong = (uint8_t *)sc_realloc(st->def_strong, st->ndef);
	memset(st->def_strong + old, 0, st->ndef - old);
	for (; old < st->ndef; old++)
		st->def_side[old] = MG_NONE;
}

static void sc_set_def(struct sc_state *st, uint32_t node, uint32_t si, uint32_t fi,
		       int strong)
{
	sc_def_room(st, node);
	st->def_side[node] = si;
	st->def_func[node] = fi;
	st->def_strong[node] = (uint8_t)strong;
}

static void sc_define(struct sc_state *st, uint32_t si, uint32_t fi)
{
	const struct km_companion *c = &st->set->sides[si].comp;
	const struct km_cfunc *f = &c->funcs[fi];
	int strong = f->linkage == 'G';
	struct sc_entry *e;
	uint32_t node, os, of;

	if (f->linkage == 'S') {
		st->fnode[si][fi] = sc_node(st, 1);
		sc_set_def(st, st->fnode[si][fi], si, fi, 1);
		return;
	}
	e = sc_lookup(&st->tab, SC_DEFS, f->name, 1);
	if (e->node == UINT32_MAX) {
		e->node = sc_node(st, 1);
		sc_set_def(st, e->node, si, fi, strong);
	}
	node = e->node;
	st->fnode[si][fi] = node;
	os = st->def_side[node];
	of = st->def_func[node];
	if (os == si && of == fi)
		return;
	if (strong && !st->def_strong[node]) {	/* the first G after weak ones */
		sc_set_def(st, node, si, fi, 1);
	} else if (strong) {
		const struct km_companion *oc = &st->set->sides[os].comp;
		const struct km_cfunc *o = &oc->funcs[of];

		if (!sc_same_place(oc, o, c, f))
			mg_warnf("global %s is defined in %s (%s:%ld) and in %s (%s:%ld); "
				 "taken as one function", f->name, oc->object, o->file,
				 o->first_line, c->object, f->file, f->first_line);
	}
}

/* A weak definition that a strong one overrides: the linker drops its body. */
static int sc_overridden(const struct sc_state *st, uint32_t si, uint32_t fi)
{
	const struct km_cfunc *f = &st->set->sides[si].comp.funcs[fi];

	return f->linkage == 'W' && st->def_strong[st->fnode[si][fi]];
}

static uint32_t sc_target(struct sc_state *st, uint32_t si, const struct km_cedge *e)
{
	struct sc_entry *d;

	if (e->to >= 0)
		return st->fnode[si][e->to];
	if (e->ext_linkage == 'G') {
		d = sc_lookup(&st->tab, SC_DEFS, e->ext_name, 0);
		if (d)
			return d->node;
		d = sc_lookup(&st->tab, SC_EXTERNS, e->ext_name, 1);
	} else {
		d = sc_lookup(&st->tab, SC_OBJECT0 + si, e->ext_name, 1);
	}
	if (d->node == UINT32_MAX)
		d->node = sc_node(st, 0);
	return d->node;
}

static void sc_apply(struct sc_state *st, const struct km_graph_metrics *m,
		     const uint32_t *fan_in, const uint32_t *fan_out)
{
	struct mg_set *set = st->set;
	size_t i;

	for (i = 0; i < set->nrecs; i++) {
		struct mg_rec *r = &set->recs[i];
		uint32_t node = st->fnode[r->side][r->func];
		const struct km_graph_metrics *x = &m[node];
		struct km_record kr;

		r->depth = x->depth;
		r->callees = x->callees;
		r->callers = x->callers;
		r->fan_in = fan_in[node];
		r->fan_out = fan_out[node];
		mg_rec_get(r, &kr);
		r->score = km_score(&kr);
	}
}

/* Direct fan-in and fan-out of every node, from the graph's edges. */
static void sc_fan(struct sc_state *st, size_t n, uint32_t **fan_in, uint32_t **fan_out)
{
	const uint32_t *from, *to;
	const unsigned char *scope;
	size_t m;

	*fan_in = (uint32_t *)mg_alloc((n + 1) * sizeof(uint32_t));
	*fan_out = (uint32_t *)mg_alloc((n + 1) * sizeof(uint32_t));
	km_graph_edges(st->g, &from, &to, &m, &scope);
	mg_fan(from, to, m, n, scope, *fan_in, *fan_out);
}

/* What the output keeps: nodes of functions and callees, a record per node. */
static void sc_keep_graph(struct sc_state *st, size_t nnodes)
{
	struct mg_set *set = st->set;
	struct mg_graph *gr = (struct mg_graph *)mg_alloc(sizeof(*gr));
	size_t v;

	gr->fnode = st->fnode;
	gr->enode = st->enode;
	gr->nnodes = nnodes;
	gr->rep = (uint32_t *)mg_alloc((nnodes + 1) * sizeof(uint32_t));
	for (v = 0; v < nnodes; v++) {
		const struct mg_side *s;
		long rec;

		gr->rep[v] = MG_NONE;
		if (v >= st->ndef || st->def_side[v] == MG_NONE)
			continue;
		s = &set->sides[st->def_side[v]];
		rec = s->comp.funcs[st->def_func[v]].rec;
		if (rec >= 0)
			gr->rep[v] = (uint32_t)(s->rec0 + (size_t)rec);
	}
	set->graph = gr;
}

void mg_graph_free(struct mg_set *set)
{
	struct mg_graph *gr = set->graph;
	size_t si;

	if (!gr)
		return;
	for (si = 0; si < set->nsides; si++) {
		free(gr->fnode[si]);
		free(gr->enode[si]);
	}
	free(gr->fnode);
	free(gr->enode);
	free(gr->rep);
	free(gr);
	set->graph = NULL;
}

/* Every function of every object: a node, globals shared by name. */
static void sc_define_all(struct sc_state *st)
{
	struct mg_set *set = st->set;
	uint32_t si, fi;

	for (si = 0; si < set->nsides; si++) {
		const struct km_companion *c = &set->sides[si].comp;

		st->fnode[si] = (uint32_t *)mg_alloc((c->nfuncs + 1) * sizeof(uint32_t));
		st->enode[si] = (uint32_t *)mg_alloc((c->nedges + 1) * sizeof(uint32_t));
		for (fi = 0; fi < c->nfuncs; fi++)
			sc_define(st, si, fi);
	}
}

/* Every edge but an overridden weak body's. */
static void sc_link_all(struct sc_state *st)
{
	struct mg_set *set = st->set;
	uint32_t si;
	size_t e;

	for (si = 0; si < set->nsides; si++) {
		const struct km_companion *c = &set->sides[si].comp;

		for (e = 0; e < c->nedges; e++) {
			const struct km_cedge *ed = &c->edges[e];

			st->enode[si][e] = MG_NONE;
			if (sc_overridden(st, si, ed->from))
				continue;
			st->enode[si][e] = sc_target(st, si, ed);
			sc_edge(st, st->fnode[si][ed->from], st->enode[si][e]);
		}
	}
}

int mg_scope_build(struct mg_set *set)
{
	struct sc_state st;
	struct km_graph_metrics *m;
	uint32_t *fan_in, *fan_out;
	size_t n;

	memset(&st, 0, sizeof(st));
	st.set = set;
	st.g = km_graph_new();
	st.fnode = (uint32_t **)mg_alloc((set->nsides + 1) * sizeof(uint32_t *));
	st.enode = (uint32_t **)mg_alloc((set->nsides + 1) * sizeof(uint32_t *));
	if (!st.g) {
		mg_errorf("%s: out of memory", mg_prog);
		exit(1);
	}
	sc_define_all(&st);
	sc_link_all(&st);
	free(st.tab.e);
	n = km_graph_nodes(st.g);
	sc_fan(&st, n, &fan_in, &fan_out);
	m = (struct km_graph_metrics *)mg_alloc((n + 1) * sizeof(*m));
	if (km_graph_compute(st.g, m)) {
		mg_errorf("%s: out of memory computing the call graph", mg_prog);
		exit(1);
	}
	km_graph_free(st.g);
	sc_keep_graph(&st, n);
	free(st.def_side);
	free(st.def_func);
	free(st.def_strong);
	sc_apply(&st, m, fan_in, fan_out);
	free(fan_in);
	free(fan_out);
	free(m);
	set->changed = 1;
	return 0;
}
