// SPDX-License-Identifier: GPL-2.0
/*
 * graph.c - call-graph metrics C5 (depth), C6 (callees), C7 (callers).
 *
 * The same code serves the plugin (one translation unit, tens of nodes) and
 * kmetrics-merge --scope=build (a whole build, a million nodes, ~8M edges),
 * so every step is linear or bit-parallel and nothing recurses:
 *
 *  1. The edges become a CSR adjacency; self edges are dropped here.
 *  2. An iterative Tarjan finds the strongly connected components. Tarjan
 *     finishes sinks first, so numbering components in reverse finishing
 *     order gives a topological order: every edge of the condensation goes
 *     from a lower to a higher component number.
 *  3. The condensation DAG is built without duplicate edges.
 *  4. C5 is one pass in topological order.
 *  5. Edges c -> e with some c -> d -> e are dropped (reachability stays).
 *  6. C6 and C7 are reachability counts. Members of one component reach
 *     each other, so the reachable set of a node is the union of whole
 *     components. Each node that counts (every node for C6, in-scope ones
 *     for C7) gets a bit position; positions are numbered in component
 *     order, so a batch of GR_WORDS*64 positions is a short interval of the
 *     topological order. For one batch the bitsets of the batch's own
 *     components are pushed to their ancestors (callers for C6, callees for
 *     C7) in topological order, 512-bit blocks at a time; only the
 *     ancestors of the batch are ever touched. Both directions OR along
 *     each component's callee edges, never along its callers' (a popular
 *     callee has thousands): C7 pushes a set into its callees' sets, C6 has each
 *     caller pull its callees' sets and frees a set once every caller has
 *     pulled it, so memory stays the sets still wanted (pushing for C6
 *     kept a set from the first callee's turn to the caller's: 840,000
 *     bitsets at once on 1M synthetic functions, 14,000 pulling).
 *     A bitset also keeps the range of blocks it uses, so sparse
 *     sets cost little, and the next targets' blocks are prefetched. Work
 *     is about (ancestor edges per batch) x (batches) x 512 bytes; C6 and
 *     C7 run on two threads for graphs of GR_THREAD_MIN nodes or more.
 *
 * Debugging: km_graph_compute is deterministic; tests/lib/graph/test_graph.c
 * has small graphs with the expected numbers worked out by hand.
 * Plain C, compiles as C11 and as C++.
 */
#include <stdlib.h>
#include <string.h>

#include "graph_priv.h"

struct km_graph *km_graph_new(void)
{
	return (struct km_graph *)calloc(1, sizeof(struct km_graph));
}

void km_graph_free(struct km_graph *g)
{
	if (!g)
		return;
	free(g->scope);
	free(g->efrom);
	free(g->eto);
	free(g);
}

uint32_t km_graph_add_node(struct km_graph *g, int in_scope)
{
	if (g->n == g->ncap) {
		uint32_t ncap = g->ncap ? g->ncap * 2 : 64;
		unsigned char *p;

		if (ncap <= g->ncap || ncap == GR_NONE)
			return UINT32_MAX;
		p = (unsigned char *)realloc(g->scope, ncap);
		if (!p)
			return UINT32_MAX;
		g->scope = p;
		g->ncap = ncap;
	}
	g->scope[g->n] = in_scope ? 1 : 0;
	return g->n++;
}

int km_graph_add_edge(struct km_graph *g, uint32_t from, uint32_t to)
{
	if (from >= g->n || to >= g->n)
		return -1;
	if (from == to)
		return 0;
	if (g->m == g->mcap) {
		size_t mcap = g->mcap ? g->mcap * 2 : 256;
		uint32_t *f, *t;

		f = (uint32_t *)realloc(g->efrom, mcap * sizeof(*f));
		if (!f)
			return -1;
		g->efrom = f;
		t = (uint32_t *)realloc(g->eto, mcap * sizeof(*t));
		if (!t)
			return -1;
		g->eto = t;
		g->mcap = mcap;
	}
	g->efrom[g->m] = from;
	g->eto[g->m] = to;
	g->m++;
	return 0;
}

