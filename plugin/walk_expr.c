// SPDX-License-Identifier: GPL-2.0
/*
 * walk_expr.c - the expression half of the body walk (walk.h): Halstead's
 * operators and operands, calls and address references (the edges), ?:
 * and its folded forms, and every && and || as written.
 *
 * && and ||: each operator token counts once, found by its location
 * (logic.c). A TRUTH_*_EXPR whose location is an && or || token is that
 * operator. One whose location is another token was rebuilt by a fold
 * (!(a && b) is a == 0 || b == 0 at the '!'; a ? b : 0 is a && b at the
 * '?', a ?: decision) and one without a location was rebuilt by
 * __builtin_expect's distribution over its operands: their operators are
 * found in their source range and on the truth tests below them, which
 * carry the operator's location. A comparison or bit operation whose
 * operand the fold made (same location, or none) stands for merged
 * conditions (range tests, bit tests, bit-field tests): the && and || of
 * its source range are its operators. Without the source text (a distcc
 * server), each node counts for one operator, as its shape says.
 */
#include "walk.h"

void walk_operator(struct walk *w, unsigned kind)
{
	if (!w->edges_only)
		km_halstead_operator(&w->hal, kind);
}

static void walk_operand_decl(struct walk *w, tree decl)
{
	if (!w->edges_only)
		km_halstead_operand(&w->hal, (uint64_t)(uintptr_t)decl);
}

void walk_operand_const(struct walk *w, tree t)
{
	uint64_t key;

	if (w->edges_only)
		return;
	switch (TREE_CODE(t)) {
	case INTEGER_CST: {
		HOST_WIDE_INT elts[WIDE_INT_MAX_ELTS];
		int i, n = TREE_INT_CST_NUNITS(t);

		for (i = 0; i < n && i < WIDE_INT_MAX_ELTS; i++)
			elts[i] = TREE_INT_CST_ELT(t, i);
		key = km_hash_bytes(1, elts, sizeof(elts[0]) * i);
		break;
	}
	case REAL_CST: {
		char buf[64];

		real_to_decimal(buf, TREE_REAL_CST_PTR(t), sizeof(buf), 0, 1);
		key = km_hash_bytes(2, buf, strlen(buf));
		break;
	}
	case STRING_CST:
		key = km_hash_bytes(3, TREE_STRING_POINTER(t), TREE_STRING_LENGTH(t));
		break;
	default:
		key = km_hash_bytes(4, &t, sizeof(t));	/* vector, complex: by identity */
		break;
	}
	km_halstead_operand(&w->hal, key);
}

/* ---- decisions and cognitive increments ---- */

void walk_cognitive(struct walk *w, unsigned kind)
{
	w->cognitive += 1 + (kind == KIND_ELSE ? 0 : w->cog_nest);
}

void walk_decision(struct walk *w, location_t loc, unsigned cog_kind)
{
	w->decisions++;
	if (loc != UNKNOWN_LOCATION && km_logic_reads_text(w->lg) && km_logic_from_macro(loc))
		w->macro_decisions++;
	if (cog_kind)
		walk_cognitive(w, cog_kind);
}

/* ---- edges ---- */

static void walk_add_edge(struct walk *w, tree callee, char kind)
{
	struct km_fn *fn = w->fn;
	size_t i;

	if (callee == w->fndecl)
		return;
	/* Implicitly declared builtins (__builtin_expect, ...) are no functions. */
	if (DECL_IS_UNDECLARED_BUILTIN(callee) || !DECL_NAME(callee))
		return;
	for (i = 0; i < fn->nedges; i++)
		if (fn->edges[i].callee == callee && fn->edges[i].kind == kind)
			return;
	if (fn->nedges == fn->edges_cap) {
		size_t ncap = fn->edges_cap ? fn->edges_cap * 2 : 8;
		fn->edges = XRESIZEVEC(struct km_edge, fn->edges, ncap);
		fn->edges_cap = ncap;
	}
	fn->edges[fn->nedges].callee = callee;
	fn->edges[fn->nedges].name = IDENTIFIER_POINTER(DECL_NAME(callee));
	fn->edges[fn->nedges].kind = kind;
	fn->edges[fn->nedges].linkage = TREE_PUBLIC(callee) ? 'G' : 'S';
	fn->nedges++;
}

