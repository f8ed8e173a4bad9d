// SPDX-License-Identifier: GPL-2.0
/*
 * walk_const.c - which conditions are constant, the same at every -O
 * (walk.h: walk_const).
 *
 * GCC's C front end folds a condition to a constant before any plugin
 * sees it, but two folds depend on the optimisation level:
 *
 *  - a read of a const, non-volatile integer variable with a constant
 *    initializer (file-scope, static or local) is its value from -O1 on
 *    only (decl_constant_value_for_optimization): sched_feat() without
 *    SCHED_DEBUG, a const local's bound;
 *  - __builtin_constant_p (e) of an e that is no constant is 0 at -O0, and
 *    left for after inlining from -O1 on (6.1's max() of signed values
 *    checks signedness under it).
 *
 * README's readings take both at every level: such a read is its value,
 * and __builtin_constant_p (e) is 1 when e itself is constant, else 0 (the
 * out-of-line body's answer). This file folds a condition with those two
 * taken so; the walk then treats what folds to a constant as GCC's own
 * constants: no decision, no level, the dead arm not walked.
 *
 * Each node is folded once per function (a memo), so conditions nested in
 * conditions cost nothing more. The fold builds new nodes only from
 * constants: the compiled tree is never changed.
 */
#include "walk.h"

static tree walk_fold(struct walk *w, tree t);

/*
 * The value of a read of @decl, when README's reading makes it a constant:
 * its initializer's, also where that is constant only with the readings
 * (x86's this_cpu_add() keeps const int pao_ID__ = __builtin_constant_p
 * (val) && ... ? val : 0).
 */
static tree walk_const_read(struct walk *w, tree decl)
{
	tree init;

	if (TREE_CODE(decl) != VAR_DECL || !TREE_READONLY(decl) || TREE_THIS_VOLATILE(decl) ||
	    !INTEGRAL_TYPE_P(TREE_TYPE(decl)) || DECL_EXTERNAL(decl))
		return NULL_TREE;
	init = DECL_INITIAL(decl);
	if (init && TREE_CODE(init) != INTEGER_CST && EXPR_P(init))
		init = walk_fold(w, init);
	if (!init || TREE_CODE(init) != INTEGER_CST)
		return NULL_TREE;
	return fold_convert(TREE_TYPE(decl), init);
}

static bool walk_is_constant_p(tree t)
{
	tree fn;

	if (TREE_CODE(t) != CALL_EXPR || call_expr_nargs(t) != 1)
		return false;
	fn = get_callee_fndecl(t);
	return fn && fndecl_built_in_p(fn, BUILT_IN_CONSTANT_P);
}

/* && and ||: the operand that decides, when it is a constant. */
static tree walk_fold_logic(struct walk *w, tree t, bool is_and)
{
	tree l = walk_fold(w, TREE_OPERAND(t, 0)), r;

	if (!l || TREE_CODE(l) != INTEGER_CST)
		return NULL_TREE;
	if (integer_zerop(l) == is_and)		/* 0 && x, 1 || x */
		return constant_boolean_node(!is_and, TREE_TYPE(t));
	r = walk_fold(w, TREE_OPERAND(t, 1));
	if (!r || TREE_CODE(r) != INTEGER_CST)
		return NULL_TREE;
	return constant_boolean_node(!integer_zerop(r), TREE_TYPE(t));
}

/* The constant @t is under README's readings, or NULL_TREE. */
static tree walk_fold_uncached(struct walk *w, tree t)
{
	enum tree_code code = TREE_CODE(t);
	tree a, b;

	if (code == INTEGER_CST)
		return t;
	if (code == VAR_DECL)
		return walk_const_read(w, t);
	if (walk_is_constant_p(t)) {
		a = walk_fold(w, CALL_EXPR_ARG(t, 0));
		return constant_boolean_node(a && CONSTANT_CLASS_P(a), TREE_TYPE(t));
	}
	if (!EXPR_P(t))
		return NULL_TREE;
	switch (code) {
	case TRUTH_ANDIF_EXPR: case TRUTH_AND_EXPR:
		return walk_fold_logic(w, t, true);
	case TRUTH_ORIF_EXPR: case TRUTH_OR_EXPR:
		return walk_fold_logic(w, t, false);
	case COND_EXPR:
		a = walk_fold(w, TREE_OPERAND(t, 0));
		if (!a || TREE_CODE(a) != INTEGER_CST)
			return NULL_TREE;
		return walk_fold(w, TREE_OPERAND(t, integer_zerop(a) ? 2 : 1));
	case SAVE_EXPR: case NON_LVALUE_EXPR:
		return walk_fold(w, TREE_OPERAND(t, 0));
	default:
		break;
	}
	if (!INTEGRAL_TYPE_P(TREE_TYPE(t)) && TREE_CODE(TREE_TYPE(t)) != BOOLEAN_TYPE)
		return NULL_TREE;
	switch (TREE_CODE_CLASS(code)) {
	case tcc_unary:
		a = walk_fold(w, TREE_OPERAND(t, 0));
		return a ? fold_unary(code, TREE_TYPE(t), a) : NULL_TREE;
	case tcc_binary: case tcc_comparison:
		a = walk_fold(w, TREE_OPERAND(t, 0));
		b = a ? walk_fold(w, TREE_OPERAND(t, 1)) : NULL_TREE;
		return b ? fold_binary(code, TREE_TYPE(t), a, b) : NULL_TREE;
	default:
		return NULL_TREE;
	}
}

static tree walk_fold(struct walk *w, tree t)
{
	tree *memo, c;

	if (!t)
		return NULL_TREE;
	if (TREE_CODE(t) == INTEGER_CST)
		return t;
	if (!w->consts)
		w->consts = new hash_map<tree, tree>();
	memo = w->consts->get(t);
	if (memo)
		return *memo;
	w->consts->put(t, NULL_TREE);	/* a variable read in its own initializer */
	c = walk_fold_uncached(w, t);
	if (c && TREE_CODE(c) != INTEGER_CST)
		c = NULL_TREE;		/* a fold that did not end in a constant */
	w->consts->put(t, c);
	return c;
}

tree walk_const(struct walk *w, tree t)
{
	return walk_fold(w, t);
}
