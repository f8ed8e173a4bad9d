// SPDX-License-Identifier: GPL-2.0
/*
 * skel_const.c - the && and || of a stretch of tokens whose value is known
 * as written (km_src.h, km_skel_constants).
 *
 * README's reading: an && or || counts when its own value is not
 * constant, and an operand a constant short-circuits is dead code. The
 * walk knows constants from GCC's tree; a census reads text, where the
 * operands of a constant sub-chain are often plain 0 and 1 after the
 * preprocessor: IS_ENABLED(CONFIG_X) and the like expand to them. So an
 * operand that is the literal 0 or 1 (under parentheses and '!', or as
 * __builtin_expect's condition) has that value, and
 *
 *   1 || x, x || 1, 0 && x, x && 0 are constant (x in 1 || x, 0 && x dead);
 *   0 || x and 1 && x are x: constant when x is.
 *
 * An operand that is some other integer constant expression as written
 * (sizeof(long) == 8, !(4 > 2): cexpr.c) has its value too, when the
 * caller can spell the tokens. Anything else is taken as unknown: nothing
 * is marked that the text does not show.
 *
 * Plain C: the unit tests link it without GCC.
 */
#include <stdlib.h>
#include <string.h>

#include "km_cexpr.h"
#include "km_src.h"

struct skel_c {
	const enum km_tok *t;
	const enum km_ident *cls;
	const struct km_cexpr_env *env;	/* spells the tokens, or NULL */
	unsigned char *constant;	/* per && and ||: its value is known */
	unsigned char *dead;		/* per token: a constant skips it */
};

static int skel_or(struct skel_c *c, size_t s, size_t e);

static int skel_open_tok(enum km_tok k)
{
	return k == KM_TOK_LPAREN || k == KM_TOK_LBRACK || k == KM_TOK_LBRACE;
}

static int skel_close_tok(enum km_tok k)
{
	return k == KM_TOK_RPAREN || k == KM_TOK_RBRACK || k == KM_TOK_RBRACE;
}

/* The token after the group that opens at @i (its closing one's index + 1), or @e. */
static size_t skel_past(const struct skel_c *c, size_t i, size_t e)
{
	int depth = 0;

	for (; i < e; i++) {
		if (skel_open_tok(c->t[i]))
			depth++;
		else if (skel_close_tok(c->t[i]) && --depth == 0)
			return i + 1;
	}
	return e;
}

/* Marks the constants of every group inside [@s, @e); its own value is not known. */
static void skel_groups(struct skel_c *c, size_t s, size_t e)
{
	size_t i = s;

	while (i < e) {
		if (c->t[i] == KM_TOK_LPAREN) {
			size_t past = skel_past(c, i, e);

			skel_or(c, i + 1, past > i + 1 ? past - 1 : past);
			i = past;
		} else {
			i++;
		}
	}
}

/* The value of the operand [@s, @e): 0, 1, or -1 when the text does not show it. */
static int skel_value(struct skel_c *c, size_t s, size_t e)
{
	size_t past, from = s;
	long long folded;
	int neg = 0, v;

	while (s < e && c->t[s] == KM_TOK_NOT) {
		neg ^= 1;
		s++;
	}
	if (s + 1 == e && (c->t[s] == KM_TOK_ZERO || c->t[s] == KM_TOK_ONE))
		return (c->t[s] == KM_TOK_ONE) ^ neg;
	if (s < e && c->t[s] == KM_TOK_LPAREN && skel_past(c, s, e) == e) {
		v = skel_or(c, s + 1, e - 1);
		return v < 0 ? v : v ^ neg;
	}
	/* __builtin_expect (x, v): the value of x */
	if (s + 1 < e && c->t[s] == KM_TOK_IDENT && c->cls[s] == KM_ID_EXPECT &&
	    c->t[s + 1] == KM_TOK_LPAREN && skel_past(c, s + 1, e) == e) {
		for (past = s + 2; past < e - 1; past++) {
			if (skel_open_tok(c->t[past]))
				past = skel_past(c, past, e - 1) - 1;
			else if (c->t[past] == KM_TOK_COMMA)
				break;
		}
		v = skel_or(c, s + 2, past);
		return v < 0 ? v : v ^ neg;
	}
	if (c->env && km_cexpr_value(c->env, from, e, &folded))
		return folded != 0;
	skel_groups(c, s, e);
	return -1;
}