static tree walk_direct_callee(tree fn)
{
	while (fn && (CONVERT_EXPR_P(fn) || TREE_CODE(fn) == NON_LVALUE_EXPR))
		fn = TREE_OPERAND(fn, 0);
	if (fn && TREE_CODE(fn) == ADDR_EXPR &&
	    TREE_CODE(TREE_OPERAND(fn, 0)) == FUNCTION_DECL)
		return TREE_OPERAND(fn, 0);
	return NULL_TREE;
}

static bool walk_is_expect(tree t)
{
	tree fn;

	if (!t || TREE_CODE(t) != CALL_EXPR || call_expr_nargs(t) < 1)
		return false;
	fn = get_callee_fndecl(t);
	return fn && fndecl_built_in_p(fn, BUILT_IN_EXPECT);
}

static void walk_call(struct walk *w, tree t, int depth)
{
	tree callee = walk_direct_callee(CALL_EXPR_FN(t));
	int i;

	if (walk_is_expect(t)) {
		/*
		 * likely (x), unlikely (x): a hint, not an operation; GCC copies
		 * it onto each operand of an && or || at some -O levels only
		 * (its conversion to long with it)
		 */
		tree arg = CALL_EXPR_ARG(t, 0);

		/* (a sanitizer's check can come first: x % 3 in unlikely (x % 3 == 0)) */
		while (CONVERT_EXPR_P(arg) || (TREE_CODE(arg) == COMPOUND_EXPR &&
					       walk_is_sanitizer_check(TREE_OPERAND(arg, 0))))
			arg = TREE_OPERAND(arg, CONVERT_EXPR_P(arg) ? 0 : 1);
		walk_expr(w, arg, depth);
		return;
	}
	walk_operator(w, CALL_EXPR);
	if (callee) {
		walk_operand_decl(w, callee);
		if (callee == w->fndecl)
			w->self_calls++;
		else
			walk_add_edge(w, callee, 'c');
	} else {
		walk_expr(w, CALL_EXPR_FN(t), depth);
	}
	for (i = 0; i < call_expr_nargs(t); i++)
		walk_expr(w, CALL_EXPR_ARG(t, i), depth);
}

void walk_decl_ref(struct walk *w, tree t)
{
	switch (TREE_CODE(t)) {
	case VAR_DECL:
	case PARM_DECL:
		if (!DECL_ARTIFICIAL(t))
			walk_operand_decl(w, t);
		break;
	case FUNCTION_DECL:
		/* A function named outside a call: its address is taken. */
		walk_operand_decl(w, t);
		walk_add_edge(w, t, 'a');
		break;
	case FIELD_DECL:
	case CONST_DECL:
		walk_operand_decl(w, t);
		break;
	default:			/* RESULT_DECL, LABEL_DECL, types: none */
		break;
	}
}

/* ---- && and || ---- */

static bool walk_is_test_code(enum tree_code code);
static int walk_merged_shape(tree t);

static bool walk_is_truth_code(enum tree_code code)
{
	return code == TRUTH_ANDIF_EXPR || code == TRUTH_AND_EXPR ||
	       code == TRUTH_ORIF_EXPR || code == TRUTH_OR_EXPR;
}

/* One && or || operator counted: a decision, a Halstead operator, cognitive's runs. */
static void walk_count_logic(struct walk *w, unsigned kind, bool macro)
{
	w->decisions++;
	w->macro_decisions += macro;
	walk_operator(w, kind);
	if (kind != w->cog_last)
		w->cognitive++;		/* a new sequence of like operators */
	w->cog_last = kind;
}

static unsigned walk_logic_kind(enum km_tok tok)
{
	return tok == KM_TOK_ANDAND ? KIND_LOGAND : KIND_LOGOR;
}

/* The operator token @key, found live: counted the first time. */
static void walk_claim(struct walk *w, uint64_t key, enum km_tok tok, bool macro)
{
	if (km_logic_claim(w->lg, key))
		walk_count_logic(w, walk_logic_kind(tok), macro);
}

/* The operator written at @loc when the token there is one: true if so. */
static bool walk_claim_at(struct walk *w, location_t loc)
{
	enum km_tok tok;

	if (loc == UNKNOWN_LOCATION)
		return false;
	tok = km_logic_token(w->lg, loc);
	if (tok != KM_TOK_ANDAND && tok != KM_TOK_OROR)
		return false;
	walk_claim(w, km_logic_key(loc), tok, km_logic_from_macro(loc));
	return true;
}

