// SPDX-License-Identifier: GPL-2.0
/*
 * walk.c - one walk over a function body as the C front end hands it over
 * (PLUGIN_PRE_GENERICIZE: preprocessed, constant-folded, not gimplified),
 * measuring what SPEC.md asks of a body:
 *
 *   C2  decisions: if, ?: (also folded to MIN/MAX/ABS), loops with a
 *       condition, case labels, &&, ||, asm goto labels
 *   C3  Halstead operators (statement and expression kinds) and operands
 *   C8  direct self calls
 *   C9  named, non-artificial local variables, static ones too
 *   C10 1 + the deepest nesting of if/else, switch and loops
 *   and the call and address-reference edges out of the body; for the
 *   extended dataset the Halstead parts, the decisions a macro wrote and
 *   Cognitive Complexity (SonarSource's, G. A. Campbell 2018).
 *
 * A construct whose condition is an integer constant (do { } while (0),
 * if (0), if (IS_ENABLED(CONFIG_X)) with X off, switch (sizeof(x))) is no
 * decision and no level, and the code it makes unreachable is not walked.
 * This file walks statements; walk_expr.c walks expressions, where the
 * && and || that GCC folds are followed (see there and logic.c).
 *
 * Cognitive Complexity: +1 for each if, else if, else, ?:, switch, loop
 * and goto; if, ?:, switch and loops also + the nesting level they sit at
 * (if, else, ?:, switch and loops nest what they hold); +1 for each run of
 * like operators in the && and || of one expression, in source order
 * (a && b || c && d: 3); +1 when the function calls itself.
 *
 * Debug: -fplugin-arg-kmetrics-debug prints each record as it is written.
 */
#include "walk.h"

void walk_note_depth(struct walk *w, int depth)
{
	if (depth > w->n.max_depth)
		w->n.max_depth = depth;
}

/* Whether @s is no code: a debug marker, a type declared (struct { } in a condition). */
static bool walk_no_code(tree s)
{
	return TREE_CODE(s) == DEBUG_BEGIN_STMT ||
	       (TREE_CODE(s) == DECL_EXPR && TREE_CODE(DECL_EXPR_DECL(s)) == TYPE_DECL);
}

/* Whether the block @t declares no variable (only types: its scope is no code). */
static bool walk_typed_scope(tree t)
{
	tree v;

	for (v = BIND_EXPR_VARS(t); v; v = DECL_CHAIN(v))
		if (TREE_CODE(v) != TYPE_DECL)
			return false;
	return true;
}

/*
 * A statement list reduced to its one real statement, debug markers and
 * declared types aside (an else-if whose condition declares a struct,
 * as the kernel's BUILD_BUG_ON_ZERO does, sits in a block of its own).
 */
static tree walk_single_stmt(tree t)
{
	tree_stmt_iterator i;
	tree only = NULL_TREE;

	while (t && (TREE_CODE(t) == STATEMENT_LIST ||
		     (TREE_CODE(t) == BIND_EXPR && walk_typed_scope(t)))) {
		if (TREE_CODE(t) == BIND_EXPR) {
			t = BIND_EXPR_BODY(t);
			continue;
		}
		only = NULL_TREE;
		for (i = tsi_start(t); !tsi_end_p(i); tsi_next(&i)) {
			tree s = tsi_stmt(i);

			if (walk_no_code(s))
				continue;
			if (only)
				return t;
			only = s;
		}
		if (!only)
			return t;
		t = only;
	}
	return t;
}

/* ---- statements ---- */

/* C9: named variables the user (or a macro) declared, static ones too. */
static void walk_count_locals(struct walk *w, tree bind)
{
	tree v;

	for (v = BIND_EXPR_VARS(bind); v; v = DECL_CHAIN(v))
		if (TREE_CODE(v) == VAR_DECL && DECL_NAME(v) &&
		    !DECL_ARTIFICIAL(v) && !DECL_EXTERNAL(v))
			w->n.locals++;
}

static void walk_bind(struct walk *w, tree t, int depth)
{
	bool live = w->live_decls;

	walk_count_locals(w, t);
	w->live_decls = false;		/* a block of its own counts its own */
	walk_stmt(w, BIND_EXPR_BODY(t), depth);
	w->live_decls = live;
}

