// SPDX-License-Identifier: GPL-2.0
/*
 * walk_logic.c - every && and || of a body as written (walk.h), whatever
 * GCC's folds made of them.
 *
 * Each operator token counts once, found by its location (logic.c). A
 * TRUTH_*_EXPR whose location is an && or || token is that operator. One
 * whose location is another token was rebuilt by a fold (!(a && b) is
 * a == 0 || b == 0 at the '!'; a ? b : 0 is a && b at the '?', a ?:
 * decision) and one without a location was rebuilt by __builtin_expect's
 * distribution over its operands: their operators are found in their
 * source range and on the truth tests below them, which carry the
 * operator's location. A comparison or bit operation whose operand the
 * fold made (same location, or none) stands for merged conditions (range
 * tests, bit tests, bit-field tests): the && and || of its source range
 * are its operators. Without the source text (a distcc server), each node
 * counts for one operator, as its shape says.
 */
#include "walk.h"

static bool walk_is_test_code(enum tree_code code);

static bool walk_is_truth_code(enum tree_code code)
{
	return code == TRUTH_ANDIF_EXPR || code == TRUTH_AND_EXPR ||
	       code == TRUTH_ORIF_EXPR || code == TRUTH_OR_EXPR;
}

/* One && or || operator counted: a decision, a Halstead operator, cognitive's runs. */
static void walk_count_logic(struct walk *w, unsigned kind, bool macro, location_t loc)
{
	w->n.decisions++;
	walk_trace(w, kind == KIND_LOGAND ? "&&" : "||", loc);
	w->n.macro_decisions += macro;
	walk_operator(w, kind);
	if (kind != w->cog_last)
		walk_cognitive(w, KIND_ELSE);	/* a new sequence of like operators: +1 */
	w->cog_last = kind;
}

static unsigned walk_logic_kind(enum km_tok tok)
{
	return tok == KM_TOK_ANDAND ? KIND_LOGAND : KIND_LOGOR;
}

/* The operator token @key, found live: counted the first time. */
static void walk_claim(struct walk *w, uint64_t key, enum km_tok tok, bool macro, location_t loc)
{
	if (km_logic_claim(w->lg, key))
		walk_count_logic(w, walk_logic_kind(tok), macro, loc);
}

/* What a census found: counted the first time (traced at its line). */
static void walk_claim_tok(struct walk *w, const km_logic_tok *t)
{
	w->trace_line = t->line;
	walk_claim(w, t->key, t->kind, t->macro, UNKNOWN_LOCATION);
	w->trace_line = 0;
}

/* The operator written at @loc when the token there is one: true if so. */
bool walk_claim_at(struct walk *w, location_t loc)
{
	enum km_tok tok;

	if (loc == UNKNOWN_LOCATION)
		return false;
	tok = km_logic_token(w->lg, loc);
	if (tok != KM_TOK_ANDAND && tok != KM_TOK_OROR)
		return false;
	walk_claim(w, km_logic_key(loc), tok, km_logic_from_macro(loc), loc);
	return true;
}

/* Claims what a census found: how many, or -1 when it could not read. */
static long walk_claim_found(struct walk *w, bool read)
{
	unsigned i;

	if (!read)
		return -1;
	for (i = 0; i < w->found.length(); i++)
		walk_claim_tok(w, &w->found[i]);
	return w->found.length();
}

/*
 * The condition ( ... ) of the if or while @t, read as written, for what
 * the walk has not claimed of it. With @truth 0 or 1, GCC folded it to that
 * constant: no decision, but an && or || in it whose own value is not
 * constant counts (docs/measuring.md): A's in if ((A && B) && 0), A's and
 * B's side-effect free operands GCC dropped with the condition. With
 * @truth -1, it held likely() or unlikely() of an && or || whose other
 * operand is constant (likely (0 || unlikely (x)), (1 && unlikely (x)) ||
 * 0): GCC drops the operator with the hint it merged, and no location is
 * left of either.
 */
void walk_paren_condition(struct walk *w, tree t, int truth)
{
	location_t loc = EXPR_LOCATION(t);

	if (loc == UNKNOWN_LOCATION || km_logic_token(w->lg, loc) != KM_TOK_LPAREN)
		return;		/* an if's location is its condition's '(' */
	walk_claim_found(w, km_logic_census_cond(w->lg, loc, truth, &w->found));
}

