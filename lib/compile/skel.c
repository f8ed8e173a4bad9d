// SPDX-License-Identifier: GPL-2.0
/*
 * skel.c - the logical skeleton of a stretch of tokens (km_src.h,
 * km_skel_filter): which of its && and || are the stretch's own operators.
 *
 * The plugin reads the && and || of a source range where GCC's folding
 * left a range instead of operators (a merged range or bit test, a
 * condition rebuilt at a '!'). Such a range is an expression as written
 * after preprocessing, and it can hold && and || that are not its
 * operators: READ_ONCE()'s compile-time assertion inside a statement
 * expression, container_of()'s _Static_assert, a call's arguments, the
 * condition of a ?: that the tree keeps (or that folded to a constant:
 * boot_cpu_has()). Those are counted where the walk meets them, or are
 * no code. A stretch's own operators are those reached from its top
 * through grouping parentheses, '!', casts and the condition argument of
 * __builtin_expect only.
 *
 * Plain C: the unit tests link it without GCC.
 */
#include <stdlib.h>
#include <string.h>

#include "km_src.h"

enum skel_group {
	SKEL_OPEN,		/* grouping parentheses: transparent */
	SKEL_SHUT,		/* a call's arguments, brackets, braces, sizeof (...): opaque */
	SKEL_EXPECT,		/* __builtin_expect (: open up to its first ',' */
};

struct skel_level {
	enum skel_group kind;
	int query;		/* a ?: at this level */
};

/* How a '(' at @i opens, by the token before it and the one after. */
static enum skel_group skel_paren(const enum km_tok *t, const enum km_ident *cls, size_t n,
				  size_t i)
{
	if (i + 1 < n && t[i + 1] == KM_TOK_LBRACE)
		return SKEL_SHUT;	/* ({ ... }): statements of their own */
	if (!i || t[i - 1] != KM_TOK_IDENT)
		return SKEL_OPEN;	/* grouping, or a cast's operand after ')' */
	switch (cls[i - 1]) {
	case KM_ID_EXPECT:
		return SKEL_EXPECT;
	case KM_ID_KEYWORD:
		return SKEL_OPEN;
	default:
		return SKEL_SHUT;	/* a call, or an operand never evaluated */
	}
}

/* Whether the ?: levels and groups from the top to @d let an operator count. */
static int skel_counts(const struct skel_level *lv, size_t d)
{
	size_t i;

	for (i = 0; i <= d; i++)
		if (lv[i].kind == SKEL_SHUT || lv[i].query)
			return 0;
	return 1;
}

static int skel_bit(enum km_tok k)
{
	return k == KM_TOK_ZERO || k == KM_TOK_ONE;
}

/*
 * Whether the '?' at @q is c ? 1 : 0 or c ? 0 : 1, which GCC folds into c
 * (or !c): its condition's operators stay code.
 */
static int skel_truth(const enum km_tok *t, size_t n, size_t q)
{
	if (q + 3 >= n || !skel_bit(t[q + 1]) || t[q + 2] != KM_TOK_COLON ||
	    !skel_bit(t[q + 3]) || t[q + 1] == t[q + 3])
		return 0;
	return q + 4 == n || t[q + 4] == KM_TOK_RPAREN || t[q + 4] == KM_TOK_COMMA ||
	       t[q + 4] == KM_TOK_SEMI || t[q + 4] == KM_TOK_RBRACK || t[q + 4] == KM_TOK_RBRACE;
}

/* Whether the token at @i stands where an operand begins (no operand ends before it). */
static int skel_unary(const enum km_tok *t, size_t i)
{
	if (!i)
		return 0;	/* the stretch may begin past the operand */
	switch (t[i - 1]) {
	case KM_TOK_ASSIGN: case KM_TOK_COMMA: case KM_TOK_LPAREN: case KM_TOK_LBRACE:
	case KM_TOK_LBRACK: case KM_TOK_QUERY: case KM_TOK_COLON: case KM_TOK_SEMI:
	case KM_TOK_ANDAND: case KM_TOK_OROR: case KM_TOK_NOT:
		return 1;
	default:
		return 0;
	}
}