static void walk_decl_expr(struct walk *w, tree t, int depth)
{
	tree decl = DECL_EXPR_DECL(t);

	/* in a switch on a constant, the live arm's own declarations are its locals */
	if (w->live_decls && TREE_CODE(decl) == VAR_DECL && DECL_NAME(decl) &&
	    !DECL_ARTIFICIAL(decl) && !DECL_EXTERNAL(decl))
		w->n.locals++;

	if (TREE_CODE(decl) != VAR_DECL || !DECL_INITIAL(decl) || DECL_EXTERNAL(decl))
		return;
	walk_operator(w, KIND_ASSIGN);
	walk_decl_ref(w, decl);
	walk_expr(w, DECL_INITIAL(decl), depth);
}

/* A body one level deeper, for C10 and for cognitive nesting. */
static void walk_nested(struct walk *w, tree body, int depth)
{
	walk_note_depth(w, depth + 1);
	w->cog_nest++;
	walk_stmt(w, body, depth + 1);
	w->cog_nest--;
}

/* The condition of an if, loop or switch: an expression of its own. */
static void walk_condition(struct walk *w, tree cond, int depth)
{
	w->cog_last = 0;
	walk_expr(w, cond, depth);
}

/* @else_if: the whole else branch of another if, which keeps its level. */
static void walk_else(struct walk *w, tree els, int depth);

static void walk_if(struct walk *w, tree t, int depth, bool else_if)
{
	tree cond = COND_EXPR_COND(t);
	tree els = COND_EXPR_ELSE(t);
	bool saw;

	if (walk_const(w, cond)) {
		walk_paren_condition(w, t, !integer_zerop(walk_const(w, cond)));
		walk_stmt(w, integer_zerop(walk_const(w, cond)) ? els : COND_EXPR_THEN(t), depth);
		return;
	}
	walk_operator(w, KIND_IF);
	walk_decision(w, EXPR_LOCATION(t), else_if ? KIND_ELSE : KIND_IF);
	saw = w->saw_expect;
	w->saw_expect = false;
	walk_condition(w, cond, depth);
	if (w->saw_expect)
		walk_paren_condition(w, t, -1);
	w->saw_expect |= saw;
	walk_nested(w, COND_EXPR_THEN(t), depth);
	if (!els)
		return;
	walk_else(w, els, depth);
}

/*
 * Whether @t is an if statement: a COND_EXPR of no value, not a ?: whose
 * value is not used (c ? f () : g (); at its ':').
 */
static bool walk_is_if(struct walk *w, tree t)
{
	enum km_tok tok;

	if (TREE_CODE(t) != COND_EXPR || !VOID_TYPE_P(TREE_TYPE(t)))
		return false;
	if (EXPR_LOCATION(t) == UNKNOWN_LOCATION)
		return true;
	tok = km_logic_token(w->lg, EXPR_LOCATION(t));
	return tok != KM_TOK_COLON && tok != KM_TOK_QUERY;
}

/*
 * The else branch of an if at @depth: an else if keeps the chain's level;
 * a constant one is what it selects (else if (0) A else B is else B, else
 * if (1) A is else A, else if (0) A alone is no else at all).
 */
static void walk_else(struct walk *w, tree els, int depth)
{
	tree inner = walk_single_stmt(els);

	while (walk_is_if(w, inner) && walk_const(w, COND_EXPR_COND(inner))) {
		walk_paren_condition(w, inner, !integer_zerop(walk_const(w, COND_EXPR_COND(inner))));
		if (!integer_zerop(walk_const(w, COND_EXPR_COND(inner)))) {
			els = COND_EXPR_THEN(inner);
			break;
		}
		els = COND_EXPR_ELSE(inner);
		if (!els)
			return;
		inner = walk_single_stmt(els);
	}
	/* else if: not else { if }, which GCC's tree does not tell from it */
	if (walk_is_if(w, inner) && !walk_const(w, COND_EXPR_COND(inner))) {
		bool else_if = km_logic_after_else(w->lg, EXPR_LOCATION(inner)) == 1;

		walk_trace(w, else_if ? "else if" : "else { if }", EXPR_LOCATION(inner));
		if (else_if) {
			walk_if(w, inner, depth, true);
			return;
		}
	}
	walk_cognitive(w, KIND_ELSE);
	walk_nested(w, els, depth);
}

