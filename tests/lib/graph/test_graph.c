// SPDX-License-Identifier: GPL-2.0
/*
 * test_graph.c - Check suite for lib/graph/graph.c (C5 depth, C6 callees, C7 callers).
 *
 * Small graphs whose numbers were worked out by hand (each test says how),
 * then random graphs compared with a breadth-first search per node, big
 * enough to cross several 4096-bit batches, and a deep chain that would
 * overflow the stack of any recursive walk.
 * Standalone: build/tests/lib/graph/test_graph (make check-graph).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "graph/km_graph.h"

/* A graph of @n nodes (scope given by @scope, 1 = in scope), edges as pairs. */
static struct km_graph_metrics *run(uint32_t n, const int *scope,
				    const uint32_t (*edges)[2], size_t nedges)
{
	struct km_graph *g = km_graph_new();
	struct km_graph_metrics *out;
	uint32_t i;

	ck_assert_ptr_nonnull(g);
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(km_graph_add_node(g, scope ? scope[i] : 1), i);
	for (i = 0; i < nedges; i++)
		ck_assert_int_eq(km_graph_add_edge(g, edges[i][0], edges[i][1]), 0);
	ck_assert_uint_eq(km_graph_nodes(g), n);
	out = (struct km_graph_metrics *)calloc(n + 1, sizeof(*out));
	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(km_graph_compute(g, out), 0);
	km_graph_free(g);
	return out;
}

static void expect(const struct km_graph_metrics *m, long depth, long callees,
		   long callers)
{
	ck_assert_int_eq(m->depth, depth);
	ck_assert_int_eq(m->callees, callees);
	ck_assert_int_eq(m->callers, callers);
}

/* a -> b -> c: depths 1 2 3, each reaches those below, is reached by those above. */
START_TEST(test_chain_counts_nodes_from_the_entry)
{
	static const uint32_t e[][2] = { {0, 1}, {1, 2} };
	struct km_graph_metrics *m = run(3, NULL, e, 2);

	expect(&m[0], 1, 2, 0);
	expect(&m[1], 2, 1, 1);
	expect(&m[2], 3, 0, 2);
	free(m);
}
END_TEST

/* a -> b, a -> c, b -> d, c -> d: d is counted once by a, has 3 callers. */
START_TEST(test_diamond_counts_each_node_once)
{
	static const uint32_t e[][2] = { {0, 1}, {0, 2}, {1, 3}, {2, 3} };
	struct km_graph_metrics *m = run(4, NULL, e, 4);

	expect(&m[0], 1, 3, 0);
	expect(&m[1], 2, 1, 1);
	expect(&m[2], 2, 1, 1);
	expect(&m[3], 3, 0, 3);
	free(m);
}
END_TEST

/*
 * a -> b -> c -> b, c -> d. {b, c} is a cycle: both depth 0, and d below
 * it too. b reaches c and d (2), c reaches b and d (2); d is reached by
 * a, b, c (3); b is reached by a and c (2).
 */
START_TEST(test_cycle_and_below_cycle_have_depth_zero)
{
	static const uint32_t e[][2] = { {0, 1}, {1, 2}, {2, 1}, {2, 3} };
	struct km_graph_metrics *m = run(4, NULL, e, 4);

	expect(&m[0], 1, 3, 0);
	expect(&m[1], 0, 2, 2);
	expect(&m[2], 0, 2, 2);
	expect(&m[3], 0, 0, 3);
	free(m);
}
END_TEST

/* a -> a, a -> b, b -> b: self calls change nothing; a is still an entry. */
START_TEST(test_self_calls_are_ignored)
{
	static const uint32_t e[][2] = { {0, 0}, {0, 1}, {1, 1} };
	struct km_graph_metrics *m = run(2, NULL, e, 3);

	expect(&m[0], 1, 1, 0);
	expect(&m[1], 2, 0, 1);
	free(m);
}
END_TEST

/*
 * a -> b, a -> x, b -> x, b -> y with x, y external leaves: a reaches
 * b, x, y (3), b reaches x, y (2). The leaves are reached by a and b
 * (x: 2) or by a through b (y: 2); a leaf on the longest chain a-b-x is 3.
 */
START_TEST(test_external_leaves_count_as_callees_never_as_callers)
{
	static const int scope[] = { 1, 1, 0, 0 };
	static const uint32_t e[][2] = { {0, 1}, {0, 2}, {1, 2}, {1, 3} };
	struct km_graph_metrics *m = run(4, scope, e, 4);

	expect(&m[0], 1, 3, 0);
	expect(&m[1], 2, 2, 1);
	expect(&m[2], 3, 0, 2);
	expect(&m[3], 3, 0, 2);
	free(m);
}
END_TEST

