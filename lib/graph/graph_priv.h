/* SPDX-License-Identifier: GPL-2.0 */
/*
 * graph_priv.h - what graph.c (components, condensation, C5) and
 * graph_reach.c (C6 and C7, bit-parallel reachability) share.
 */
#ifndef KM_GRAPH_PRIV_H
#define KM_GRAPH_PRIV_H

#include "km_graph.h"
#define GR_NONE		UINT32_MAX
#define GR_WORDS	64		/* words per bitset: 4096 sources a batch */
#define GR_AHEAD	4		/* edges: prefetch that far ahead */
#define GR_THREAD_MIN	65536		/* nodes: below, C6 and C7 on one thread */

struct km_graph {
	uint32_t n, ncap;
	unsigned char *scope;
	size_t m, mcap;
	uint32_t *efrom, *eto;
};

/* The working state of one km_graph_compute. */
struct gr_work {
	uint32_t n, ncomp;
	size_t *off;		/* CSR of the node graph, self edges dropped */
	uint32_t *adj;
	uint32_t *comp;		/* node -> component, topological numbering */
	uint32_t *mstart;	/* component -> first index in members */
	uint32_t *members;
	size_t *doff, *roff;	/* condensation: successors, predecessors */
	uint32_t *dadj, *radj;
};

/* C6 and C7 of every node into @out, from @w's condensation. */
int gr_reach(const struct km_graph *g, struct gr_work *w, struct km_graph_metrics *out);

#endif /* KM_GRAPH_PRIV_H */