static bool walk_case_matches(tree label, tree value)
{
	tree lo = CASE_LOW(label), hi = CASE_HIGH(label);

	if (!lo)
		return false;
	if (!hi)
		return tree_int_cst_equal(lo, value);
	return !tree_int_cst_lt(value, lo) && !tree_int_cst_lt(hi, value);
}

/*
 * Whether control never goes on after @s: a return, goto or break, also
 * as the last statement of a block (GCC drops a break that follows one:
 * case 8: { ...; goto out; } break;).
 */
static bool walk_leaves(tree s)
{
	while (s && (TREE_CODE(s) == BIND_EXPR || TREE_CODE(s) == STATEMENT_LIST)) {
		if (TREE_CODE(s) == BIND_EXPR) {
			s = BIND_EXPR_BODY(s);
			continue;
		}
		tree_stmt_iterator i = tsi_last(s);

		while (!tsi_end_p(i) && TREE_CODE(tsi_stmt(i)) == DEBUG_BEGIN_STMT)
			tsi_prev(&i);
		s = tsi_end_p(i) ? NULL_TREE : tsi_stmt(i);
	}
	return s && (TREE_CODE(s) == RETURN_EXPR || TREE_CODE(s) == GOTO_EXPR ||
		     TREE_CODE(s) == BREAK_STMT);
}

/*
 * switch on a constant: only the code from the matching label (or default)
 * to the first break or return at the top of the body is compiled.
 */
static void walk_const_switch(struct walk *w, tree body, tree value, int depth)
{
	tree_stmt_iterator i;
	tree_stmt_iterator start;
	bool found = false, from_default = false, live = w->live_decls;

	/* the body's declarations: only those the live arm makes count (below) */
	while (body && TREE_CODE(body) == BIND_EXPR)
		body = BIND_EXPR_BODY(body);
	if (!body || TREE_CODE(body) != STATEMENT_LIST) {
		if (body && TREE_CODE(body) != CASE_LABEL_EXPR)
			walk_stmt(w, body, depth);
		return;
	}
	start = tsi_last(body);
	for (i = tsi_start(body); !tsi_end_p(i); tsi_next(&i)) {
		tree s = tsi_stmt(i);

		if (TREE_CODE(s) != CASE_LABEL_EXPR)
			continue;
		if (walk_case_matches(s, value)) {
			start = i;
			found = true;
			break;
		}
		if (!CASE_LOW(s) && !from_default) {
			start = i;
			from_default = true;
		}
	}
	if (!found && !from_default)
		return;
	w->live_decls = true;
	for (i = start; !tsi_end_p(i); tsi_next(&i)) {
		tree s = tsi_stmt(i);

		if (TREE_CODE(s) == CASE_LABEL_EXPR)
			continue;
		if (TREE_CODE(s) == BREAK_STMT)
			break;
		walk_stmt(w, s, depth);
		if (walk_leaves(s))
			break;
	}
	w->live_decls = live;
}

static void walk_switch(struct walk *w, tree cond, tree body, int depth)
{
	if (walk_const(w, cond)) {
		walk_const_switch(w, body, walk_const(w, cond), depth);
		return;
	}
	walk_operator(w, SWITCH_STMT);
	walk_cognitive(w, SWITCH_STMT);
	walk_condition(w, cond, depth);
	walk_nested(w, body, depth);
}

static void walk_case(struct walk *w, tree t)
{
	if (!CASE_LOW(t)) {
		walk_operator(w, KIND_DEFAULT);
		return;
	}
	walk_decision(w, EXPR_LOCATION(t), 0);
	walk_operator(w, KIND_CASE);
	walk_operand_const(w, CASE_LOW(t));
	if (CASE_HIGH(t))
		walk_operand_const(w, CASE_HIGH(t));
}

/*
 * A loop: a decision and a level when its condition is not constant.
 * A false constant condition runs a do-body once and a while/for body
 * never; a true or missing one is a loop with no decision and no level.
 */
