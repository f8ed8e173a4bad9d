// SPDX-License-Identifier: GPL-2.0
/*
 * genstmt.c - random statements and what they measure (gen.h).
 *
 * if: a decision, +1 + nesting, its body one level deeper; else if: a
 * decision, +1, its body at the if's; else: +1, its body one level deeper.
 * while, do, for with a condition: a decision, +1 + nesting, a level.
 * switch: a decision per case label (a case range is one), +1 + nesting,
 * a level. goto: +1. Locals (static too, for-loop ones too) count in C9.
 *
 * Constant conditions count nothing and add no level: if (0), if (1),
 * IS_ENABLED(CONFIG_X), sizeof tests, `IS_ENABLED(CONFIG_OFF) && C`;
 * for (;;), while (1), do { } while (0) and while (0); switch (sizeof
 * (long)) with only the matching case live. What they make unreachable is
 * written with scratch counts. `else if (1) B` is an else whose body is B
 * (one level deeper, +1), `else if (0) B else E` an else E.
 *
 * The whole else branch is never a lone if (with braces or not): GCC's
 * tree cannot tell `else { if (c) x; }` from `else if (c) x;`.
 */
#include <stdio.h>

#include "gen.h"

#define R(n)	rng_below(&g->rng, (n))
#define P(pct)	rng_pct(&g->rng, (pct))

void gen_line(struct gen *g, struct buf *o, const char *fmt, ...)
{
	va_list ap;
	int i;

	for (i = 0; i < g->indent; i++)
		buf_printf(o, "\t");
	va_start(ap, fmt);
	buf_vprintf(o, fmt, ap);
	va_end(ap);
	buf_printf(o, "\n");
}

static int cond_size(struct gen *g)
{
	return P(10) ? 4 + R(4) : 1 + R(4);
}

/* A full expression's condition: written into @t, counted. */
static void full_cond(struct gen *g, struct buf *t, int size)
{
	struct expr e = { 0 };

	gen_cond(g, &e, size, 1);
	gen_count_full(g, &e);
	buf_cat(t, &e.text);
	expr_free(&e);
}

/* The body of an if, else, switch or loop: one level deeper. */
static void body(struct gen *g, struct buf *o, int lone_if_ok)
{
	gen_note_body(g);
	g->depth++;
	g->nest++;
	g->indent++;
	gen_block(g, o, 1 + R(3), lone_if_ok);
	g->indent--;
	g->nest--;
	g->depth--;
}

/* Statements at the same level (the live part of a constant construct). */
static void flat(struct gen *g, struct buf *o)
{
	g->indent++;
	gen_block(g, o, 1 + R(3), 1);
	g->indent--;
}

/* Code a constant condition makes unreachable: written, not counted. */
static void dead(struct gen *g, struct buf *o)
{
	struct counts *was = g->acc;

	g->acc = &g->scratch;
	flat(g, o);
	g->acc = was;
}

/* A constant condition, true or false, perhaps with an unreachable operand. */
static void const_cond(struct gen *g, struct buf *t, int truth)
{
	struct counts *was = g->acc;

	switch (R(4)) {
	case 0:
		buf_printf(t, truth ? "1" : "0");
		break;
	case 1:
		buf_printf(t, truth ? "IS_ENABLED(CONFIG_ON)" : "IS_ENABLED(CONFIG_OFF)");
		break;
	case 2:
		buf_printf(t, truth ? "sizeof(long) == 8" : "sizeof(int) == 2");
		break;
	default:
		buf_printf(t, truth ? "IS_ENABLED(CONFIG_ON) || (" : "IS_ENABLED(CONFIG_OFF) && (");
		g->acc = &g->scratch;
		full_cond(g, t, 1 + R(3));
		g->acc = was;
		buf_printf(t, ")");
		break;
	}
}

/* ---- if ---- */

