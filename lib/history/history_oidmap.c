// SPDX-License-Identifier: GPL-2.0
/*
 * history_oidmap.c - a map from commit id to pointer (open addressing,
 * linear probing, never shrinks): the state the history walk keeps per
 * commit and the sets of commits the fix search tests membership in.
 */
#include <stdlib.h>
#include <string.h>

#include "km_history_int.h"

static size_t om_hash(const git_oid *id, size_t cap)
{
	uint64_t h;

	memcpy(&h, id->id, sizeof(h));	/* an object id is already uniform */
	return (size_t)h & (cap - 1);
}

static void om_grow(struct km_oidmap *m)
{
	struct km_oidmap n;
	size_t i;

	n.cap = m->cap ? m->cap * 2 : 1024;
	n.n = 0;
	n.keys = (git_oid *)km_hist_alloc(n.cap * sizeof(git_oid));
	n.vals = (void **)km_hist_alloc(n.cap * sizeof(void *));
	n.used = (unsigned char *)km_hist_alloc(n.cap);
	for (i = 0; i < m->cap; i++)
		if (m->used[i])
			*km_oidmap_slot(&n, &m->keys[i]) = m->vals[i];
	km_oidmap_free(m);
	*m = n;
}

void **km_oidmap_slot(struct km_oidmap *m, const git_oid *id)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap)
		om_grow(m);
	for (i = om_hash(id, m->cap); m->used[i]; i = (i + 1) & (m->cap - 1))
		if (git_oid_equal(&m->keys[i], id))
			return &m->vals[i];
	m->used[i] = 1;
	git_oid_cpy(&m->keys[i], id);
	m->vals[i] = NULL;
	m->n++;
	return &m->vals[i];
}

void *km_oidmap_get(const struct km_oidmap *m, const git_oid *id)
{
	size_t i;

	if (!m->cap)
		return NULL;
	for (i = om_hash(id, m->cap); m->used[i]; i = (i + 1) & (m->cap - 1))
		if (git_oid_equal(&m->keys[i], id))
			return m->vals[i];
	return NULL;
}

void km_oidmap_free(struct km_oidmap *m)
{
	free(m->keys);
	free(m->vals);
	free(m->used);
	memset(m, 0, sizeof(*m));
}
