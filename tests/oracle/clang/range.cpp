// SPDX-License-Identifier: GPL-2.0
// tests/oracle/clang/range.cpp - what the oracle knows from an operand's
// type alone, read from C's semantics: which values an integer can hold
// (its type before the usual conversions, a bit-field's width, _Bool's 0
// and 1), and so which comparisons are always true or always false
// (c > 300 for an unsigned char c, t > S64_MAX for an s64 t, u < 0), and
// which ?: are one of their operands whatever the condition (x == y ? x : y
// is y; x < MAX ? x : MAX, the minimum of x and its type's greatest value,
// is x). GCC's front end folds all of them at every level (tests/oracle/
// README.md, "The readings": a fold is no decision).
#include "oracle.h"

using namespace clang;
using llvm::APInt;
using llvm::APSInt;

namespace km_oracle {

// Wide enough for every value of every integer type and a sign.
static const unsigned RANGE_BITS = 130;

static APInt widen(const APSInt &v)
{
	return v.isSigned() ? v.sext(RANGE_BITS) : v.zext(RANGE_BITS);
}

// The values of an integer type of @w bits: [*lo, *hi].
static void type_range(unsigned w, bool is_signed, APInt *lo, APInt *hi)
{
	*lo = is_signed ? APInt::getSignedMinValue(w).sext(RANGE_BITS) : APInt(RANGE_BITS, 0);
	*hi = is_signed ? APInt::getSignedMaxValue(w).sext(RANGE_BITS) :
			  APInt::getMaxValue(w).zext(RANGE_BITS);
}

// The values @e can hold once converted to @to: its own type's (or
// bit-field's) when the conversion keeps every value, else @to's.
static bool value_range(const Expr *e, QualType to, ASTContext &ctx, APInt *lo, APInt *hi)
{
	const Expr *in = e->IgnoreParenImpCasts();
	QualType t = in->getType();
	unsigned tw = ctx.getIntWidth(to), w = tw;
	bool ts = to->isSignedIntegerOrEnumerationType(), s = ts;

	APSInt v;

	if (!to->isIntegerType())
		return false;
	if (km_const_int(e, ctx, &v)) {	/* x & 0: one value (not (int){0}, a read) */
		*lo = *hi = widen(v);
		return true;
	}
	if (t->isIntegerType()) {
		unsigned iw = ctx.getIntWidth(t);
		bool is = t->isSignedIntegerOrEnumerationType();
		auto *m = dyn_cast<MemberExpr>(in);
		auto *fd = m ? dyn_cast<FieldDecl>(m->getMemberDecl()) : nullptr;

		if (fd && fd->isBitField())
			iw = fd->getBitWidthValue(ctx);
		if (iw < tw && (!is || ts)) {
			w = iw;
			s = is;
		}
	}
	type_range(w, s, lo, hi);
	return true;
}

// x OP k with k constant, x of the range [lo, hi]: its value when the
// range decides it.
static bool decided(BinaryOperatorKind op, const APInt &lo, const APInt &hi, const APInt &k,
		    bool *value)
{
	bool yes, no;

	switch (op) {
	case BO_LT: yes = hi.slt(k); no = lo.sge(k); break;
	case BO_LE: yes = hi.sle(k); no = lo.sgt(k); break;
	case BO_GT: yes = lo.sgt(k); no = hi.sle(k); break;
	case BO_GE: yes = lo.sge(k); no = hi.slt(k); break;
	case BO_EQ: yes = lo == k && hi == k; no = k.slt(lo) || k.sgt(hi); break;
	case BO_NE: yes = k.slt(lo) || k.sgt(hi); no = lo == k && hi == k; break;
	default: return false;
	}
	*value = yes;
	return yes || no;
}

static bool same_operand(const Expr *a, const Expr *b, ASTContext &ctx);

bool km_range_compare(const BinaryOperator *b, ASTContext &ctx, bool *value)
{
	const Expr *x = b->getLHS(), *k = b->getRHS();
	BinaryOperatorKind op = b->getOpcode();
	APSInt v;
	APInt lo, hi;

	if (!b->isComparisonOp())
		return false;
	if (x->getType()->isIntegerType() && same_operand(x, k, ctx)) {
		// x != (u64)x with u64 x's own type: GCC folds a comparison of one
		// value with itself (6.1's md.c: sector != (sector_t)sector)
		*value = op == BO_EQ || op == BO_LE || op == BO_GE;
		return true;
	}
	if (!km_const_int(k, ctx, &v)) {
		std::swap(x, k);	// k OP x is x OP' k
		op = BinaryOperator::reverseComparisonOp(op);
		if (!km_const_int(k, ctx, &v))
			return false;
	}
	if (x->HasSideEffects(ctx) || !value_range(x, x->getType(), ctx, &lo, &hi))
		return false;
	return decided(op, lo, hi, widen(v), value);
}

// @e without parentheses and the conversions that keep its value (to a
// type of the same width, or an lvalue's read).
static const Expr *strip_nops(const Expr *e, ASTContext &ctx)
{
	for (;;) {
		e = e->IgnoreParens();
		auto *c = dyn_cast<CastExpr>(e);
		if (!c)
			return e;
		const Expr *in = c->getSubExpr();
		bool same = c->getCastKind() == CK_LValueToRValue || c->getCastKind() == CK_NoOp ||
			    (c->getCastKind() == CK_IntegralCast && in->getType()->isIntegerType() &&
			     ctx.getIntWidth(in->getType()) == ctx.getIntWidth(c->getType()));
		if (!same)
			return e;
		e = in;
	}
}

// Whether @a and @b are one value: equal constants, or one expression.
static bool same_operand(const Expr *a, const Expr *b, ASTContext &ctx)
{
	APSInt x, y;
	llvm::FoldingSetNodeID ia, ib;

	if (km_const_int(a, ctx, &x) && km_const_int(b, ctx, &y))
		return APSInt::isSameValue(x, y);
	if (a->HasSideEffects(ctx) || b->HasSideEffects(ctx))
		return false;
	strip_nops(a, ctx)->Profile(ia, ctx, /*Canonical=*/true);
	strip_nops(b, ctx)->Profile(ib, ctx, /*Canonical=*/true);
	return ia == ib;
}

// The operands of a comparison @cond, !x as x == 0 (with @zero, a 0).
static const BinaryOperator *comparison(const Expr *cond, const Expr **l, const Expr **r,
					const Expr *zero)
{
	cond = cond->IgnoreParenImpCasts();
	if (auto *u = dyn_cast<UnaryOperator>(cond)) {
		if (u->getOpcode() != UO_LNot)
			return nullptr;
		*l = u->getSubExpr();
		*r = zero;
		return nullptr;
	}
	auto *b = dyn_cast<BinaryOperator>(cond);
	if (!b || !b->isComparisonOp())
		return nullptr;
	*l = b->getLHS();
	*r = b->getRHS();
	return b;
}

// x == y ? x : y, x != y ? y : x (either way round): always one of them.
static bool equality_select(const ConditionalOperator *c, ASTContext &ctx)
{
	IntegerLiteral zero(ctx, APInt(ctx.getIntWidth(ctx.IntTy), 0), ctx.IntTy, SourceLocation());
	const Expr *l = nullptr, *r = nullptr, *t = c->getTrueExpr(), *f = c->getFalseExpr();
	const BinaryOperator *b = comparison(c->getCond(), &l, &r, &zero);

	if (!l || (b && !b->isEqualityOp()))
		return false;
	if (!c->getType()->isIntegerType())
		return false;
	return (same_operand(l, t, ctx) && same_operand(r, f, ctx)) ||
	       (same_operand(l, f, ctx) && same_operand(r, t, ctx));
}

// x < k ? x : k and the other minima and maxima of x and a constant k that
// is the greatest or least value of the ?:'s type: x or k whatever x is.
static bool extreme_minmax(const ConditionalOperator *c, ASTContext &ctx)
{
	const Expr *l = nullptr, *r = nullptr, *t = c->getTrueExpr(), *f = c->getFalseExpr();
	const BinaryOperator *b = comparison(c->getCond(), &l, &r, nullptr);
	QualType type = c->getType();
	APSInt k;
	APInt lo, hi;

	if (!b || !b->isRelationalOp() || !type->isIntegerType())
		return false;
	if (!km_const_int(r, ctx, &k) && !km_const_int(l, ctx, &k))
		return false;
	if (!((same_operand(l, t, ctx) && same_operand(r, f, ctx)) ||
	      (same_operand(l, f, ctx) && same_operand(r, t, ctx))))
		return false;
	type_range(ctx.getIntWidth(type), type->isSignedIntegerOrEnumerationType(), &lo, &hi);
	return widen(k) == lo || widen(k) == hi;
}

bool km_folded_select(const ConditionalOperator *c, ASTContext &ctx)
{
	return equality_select(c, ctx) || extreme_minmax(c, ctx);
}

} // namespace km_oracle