/* What follows an if's body: else if, else, constant else if, or nothing. */
static void if_tail(struct gen *g, struct buf *o)
{
	struct buf c = { 0 };
	int k = R(100);

	if (k < 40) {
		gen_line(g, o, "}");
	} else if (k < 60) {
		g->acc->c2++;
		gen_count_flat(g);
		full_cond(g, &c, cond_size(g));
		gen_line(g, o, "} else if (%s) {", buf_str(&c));
		body(g, o, 1);
		if_tail(g, o);
	} else if (k < 67) {
		const_cond(g, &c, 1);		/* else B */
		gen_line(g, o, "} else if (%s) {", buf_str(&c));
		gen_count_flat(g);
		body(g, o, 0);
		if (P(50)) {
			gen_line(g, o, "} else {");
			dead(g, o);
		}
		gen_line(g, o, "}");
	} else if (k < 74) {
		const_cond(g, &c, 0);		/* B unreachable, the tail is the else */
		gen_line(g, o, "} else if (%s) {", buf_str(&c));
		dead(g, o);
		if_tail(g, o);
	} else {
		gen_count_flat(g);
		gen_line(g, o, "} else {");
		body(g, o, 0);
		gen_line(g, o, "}");
	}
	buf_free(&c);
}

/* "KW (C) {" for a construct on a real condition: a decision, +1 + nesting. */
static void open_decision(struct gen *g, struct buf *o, const char *kw)
{
	struct buf c = { 0 };

	g->acc->c2++;
	gen_count_nested(g);
	full_cond(g, &c, cond_size(g));
	gen_line(g, o, "%s (%s) {", kw, buf_str(&c));
	buf_free(&c);
}

static void st_if(struct gen *g, struct buf *o)
{
	open_decision(g, o, "if");
	body(g, o, 1);
	if_tail(g, o);
}

static void st_const_if(struct gen *g, struct buf *o)
{
	struct buf c = { 0 };
	int truth = P(50);

	const_cond(g, &c, truth);
	gen_line(g, o, "if (%s) {", buf_str(&c));
	if (truth)
		flat(g, o);
	else
		dead(g, o);
	if (P(50)) {
		gen_line(g, o, "} else {");
		if (truth)
			dead(g, o);
		else
			flat(g, o);
	}
	gen_line(g, o, "}");
	buf_free(&c);
}

/* ---- loops ---- */

static void loop_body(struct gen *g, struct buf *o, int level)
{
	g->in_loop++;
	if (level)
		body(g, o, 1);
	else
		flat(g, o);
	g->in_loop--;
}

static void st_while(struct gen *g, struct buf *o)
{
	open_decision(g, o, "while");
	loop_body(g, o, 1);
	gen_line(g, o, "}");
}

static void st_do(struct gen *g, struct buf *o)
{
	struct buf c = { 0 };

	g->acc->c2++;
	gen_count_nested(g);
	gen_line(g, o, "do {");
	loop_body(g, o, 1);
	full_cond(g, &c, cond_size(g));
	gen_line(g, o, "} while (%s);", buf_str(&c));
	buf_free(&c);
}

/* for (int t = 0; t < w && C; t++): a local, its condition one expression. */
static void st_for(struct gen *g, struct buf *o)
{
	struct buf v = { 0 };
	struct expr c = { 0 }, whole = { 0 };
	int t = g->nlocal++;

	g->acc->c9++;
	g->acc->c2++;
	gen_count_nested(g);
	gen_fresh_var(g, &v);
	buf_printf(&whole.text, "t%d < %s", t, buf_str(&v));
	if (P(60)) {
		gen_cond(g, &c, cond_size(g), 1);
		buf_printf(&whole.text, " && %s", buf_str(&c.text));
		buf_printf(&whole.ops, "&%s", buf_str(&c.ops));
	}
	gen_count_full(g, &whole);
	gen_line(g, o, "for (int t%d = 0; %s; t%d++) {", t, buf_str(&whole.text), t);
	loop_body(g, o, 1);
	gen_line(g, o, "}");
	buf_free(&v);
	expr_free(&c);
	expr_free(&whole);
}

/* Loops without a real condition: no decision, no level. */
static void st_const_loop(struct gen *g, struct buf *o)
{
	int t;

	switch (R(5)) {
	case 0:
		gen_line(g, o, "for (;;) {");
		break;
	case 1:
		gen_line(g, o, "while (1) {");
		break;
	case 2:
		t = g->nlocal++;
		g->acc->c9++;
		gen_line(g, o, "for (int t%d = 0; ; t%d++) {", t, t);
		break;
	case 3:
		gen_line(g, o, "while (0) {");
		g->in_loop++;
		dead(g, o);
		g->in_loop--;
		gen_line(g, o, "}");
		return;
	default:
		gen_line(g, o, "do {");
		loop_body(g, o, 0);
		gen_line(g, o, "} while (0);");
		return;
	}
	loop_body(g, o, 0);
	g->indent++;
	gen_line(g, o, "break;");
	g->indent--;
	gen_line(g, o, "}");
}

