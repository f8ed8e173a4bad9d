// SPDX-License-Identifier: GPL-2.0
/*
 * walk.c - one walk over a function body in Clang's AST, measuring what
 * SPEC.md asks of a body, as README's "How the plugin measures" defines
 * it (the same definitions the GCC plugin reads off GCC's tree):
 *
 *   C2  decisions: if, ?:, loops with a condition, case labels, && and ||
 *       as written (Clang's AST keeps them as written: no token census),
 *       asm goto labels
 *   C3  Halstead operators and operands (counted here, found by
 *       walk_expr.c and walk_truth.c)
 *   C8  direct self calls
 *   C9  named local variables, static ones too, not extern ones
 *   C10 1 + the deepest nesting of if/else, switch and loops
 *   and the call and address-reference edges out of the body, the Halstead
 *   parts, the decisions a macro wrote and Cognitive Complexity.
 *
 * A construct whose condition is constant (walk_const.c: do { } while (0),
 * if (0), if (IS_ENABLED(CONFIG_X)), switch (sizeof(x)), a const local's
 * value) is no decision
 * and no level, and the code it makes unreachable is not walked; of a
 * switch on a constant only the matching label's code up to the first
 * break or return counts.
 *
 * Debug: -fplugin-arg-kmetrics-debug prints each record as it is written.
 */
#include "walk.h"

#include "clang/Basic/Builtins.h"

using namespace clang;

void walk_note_depth(struct walk *w, int depth)
{
	if (depth > w->n.max_depth)
		w->n.max_depth = depth;
}

/* ---- operators, operands, decisions ---- */

void walk_operator(struct walk *w, unsigned kind)
{
	if (!w->edges_only)
		km_halstead_operator(&w->n.hal, kind);
}

void walk_operand_decl(struct walk *w, const void *decl)
{
	if (!w->edges_only)
		km_halstead_operand(&w->n.hal, (uint64_t)(uintptr_t)decl);
}

/* A constant by value, whatever its type (GCC's INTEGER_CST elements). */
void walk_operand_int(struct walk *w, const llvm::APSInt &v)
{
	llvm::APInt x = v.isSigned() ? v.sext(128) : v.zext(128);
	uint64_t words[2] = { x.getRawData()[0], x.getRawData()[1] };

	if (!w->edges_only)
		km_halstead_operand(&w->n.hal, km_hash_bytes(1, words, sizeof(words)));
}

void walk_operand_bytes(struct walk *w, uint64_t tag, const char *p, size_t len)
{
	if (!w->edges_only)
		km_halstead_operand(&w->n.hal, km_hash_bytes(tag, p, len));
}

/* ---- decisions and cognitive increments ---- */

void walk_cognitive(struct walk *w, unsigned kind)
{
	if (!w->edges_only && !w->copy)	/* a header's function has no measures */
		w->n.cognitive += 1 + (kind == K_ELSE ? 0 : w->cog_nest);
}

/*
 * Whether @loc was written in a macro's definition: not in the function's
 * own text, nor in a macro argument written there.
 */
static bool walk_from_macro(SourceManager &sm, SourceLocation loc)
{
	while (loc.isMacroID()) {
		if (!sm.isMacroArgExpansion(loc))
			return true;
		loc = sm.getImmediateSpellingLoc(loc);
	}
	return false;
}

void walk_decision(struct walk *w, SourceLocation loc, unsigned cog_kind)
{
	if (w->copy)
		return;		/* each written decision counts once */
	w->n.decisions++;
	if (!w->edges_only && walk_from_macro(*w->sm, loc))
		w->n.macro_decisions++;
	if (cog_kind)
		walk_cognitive(w, cog_kind);
}

/* ---- statements ---- */

/* C9 and the initialisers of a declaration statement. */
static void walk_decls(struct walk *w, const DeclStmt *ds, int depth)
{
	for (const Decl *d : ds->decls()) {
		const VarDecl *vd = dyn_cast<VarDecl>(d);

		if (!vd || vd->hasExternalStorage())
			continue;
		w->cog_last = 0;	/* each declarator is a statement of its own (GCC's DECL_EXPR) */
		if (vd->getIdentifier() && !vd->isImplicit() && !w->copy)
			w->n.locals++;
		/* a variable length array's size: GCC's (void) SAVE_EXPR <n> */
		for (const Type *t = vd->getType().getTypePtr();
		     const VariableArrayType *va = dyn_cast<VariableArrayType>(t);
		     t = va->getElementType().getTypePtr())
			walk_expr(w, va->getSizeExpr(), depth);
		walk_var_init(w, vd, depth);
	}
}

