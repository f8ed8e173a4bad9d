/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lib/graph/ - the call-graph metrics, over one TU (the plugin) or the
 * whole build (--scope=build): graph.c (components, condensation, C5),
 * graph_reach.c (C6, C7), graph_priv.h (what the two share).
 *
 * km_graph.h - call-graph metrics C5 (depth), C6 (callees), C7 (callers).
 *
 * Nodes are numbered 0..n-1 in the order they are added. A node is "in
 * scope" when it is a function with a body in the scope (TU or build);
 * other nodes are leaves (external functions): they count in C6, never in
 * C7, and never start a chain. Self edges are ignored; duplicate edges are
 * harmless. Exact for millions of nodes: cycles are condensed first, then
 * reachability is counted in bit-parallel batches over the condensation.
 * Plain C, compiles as C11 and as C++.
 */
#ifndef KM_GRAPH_H
#define KM_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct km_graph;

struct km_graph_metrics {
	long depth;	/* C5: nodes on the longest chain from an entry, entry = 1; 0 on/below a cycle */
	long callees;	/* C6: distinct nodes reachable, itself excluded */
	long callers;	/* C7: distinct in-scope nodes it is reachable from, itself excluded */
};

struct km_graph *km_graph_new(void);
void km_graph_free(struct km_graph *g);
/* Returns the new node's number, or UINT32_MAX when out of memory. */
uint32_t km_graph_add_node(struct km_graph *g, int in_scope);
/* Returns 0, or -1 when out of memory. */
int km_graph_add_edge(struct km_graph *g, uint32_t from, uint32_t to);
size_t km_graph_nodes(const struct km_graph *g);
/*
 * The edges as added (self edges dropped: @from[i] -> @to[i], i < *@m) and
 * each node's scope (1: in scope), until the next add, km_graph_compute
 * or km_graph_free.
 */
void km_graph_edges(const struct km_graph *g, const uint32_t **from, const uint32_t **to,
		    size_t *m, const unsigned char **scope);
/*
 * Fills @out[0..n-1]. Returns 0, or -1 when out of memory. It consumes
 * the edges (a million-node graph holds no second copy of them): after
 * it the graph has its nodes and no edge.
 */
int km_graph_compute(struct km_graph *g, struct km_graph_metrics *out);

#ifdef __cplusplus
}
#endif

#endif /* KM_GRAPH_H */