/*
 * The same for the ?: at @loc (its '?', or its ':' when a statement)
 * whose condition is @cond: from where its range starts to its '?'.
 */
void walk_expect_range(struct walk *w, location_t loc, tree cond)
{
	source_range r = get_range_from_loc(line_table, loc);
	location_t query = loc;

	if (km_logic_token(w->lg, loc) != KM_TOK_QUERY)
		query = EXPR_LOCATION(cond);	/* a hint's truth test sits at the '?' */
	if (query == UNKNOWN_LOCATION || km_logic_token(w->lg, query) != KM_TOK_QUERY ||
	    km_logic_order(r.m_start, query) >= 0)
		return;
	walk_claim_found(w, km_logic_census_condition(w->lg, r.m_start, query, &w->found));
}

/*
 * A test at the ':' of c ? 1 : 0 is what GCC made of the whole ?: (c != 0)
 * and of an && or || in c with a constant operand ((x || 0) ? 1 : 0 is
 * x != 0): those of c the walk has not claimed, read as written.
 */
void walk_truth_ternary(struct walk *w, location_t loc)
{
	if (km_logic_token(w->lg, loc) != KM_TOK_COLON || !km_logic_truth_colon(w->lg, loc))
		return;
	walk_claim_found(w, km_logic_census_condition(w->lg,
			get_range_from_loc(line_table, loc).m_start, loc, &w->found));
}

/* The && and || of @loc's source range: how many, or -1 when unreadable. */
static long walk_census(struct walk *w, location_t loc)
{
	source_range r;

	if (loc == UNKNOWN_LOCATION)
		return -1;
	r = get_range_from_loc(line_table, loc);
	return walk_claim_found(w, km_logic_census(w->lg, r.m_start, r.m_finish, &w->found));
}

/*
 * The operators like @tok (&& or ||) of @loc's source range: those a
 * merged range test at one of them stands for, and the others written in
 * the function's text ((IS_ENABLED(X) && x) || 0 is x != 0 at the '||');
 * not the others of a macro's definition, a constant chain the text does
 * not show as one (___wait_is_interruptible (s) && x).
 */
static void walk_census_like(struct walk *w, location_t loc, enum km_tok tok)
{
	source_range r = get_range_from_loc(line_table, loc);
	unsigned i;

	if (!km_logic_census(w->lg, r.m_start, r.m_finish, &w->found))
		return;
	for (i = 0; i < w->found.length(); i++)
		if (w->found[i].kind == tok || !w->found[i].macro)
			walk_claim_tok(w, &w->found[i]);
}

/*
 * The call to __builtin_expect that a rebuilt operand of @t is (the
 * kernel's likely and unlikely distributed over && and ||: each operand
 * becomes __builtin_expect (op, v) != 0 with the call's location), or
 * NULL.
 */
static tree walk_expect_call(tree t)
{
	tree fn;

	/* != 0, or == 0 when a '!' inverted it */
	while (t && (TREE_CODE(t) == NE_EXPR || TREE_CODE(t) == EQ_EXPR || CONVERT_EXPR_P(t)))
		t = TREE_OPERAND(t, 0);
	if (!t)
		return NULL_TREE;
	/* distributed a level deeper: its build2 gives no location (a written one is no such) */
	if (walk_is_truth_code(TREE_CODE(t)) && EXPR_LOCATION(t) == UNKNOWN_LOCATION) {
		tree call = walk_expect_call(TREE_OPERAND(t, 0));

		return call ? call : walk_expect_call(TREE_OPERAND(t, 1));
	}
	if (TREE_CODE(t) != CALL_EXPR || call_expr_nargs(t) < 2 ||
	    EXPR_LOCATION(t) == UNKNOWN_LOCATION)
		return NULL_TREE;
	fn = get_callee_fndecl(t);
	return fn && fndecl_built_in_p(fn, BUILT_IN_EXPECT) ? t : NULL_TREE;
}

static long walk_add_found(long n, long got)
{
	return got < 0 ? n : (n > 0 ? n : 0) + got;
}

/*
 * A && or || that left no location (__builtin_expect distributed over
 * it): its operator was written between its operands, and inside the
 * __builtin_expect call that the operands are what remains of. Both are
 * read. -1 when nothing could be.
 */
