// SPDX-License-Identifier: GPL-2.0
/*
 * graph_reach.c - C6 (callees) and C7 (callers) as reachability counts
 * over the condensation graph.c built (step 6 of graph.c's comment):
 * batches of bit positions carried to their ancestors in topological
 * order, 512-bit blocks at a time (C7 pushing along callee edges, C6
 * pulling along them), C6 and C7 on two threads for large graphs.
 * Plain C, compiles as C11 and as C++.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "graph_priv.h"

/* One set of bitsets for a batch, a pool of equal-sized slots. */
struct gr_pool {
	uint32_t words;
	uint64_t *data;
	uint32_t *lo, *hi;	/* range of words that may be nonzero */
	uint32_t nslots, cap;
	uint32_t *freel;
	uint32_t nfree;
};

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
 * predecessors for C6 (rev = 0), successors for C7 (rev = 1); @poff/@padj
 * are the same edges the other way, for pulling. @weight[c]
 * is how many members of c count. On return cnt[c] = the number of
 * counting nodes in components from which c is reached by push edges,
 * c itself included: for C6 the nodes c reaches, for C7 those reaching c.
 */
struct gr_reach {
	uint32_t m;
	int rev;
	const size_t *off;	/* push edges */
	const uint32_t *adj;
	int pull;		/* pull (below) rather than push */
	const size_t *poff;	/* pull edges: the same, reversed */
	const uint32_t *padj;
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

/* The index of component @c (the same map both ways). */
static inline uint32_t gr_idx(const struct gr_reach *r, uint32_t c)
{
	return gr_comp(r, c);
}

static void gr_set_bits(uint64_t *d, uint64_t from, uint64_t to)
{
	uint64_t b;

	for (b = from; b < to; b++)
		d[b >> 6] |= 1ULL << (b & 63);
}

/* Slot @s gets the batch's own bits of index @i (the batch starts at bit @a). */
static void gr_own(struct gr_pool *p, uint32_t s, const uint64_t *pos, uint64_t a, uint32_t i)
{
	uint64_t bits = (uint64_t)p->words * 64;
	uint64_t from = pos[i] > a ? pos[i] : a;
	uint64_t to = pos[i + 1] < a + bits ? pos[i + 1] : a + bits;
	uint32_t lo, hi;

	if (from >= to)
		return;
	gr_set_bits(p->data + (size_t)s * p->words, from - a, to - a);
	lo = (uint32_t)((from - a) >> 9);
	hi = (uint32_t)((to - 1 - a) >> 9);
	if (p->lo[s] == GR_NONE || lo < p->lo[s])
		p->lo[s] = lo;
	if (p->hi[s] == GR_NONE || hi > p->hi[s])
		p->hi[s] = hi;
}

static uint32_t gr_slot_new(struct gr_pool *p)
{
	uint32_t s = gr_slot_get(p);

	if (s != GR_NONE)
		p->lo[s] = p->hi[s] = GR_NONE;
	return s;
}

/* Push: @s goes into every target's slot (made when it has none). */
static int gr_push(struct gr_reach *r, struct gr_pool *p, uint32_t *slot, uint64_t *pending,
		   uint32_t c, uint32_t s)
{
	size_t e, end = r->off[c + 1];

	for (e = r->off[c]; e < end; e++) {
		uint32_t j = gr_idx(r, r->adj[e]);

		if (e + GR_AHEAD < end && p->lo[s] != GR_NONE) {
			uint32_t sn = slot[gr_idx(r, r->adj[e + GR_AHEAD])];

			if (sn != GR_NONE)
				gr_prefetch(p, sn, p->lo[s], p->hi[s]);
		}
		if (slot[j] == GR_NONE) {
			slot[j] = gr_slot_new(p);
			if (slot[j] == GR_NONE)
				return -1;
			pending[j >> 6] |= 1ULL << (j & 63);
		}
		gr_slot_or(p, slot[j], s);
	}
	gr_slot_put(p, s);
	return 0;
}

/* Pull: @s takes the sets of every component pushing into @c (r->poff). */
static void gr_pull(struct gr_reach *r, struct gr_pool *p, uint32_t *slot, uint32_t *left,
		    uint32_t c, uint32_t s)
{
	size_t e, end = r->poff[c + 1];

	for (e = r->poff[c]; e < end; e++) {
		uint32_t d = gr_idx(r, r->padj[e]);

		if (e + GR_AHEAD < end) {
			uint32_t dn = slot[gr_idx(r, r->padj[e + GR_AHEAD])];

			if (dn != GR_NONE && p->lo[dn] != GR_NONE)
				gr_prefetch(p, dn, p->lo[dn], p->hi[dn]);
		}
		if (slot[d] == GR_NONE)
			continue;
		gr_slot_or(p, s, slot[d]);
		if (!--left[d]) {
			gr_slot_put(p, slot[d]);
			slot[d] = GR_NONE;
		}
	}
}

/* Pull: @s is kept until each push target has pulled it. */
static void gr_offer(struct gr_reach *r, struct gr_pool *p, uint32_t *slot, uint32_t *left,
		     uint64_t *pending, uint32_t i, uint32_t c, uint32_t s)
{
	size_t e;

	if (r->off[c] == r->off[c + 1]) {
		gr_slot_put(p, s);
		return;
	}
	slot[i] = s;
	left[i] = (uint32_t)(r->off[c + 1] - r->off[c]);
	for (e = r->off[c]; e < r->off[c + 1]; e++) {
		uint32_t j = gr_idx(r, r->adj[e]);

		pending[j >> 6] |= 1ULL << (j & 63);
	}
}

/*
 * One batch: indices @i0..@i1 own the batch's bits; every index whose set
 * is not empty is taken in turn, from the highest down (what pushes into
 * an index is higher). Push: a set is ORed into each target's set at
 * once, and a target's set lives from the first push into it to its turn.
 * Pull: at its turn an index ORs in the sets of those pushing into it, and
 * a set lives until each of its targets has pulled it (@left).
 */
static int gr_batch(struct gr_reach *r, struct gr_pool *p, uint32_t *slot,
		    uint32_t *left, uint64_t *pending, const uint64_t *pos, uint64_t a,
		    uint32_t i0, uint32_t i1)
{
	uint32_t i, wi;

	for (i = i0; i <= i1; i++)
		if (pos[i + 1] > pos[i])
			pending[i >> 6] |= 1ULL << (i & 63);
	for (wi = i1 >> 6; ; wi--) {
		while (pending[wi]) {
			uint32_t bit = 63 - (uint32_t)__builtin_clzll(pending[wi]);
			uint32_t c, s;

			i = (wi << 6) | bit;
			pending[wi] &= ~(1ULL << bit);
			c = gr_comp(r, i);
			s = r->pull || slot[i] == GR_NONE ? gr_slot_new(p) : slot[i];
			if (s == GR_NONE)
				return -1;
			slot[i] = GR_NONE;
			gr_own(p, s, pos, a, i);
			if (r->pull)
				gr_pull(r, p, slot, left, c, s);
			r->cnt[c] += gr_slot_count(p, s, r->fast);
			if (r->pull)
				gr_offer(r, p, slot, left, pending, i, c, s);
			else if (gr_push(r, p, slot, pending, c, s))
				return -1;
		}
		if (!wi)
			break;
	}
	return 0;
}

static int gr_reach_count(struct gr_reach *r)
{
	uint32_t m = r->m, i, i0 = 0, *slot, *left;
	uint64_t *pos, *pending, total, a, blocks;
	struct gr_pool pool;
	int ret = -1;

	memset(&pool, 0, sizeof(pool));
	pos = (uint64_t *)malloc(((size_t)m + 1) * sizeof(uint64_t));
	slot = (uint32_t *)malloc(((size_t)m + 1) * sizeof(uint32_t));
	left = (uint32_t *)malloc(((size_t)m + 1) * sizeof(uint32_t));
	pending = (uint64_t *)calloc((size_t)m / 64 + 1, sizeof(uint64_t));
	if (!pos || !slot || !left || !pending)
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
		if (gr_batch(r, &pool, slot, left, pending, pos, a, i0, i1))
			goto out;
	}
	ret = 0;
out:
	free(pos);
	free(slot);
	free(left);
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

int gr_reach(const struct km_graph *g, struct gr_work *w,
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
	r6.pull = 1;
	r6.poff = w->doff;
	r6.padj = w->dadj;
	r6.weight = wall;
	r6.cnt = cnt6;
	r7.rev = 1;
	r7.off = w->doff;
	r7.adj = w->dadj;
	r7.poff = w->roff;
	r7.padj = w->radj;
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
