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
 *   and the call and address-reference edges out of the body.
 *
 * A construct whose condition is an integer constant (do { } while (0),
 * if (0), if (IS_ENABLED(CONFIG_X)) with X off, switch (sizeof(x))) is no
 * decision and no level, and the code it makes unreachable is not walked.
 *
 * When optimising, GCC 12's front end folds some "a || b" conditions
 * before any plugin sees them: at -O2 into TRUTH_OR_EXPR (it asks for the
 * branch cost when optimising for speed), which counts as ||, and from -O1
 * on into range and bit tests that keep no trace of the operator but its
 * location. Such a node's location still points at the && or || token and
 * its source range covers the whole condition, so the operators are
 * counted from the source text of that range (or, without the source, one
 * for the folded test, recognised by its shape).
 *
 * Debug: -fplugin-arg-kmetrics-debug prints each record as it is written.
 */
#include "kmetrics.h"

enum walk_kind {
	/* Operator kinds past the tree codes (MAX_TREE_CODES is 512). */
	KIND_IF = 900,
	KIND_TERNARY,
	KIND_CAST,
	KIND_CASE,
	KIND_DEFAULT,
	KIND_LOGAND,
	KIND_LOGOR,
	KIND_RETURN,
	KIND_ASSIGN,
};

struct walk {
	tree fndecl;
	struct km_fn *fn;
	struct km_halstead hal;
	long decisions, max_depth, locals, self_calls;
	hash_set<tree> *saves;			/* SAVE_EXPRs already walked */
	hash_set<int_hash<location_t, 0, UINT_MAX> > *logic_locs;
};

static void walk_stmt(struct walk *w, tree t, int depth);
static void walk_expr(struct walk *w, tree t, int depth);

static void walk_note_depth(struct walk *w, int depth)
{
	if (depth > w->max_depth)
		w->max_depth = depth;
}

static void walk_operator(struct walk *w, unsigned kind)
{
	km_halstead_operator(&w->hal, kind);
}

static void walk_operand_decl(struct walk *w, tree decl)
{
	km_halstead_operand(&w->hal, (uint64_t)(uintptr_t)decl);
}