static long walk_census_rebuilt(struct walk *w, tree t)
{
	location_t first = km_logic_first_location(TREE_OPERAND(t, 0), EXPR_LOCATION(t));
	location_t last = km_logic_first_location(TREE_OPERAND(t, 1), EXPR_LOCATION(t));
	long n = -1;
	int i;

	for (i = 0; i < 2; i++) {
		tree call = walk_expect_call(TREE_OPERAND(t, i));

		if (call)
			n = walk_add_found(n, walk_claim_found(w, km_logic_census_call(w->lg,
						EXPR_LOCATION(call), &w->found)));
	}
	if (first != UNKNOWN_LOCATION && last != UNKNOWN_LOCATION && first != last) {
		first = get_range_from_loc(line_table, first).m_start;
		last = get_range_from_loc(line_table, last).m_finish;
		n = walk_add_found(n, walk_claim_found(w, km_logic_census(w->lg, first, last,
									   &w->found)));
	}
	return n;
}

/*
 * The truth tests below a rebuilt && or || that carry an operator's
 * location (the fold built them there); other && and || below are
 * counted when the walk reaches them.
 */
static long walk_claim_moved(struct walk *w, tree t, location_t skip)
{
	long n = 0;
	int i;

	if (!t || !EXPR_P(t) || walk_is_truth_code(TREE_CODE(t)) ||
	    (walk_is_test_code(TREE_CODE(t)) && walk_merged_shape(t)))
		return 0;	/* counted where the walk reaches them */
	/* not where the fold put the node itself */
	if (get_pure_location(EXPR_LOCATION(t)) != get_pure_location(skip))
		n += walk_claim_at(w, EXPR_LOCATION(t));
	for (i = 0; i < TREE_OPERAND_LENGTH(t); i++)
		n += walk_claim_moved(w, TREE_OPERAND(t, i), skip);
	return n;
}

/*
 * A ?: the front end folded into something else, at its ':' (claimed by
 * the caller: a ?: still there at that ':' holds instead an && or || a
 * fold inverted, c ? x : y being !c ? y : x); not one on a constant, which
 * left its live arm there.
 */
static void walk_folded_ternary(struct walk *w, location_t loc)
{
	/* one whose condition is constant as written was folded for that: no decision */
	if (km_logic_condition_value(w->lg, get_range_from_loc(line_table, loc).m_start, loc) >= 0)
		return;
	walk_operator(w, KIND_TERNARY);
	walk_decision(w, loc, KIND_TERNARY);
}

/*
 * Whether a fold reassociated @t with an operand: it moves the operator's
 * location onto the new inner node, and the operand's own is lost
 * (((a || b) || c) || d becomes (a || b) || (c || d) at the last '||').
 */
static tree walk_reassociated(tree t, int *which)
{
	location_t loc = get_pure_location(EXPR_LOCATION(t));
	int i;

	for (i = 0; i < 2; i++) {
		tree op = TREE_OPERAND(t, i);

		while (op && (CONVERT_EXPR_P(op) || TREE_CODE(op) == NE_EXPR))
			op = TREE_OPERAND(op, 0);
		if (op && walk_is_truth_code(TREE_CODE(op)) &&
		    get_pure_location(EXPR_LOCATION(op)) == loc) {
			*which = i;
			return op;
		}
	}
	return NULL_TREE;
}

/*
 * The operator a reassociation lost: ((a || b) || c) became a || (b || c),
 * the first '||' between a and b; (a && (b && c)) became ((a && b) && c),
 * the second '&&' between b and c. Read between those operands.
 */
static void walk_census_reassociated(struct walk *w, tree t)
{
	location_t loc = EXPR_LOCATION(t), before, after;
	tree inner;
	int which = 0;

	inner = walk_reassociated(t, &which);
	if (!inner)
		return;
	before = km_logic_first_location(which ? TREE_OPERAND(t, 0) : TREE_OPERAND(inner, 1), loc);
	after = km_logic_first_location(which ? TREE_OPERAND(inner, 0) : TREE_OPERAND(t, 1), loc);
	if (before == UNKNOWN_LOCATION || after == UNKNOWN_LOCATION)
		return;
	walk_claim_found(w, km_logic_census_from(w->lg,
						 get_range_from_loc(line_table, before).m_finish, true,
						 get_range_from_loc(line_table, after).m_start, true,
						 &w->found));
}

