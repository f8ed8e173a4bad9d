// SPDX-License-Identifier: GPL-2.0
// tests/oracle/clang/walk.cpp - one walk over a function's body as Clang
// parsed it (the code as written after preprocessing), counting SPEC.md's
// decisions (C2), self-call sites (C8), named locals (C9), the deepest
// nesting of control structures (C10) and the direct edges (calls and
// address references: fan_out). Code a constant condition makes
// unreachable is not walked (constant.cpp says what is constant), nor are
// operands that are never evaluated (sizeof, typeof, _Static_assert, the
// argument of __builtin_constant_p, the unchosen arms of _Generic and
// __builtin_choose_expr). Levels: a statement's level is the number of
// control structures whose body holds it; a condition sits at its
// construct's level.
#include "oracle.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace km_oracle {

std::string km_trace;

namespace {

class Walk {
public:
	Walk(const FunctionDecl *self, ASTContext &ctx, Measure *m) : self(self), ctx(ctx), m(m) {}
	void stmt(const Stmt *s, unsigned level);
	void expr(const Expr *e, unsigned level);
	void truth(const Expr *e, unsigned level);

private:
	const FunctionDecl *self;
	ASTContext &ctx;
	Measure *m;

	void body(const Stmt *s, unsigned level);
	void decide(const Stmt *s, const char *what);
	void if_stmt(const IfStmt *s, unsigned level);
	void switch_stmt(const SwitchStmt *s, unsigned level);
	void const_switch(const SwitchStmt *s, const llvm::APSInt &v, unsigned level);
	bool until_break(const Stmt *s, unsigned level);
	void loop(const Stmt *body, const Expr *cond, const Stmt *init, const Expr *inc,
		  unsigned level, bool body_first);
	void decl(const Decl *d, unsigned level);
	void logical(const BinaryOperator *b, unsigned level);
	void ternary(const ConditionalOperator *c, unsigned level);
	void call(const CallExpr *c, unsigned level);
	void ref(const DeclRefExpr *r);
	void edge(const FunctionDecl *fn);
};

} // namespace

// A decision (C2); with trace=NAME, each of NAME's says where it is.
void Walk::decide(const Stmt *s, const char *what)
{
	m->c2++;
	if (!self || km_trace.empty() || self->getName() != km_trace)
		return;
	const SourceManager &sm = ctx.getSourceManager();
	SourceLocation l = s->getBeginLoc();
	if (auto *b = dyn_cast<BinaryOperator>(s))
		l = b->getOperatorLoc();
	else if (auto *c = dyn_cast<AbstractConditionalOperator>(s))
		l = c->getQuestionLoc();
	PresumedLoc p = sm.getPresumedLoc(sm.getExpansionLoc(l));
	llvm::errs() << "km-oracle: " << km_trace << ": " << what << " at " << p.getFilename() << ":"
		     << p.getLine() << ":" << p.getColumn() << " (.i " << sm.getExpansionLineNumber(l)
		     << ":" << sm.getExpansionColumnNumber(l) << ")\n";
}

// The body of a control structure: one level deeper, even when empty.
void Walk::body(const Stmt *s, unsigned level)
{
	if (m->depth < level + 1)
		m->depth = level + 1;
	stmt(s, level + 1);
}

