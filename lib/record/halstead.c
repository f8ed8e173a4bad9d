// SPDX-License-Identifier: GPL-2.0
/*
 * halstead.c - operator and operand counts of one function (km_halstead.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "km_halstead.h"
#include "km_record.h"

void km_halstead_init(struct km_halstead *h)
{
	memset(h, 0, sizeof(*h));
}

void km_halstead_free(struct km_halstead *h)
{
	free(h->keys);
	h->keys = NULL;
	h->nkeys = h->cap = 0;
}

void km_halstead_operator(struct km_halstead *h, unsigned kind)
{
	uint64_t bit;

	kind %= KM_OP_KINDS;
	bit = (uint64_t)1 << (kind % 64);
	if (!(h->op_seen[kind / 64] & bit)) {
		h->op_seen[kind / 64] |= bit;
		h->n1++;
	}
	h->N1++;
}

/* Keys are never 0 in the table: 0 marks an empty slot. */
static uint64_t hal_slot_key(uint64_t key)
{
	return key ? key : 0x9e3779b97f4a7c15ull;
}

static size_t hal_find(const uint64_t *keys, size_t cap, uint64_t key)
{
	size_t i = (size_t)((key * 0x9e3779b97f4a7c15ull) >> 7) & (cap - 1);

	while (keys[i] && keys[i] != key)
		i = (i + 1) & (cap - 1);
	return i;
}

static int hal_grow(struct km_halstead *h)
{
	size_t ncap = h->cap ? h->cap * 2 : 64, i;
	uint64_t *nk = (uint64_t *)calloc(ncap, sizeof(*nk));

	if (!nk)
		return -1;
	for (i = 0; i < h->cap; i++)
		if (h->keys[i])
			nk[hal_find(nk, ncap, h->keys[i])] = h->keys[i];
	free(h->keys);
	h->keys = nk;
	h->cap = ncap;
	return 0;
}

void km_halstead_operand(struct km_halstead *h, uint64_t key)
{
	size_t i;

	key = hal_slot_key(key);
	h->N2++;
	if ((h->nkeys + 1) * 2 > h->cap && hal_grow(h)) {
		h->oom = 1;
		return;
	}
	i = hal_find(h->keys, h->cap, key);
	if (!h->keys[i]) {
		h->keys[i] = key;
		h->nkeys++;
	}
}

unsigned long km_halstead_n2(const struct km_halstead *h)
{
	return (unsigned long)h->nkeys;
}

double km_halstead_result(const struct km_halstead *h)
{
	return km_halstead_effort(h->n1, h->nkeys, h->N1, h->N2);
}

uint64_t km_hash_bytes(uint64_t tag, const void *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	uint64_t x = 0xcbf29ce484222325ull ^ (tag * 0x100000001b3ull);
	size_t i;

	for (i = 0; i < len; i++) {
		x ^= p[i];
		x *= 0x100000001b3ull;
	}
	return x;
}

double km_halstead_volume(unsigned long n1, unsigned long n2,
			  unsigned long N1, unsigned long N2)
{
	if (!(n1 + n2))
		return 0.0;
	return (double)(N1 + N2) * log2((double)(n1 + n2));
}

double km_halstead_difficulty(unsigned long n1, unsigned long n2, unsigned long N2)
{
	if (!n2)
		return 0.0;
	return (n1 / 2.0) * ((double)N2 / n2);
}

double km_halstead_effort(unsigned long n1, unsigned long n2,
			  unsigned long N1, unsigned long N2)
{
	if (!n2)
		return 0.0;
	return km_halstead_difficulty(n1, n2, N2) * km_halstead_volume(n1, n2, N1, N2);
}
