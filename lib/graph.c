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
 *     ancestors of the batch are ever touched, and a bitset is released as
 *     soon as it has been pushed, so memory stays the width of the
 *     frontier. A bitset also keeps the range of blocks it uses, so sparse
 *     sets cost little, and the next targets' blocks are prefetched. Work
 *     is about (ancestor edges per batch) x (batches) x 512 bytes; C6 and
 *     C7 run on two threads for graphs of GR_THREAD_MIN nodes or more.
 *
 * Debugging: km_graph_compute is deterministic; tests/unit/test_graph.c
 * has small graphs with the expected numbers worked out by hand.
 * Plain C, compiles as C11 and as C++.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

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

/* One set of bitsets for a batch, a pool of equal-sized slots. */
struct gr_pool {
	uint32_t words;
	uint64_t *data;
	uint32_t *lo, *hi;	/* range of words that may be nonzero */
	uint32_t nslots, cap;
	uint32_t *freel;
	uint32_t nfree;
};

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

/*
 * Bitsets are handled in blocks of 512 bits (a cache line); GCC's vector
 * extension makes each block operation a few SIMD instructions.
 */
typedef uint64_t gr_blk __attribute__((vector_size(64), aligned(8)));

static uint32_t gr_slot_get(struct gr_pool *p)
{
	uint32_t s;

	if (p->nfree)
		return p->freel[--p->nfree];
	if (p->nslots == p->cap) {
		uint32_t cap = p->cap ? p->cap * 2 : 64;
		uint64_t *d;
		uint32_t *lo, *hi, *fl;

		d = (uint64_t *)realloc(p->data, (size_t)cap * p->words * sizeof(uint64_t));
		if (!d)
			return GR_NONE;
		p->data = d;
		lo = (uint32_t *)realloc(p->lo, (size_t)cap * sizeof(uint32_t));
		if (!lo)
			return GR_NONE;
		p->lo = lo;
		hi = (uint32_t *)realloc(p->hi, (size_t)cap * sizeof(uint32_t));
		if (!hi)
			return GR_NONE;
		p->hi = hi;
		fl = (uint32_t *)realloc(p->freel, (size_t)cap * sizeof(uint32_t));
		if (!fl)
			return GR_NONE;
		p->freel = fl;
		p->cap = cap;
	}
	s = p->nslots++;
	memset(p->data + (size_t)s * p->words, 0, p->words * sizeof(uint64_t));
	return s;
}

static gr_blk *gr_slot_blocks(const struct gr_pool *p, uint32_t s)
{
	return (gr_blk *)(p->data + (size_t)s * p->words);
}

/* Free slots are all zero: clear the used blocks on release. */
static void gr_slot_put(struct gr_pool *p, uint32_t s)
{
	uint64_t *d = p->data + (size_t)s * p->words;

	if (p->lo[s] != GR_NONE)
		memset(d + (size_t)p->lo[s] * 8, 0, (p->hi[s] - p->lo[s] + 1) * sizeof(gr_blk));
	p->freel[p->nfree++] = s;
}

static inline uint64_t gr_popcount(uint64_t x)
{
	x = x - ((x >> 1) & 0x5555555555555555ULL);
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (x * 0x0101010101010101ULL) >> 56;
}

static uint64_t gr_count_generic(const uint64_t *d, size_t n)
{
	uint64_t cnt = 0;
	size_t i;

	for (i = 0; i < n; i++)
		cnt += gr_popcount(d[i]);
	return cnt;
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("popcnt")))
static uint64_t gr_count_popcnt(const uint64_t *d, size_t n)
{
	uint64_t cnt = 0;
	size_t i;

	for (i = 0; i < n; i++)
		cnt += (uint64_t)__builtin_popcountll(d[i]);
	return cnt;
}

static int gr_has_popcnt(void)
{
	__builtin_cpu_init();
	return __builtin_cpu_supports("popcnt");
}
#else
#define gr_count_popcnt gr_count_generic
static int gr_has_popcnt(void)
{
	return 0;
}
#endif

static uint64_t gr_slot_count(const struct gr_pool *p, uint32_t s, int fast)
{
	const uint64_t *d = p->data + (size_t)s * p->words;
	size_t from, n;

	if (p->lo[s] == GR_NONE)
		return 0;
	from = (size_t)p->lo[s] * 8;
	n = (size_t)(p->hi[s] - p->lo[s] + 1) * 8;
	return fast ? gr_count_popcnt(d + from, n) : gr_count_generic(d + from, n);
}

