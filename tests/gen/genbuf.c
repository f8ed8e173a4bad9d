// SPDX-License-Identifier: GPL-2.0
/*
 * genbuf.c - growing strings, the random stream and the counting rules of
 * the generator (gen.h).
 *
 * The counting rules are SPEC.md's for C2, C9 and C10 and the header of
 * plugin/gcc/walk.c's for Cognitive Complexity:
 *   - each && and || of a full expression is a decision; cognitive adds 1
 *     per run of like operators in expansion order (a && b || c && d: 3);
 *   - if, ?:, switch and loops add 1 + their nesting level, else if, else
 *     and goto add 1 (gen_count_nested, gen_count_flat);
 *   - the body of an if, else, switch or loop is one level deeper for C10
 *     (gen_note_body), also when it is empty.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

static void buf_grow(struct buf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return;
	b->cap = (b->len + more + 1) * 2;
	b->p = realloc(b->p, b->cap);
	if (!b->p) {
		perror("gencode");
		exit(2);
	}
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	buf_grow(b, n);
	vsnprintf(b->p + b->len, n + 1, fmt, again);
	va_end(again);
	b->len += n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_cat(struct buf *b, const struct buf *src)
{
	buf_printf(b, "%s", buf_str(src));
}

/* Every @from in @b becomes @to. */
void buf_replace(struct buf *b, const char *from, const char *to)
{
	struct buf out = { 0 };
	const char *p = buf_str(b), *hit;
	size_t flen = strlen(from);

	while ((hit = strstr(p, from))) {
		buf_printf(&out, "%.*s%s", (int)(hit - p), p, to);
		p = hit + flen;
	}
	buf_printf(&out, "%s", p);
	buf_free(b);
	*b = out;
}

const char *buf_str(const struct buf *b)
{
	return b->p ? b->p : "";
}

void buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

void expr_free(struct expr *e)
{
	buf_free(&e->text);
	buf_free(&e->ops);
}

uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

int rng_below(uint64_t *s, int n)
{
	return n <= 1 ? 0 : (int)(rng_next(s) % (uint64_t)n);
}

int rng_pct(uint64_t *s, int pct)
{
	return rng_below(s, 100) < pct;
}

/* ---- the counting rules ---- */

long gen_runs(const struct buf *ops)
{
	const char *p = buf_str(ops);
	char last = 0;
	long n = 0;

	for (; *p; p++) {
		if (*p != last)
			n++;
		last = *p;
	}
	return n;
}

/* A full expression: its && and || are decisions, their runs cognitive. */
void gen_count_full(struct gen *g, const struct expr *e)
{
	g->acc->c2 += (long)e->ops.len;
	g->acc->cog += gen_runs(&e->ops);
}

void gen_count_nested(struct gen *g)
{
	g->acc->cog += 1 + g->nest;
}

void gen_count_flat(struct gen *g)
{
	g->acc->cog++;
}

void gen_note_body(struct gen *g)
{
	if (g->depth + 1 > g->acc->depth)
		g->acc->depth = g->depth + 1;
}

/* A bit of @n not in *@used, marked used; -1 when none is left. */
int gen_fresh_bit(struct gen *g, uint32_t *used, int n)
{
	int start = rng_below(&g->rng, n), i;

	for (i = 0; i < n; i++) {
		int bit = (start + i) % n;

		if (!(*used & (1u << bit))) {
			*used |= 1u << bit;
			return bit;
		}
	}
	return -1;
}
