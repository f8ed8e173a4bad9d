// SPDX-License-Identifier: GPL-2.0
/*
 * walk_const.c - which expressions are constant (walk.h: walk_is_constant,
 * walk_is_folded), as README's "Readings where SPEC is silent" define it:
 * what GCC's front end folds to an integer constant at every level, plus
 * what it folds only at some, taken at every level.
 *
 *   walk_is_folded     C's integer constant expressions (Clang's
 *                      evaluator: sizeof, enumerators, 1 << 3, (u8)5,
 *                      __builtin_constant_p, __builtin_clz (8)) and what
 *                      GCC's fold makes a constant whatever the other
 *                      operand: 0 && x, 1 || x, x && 0, x || 1, x & 0,
 *                      x * 0, a comparison that x's type decides (u < 0,
 *                      u >= 0, u > ~0UL, uc == 300: GCC's shorten_compare
 *                      and fold; x and u without side effects), a ?: on a
 *                      constant whose chosen arm
 *                      is constant, __builtin_expect of a constant. The
 *                      tree's shape: C3's operands.
 *   walk_is_constant   that, and a read of a const, non-volatile integer
 *                      variable (file-scope, static or local) with a
 *                      constant initializer is its value (GCC folds it
 *                      from -O1 on), __builtin_constant_p (e) is 1 when e
 *                      is constant and 0 otherwise. Decisions, levels and
 *                      dead code: conditions, && and || by their own
 *                      value, switch values, case labels.
 *
 *   walk_identity      x + 0, x * 1, x & -1, ...: the x GCC's fold leaves
 *                      of an operation with its identity (C3's shape).
 *
 * Values are computed as C does, in the type of each node (Clang's AST
 * holds the usual arithmetic conversions as implicit casts); a division
 * by zero or a shift past the width is no constant. Each node is folded
 * once per walk and mode (a memo): conditions nested in conditions, which
 * the walk asks about again at every level, cost nothing more.
 */
#include "walk.h"

#include "clang/Basic/Builtins.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;

struct const_value {
	bool known;
	llvm::APSInt v;
};

/* The memo: a node's key is its address, the low bit the mode. */
typedef llvm::DenseMap<uintptr_t, struct const_value> const_memo;

static bool const_fold(struct walk *w, const Expr *e, bool readings, llvm::APSInt *v);

/* @v as a value of @type: C's conversion (to _Bool: whether it is not 0). */
static llvm::APSInt const_to(struct walk *w, const llvm::APSInt &v, QualType type)
{
	unsigned width = w->ctx->getIntWidth(type);
	bool uns = type->isUnsignedIntegerOrEnumerationType() || type->isBooleanType();
	llvm::APSInt r;

	if (type->isBooleanType())
		return llvm::APSInt(llvm::APInt(width, v != 0), true);
	r = v.extOrTrunc(width);
	r.setIsUnsigned(uns);
	return r;
}

static llvm::APSInt const_int(struct walk *w, uint64_t x, QualType type)
{
	return const_to(w, llvm::APSInt(llvm::APInt(64, x), true), type);
}

/* Whether @e's value is that of an integer or enumeration type (or _Bool). */
static bool const_integral(const Expr *e)
{
	return e->getType()->isIntegralOrEnumerationType();
}

/* The value of a read of @vd under the readings: a const integer variable's initializer. */
static bool const_read(struct walk *w, const VarDecl *vd, llvm::APSInt *v)
{
	QualType t = vd->getType();
	const VarDecl *def;
	const Expr *init;

	if (!t.isConstQualified() || t.isVolatileQualified() || !t->isIntegralOrEnumerationType())
		return false;
	init = vd->getAnyInitializer(def);
	if (!init || !const_fold(w, init, true, v))
		return false;
	*v = const_to(w, *v, t);
	return true;
}

/* The conversions the fold follows itself; any other is a leaf of Clang's evaluator. */
static bool const_cast_kind(CastKind k)
{
	return k == CK_LValueToRValue || k == CK_IntegralCast || k == CK_NoOp ||
	       k == CK_IntegralToBoolean || k == CK_BooleanToSignedIntegral || k == CK_PointerToBoolean;
}