/* dst |= src over src's blocks; dst's range grows to cover them. */
static void gr_slot_or(struct gr_pool *p, uint32_t dst, uint32_t src)
{
	gr_blk *d = gr_slot_blocks(p, dst);
	const gr_blk *s = gr_slot_blocks(p, src);
	uint32_t i, lo = p->lo[src], hi = p->hi[src];

	if (lo == GR_NONE)
		return;
	for (i = lo; i <= hi; i++)
		d[i] |= s[i];
	if (p->lo[dst] == GR_NONE || lo < p->lo[dst])
		p->lo[dst] = lo;
	if (p->hi[dst] == GR_NONE || hi > p->hi[dst])
		p->hi[dst] = hi;
}

/*
 * The reachability count over the condensation in one direction.
 * Index space: component c has index idx(c) = c, or m-1-c when @rev. Push
 * edges (@off/@adj, given per component) always lead to lower indices:
 * predecessors for C6 (rev = 0), successors for C7 (rev = 1). @weight[c]
 * is how many members of c count. On return cnt[c] = the number of
 * counting nodes in components from which c is reached by push edges,
 * c itself included: for C6 the nodes c reaches, for C7 those reaching c.
 */
struct gr_reach {
	uint32_t m;
	int rev;
	const size_t *off;
	const uint32_t *adj;
	const uint32_t *weight;
	uint64_t *cnt;
	int fast;		/* popcnt instruction */
	int ret;
};

/* Ask for the blocks of slot @s that the next OR will write. */
static inline void gr_prefetch(const struct gr_pool *p, uint32_t s, uint32_t lo,
			       uint32_t hi)
{
	const gr_blk *d = gr_slot_blocks(p, s);
	uint32_t i;

	for (i = lo; i <= hi; i++)
		__builtin_prefetch(&d[i], 1);
}

static inline uint32_t gr_comp(const struct gr_reach *r, uint32_t i)
{
	return r->rev ? r->m - 1 - i : i;
}

static void gr_set_bits(uint64_t *d, uint64_t from, uint64_t to)
{
	uint64_t b;

	for (b = from; b < to; b++)
		d[b >> 6] |= 1ULL << (b & 63);
}

static int gr_batch(struct gr_reach *r, struct gr_pool *p, uint32_t *slot,
		    uint64_t *pending, const uint64_t *pos, uint64_t a,
		    uint32_t i0, uint32_t i1)
{
	uint64_t bits = (uint64_t)p->words * 64;
	uint32_t i, wi;

	for (i = i0; i <= i1; i++) {
		uint64_t from = pos[i] > a ? pos[i] : a;
		uint64_t to = pos[i + 1] < a + bits ? pos[i + 1] : a + bits;
		uint32_t s;

		if (from >= to)
			continue;
		s = gr_slot_get(p);
		if (s == GR_NONE)
			return -1;
		slot[i] = s;
		gr_set_bits(p->data + (size_t)s * p->words, from - a, to - a);
		p->lo[s] = (uint32_t)((from - a) >> 9);
		p->hi[s] = (uint32_t)((to - 1 - a) >> 9);
		pending[i >> 6] |= 1ULL << (i & 63);
	}
	for (wi = i1 >> 6; ; wi--) {
		while (pending[wi]) {
			uint32_t bit = 63 - (uint32_t)__builtin_clzll(pending[wi]);
			uint32_t c, s;
			size_t e;

			i = (wi << 6) | bit;
			pending[wi] &= ~(1ULL << bit);
			c = gr_comp(r, i);
			s = slot[i];
			r->cnt[c] += gr_slot_count(p, s, r->fast);
			for (e = r->off[c]; e < r->off[c + 1]; e++) {
				uint32_t j = r->rev ? r->m - 1 - r->adj[e] : r->adj[e];

				if (e + GR_AHEAD < r->off[c + 1]) {
					uint32_t jn = r->rev ? r->m - 1 - r->adj[e + GR_AHEAD] :
						r->adj[e + GR_AHEAD];
					uint32_t sn = slot[jn];

					if (sn != GR_NONE && p->lo[s] != GR_NONE)
						gr_prefetch(p, sn, p->lo[s], p->hi[s]);
				}

				if (slot[j] == GR_NONE) {
					uint32_t t = gr_slot_get(p);

					if (t == GR_NONE)
						return -1;
					slot[j] = t;
					p->lo[t] = GR_NONE;
					p->hi[t] = GR_NONE;
					pending[j >> 6] |= 1ULL << (j & 63);
				}
				gr_slot_or(p, slot[j], s);
			}
			gr_slot_put(p, s);
			slot[i] = GR_NONE;
		}
		if (!wi)
			break;
	}
	return 0;
}

