// SPDX-License-Identifier: GPL-2.0
/*
 * unit.c - one TU's texts from its functions as a plugin measured them
 * (km_unit.h): the call graph of the kept functions (a node each, in
 * order, then a leaf per callee without a body here, in order of first
 * use), C5-C7 and C11, the sidecar's records and the companion.
 *
 * Functions and callees are told apart by the compiler's keys (a GCC
 * tree, a Clang declaration), looked up in a sorted table: the texts
 * depend only on the order of the functions and of their edges.
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with unit_.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "km_unit.h"
#include "km_outputs.h"
#include "graph/km_graph.h"

struct unit_slot {
	uintptr_t key;
	uint32_t node;		/* UINT32_MAX: no node yet */
};

struct unit_tu {
	struct km_graph *graph;
	struct unit_slot *fns, *leaves;	/* sorted by key */
	size_t nfns, nleaves;
	int oom;
};

struct km_unit_edge *km_unit_add_edge(struct km_unit_fn *fn, const void *callee,
				      const char *name, char kind, char linkage)
{
	struct km_unit_edge *e;
	size_t i;

	for (i = 0; i < fn->nedges; i++)
		if (fn->edges[i].callee == callee && fn->edges[i].kind == kind)
			return &fn->edges[i];
	if (fn->nedges == fn->edges_cap) {
		size_t cap = fn->edges_cap ? fn->edges_cap * 2 : 8;

		e = (struct km_unit_edge *)realloc(fn->edges, cap * sizeof(*e));
		if (!e)
			return NULL;
		fn->edges = e;
		fn->edges_cap = cap;
	}
	e = &fn->edges[fn->nedges++];
	e->callee = callee;
	e->name = name;
	e->kind = kind;
	e->linkage = linkage;
	e->dead = 0;
	return e;
}

void km_unit_fn_release(struct km_unit_fn *fn)
{
	free(fn->edges);
	fn->edges = NULL;
	fn->nedges = fn->edges_cap = 0;
}

int km_unit_measured(struct km_unit_fn *fn, int params, struct km_unit_walk *n)
{
	int oom;

	fn->rec.params = params;
	fn->rec.cyclomatic = 1 + n->decisions;
	fn->rec.halstead = km_halstead_result(&n->hal);
	fn->rec.self_calls = n->self_calls;
	fn->rec.locals = n->locals;
	fn->rec.nesting = 1 + n->max_depth;
	fn->m.hal_n1 = (long)n->hal.n1;
	fn->m.hal_n2 = (long)km_halstead_n2(&n->hal);
	fn->m.hal_N1 = (long)n->hal.N1;
	fn->m.hal_N2 = (long)n->hal.N2;
	fn->m.macro_decisions = n->macro_decisions;
	fn->m.cognitive = n->cognitive + (n->self_calls > 0);	/* recursion: +1 */
	oom = n->hal.oom;
	km_halstead_free(&n->hal);
	return oom ? -1 : 0;
}

/* ---- keys ---- */

static int unit_slot_cmp(const void *a, const void *b)
{
	uintptr_t x = ((const struct unit_slot *)a)->key, y = ((const struct unit_slot *)b)->key;

	return x < y ? -1 : x > y;
}

static struct unit_slot *unit_find(struct unit_slot *slots, size_t n, const void *key)
{
	struct unit_slot want;

	want.key = (uintptr_t)key;
	return (struct unit_slot *)bsearch(&want, slots, n, sizeof(*slots), unit_slot_cmp);
}