static bool const_cast_value(struct walk *w, const CastExpr *c, bool readings, llvm::APSInt *v)
{
	const Expr *sub = c->getSubExpr();

	switch (c->getCastKind()) {
	case CK_LValueToRValue: {
		const DeclRefExpr *r = dyn_cast<DeclRefExpr>(sub->IgnoreParens());
		const VarDecl *vd = r ? dyn_cast<VarDecl>(r->getDecl()) : NULL;

		return readings && vd && const_read(w, vd, v);
	}
	case CK_IntegralCast: case CK_NoOp: case CK_IntegralToBoolean:
	case CK_BooleanToSignedIntegral:
		if (!const_integral(sub) || !const_fold(w, sub, readings, v))
			return false;
		if (c->getCastKind() == CK_BooleanToSignedIntegral && *v != 0)
			*v = llvm::APSInt(llvm::APInt::getAllOnesValue(v->getBitWidth()), false);
		*v = const_to(w, *v, c->getType());
		return true;
	case CK_PointerToBoolean:
		if (!sub->isNullPointerConstant(*w->ctx, Expr::NPC_ValueDependentIsNotNull))
			return false;
		*v = const_int(w, 0, c->getType());
		return true;
	default:
		return false;
	}
}

static bool const_unary(struct walk *w, const UnaryOperator *u, bool readings, llvm::APSInt *v)
{
	if (!const_integral(u->getSubExpr()) || !const_fold(w, u->getSubExpr(), readings, v))
		return false;
	switch (u->getOpcode()) {
	case UO_LNot:
		*v = const_int(w, *v == 0, u->getType());
		return true;
	case UO_Minus:
		*v = -*v;
		return true;
	case UO_Not:
		*v = ~*v;
		return true;
	case UO_Plus: case UO_Extension:
		return true;
	default:
		return false;
	}
}

/* An operand with no side effects (what GCC's omit_one_operand drops). */
static bool const_pure(struct walk *w, const Expr *e)
{
	return !e->HasSideEffects(*w->ctx);
}

/*
 * && and ||: the left operand decides (0 && x, 1 || x), or both are
 * constant, or the right one decides and the left one has no side effects
 * (x && 0, x || 1: GCC folds them at every level).
 */
static bool const_logic(struct walk *w, const BinaryOperator *b, bool readings, llvm::APSInt *v)
{
	bool is_or = b->getOpcode() == BO_LOr;
	llvm::APSInt l, r;
	bool lk = const_fold(w, b->getLHS(), readings, &l);

	if (lk && (l != 0) == is_or) {
		*v = const_int(w, is_or, b->getType());
		return true;
	}
	if (!const_fold(w, b->getRHS(), readings, &r))
		return false;
	if (lk || ((r != 0) == is_or && const_pure(w, b->getLHS()))) {
		*v = const_int(w, r != 0, b->getType());
		return true;
	}
	return false;
}

/*
 * The operand under the conversions that keep every value of it (an
 * unsigned char widened to int for a comparison): its type's range is
 * what GCC's shorten_compare and fold compare a constant with.
 */
static const Expr *const_narrowest(struct walk *w, const Expr *e)
{
	for (;;) {
		const ImplicitCastExpr *c = dyn_cast<ImplicitCastExpr>(e->IgnoreParens());
		QualType to, from;

		if (!c || c->getCastKind() != CK_IntegralCast)
			return e->IgnoreParens();
		to = c->getType();
		from = c->getSubExpr()->getType();
		if (!from->isIntegerType() || from->isEnumeralType() ||
		    w->ctx->getIntWidth(from) > w->ctx->getIntWidth(to) ||
		    (w->ctx->getIntWidth(from) == w->ctx->getIntWidth(to) &&
		     from->isSignedIntegerType() != to->isSignedIntegerType()) ||
		    (from->isSignedIntegerType() && !to->isSignedIntegerType()))
			return e->IgnoreParens();
		e = c->getSubExpr();
	}
}