size_t km_graph_nodes(const struct km_graph *g)
{
	return g->n;
}

void km_graph_edges(const struct km_graph *g, const uint32_t **from, const uint32_t **to,
		    size_t *m, const unsigned char **scope)
{
	*from = g->efrom;
	*to = g->eto;
	*m = g->m;
	*scope = g->scope;
}

/* The edge list, once the CSR has it (km_graph_compute consumes it). */
static void gr_drop_edges(struct km_graph *g)
{
	free(g->efrom);
	free(g->eto);
	g->efrom = NULL;
	g->eto = NULL;
	g->m = 0;
	g->mcap = 0;
}

static void gr_work_free(struct gr_work *w)
{
	free(w->off);
	free(w->adj);
	free(w->comp);
	free(w->mstart);
	free(w->members);
	free(w->doff);
	free(w->roff);
	free(w->dadj);
	free(w->radj);
}

/* The node graph as CSR, in the order the edges were added. */
static int gr_build_csr(const struct km_graph *g, struct gr_work *w)
{
	size_t i, *fill;

	w->off = (size_t *)calloc((size_t)g->n + 1, sizeof(size_t));
	w->adj = (uint32_t *)malloc((g->m ? g->m : 1) * sizeof(uint32_t));
	if (!w->off || !w->adj)
		return -1;
	for (i = 0; i < g->m; i++)
		w->off[g->efrom[i] + 1]++;
	for (i = 0; i < g->n; i++)
		w->off[i + 1] += w->off[i];
	fill = (size_t *)malloc(((size_t)g->n + 1) * sizeof(size_t));
	if (!fill)
		return -1;
	memcpy(fill, w->off, ((size_t)g->n + 1) * sizeof(size_t));
	for (i = 0; i < g->m; i++)
		w->adj[fill[g->efrom[i]]++] = g->eto[i];
	free(fill);
	return 0;
}

/*
 * Iterative Tarjan. comp[] gets the finishing number of each node's
 * component (sinks first); the caller turns it into topological order.
 */
static int gr_tarjan(struct gr_work *w)
{
	uint32_t n = w->n, counter = 0, k = 0, sp = 0, cp = 0, r;
	uint32_t *index, *low, *stack, *cnode;
	size_t *cedge;
	int ret = -1;

	index = (uint32_t *)malloc(((size_t)n + 1) * sizeof(uint32_t));
	low = (uint32_t *)malloc(((size_t)n + 1) * sizeof(uint32_t));
	stack = (uint32_t *)malloc(((size_t)n + 1) * sizeof(uint32_t));
	cnode = (uint32_t *)malloc(((size_t)n + 1) * sizeof(uint32_t));
	cedge = (size_t *)malloc(((size_t)n + 1) * sizeof(size_t));
	if (!index || !low || !stack || !cnode || !cedge)
		goto out;
	for (r = 0; r < n; r++) {
		index[r] = GR_NONE;
		w->comp[r] = GR_NONE;
	}
	for (r = 0; r < n; r++) {
		if (index[r] != GR_NONE)
			continue;
		index[r] = low[r] = counter++;
		stack[sp++] = r;
		cnode[cp] = r;
		cedge[cp++] = w->off[r];
		while (cp) {
			uint32_t v = cnode[cp - 1], x;

			if (cedge[cp - 1] < w->off[v + 1]) {
				uint32_t u = w->adj[cedge[cp - 1]++];

				if (index[u] == GR_NONE) {
					index[u] = low[u] = counter++;
					stack[sp++] = u;
					cnode[cp] = u;
					cedge[cp++] = w->off[u];
				} else if (w->comp[u] == GR_NONE && index[u] < low[v]) {
					low[v] = index[u];
				}
				continue;
			}
			cp--;
			if (low[v] == index[v]) {
				do {
					x = stack[--sp];
					w->comp[x] = k;
				} while (x != v);
				k++;
			}
			if (cp && low[v] < low[cnode[cp - 1]])
				low[cnode[cp - 1]] = low[v];
		}
	}
	w->ncomp = k;
	ret = 0;
out:
	free(index);
	free(low);
	free(stack);
	free(cnode);
	free(cedge);
	return ret;
}

