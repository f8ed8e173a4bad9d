// SPDX-License-Identifier: GPL-2.0
/*
 * cexpr.c - the value of a stretch of tokens that is an integer constant
 * expression as written (km_cexpr.h).
 *
 * A census reads conditions as text; an operand of && or || whose value
 * GCC's front end folded while parsing (sizeof(long) == 8, !(4 > 2),
 * (unsigned char)256) decides its chain as the literals 0 and 1 do
 * (skel_const.c). This is the small part of C's constant expressions that
 * needs no declarations: integer literals, sizeof of a type spelled with
 * keywords, casts to such types, and the unary, binary and ?: operators,
 * with C's conversions at the target's sizes. Anything else (a name, a
 * call, a character constant, a typedef) is unknown: nothing is claimed
 * that the text does not show.
 *
 * Plain C: the unit tests link it without GCC.
 */
#include <stdint.h>
#include <string.h>

#include "km_cexpr.h"

/* A value with its C type: width in bits (32 or 64; narrower promote to int) and signedness. */
struct cval {
	uint64_t v;
	int bits;
	int uns;
};

/* One token of the stretch, lexed from its spelling. */
struct ctok {
	const char *p;
	size_t n;
};

struct cx {
	const struct km_cexpr_env *env;
	struct ctok *t;
	size_t n, i;
	int bad;
};

static int cx_ident_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       ch == '_';
}

/* The length of the token at @p (@len bytes left on its line). */
static size_t cx_lex(const char *p, size_t len)
{
	static const char *const two[] = { "==", "!=", "<=", ">=", "<<", ">>", "&&", "||" };
	size_t n = 0, k;

	if (!len)
		return 0;
	if (cx_ident_char(p[0])) {
		while (n < len && (cx_ident_char(p[n]) || p[n] == '.'))
			n++;
		return n;
	}
	for (k = 0; k < sizeof(two) / sizeof(two[0]); k++)
		if (len >= 2 && p[0] == two[k][0] && p[1] == two[k][1])
			return 2;
	return 1;
}

/* Whether @t is no identifier, or one of the keywords a constant expression here can hold. */
static int cx_known_word(const struct ctok *t)
{
	static const char *const words[] = {
		"sizeof", "__sizeof__", "char", "short", "int", "long", "signed", "__signed__",
		"unsigned", "const", "volatile", "_Bool",
	};
	size_t k;

	if (!cx_ident_char(t->p[0]) || (t->p[0] >= '0' && t->p[0] <= '9'))
		return 1;
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (strlen(words[k]) == t->n && !memcmp(t->p, words[k], t->n))
			return 1;
	return 0;
}

static int cx_is(const struct cx *c, const char *s)
{
	size_t l = strlen(s);

	return c->i < c->n && c->t[c->i].n == l && !memcmp(c->t[c->i].p, s, l);
}

static int cx_eat(struct cx *c, const char *s)
{
	if (!cx_is(c, s))
		return 0;
	c->i++;
	return 1;
}

/* The value @v at the width and signedness of @bits/@uns. */
static struct cval cx_conv(struct cval x, int bits, int uns)
{
	x.bits = bits;
	x.uns = uns;
	if (bits == 32)
		x.v = uns ? (uint32_t)x.v : (uint64_t)(int64_t)(int32_t)(uint32_t)x.v;
	return x;
}

/* A type's width (bits) and signedness from what was written; its size in bytes. */
static int cx_type(struct cx *c, int *bits, int *uns, unsigned *size)
{
	const struct km_cexpr_target *tg = &c->env->target;
	int longs = 0, sgn = 0, unsg = 0, base = 0, any = 0, ptr = 0;

	for (;; c->i++, any = 1) {
		if (cx_is(c, "long"))
			longs++;
		else if (cx_is(c, "unsigned"))
			unsg = 1;
		else if (cx_is(c, "signed") || cx_is(c, "__signed__"))
			sgn = 1;
		else if (cx_is(c, "const") || cx_is(c, "volatile"))
			;
		else if (cx_is(c, "char"))
			base = 'c';
		else if (cx_is(c, "short"))
			base = 's';
		else if (cx_is(c, "int"))
			base = base ? base : 'i';
		else if (cx_is(c, "_Bool"))
			base = 'b';
		else
			break;
	}
	while (any && cx_eat(c, "*"))
		ptr = 1;
	if (!any)
		return 0;
	if (ptr) {
		*size = tg->size_ptr;
		*uns = 1;
	} else if (base == 'c') {
		*size = 1;
		*uns = unsg || (!sgn && !tg->char_signed);
	} else if (base == 'b') {
		*size = 1;
		*uns = 1;
	} else if (base == 's') {
		*size = tg->size_short;
		*uns = unsg;
	} else {
		*size = longs >= 2 ? tg->size_llong : longs ? tg->size_long : tg->size_int;
		*uns = unsg;
	}
	*bits = *size >= 8 ? 64 : 32;
	if (*size < 4)
		*uns = 0;	/* promoted to int when read */
	return *size > 0 && *size <= 8;
}