/* The kept functions' nodes (0..n-1, in order) and a slot for every callee without one. */
static int unit_index(struct unit_tu *tu, const struct km_unit *u)
{
	size_t i, e, nedges = 0;

	for (i = 0; i < u->nfns; i++)
		nedges += u->fns[i]->kept ? u->fns[i]->nedges : 0;
	tu->fns = (struct unit_slot *)calloc(u->nfns + 1, sizeof(*tu->fns));
	tu->leaves = (struct unit_slot *)calloc(nedges + 1, sizeof(*tu->leaves));
	if (!tu->fns || !tu->leaves)
		return -1;
	for (i = 0; i < u->nfns; i++) {
		if (!u->fns[i]->kept)
			continue;
		u->fns[i]->node = km_graph_add_node(tu->graph, 1);
		if (u->fns[i]->node == UINT32_MAX)
			return -1;
		tu->fns[tu->nfns].key = (uintptr_t)u->fns[i]->key;
		tu->fns[tu->nfns++].node = u->fns[i]->node;
	}
	qsort(tu->fns, tu->nfns, sizeof(*tu->fns), unit_slot_cmp);
	for (i = 0; i < u->nfns; i++)
		for (e = 0; u->fns[i]->kept && e < u->fns[i]->nedges; e++) {
			const void *callee = u->fns[i]->edges[e].callee;

			if (unit_find(tu->fns, tu->nfns, callee))
				continue;
			tu->leaves[tu->nleaves].key = (uintptr_t)callee;
			tu->leaves[tu->nleaves++].node = UINT32_MAX;
		}
	qsort(tu->leaves, tu->nleaves, sizeof(*tu->leaves), unit_slot_cmp);
	for (i = e = 0; i < tu->nleaves; i++)	/* one slot per callee */
		if (!e || tu->leaves[e - 1].key != tu->leaves[i].key)
			tu->leaves[e++] = tu->leaves[i];
	tu->nleaves = e;
	return 0;
}

/* The node of @callee: a kept function's, else its leaf (made at its first use). */
static uint32_t unit_node_of(struct unit_tu *tu, const void *callee)
{
	struct unit_slot *s = unit_find(tu->fns, tu->nfns, callee);

	if (s)
		return s->node;
	s = unit_find(tu->leaves, tu->nleaves, callee);
	if (s->node == UINT32_MAX)
		s->node = km_graph_add_node(tu->graph, 0);
	return s->node;
}

/* ---- the graph, C5-C7, C11 ---- */

static int unit_graph(struct unit_tu *tu, const struct km_unit *u)
{
	size_t i, e;

	if (unit_index(tu, u))
		return -1;
	for (i = 0; i < u->nfns; i++) {
		struct km_unit_fn *fn = u->fns[i];

		for (e = 0; fn->kept && e < fn->nedges; e++) {
			uint32_t to = unit_node_of(tu, fn->edges[e].callee);

			if (to == UINT32_MAX || km_graph_add_edge(tu->graph, fn->node, to))
				return -1;
		}
	}
	return 0;
}

static int unit_metrics(struct unit_tu *tu, const struct km_unit *u)
{
	size_t n = km_graph_nodes(tu->graph), i;
	struct km_graph_metrics *m;

	m = (struct km_graph_metrics *)calloc(n ? n : 1, sizeof(*m));
	if (!m || km_graph_compute(tu->graph, m)) {
		free(m);
		return -1;
	}
	for (i = 0; i < u->nfns; i++) {
		struct km_record *r = &u->fns[i]->rec;

		if (!u->fns[i]->kept)
			continue;
		r->depth = m[u->fns[i]->node].depth;
		r->callees = m[u->fns[i]->node].callees;
		r->callers = m[u->fns[i]->node].callers;
		r->age_days = 0;
		r->label = 0;
		r->score = km_score(r);
	}
	free(m);
	return 0;
}

/*
 * The records of the main file's kept functions, in source order. One that
 * cannot be written is reported, and it stays a node without a record
 * (this runs before the companion numbers the records).
 */
static int unit_records(const struct km_unit *u, struct km_buf *out)
{
	char line[KM_LINE_MAX];
	size_t i;

	for (i = 0; i < u->nfns; i++) {
		struct km_unit_fn *fn = u->fns[i];
		int len;

		if (!fn->kept || !fn->main_file)
			continue;
		len = km_record_format(line, sizeof(line), &fn->rec);
		if (len < 0) {
			if (u->unwritten)
				u->unwritten(u->arg, fn->rec.name);
			fn->main_file = 0;
			continue;
		}
		if (u->debug)
			fprintf(stderr, "kmetrics: %s", line);
		km_buf_append(out, line, (size_t)len);
	}
	return out->oom ? -1 : 0;
}

/* ---- the companion ---- */

static void unit_func(const struct km_unit_fn *fn, long rec, struct km_cfunc *cf)
{
	cf->name = fn->rec.name;
	cf->linkage = fn->linkage;
	cf->file = fn->file ? fn->file : "";
	cf->first_line = fn->first_line;
	cf->last_line = fn->last_line;
	cf->rec = rec;
	cf->has_measures = 1;
	cf->m = fn->m;
	cf->has_facts = fn->has_facts;
	cf->x = fn->facts;
}

