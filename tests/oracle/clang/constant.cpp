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

// An operand of && or || (or a ?: condition) that is constant, and its value.
static bool const_operand(const Expr *e, ASTContext &ctx, bool *value)
{
	return km_const_bool(e, ctx, value);
}

// Does the live part of e read memory or hold a statement expression?
static bool runs_code(const Expr *e, ASTContext &ctx)
{
	if (!e)
		return false;
	e = e->IgnoreParens();
	if (isa<StmtExpr>(e))
		return true;
	if (auto *cast = dyn_cast<ImplicitCastExpr>(e)) {
		if (cast->getCastKind() == CK_LValueToRValue)
			return true;
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

bool km_const_bool(const Expr *e, ASTContext &ctx, bool *value)
{
	bool v;

	if (!e || e->isValueDependent() || e->containsErrors())
		return false;
	if (runs_code(e, ctx))
		return false;
	if (!e->EvaluateAsBooleanCondition(v, ctx, /*InConstantContext=*/true))
		return false;
	*value = v;
	return true;
}

bool km_const_int(const Expr *e, ASTContext &ctx, llvm::APSInt *value)
{
	Expr::EvalResult r;

	if (!e || e->isValueDependent() || e->containsErrors())
		return false;
	if (runs_code(e, ctx))
		return false;
	if (!e->EvaluateAsInt(r, ctx, Expr::SE_NoSideEffects, /*InConstantContext=*/true))
		return false;
	*value = r.Val.getInt();
	return true;
}

// c ? 1 : 0 and c ? 0 : 1 (arms the integer constants 1 and 0): a truth
// value written as a ?:, no decision (SPEC.md, C2: it is c != 0).
bool km_is_truth_ternary(const ConditionalOperator *c, ASTContext &ctx)
{
	llvm::APSInt t, f;

	if (!c->getType()->isIntegerType())
		return false;
	if (!km_const_int(c->getTrueExpr(), ctx, &t) || !km_const_int(c->getFalseExpr(), ctx, &f))
		return false;
	return (t == 1 && f == 0) || (t == 0 && f == 1);
}

} // namespace km_oracle