/*
 * x op c whose value is the same for every value of x's type (u < 0,
 * u >= 0, x > INT_MAX, u > ~0UL, uc == 300): 1 or 0 in @v. @op has x on
 * its left.
 */
static bool const_range(struct walk *w, BinaryOperatorKind op, const Expr *x,
			const llvm::APSInt &c, QualType type, llvm::APSInt *v)
{
	QualType t;
	llvm::APSInt lo, hi;
	int mn, mx;	/* min and max of x against c */

	if (!BinaryOperator::isComparisonOp(op))
		return false;
	x = const_narrowest(w, x);
	t = x->getType();
	if (!t->isIntegerType() || t->isEnumeralType() || !const_pure(w, x))
		return false;
	if (t->isBooleanType()) {
		lo = llvm::APSInt(llvm::APInt(8, 0), true);
		hi = llvm::APSInt(llvm::APInt(8, 1), true);
	} else {
		lo = llvm::APSInt::getMinValue(w->ctx->getIntWidth(t), t->isUnsignedIntegerType());
		hi = llvm::APSInt::getMaxValue(w->ctx->getIntWidth(t), t->isUnsignedIntegerType());
	}
	mn = llvm::APSInt::compareValues(lo, c);
	mx = llvm::APSInt::compareValues(hi, c);
	switch (op) {
	case BO_LT: if (mx < 0 || mn >= 0) { *v = const_int(w, mx < 0, type); return true; } break;
	case BO_LE: if (mx <= 0 || mn > 0) { *v = const_int(w, mx <= 0, type); return true; } break;
	case BO_GT: if (mn > 0 || mx <= 0) { *v = const_int(w, mn > 0, type); return true; } break;
	case BO_GE: if (mn >= 0 || mx < 0) { *v = const_int(w, mn >= 0, type); return true; } break;
	case BO_EQ: case BO_NE:
		if (mn > 0 || mx < 0) { *v = const_int(w, op == BO_NE, type); return true; }
		break;
	default: break;
	}
	return false;
}

/* x & 0, x * 0, and a comparison const_range decides (either side): one constant operand decides. */
static bool const_absorbs(struct walk *w, const BinaryOperator *b, bool readings, llvm::APSInt *v)
{
	const Expr *l = b->getLHS(), *r = b->getRHS();
	BinaryOperatorKind op = b->getOpcode();
	llvm::APSInt c;

	if (const_fold(w, r, readings, &c)) {
		if (const_range(w, op, l, c, b->getType(), v))
			return true;
		if (c == 0 && (op == BO_And || op == BO_Mul) && const_pure(w, l)) {
			*v = const_int(w, 0, b->getType());
			return true;
		}
	}
	if (const_fold(w, l, readings, &c)) {
		if (const_range(w, walk_mirror(op), r, c, b->getType(), v))
			return true;
		if (c == 0 && (op == BO_And || op == BO_Mul) && const_pure(w, r)) {
			*v = const_int(w, 0, b->getType());
			return true;
		}
	}
	return false;
}

static bool const_compare(BinaryOperatorKind op, const llvm::APSInt &a, const llvm::APSInt &b)
{
	int c = llvm::APSInt::compareValues(a, b);

	switch (op) {
	case BO_LT: return c < 0;
	case BO_GT: return c > 0;
	case BO_LE: return c <= 0;
	case BO_GE: return c >= 0;
	case BO_EQ: return c == 0;
	default:    return c != 0;
	}
}