static int gr_reach_count(struct gr_reach *r)
{
	uint32_t m = r->m, i, i0 = 0, *slot;
	uint64_t *pos, *pending, total, a, blocks;
	struct gr_pool pool;
	int ret = -1;

	memset(&pool, 0, sizeof(pool));
	pos = (uint64_t *)malloc(((size_t)m + 1) * sizeof(uint64_t));
	slot = (uint32_t *)malloc(((size_t)m + 1) * sizeof(uint32_t));
	pending = (uint64_t *)calloc((size_t)m / 64 + 1, sizeof(uint64_t));
	if (!pos || !slot || !pending)
		goto out;
	pos[0] = 0;
	for (i = 0; i < m; i++) {
		pos[i + 1] = pos[i] + r->weight[gr_comp(r, i)];
		slot[i] = GR_NONE;
		r->cnt[i] = 0;
	}
	total = pos[m];
	blocks = total / 512 + 1;
	pool.words = 8 * (blocks < GR_WORDS / 8 ? (uint32_t)blocks : GR_WORDS / 8);
	for (a = 0; a < total; a += (uint64_t)pool.words * 64) {
		uint64_t end = a + (uint64_t)pool.words * 64;
		uint32_t i1;

		while (pos[i0 + 1] <= a)
			i0++;
		i1 = i0;
		while (i1 + 1 < m && pos[i1 + 1] < end)
			i1++;
		if (gr_batch(r, &pool, slot, pending, pos, a, i0, i1))
			goto out;
	}
	ret = 0;
out:
	free(pos);
	free(slot);
	free(pending);
	free(pool.data);
	free(pool.lo);
	free(pool.hi);
	free(pool.freel);
	return ret;
}

static void *gr_reach_thread(void *arg)
{
	struct gr_reach *r = (struct gr_reach *)arg;

	r->ret = gr_reach_count(r);
	return NULL;
}

/* C6 and C7 side by side on two threads when the graph is big. */
static int gr_reach_both(struct gr_reach *r6, struct gr_reach *r7, uint32_t n)
{
	pthread_t t;

	if (n >= GR_THREAD_MIN && !pthread_create(&t, NULL, gr_reach_thread, r7)) {
		r6->ret = gr_reach_count(r6);
		pthread_join(t, NULL);
	} else {
		r6->ret = gr_reach_count(r6);
		r7->ret = gr_reach_count(r7);
	}
	return r6->ret || r7->ret ? -1 : 0;
}

static int gr_reach(const struct km_graph *g, struct gr_work *w,
		    struct km_graph_metrics *out)
{
	uint32_t m = w->ncomp, c, v;
	uint32_t *wall, *wscope;
	uint64_t *cnt6, *cnt7;
	struct gr_reach r6, r7;
	int ret = -1;

	wall = (uint32_t *)calloc((size_t)m + 1, sizeof(uint32_t));
	wscope = (uint32_t *)calloc((size_t)m + 1, sizeof(uint32_t));
	cnt6 = (uint64_t *)calloc((size_t)m + 1, sizeof(uint64_t));
	cnt7 = (uint64_t *)calloc((size_t)m + 1, sizeof(uint64_t));
	if (!wall || !wscope || !cnt6 || !cnt7)
		goto out;
	for (v = 0; v < w->n; v++) {
		wall[w->comp[v]]++;
		wscope[w->comp[v]] += g->scope[v];
	}
	memset(&r6, 0, sizeof(r6));
	r6.m = m;
	r6.fast = gr_has_popcnt();
	r7 = r6;
	r6.off = w->roff;
	r6.adj = w->radj;
	r6.weight = wall;
	r6.cnt = cnt6;
	r7.rev = 1;
	r7.off = w->doff;
	r7.adj = w->dadj;
	r7.weight = wscope;
	r7.cnt = cnt7;
	if (gr_reach_both(&r6, &r7, w->n))
		goto out;
	for (v = 0; v < w->n; v++) {
		c = w->comp[v];
		out[v].callees = (long)cnt6[c] - 1;
		out[v].callers = (long)cnt7[c] - g->scope[v];
	}
	ret = 0;
out:
	free(wall);
	free(wscope);
	free(cnt6);
	free(cnt7);
	return ret;
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
	if (gr_build_csr(g, &w) || gr_tarjan(&w) || gr_members(&w) ||
	    gr_condense(&w) || gr_depth(g, &w, out) || gr_reduce(&w) ||
	    gr_reach(g, &w, out))
		goto out;
	ret = 0;
out:
	gr_work_free(&w);
	return ret;
}
