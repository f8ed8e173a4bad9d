// SPDX-License-Identifier: GPL-2.0
/*
 * gencond.c - random conditions whose every && and || is a real decision.
 *
 * No operand is constant, and no condition is always or never true, nor
 * decided by one of its operands, so no fold can make an operator vanish:
 * bit tests take a bit of a, b or bm[] that no other test of the function
 * uses, bit-field tests a field of *s no other uses, comparisons, ranges
 * and ==/!= chains a fresh variable (a parameter w<N> or a global gv<N>)
 * used by that test alone, with distinct constants; a pair of
 * comparisons of two fresh variables is one that fold-const combines into
 * one comparison (x < y || x == y); calls are opaque. GCC's front end
 * still merges what it can (ranges, bit tests, bit-fields, combined
 * comparisons, !-inverted forms, __builtin_expect distributed over && and
 * ||): that is what the plugin must see through.
 *
 * An expression is its text and the && and || it holds in expansion order
 * (struct expr); the caller counts them when the expression is a full one
 * (gen_count_full). Statement expressions (WARN_ON, WARN_ON_ONCE) hold
 * full expressions of their own, an if and locals, counted here; ?:
 * counts here as a decision and nests its arms (cognitive).
 */
#include <stdio.h>
#include <string.h>

#include "gen.h"

#define R(n)	rng_below(&g->rng, (n))
#define P(pct)	rng_pct(&g->rng, (pct))

static const char *const cmp_ops[] = { "==", "!=", "<", ">", "<=", ">=" };

static void leaf(struct gen *g, struct expr *e);

void gen_fresh_var(struct gen *g, struct buf *name)
{
	if (g->nw < GEN_MAX_W && P(75)) {
		g->wparam[g->nw] = 1;
		buf_printf(name, "w%d", g->nw++);
		return;
	}
	buf_printf(&g->pre, "extern int gv%d;\n", g->nglobal);
	buf_printf(name, "gv%d", g->nglobal++);
}

/* A constant as written: a number, or the K<n> macro for 0..15. */
static void constant(struct gen *g, struct buf *t, int k)
{
	if (k >= 0 && k <= 15 && P(25))
		buf_printf(t, "K%d", k);
	else
		buf_printf(t, "%d", k);
}

/* ---- tests without operators of their own ---- */

static void leaf_cmp(struct gen *g, struct expr *e)
{
	struct buf v = { 0 };

	gen_fresh_var(g, &v);
	buf_printf(&e->text, "%s %s ", buf_str(&v), cmp_ops[R(6)]);
	constant(g, &e->text, R(13) - 3);
	buf_free(&v);
}

static void leaf_bit(struct gen *g, struct expr *e)
{
	static const char *const forms[] = { "%s", "!%s", "%s != 0", "%s == 0" };
	int on_a = P(50);
	int bit = gen_fresh_bit(g, on_a ? &g->bits_a : &g->bits_b, 32);
	char t[48];

	if (bit < 0) {
		leaf_cmp(g, e);
		return;
	}
	*(on_a ? &g->use_a : &g->use_b) = 1;
	if (P(30))
		snprintf(t, sizeof(t), "(%c & BIT(%d))", on_a ? 'a' : 'b', bit);
	else
		snprintf(t, sizeof(t), "(%c & %#xU)", on_a ? 'a' : 'b', 1u << bit);
	buf_printf(&e->text, forms[R(4)], t);
}

static void leaf_field(struct gen *g, struct expr *e)
{
	static const char *const forms[] = {
		"s->f%d", "!s->f%d", "s->f%d == 0", "s->f%d != 0", "s->f%d == 1",
	};
	int f = gen_fresh_bit(g, &g->fields, 32);

	if (f < 0) {
		leaf_cmp(g, e);
		return;
	}
	g->use_s = 1;
	buf_printf(&e->text, forms[R(5)], f);
}

/* A 3-bit field against 1..6: never always or never true. */
static void leaf_mfield(struct gen *g, struct expr *e)
{
	uint32_t used = g->mfields;
	int f = gen_fresh_bit(g, &used, 8);

	if (f < 0) {
		leaf_cmp(g, e);
		return;
	}
	g->mfields = (uint8_t)used;
	g->use_s = 1;
	buf_printf(&e->text, "s->m%d %s %d", f, cmp_ops[R(6)], 1 + R(6));
}

/* The kernel's constant_test_bit() on a shared bitmap. */
static void leaf_test_bit(struct gen *g, struct expr *e)
{
	int half = R(4);
	int bit = gen_fresh_bit(g, &g->bm_bits[half], 32);

	if (bit < 0) {
		leaf_cmp(g, e);
		return;
	}
	g->use_bm = 1;
	buf_printf(&e->text, P(70) ? "TEST_BIT(%d, bm)" : "!TEST_BIT(%d, bm)", half * 32 + bit);
}