/*
 * Leaf x -> a (edges from a leaf are odd but allowed): a has no in-scope
 * caller, so it is an entry (1); x is reached by nothing in scope: 0 callers,
 * no chain (0). x reaches a (1); a is reached by no in-scope node (0).
 */
START_TEST(test_node_called_only_by_a_leaf_is_an_entry)
{
	static const int scope[] = { 0, 1 };
	static const uint32_t e[][2] = { {0, 1} };
	struct km_graph_metrics *m = run(2, scope, e, 1);

	expect(&m[0], 0, 1, 0);
	expect(&m[1], 1, 0, 0);
	free(m);
}
END_TEST

/* a <-> b, b -> c: no entry reaches anything; all depth 0, c below the cycle. */
START_TEST(test_cycle_without_entry_has_no_depth)
{
	static const uint32_t e[][2] = { {0, 1}, {1, 0}, {1, 2} };
	struct km_graph_metrics *m = run(3, NULL, e, 3);

	expect(&m[0], 0, 2, 1);
	expect(&m[1], 0, 2, 1);
	expect(&m[2], 0, 0, 2);
	free(m);
}
END_TEST

/* The diamond again with every edge three times: the same numbers. */
START_TEST(test_duplicate_edges_are_harmless)
{
	static const uint32_t e[][2] = {
		{0, 1}, {0, 2}, {1, 3}, {2, 3}, {0, 1}, {0, 2}, {1, 3},
		{2, 3}, {0, 1}, {0, 2}, {1, 3}, {2, 3},
	};
	struct km_graph_metrics *m = run(4, NULL, e, 12);

	expect(&m[0], 1, 3, 0);
	expect(&m[3], 3, 0, 3);
	free(m);
}
END_TEST

/* An isolated in-scope node is an entry of its own chain: 1 0 0. */
START_TEST(test_isolated_node_is_an_entry_with_nothing_around)
{
	struct km_graph_metrics *m = run(1, NULL, NULL, 0);

	expect(&m[0], 1, 0, 0);
	free(m);
}
END_TEST

START_TEST(test_empty_graph_computes_nothing)
{
	struct km_graph *g = km_graph_new();
	struct km_graph_metrics m;

	ck_assert_int_eq(km_graph_compute(g, &m), 0);
	ck_assert_uint_eq(km_graph_nodes(g), 0);
	km_graph_free(g);
}
END_TEST

START_TEST(test_edge_to_unknown_node_is_refused)
{
	struct km_graph *g = km_graph_new();

	km_graph_add_node(g, 1);
	ck_assert_int_eq(km_graph_add_edge(g, 0, 1), -1);
	km_graph_free(g);
}
END_TEST

/*
 * A big cycle 0 -> 1 -> ... -> 4999 -> 0 that spans two batches, entered
 * from node 5000 and leading to leaf 5001: every cycle node reaches the
 * other 4999 and the leaf (5000), and is reached by the other 4999 and
 * the entry (5000).
 */
START_TEST(test_cycle_wider_than_a_batch_counts_its_members)
{
	const uint32_t n = 5002, len = 5000;
	uint32_t (*e)[2] = (uint32_t (*)[2])malloc((len + 2) * sizeof(*e));
	int *scope = (int *)malloc(n * sizeof(int));
	struct km_graph_metrics *m;
	uint32_t i;

	for (i = 0; i < n; i++)
		scope[i] = i != 5001;
	for (i = 0; i < len; i++) {
		e[i][0] = i;
		e[i][1] = (i + 1) % len;
	}
	e[len][0] = 5000;
	e[len][1] = 17;
	e[len + 1][0] = 4321;
	e[len + 1][1] = 5001;
	m = run(n, scope, (const uint32_t (*)[2])e, len + 2);
	for (i = 0; i < len; i++)
		expect(&m[i], 0, 5000, 5000);
	expect(&m[5000], 1, 5001, 0);
	expect(&m[5001], 0, 0, 5001);
	free(m);
	free(e);
	free(scope);
}
END_TEST

