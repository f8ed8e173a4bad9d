// SPDX-License-Identifier: GPL-2.0
/*
 * companion_compact.c - km_companion_compact: a parsed companion moved
 * into an arena of the exact size, each distinct string once.
 *
 * The parser's arena holds a copy of the whole text beside the function
 * and edge arrays, sized by counting lines. A tool that keeps the
 * companions of a whole build (a million functions, eight million edges)
 * needs the names only: E, M and C lines are numbers already parsed, and
 * the same file name (every F of a TU), section and callee name (every X
 * line to printk) repeat. Tools only (libkm.a); the plugin never reads a
 * companion back.
 *
 * Strings are first given offsets in the new string area (a string met
 * again gets the offset of its first copy: an open-addressing table of
 * the distinct ones), the offsets stored in the pointers, then the area
 * is filled and the offsets turned back into pointers.
 * Plain C, compiles as C11 and as C++; file-scope names start with cc_.
 */
#include <stdlib.h>
#include <string.h>

#include "km_companion.h"

struct cc_str {
	const char *s;		/* the string in the old arena */
	size_t len;
	size_t off;		/* where it goes in the new string area */
};

struct cc_table {
	struct cc_str *e;
	size_t mask;
	size_t total;		/* bytes of the distinct strings, NULs included */
};

static size_t cc_hash(const char *s, size_t *len)
{
	uint64_t h = 1469598103934665603ULL;
	const char *p = s;

	while (*p) {
		h ^= (unsigned char)*p++;
		h *= 1099511628211ULL;
	}
	*len = (size_t)(p - s);
	return (size_t)(h ^ (h >> 31));
}

/* *@p becomes the offset + 1 of its string in the new area (NULL stays). */
static void cc_place(struct cc_table *t, const char **p)
{
	size_t len, j;

	if (!*p)
		return;
	j = cc_hash(*p, &len) & t->mask;
	while (t->e[j].s) {
		if (t->e[j].len == len && !memcmp(t->e[j].s, *p, len))
			break;
		j = (j + 1) & t->mask;
	}
	if (!t->e[j].s) {
		t->e[j].s = *p;
		t->e[j].len = len;
		t->e[j].off = t->total;
		t->total += len + 1;
	}
	*p = (const char *)(uintptr_t)(t->e[j].off + 1);
}

static void cc_fix(const char *area, const char **p)
{
	if (*p)
		*p = area + ((uintptr_t)*p - 1);
}

/* With @t: place *@p; else turn its offset into a pointer into @area. */
static void cc_one(struct cc_table *t, const char *area, const char **p)
{
	if (t)
		cc_place(t, p);
	else
		cc_fix(area, p);
}

/* Each string field of @c through cc_one. */
static void cc_each(struct km_companion *c, struct cc_table *t, const char *area)
{
	const char **hdr[] = {
		&c->object, &c->source, &c->cwd, &c->gcc, &c->target, &c->plugin,
		&c->kernel_release,
	};
	size_t i;

	for (i = 0; i < sizeof(hdr) / sizeof(hdr[0]); i++)
		cc_one(t, area, hdr[i]);
	for (i = 0; i < c->nfuncs; i++) {
		struct km_cfunc *f = &c->funcs[i];

		cc_one(t, area, &f->name);
		cc_one(t, area, &f->file);
		cc_one(t, area, &f->x.section);
	}
	for (i = 0; i < c->nedges; i++)
		cc_one(t, area, &c->edges[i].ext_name);
}

int km_companion_compact(struct km_companion *c)
{
	size_t fsz = c->nfuncs * sizeof(*c->funcs), esz = c->nedges * sizeof(*c->edges);
	size_t nstr = 7 + 3 * c->nfuncs + c->nedges, cap = 16, i;
	struct cc_table t;
	char *a = NULL, *area;

	while (cap < 2 * nstr)
		cap *= 2;
	t.e = (struct cc_str *)calloc(cap, sizeof(*t.e));
	if (t.e) {
		t.mask = cap - 1;
		t.total = 0;
		cc_each(c, &t, NULL);
		a = (char *)malloc(fsz + esz + t.total + 1);
	}
	if (!a) {
		free(t.e);
		km_companion_free(c);
		return -1;
	}
	area = a + fsz + esz;
	for (i = 0; i < cap; i++)
		if (t.e[i].s)
			memcpy(area + t.e[i].off, t.e[i].s, t.e[i].len + 1);
	free(t.e);
	memcpy(a, c->funcs, fsz);
	memcpy(a + fsz, c->edges, esz);
	free(c->arena);
	c->arena = a;
	c->funcs = (struct km_cfunc *)a;
	c->edges = (struct km_cedge *)(a + fsz);
	cc_each(c, NULL, area);
	return 0;
}