void Walk::stmt(const Stmt *s, unsigned level)
{
	if (!s)
		return;
	if (auto *e = dyn_cast<Expr>(s))
		return expr(e, level);
	if (auto *c = dyn_cast<CompoundStmt>(s)) {
		for (const Stmt *child : c->body())
			stmt(child, level);
		return;
	}
	if (auto *i = dyn_cast<IfStmt>(s))
		return if_stmt(i, level);
	if (auto *sw = dyn_cast<SwitchStmt>(s))
		return switch_stmt(sw, level);
	if (auto *w = dyn_cast<WhileStmt>(s))
		return loop(w->getBody(), w->getCond(), nullptr, nullptr, level, false);
	if (auto *d = dyn_cast<DoStmt>(s))
		return loop(d->getBody(), d->getCond(), nullptr, nullptr, level, true);
	if (auto *f = dyn_cast<ForStmt>(s))
		return loop(f->getBody(), f->getCond(), f->getInit(), f->getInc(), level, false);
	if (auto *c = dyn_cast<CaseStmt>(s)) {
		decide(c, "case");	// reached only in a switch on a non-constant value
		return stmt(c->getSubStmt(), level);
	}
	if (auto *d = dyn_cast<DeclStmt>(s)) {
		for (const Decl *one : d->decls())
			decl(one, level);
		return;
	}
	if (auto *a = dyn_cast<GCCAsmStmt>(s)) {
		for (unsigned i = 0; a->isAsmGoto() && i < a->getNumLabels(); i++)
			decide(a, "asm goto label");
		for (const Expr *e : a->inputs())
			expr(e, level);
		for (const Expr *e : a->outputs())
			expr(e, level);
		return;
	}
	// default:, labels, return, attributed statements, goto *p: their parts
	for (const Stmt *child : s->children())
		stmt(child, level);
}

void Walk::if_stmt(const IfStmt *s, unsigned level)
{
	bool v;

	if (km_const_bool(s->getCond(), ctx, &v)) {
		truth(s->getCond(), level);	// x && 0 still runs x
		return stmt(v ? s->getThen() : s->getElse(), level);
	}
	decide(s, "if");
	truth(s->getCond(), level);
	body(s->getThen(), level);
	const Stmt *e = s->getElse();
	if (!e)
		return;
	auto *elif = dyn_cast<IfStmt>(e);
	if (elif && !km_const_bool(elif->getCond(), ctx, &v))
		return if_stmt(elif, level);	// else if: the parent's level
	body(e, level);
}

void Walk::switch_stmt(const SwitchStmt *s, unsigned level)
{
	llvm::APSInt v;

	if (s->getInit())
		stmt(s->getInit(), level);
	if (km_const_int(s->getCond(), ctx, &v))
		return const_switch(s, v, level);
	expr(s->getCond(), level);
	body(s->getBody(), level);	// each case label it reaches is a decision
}

// Does the case label match v?
static bool case_matches(const CaseStmt *c, const llvm::APSInt &v, ASTContext &ctx)
{
	llvm::APSInt lo, hi;

	if (!km_const_int(c->getLHS(), ctx, &lo))
		return false;
	hi = lo;
	if (c->getRHS() && !km_const_int(c->getRHS(), ctx, &hi))
		return false;
	return llvm::APSInt::compareValues(lo, v) <= 0 && llvm::APSInt::compareValues(v, hi) <= 0;
}

// A switch on a constant: only the code from the matching label (or
// default) to the first break or return among the body's statements.
void Walk::const_switch(const SwitchStmt *s, const llvm::APSInt &v, unsigned level)
{
	auto *c = dyn_cast_or_null<CompoundStmt>(s->getBody());
	if (!c)
		return;
	const Stmt *start = nullptr, *dflt = nullptr;
	for (const Stmt *one : c->body()) {
		for (const Stmt *l = one; isa<SwitchCase>(l); l = cast<SwitchCase>(l)->getSubStmt()) {
			if (auto *cs = dyn_cast<CaseStmt>(l)) {
				if (!start && case_matches(cs, v, ctx))
					start = one;
			} else if (!dflt) {
				dflt = one;
			}
		}
	}
	if (!start)
		start = dflt;
	if (!start)
		return;
	bool on = false;
	for (const Stmt *one : c->body()) {
		on = on || one == start;
		if (on && until_break(one, level))
			return;
	}
}

// Walks s; true when it ends in a break or return, looking into labels and
// blocks (a case's { ...; break; }), not into other statements.
bool Walk::until_break(const Stmt *s, unsigned level)
{
	while (auto *sc = dyn_cast_or_null<SwitchCase>(s))
		s = sc->getSubStmt();
	if (auto *c = dyn_cast_or_null<CompoundStmt>(s)) {
		for (const Stmt *one : c->body()) {
			if (until_break(one, level))
				return true;
		}
		return false;
	}
	stmt(s, level);
	return isa_and_nonnull<BreakStmt>(s) || isa_and_nonnull<ReturnStmt>(s);
}

