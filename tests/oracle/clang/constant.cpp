// SPDX-License-Identifier: GPL-2.0
// tests/oracle/clang/constant.cpp - which expressions the oracle takes for
// constant: Clang's evaluator gives a value in a constant context (where
// __builtin_constant_p of what it cannot fold is 0: a question to the
// compiler, never a run-time decision), and the part of the expression
// that would run reads no memory (no lvalue-to-rvalue conversion: a
// variable, const or not, local or file-scope, is read at run time) and
// holds no statement expression (its statements are code). Operands that
// are never evaluated (sizeof, typeof, _Alignof, offsetof, the
// unchosen arms of _Generic and __builtin_choose_expr, the argument of
// __builtin_constant_p) do not matter; neither does an operand that a
// constant left operand of && or || or a constant ?: condition skips.
#include "oracle.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Builtins.h"

using namespace clang;

namespace km_oracle {

// Clang's evaluator in a constant context answers __builtin_constant_p of
// what it cannot fold with 0 (the oracle's reading); outside one it gives
// no answer, so a condition on it is no constant (GCC from -O1 on, which
// leaves the question to later passes): the plugin argument bcp=unknown,
// to tell which differences come from that reading alone.
bool km_bcp_answers = true;

static bool runs_code(const Expr *e, ASTContext &ctx);

// The builtins whose arguments are never evaluated.
static bool unevaluated_builtin(const CallExpr *call)
{
	switch (call->getBuiltinCallee()) {
	case Builtin::BI__builtin_constant_p:
	case Builtin::BI__builtin_object_size:
	case Builtin::BI__builtin_dynamic_object_size:
		return true;
	default:
		return false;
	}
}

// A read of a const, non-volatile integer variable whose initializer is
// constant (a file-scope static const, a const local: GCC folds both from
// -O1 on; README takes them for constant at every level).
static bool const_variable(const Expr *e, ASTContext &ctx)
{
	auto *r = dyn_cast<DeclRefExpr>(e->IgnoreParens());
	auto *v = r ? dyn_cast<VarDecl>(r->getDecl()) : nullptr;
	if (!v || isa<ParmVarDecl>(v))
		return false;
	QualType t = v->getType();
	if (!t.isConstQualified() || t.isVolatileQualified() || !t->isIntegerType())
		return false;
	const VarDecl *def = nullptr;
	const Expr *init = v->getAnyInitializer(def);
	if (!init || runs_code(init, ctx))
		return false;
	Expr::EvalResult val;
	if (!init->EvaluateAsRValue(val, ctx, km_bcp_answers) || val.HasSideEffects)
		return false;
	// Clang evaluates a variable's initializer once, outside a constant
	// context (where __builtin_constant_p of what it cannot fold has no
	// value yet): give it the value of the reading above instead.
	EvaluatedStmt *es = def->ensureEvaluatedStmt();
	if (!es->IsEvaluating) {
		es->Evaluated = val.Val;
		es->WasEvaluated = true;
	}
	return true;
}

// An operand of && or || (or a ?: condition) that is constant, and its value.
static bool const_operand(const Expr *e, ASTContext &ctx, bool *value)
{
	return km_known_bool(e, ctx, value);
}

static bool runs_code_uncached(const Expr *e, ASTContext &ctx);

// Both questions are asked of every operand of every chain, again for each
// enclosing operator: remembered per expression, each is answered once
// (a chain of n operators would otherwise take 2^n steps).
static std::map<const Expr *, bool> runs_code_memo;
static std::map<const Expr *, std::pair<bool, bool>> const_bool_memo;

// Does the live part of e read memory or hold a statement expression?
static bool runs_code(const Expr *e, ASTContext &ctx)
{
	if (!e)
		return false;
	auto it = runs_code_memo.find(e);
	if (it != runs_code_memo.end())
		return it->second;
	bool r = runs_code_uncached(e, ctx);
	runs_code_memo[e] = r;
	return r;
}

static bool runs_code_uncached(const Expr *e, ASTContext &ctx)
{
	e = e->IgnoreParens();
	if (isa<StmtExpr>(e))
		return true;
	if (auto *cast = dyn_cast<ImplicitCastExpr>(e)) {
		if (cast->getCastKind() == CK_LValueToRValue)
			return !const_variable(cast->getSubExpr(), ctx);
		return runs_code(cast->getSubExpr(), ctx);
	}
	if (isa<UnaryExprOrTypeTraitExpr>(e) || isa<OffsetOfExpr>(e) || isa<TypeTraitExpr>(e))
		return false;
	if (auto *g = dyn_cast<GenericSelectionExpr>(e))
		return g->isResultDependent() ? true : runs_code(g->getResultExpr(), ctx);
	if (auto *c = dyn_cast<ChooseExpr>(e))
		return runs_code(c->getChosenSubExpr(), ctx);
	if (auto *call = dyn_cast<CallExpr>(e)) {
		if (unevaluated_builtin(call))
			return false;
	}
	if (auto *b = dyn_cast<BinaryOperator>(e)) {
		bool v;
		if (b->isLogicalOp() && const_operand(b->getLHS(), ctx, &v) &&
		    v == (b->getOpcode() == BO_LOr))
			return false;	// the right operand is skipped
	}
	if (auto *c = dyn_cast<ConditionalOperator>(e)) {
		bool v;
		if (const_operand(c->getCond(), ctx, &v))
			return runs_code(v ? c->getTrueExpr() : c->getFalseExpr(), ctx);
	}
	for (const Stmt *child : e->children()) {
		auto *ce = dyn_cast_or_null<Expr>(child);
		if (!ce && child)
			return true;	// a statement inside an expression
		if (runs_code(ce, ctx))
			return true;
	}
	return false;
}

static bool const_bool_uncached(const Expr *e, ASTContext &ctx, bool *value)
{
	if (e->isValueDependent() || e->containsErrors())
		return false;
	if (runs_code(e, ctx))
		return false;
	return e->EvaluateAsBooleanCondition(*value, ctx, km_bcp_answers);
}

// x & 0 and x * 0 (x without side effects, and through integer casts):
// 0 whatever x is (6.1's IS_ALIGNED(x, 1), x & ((typeof(x))1 - 1)).
static bool zero_product(const Expr *e, ASTContext &ctx)
{
	auto *b = dyn_cast<BinaryOperator>(e->IgnoreParenCasts());
	llvm::APSInt v;

	if (!b || (b->getOpcode() != BO_And && b->getOpcode() != BO_Mul))
		return false;
	const Expr *l = b->getLHS(), *r = b->getRHS();
	return (km_const_int(l, ctx, &v) && v == 0 && !r->HasSideEffects(ctx)) ||
	       (km_const_int(r, ctx, &v) && v == 0 && !l->HasSideEffects(ctx));
}

// An operation whose value its constant operand decides alone, whatever
// the other operand reads: x & 0 and x * 0 are 0 (x without side effects:
// the kernel's IS_DAX() with S_DAX 0 when FS_DAX is off, __PG_HWPOISON 0
// without MEMORY_FAILURE; GCC folds them at every level), an && or || whose
// left operand is such a constant, x && 0 and x || 1 (GCC folds them into
// 0 and 1, or (x, 0) and (x, 1) when x has side effects), likely() and
// unlikely() of a constant, a comparison that the operand's type
// decides (range.cpp: u < 0, c > 300 for an unsigned char c), and x | C
// with C not 0, which is never 0.
static bool absorbed(const Expr *e, ASTContext &ctx, bool *value)
{
	auto *b = dyn_cast<BinaryOperator>(e->IgnoreParenCasts());
	llvm::APSInt v;
	bool t;

	if (auto *call = dyn_cast<CallExpr>(e->IgnoreParenCasts())) {
		if (call->getBuiltinCallee() == Builtin::BI__builtin_expect && call->getNumArgs() == 2)
			return km_known_bool(call->getArg(0), ctx, value);
		return false;
	}
	if (auto *u = dyn_cast<UnaryOperator>(e->IgnoreParenCasts())) {
		if (u->getOpcode() == UO_LNot && km_known_bool(u->getSubExpr(), ctx, &t)) {
			*value = !t;
			return true;
		}
		return false;
	}
	if (!b)
		return false;
	const Expr *l = b->getLHS(), *r = b->getRHS();
	switch (b->getOpcode()) {
	case BO_And:
	case BO_Mul:
		if (zero_product(b, ctx)) {
			*value = false;
			return true;
		}
		return false;
	case BO_Or:	// x | C, C not 0: never 0 (GCC's tree_expr_nonzero_p)
		if ((km_const_int(l, ctx, &v) && v != 0) || (km_const_int(r, ctx, &v) && v != 0)) {
			*value = true;
			return true;
		}
		return false;
	case BO_LT:
	case BO_GE:
	case BO_GT:
	case BO_LE:
	case BO_EQ:
	case BO_NE:
		return km_range_compare(b, ctx, value);
	case BO_LAnd:
	case BO_LOr:
		if (km_known_bool(l, ctx, &t) && t == (b->getOpcode() == BO_LOr)) {
			*value = t;
			return true;
		}
		// x || 1 is 1 (f() || 1 too, although f() runs)
		if (km_known_bool(r, ctx, &t) && t == (b->getOpcode() == BO_LOr)) {
			*value = t;
			return true;
		}
		// 1 && 1 of such operands (f() || 1) && 1: known too
		bool lv, rv;
		if (km_known_bool(l, ctx, &lv) && km_known_bool(r, ctx, &rv)) {
			*value = b->getOpcode() == BO_LOr ? lv || rv : lv && rv;
			return true;
		}
		return false;
	default:
		return false;
	}
}

// Does the live part of e call a function or write memory? (The part a
// known left operand of && or || or a known ?: condition skips is dead.)
static bool live_effects(const Expr *e, ASTContext &ctx)
{
	bool v;

	if (!e)
		return false;
	e = e->IgnoreParenCasts();
	if (isa<UnaryExprOrTypeTraitExpr>(e) || isa<OffsetOfExpr>(e) || isa<TypeTraitExpr>(e))
		return false;
	if (auto *b = dyn_cast<BinaryOperator>(e)) {
		if (b->isAssignmentOp())
			return true;
		if (b->isLogicalOp() && km_known_bool(b->getLHS(), ctx, &v) && v == (b->getOpcode() == BO_LOr))
			return live_effects(b->getLHS(), ctx);
	}
	if (auto *u = dyn_cast<UnaryOperator>(e)) {
		if (u->isIncrementDecrementOp())
			return true;
	}
	if (auto *c = dyn_cast<ConditionalOperator>(e)) {
		if (km_known_bool(c->getCond(), ctx, &v))
			return live_effects(c->getCond(), ctx) ||
			       live_effects(v ? c->getTrueExpr() : c->getFalseExpr(), ctx);
	}
	if (auto *call = dyn_cast<CallExpr>(e)) {
		if (unevaluated_builtin(call))
			return false;
		if (km_folded_call(call, ctx))
			return false;	// __builtin_ctzll(240): a value, no call
		if (call->getBuiltinCallee() != Builtin::BI__builtin_expect)
			return true;
	}
	if (auto *g = dyn_cast<GenericSelectionExpr>(e))
		return !g->isResultDependent() && live_effects(g->getResultExpr(), ctx);
	if (auto *c = dyn_cast<ChooseExpr>(e))
		return live_effects(c->getChosenSubExpr(), ctx);
	if (isa<StmtExpr>(e))
		return true;
	for (const Stmt *child : e->children()) {
		if (live_effects(dyn_cast_or_null<Expr>(child), ctx))
			return true;
	}
	return false;
}

// A condition is constant when its value is known and nothing in it runs
// (f() || 1 is 1, but f() is called: an if on it is a decision).
bool km_const_bool(const Expr *e, ASTContext &ctx, bool *value)
{
	return km_known_bool(e, ctx, value) && !live_effects(e, ctx);
}

// The value of e when it is known (an && or || whose value is known decides
// nothing, also when an operand runs: f() || 1).
bool km_known_bool(const Expr *e, ASTContext &ctx, bool *value)
{
	if (!e)
		return false;
	auto it = const_bool_memo.find(e);
	if (it == const_bool_memo.end()) {
		bool v = false, c = const_bool_uncached(e, ctx, &v) || absorbed(e, ctx, &v);
		it = const_bool_memo.emplace(e, std::make_pair(c, v)).first;
	}
	*value = it->second.second;
	return it->second.first;
}

bool km_const_int(const Expr *e, ASTContext &ctx, llvm::APSInt *value)
{
	Expr::EvalResult r;

	if (!e || e->isValueDependent() || e->containsErrors())
		return false;
	if (e->getType()->isIntegerType() && zero_product(e, ctx)) {
		*value = llvm::APSInt(llvm::APInt(ctx.getIntWidth(e->getType()), 0),
				      e->getType()->isUnsignedIntegerOrEnumerationType());
		return true;
	}
	if (runs_code(e, ctx))
		return false;
	if (!e->EvaluateAsInt(r, ctx, Expr::SE_NoSideEffects, km_bcp_answers))
		return false;
	*value = r.Val.getInt();
	return true;
}

// A ?: that is a plain expression, no decision (SPEC.md, C2: one the
// front end folds into a plain expression is gone): c ? 1 : 0 and
// c ? 0 : 1 (arms the integer constants 1 and 0) are c != 0 and c == 0;
// c ? x : x, both arms the same expression (e1000's er32(reg) where the
// register has one offset on every chip), is x.
// Whether @e is a one-bit field (GCC reads it as a test of one bit of
// its word: 6.1's p->sched_reset_on_fork ? SCHED_RESET_ON_FORK : 0).
static bool one_bit_field(const Expr *e, ASTContext &ctx)
{
	auto *m = dyn_cast<MemberExpr>(e->IgnoreParenImpCasts());
	auto *fd = m ? dyn_cast<FieldDecl>(m->getMemberDecl()) : nullptr;

	return fd && fd->isBitField() && fd->getBitWidthValue(ctx) == 1;
}

// Whether @e is a one-bit test: x & B, or (x & B) != 0, B a power of two,
// or a one-bit field.
static bool one_bit_test(const Expr *e, ASTContext &ctx)
{
	const BinaryOperator *b = dyn_cast<BinaryOperator>(e->IgnoreParenImpCasts());
	llvm::APSInt v;

	if (b && b->getOpcode() == BO_NE && km_const_int(b->getRHS(), ctx, &v) && v == 0) {
		e = b->getLHS();
		b = dyn_cast<BinaryOperator>(e->IgnoreParenImpCasts());
	}
	if (one_bit_field(e, ctx))
		return true;
	if (!b || b->getOpcode() != BO_And)
		return false;
	if (!km_const_int(b->getRHS(), ctx, &v) && !km_const_int(b->getLHS(), ctx, &v))
		return false;
	return v.isStrictlyPositive() && v.isPowerOf2();
}

static bool same_arms(const ConditionalOperator *c, ASTContext &ctx);

// What an arm is once the front end folded its ?: of constant conditions
// and of equal arms (c ? x : (0 ? f() : x) has the arms x and x; so has
// c ? x : (d ? x : (0 ? f() : x))).
static const Expr *folded_arm(const Expr *e, ASTContext &ctx)
{
	const ConditionalOperator *c;
	bool v;

	while ((c = dyn_cast<ConditionalOperator>(e->IgnoreParens()))) {
		if (km_const_bool(c->getCond(), ctx, &v))
			e = v ? c->getTrueExpr() : c->getFalseExpr();
		else if (same_arms(c, ctx) && !live_effects(c->getCond(), ctx))
			e = c->getTrueExpr();
		else
			break;
	}
	return e->IgnoreParens();
}

// Whether both arms of @c are one expression once folded.
static bool same_arms(const ConditionalOperator *c, ASTContext &ctx)
{
	llvm::FoldingSetNodeID a, b;

	folded_arm(c->getTrueExpr(), ctx)->Profile(a, ctx, /*Canonical=*/true);
	folded_arm(c->getFalseExpr(), ctx)->Profile(b, ctx, /*Canonical=*/true);
	return a == b;
}

// An integer cast to a pointer, (T *)n: n.
static bool const_address(const Expr *e, ASTContext &ctx, llvm::APSInt *value)
{
	Expr::EvalResult r;

	if (runs_code(e, ctx) || !e->EvaluateAsRValue(r, ctx, km_bcp_answers) || r.HasSideEffects ||
	    !r.Val.isLValue() || r.Val.getLValueBase())
		return false;
	*value = llvm::APSInt(llvm::APInt(64, (uint64_t)r.Val.getLValueOffset().getQuantity()));
	return true;
}

// A ?: that the front end folds into one of its arms, dropping a
// condition that has no effect (c ? x : x, x == y ? x : y): nothing of the
// condition is left, not even an && in it (GCC keeps a condition with side
// effects before the arm, (c, x)).
bool km_drops_condition(const ConditionalOperator *c, ASTContext &ctx)
{
	return (same_arms(c, ctx) || km_folded_select(c, ctx)) && !live_effects(c->getCond(), ctx);
}

bool km_is_plain_ternary(const ConditionalOperator *c, ASTContext &ctx)
{
	llvm::APSInt t, f;

	if (same_arms(c, ctx) || km_folded_select(c, ctx))
		return true;
	if (c->getType()->isPointerType())	// (T *)1 and (T *)0: __si_special()
		return const_address(c->getTrueExpr(), ctx, &t) &&
		       const_address(c->getFalseExpr(), ctx, &f) &&
		       ((t == 1 && f == 0) || (t == 0 && f == 1));
	if (!c->getType()->isIntegerType())
		return false;
	if (!km_const_int(c->getTrueExpr(), ctx, &t) || !km_const_int(c->getFalseExpr(), ctx, &f))
		return false;
	if (llvm::APSInt::isSameValue(t, f))
		return true;
	if ((t == 1 && f == 0) || (t == 0 && f == 1))
		return true;
	// GCC folds (x & B) ? P : 0, both powers of two, into shifts: (x >> n) & P
	return f == 0 && t.isStrictlyPositive() && t.isPowerOf2() &&
	       one_bit_test(c->getCond(), ctx);
}

// A call to a library builtin whose value Clang computes (strlen("abc")):
// GCC folds it too, and no call is left.
// strlen of a string literal, or of a const char array a literal
// initializes (printk's static const char trunc_msg[]): GCC folds it whatever
// strlen is (the kernel's fortified inline too, which Clang does not
// evaluate).
static bool strlen_of_literal(const CallExpr *c)
{
	const FunctionDecl *fn = c->getDirectCallee();

	if (!fn || !fn->getIdentifier() || c->getNumArgs() != 1 ||
	    (fn->getName() != "strlen" && fn->getName() != "__builtin_strlen"))
		return false;
	const Expr *a = c->getArg(0)->IgnoreParenCasts();
	if (isa<StringLiteral>(a))
		return true;
	auto *r = dyn_cast<DeclRefExpr>(a);
	auto *v = r ? dyn_cast<VarDecl>(r->getDecl()) : nullptr;
	if (!v || !v->getType().isConstQualified() || !v->getType()->isArrayType())
		return false;
	const Expr *init = v->getInit();
	return init && isa<StringLiteral>(init->IgnoreParenImpCasts());
}

bool km_folded_call(const CallExpr *c, ASTContext &ctx)
{
	Expr::EvalResult r;
	const FunctionDecl *fn = c->getDirectCallee();

	if (strlen_of_literal(c))
		return true;
	if (!fn || !fn->getBuiltinID())
		return false;
	return !runs_code(c, ctx) && c->EvaluateAsRValue(r, ctx, km_bcp_answers) && !r.HasSideEffects;
}

} // namespace km_oracle