static void leaf_call(struct gen *g, struct expr *e)
{
	static const char *const forms[] = { "g(%d)", "!g(%d)", "g(%d) > 2", "g(%d) == 3" };

	buf_printf(&e->text, forms[R(4)], R(10));
}

static void leaf_self(struct gen *g, struct expr *e)
{
	static const char *const forms[] = { "%s(" GEN_ARGS ")", "!%s(" GEN_ARGS ")",
					     "%s(" GEN_ARGS ") > 1" };

	if (g->is_void) {
		leaf_call(g, e);
		return;
	}
	g->acc->c8++;
	buf_printf(&e->text, forms[R(3)], g->name);
}

/* ---- tests made of several: ranges and ==/!= chains on a fresh variable ---- */

static void leaf_range(struct gen *g, struct expr *e)
{
	struct buf v = { 0 };
	const char *x;
	int lo = R(11) - 5, hi = lo + 1 + R(9);

	gen_fresh_var(g, &v);
	x = buf_str(&v);
	buf_printf(&e->ops, "&");
	switch (R(5)) {
	case 0:
		buf_printf(&e->text, "(%s >= %d && %s <= %d)", x, lo, x, hi);
		break;
	case 1:
		buf_printf(&e->text, "(%s < %d || %s > %d)", x, lo, x, hi);
		e->ops.p[0] = '|';
		break;
	case 2:
		buf_printf(&e->text, "IN_RANGE(%s, %d, %d)", x, lo, hi);
		break;
	case 3:
		buf_printf(&e->text, "(%d <= %s && %s < %d)", lo, x, x, hi);
		break;
	default:
		buf_printf(&e->text, "!(%s > %d && %s < %d)", x, lo, x, hi + 1);
		break;
	}
	buf_free(&v);
}

/*
 * Two comparisons of the same two fresh variables that fold-const's
 * combine_comparisons makes one (x < y || x == y is x <= y); only the
 * pairs that are neither always nor never true.
 */
static void leaf_pair(struct gen *g, struct expr *e)
{
	static const char *const pairs[][3] = {
		{ "<", "||", "==" }, { "<", "||", ">" }, { ">", "||", "==" },
		{ "<=", "&&", "!=" }, { ">=", "&&", "!=" }, { "<=", "&&", ">=" },
	};
	struct buf u = { 0 }, v = { 0 };
	int k = R(6);

	gen_fresh_var(g, &u);
	gen_fresh_var(g, &v);
	buf_printf(&e->text, "(%s %s %s %s %s %s %s)", buf_str(&u), pairs[k][0], buf_str(&v),
		   pairs[k][1], buf_str(&u), pairs[k][2], buf_str(&v));
	buf_printf(&e->ops, "%c", pairs[k][1][0] == '&' ? '&' : '|');
	buf_free(&u);
	buf_free(&v);
}

/* Distinct constants, consecutive ones at times (a range for the fold). */
static void chain_constants(struct gen *g, int *k, int n)
{
	int i, j;

	if (P(40)) {
		int base = R(10) - 2;

		for (i = 0; i < n; i++)
			k[i] = base + i;
		return;
	}
	for (i = 0; i < n; i++) {
		do {
			k[i] = R(14) - 2;
			for (j = 0; j < i && k[j] != k[i]; j++)
				;
		} while (j < i);
	}
}

static void leaf_chain(struct gen *g, struct expr *e)
{
	static const char *const chars[] = { "' '", "'\\t'", "'\\n'", "'a'", "'z'", "'|'" };
	struct buf v = { 0 };
	int n = 2 + R(3), eq = P(55), k[4], i, ch = P(15), base = R(6);

	gen_fresh_var(g, &v);
	chain_constants(g, k, n);
	if (ch)
		for (i = 0; i < n; i++)
			k[i] = (base + i) % 6;	/* distinct characters */
	if (n == 3 && eq && !ch && P(30)) {
		buf_printf(&e->text, "ONE_OF3(%s, %d, %d, %d)", buf_str(&v), k[0], k[1], k[2]);
		buf_printf(&e->ops, "||");
		buf_free(&v);
		return;
	}
	buf_printf(&e->text, "(");
	for (i = 0; i < n; i++) {
		if (i) {
			buf_printf(&e->text, eq ? " || " : " && ");
			buf_printf(&e->ops, "%c", eq ? '|' : '&');
		}
		buf_printf(&e->text, "%s %s ", buf_str(&v), eq ? "==" : "!=");
		if (ch)
			buf_printf(&e->text, "%s", chars[k[i]]);
		else
			constant(g, &e->text, k[i]);
	}
	buf_printf(&e->text, ")");
	buf_free(&v);
}