/* Components in topological order and the members of each. */
static int gr_members(struct gr_work *w)
{
	uint32_t i, c, *fill;

	for (i = 0; i < w->n; i++)
		w->comp[i] = w->ncomp - 1 - w->comp[i];
	w->mstart = (uint32_t *)calloc((size_t)w->ncomp + 1, sizeof(uint32_t));
	w->members = (uint32_t *)malloc(((size_t)w->n + 1) * sizeof(uint32_t));
	fill = (uint32_t *)malloc(((size_t)w->ncomp + 1) * sizeof(uint32_t));
	if (!w->mstart || !w->members || !fill) {
		free(fill);
		return -1;
	}
	for (i = 0; i < w->n; i++)
		w->mstart[w->comp[i] + 1]++;
	for (c = 0; c < w->ncomp; c++)
		w->mstart[c + 1] += w->mstart[c];
	memcpy(fill, w->mstart, ((size_t)w->ncomp + 1) * sizeof(uint32_t));
	for (i = 0; i < w->n; i++)
		w->members[fill[w->comp[i]]++] = i;
	free(fill);
	return 0;
}

/* Successors of component @c in the condensation, each once, marked in @stamp. */
static size_t gr_dag_row(struct gr_work *w, uint32_t c, uint32_t *stamp,
			 uint32_t *outp)
{
	uint32_t k;
	size_t e, cnt = 0;

	for (k = w->mstart[c]; k < w->mstart[c + 1]; k++) {
		uint32_t v = w->members[k];

		for (e = w->off[v]; e < w->off[v + 1]; e++) {
			uint32_t d = w->comp[w->adj[e]];

			if (d == c || stamp[d] == c)
				continue;
			stamp[d] = c;
			if (outp)
				outp[cnt] = d;
			cnt++;
		}
	}
	return cnt;
}

/* Predecessor lists: a counting sort of the successor lists by target. */
static int gr_reverse(struct gr_work *w)
{
	uint32_t c, m = w->ncomp;
	size_t e, total = w->doff[m], *fill;

	free(w->roff);
	free(w->radj);
	w->roff = (size_t *)calloc((size_t)m + 1, sizeof(size_t));
	w->radj = (uint32_t *)malloc((total ? total : 1) * sizeof(uint32_t));
	fill = (size_t *)malloc(((size_t)m + 1) * sizeof(size_t));
	if (!w->roff || !w->radj || !fill) {
		free(fill);
		return -1;
	}
	for (e = 0; e < total; e++)
		w->roff[w->dadj[e] + 1]++;
	for (c = 0; c < m; c++)
		w->roff[c + 1] += w->roff[c];
	memcpy(fill, w->roff, ((size_t)m + 1) * sizeof(size_t));
	for (c = 0; c < m; c++)
		for (e = w->doff[c]; e < w->doff[c + 1]; e++)
			w->radj[fill[w->dadj[e]]++] = c;
	free(fill);
	return 0;
}

/*
 * Drop every condensation edge c -> e for which some c -> d -> e exists:
 * reachability stays the same (each dropped edge is replaced by a path
 * whose edges span less of the topological order, so by induction by
 * kept edges), and C6/C7 then push along fewer edges. C5 is computed
 * before, on all edges.
 */
static int gr_reduce(struct gr_work *w)
{
	uint32_t c, m = w->ncomp, *succ, *twohop;
	size_t e, f, out = 0, start;

	succ = (uint32_t *)malloc(((size_t)m + 1) * sizeof(uint32_t));
	twohop = (uint32_t *)malloc(((size_t)m + 1) * sizeof(uint32_t));
	if (!succ || !twohop) {
		free(succ);
		free(twohop);
		return -1;
	}
	for (c = 0; c < m; c++)
		succ[c] = twohop[c] = GR_NONE;
	for (c = 0; c < m; c++) {
		for (e = w->doff[c]; e < w->doff[c + 1]; e++)
			succ[w->dadj[e]] = c;
		for (e = w->doff[c]; e < w->doff[c + 1]; e++) {
			uint32_t d = w->dadj[e];

			for (f = w->doff[d]; f < w->doff[d + 1]; f++)
				if (succ[w->dadj[f]] == c)
					twohop[w->dadj[f]] = c;
		}
		start = out;
		for (e = w->doff[c]; e < w->doff[c + 1]; e++)
			if (twohop[w->dadj[e]] != c)
				w->dadj[out++] = w->dadj[e];
		w->doff[c] = start;
	}
	w->doff[m] = out;
	free(succ);
	free(twohop);
	return gr_reverse(w);
}