/* A chain of 100000 nodes: no recursion, the last node is at depth 100000. */
START_TEST(test_deep_chain_needs_no_recursion)
{
	const uint32_t n = 100000;
	uint32_t (*e)[2] = (uint32_t (*)[2])malloc(n * sizeof(*e));
	struct km_graph_metrics *m;
	uint32_t i;

	for (i = 0; i + 1 < n; i++) {
		e[i][0] = i;
		e[i][1] = i + 1;
	}
	m = run(n, NULL, (const uint32_t (*)[2])e, n - 1);
	expect(&m[0], 1, n - 1, 0);
	expect(&m[n / 2], n / 2 + 1, n - n / 2 - 1, n / 2);
	expect(&m[n - 1], n, 0, n - 1);
	free(m);
	free(e);
}
END_TEST

/* Brute force for the random graphs: BFS per node, fixpoint for depth. */
struct bf {
	uint32_t n;
	const int *scope;
	uint32_t *off, *adj;	/* CSR without self edges */
	unsigned char *seen;
	uint32_t *queue;
};

static uint32_t bf_reach(struct bf *b, uint32_t s, int *self)
{
	uint32_t head = 0, tail = 0, k, cnt = 0;

	memset(b->seen, 0, b->n);
	*self = 0;
	for (k = b->off[s]; k < b->off[s + 1]; k++) {
		if (!b->seen[b->adj[k]]) {
			b->seen[b->adj[k]] = 1;
			b->queue[tail++] = b->adj[k];
		}
	}
	while (head < tail) {
		uint32_t v = b->queue[head++];

		for (k = b->off[v]; k < b->off[v + 1]; k++) {
			uint32_t u = b->adj[k];

			if (!b->seen[u]) {
				b->seen[u] = 1;
				b->queue[tail++] = u;
			}
		}
	}
	if (b->seen[s])
		*self = 1;
	for (k = 0; k < b->n; k++)
		cnt += b->seen[k] && k != s;
	return cnt;
}

static void brute_force(uint32_t n, const int *scope, const uint32_t (*e)[2],
			size_t ne, struct km_graph_metrics *want)
{
	struct bf b;
	unsigned char *cyc = (unsigned char *)calloc(n, 1);
	unsigned char *below = (unsigned char *)calloc(n, 1);
	uint32_t i, k, s;
	size_t j;
	int changed = 1;

	b.n = n;
	b.scope = scope;
	b.off = (uint32_t *)calloc(n + 1, sizeof(uint32_t));
	b.adj = (uint32_t *)malloc((ne + 1) * sizeof(uint32_t));
	b.seen = (unsigned char *)malloc(n);
	b.queue = (uint32_t *)malloc(n * sizeof(uint32_t));
	for (j = 0; j < ne; j++)
		if (e[j][0] != e[j][1])
			b.off[e[j][0] + 1]++;
	for (i = 0; i < n; i++)
		b.off[i + 1] += b.off[i];
	{
		uint32_t *fill = (uint32_t *)malloc((n + 1) * sizeof(uint32_t));

		memcpy(fill, b.off, (n + 1) * sizeof(uint32_t));
		for (j = 0; j < ne; j++)
			if (e[j][0] != e[j][1])
				b.adj[fill[e[j][0]]++] = e[j][1];
		free(fill);
	}
	for (i = 0; i < n; i++)
		want[i].callers = 0;
	for (s = 0; s < n; s++) {
		int self;

		want[s].callees = bf_reach(&b, s, &self);
		cyc[s] = (unsigned char)self;
		for (k = 0; k < n; k++)
			if (b.seen[k] && k != s && scope[s])
				want[k].callers++;
		if (self)
			for (k = 0; k < n; k++)
				below[k] |= b.seen[k];
	}
	/* predecessors as CSR: reuse off/adj of the reversed edges */
	memset(b.off, 0, (n + 1) * sizeof(uint32_t));
	for (j = 0; j < ne; j++)
		if (e[j][0] != e[j][1])
			b.off[e[j][1] + 1]++;
	for (i = 0; i < n; i++)
		b.off[i + 1] += b.off[i];
	{
		uint32_t *fill = (uint32_t *)malloc((n + 1) * sizeof(uint32_t));

		memcpy(fill, b.off, (n + 1) * sizeof(uint32_t));
		for (j = 0; j < ne; j++)
			if (e[j][0] != e[j][1])
				b.adj[fill[e[j][1]]++] = e[j][0];
		free(fill);
	}
	for (i = 0; i < n; i++)
		want[i].depth = 0;
	while (changed) {
		changed = 0;
		for (i = 0; i < n; i++) {
			int scoped_caller = 0;
			long best = 0;

			if (below[i])
				continue;
			for (k = b.off[i]; k < b.off[i + 1]; k++) {
				uint32_t p = b.adj[k];

				scoped_caller |= scope[p];
				if (want[p].depth && want[p].depth + 1 > best)
					best = want[p].depth + 1;
			}
			if (scope[i] && !scoped_caller && best < 1)
				best = 1;
			if (best != want[i].depth) {
				want[i].depth = best;
				changed = 1;
			}
		}
	}
	free(cyc);
	free(below);
	free(b.off);
	free(b.adj);
	free(b.seen);
	free(b.queue);
}