static void skel_kill(struct skel_c *c, size_t s, size_t e)
{
	memset(c->dead + s, 1, e - s);
}

typedef int (*skel_operand_fn)(struct skel_c *c, size_t s, size_t e);

/*
 * A chain of one operator @op (&& or ||) over [@s, @e) at one level: the
 * operands between its operators, left to right, each valued by
 * @operand. @absorb is the value that decides the chain (0 for &&, 1 for
 * ||). Its value, or -1.
 */
static int skel_chain(struct skel_c *c, size_t s, size_t e, enum km_tok op, int absorb,
		      skel_operand_fn operand)
{
	size_t i = s, from = s, at = 0;	/* @at: the operator before the operand */
	int cur = -2, v;		/* -2: no operand yet */

	for (;;) {
		if (i < e && skel_open_tok(c->t[i])) {
			i = skel_past(c, i, e);
			continue;
		}
		if (i < e && c->t[i] != op) {
			i++;
			continue;
		}
		/* [from, i) is an operand */
		if (cur == absorb) {		/* absorb op x: x never runs */
			c->constant[at] = 1;
			skel_kill(c, from, i);
		} else {
			v = operand(c, from, i);
			if (cur == -2) {
				cur = v;
			} else if (cur >= 0) {	/* !absorb op x is x */
				c->constant[at] = v >= 0;
				cur = v;
			} else {		/* x op absorb is absorb */
				c->constant[at] = v == absorb;
				cur = v == absorb ? absorb : -1;
			}
		}
		if (i >= e)
			return cur == -2 ? -1 : cur;
		at = i;
		from = ++i;
	}
}

static int skel_and(struct skel_c *c, size_t s, size_t e)
{
	return skel_chain(c, s, e, KM_TOK_ANDAND, 0, skel_value);
}

static int skel_oror(struct skel_c *c, size_t s, size_t e)
{
	return skel_chain(c, s, e, KM_TOK_OROR, 1, skel_and);
}

/*
 * An expression [@s, @e) at one level: its || and && chains. A ?:, a
 * comma or a ';' at this level splits it into expressions of their own.
 * Its value, or -1.
 */
static int skel_or(struct skel_c *c, size_t s, size_t e)
{
	size_t i = s, from = s;
	int parts = 0, v = -1;

	for (;;) {
		if (i < e && skel_open_tok(c->t[i])) {
			i = skel_past(c, i, e);
			continue;
		}
		if (i < e && c->t[i] != KM_TOK_QUERY && c->t[i] != KM_TOK_COLON &&
		    c->t[i] != KM_TOK_COMMA && c->t[i] != KM_TOK_SEMI) {
			i++;
			continue;
		}
		v = skel_oror(c, from, i);
		parts++;
		if (i >= e)
			return parts == 1 ? v : -1;
		from = ++i;
	}
}

void km_skel_constants(const enum km_tok *t, const enum km_ident *cls, size_t n,
		       const struct km_cexpr_env *env, unsigned char *constant, unsigned char *dead)
{
	struct skel_c c;

	c.t = t;
	c.cls = cls;
	c.env = env;
	c.constant = constant;
	c.dead = dead;
	memset(constant, 0, n);
	memset(dead, 0, n);
	skel_or(&c, 0, n);
}

int km_skel_value(const enum km_tok *t, const enum km_ident *cls, size_t n,
		  const struct km_cexpr_env *env)
{
	unsigned char *constant = (unsigned char *)malloc(n + 1);
	unsigned char *dead = (unsigned char *)malloc(n + 1);
	struct skel_c c;
	int v = -1;

	if (constant && dead) {
		c.t = t;
		c.cls = cls;
		c.env = env;
		c.constant = constant;
		c.dead = dead;
		memset(constant, 0, n + 1);
		memset(dead, 0, n + 1);
		v = skel_or(&c, 0, n);
	}
	free(constant);
	free(dead);
	return v;
}