/* A body one level deeper, for C10 and for cognitive nesting. */
static void walk_nested(struct walk *w, const Stmt *body, int depth)
{
	walk_note_depth(w, depth + 1);
	w->cog_nest++;
	walk_stmt(w, body, depth + 1);
	w->cog_nest--;
}

/* The condition of an if or loop: a truth value, an expression of its own. */
static void walk_condition(struct walk *w, const Expr *cond, int depth)
{
	w->cog_last = 0;
	walk_truth(w, cond, depth, false);
}

/* The statement @s stands for once compound blocks of one statement are opened. */
static const Stmt *walk_single(const Stmt *s)
{
	while (s && isa<CompoundStmt>(s) && cast<CompoundStmt>(s)->size() == 1)
		s = cast<CompoundStmt>(s)->body_front();
	return s;
}

static void walk_if(struct walk *w, const IfStmt *s, int depth, bool else_if);

/*
 * The else branch of an if at @depth: an else if keeps the chain's level,
 * else { if } with braces is an else holding an if (README's readings);
 * a constant one is what it selects (else if (0) A else B is else B, else
 * if (1) A is else A, else if (0) A alone is no else at all). @chained:
 * the if found is the one an else keyword heads, no brace in between.
 */
static void walk_else(struct walk *w, const Stmt *els, int depth)
{
	const Stmt *inner = walk_single(els);
	bool chained = inner == els;
	llvm::APSInt v;

	while (inner && isa<IfStmt>(inner) &&
	       walk_is_constant(w, cast<IfStmt>(inner)->getCond(), &v)) {
		const IfStmt *i = cast<IfStmt>(inner);

		if (v != 0) {
			els = i->getThen();
			chained = false;
			break;
		}
		els = i->getElse();
		if (!els)
			return;
		inner = walk_single(els);
		chained = inner == els;
	}
	if (chained && inner && isa<IfStmt>(inner) &&
	    !walk_is_constant(w, cast<IfStmt>(inner)->getCond(), &v)) {
		walk_if(w, cast<IfStmt>(inner), depth, true);
		return;
	}
	walk_cognitive(w, K_ELSE);
	walk_nested(w, els, depth);
}

static void walk_if(struct walk *w, const IfStmt *s, int depth, bool else_if)
{
	llvm::APSInt v;

	if (walk_is_constant(w, s->getCond(), &v)) {
		walk_stmt(w, v != 0 ? s->getThen() : s->getElse(), depth);
		return;
	}
	walk_operator(w, K_IF);
	walk_decision(w, s->getIfLoc(), else_if ? K_ELSE : K_IF);
	walk_condition(w, s->getCond(), depth);
	walk_nested(w, s->getThen(), depth);
	if (s->getElse())
		walk_else(w, s->getElse(), depth);
}

/* The statement under a chain of case and default labels. */
static const Stmt *walk_unlabel(const Stmt *s)
{
	while (s && isa<SwitchCase>(s))
		s = cast<SwitchCase>(s)->getSubStmt();
	return s;
}

/* Whether one of the case labels heading @s matches @v (0: no, 1: yes, 2: default). */
static int walk_labels_match(struct walk *w, const Stmt *s, const llvm::APSInt &v)
{
	int dflt = 0;

	for (; s && isa<SwitchCase>(s); s = cast<SwitchCase>(s)->getSubStmt()) {
		const CaseStmt *c = dyn_cast<CaseStmt>(s);
		llvm::APSInt lo, hi;

		if (!c) {
			dflt = 2;
			continue;
		}
		if (!walk_is_constant(w, c->getLHS(), &lo))
			continue;
		hi = lo;
		if (c->getRHS() && !walk_is_constant(w, c->getRHS(), &hi))
			continue;
		if (llvm::APSInt::compareValues(v, lo) >= 0 && llvm::APSInt::compareValues(v, hi) <= 0)
			return 1;
	}
	return dflt;
}

/* Whether control never goes on after @s: a return, goto or break, also as a block's last. */
static bool walk_leaves(const Stmt *s)
{
	s = walk_unlabel(s);
	while (s && isa<CompoundStmt>(s)) {
		const CompoundStmt *c = cast<CompoundStmt>(s);

		s = c->size() ? walk_unlabel(c->body_back()) : NULL;
	}
	return s && (isa<ReturnStmt>(s) || isa<GotoStmt>(s) || isa<BreakStmt>(s));
}

/*
 * switch on a constant: the matching label's (or default's) code to the
 * first break or return; only its declarations count in C9.
 */
