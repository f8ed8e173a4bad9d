// SPDX-License-Identifier: GPL-2.0
/*
 * history_pend.c - what the --history walk (history_walk.c) holds for a
 * commit not yet reached: per path, the spans of functions and the lines
 * not yet blamed that its children handed it (struct hw_pend).
 *
 * A commit's state passes to its first parent whole, by pointer, and the
 * walk then touches only the paths the commit changed: the cost of a
 * commit is its diff, not the number of functions carried. Paths are
 * found through a hash of path ids; two children's states meet at a
 * fork, where the smaller is joined into the larger, path by path.
 */
#include <stdlib.h>
#include <string.h>

#include "km_history_walk.h"

static size_t hp_hash(uint32_t path, size_t cap)
{
	return (size_t)(path * 2654435761u) & (cap - 1);
}

static void hp_rehash(struct hw_pend *p)
{
	size_t i, j;

	free(p->slot);
	p->scap = p->scap ? p->scap * 2 : 16;
	p->slot = (uint32_t *)km_hist_alloc(p->scap * sizeof(*p->slot));
	for (i = 0; i < p->n; i++) {
		for (j = hp_hash(p->c[i].path, p->scap); p->slot[j]; j = (j + 1) & (p->scap - 1))
			;
		p->slot[j] = (uint32_t)i + 1;
	}
}

struct hw_chunk *hw_pend_find(const struct hw_pend *p, uint32_t path)
{
	size_t j;

	if (!p->scap)
		return NULL;
	for (j = hp_hash(path, p->scap); p->slot[j]; j = (j + 1) & (p->scap - 1))
		if (p->c[p->slot[j] - 1].path == path)
			return &p->c[p->slot[j] - 1];
	return NULL;
}

struct hw_chunk *hw_pend_get(struct hw_pend *p, uint32_t path)
{
	struct hw_chunk *c = hw_pend_find(p, path);
	size_t j;

	if (c)
		return c;
	if ((p->n + 1) * 2 > p->scap)
		hp_rehash(p);
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->c = (struct hw_chunk *)km_hist_realloc(p->c, p->cap * sizeof(*p->c));
	}
	c = &p->c[p->n];
	memset(c, 0, sizeof(*c));
	c->path = path;
	for (j = hp_hash(path, p->scap); p->slot[j]; j = (j + 1) & (p->scap - 1))
		;
	p->slot[j] = (uint32_t)++p->n;
	return c;
}

static int hp_item_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct hw_item *)a)->func, y = ((const struct hw_item *)b)->func;

	return x < y ? -1 : x > y;
}

void hw_chunk_normalise(struct hw_chunk *c)
{
	size_t i, k = 0;

	if (!c->dirty)
		return;
	c->dirty = 0;
	qsort(c->items, c->n, sizeof(*c->items), hp_item_cmp);
	for (i = 0; i < c->n; i++) {
		if (k && c->items[k - 1].func == c->items[i].func) {
			struct km_rset u = { NULL, 0, 0 };

			km_rset_union(&u, &c->items[k - 1].rs, &c->items[i].rs);
			km_rset_free(&c->items[k - 1].rs);
			km_rset_free(&c->items[i].rs);
			c->items[k - 1].rs = u;
		} else {
			c->items[k++] = c->items[i];
		}
	}
	c->n = k;
}

void hw_chunk_clear(struct hw_chunk *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		km_rset_free(&c->items[i].rs);
	free(c->items);
	c->items = NULL;
	c->n = c->cap = 0;
	c->dirty = 0;
	hw_blocks_free(&c->bl);
}

void hw_chunk_add(struct hw_chunk *c, uint32_t func, struct km_rset *rs)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 4;
		c->items = (struct hw_item *)km_hist_realloc(c->items, c->cap * sizeof(*c->items));
	}
	if (c->n)
		c->dirty = 1;
	c->items[c->n].func = func;
	c->items[c->n++].rs = *rs;
	memset(rs, 0, sizeof(*rs));
}

/* Join chunk @from (emptied) into @to, of the same path or its new name. */
void hw_chunk_join(struct hw_chunk *to, struct hw_chunk *from)
{
	size_t i;

	for (i = 0; i < from->n; i++)
		hw_chunk_add(to, from->items[i].func, &from->items[i].rs);
	from->n = 0;
	hw_blocks_join(&to->bl, &from->bl);
	hw_chunk_clear(from);
}

void hw_pend_rename(struct hw_pend *p, struct hw_chunk *c, uint32_t path)
{
	struct hw_chunk moved = *c, *d;

	memset(c, 0, sizeof(*c));
	c->path = moved.path;	/* stays, empty, under its old key */
	d = hw_pend_get(p, path);
	hw_chunk_join(d, &moved);
}

void hw_pend_join(struct hw_pend **to, struct hw_pend *from)
{
	struct hw_pend *big = *to, *small = from;
	size_t i;

	if (!big) {
		*to = from;
		return;
	}
	if (small->n > big->n) {
		big = from;
		small = *to;
	}
	for (i = 0; i < small->n; i++)
		if (small->c[i].n || small->c[i].bl.n)
			hw_chunk_join(hw_pend_get(big, small->c[i].path), &small->c[i]);
	hw_pend_free(small);
	*to = big;
}

void hw_pend_free(struct hw_pend *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++)
		hw_chunk_clear(&p->c[i]);
	free(p->c);
	free(p->slot);
	free(p);
}