static void unit_edges(struct unit_tu *tu, const struct km_unit *u, struct km_companion *c)
{
	size_t i, e;

	for (i = 0; i < u->nfns; i++) {
		const struct km_unit_fn *fn = u->fns[i];

		for (e = 0; fn->kept && e < fn->nedges; e++) {
			const struct km_unit_edge *edge = &fn->edges[e];
			struct unit_slot *to = unit_find(tu->fns, tu->nfns, edge->callee);
			struct km_cedge *ce = &c->edges[c->nedges++];

			ce->from = fn->node;
			ce->kind = edge->kind;
			ce->to = to ? (long)to->node : -1;
			ce->ext_linkage = edge->linkage;
			ce->ext_name = edge->name;
		}
	}
}

static char *unit_companion(struct unit_tu *tu, const struct km_unit *u,
			    const struct km_buf *records, size_t *len)
{
	struct km_companion c;
	size_t i, ne = 0;
	long rec = 0;
	char *text, release[256];

	memset(&c, 0, sizeof(c));
	c.version = KM_COMPANION_VERSION;
	c.gcc = u->compiler;
	c.target = u->target;
	c.plugin = KM_VERSION;
	km_outputs_kernel(&c, release, sizeof(release));
	c.object = u->object;
	c.source = u->source;
	c.cwd = u->cwd;
	c.has_records = 1;
	c.records_hash = km_companion_records_hash(records->p ? records->p : "", records->len);
	for (i = 0; i < u->nfns; i++)
		ne += u->fns[i]->kept ? u->fns[i]->nedges : 0;
	c.funcs = (struct km_cfunc *)calloc(tu->nfns + 1, sizeof(*c.funcs));
	c.edges = (struct km_cedge *)calloc(ne + 1, sizeof(*c.edges));
	text = NULL;
	if (c.funcs && c.edges) {
		for (i = 0; i < u->nfns; i++)
			if (u->fns[i]->kept)
				unit_func(u->fns[i], u->fns[i]->main_file ? rec++ : -1,
					  &c.funcs[c.nfuncs++]);
		c.nrecords = (unsigned long)rec;
		unit_edges(tu, u, &c);
		text = km_companion_format(&c, len);
	}
	free(c.funcs);
	free(c.edges);
	return text;
}

int km_unit_texts(struct km_unit *u, struct km_buf *records, char **graph, size_t *glen)
{
	struct unit_tu tu;
	int ret = -1;

	memset(&tu, 0, sizeof(tu));
	*graph = NULL;
	*glen = 0;
	tu.graph = km_graph_new();
	if (tu.graph && !unit_graph(&tu, u) && !unit_metrics(&tu, u) && !unit_records(u, records) &&
	    (*graph = unit_companion(&tu, u, records, glen)))
		ret = 0;
	km_graph_free(tu.graph);
	free(tu.fns);
	free(tu.leaves);
	return ret;
}

/* What the companion's TAB-separated lines cannot hold (a TAB or LF in a name), or NULL. */
static const char *unit_unwritable(const struct km_unit *u)
{
	size_t i;

	if (u->object && strpbrk(u->object, "\t\n"))
		return "the object's path";
	if (u->source && strpbrk(u->source, "\t\n"))
		return "the source file's name";
	if (u->cwd && strpbrk(u->cwd, "\t\n"))
		return "the working directory";
	for (i = 0; i < u->nfns; i++)
		if (u->fns[i]->kept && u->fns[i]->file && strpbrk(u->fns[i]->file, "\t\n"))
			return "the name of a file that defines a function";
	return NULL;
}

int km_unit_check(const struct km_unit *u, char *msg, size_t len)
{
	const char *bad = unit_unwritable(u), *s;
	struct km_buf shown;

	if (!bad)
		return 0;
	km_buf_init(&shown);
	for (s = u->object ? u->object : ""; *s; s++) {
		if (*s == '\t' || *s == '\n')
			km_buf_puts(&shown, *s == '\t' ? "\\t" : "\\n");
		else
			km_buf_append(&shown, s, 1);
	}
	snprintf(msg, len, "%s: no sidecar written: %s holds a tab or newline, which the "
		 "companion's tab-separated lines cannot carry", shown.p ? shown.p : "", bad);
	km_buf_free(&shown);
	return -1;
}