// A loop whose condition is constant is no decision and adds no level: a
// false one (while (0), for (;0;)) runs no body unless it is a do-while.
void Walk::loop(const Stmt *b, const Expr *cond, const Stmt *init, const Expr *inc,
		unsigned level, bool body_first)
{
	bool v = true;

	stmt(init, level);
	if (!cond || km_const_bool(cond, ctx, &v)) {
		truth(cond, level);
		if (!v && !body_first)
			return;
		stmt(b, level);
		if (v)
			expr(inc, level);
		return;
	}
	decide(cond, "loop");
	truth(cond, level);
	body(b, level);
	expr(inc, level);
}

void Walk::decl(const Decl *d, unsigned level)
{
	auto *v = dyn_cast<VarDecl>(d);
	if (!v)
		return;		// _Static_assert, types, local function declarations
	if (v->isLocalVarDecl() && !v->hasExternalStorage() && v->getIdentifier())
		m->c9++;
	if (v->getInit())
		expr(v->getInit(), level);
	if (auto *c = v->getAttr<CleanupAttr>())
		edge(c->getFunctionDecl());	// called when the variable's scope ends
}

void Walk::logical(const BinaryOperator *b, unsigned level)
{
	bool v;

	if (!km_known_bool(b, ctx, &v))
		decide(b, b->getOpcode() == BO_LAnd ? "&&" : "||");
	truth(b->getLHS(), level);
	if (km_known_bool(b->getLHS(), ctx, &v) && v == (b->getOpcode() == BO_LOr))
		return;		// the right operand never runs
	truth(b->getRHS(), level);
}

void Walk::ternary(const ConditionalOperator *c, unsigned level)
{
	bool v;

	if (km_const_bool(c->getCond(), ctx, &v)) {
		truth(c->getCond(), level);
		return expr(v ? c->getTrueExpr() : c->getFalseExpr(), level);
	}
	if (km_drops_condition(c, ctx))
		return expr(c->getTrueExpr(), level);	// one arm is all that is left
	if (!km_is_plain_ternary(c, ctx))
		decide(c, "?:");
	truth(c->getCond(), level);
	expr(c->getTrueExpr(), level);
	expr(c->getFalseExpr(), level);
}

void Walk::edge(const FunctionDecl *fn)
{
	if ((fn->getBuiltinID() && fn->isImplicit()) || fn->getName().startswith("__km_gcc_"))
		return;		// a builtin (gcc-builtins.h declares GCC's own): no function
	if (self && fn->getCanonicalDecl() == self->getCanonicalDecl())
		return;
	m->callees.insert(fn->getNameAsString());
	m->fns.insert(fn->getCanonicalDecl());
}

void Walk::ref(const DeclRefExpr *r)
{
	if (auto *fn = dyn_cast<FunctionDecl>(r->getDecl()))
		return edge(fn);
	if (auto *v = dyn_cast<VarDecl>(r->getDecl())) {
		if (v->hasGlobalStorage() && !v->isStaticLocal())
			m->vars.insert(v->getCanonicalDecl());
	}
}

// @e when it is a call of strlen.
static const CallExpr *strlen_call(const Expr *e)
{
	auto *c = e ? dyn_cast<CallExpr>(e->IgnoreParenImpCasts()) : nullptr;
	const FunctionDecl *fn = c ? c->getDirectCallee() : nullptr;

	if (!fn || !fn->getIdentifier() || c->getNumArgs() != 1 ||
	    (fn->getName() != "strlen" && fn->getName() != "__builtin_strlen"))
		return nullptr;
	return c;
}

