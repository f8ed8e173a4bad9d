// SPDX-License-Identifier: GPL-2.0
/*
 * walk_expr.c - the expression half of the body walk (walk.h): which
 * nodes are Halstead's operators and operands (walk_count.c counts them),
 * calls and address references (the edges), ?: and its folded forms; &&
 * and || are walk_logic.c's, UBSAN's checks walk_sanitize.c's.
 */
#include "walk.h"

/* ---- edges ---- */

static void walk_add_edge(struct walk *w, tree callee, char kind)
{
	if (callee == w->fndecl)
		return;
	/* Implicitly declared builtins (__builtin_expect, ...) are no functions. */
	if (DECL_IS_UNDECLARED_BUILTIN(callee) || !DECL_NAME(callee))
		return;
	if (!km_unit_add_edge(&w->fn->u, callee, IDENTIFIER_POINTER(DECL_NAME(callee)), kind,
			      TREE_PUBLIC(callee) ? 'G' : 'S'))
		w->oom = true;
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

		w->saw_expect = true;
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
			w->n.self_calls++;
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

/* ---- expressions ---- */

/*
 * Whether a ?:, MIN, MAX or ABS node stands for a ?: that was written: it
 * sits at the ':' (the parser puts it there; folds build such nodes at the
 * location of what they replace: an && or || rebuilt as ?:, abs () as
 * ABS_EXPR).
 */
static bool walk_ternary_token(struct walk *w, location_t loc)
{
	enum km_tok tok;

	if (loc == UNKNOWN_LOCATION)
		return false;
	tok = km_logic_token(w->lg, loc);
	return tok == KM_TOK_COLON || tok == KM_TOK_QUERY || tok == KM_TOK_UNREADABLE;
}

/*
 * Whether the MIN_EXPR or MAX_EXPR @t was a ?: written: at its '?' or ':',
 * or inside a conversion there; or converted with no location on either,
 * what the front end's narrowing of a comparison leaves of one
 * ((int) MIN ((unsigned) len, 128) of len > sizeof(buf) ? sizeof(buf) :
 * len, 6.1's ptrace_readdata). A builtin's (fmin ()) is at its call.
 */
static bool walk_written_ternary(struct walk *w, tree t)
{
	if (walk_ternary_token(w, EXPR_LOCATION(t)))
		return true;
	if (t != w->converted)
		return false;
	return walk_ternary_token(w, w->converted_at) ||
	       (EXPR_LOCATION(t) == UNKNOWN_LOCATION && w->converted_at == UNKNOWN_LOCATION);
}

/* An arm that is the constant 0 or 1: a fold's a ? b : 0 or a ? 1 : b. */
/* Whether @t's arms are the constants 1 and 0, in either order. */
static bool walk_const_truth_arms(tree t)
{
	tree a = TREE_OPERAND(t, 1), b = TREE_OPERAND(t, 2);

	return a && b && TREE_CODE(a) == INTEGER_CST && TREE_CODE(b) == INTEGER_CST &&
	       ((integer_onep(a) && integer_zerop(b)) || (integer_zerop(a) && integer_onep(b)));
}

static bool walk_truth_arm(tree t)
{
	tree a = TREE_OPERAND(t, 1), b = TREE_OPERAND(t, 2);

	return integer_zerop(b) || integer_onep(a) || integer_zerop(a) || integer_onep(b);
}

/*
 * Which ?: written a COND_EXPR is, found by the '?' after its condition:
 * the parser's truth conversion of a condition sits at that '?', and a
 * comparison's range ends right before it; a fold that pushed an operation
 * into the arms ((c ? x : y) + 1 is c ? x + 1 : y + 1, at the '+') or
 * rebuilt a chain keeps the condition. 1 with the '?' key in *@key and
 * whether it is c ? 1 : 0 in *@truth; 0 when no '?' follows (no ?: was
 * written: a fold's, of arithmetic on a truth value, (w < v) + 2, or of
 * a rebuilt && or ||); -1 when that cannot be read.
 */
static int walk_query(struct walk *w, tree t, uint64_t *key, bool *truth)
{
	location_t at = EXPR_LOCATION(TREE_OPERAND(t, 0)), bound;
	source_range rc, rt;

	if (EXPR_LOCATION(t) == UNKNOWN_LOCATION || at == UNKNOWN_LOCATION)
		return -1;
	bound = get_range_from_loc(line_table, EXPR_LOCATION(t)).m_finish;
	/*
	 * a condition the fold rebuilt at the ?:'s own ':' (an inverted one);
	 * at another token both were rebuilt there (__builtin_expect's
	 * distribution puts all it builds at the call): not known
	 */
	if (get_pure_location(at) == get_pure_location(EXPR_LOCATION(t))) {
		if (km_logic_token(w->lg, at) != KM_TOK_COLON)
			return -1;
		*key = km_logic_key(at);
		*truth = false;
		return 1;
	}
	if (km_logic_token(w->lg, at) == KM_TOK_QUERY)
		return km_logic_query(w->lg, at, false, bound, key, truth);
	rc = get_range_from_loc(line_table, at);
	rt = get_range_from_loc(line_table, EXPR_LOCATION(t));
	if (get_pure_location(rc.m_start) == get_pure_location(rt.m_start) &&
	    get_pure_location(rc.m_finish) == get_pure_location(rt.m_finish))
		return -1;	/* both rebuilt at one place */
	return km_logic_query(w->lg, rc.m_finish, true, bound, key, truth);
}

/*
 * The ?: a MIN_EXPR, MAX_EXPR or ABS_EXPR stands for, each a decision:
 * those written in its range, once each (min3 (x, y, z) is one MIN of
 * another, from three ?: as written, its inner one twice), or one.
 */
long walk_queries_in(struct walk *w, location_t loc)
{
	source_range r = get_range_from_loc(line_table, loc);
	unsigned i;

	if (!km_logic_queries(w->lg, r.m_start, r.m_finish, &w->found))
		return -1;
	for (i = 0; i < w->found.length(); i++) {
		if (!km_logic_claim(w->lg, w->found[i].key))
			continue;
		walk_operator(w, KIND_TERNARY);
		walk_decision(w, loc, KIND_TERNARY);
	}
	return w->found.length();
}

static void walk_folded_queries(struct walk *w, tree t)
{
	if (EXPR_LOCATION(t) == UNKNOWN_LOCATION) {	/* no place to read: one */
		walk_operator(w, KIND_TERNARY);
		walk_decision(w, UNKNOWN_LOCATION, KIND_TERNARY);
		return;
	}
	if (walk_queries_in(w, EXPR_LOCATION(t)) > 0)
		return;
	if (km_logic_claim(w->lg, km_logic_key(EXPR_LOCATION(t)))) {
		walk_operator(w, KIND_TERNARY);
		walk_decision(w, EXPR_LOCATION(t), KIND_TERNARY);
	}
}

/* A ?: of no decision: its condition and arms are operands of a value. */
static void walk_ternary_value(struct walk *w, tree t, int depth)
{
	walk_expr(w, TREE_OPERAND(t, 0), depth);
	walk_expr(w, TREE_OPERAND(t, 1), depth);
	walk_expr(w, TREE_OPERAND(t, 2), depth);
}

/*
 * A COND_EXPR: a ?: written (counted once per '?'), one that is a truth
 * value (c ? 1 : 0, also under arithmetic: no decision), one a fold made
 * of arithmetic on a truth value (no decision), or a fold's a ? b : 0 for
 * a && b rebuilt at another token (!(a || b)'s '!'). At an && or || it was
 * moved onto that operator, whose operand it is. Without the text, every
 * ?: but x ? 1 : 0 counts.
 */
static void walk_ternary(struct walk *w, tree t, int depth)
{
	location_t loc = EXPR_LOCATION(t);
	tree cond = TREE_OPERAND(t, 0);
	enum km_tok tok = KM_TOK_NONE;
	uint64_t key = 0;
	bool truth = false, saw;
	int q;

	if (walk_is_sanitizer_check(t))
		return;
	if (loc != UNKNOWN_LOCATION)
		tok = km_logic_token(w->lg, loc);
	q = walk_query(w, t, &key, &truth);
	/* arms GCC folded to 1 and 0 (c ? (1U << 0) : 0): README's truth value too */
	if (q > 0 && !truth && walk_const_truth_arms(t))
		truth = true;
	if (w->trace)
		fprintf(stderr, "kmetrics: trace: %s: a ?: (its '?' %s%s)\n",
			IDENTIFIER_POINTER(DECL_NAME(w->fndecl)),
			q < 0 ? "not read" : q ? "found" : "not written", truth ? ", c ? 1 : 0" : "");
	if (q < 0 && integer_onep(TREE_OPERAND(t, 1)) && integer_zerop(TREE_OPERAND(t, 2))) {
		walk_expr(w, cond, depth);	/* a truth value */
		return;
	}
	if (tok == KM_TOK_ANDAND || tok == KM_TOK_OROR)
		walk_claim_at(w, loc);
	if (q == 0 && tok == KM_TOK_NOT && walk_truth_arm(t)) {
		walk_logic(w, t, depth, integer_zerop(TREE_OPERAND(t, 2)) ? KIND_LOGAND : KIND_LOGOR);
		return;
	}
	if (q == 0 || truth) {
		walk_ternary_value(w, t, depth);
		return;
	}
	if (walk_const(w, cond)) {
		walk_expr(w, integer_zerop(walk_const(w, cond)) ? TREE_OPERAND(t, 2) :
			  TREE_OPERAND(t, 1), depth);
		return;
	}
	if (q < 0 || km_logic_claim(w->lg, key)) {
		walk_operator(w, KIND_TERNARY);
		walk_decision(w, loc, KIND_TERNARY);
	}
	saw = w->saw_expect;
	w->saw_expect = false;
	walk_expr(w, cond, depth);
	if (w->saw_expect)
		walk_expect_range(w, loc, cond);
	w->saw_expect |= saw;
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
		km_halstead_operand(&w->n.hal, km_hash_bytes(1, &v, sizeof(v)));
	return true;
}

/* Nodes that need more than "an operator, then its operands"; true if handled. */
static bool walk_special_expr(struct walk *w, tree t, int depth)
{
	unsigned HOST_WIDE_INT ix;
	bool after;
	tree val;

	switch (TREE_CODE(t)) {
	case PLUS_EXPR:
		return walk_minus(w, t, depth);
	case NE_EXPR:
		/*
		 * __builtin_expect (x, v) != 0: the hint's truth test, as x; at an
		 * && or || whose other operand was a constant (BITS_PER_LONG > 32
		 * && unlikely (x)), that operator, in source order
		 */
		if (!walk_is_expect(tree_strip_nop_conversions(TREE_OPERAND(t, 0))) ||
		    !integer_zerop(TREE_OPERAND(t, 1)))
			return false;
		after = walk_operator_follows(t, EXPR_LOCATION(t));
		walk_truth_ternary(w, EXPR_LOCATION(t));
		if (!after)
			walk_claim_at(w, EXPR_LOCATION(t));
		walk_expr(w, TREE_OPERAND(t, 0), depth);
		if (after)
			walk_claim_at(w, EXPR_LOCATION(t));
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
		walk_folded_queries(w, t);	/* a ?: the front end folded: a decision */
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

/* Whether @t is &&label, a label's address (GNU C): its '&&' is no operator. */
static bool walk_label_address(tree t)
{
	while (t && CONVERT_EXPR_P(t))
		t = TREE_OPERAND(t, 0);
	return t && TREE_CODE(t) == ADDR_EXPR && TREE_CODE(TREE_OPERAND(t, 0)) == LABEL_DECL;
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
		/* at an && or ||: what a fold left of C || x, x && C ((int) x there) */
		if (walk_label_address(TREE_OPERAND(t, 0))) {
			walk_operands(w, t, depth);	/* (void *) &&label: no operator */
			return;
		}
		claim_after = walk_operator_follows(t, EXPR_LOCATION(t));
		if (!claim_after)
			walk_claim_at(w, EXPR_LOCATION(t));
		w->converted = TREE_OPERAND(t, 0);
		w->converted_at = EXPR_LOCATION(t);
		walk_operands(w, t, depth);	/* converted, not cast */
		if (claim_after)
			walk_claim_at(w, EXPR_LOCATION(t));
		return;
	}
	walk_operator(w, walk_operator_kind(t));
	switch (TREE_CODE(t)) {
	case PREINCREMENT_EXPR: case PREDECREMENT_EXPR:
	case POSTINCREMENT_EXPR: case POSTDECREMENT_EXPR:
		/* operand 1 is the step the front end adds, not written */
		walk_expr(w, TREE_OPERAND(t, 0), depth);
		return;
	case BIT_FIELD_REF:
		/* merged bit-field tests: the width and place of the target's word, not written */
		walk_expr(w, TREE_OPERAND(t, 0), depth);
		break;
	default:
		walk_operands(w, t, depth);
	}
	if (claim_after)
		walk_claim_at(w, EXPR_LOCATION(t));
}