static void walk_operand_const(struct walk *w, tree t)
{
	uint64_t key;

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

/* A statement list reduced to its one real statement, debug markers aside. */
static tree walk_single_stmt(tree t)
{
	tree_stmt_iterator i;
	tree only = NULL_TREE;

	while (t && TREE_CODE(t) == STATEMENT_LIST) {
		only = NULL_TREE;
		for (i = tsi_start(t); !tsi_end_p(i); tsi_next(&i)) {
			tree s = tsi_stmt(i);

			if (TREE_CODE(s) == DEBUG_BEGIN_STMT)
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

/* ---- && and || that the front end folded away at -O2 ---- */

/*
 * 1 when the text at @loc's spelling point starts with "&&", 2 for "||",
 * 0 for anything else, -1 when the source cannot be read (a distcc server
 * compiling a preprocessed file whose sources stayed on the client).
 */
static int walk_logic_token_at(location_t loc)
{
	expanded_location xl;
	char_span line(NULL, 0);
	const char *p;

	if (loc == UNKNOWN_LOCATION || loc == BUILTINS_LOCATION)
		return 0;
	xl = expand_location_to_spelling_point(loc);
	if (!xl.file || xl.line <= 0 || xl.column <= 0)
		return 0;
	line = location_get_source_line(xl.file, xl.line);
	if (!line)
		return -1;
	if (line.length() < (size_t)xl.column + 1)
		return 0;
	p = line.get_buffer() + xl.column - 1;
	if (p[0] == '&' && p[1] == '&')
		return 1;
	if (p[0] == '|' && p[1] == '|')
		return 2;
	return 0;
}

/*
 * && and || tokens of one source line between two offsets; *@quote carries
 * an open string, character constant or block comment ('*') across lines.
 */
static long walk_count_logic_text(const char *p, size_t len, size_t from,
				  size_t to, char *quote)
{
	long n = 0;
	size_t i;

	for (i = from; i < to && i < len; i++) {
		char c = p[i];

		if (*quote == '*') {		/* inside a block comment */
			if (c == '*' && i + 1 < len && p[i + 1] == '/') {
				*quote = 0;
				i++;
			}
			continue;
		}
		if (*quote) {
			if (c == '\\')
				i++;
			else if (c == *quote)
				*quote = 0;
			continue;
		}
		if (c == '"' || c == '\'') {
			*quote = c;
		} else if (c == '/' && i + 1 < len && p[i + 1] == '*') {
			*quote = '*';
			i++;
		} else if (c == '/' && i + 1 < len && p[i + 1] == '/') {
			break;
		} else if ((c == '&' || c == '|') && i + 1 < to && i + 1 < len && p[i + 1] == c) {
			n++;
			i++;
		}
	}
	return n;
}

/* && and || written in @loc's source range, or 0 when it cannot be read. */
static long walk_logic_ops_in_range(location_t loc)
{
	source_range r = get_range_from_loc(line_table, loc);
	expanded_location s, f;
	char quote = 0;
	long n = 0;
	int l;

	if (linemap_location_from_macro_expansion_p(line_table, r.m_start) ||
	    linemap_location_from_macro_expansion_p(line_table, r.m_finish))
		return 0;
	s = expand_location(r.m_start);
	f = expand_location(r.m_finish);
	if (!s.file || !f.file || strcmp(s.file, f.file) || s.line <= 0 ||
	    f.line < s.line || f.line - s.line > 200)
		return 0;
	for (l = s.line; l <= f.line; l++) {
		char_span line = location_get_source_line(s.file, l);
		size_t from = l == s.line ? (size_t)(s.column > 0 ? s.column - 1 : 0) : 0;
		size_t to = l == f.line ? (size_t)f.column + 1 : (size_t)-1;

		if (!line)
			return 0;
		n += walk_count_logic_text(line.get_buffer(), line.length(), from, to, &quote);
	}
	return n;
}

static long walk_count_truth_nodes(tree t)
{
	long n = 0;
	int i;

	if (!t || !EXPR_P(t))
		return 0;
	switch (TREE_CODE(t)) {
	case TRUTH_ANDIF_EXPR: case TRUTH_AND_EXPR:
	case TRUTH_ORIF_EXPR: case TRUTH_OR_EXPR:
		n = 1;
		break;
	default:
		break;
	}
	for (i = 0; i < TREE_OPERAND_LENGTH(t); i++)
		n += walk_count_truth_nodes(TREE_OPERAND(t, i));
	return n;
}

static bool walk_is_fold_code(enum tree_code code)
{
	switch (code) {
	case BIT_AND_EXPR: case BIT_IOR_EXPR: case BIT_XOR_EXPR:
	case PLUS_EXPR: case MINUS_EXPR:
	case NE_EXPR: case EQ_EXPR: case LT_EXPR: case LE_EXPR:
	case GT_EXPR: case GE_EXPR:
		return true;
	default:
		return false;
	}
}

/*
 * A test a fold merged: the fold builds the new test's operands with the
 * location of the operator it replaced, or with none, while an operation
 * as written never shares its operator's location with an operand and
 * always has one. && when a bitwise and is part of it, || otherwise.
 */
static int walk_logic_by_shape(tree t, location_t loc)
{
	bool shared = false, has_and = TREE_CODE(t) == BIT_AND_EXPR;
	int i;

	for (i = 0; i < TREE_OPERAND_LENGTH(t); i++) {
		tree op = TREE_OPERAND(t, i);

		if (!op || !EXPR_P(op) || !walk_is_fold_code(TREE_CODE(op)))
			continue;
		/* an operand made by the fold: its location or none at all */
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

/* Count @n && or || operators of the kind @kind. */
static void walk_count_logic(struct walk *w, unsigned kind, long n)
{
	w->decisions += n;
	while (n-- > 0)
		walk_operator(w, kind);
}

/*
 * Every && and || written counts once, by its token's location: the set
 * logic_locs holds those already counted. A comparison or bit operation
 * that carries such a location stands where the operator was written: a
 * truth test the fold moved (!(a && b) becomes a == 0 || b == 0, with the
 * && location on the comparisons), counted once; or several operators the
 * fold merged into one test (shape: an operand shares its location),
 * counted from the source text of its range. True when it counted @t.
 */
static bool walk_folded_logic(struct walk *w, tree t)
{
	location_t loc = get_pure_location(EXPR_LOCATION(t));
	long n = 1, text, inner;
	int tok, shape;

	if (!walk_is_fold_code(TREE_CODE(t)) || TREE_CODE(t) == PLUS_EXPR ||
	    TREE_CODE(t) == MINUS_EXPR)
		return false;
	if (loc == UNKNOWN_LOCATION || w->logic_locs->contains(loc))
		return false;
	tok = walk_logic_token_at(loc);
	shape = walk_logic_by_shape(t, loc);
	if (tok < 0)
		tok = shape;		/* no source: the shape alone tells */
	else if (shape) {
		/* merged: the operators of its text, less those still there */
		text = walk_logic_ops_in_range(EXPR_LOCATION(t));
		inner = walk_count_truth_nodes(t);
		if (text - inner > 1)
			n = text - inner;
		if (!tok && text - inner > 0)	/* !(a || b) into (a | b) == 0 */
			tok = shape;
	}
	if (tok <= 0)
		return false;
	w->logic_locs->add(loc);
	walk_count_logic(w, tok == 1 ? KIND_LOGAND : KIND_LOGOR, n);
	return true;
}

/* ---- expressions ---- */

static tree walk_direct_callee(tree fn)
{
	while (fn && (CONVERT_EXPR_P(fn) || TREE_CODE(fn) == NON_LVALUE_EXPR))
		fn = TREE_OPERAND(fn, 0);
	if (fn && TREE_CODE(fn) == ADDR_EXPR &&
	    TREE_CODE(TREE_OPERAND(fn, 0)) == FUNCTION_DECL)
		return TREE_OPERAND(fn, 0);
	return NULL_TREE;
}

static void walk_call(struct walk *w, tree t, int depth)
{
	tree callee = walk_direct_callee(CALL_EXPR_FN(t));
	int i;

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

static void walk_decl_ref(struct walk *w, tree t)
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

static void walk_ternary(struct walk *w, tree t, int depth)
{
	tree cond = TREE_OPERAND(t, 0);

	if (TREE_CODE(cond) == INTEGER_CST) {
		walk_expr(w, integer_zerop(cond) ? TREE_OPERAND(t, 2) : TREE_OPERAND(t, 1), depth);
		return;
	}
	w->decisions++;
	walk_operator(w, KIND_TERNARY);
	walk_expr(w, cond, depth);
	walk_expr(w, TREE_OPERAND(t, 1), depth);
	walk_expr(w, TREE_OPERAND(t, 2), depth);
}

/*
 * The truth tests below a && or || node that a fold rebuilt: they carry the
 * operator's location that the rebuilt node lost, and are not counted again
 * (a test that merged several operators is, see walk_folded_logic).
 */
static void walk_claim_moved_tests(struct walk *w, tree t)
{
	location_t loc;
	int i;

	if (!t || !EXPR_P(t))
		return;
	loc = get_pure_location(EXPR_LOCATION(t));
	if (loc != UNKNOWN_LOCATION && walk_is_fold_code(TREE_CODE(t)) &&
	    !walk_logic_by_shape(t, loc) && walk_logic_token_at(loc) > 0)
		w->logic_locs->add(loc);
	for (i = 0; i < TREE_OPERAND_LENGTH(t); i++)
		walk_claim_moved_tests(w, TREE_OPERAND(t, i));
}

/*
 * A && or || node: one operator. Its location is its operator's, so no
 * fold that kept the location counts it again. A fold may rebuild one
 * elsewhere: __builtin_expect (a || b, 0), the kernel's unlikely (a || b),
 * becomes __builtin_expect (a != 0, 0) || __builtin_expect (b != 0, 0)
 * with no location, and !(a && b) becomes a == 0 || b == 0 at the '!';
 * the operator's location then moved into the truth tests below it.
 */
static void walk_logic(struct walk *w, tree t, int depth, unsigned kind)
{
	location_t loc = get_pure_location(EXPR_LOCATION(t));

	if (loc != UNKNOWN_LOCATION && walk_logic_token_at(loc) != 0)
		w->logic_locs->add(loc);
	else
		walk_claim_moved_tests(w, t);
	walk_count_logic(w, kind, 1);
	walk_expr(w, TREE_OPERAND(t, 0), depth);
	walk_expr(w, TREE_OPERAND(t, 1), depth);
}

static void walk_operands(struct walk *w, tree t, int depth)
{
	int i;

	for (i = 0; i < TREE_OPERAND_LENGTH(t); i++)
		walk_expr(w, TREE_OPERAND(t, i), depth);
}

static void walk_expr(struct walk *w, tree t, int depth)
{
	unsigned HOST_WIDE_INT ix;
	tree val;

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
	switch (TREE_CODE(t)) {
	case STATEMENT_LIST:
	case BIND_EXPR:
	case DECL_EXPR:
	case RETURN_EXPR:
	case GOTO_EXPR:
	case LABEL_EXPR:
	case CASE_LABEL_EXPR:
	case ASM_EXPR:
	case FOR_STMT: case WHILE_STMT: case DO_STMT:
	case SWITCH_STMT: case SWITCH_EXPR:
	case BREAK_STMT: case CONTINUE_STMT:
	case DEBUG_BEGIN_STMT:
		walk_stmt(w, t, depth);	/* inside a statement expression */
		return;
	case SAVE_EXPR:
		if (w->saves->add(t))
			return;
		walk_expr(w, TREE_OPERAND(t, 0), depth);
		return;
	case TARGET_EXPR:
		walk_expr(w, TARGET_EXPR_INITIAL(t), depth);
		return;
	case NON_LVALUE_EXPR:
	case EXCESS_PRECISION_EXPR:
	case PAREN_EXPR:
		walk_expr(w, TREE_OPERAND(t, 0), depth);
		return;
	case COMPOUND_LITERAL_EXPR:
		walk_expr(w, DECL_INITIAL(COMPOUND_LITERAL_EXPR_DECL(t)), depth);
		return;
	case CONSTRUCTOR:
		FOR_EACH_CONSTRUCTOR_VALUE(CONSTRUCTOR_ELTS(t), ix, val)
			walk_expr(w, val, depth);
		return;
	case TREE_LIST:
		for (; t; t = TREE_CHAIN(t))
			walk_expr(w, TREE_VALUE(t), depth);
		return;
	case CALL_EXPR:
		walk_call(w, t, depth);
		return;
	case COND_EXPR:
		walk_ternary(w, t, depth);
		return;
	case MIN_EXPR: case MAX_EXPR: case ABS_EXPR: case ABSU_EXPR:
		/* a ?: the front end folded: still a decision */
		w->decisions++;
		walk_operator(w, KIND_TERNARY);
		walk_operands(w, t, depth);
		return;
	case TRUTH_ANDIF_EXPR: case TRUTH_AND_EXPR:
		walk_logic(w, t, depth, KIND_LOGAND);
		return;
	case TRUTH_ORIF_EXPR: case TRUTH_OR_EXPR:
		walk_logic(w, t, depth, KIND_LOGOR);
		return;
	case NOP_EXPR: case CONVERT_EXPR: case FLOAT_EXPR:
	case FIX_TRUNC_EXPR: case VIEW_CONVERT_EXPR:
		walk_operator(w, KIND_CAST);
		walk_expr(w, TREE_OPERAND(t, 0), depth);
		return;
	case MODIFY_EXPR: case INIT_EXPR:
		walk_operator(w, KIND_ASSIGN);
		walk_operands(w, t, depth);
		return;
	case PREINCREMENT_EXPR: case PREDECREMENT_EXPR:
	case POSTINCREMENT_EXPR: case POSTDECREMENT_EXPR:
		/* operand 1 is the step the front end adds, not written */
		walk_operator(w, TREE_CODE(t));
		walk_expr(w, TREE_OPERAND(t, 0), depth);
		return;
	case ADDR_EXPR:
		walk_operator(w, ADDR_EXPR);
		walk_expr(w, TREE_OPERAND(t, 0), depth);
		return;
	default:
		break;
	}
	if (!EXPR_P(t))
		return;			/* types, identifiers, ... */
	if (walk_folded_logic(w, t)) {
		walk_operands(w, t, depth);
		return;
	}
	walk_operator(w, TREE_CODE(t));
	walk_operands(w, t, depth);
}

/* ---- statements ---- */

/* C9: named variables the user (or a macro) declared, static ones too. */
static void walk_count_locals(struct walk *w, tree bind)
{
	tree v;

	for (v = BIND_EXPR_VARS(bind); v; v = DECL_CHAIN(v))
		if (TREE_CODE(v) == VAR_DECL && DECL_NAME(v) &&
		    !DECL_ARTIFICIAL(v) && !DECL_EXTERNAL(v))
			w->locals++;
}

static void walk_bind(struct walk *w, tree t, int depth)
{
	walk_count_locals(w, t);
	walk_stmt(w, BIND_EXPR_BODY(t), depth);
}

static void walk_decl_expr(struct walk *w, tree t, int depth)
{
	tree decl = DECL_EXPR_DECL(t);

	if (TREE_CODE(decl) != VAR_DECL || !DECL_INITIAL(decl) || DECL_EXTERNAL(decl))
		return;
	walk_operator(w, KIND_ASSIGN);
	walk_decl_ref(w, decl);
	walk_expr(w, DECL_INITIAL(decl), depth);
}

static void walk_if(struct walk *w, tree t, int depth)
{
	tree cond = COND_EXPR_COND(t);
	tree els = COND_EXPR_ELSE(t);
	tree inner;

	if (TREE_CODE(cond) == INTEGER_CST) {
		walk_stmt(w, integer_zerop(cond) ? els : COND_EXPR_THEN(t), depth);
		return;
	}
	w->decisions++;
	walk_operator(w, KIND_IF);
	walk_expr(w, cond, depth);
	walk_note_depth(w, depth + 1);
	walk_stmt(w, COND_EXPR_THEN(t), depth + 1);
	if (!els)
		return;
	inner = walk_single_stmt(els);
	if (TREE_CODE(inner) == COND_EXPR && VOID_TYPE_P(TREE_TYPE(inner)))
		walk_if(w, inner, depth);	/* else if: the parent's level */
	else
		walk_stmt(w, els, depth + 1);
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
 * switch on a constant: only the code from the matching label (or default)
 * to the first break or return at the top of the body is compiled.
 */
static void walk_const_switch(struct walk *w, tree body, tree value, int depth)
{
	tree_stmt_iterator i;
	tree_stmt_iterator start;
	bool found = false, from_default = false;

	while (body && TREE_CODE(body) == BIND_EXPR) {
		walk_count_locals(w, body);
		body = BIND_EXPR_BODY(body);
	}
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
	for (i = start; !tsi_end_p(i); tsi_next(&i)) {
		tree s = tsi_stmt(i);

		if (TREE_CODE(s) == CASE_LABEL_EXPR)
			continue;
		if (TREE_CODE(s) == BREAK_STMT)
			return;
		walk_stmt(w, s, depth);
		if (TREE_CODE(s) == RETURN_EXPR || TREE_CODE(s) == GOTO_EXPR)
			return;
	}
}

static void walk_switch(struct walk *w, tree cond, tree body, int depth)
{
	if (TREE_CODE(cond) == INTEGER_CST) {
		walk_const_switch(w, body, cond, depth);
		return;
	}
	walk_operator(w, SWITCH_STMT);
	walk_expr(w, cond, depth);
	walk_note_depth(w, depth + 1);
	walk_stmt(w, body, depth + 1);
}

static void walk_case(struct walk *w, tree t)
{
	if (!CASE_LOW(t)) {
		walk_operator(w, KIND_DEFAULT);
		return;
	}
	w->decisions++;
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
	bool constant = !cond || TREE_CODE(cond) == INTEGER_CST;

	if (constant && cond && integer_zerop(cond)) {
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
	w->decisions++;
	walk_expr(w, cond, depth);
	walk_note_depth(w, depth + 1);
	walk_stmt(w, body, depth + 1);
	walk_expr(w, incr, depth + 1);
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
		w->decisions++;		/* asm goto: one per label */
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

static void walk_stmt(struct walk *w, tree t, int depth)
{
	tree_stmt_iterator i;

	if (!t)
		return;
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
		walk_if(w, t, depth);
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

bool km_measure_function(tree fndecl, struct km_fn *fn)
{
	struct walk w;
	hash_set<tree> saves;
	hash_set<int_hash<location_t, 0, UINT_MAX> > logic_locs;

	memset(&w, 0, sizeof(w));
	w.fndecl = fndecl;
	w.fn = fn;
	w.saves = &saves;
	w.logic_locs = &logic_locs;
	km_halstead_init(&w.hal);

	walk_stmt(&w, DECL_SAVED_TREE(fndecl), 0);

	fn->rec.params = walk_count_params(fndecl);
	fn->rec.cyclomatic = 1 + w.decisions;
	fn->rec.halstead = km_halstead_result(&w.hal);
	fn->rec.self_calls = w.self_calls;
	fn->rec.locals = w.locals;
	fn->rec.nesting = 1 + w.max_depth;
	fn->hal_n1 = w.hal.n1;
	fn->hal_n2 = km_halstead_n2(&w.hal);
	fn->hal_N1 = w.hal.N1;
	fn->hal_N2 = w.hal.N2;
	fn->nloc = fn->macro_decisions = fn->cognitive = -1;
	km_halstead_free(&w.hal);
	return !w.hal.oom;
}

void km_fn_release(struct km_fn *fn)
{
	free(fn->edges);
	fn->edges = NULL;
	fn->nedges = fn->edges_cap = 0;
}