// The strlen call of !strlen(s), strlen(s) == 0 or strlen(s) != 0: GCC's
// front end folds them into a test of *s (6.1's err_pos: WARN_ON(!strlen(cmd))).
static const CallExpr *strlen_zero_test(const Expr *e, ASTContext &ctx)
{
	const Expr *op = nullptr;
	llvm::APSInt z;

	if (auto *u = dyn_cast<UnaryOperator>(e)) {
		if (u->getOpcode() == UO_LNot)
			op = u->getSubExpr();
	} else if (auto *b = dyn_cast<BinaryOperator>(e)) {
		if ((b->getOpcode() == BO_EQ || b->getOpcode() == BO_NE) &&
		    km_const_int(b->getRHS(), ctx, &z) && z == 0)
			op = b->getLHS();
	}
	return strlen_call(op);
}

// @e where its truth value is taken (a condition, an operand of && or
// ||): strlen(s) there is strlen(s) != 0, which GCC folds into *s != 0
// (6.1's trace_seq_print_sym: if (name && strlen(name))): no call.
void Walk::truth(const Expr *e, unsigned level)
{
	const CallExpr *c = strlen_call(e);

	if (!c)
		return expr(e, level);
	for (const Expr *a : c->arguments())
		expr(a, level);
}

void Walk::call(const CallExpr *c, unsigned level)
{
	const FunctionDecl *fn = c->getDirectCallee();
	auto *callee = dyn_cast<DeclRefExpr>(c->getCallee()->IgnoreParenImpCasts());

	if (fn && callee) {
		switch (c->getBuiltinCallee()) {
		case Builtin::BI__builtin_constant_p:
		case Builtin::BI__builtin_object_size:
		case Builtin::BI__builtin_dynamic_object_size:
			return;		// arguments never evaluated
		default:
			break;
		}
		if (self && fn->getCanonicalDecl() == self->getCanonicalDecl())
			m->c8++;
		else if (!km_folded_call(c, ctx))
			edge(fn);	// strlen("abc") is 3, no call
	} else {
		expr(c->getCallee(), level);
	}
	for (const Expr *a : c->arguments())
		expr(a, level);
}

void Walk::expr(const Expr *e, unsigned level)
{
	if (!e)
		return;
	if (auto *b = dyn_cast<BinaryOperator>(e)) {
		if (b->isLogicalOp())
			return logical(b, level);
	}
	if (auto *c = dyn_cast<ConditionalOperator>(e))
		return ternary(c, level);
	if (auto *c = dyn_cast<BinaryConditionalOperator>(e)) {
		bool v;
		if (km_const_bool(c->getCommon(), ctx, &v))
			return expr(v ? c->getCommon() : c->getFalseExpr(), level);
		decide(c, "?:");
		expr(c->getCommon(), level);
		return expr(c->getFalseExpr(), level);
	}
	if (auto *c = dyn_cast<CallExpr>(e))
		return call(c, level);
	if (const CallExpr *c = strlen_zero_test(e, ctx)) {
		for (const Expr *a : c->arguments())	// !strlen(s) is !*s: no call
			expr(a, level);
		return;
	}
	if (auto *r = dyn_cast<DeclRefExpr>(e))
		return ref(r);
	if (auto *s = dyn_cast<StmtExpr>(e))
		return stmt(s->getSubStmt(), level);
	if (isa<UnaryExprOrTypeTraitExpr>(e) || isa<OffsetOfExpr>(e) || isa<TypeTraitExpr>(e))
		return;		// never evaluated
	if (isa<OpaqueValueExpr>(e))
		return;		// walked where it is bound
	if (auto *g = dyn_cast<GenericSelectionExpr>(e))
		return g->isResultDependent() ? (void)0 : expr(g->getResultExpr(), level);
	if (auto *c = dyn_cast<ChooseExpr>(e))
		return expr(c->getChosenSubExpr(), level);
	if (auto *cl = dyn_cast<CompoundLiteralExpr>(e))
		return expr(cl->getInitializer(), level);
	for (const Stmt *child : e->children())
		stmt(child, level);
}

void km_walk_body(const Stmt *body, const FunctionDecl *self, ASTContext &ctx, Measure *m)
{
	Walk(self, ctx, m).stmt(body, 0);
}

void km_walk_init(const Expr *init, ASTContext &ctx, Measure *m)
{
	Walk(nullptr, ctx, m).expr(init, 0);
}

} // namespace km_oracle