/* Claims what a census found: how many, or -1 when it could not read. */
static long walk_claim_found(struct walk *w, bool read)
{
	unsigned i;

	if (!read)
		return -1;
	for (i = 0; i < w->found.length(); i++)
		walk_claim(w, w->found[i].key, w->found[i].kind, w->found[i].macro);
	return w->found.length();
}

/*
 * The && and || of @loc's source range: how many, or -1 when unreadable.
 * @descend: also those of the macros expanded in it.
 */
static long walk_census(struct walk *w, location_t loc, bool descend)
{
	source_range r;

	if (loc == UNKNOWN_LOCATION)
		return -1;
	r = get_range_from_loc(line_table, loc);
	return walk_claim_found(w, km_logic_census(w->lg, r.m_start, r.m_finish, descend,
						   &w->found));
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
	if (walk_is_truth_code(TREE_CODE(t))) {	/* distributed a level deeper */
		tree call = walk_expect_call(TREE_OPERAND(t, 0));

		return call ? call : walk_expect_call(TREE_OPERAND(t, 1));
	}
	if (TREE_CODE(t) != CALL_EXPR || call_expr_nargs(t) < 2 ||
	    EXPR_LOCATION(t) == UNKNOWN_LOCATION)
		return NULL_TREE;
	fn = get_callee_fndecl(t);
	return fn && fndecl_built_in_p(fn, BUILT_IN_EXPECT) ? t : NULL_TREE;
}

/*
 * The first location in @t's subtree, top down, other than @skip (where
 * the fold put what it rebuilt).
 */
static location_t walk_first_location(tree t, location_t skip)
{
	int i;

	if (!t || !EXPR_P(t))
		return UNKNOWN_LOCATION;
	if (EXPR_LOCATION(t) != UNKNOWN_LOCATION &&
	    get_pure_location(EXPR_LOCATION(t)) != get_pure_location(skip))
		return EXPR_LOCATION(t);
	for (i = 0; i < TREE_OPERAND_LENGTH(t); i++) {
		location_t loc = walk_first_location(TREE_OPERAND(t, i), skip);

		if (loc != UNKNOWN_LOCATION)
			return loc;
	}
	return UNKNOWN_LOCATION;
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
	location_t first = walk_first_location(TREE_OPERAND(t, 0), EXPR_LOCATION(t));
	location_t last = walk_first_location(TREE_OPERAND(t, 1), EXPR_LOCATION(t));
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
									   false, &w->found)));
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
 * fold inverted, c ? x : y being !c ? y : x).
 */