static void walk_const_switch(struct walk *w, const Stmt *body, const llvm::APSInt &v, int depth)
{
	const CompoundStmt *c = dyn_cast_or_null<CompoundStmt>(body);
	const Stmt *const *start = NULL, *const *it;

	if (!c) {
		if (body && walk_labels_match(w, body, v))
			walk_stmt(w, walk_unlabel(body), depth);
		return;
	}
	for (it = c->body_begin(); it != c->body_end(); ++it) {
		int m = walk_labels_match(w, *it, v);

		if (m == 1 || (m == 2 && !start))
			start = it;
		if (m == 1)
			break;
	}
	if (!start)
		return;
	for (it = start; it != c->body_end(); ++it) {
		const Stmt *s = walk_unlabel(*it);

		if (!s || isa<BreakStmt>(s))
			return;
		walk_stmt(w, s, depth);	/* the live arm's declarations are the locals */
		if (walk_leaves(s))
			return;
	}
}

static void walk_switch(struct walk *w, const SwitchStmt *s, int depth)
{
	llvm::APSInt v;

	if (walk_is_constant(w, s->getCond(), &v)) {
		walk_const_switch(w, s->getBody(), v, depth);
		return;
	}
	walk_operator(w, K_SWITCH);
	walk_cognitive(w, K_SWITCH);
	w->cog_last = 0;
	walk_expr(w, s->getCond(), depth);
	walk_nested(w, s->getBody(), depth);
}

static void walk_case(struct walk *w, const CaseStmt *c, int depth)
{
	llvm::APSInt v;

	walk_decision(w, c->getKeywordLoc(), 0);
	walk_operator(w, K_CASE);
	if (walk_is_constant(w, c->getLHS(), &v))
		walk_operand_int(w, v);
	if (c->getRHS() && walk_is_constant(w, c->getRHS(), &v))
		walk_operand_int(w, v);
	walk_stmt(w, c->getSubStmt(), depth);
}

/*
 * A loop: a decision and a level when its condition is not constant. A
 * false constant condition runs a do-body once and a while/for body never;
 * a true or missing one is a loop with no decision and no level.
 */
static void walk_loop(struct walk *w, unsigned kind, SourceLocation loc, const Expr *cond,
		      const Stmt *body, const Expr *incr, int depth)
{
	llvm::APSInt v;
	bool constant = !cond || walk_is_constant(w, cond, &v);

	if (constant && cond && v == 0) {
		if (kind == K_DO)
			walk_stmt(w, body, depth);
		return;
	}
	walk_operator(w, kind);
	if (constant) {
		walk_stmt(w, body, depth);
		walk_expr(w, incr, depth);
		return;
	}
	walk_decision(w, loc, kind);
	walk_condition(w, cond, depth);
	walk_nested(w, body, depth);
	w->cog_last = 0;
	walk_expr(w, incr, depth + 1);
}

static void walk_asm(struct walk *w, const GCCAsmStmt *a, int depth)
{
	unsigned i;

	walk_operator(w, K_ASM);
	for (i = 0; i < a->getNumOutputs(); i++)
		walk_expr(w, a->getOutputExpr(i), depth);
	for (i = 0; i < a->getNumInputs(); i++)
		walk_expr(w, a->getInputExpr(i), depth);
	for (i = 0; i < a->getNumLabels(); i++)
		walk_decision(w, a->getAsmLoc(), 0);	/* asm goto: one per label */
}

static void walk_return(struct walk *w, const ReturnStmt *r, int depth)
{
	walk_operator(w, K_RETURN);
	walk_expr(w, r->getRetValue(), depth);
}

/*
 * Whether @s is an if on a constant whose taken branch always leaves (if
 * (!false) return -ENOTTY; where a disabled option made a macro false).
 */
static bool walk_const_leaves(struct walk *w, const Stmt *s)
{
	const IfStmt *i = dyn_cast_or_null<IfStmt>(walk_unlabel(s));
	llvm::APSInt v;

	if (!i || !walk_is_constant(w, i->getCond(), &v))
		return false;
	s = v != 0 ? i->getThen() : i->getElse();
	return s && (walk_leaves(s) || walk_const_leaves(w, s));
}

/*
 * A block's statements. After an if on a constant that leaves, the code
 * up to the next label is unreachable: the compiler keeps nothing it
 * refers to (keep.c), though it is measured as the GCC plugin and
 * tests/gen measure it (SPEC would count nothing of it: see docs/clang.md).
 */
static void walk_block(struct walk *w, const CompoundStmt *c, int depth)
{
	bool dead = false;

	bool outer = w->dead;

	for (const Stmt *s : c->body()) {
		if (isa<LabelStmt>(s) || isa<SwitchCase>(s))
			dead = false;
		w->dead = outer || dead;
		walk_stmt(w, s, depth);
		if (walk_const_leaves(w, s))
			dead = true;
	}
	w->dead = outer;
}