/* @a op @b, both of the operands' common type (a shift's count aside). */
static bool const_arith(BinaryOperatorKind op, llvm::APSInt a, const llvm::APSInt &b, llvm::APSInt *v)
{
	switch (op) {
	case BO_Add: *v = a + b; return true;
	case BO_Sub: *v = a - b; return true;
	case BO_Mul: *v = a * b; return true;
	case BO_And: *v = a & b; return true;
	case BO_Or:  *v = a | b; return true;
	case BO_Xor: *v = a ^ b; return true;
	case BO_Div: case BO_Rem:
		if (b == 0 || (a.isSigned() && a.isMinSignedValue() && b.isAllOnesValue()))
			return false;
		*v = op == BO_Div ? a / b : a % b;
		return true;
	case BO_Shl: case BO_Shr:
		if (b.isNegative() || b.getLimitedValue() >= a.getBitWidth())
			return false;
		*v = op == BO_Shl ? a << (unsigned)b.getLimitedValue() : a >> (unsigned)b.getLimitedValue();
		return true;
	default:
		return false;
	}
}

static bool const_binary(struct walk *w, const BinaryOperator *b, bool readings, llvm::APSInt *v)
{
	BinaryOperatorKind op = b->getOpcode();
	llvm::APSInt l, r;

	if (b->isLogicalOp())
		return const_logic(w, b, readings, v);
	if (!const_integral(b->getLHS()) || !const_integral(b->getRHS()) || b->isAssignmentOp() ||
	    op == BO_Comma)
		return false;
	if (const_absorbs(w, b, readings, v))
		return true;
	if (!const_fold(w, b->getLHS(), readings, &l) || !const_fold(w, b->getRHS(), readings, &r))
		return false;
	if (b->isComparisonOp()) {
		*v = const_int(w, const_compare(op, l, r), b->getType());
		return true;
	}
	if (!const_arith(op, l, r, v))
		return false;
	*v = const_to(w, *v, b->getType());
	return true;
}

/* __builtin_constant_p (e): 1 when e is constant (the readings), else 0; __builtin_expect. */
static bool const_builtin(struct walk *w, const CallExpr *c, bool readings, llvm::APSInt *v)
{
	unsigned id = c->getBuiltinCallee();
	const Expr *arg = c->getNumArgs() ? c->getArg(0) : NULL;
	llvm::APSInt x;

	if (id == Builtin::BI__builtin_expect && arg && c->getNumArgs() == 2 &&
	    const_fold(w, arg, readings, v)) {
		*v = const_to(w, *v, c->getType());
		return true;
	}
	/* of a pointer, a float, a string: Clang's evaluator answers (a leaf) */
	if (id != Builtin::BI__builtin_constant_p || !arg || !readings || !const_integral(arg))
		return false;
	*v = const_int(w, const_fold(w, arg, true, &x), c->getType());
	return true;
}

/* C's integer constant expression (Clang's evaluator): the leaves of the fold. */
static bool const_ice(struct walk *w, const Expr *e, llvm::APSInt *v)
{
	auto r = e->getIntegerConstantExpr(*w->ctx);

	if (!r)
		return false;
	*v = *r;
	return true;
}

static bool const_fold_1(struct walk *w, const Expr *e, bool readings, llvm::APSInt *v)
{
	if (const CastExpr *c = dyn_cast<CastExpr>(e))
		return const_cast_value(w, c, readings, v) ||
		       (!const_cast_kind(c->getCastKind()) && const_ice(w, e, v));
	if (const UnaryOperator *u = dyn_cast<UnaryOperator>(e))
		return const_unary(w, u, readings, v);
	if (const BinaryOperator *b = dyn_cast<BinaryOperator>(e))
		return const_binary(w, b, readings, v);
	if (const ConditionalOperator *c = dyn_cast<ConditionalOperator>(e)) {
		llvm::APSInt cond;

		if (!const_fold(w, c->getCond(), readings, &cond))
			return false;
		return const_fold(w, cond != 0 ? c->getTrueExpr() : c->getFalseExpr(), readings, v);
	}
	if (const ChooseExpr *c = dyn_cast<ChooseExpr>(e))
		return const_fold(w, c->getChosenSubExpr(), readings, v);
	if (const CallExpr *c = dyn_cast<CallExpr>(e))
		return const_builtin(w, c, readings, v) || (c->getBuiltinCallee() && const_ice(w, e, v));
	if (isa<StmtExpr>(e))
		return false;
	return const_ice(w, e, v);
}