static void walk_folded_ternary(struct walk *w, location_t loc)
{
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
	before = walk_first_location(which ? TREE_OPERAND(t, 0) : TREE_OPERAND(inner, 1), loc);
	after = walk_first_location(which ? TREE_OPERAND(inner, 0) : TREE_OPERAND(t, 1), loc);
	if (before == UNKNOWN_LOCATION || after == UNKNOWN_LOCATION)
		return;
	walk_claim_found(w, km_logic_census_from(w->lg,
						 get_range_from_loc(line_table, before).m_finish, true,
						 get_range_from_loc(line_table, after).m_start, false,
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
	location_t first = walk_first_location(TREE_OPERAND(t, 0), loc);
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
		found = walk_add_found(found, walk_census(w, loc, false));
	if (found < 0 && !moved)
		walk_count_logic(w, kind, false);	/* left no trace at all */
}

/*
 * The text between a written && or || at @loc and its operand @op, read
 * when the fold that built @op left its range short of the operator:
 * (a || x > 3) && x <= 3 is a && x <= 3 (the opposite arm merged), and
 * the lost '||' lies between a and the '&&'. Both ends in the file's own
 * text (not in a macro's expansion).
 */
static void walk_census_gap(struct walk *w, tree op, location_t loc, bool left)
{
	location_t at = walk_first_location(op, loc);
	source_range r;

	if (at == UNKNOWN_LOCATION)
		return;
	r = get_range_from_loc(line_table, at);
	/* plain text only: a token of a macro's argument has another key there */
	if (linemap_location_from_macro_expansion_p(line_table, left ? r.m_finish : r.m_start) ||
	    linemap_location_from_macro_expansion_p(line_table, loc))
		return;
	if (left)
		walk_claim_found(w, km_logic_census_from(w->lg, r.m_finish, true, loc, false,
							 &w->found));
	else
		walk_claim_found(w, km_logic_census_from(w->lg, loc, true, r.m_start, false,
							 &w->found));
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
static void walk_logic(struct walk *w, tree t, int depth, unsigned kind)
{
	location_t loc = EXPR_LOCATION(t);
	enum km_tok tok = loc == UNKNOWN_LOCATION ? KM_TOK_NONE : km_logic_token(w->lg, loc);

	if ((tok == KM_TOK_ANDAND || tok == KM_TOK_OROR) && walk_precedes_operand(t, loc))
		tok = KM_TOK_OTHER;	/* another operator's token: rebuilt */
	/* in source order: the left operand, the operator, the right operand */
	walk_expr(w, TREE_OPERAND(t, 0), depth);
	if (tok == KM_TOK_ANDAND || tok == KM_TOK_OROR) {
		walk_census_gap(w, TREE_OPERAND(t, 0), loc, true);
		walk_claim(w, km_logic_key(loc), tok, km_logic_from_macro(loc));
		walk_census_gap(w, TREE_OPERAND(t, 1), loc, false);
		walk_census_reassociated(w, t);
	} else if ((tok == KM_TOK_QUERY || tok == KM_TOK_COLON) &&
		   km_logic_claim(w->lg, km_logic_key(loc))) {
		walk_folded_ternary(w, loc);	/* a ?: folded into && or || */
	} else if (tok == KM_TOK_UNREADABLE) {
		walk_count_logic(w, kind, false);	/* no source: as its code says */
	} else {
		walk_rebuilt_logic(w, t, kind);
	}
	walk_expr(w, TREE_OPERAND(t, 1), depth);
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
static int walk_merged_shape(tree t)
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
static bool walk_operator_follows(tree t, location_t loc);

static bool walk_merged(struct walk *w, tree t, bool *claim_after)
{
	location_t loc = EXPR_LOCATION(t);
	int shape;
	long found;

	*claim_after = false;
	if (!walk_is_test_code(TREE_CODE(t)) || loc == UNKNOWN_LOCATION)
		return false;
	shape = walk_merged_shape(t);
	if (!shape) {
		enum km_tok tok = km_logic_token(w->lg, loc);

		/* in source order: before its operand (b != 0 made at a && b's '&&'), or after */
		if ((tok == KM_TOK_ANDAND || tok == KM_TOK_OROR) &&
		    !(*claim_after = walk_operator_follows(t, loc)))
			walk_claim(w, km_logic_key(loc), tok, km_logic_from_macro(loc));
		else if (tok == KM_TOK_NOT)	/* !!(x < y || x == y) is x <= y at the '!' */
			walk_census(w, loc, false);
		return false;		/* the test itself is an operator too */
	}
	found = walk_census(w, loc, true);
	if (found >= 0)
		return found > 0;
	/* no source: one operator, once per location, as its shape says */
	if (km_logic_claim(w->lg, km_logic_key(loc)))
		walk_count_logic(w, shape == 1 ? KIND_LOGAND : KIND_LOGOR, false);
	return true;
}

/* Whether the token at @loc comes after the start of @t's first operand. */
static bool walk_operator_follows(tree t, location_t loc)
{
	location_t first = walk_first_location(TREE_OPERAND(t, 0), loc);

	return first != UNKNOWN_LOCATION &&
	       km_logic_order(get_range_from_loc(line_table, first).m_start, loc) < 0;
}

/* ---- what sanitizers add ---- */

/* 2: a call to a sanitizer's handler, 1: to __builtin_trap, else 0. */
static int walk_is_sanitizer_call(tree t)
{
	const char *name;
	tree fn;

	if (!t || TREE_CODE(t) != CALL_EXPR)
		return 0;
	fn = get_callee_fndecl(t);
	if (!fn || !fndecl_built_in_p(fn, BUILT_IN_NORMAL) || !DECL_NAME(fn))
		return 0;
	if (DECL_FUNCTION_CODE(fn) == BUILT_IN_TRAP)	/* -fsanitize-trap */
		return 1;
	name = IDENTIFIER_POINTER(DECL_NAME(fn));
	return !strncmp(name, "__builtin___ubsan_", 18) || !strncmp(name, "__builtin___asan_", 17) ||
	       !strncmp(name, "__builtin___sanitizer_", 22) ? 2 : 0;
}

/*
 * A check the front end adds for -fsanitize=shift, integer-divide-by-zero,
 * signed-integer-overflow, float-cast-overflow, vla-bound (the kernel's
 * UBSAN): a ?: or if of its own, without a location, one arm calling the
 * sanitizer's handler or __builtin_trap. Not the programmer's code: its
 * decisions, operators and operands are not counted (the check can carry
 * the location of the operation it checks).
 */
bool walk_is_sanitizer_check(tree t)
{
	int arm;

	if (!t || TREE_CODE(t) != COND_EXPR)
		return false;
	arm = MAX(walk_is_sanitizer_call(TREE_OPERAND(t, 1)),
		  walk_is_sanitizer_call(TREE_OPERAND(t, 2)));
	/* a handler's call is never written; a trap is, but not without a location */
	return arm == 2 || (arm == 1 && EXPR_LOCATION(t) == UNKNOWN_LOCATION);
}

/* ---- expressions ---- */

/*
 * Whether a ?:, MIN, MAX or ABS node stands for a ?: that was written: it
 * sits at the ':' (the parser puts it there; folds build such nodes at the
 * location of what they replace: an && or || rebuilt as ?:, abs () as
 * ABS_EXPR).
 */
static bool walk_written_ternary(struct walk *w, tree t)
{
	location_t loc = EXPR_LOCATION(t);
	enum km_tok tok;

	if (loc == UNKNOWN_LOCATION)
		return false;
	tok = km_logic_token(w->lg, loc);
	return tok == KM_TOK_COLON || tok == KM_TOK_QUERY || tok == KM_TOK_UNREADABLE;
}

/* An arm that is the constant 0 or 1: a fold's a ? b : 0 or a ? 1 : b. */
static bool walk_truth_arm(tree t)
{
	tree a = TREE_OPERAND(t, 1), b = TREE_OPERAND(t, 2);

	return integer_zerop(b) || integer_onep(a) || integer_zerop(a) || integer_onep(b);
}

/*
 * A ?: node: written (at its ':'; or moved onto the && or || whose
 * operand it is by the truth conversion there; at another token, with no
 * arm 0 or 1, where a fold pushed an operation into its arms: !(c ? x : y)
 * is c ? !x : !y, (c ? x : y) + 1 is c ? x + 1 : y + 1; or rebuilt by a
 * fold with no location), a fold's x ? 1 : 0 (a truth value), or a fold's
 * a ? b : 0 for a && b at another token (!(a || b)'s '!').
 */
static void walk_ternary(struct walk *w, tree t, int depth)
{
	location_t loc = EXPR_LOCATION(t);
	tree cond = TREE_OPERAND(t, 0);
	enum km_tok tok = KM_TOK_NONE;

	if (walk_is_sanitizer_check(t))
		return;
	if (loc != UNKNOWN_LOCATION && !VOID_TYPE_P(TREE_TYPE(t)))
		tok = km_logic_token(w->lg, loc);
	if (tok != KM_TOK_COLON && tok != KM_TOK_QUERY && tok != KM_TOK_UNREADABLE &&
	    integer_onep(TREE_OPERAND(t, 1)) && integer_zerop(TREE_OPERAND(t, 2))) {
		walk_expr(w, cond, depth);	/* a truth value */
		return;
	}
	if (tok == KM_TOK_ANDAND || tok == KM_TOK_OROR)
		walk_claim_at(w, loc);
	else if (tok != KM_TOK_NONE && tok != KM_TOK_COLON && tok != KM_TOK_QUERY &&
		 tok != KM_TOK_UNREADABLE && walk_truth_arm(t)) {
		walk_logic(w, t, depth, integer_zerop(TREE_OPERAND(t, 2)) ? KIND_LOGAND : KIND_LOGOR);
		return;
	}
	if (TREE_CODE(cond) == INTEGER_CST) {
		walk_expr(w, integer_zerop(cond) ? TREE_OPERAND(t, 2) : TREE_OPERAND(t, 1), depth);
		return;
	}
	/* once per ':' (not keyed where a truth conversion moved it to an && or ||) */
	if (tok == KM_TOK_ANDAND || tok == KM_TOK_OROR || loc == UNKNOWN_LOCATION ||
	    km_logic_claim(w->lg, km_logic_key(loc))) {
		walk_operator(w, KIND_TERNARY);
		walk_decision(w, loc, KIND_TERNARY);
	}
	walk_expr(w, cond, depth);
	w->cog_nest++;
	walk_expr(w, TREE_OPERAND(t, 1), depth);
	walk_expr(w, TREE_OPERAND(t, 2), depth);
	w->cog_nest--;
}

static void walk_operands(struct walk *w, tree t, int depth)
{
	int i;

	for (i = 0; i < TREE_OPERAND_LENGTH(t); i++)
		walk_expr(w, TREE_OPERAND(t, i), depth);
}

/*
 * x - 5 as written: fold turns it into x + -5 where signed overflow is
 * undefined, but not with -fwrapv or -fsanitize=signed-integer-overflow.
 */
static bool walk_minus(struct walk *w, tree t, int depth)
{
	tree c = TREE_OPERAND(t, 1);

	HOST_WIDE_INT v;

	if (TREE_CODE(c) != INTEGER_CST || tree_int_cst_sgn(c) >= 0 ||
	    TYPE_UNSIGNED(TREE_TYPE(c)) || !tree_fits_shwi_p(c) || walk_merged_shape(t))
		return false;
	v = -tree_to_shwi(c);
	if (v <= 0)
		return false;		/* the most negative value has no negation */
	walk_operator(w, MINUS_EXPR);
	walk_expr(w, TREE_OPERAND(t, 0), depth);
	if (!w->edges_only)	/* the key INTEGER_CST v would have (one element) */
		km_halstead_operand(&w->hal, km_hash_bytes(1, &v, sizeof(v)));
	return true;
}

/* Nodes that need more than "an operator, then its operands"; true if handled. */
static bool walk_special_expr(struct walk *w, tree t, int depth)
{
	unsigned HOST_WIDE_INT ix;
	tree val;

	switch (TREE_CODE(t)) {
	case PLUS_EXPR:
		return walk_minus(w, t, depth);
	case NE_EXPR:
		/* __builtin_expect (x, v) != 0: the hint's truth test, as x */
		if (!walk_is_expect(tree_strip_nop_conversions(TREE_OPERAND(t, 0))) ||
		    !integer_zerop(TREE_OPERAND(t, 1)))
			return false;
		walk_expr(w, TREE_OPERAND(t, 0), depth);
		return true;
	case COMPOUND_EXPR:
		if (TREE_CODE(TREE_OPERAND(t, 0)) == SAVE_EXPR) {
			/* the front end's "evaluate this first" (a checked x op= y): no comma */
			walk_operands(w, t, depth);
			return true;
		}
		if (!walk_is_sanitizer_check(TREE_OPERAND(t, 0)))
			return false;
		walk_expr(w, TREE_OPERAND(t, 1), depth);	/* the checked operation */
		return true;
	case SAVE_EXPR:
		if (!w->saves->add(t))
			walk_expr(w, TREE_OPERAND(t, 0), depth);
		return true;
	case TARGET_EXPR:
		walk_expr(w, TARGET_EXPR_INITIAL(t), depth);
		return true;
	case NON_LVALUE_EXPR:
	case EXCESS_PRECISION_EXPR:
	case PAREN_EXPR:
		walk_expr(w, TREE_OPERAND(t, 0), depth);
		return true;
	case COMPOUND_LITERAL_EXPR:
		walk_expr(w, DECL_INITIAL(COMPOUND_LITERAL_EXPR_DECL(t)), depth);
		return true;
	case CONSTRUCTOR:
		FOR_EACH_CONSTRUCTOR_VALUE(CONSTRUCTOR_ELTS(t), ix, val)
			walk_expr(w, val, depth);
		return true;
	case TREE_LIST:
		for (; t; t = TREE_CHAIN(t))
			walk_expr(w, TREE_VALUE(t), depth);
		return true;
	case CALL_EXPR:
		walk_call(w, t, depth);
		return true;
	case COND_EXPR:
		walk_ternary(w, t, depth);
		return true;
	case MIN_EXPR: case MAX_EXPR: case ABS_EXPR: case ABSU_EXPR:
		if (!walk_written_ternary(w, t))
			return false;		/* abs (), fmax (): an operator */
		/* a ?: the front end folded: still a decision */
		walk_operator(w, KIND_TERNARY);
		walk_decision(w, EXPR_LOCATION(t), KIND_TERNARY);
		walk_operands(w, t, depth);
		return true;
	case TRUTH_ANDIF_EXPR: case TRUTH_AND_EXPR:
		walk_logic(w, t, depth, KIND_LOGAND);
		return true;
	case TRUTH_ORIF_EXPR: case TRUTH_OR_EXPR:
		walk_logic(w, t, depth, KIND_LOGOR);
		return true;
	default:
		return false;
	}
}

static bool walk_is_stmt_code(enum tree_code code)
{
	switch (code) {
	case STATEMENT_LIST: case BIND_EXPR: case DECL_EXPR:
	case RETURN_EXPR: case GOTO_EXPR: case LABEL_EXPR:
	case CASE_LABEL_EXPR: case ASM_EXPR:
	case FOR_STMT: case WHILE_STMT: case DO_STMT:
	case SWITCH_STMT: case SWITCH_EXPR:
	case BREAK_STMT: case CONTINUE_STMT:
	case DEBUG_BEGIN_STMT:
		return true;
	default:
		return false;
	}
}

/* The Halstead operator kind of @t, when it is one of the renamed ones. */
static unsigned walk_operator_kind(tree t)
{
	switch (TREE_CODE(t)) {
	case NOP_EXPR: case CONVERT_EXPR: case FLOAT_EXPR:
	case FIX_TRUNC_EXPR: case VIEW_CONVERT_EXPR:
		return KIND_CAST;
	case MODIFY_EXPR: case INIT_EXPR:
		return KIND_ASSIGN;
	default:
		return TREE_CODE(t);
	}
}

/*
 * Whether the conversion @t is a cast the programmer wrote (one operator;
 * a cast whose result is converted again at its '(' counts once), not an
 * implicit conversion or a fold's. Without the text, every one counts.
 */
static bool walk_written_cast(struct walk *w, tree t)
{
	tree op = TREE_OPERAND(t, 0);
	int cast = km_logic_cast(w->lg, EXPR_LOCATION(t));

	if (cast <= 0)
		return cast < 0;
	return !(op && EXPR_P(op) && walk_operator_kind(op) == KIND_CAST &&
		 get_pure_location(EXPR_LOCATION(op)) == get_pure_location(EXPR_LOCATION(t)));
}

void walk_expr(struct walk *w, tree t, int depth)
{
	bool claim_after;

	if (!t)
		return;
	if (DECL_P(t)) {
		walk_decl_ref(w, t);
		return;
	}
	if (CONSTANT_CLASS_P(t)) {
		walk_operand_const(w, t);
		return;
	}
	if (walk_is_stmt_code(TREE_CODE(t))) {
		unsigned last = w->cog_last;

		walk_stmt(w, t, depth);	/* inside a statement expression: */
		w->cog_last = last;	/* its statements are runs of their own */
		return;
	}
	if (walk_special_expr(w, t, depth) || !EXPR_P(t))
		return;			/* handled; or types, identifiers, ... */
	if (walk_merged(w, t, &claim_after)) {
		walk_operands(w, t, depth);
		return;
	}
	if (walk_operator_kind(t) == KIND_CAST && !walk_written_cast(w, t)) {
		walk_operands(w, t, depth);	/* converted, not cast */
		return;
	}
	walk_operator(w, walk_operator_kind(t));
	switch (TREE_CODE(t)) {
	case PREINCREMENT_EXPR: case PREDECREMENT_EXPR:
	case POSTINCREMENT_EXPR: case POSTDECREMENT_EXPR:
		/* operand 1 is the step the front end adds, not written */
		walk_expr(w, TREE_OPERAND(t, 0), depth);
		return;
	default:
		walk_operands(w, t, depth);
	}
	if (claim_after)
		walk_claim_at(w, EXPR_LOCATION(t));
}