/* Statements that are loops; false for the others. */
static bool walk_loop_stmt(struct walk *w, const Stmt *s, int depth)
{
	if (const ForStmt *f = dyn_cast<ForStmt>(s)) {
		walk_stmt(w, f->getInit(), depth);
		walk_loop(w, K_FOR, f->getForLoc(), f->getCond(), f->getBody(), f->getInc(), depth);
	} else if (const WhileStmt *wh = dyn_cast<WhileStmt>(s)) {
		walk_loop(w, K_WHILE, wh->getWhileLoc(), wh->getCond(), wh->getBody(), NULL, depth);
	} else if (const DoStmt *d = dyn_cast<DoStmt>(s)) {
		walk_loop(w, K_DO, d->getDoLoc(), d->getCond(), d->getBody(), NULL, depth);
	} else {
		return false;
	}
	return true;
}

void walk_stmt(struct walk *w, const Stmt *s, int depth)
{
	if (!s)
		return;
	w->cog_last = 0;	/* each statement's && and || are runs of their own */
	if (walk_loop_stmt(w, s, depth))
		return;
	switch (s->getStmtClass()) {
	case Stmt::CompoundStmtClass:
		walk_block(w, cast<CompoundStmt>(s), depth);
		return;
	case Stmt::DeclStmtClass:
		walk_decls(w, cast<DeclStmt>(s), depth);
		return;
	case Stmt::IfStmtClass:
		walk_if(w, cast<IfStmt>(s), depth, false);
		return;
	case Stmt::SwitchStmtClass:
		walk_switch(w, cast<SwitchStmt>(s), depth);
		return;
	case Stmt::CaseStmtClass:
		walk_case(w, cast<CaseStmt>(s), depth);
		return;
	case Stmt::DefaultStmtClass:
		walk_operator(w, K_DEFAULT);
		walk_stmt(w, cast<DefaultStmt>(s)->getSubStmt(), depth);
		return;
	case Stmt::LabelStmtClass:
		walk_stmt(w, cast<LabelStmt>(s)->getSubStmt(), depth);
		return;
	case Stmt::AttributedStmtClass:
		walk_stmt(w, cast<AttributedStmt>(s)->getSubStmt(), depth);
		return;
	case Stmt::BreakStmtClass:
		walk_operator(w, K_BREAK);
		return;
	case Stmt::ContinueStmtClass:
		walk_operator(w, K_CONTINUE);
		return;
	case Stmt::GotoStmtClass:
		walk_operator(w, K_GOTO);
		walk_cognitive(w, K_ELSE);	/* +1, no nesting */
		return;
	case Stmt::IndirectGotoStmtClass:
		walk_operator(w, K_GOTO);
		walk_cognitive(w, K_ELSE);
		walk_expr(w, cast<IndirectGotoStmt>(s)->getTarget(), depth);
		return;
	case Stmt::ReturnStmtClass:
		walk_return(w, cast<ReturnStmt>(s), depth);
		return;
	case Stmt::GCCAsmStmtClass:
		walk_asm(w, cast<GCCAsmStmt>(s), depth);
		return;
	case Stmt::NullStmtClass:
		return;
	default:
		if (const Expr *e = dyn_cast<Expr>(s))
			walk_expr(w, e, depth);	/* an expression statement */
		return;
	}
}

bool km_measure_function(ASTContext &ctx, struct km_fn *fn)
{
	struct walk w;
	bool ok;

	memset(&w, 0, sizeof(w));
	w.ctx = &ctx;
	w.sm = &ctx.getSourceManager();
	w.fd = fn->decl->getCanonicalDecl();
	w.fn = fn;
	w.edges_only = !fn->u.main_file;
	km_halstead_init(&w.n.hal);

	walk_stmt(&w, fn->decl->getBody(), 0);

	ok = !km_unit_measured(&fn->u, fn->decl->getNumParams(), &w.n);
	walk_consts_free(&w);
	return ok && !w.oom;
}

bool km_grow(void **arr, size_t *n, size_t *cap, size_t size)
{
	void *p;
	size_t ncap;

	if (*n < *cap)
		return true;
	ncap = *cap ? *cap * 2 : 8;
	p = realloc(*arr, ncap * size);
	if (!p)
		return false;
	*arr = p;
	*cap = ncap;
	return true;
}

void km_fn_release(struct km_fn *fn)
{
	km_unit_fn_release(&fn->u);
	free(fn->vars);
	free(fn->file);
	fn->vars = NULL;
	fn->file = NULL;
	fn->nvars = fn->vars_cap = 0;
}