/*
 * Whether the operator token at @loc is not @t's own: it comes before
 * @t's left operand (inverting !(a || unlikely(b || c)) puts both rebuilt
 * nodes at the first '||'), or both operands are what remains of one
 * __builtin_expect call, which held the operator.
 */
static bool walk_precedes_operand(tree t, location_t loc)
{
	location_t first = km_logic_first_location(TREE_OPERAND(t, 0), loc);
	tree c0 = walk_expect_call(TREE_OPERAND(t, 0)), c1 = walk_expect_call(TREE_OPERAND(t, 1));

	/* both operands out of one __builtin_expect: its operator is in there */
	if (c0 && c1 && EXPR_LOCATION(c0) == EXPR_LOCATION(c1))
		return true;
	return first != UNKNOWN_LOCATION &&
	       km_logic_order(loc, get_range_from_loc(line_table, first).m_start) < 0;
}

/*
 * A && or || a fold rebuilt away from its operator: the operator's
 * location went onto a truth test below, or stays in what the node
 * replaced: a __builtin_expect call, the source between its operands,
 * its own range (all read: what they find is counted once each). With no
 * trace at all it still counts once.
 */
static void walk_rebuilt_logic(struct walk *w, tree t, unsigned kind)
{
	location_t loc = EXPR_LOCATION(t);
	long moved, found = -1;

	/* a test below may carry an operator the fold moved, not this one's */
	moved = walk_claim_moved(w, TREE_OPERAND(t, 0), loc) +
		walk_claim_moved(w, TREE_OPERAND(t, 1), loc);
	found = walk_census_rebuilt(w, t);
	if (loc != UNKNOWN_LOCATION)
		found = walk_add_found(found, walk_census(w, loc));
	/* a ?: it was made of: (c ? x : 0) == 0 is c == 0 || x == 0 */
	if (!found && !moved && loc != UNKNOWN_LOCATION && walk_queries_in(w, loc) > 0)
		return;
	if (found < 0 && !moved)
		walk_count_logic(w, kind, false, EXPR_LOCATION(t));	/* left no trace at all */
}

/*
 * The text between a written && or || at @loc and its operand @op, read
 * when the fold that built @op left its range short of the operator:
 * (a || x > 3) && x <= 3 is a && x <= 3 (the opposite arm merged), and
 * the lost '||' lies between a and the '&&'.
 */
static void walk_census_gap(struct walk *w, tree op, location_t loc, bool left)
{
	location_t at = km_logic_first_location(op, loc);
	source_range r;

	if (at == UNKNOWN_LOCATION)
		return;
	r = get_range_from_loc(line_table, at);
	if (left)
		walk_claim_found(w, km_logic_census_from(w->lg, r.m_finish, true, loc, true,
							 &w->found));
	else
		walk_claim_found(w, km_logic_census_from(w->lg, loc, true, r.m_start, true,
							 &w->found));
}

/*
 * The text of a written && or || at @loc outside its operands, before the
 * left one (@left) or after the right one: what a fold dropped there. 0 ||
 * x, 1 && x, x && 1 return x itself, whose range is x's, and the operator
 * between the constant and x is gone (IS_ENABLED(CONFIG_X) || !tdp_enabled
 * || f()). The node's own range still starts and ends as written.
 */
static void walk_census_outer(struct walk *w, tree t, location_t loc, bool left)
{
	source_range rt = get_range_from_loc(line_table, loc), ro;
	location_t at = km_logic_first_location(TREE_OPERAND(t, left ? 0 : 1), loc);

	if (at == UNKNOWN_LOCATION || rt.m_start == rt.m_finish)
		return;
	ro = get_range_from_loc(line_table, at);
	if (left && km_logic_order(rt.m_start, ro.m_start) < 0)
		walk_claim_found(w, km_logic_census_from(w->lg, rt.m_start, false, ro.m_start, true,
							 &w->found));
	else if (!left && km_logic_order(ro.m_finish, rt.m_finish) < 0)
		walk_claim_found(w, km_logic_census_from(w->lg, ro.m_finish, true, rt.m_finish, true,
							 &w->found));
}