/* ---- tests holding a condition ---- */

/* g (C): C's operators belong to the enclosing expression. */
static void leaf_call_arg(struct gen *g, struct expr *e)
{
	struct expr c = { 0 };

	gen_cond(g, &c, 1 + R(2), 1);
	buf_printf(&e->text, P(50) ? "g(%s)" : "g(%s) > 1", buf_str(&c.text));
	buf_cat(&e->ops, &c.ops);
	expr_free(&c);
}

/*
 * The kernel's WARN_ON and WARN_ON_ONCE (gencode.c's prelude): statement
 * expressions whose initialisers are full expressions of their own.
 * WARN_ON: local __r, one if (its body one level deeper). WARN_ON_ONCE:
 * locals __done and __ret, an if on __ret && !__done whose body holds a
 * WARN_ON(1) (local __r, an if one level deeper still).
 */
void gen_warn(struct gen *g, struct expr *e)
{
	struct expr c = { 0 };
	int once = P(35);

	gen_cond(g, &c, 1 + R(3), 1);
	gen_count_full(g, &c);		/* int __r = !!(c); */
	g->acc->c9++;
	g->acc->c2++;			/* if (unlikely(__r)) */
	gen_count_nested(g);
	gen_note_body(g);
	if (once) {
		g->acc->c9 += 2;	/* __ret, and WARN_ON(1)'s __r */
		g->acc->c2 += 2;	/* __ret && !__done, WARN_ON(1)'s if */
		g->acc->cog += 1 + 1 + (g->nest + 1);
		g->depth++;
		gen_note_body(g);
		g->depth--;
	}
	buf_printf(&e->text, "%s(%s)", once ? "WARN_ON_ONCE" : "WARN_ON", buf_str(&c.text));
	expr_free(&c);
}

/* A value without operators: a fresh variable or a call. */
void gen_value(struct gen *g, struct buf *t)
{
	if (P(60)) {
		gen_fresh_var(g, t);
		return;
	}
	buf_printf(t, "g(%d)", 10 + R(90));
}

/* ?: on a condition, with conditions or values (min, max, abs) as arms. */
static void leaf_ternary(struct gen *g, struct expr *e)
{
	struct expr c = { 0 }, x = { 0 }, y = { 0 };
	int kind = R(4);

	g->acc->c2++;
	gen_count_nested(g);
	if (kind == 3) {	/* folded into MIN_EXPR, MAX_EXPR or ABS_EXPR */
		struct buf u = { 0 }, v = { 0 };

		gen_fresh_var(g, &u);
		gen_fresh_var(g, &v);
		if (P(50))
			buf_printf(&e->text, "(%s %s %s ? %s : %s) > %d", buf_str(&u), P(50) ? "<" : ">",
				   buf_str(&v), buf_str(&u), buf_str(&v), R(9));
		else
			buf_printf(&e->text, "(%s < 0 ? -%s : %s) > %d", buf_str(&u), buf_str(&u),
				   buf_str(&u), 1 + R(9));
		buf_free(&u);
		buf_free(&v);
		return;
	}
	gen_cond(g, &c, 1 + R(2), 1);
	g->nest++;
	if (kind == 0) {
		gen_cond(g, &x, 1 + R(2), 1);
		gen_cond(g, &y, 1 + R(2), 1);
		buf_printf(&e->text, "(%s ? %s : %s)", buf_str(&c.text), buf_str(&x.text),
			   buf_str(&y.text));
	} else {
		gen_value(g, &x.text);
		gen_value(g, &y.text);
		buf_printf(&e->text, "(%s ? %s : %s) %s %d", buf_str(&c.text), buf_str(&x.text),
			   buf_str(&y.text), cmp_ops[R(6)], R(9));
	}
	g->nest--;
	buf_cat(&e->ops, &c.ops);
	buf_cat(&e->ops, &x.ops);
	buf_cat(&e->ops, &y.ops);
	expr_free(&c);
	expr_free(&x);
	expr_free(&y);
}

static void leaf(struct gen *g, struct expr *e)
{
	int k = R(100), deep = g->budget > 0;

	if (deep && k >= 88)
		g->budget--;
	if (k < 14)
		leaf_bit(g, e);
	else if (k < 24)
		leaf_field(g, e);
	else if (k < 28)
		leaf_mfield(g, e);
	else if (k < 34)
		leaf_test_bit(g, e);
	else if (k < 48)
		leaf_cmp(g, e);
	else if (k < 55)
		leaf_range(g, e);
	else if (k < 58)
		leaf_pair(g, e);
	else if (k < 72)
		leaf_chain(g, e);
	else if (k < 80)
		leaf_call(g, e);
	else if (k < 84 && g->acc->c8 < 4)
		leaf_self(g, e);
	else if (k < 88 || !deep)
		leaf_cmp(g, e);
	else if (k < 91)
		leaf_call_arg(g, e);
	else if (k < 95)
		gen_warn(g, e);
	else
		leaf_ternary(g, e);
}