static int gr_condense(struct gr_work *w)
{
	uint32_t c, m = w->ncomp, *stamp;
	size_t total;

	stamp = (uint32_t *)malloc(((size_t)m + 1) * sizeof(uint32_t));
	w->doff = (size_t *)calloc((size_t)m + 1, sizeof(size_t));
	if (!stamp || !w->doff)
		goto fail;
	for (c = 0; c < m; c++)
		stamp[c] = GR_NONE;
	for (c = 0; c < m; c++)
		w->doff[c + 1] = w->doff[c] + gr_dag_row(w, c, stamp, NULL);
	total = w->doff[m];
	w->dadj = (uint32_t *)malloc((total ? total : 1) * sizeof(uint32_t));
	if (!w->dadj)
		goto fail;
	for (c = 0; c < m; c++)
		stamp[c] = GR_NONE;
	for (c = 0; c < m; c++)
		gr_dag_row(w, c, stamp, w->dadj + w->doff[c]);
	free(stamp);
	return gr_reverse(w);
fail:
	free(stamp);
	return -1;
}

/*
 * C5 in topological order. A component is "below" when it is a cycle or
 * one of its predecessors is below; those get 0. An in-scope node without
 * an in-scope caller is an entry (1); otherwise the longest chain through
 * predecessors that have a chain, or 0 when none has.
 */
static int gr_depth(const struct km_graph *g, struct gr_work *w,
		    struct km_graph_metrics *out)
{
	uint32_t c, m = w->ncomp;
	unsigned char *below;
	long *depth;

	below = (unsigned char *)calloc((size_t)m + 1, 1);
	depth = (long *)calloc((size_t)m + 1, sizeof(long));
	if (!below || !depth) {
		free(below);
		free(depth);
		return -1;
	}
	for (c = 0; c < m; c++) {
		uint32_t v = w->members[w->mstart[c]];
		int scoped_caller = 0;
		long best = 0;
		size_t e;

		if (w->mstart[c + 1] - w->mstart[c] > 1)
			below[c] = 1;
		for (e = w->roff[c]; e < w->roff[c + 1] && !below[c]; e++) {
			uint32_t p = w->radj[e];

			if (below[p])
				below[c] = 1;
			if (g->scope[w->members[w->mstart[p]]])
				scoped_caller = 1;
			if (depth[p] && depth[p] + 1 > best)
				best = depth[p] + 1;
		}
		if (below[c])
			continue;
		if (g->scope[v] && !scoped_caller && best < 1)
			best = 1;
		depth[c] = best;
	}
	for (c = 0; c < w->n; c++)
		out[c].depth = depth[w->comp[c]];
	free(below);
	free(depth);
	return 0;
}

int km_graph_compute(struct km_graph *g, struct km_graph_metrics *out)
{
	struct gr_work w;
	int ret = -1;

	memset(&w, 0, sizeof(w));
	if (!g->n)
		return 0;
	w.n = g->n;
	w.comp = (uint32_t *)malloc((size_t)g->n * sizeof(uint32_t));
	if (!w.comp)
		goto out;
	if (gr_build_csr(g, &w))
		goto out;
	gr_drop_edges(g);
	if (gr_tarjan(&w) || gr_members(&w) || gr_condense(&w))
		goto out;
	free(w.off);	/* the node graph: the condensation has it all now */
	free(w.adj);
	w.off = NULL;
	w.adj = NULL;
	if (gr_depth(g, &w, out) || gr_reduce(&w) || gr_reach(g, &w, out))
		goto out;
	ret = 0;
out:
	gr_work_free(&w);
	return ret;
}