static void walk_loop(struct walk *w, tree t, tree cond, tree body, tree incr,
		      int depth)
{
	tree value = cond ? walk_const(w, cond) : NULL_TREE;
	bool constant = !cond || value;

	if (value && TREE_CODE(t) == WHILE_STMT)	/* while (x && 0): x's && runs */
		walk_paren_condition(w, t, !integer_zerop(value));
	if (value && integer_zerop(value)) {
		if (TREE_CODE(t) == DO_STMT)
			walk_stmt(w, body, depth);
		return;
	}
	walk_operator(w, TREE_CODE(t));
	if (constant) {
		walk_stmt(w, body, depth);
		walk_expr(w, incr, depth);
		return;
	}
	walk_decision(w, EXPR_LOCATION(t), TREE_CODE(t));
	walk_condition(w, cond, depth);
	walk_nested(w, body, depth);
	w->cog_last = 0;
	walk_expr(w, incr, depth + 1);
}

/*
 * An OpenMP loop (-fopenmp): the for loop written, or the loops a
 * collapse(N) clause made one: each a decision and a level, as without
 * -fopenmp. (Its increment is GCC's i = i + 1 for i++: C3 may differ.)
 */
static void walk_omp_loop(struct walk *w, tree t, int depth)
{
	tree cond = OMP_FOR_COND(t);
	int i, n = cond ? TREE_VEC_LENGTH(cond) : 0;

	walk_stmt(w, OMP_FOR_PRE_BODY(t), depth);
	for (i = 0; i < n; i++) {
		walk_expr(w, TREE_VEC_ELT(OMP_FOR_INIT(t), i), depth + i);
		walk_operator(w, FOR_STMT);
		walk_decision(w, EXPR_LOCATION(t), FOR_STMT);
		walk_condition(w, TREE_VEC_ELT(cond, i), depth + i);
		walk_note_depth(w, depth + i + 1);
		w->cog_nest++;
	}
	walk_stmt(w, OMP_FOR_BODY(t), depth + n);
	for (i = 0; i < n; i++) {
		walk_expr(w, TREE_VEC_ELT(OMP_FOR_INCR(t), i), depth + n);
		w->cog_nest--;
	}
}

/*
 * OpenMP and OpenACC constructs: a loop one is the loops written; the
 * others (parallel, single, sections, task, ...) hold code as written, no
 * decision and no level of their own. True when @t was one.
 */
static bool walk_omp(struct walk *w, tree t, int depth)
{
	switch (TREE_CODE(t)) {
	case OMP_FOR: case OMP_SIMD: case OMP_DISTRIBUTE: case OMP_TASKLOOP:
	case OMP_LOOP: case OACC_LOOP:
		walk_omp_loop(w, t, depth);
		return true;
	case OMP_PARALLEL: case OMP_TASK: case OMP_TEAMS: case OMP_TARGET:
	case OMP_TARGET_DATA: case OMP_SECTIONS: case OMP_SECTION: case OMP_SINGLE:
	case OMP_MASTER: case OMP_CRITICAL: case OMP_ORDERED: case OMP_TASKGROUP:
	case OACC_PARALLEL: case OACC_KERNELS: case OACC_SERIAL: case OACC_DATA:
	case OACC_HOST_DATA:
		walk_stmt(w, TREE_OPERAND(t, 0), depth);	/* its body */
		return true;
	default:
		return false;
	}
}

static void walk_asm(struct walk *w, tree t, int depth)
{
	tree l;

	walk_operator(w, ASM_EXPR);
	for (l = ASM_OUTPUTS(t); l; l = TREE_CHAIN(l))
		walk_expr(w, TREE_VALUE(l), depth);
	for (l = ASM_INPUTS(t); l; l = TREE_CHAIN(l))
		walk_expr(w, TREE_VALUE(l), depth);
	for (l = ASM_LABELS(t); l; l = TREE_CHAIN(l))
		walk_decision(w, EXPR_LOCATION(t), 0);	/* asm goto: one per label */
}