/* ---- switch ---- */

/* A case label (or range) with values not used before; 0 when none is left. */
static int case_label(struct gen *g, struct buf *o, uint32_t *used, int n)
{
	int v = gen_fresh_bit(g, used, n);

	if (v < 0)
		return 0;
	if (P(15) && v + 2 < n && !(*used & (3u << (v + 1)))) {
		*used |= 3u << (v + 1);
		gen_line(g, o, "case %d ... %d:", v, v + 2);
	} else {
		gen_line(g, o, "case %d:", v);
	}
	g->acc->c2++;
	return 1;
}

static void st_switch(struct gen *g, struct buf *o)
{
	struct buf x = { 0 };
	uint32_t used = 0;
	int groups = 1 + R(4), n = 16, i, j, deflt = 0;

	if (P(25)) {
		uint32_t m = g->mfields;
		int f = gen_fresh_bit(g, &m, 8);

		if (f >= 0) {
			g->mfields = (uint8_t)m;
			g->use_s = 1;
			buf_printf(&x, "s->m%d", f);
			n = 8;
		}
	}
	if (!x.len)
		gen_value(g, &x);
	gen_count_nested(g);
	gen_line(g, o, "switch (%s) {", buf_str(&x));
	gen_note_body(g);
	g->depth++;
	g->nest++;
	g->in_switch++;
	for (i = 0; i < groups; i++) {
		int labels = 0;

		for (j = 1 + R(3); j > 0; j--)
			labels += case_label(g, o, &used, n);
		if (!labels && deflt)
			break;
		if (!labels || (i == groups - 1 && P(40))) {
			gen_line(g, o, "default:");
			deflt = 1;
		}
		gen_line(g, o, "{");
		flat(g, o);
		gen_line(g, o, P(80) ? "}\tbreak;" : "}");
	}
	g->in_switch--;
	g->nest--;
	g->depth--;
	gen_line(g, o, "}");
	buf_free(&x);
}

/* switch (sizeof (long)): the matching case's code only, at this level. */
static void st_const_switch(struct gen *g, struct buf *o)
{
	int on_default = P(30);

	gen_line(g, o, "switch (sizeof(%s)) {", on_default ? "int" : "long");
	g->in_switch++;
	gen_line(g, o, "case 2: {");
	dead(g, o);
	gen_line(g, o, "}\tbreak;");
	gen_line(g, o, on_default ? "default: {" : "case 8: {");
	flat(g, o);
	gen_line(g, o, "}\tbreak;");
	gen_line(g, o, on_default ? "case 16: {" : "default: {");
	dead(g, o);
	gen_line(g, o, "}\tbreak;");
	g->in_switch--;
	gen_line(g, o, "}");
}

/* ---- statements without a body ---- */

/* int t = C; or two such, or a static, or declarations that are no local. */
static void st_local(struct gen *g, struct buf *o)
{
	struct buf c = { 0 }, d = { 0 };
	int t = g->nlocal++, k = R(100);

	if (k < 55) {
		g->acc->c9++;
		full_cond(g, &c, cond_size(g));
		gen_line(g, o, "int t%d = %s;", t, buf_str(&c));
	} else if (k < 70) {
		g->acc->c9 += 2;
		full_cond(g, &c, 1 + R(3));
		full_cond(g, &d, 1 + R(3));
		gen_line(g, o, "int t%d = %s, u%d = %s;", t, buf_str(&c), t, buf_str(&d));
	} else if (k < 85) {
		g->acc->c9++;
		gen_line(g, o, P(50) ? "static int t%d;" : "static int t%d = 3;", t);
	} else if (k < 92) {
		gen_line(g, o, "extern int sink;");
	} else {
		gen_line(g, o, "enum { E%d_%d = %d };", g->index, t, R(9));
	}
	buf_free(&c);
	buf_free(&d);
}