/*
 * Whether the left operand @op of an && or || of @kind decides it with a
 * constant that GCC did not fold, having side effects first: (s, 1) || x
 * from !(TC(v) && 0) || x, with TC() a statement expression of value 1.
 * The operator's value is constant (no decision) and x is dead code. Only
 * what a fold of && , || or ! made (at such a token): (s, 1) from an
 * unsigned u >= 0 (at the '>=') is a tautology GCC knows, not a constant
 * (README), and its || counts.
 */
static bool walk_absorbs(struct walk *w, tree op, unsigned kind)
{
	location_t loc = EXPR_LOCATION(op);
	enum km_tok tok;

	if (TREE_CODE(op) != COMPOUND_EXPR || loc == UNKNOWN_LOCATION)
		return false;
	tok = km_logic_token(w->lg, loc);
	if (tok != KM_TOK_NOT && tok != KM_TOK_ANDAND && tok != KM_TOK_OROR)
		return false;
	while (TREE_CODE(op) == COMPOUND_EXPR || CONVERT_EXPR_P(op) ||
	       TREE_CODE(op) == NON_LVALUE_EXPR)
		op = TREE_OPERAND(op, TREE_CODE(op) == COMPOUND_EXPR ? 1 : 0);
	if (TREE_CODE(op) != INTEGER_CST)
		return false;
	return kind == KIND_LOGOR ? !integer_zerop(op) : integer_zerop(op);
}

/*
 * A && or || node. At its own operator's location it is that operator;
 * when a fold reassociated it with an operand, the operator it lost is
 * read between the operands it stood between.
 * One rebuilt elsewhere (!(a && b) at the '!') finds its operator on the
 * truth tests below it, or in its range; one without a location was
 * rebuilt by __builtin_expect and finds it in that call. Such ranges are
 * read at their own level only: a macro expanded in them may hold what
 * folded to a constant (the kernel's boot_cpu_has() expands to a long
 * constant chain of && and ||).
 */
void walk_logic(struct walk *w, tree t, int depth, unsigned kind)
{
	location_t loc = EXPR_LOCATION(t);
	enum km_tok tok;

	if (TREE_CODE(t) != COND_EXPR && walk_const(w, t)) {
		walk_operand_const(w, walk_const(w, t));	/* no decision: a value */
		return;
	}
	if (TREE_CODE(t) != COND_EXPR && walk_absorbs(w, TREE_OPERAND(t, 0), kind)) {
		walk_expr(w, TREE_OPERAND(t, 0), depth);	/* the right one is dead */
		return;
	}
	tok = loc == UNKNOWN_LOCATION ? KM_TOK_NONE : km_logic_token(w->lg, loc);

	if ((tok == KM_TOK_ANDAND || tok == KM_TOK_OROR) && walk_precedes_operand(t, loc))
		tok = KM_TOK_OTHER;	/* another operator's token: rebuilt */
	/* in source order: the left operand, the operator, the right operand */
	if (tok == KM_TOK_ANDAND || tok == KM_TOK_OROR)
		walk_census_outer(w, t, loc, true);
	walk_expr(w, TREE_OPERAND(t, 0), depth);
	if (tok == KM_TOK_ANDAND || tok == KM_TOK_OROR) {
		walk_census_gap(w, TREE_OPERAND(t, 0), loc, true);
		walk_claim(w, km_logic_key(loc), tok, km_logic_from_macro(loc), loc);
		walk_census_gap(w, TREE_OPERAND(t, 1), loc, false);
		walk_census_reassociated(w, t);
	} else if ((tok == KM_TOK_QUERY || tok == KM_TOK_COLON) &&
		   !km_logic_truth_colon(w->lg, loc) && km_logic_claim(w->lg, km_logic_key(loc))) {
		walk_folded_ternary(w, loc);	/* a ?: folded into && or || */
	} else if (tok == KM_TOK_UNREADABLE) {
		walk_count_logic(w, kind, false, loc);	/* no source: as its code says */
	} else {
		walk_rebuilt_logic(w, t, kind);
	}
	walk_expr(w, TREE_OPERAND(t, 1), depth);
	if (tok == KM_TOK_ANDAND || tok == KM_TOK_OROR)
		walk_census_outer(w, t, loc, false);
	if (TREE_CODE(t) == COND_EXPR)
		walk_expr(w, TREE_OPERAND(t, 2), depth);
}