static struct cval cx_cond(struct cx *c);

/* An integer literal: its value and type as C gives them. */
static struct cval cx_number(struct cx *c)
{
	const struct ctok *t = &c->t[c->i++];
	struct cval x = { 0, 32, 0 };
	size_t k = 0;
	int base = 10, u = 0, l = 0, digits = 0;

	if (t->n > 1 && t->p[0] == '0' && (t->p[1] | 0x20) == 'x') {
		base = 16;
		k = 2;
	} else if (t->p[0] == '0') {
		base = 8;
	}
	for (; k < t->n; k++) {
		char ch = (char)(t->p[k] | 0x20);
		int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' && base == 16 ?
			ch - 'a' + 10 : -1;

		if (d < 0 || d >= base)
			break;
		if (x.v > UINT64_MAX / 16)
			c->bad = 1;
		x.v = x.v * (uint64_t)base + (uint64_t)d;
		digits++;
	}
	for (; k < t->n; k++) {
		char ch = (char)(t->p[k] | 0x20);

		if (ch == 'u')
			u = 1;
		else if (ch == 'l')
			l++;
		else
			c->bad = 1;	/* a float, a bad suffix */
	}
	if (!digits && base != 8)
		c->bad = 1;
	x.bits = l || x.v > UINT32_MAX || (!u && base == 10 && x.v > INT32_MAX) ? 64 : 32;
	x.uns = u || (x.bits == 32 ? x.v > INT32_MAX : x.v > INT64_MAX);
	return x;
}

static struct cval cx_unary(struct cx *c);

/* sizeof ( type ): the size, as size_t. */
static struct cval cx_sizeof(struct cx *c)
{
	struct cval x = { 0, 64, 1 };
	unsigned size;
	int bits, uns;

	if (!cx_eat(c, "(") || !cx_type(c, &bits, &uns, &size) || !cx_eat(c, ")"))
		c->bad = 1;
	x.v = size;
	return cx_conv(x, c->env->target.size_long >= 8 ? 64 : 32, 1);
}

static struct cval cx_primary(struct cx *c)
{
	struct cval x = { 0, 32, 0 };

	if (c->i >= c->n) {
		c->bad = 1;
		return x;
	}
	if (c->t[c->i].p[0] >= '0' && c->t[c->i].p[0] <= '9')
		return cx_number(c);
	if (cx_eat(c, "sizeof") || cx_eat(c, "__sizeof__"))
		return cx_sizeof(c);
	if (cx_eat(c, "(")) {
		size_t at = c->i;
		unsigned size;
		int bits, uns;

		if (cx_type(c, &bits, &uns, &size)) {	/* a cast */
			if (!cx_eat(c, ")")) {
				c->bad = 1;
				return x;
			}
			x = cx_unary(c);
			if (size < 4) {		/* truncated, then promoted */
				x.v &= size == 1 ? 0xffu : 0xffffu;
				if (!uns && size == 1 && (x.v & 0x80))
					x.v |= ~(uint64_t)0xff;
				if (!uns && size == 2 && (x.v & 0x8000))
					x.v |= ~(uint64_t)0xffff;
			}
			return cx_conv(x, bits, uns);
		}
		c->i = at;
		x = cx_cond(c);
		if (!cx_eat(c, ")"))
			c->bad = 1;
		return x;
	}
	c->bad = 1;	/* a name, a call, a character constant: unknown */
	return x;
}

static struct cval cx_unary(struct cx *c)
{
	struct cval x;

	if (cx_eat(c, "!")) {
		x = cx_unary(c);
		return (struct cval){ !x.v, 32, 0 };
	}
	if (cx_eat(c, "-")) {
		x = cx_unary(c);
		x.v = -x.v;
		return cx_conv(x, x.bits, x.uns);
	}
	if (cx_eat(c, "~")) {
		x = cx_unary(c);
		x.v = ~x.v;
		return cx_conv(x, x.bits, x.uns);
	}
	if (cx_eat(c, "+"))
		return cx_unary(c);
	return cx_primary(c);
}

/* C's usual arithmetic conversions of @a and @b, applied to both. */
static void cx_usual(struct cval *a, struct cval *b)
{
	int bits = a->bits > b->bits ? a->bits : b->bits;
	int uns;

	if (a->bits == b->bits)
		uns = a->uns || b->uns;
	else
		uns = a->bits > b->bits ? a->uns : b->uns;
	*a = cx_conv(*a, bits, uns);
	*b = cx_conv(*b, bits, uns);
}

static int cx_less(struct cval a, struct cval b)
{
	return a.uns ? a.v < b.v : (int64_t)a.v < (int64_t)b.v;
}