static bool const_fold(struct walk *w, const Expr *e, bool readings, llvm::APSInt *v)
{
	const_memo *memo = (const_memo *)w->consts;
	uintptr_t key;
	struct const_value r;

	if (!e || e->isValueDependent())
		return false;
	e = e->IgnoreParens();
	if (!const_integral(e))
		return false;
	if (!memo)
		w->consts = memo = new const_memo();
	key = (uintptr_t)e | readings;
	auto it = memo->find(key);
	if (it != memo->end()) {
		if (it->second.known)
			*v = it->second.v;
		return it->second.known;
	}
	(*memo)[key].known = false;	/* a variable read in its own initializer */
	r.known = const_fold_1(w, e, readings, &r.v);
	if (r.known)
		*v = r.v;
	(*memo)[key] = r;
	return r.known;
}

/* A null pointer constant is constant 0 (if (NULL), ?: on a NULL). */
static bool const_null(struct walk *w, const Expr *e, llvm::APSInt *value)
{
	if (!e->getType()->isPointerType() ||
	    !e->isNullPointerConstant(*w->ctx, Expr::NPC_ValueDependentIsNotNull))
		return false;
	*value = llvm::APSInt(llvm::APInt(64, 0), true);
	return true;
}

bool walk_is_constant(struct walk *w, const Expr *e, llvm::APSInt *value)
{
	if (!e || e->isValueDependent())
		return false;
	return const_null(w, e->IgnoreParens(), value) || const_fold(w, e, true, value);
}

bool walk_is_folded(struct walk *w, const Expr *e, llvm::APSInt *value)
{
	if (!e || e->isValueDependent())
		return false;
	return const_null(w, e->IgnoreParens(), value) || const_fold(w, e, false, value);
}

void walk_consts_free(struct walk *w)
{
	delete (const_memo *)w->consts;
	w->consts = NULL;
}

/* Whether @e folds to @one's value: 0, 1, or -1 (every bit set) for @one = -1. */
static bool walk_folds_to(struct walk *w, const Expr *e, int one)
{
	llvm::APSInt v;

	if (!walk_is_folded(w, e, &v))
		return false;
	return one < 0 ? v.isAllOnes() : v == one;
}

/*
 * x + 0, x - 0, x | 0, x ^ 0, x << 0, x >> 0, x * 1, x / 1, x & -1 (and
 * 0 + x, 0 | x, 0 ^ x, 1 * x, -1 & x) on integers: GCC's fold leaves x
 * (tmict * APIC_BUS_CYCLE_NS with the constant 1). Returns x, or NULL.
 */
const Expr *walk_identity(struct walk *w, BinaryOperatorKind op, const Expr *lhs,
			  const Expr *rhs, QualType type)
{
	llvm::APSInt v;

	if (!type->isIntegerType() || !lhs->getType()->isIntegerType() ||
	    !rhs->getType()->isIntegerType() || walk_is_folded(w, lhs, &v) ==
	    walk_is_folded(w, rhs, &v))
		return NULL;	/* one operand constant, the other not */
	switch (op) {
	case BO_Add: case BO_Or: case BO_Xor:
	case BO_AddAssign: case BO_OrAssign: case BO_XorAssign:
		return walk_folds_to(w, rhs, 0) ? lhs : walk_folds_to(w, lhs, 0) ? rhs : NULL;
	case BO_Sub: case BO_Shl: case BO_Shr:
	case BO_SubAssign: case BO_ShlAssign: case BO_ShrAssign:
		return walk_folds_to(w, rhs, 0) ? lhs : NULL;
	case BO_Mul: case BO_MulAssign:
		return walk_folds_to(w, rhs, 1) ? lhs : walk_folds_to(w, lhs, 1) ? rhs : NULL;
	case BO_Div: case BO_DivAssign:
		return walk_folds_to(w, rhs, 1) ? lhs : NULL;
	case BO_And: case BO_AndAssign:
		return walk_folds_to(w, rhs, -1) ? lhs : walk_folds_to(w, lhs, -1) ? rhs : NULL;
	default:
		return NULL;
	}
}
