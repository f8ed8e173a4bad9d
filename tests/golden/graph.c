/*
 * Call graph (C5-C8) within one TU. Edges (self calls ignored by C5-C7):
 *   entry -> rec_a, entry -> self_rec, entry -> uses_header, entry -> store_cb (call)
 *   rec_a <-> rec_b (a cycle), rec_b -> external_leaf
 *   self_rec -> self_rec (C8 = 2 call sites, no edge)
 *   uses_header -> helper_twice (header static inline: node, no record)
 *   store_cb -> callback (address taken)
 *   callback, callback_twin: same body, same C3
 *   unused_static: no record (discarded by the compiler)
 *   weak_default: an entry, linkage W
 */
#include "helpers.h"

static int unused_static(int x)
{
	return x * 3;
}

int rec_b(int n);

int rec_a(int n)
{
	return n > 0 ? rec_b(n - 1) : 0;
}

int rec_b(int n)
{
	return n > 0 ? rec_a(n - 1) : external_leaf(n);
}

int self_rec(int n)
{
	if (n <= 1)
		return 1;
	return self_rec(n - 1) + self_rec(n - 2);
}

int uses_header(int x)
{
	return helper_twice(x);
}

static int callback(int x)
{
	return x * 2 + 1;
}

int callback_twin(int x)
{
	return x * 2 + 1;
}

struct ops {
	int (*cb)(int);
};

void store_cb(struct ops *o)
{
	o->cb = callback;
}

int entry(struct ops *o, int n)
{
	store_cb(o);
	return rec_a(n) + self_rec(n) + uses_header(n);
}

/* A weak default: linkage W in the companion (a strong definition elsewhere wins). */
__attribute__((weak)) int weak_default(int x)
{
	return x;
}