static bool walk_is_fold_code(enum tree_code code)
{
	switch (code) {
	case BIT_AND_EXPR: case BIT_IOR_EXPR: case BIT_XOR_EXPR:
	case PLUS_EXPR: case MINUS_EXPR:
	case NE_EXPR: case EQ_EXPR: case LT_EXPR: case LE_EXPR:
	case GT_EXPR: case GE_EXPR:
	case NOP_EXPR: case CONVERT_EXPR:
		return true;
	default:
		return false;
	}
}

static bool walk_is_test_code(enum tree_code code)
{
	switch (code) {
	case BIT_AND_EXPR: case BIT_IOR_EXPR: case BIT_XOR_EXPR:
	case NE_EXPR: case EQ_EXPR: case LT_EXPR: case LE_EXPR:
	case GT_EXPR: case GE_EXPR:
		return true;
	default:
		return false;
	}
}

/*
 * A test a fold made of several: the fold builds the new test's operands
 * at the location of the operator it replaced, or at none, while an
 * operation as written never shares its operator's location with an
 * operand. 1 when a bitwise and is part of it (merged &&), 2 otherwise.
 */
int walk_merged_shape(tree t)
{
	location_t loc = get_pure_location(EXPR_LOCATION(t));
	bool shared = false, has_and = TREE_CODE(t) == BIT_AND_EXPR;
	int i;

	for (i = 0; i < TREE_OPERAND_LENGTH(t); i++) {
		tree op = TREE_OPERAND(t, i);

		if (!op || !EXPR_P(op) || !walk_is_fold_code(TREE_CODE(op)))
			continue;
		if (get_pure_location(EXPR_LOCATION(op)) == loc ||
		    EXPR_LOCATION(op) == UNKNOWN_LOCATION)
			shared = true;
		if (TREE_CODE(op) == BIT_AND_EXPR)
			has_and = true;
	}
	if (!shared)
		return 0;
	return has_and ? 1 : 2;
}

/*
 * A test standing for && or ||: merged from several (its range holds
 * their operators), or left where one operand of an && or || folded to a
 * constant (1 && x == y is x == y at the '&&'; an enum's mode < 0 || mode
 * >= N is mode > N - 1 at the '||'), or two comparisons combined and then
 * inverted at a '!' (its range holds the operator). True when it stands
 * for merged operators (and is no operator of its own).
 */
bool walk_merged(struct walk *w, tree t, bool *claim_after)
{
	location_t loc = EXPR_LOCATION(t);
	int shape;
	long found;

	*claim_after = false;
	/* a header's function: edges only, whatever its tests stand for */
	if (w->edges_only || !walk_is_test_code(TREE_CODE(t)) || loc == UNKNOWN_LOCATION)
		return false;
	shape = walk_merged_shape(t);
	if (!shape) {
		enum km_tok tok = km_logic_token(w->lg, loc);

		/*
		 * at an && or ||: what a fold left of 1 && x == y, or of x != 0 &&
		 * x != 1 && x != 2 (x > 2 at the last '&&', the others in its range);
		 * in source order: before its operand, or after
		 */
		if (tok == KM_TOK_ANDAND || tok == KM_TOK_OROR) {
			walk_census_like(w, loc, tok);
			if (!(*claim_after = walk_operator_follows(t, loc)))
				walk_claim(w, km_logic_key(loc), tok, km_logic_from_macro(loc), loc);
		} else if (tok == KM_TOK_NOT) {	/* !!(x < y || x == y) is x <= y at the '!' */
			walk_census(w, loc);
		} else {
			walk_truth_ternary(w, loc);
		}
		return false;		/* the test itself is an operator too */
	}
	found = walk_census(w, loc);
	if (found >= 0)
		return found > 0;
	/* no source: one operator, once per location, as its shape says */
	if (km_logic_claim(w->lg, km_logic_key(loc)))
		walk_count_logic(w, shape == 1 ? KIND_LOGAND : KIND_LOGOR, false, loc);
	return true;
}

bool walk_operator_follows(tree t, location_t loc)
{
	location_t first = km_logic_first_location(TREE_OPERAND(t, 0), loc);

	return first != UNKNOWN_LOCATION &&
	       km_logic_order(get_range_from_loc(line_table, first).m_start, loc) < 0;
}