static uint64_t rng_state;

static uint32_t rnd(uint32_t bound)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)((rng_state >> 33) % bound);
}

/*
 * @forward: edges mostly go from lower to higher numbers (a call graph
 * with a few back edges); otherwise they are uniform (a giant cycle).
 */
static void random_graph_matches_brute_force(uint32_t n, uint32_t ne,
					     int forward, uint64_t seed)
{
	uint32_t (*e)[2] = (uint32_t (*)[2])malloc(ne * sizeof(*e));
	int *scope = (int *)malloc(n * sizeof(int));
	struct km_graph_metrics *got, *want;
	uint32_t i;

	rng_state = seed;
	for (i = 0; i < n; i++)
		scope[i] = rnd(10) != 0;
	for (i = 0; i < ne; i++) {
		uint32_t a = rnd(n), b;

		while (!scope[a])
			a = rnd(n);
		if (forward && rnd(200)) {
			b = a + 1 + rnd(40);
			if (b >= n)
				b = n - 1;
		} else {
			b = rnd(n);
		}
		e[i][0] = a;
		e[i][1] = b;
	}
	got = run(n, scope, (const uint32_t (*)[2])e, ne);
	want = (struct km_graph_metrics *)calloc(n, sizeof(*want));
	brute_force(n, scope, (const uint32_t (*)[2])e, ne, want);
	for (i = 0; i < n; i++) {
		ck_assert_msg(got[i].depth == want[i].depth &&
			      got[i].callees == want[i].callees &&
			      got[i].callers == want[i].callers,
			      "node %u: got %ld %ld %ld, want %ld %ld %ld", i,
			      got[i].depth, got[i].callees, got[i].callers,
			      want[i].depth, want[i].callees, want[i].callers);
	}
	free(got);
	free(want);
	free(e);
	free(scope);
}

START_TEST(test_small_random_graphs_match_brute_force)
{
	uint64_t seed;

	for (seed = 1; seed <= 40; seed++)
		random_graph_matches_brute_force(5 + seed, 2 * seed, seed & 1, seed);
}
END_TEST

START_TEST(test_forward_random_graph_across_batches_matches_brute_force)
{
	random_graph_matches_brute_force(9000, 14000, 1, 7);
}
END_TEST

START_TEST(test_random_graph_with_giant_cycle_matches_brute_force)
{
	random_graph_matches_brute_force(6000, 6600, 0, 11);
}
END_TEST

static Suite *graph_suite(void)
{
	Suite *s = suite_create("graph");
	TCase *tc;

	tc = tcase_create("hand-worked graphs");
	tcase_add_test(tc, test_chain_counts_nodes_from_the_entry);
	tcase_add_test(tc, test_diamond_counts_each_node_once);
	tcase_add_test(tc, test_cycle_and_below_cycle_have_depth_zero);
	tcase_add_test(tc, test_self_calls_are_ignored);
	tcase_add_test(tc, test_external_leaves_count_as_callees_never_as_callers);
	tcase_add_test(tc, test_node_called_only_by_a_leaf_is_an_entry);
	tcase_add_test(tc, test_cycle_without_entry_has_no_depth);
	tcase_add_test(tc, test_duplicate_edges_are_harmless);
	tcase_add_test(tc, test_isolated_node_is_an_entry_with_nothing_around);
	tcase_add_test(tc, test_empty_graph_computes_nothing);
	tcase_add_test(tc, test_edge_to_unknown_node_is_refused);
	suite_add_tcase(s, tc);

	tc = tcase_create("large graphs");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_cycle_wider_than_a_batch_counts_its_members);
	tcase_add_test(tc, test_deep_chain_needs_no_recursion);
	tcase_add_test(tc, test_small_random_graphs_match_brute_force);
	tcase_add_test(tc, test_forward_random_graph_across_batches_matches_brute_force);
	tcase_add_test(tc, test_random_graph_with_giant_cycle_matches_brute_force);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(graph_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