static void walk_return(struct walk *w, tree t, int depth)
{
	tree val = TREE_OPERAND(t, 0);

	walk_operator(w, KIND_RETURN);
	if (val && (TREE_CODE(val) == MODIFY_EXPR || TREE_CODE(val) == INIT_EXPR) &&
	    TREE_CODE(TREE_OPERAND(val, 0)) == RESULT_DECL)
		val = TREE_OPERAND(val, 1);
	walk_expr(w, val, depth);
}

void walk_stmt(struct walk *w, tree t, int depth)
{
	tree_stmt_iterator i;

	if (!t)
		return;
	w->cog_last = 0;	/* each statement's && and || are runs of their own */
	switch (TREE_CODE(t)) {
	case STATEMENT_LIST:
		for (i = tsi_start(t); !tsi_end_p(i); tsi_next(&i))
			walk_stmt(w, tsi_stmt(i), depth);
		return;
	case BIND_EXPR:
		walk_bind(w, t, depth);
		return;
	case DECL_EXPR:
		walk_decl_expr(w, t, depth);
		return;
	case COND_EXPR:
		if (walk_is_sanitizer_check(t))
			return;
		if (walk_is_if(w, t))
			walk_if(w, t, depth, false);
		else
			walk_expr(w, t, depth);		/* a ?: as a statement */
		return;
	case SWITCH_STMT:
		walk_switch(w, SWITCH_STMT_COND(t), SWITCH_STMT_BODY(t), depth);
		return;
	case SWITCH_EXPR:
		walk_switch(w, SWITCH_COND(t), SWITCH_BODY(t), depth);
		return;
	case CASE_LABEL_EXPR:
		walk_case(w, t);
		return;
	case FOR_STMT:
		walk_stmt(w, FOR_INIT_STMT(t), depth);
		walk_loop(w, t, FOR_COND(t), FOR_BODY(t), FOR_EXPR(t), depth);
		return;
	case WHILE_STMT:
		walk_loop(w, t, WHILE_COND(t), WHILE_BODY(t), NULL_TREE, depth);
		return;
	case DO_STMT:
		walk_loop(w, t, DO_COND(t), DO_BODY(t), NULL_TREE, depth);
		return;
	case BREAK_STMT:
	case CONTINUE_STMT:
		walk_operator(w, TREE_CODE(t));
		return;
	case GOTO_EXPR:
		walk_operator(w, GOTO_EXPR);
		walk_cognitive(w, KIND_ELSE);	/* +1, no nesting */
		if (TREE_CODE(GOTO_DESTINATION(t)) != LABEL_DECL)
			walk_expr(w, GOTO_DESTINATION(t), depth);	/* computed goto */
		return;
	case RETURN_EXPR:
		walk_return(w, t, depth);
		return;
	case ASM_EXPR:
		walk_asm(w, t, depth);
		return;
	case LABEL_EXPR:
	case DEBUG_BEGIN_STMT:
		return;
	default:
		if (!walk_omp(w, t, depth))
			walk_expr(w, t, depth);	/* an expression statement */
		return;
	}
}

static long walk_count_params(tree fndecl)
{
	long n = 0;
	tree p;

	for (p = DECL_ARGUMENTS(fndecl); p; p = DECL_CHAIN(p))
		n++;
	return n;
}

/* For logic.c: whether the walk takes @cond as constant. */
static bool walk_is_constant(void *ctx, tree cond)
{
	return walk_const((struct walk *)ctx, cond) != NULL_TREE;
}

bool km_measure_function(tree fndecl, struct km_fn *fn, struct km_logic *lg, bool trace)
{
	struct walk w;
	bool ok;
	hash_set<tree> saves;

	memset(&w, 0, sizeof(w));
	w.fndecl = fndecl;
	w.fn = fn;
	w.lg = lg;
	w.edges_only = !fn->u.main_file;
	w.trace = trace;
	w.saves = &saves;
	km_halstead_init(&w.n.hal);
	km_logic_set_body(lg, DECL_SAVED_TREE(fndecl), trace, walk_is_constant, &w);

	walk_stmt(&w, DECL_SAVED_TREE(fndecl), 0);
	w.found.release();
	delete w.consts;

	ok = !km_unit_measured(&fn->u, walk_count_params(fndecl), &w.n);
	return ok && !w.oom;
}

void km_fn_release(struct km_fn *fn)
{
	km_unit_fn_release(&fn->u);
}