/* ---- wrappers and operators ---- */

/* @e = WRAP(@e) for a wrapper without operators of its own. */
static void wrap(struct gen *g, struct expr *e)
{
	static const char *const forms[] = { "likely(%s)", "unlikely(%s)", "!(%s)", "!!(%s)",
					     "CHECK(%s)", "(%s)" };
	struct buf t = { 0 };

	buf_printf(&t, forms[R(6)], buf_str(&e->text));
	buf_free(&e->text);
	e->text = t;
}

/* A macro of this function's own: object-like, or with the left or right operand as argument. */
static void own_macro(struct gen *g, struct buf *t, const struct expr *l, const char *op,
		      const struct expr *r)
{
	int k = g->nmacro++;
	const char *ls = buf_str(&l->text), *rs = buf_str(&r->text);

	switch (R(3)) {
	case 0:
		buf_printf(&g->pre, "#define M%d_%d (%s %s %s)\n", g->index, k, ls, op, rs);
		buf_printf(t, "M%d_%d", g->index, k);
		break;
	case 1:
		buf_printf(&g->pre, "#define M%d_%d(X_) ((X_) %s (%s))\n", g->index, k, op, rs);
		buf_printf(t, "M%d_%d(%s)", g->index, k, ls);
		break;
	default:
		buf_printf(&g->pre, "#define M%d_%d(X_) ((%s) %s (X_))\n", g->index, k, ls, op);
		buf_printf(t, "M%d_%d(%s)", g->index, k, rs);
		break;
	}
}

static void binary(struct gen *g, struct expr *e, const struct expr *l, char op,
		   const struct expr *r, int bare)
{
	static const char *const hints[] = { "likely", "unlikely", "CHECK", "!", "!!" };
	const char *o = op == '&' ? "&&" : "||";
	const char *ls = buf_str(&l->text), *rs = buf_str(&r->text);
	int form = R(100);

	buf_cat(&e->ops, &l->ops);
	buf_printf(&e->ops, "%c", op);
	buf_cat(&e->ops, &r->ops);
	if (form < 35)
		buf_printf(&e->text, bare && P(50) ? "%s %s %s" : "(%s %s %s)", ls, o, rs);
	else if (form < 58)
		buf_printf(&e->text, "%s(%s %s %s)", hints[R(5)], ls, o, rs);
	else if (form < 72)
		buf_printf(&e->text, "%s%s(%s, %s)", P(20) ? "!" : "",
			   op == '|' ? "EITHER" : P(50) ? "BOTH" : "NEITHER", ls, rs);
	else
		own_macro(g, &e->text, l, o, r);
}

/* ANY3(x, y, z): EITHER(x, EITHER(y, z)), two || in two nested macros. */
static void any3(struct gen *g, struct expr *e, int size)
{
	struct expr x = { 0 }, y = { 0 }, z = { 0 };
	int a = 1 + R(size - 2), b = 1 + R(size - a - 1);

	gen_cond(g, &x, a, 1);
	gen_cond(g, &y, b, 1);
	gen_cond(g, &z, size - a - b, 1);
	buf_printf(&e->text, "ANY3(%s, %s, %s)", buf_str(&x.text), buf_str(&y.text),
		   buf_str(&z.text));
	buf_cat(&e->ops, &x.ops);
	buf_printf(&e->ops, "|");
	buf_cat(&e->ops, &y.ops);
	buf_printf(&e->ops, "|");
	buf_cat(&e->ops, &z.ops);
	expr_free(&x);
	expr_free(&y);
	expr_free(&z);
}

/*
 * A condition of about @size tests. @bare: its outermost operator may go
 * without parentheses (the caller's context parses it as a whole, or
 * reparses it into other real decisions: every operand stays fresh).
 */
void gen_cond(struct gen *g, struct expr *e, int size, int bare)
{
	struct expr l = { 0 }, r = { 0 };
	int n;

	if (size <= 1 || g->budget <= 0) {
		leaf(g, e);
		if (P(15))
			wrap(g, e);
		return;
	}
	g->budget--;
	if (size >= 3 && P(10)) {
		any3(g, e, size);
		return;
	}
	n = 1 + R(size - 1);
	gen_cond(g, &l, n, 1);
	gen_cond(g, &r, size - n, 1);
	binary(g, e, &l, P(50) ? '&' : '|', &r, bare);
	expr_free(&l);
	expr_free(&r);
}