/* @a @op @b; c->bad for what C leaves undefined (a division by 0, a shift too far). */
static struct cval cx_apply(struct cx *c, const char *op, struct cval a, struct cval b)
{
	struct cval r;

	if (!strcmp(op, "&&") || !strcmp(op, "||")) {
		int v = *op == '&' ? a.v && b.v : a.v || b.v;

		return (struct cval){ (uint64_t)v, 32, 0 };
	}
	if (!strcmp(op, "<<") || !strcmp(op, ">>")) {
		r = a;
		if (b.v >= (uint64_t)a.bits) {
			c->bad = 1;
			return r;
		}
		if (*op == '<')
			r.v = a.v << b.v;
		else
			r.v = a.uns ? a.v >> b.v : (uint64_t)((int64_t)a.v >> b.v);
		return cx_conv(r, r.bits, r.uns);
	}
	cx_usual(&a, &b);
	r = a;
	switch (op[0] == op[1] ? op[0] + 256 : op[1] == '=' ? op[0] + 512 : op[0]) {
	case '*': r.v = a.v * b.v; break;
	case '+': r.v = a.v + b.v; break;
	case '-': r.v = a.v - b.v; break;
	case '&': r.v = a.v & b.v; break;
	case '|': r.v = a.v | b.v; break;
	case '^': r.v = a.v ^ b.v; break;
	case '/': case '%':
		if (!b.v || (!a.uns && (int64_t)b.v == -1)) {
			c->bad = 1;
			return r;
		}
		if (a.uns)
			r.v = *op == '/' ? a.v / b.v : a.v % b.v;
		else
			r.v = (uint64_t)(*op == '/' ? (int64_t)a.v / (int64_t)b.v :
				       (int64_t)a.v % (int64_t)b.v);
		break;
	case '<': return (struct cval){ (uint64_t)cx_less(a, b), 32, 0 };
	case '>': return (struct cval){ (uint64_t)cx_less(b, a), 32, 0 };
	case '<' + 512: return (struct cval){ (uint64_t)!cx_less(b, a), 32, 0 };
	case '>' + 512: return (struct cval){ (uint64_t)!cx_less(a, b), 32, 0 };
	case '=' + 256: return (struct cval){ (uint64_t)(a.v == b.v), 32, 0 };
	case '!' + 512: return (struct cval){ (uint64_t)(a.v != b.v), 32, 0 };
	default: c->bad = 1; break;
	}
	return cx_conv(r, r.bits, r.uns);
}

/* Binary operators by C's precedence, loosest first. */
static const char *const cx_levels[][4] = {
	{ "||" }, { "&&" }, { "|" }, { "^" }, { "&" }, { "==", "!=" },
	{ "<", ">", "<=", ">=" }, { "<<", ">>" }, { "+", "-" }, { "*", "/", "%" },
};
#define CX_LEVELS (sizeof(cx_levels) / sizeof(cx_levels[0]))

static struct cval cx_binary(struct cx *c, unsigned level)
{
	struct cval a, b;
	unsigned k;

	if (level == CX_LEVELS)
		return cx_unary(c);
	a = cx_binary(c, level + 1);
	for (;;) {
		const char *op = NULL;

		for (k = 0; k < 4 && cx_levels[level][k]; k++)
			if (cx_is(c, cx_levels[level][k]))
				op = cx_levels[level][k];
		if (!op || c->bad)
			return a;
		c->i++;
		b = cx_binary(c, level + 1);
		a = cx_apply(c, op, a, b);
	}
}

static struct cval cx_cond(struct cx *c)
{
	struct cval q = cx_binary(c, 0), x, y;

	if (!cx_eat(c, "?"))
		return q;
	x = cx_cond(c);
	if (!cx_eat(c, ":"))
		c->bad = 1;
	y = cx_cond(c);
	cx_usual(&x, &y);
	return q.v ? x : y;
}

int km_cexpr_value(const struct km_cexpr_env *env, size_t s, size_t e, long long *value)
{
	struct ctok t[KM_CEXPR_MAX_TOKENS];
	struct cx c = { env, t, 0, 0, 0 };
	const char *prev = NULL;
	size_t i, len;
	struct cval v;

	for (i = s; i < e; i++) {
		const char *p;

		if (!env->spell(env->ctx, i, &p, &len) || !len)
			return 0;
		if (prev && p > prev && p < prev + t[c.n - 1].n)
			continue;	/* the '=' of "<=" read as a token of its own */
		if (c.n == KM_CEXPR_MAX_TOKENS)
			return 0;
		t[c.n].p = p;
		t[c.n].n = cx_lex(p, len);
		if (!cx_known_word(&t[c.n]))
			return 0;	/* a name: unknown, whatever follows (the common case) */
		prev = p;
		c.n++;
	}
	if (!c.n)
		return 0;
	v = cx_cond(&c);
	if (c.bad || c.i != c.n)
		return 0;
	*value = (long long)v.v;
	return 1;
}