/* sink = C ? V : W; the arms a level deeper for cognitive, values. */
static void st_ternary(struct gen *g, struct buf *o)
{
	struct buf c = { 0 }, x = { 0 }, y = { 0 };

	g->acc->c2++;
	gen_count_nested(g);
	full_cond(g, &c, 1 + R(3));
	gen_value(g, &x);
	gen_value(g, &y);
	gen_line(g, o, "sink = %s ? %s : %s;", buf_str(&c), buf_str(&x), buf_str(&y));
	buf_free(&c);
	buf_free(&x);
	buf_free(&y);
}

static void st_simple(struct gen *g, struct buf *o)
{
	struct buf c = { 0 };
	struct expr e = { 0 };
	int k = R(100), t;

	if (k < 25) {
		full_cond(g, &c, cond_size(g));
		gen_line(g, o, "sink = %s;", buf_str(&c));
	} else if (k < 45) {
		st_local(g, o);
	} else if (k < 60) {
		gen_warn(g, &e);
		gen_line(g, o, "%s;", buf_str(&e.text));
	} else if (k < 72) {
		st_ternary(g, o);
	} else if (k < 80) {
		t = g->nlocal++;
		g->acc->c9++;
		full_cond(g, &c, 1 + R(3));
		gen_line(g, o, "sink = ({ int t%d = %s; t%d + 1; });", t, buf_str(&c), t);
	} else if (k < 88 || g->acc->c8 >= 4) {
		gen_line(g, o, "g(%d);", R(10));
	} else {
		g->acc->c8++;
		gen_line(g, o, "%s(" GEN_ARGS ");", g->name);
	}
	buf_free(&c);
	expr_free(&e);
}

/* The last statement of a block, at times: break, continue, goto, return. */
static void st_last(struct gen *g, struct buf *o)
{
	struct buf c = { 0 };
	int k = R(100);

	if (k < 25 && (g->in_loop || g->in_switch)) {
		gen_line(g, o, "break;");
	} else if (k < 40 && g->in_loop) {
		gen_line(g, o, "continue;");
	} else if (k < 60) {
		gen_count_flat(g);
		g->used_goto = 1;
		gen_line(g, o, "goto out;");
	} else if (g->is_void) {
		gen_line(g, o, "return;");
	} else {
		full_cond(g, &c, cond_size(g));
		gen_line(g, o, "return %s;", buf_str(&c));
	}
	buf_free(&c);
}

static void gen_stmt(struct gen *g, struct buf *o)
{
	int k = R(100);

	if (g->budget-- <= 0 || g->depth >= 5 || k < 35) {
		st_simple(g, o);
	} else if (k < 55) {
		st_if(g, o);
	} else if (k < 60) {
		st_const_if(g, o);
	} else if (k < 65) {
		st_while(g, o);
	} else if (k < 69) {
		st_do(g, o);
	} else if (k < 76) {
		st_for(g, o);
	} else if (k < 82) {
		st_const_loop(g, o);
	} else if (k < 90) {
		st_switch(g, o);
	} else if (k < 93) {
		st_const_switch(g, o);
	} else if (k < 96) {
		gen_line(g, o, "{");
		flat(g, o);
		gen_line(g, o, "}");
	} else {
		st_simple(g, o);
	}
}

/*
 * @n statements. !@lone_if_ok: the block is a whole else branch, which
 * must not be an if alone (declarations that leave no statement, such as
 * extern int sink;, would not prevent it): a call comes first.
 */
void gen_block(struct gen *g, struct buf *o, int n, int lone_if_ok)
{
	int i;

	if (!lone_if_ok)
		gen_line(g, o, "g(%d);", R(10));
	for (i = 0; i < n; i++)
		gen_stmt(g, o);
	if (P(15))
		st_last(g, o);
}

/* The end of a function: the label of its gotos, its last return. */
void gen_tail(struct gen *g, struct buf *o)
{
	struct buf c = { 0 };

	if (g->used_goto)
		buf_printf(o, "out:\n");
	if (g->is_void) {
		if (g->used_goto)
			gen_line(g, o, "return;");
		return;
	}
	if (P(60)) {
		full_cond(g, &c, cond_size(g));
		gen_line(g, o, "return %s;", buf_str(&c));
	} else {
		gen_line(g, o, "return 0;");
	}
	buf_free(&c);
}