/* Whether the groups from the top to @d are all open (the ?: levels aside). */
static int skel_open(const struct skel_level *lv, size_t d)
{
	size_t i;

	for (i = 0; i <= d; i++)
		if (lv[i].kind == SKEL_SHUT)
			return 0;
	return 1;
}

/*
 * Marks, for each level, whether a ?: that is no code stands at it (the
 * '?' and ':' of one ?: pair up at their level): one pass, a stack of
 * openers and one of the pending '?'.
 */
static void skel_queries(const enum km_tok *t, const unsigned char *live, size_t n,
			 unsigned char *query)
{
	size_t *open = (size_t *)malloc((n + 1) * sizeof(*open));
	size_t *q = (size_t *)malloc((n + 1) * sizeof(*q));
	size_t *qd = (size_t *)malloc((n + 1) * sizeof(*qd));
	size_t d = 0, nq = 0, i;

	if (!open || !q || !qd)
		goto out;
	open[0] = n;		/* the top: its mark is query[n] */
	for (i = 0; i < n; i++) {
		switch (t[i]) {
		case KM_TOK_LPAREN: case KM_TOK_LBRACK: case KM_TOK_LBRACE:
			open[++d] = i;
			break;
		case KM_TOK_RPAREN: case KM_TOK_RBRACK: case KM_TOK_RBRACE:
			while (nq && qd[nq - 1] == d)
				query[open[qd[--nq]]] = 1;	/* a '?' without its ':' */
			if (d)
				d--;
			break;
		case KM_TOK_QUERY:
			q[nq] = i;
			qd[nq++] = d;
			break;
		case KM_TOK_COLON:
			if (!nq || qd[nq - 1] != d)
				break;	/* a label's, a bit-field's: not a ?:'s */
			nq--;
			if (!live[i] && !skel_truth(t, n, q[nq]))
				query[open[d]] = 1;
			break;
		default:
			break;
		}
	}
	while (nq)
		query[open[qd[--nq]]] = 1;
out:
	free(open);
	free(q);
	free(qd);
}

void km_skel_filter(const enum km_tok *t, const enum km_ident *cls, const unsigned char *live,
		    size_t n, const struct km_cexpr_env *env, enum km_tok want, unsigned char *keep)
{
	unsigned char *query = (unsigned char *)calloc(n + 1, 1);
	unsigned char *constant = (unsigned char *)malloc(n + 1);
	unsigned char *dead = (unsigned char *)malloc(n + 1);
	struct skel_level *lv = (struct skel_level *)malloc((n + 1) * sizeof(*lv));
	size_t d = 0, i;

	memset(keep, 0, n);
	if (!query || !lv || !constant || !dead)
		goto out;
	km_skel_constants(t, cls, n, env, constant, dead);
	skel_queries(t, live, n, query);
	lv[0].kind = SKEL_OPEN;
	lv[0].query = query[n];
	for (i = 0; i < n; i++) {
		switch (t[i]) {
		case KM_TOK_LPAREN: case KM_TOK_LBRACK: case KM_TOK_LBRACE:
			d++;
			lv[d].kind = t[i] == KM_TOK_LPAREN ? skel_paren(t, cls, n, i) : SKEL_SHUT;
			lv[d].query = query[i];
			break;
		case KM_TOK_RPAREN: case KM_TOK_RBRACK: case KM_TOK_RBRACE:
			if (d)
				d--;	/* else: a group that opened before the stretch */
			break;
		case KM_TOK_COMMA:
			if (lv[d].kind == SKEL_EXPECT)
				lv[d].kind = SKEL_SHUT;	/* the expected value */
			break;
		case KM_TOK_ANDAND: case KM_TOK_OROR:
			if (t[i] == KM_TOK_ANDAND && skel_unary(t, i))
				break;		/* &&label: a label's address (GNU C) */
			if (want == KM_TOK_ANDAND)
				keep[i] = (unsigned char)(skel_counts(lv, d) && !constant[i] &&
							  !dead[i]);
			break;
		case KM_TOK_QUERY:
			if (want == KM_TOK_QUERY)
				keep[i] = (unsigned char)(skel_open(lv, d) && !skel_truth(t, n, i) &&
							  !dead[i]);
			break;
		default:
			break;
		}
	}
out:
	free(query);
	free(constant);
	free(dead);
	free(lv);
}
