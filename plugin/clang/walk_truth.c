// SPDX-License-Identifier: GPL-2.0
/*
 * walk_truth.c - truth values in the body walk (walk.h): conditions, the
 * operands of && || and !, comparisons, && and || as decisions, and ?:.
 *
 * As GCC's front end builds them (README, "How the plugin measures"): a
 * truth value is a comparison with 0 unless it already is a comparison;
 * '!' inverts it (!x is x == 0, !(a < b) is a >= b, !b on a _Bool stays
 * a '!') instead of being an operator, as invert_truthvalue does; a
 * comparison with a constant is canonicalised (x < 3 is x <= 2);
 * __builtin_expect is distributed over && and || (fold_builtin_expect);
 * c ? 1 : 0 is the truth value of c; a ?: that is a min, max or abs keeps
 * its decision but not its comparison (MIN_EXPR, MAX_EXPR, ABS_EXPR).
 * An && or || is a decision when its own value is not constant
 * (README's readings); a constant operand of it is folded away.
 */
#include "walk.h"

#include "clang/Basic/Builtins.h"

using namespace clang;

/* One && or || written: a decision, an operator, a new run for cognitive. */
static void walk_logic_op(struct walk *w, const BinaryOperator *b)
{
	unsigned kind = b->getOpcode() == BO_LAnd ? K_LOGAND : K_LOGOR;

	walk_decision(w, b->getOperatorLoc(), 0);
	walk_operator(w, kind);
	if (kind != w->cog_last)
		walk_cognitive(w, K_ELSE);	/* a new sequence of like operators: +1 */
	w->cog_last = kind;
}

/* The && or || that @e is as a truth value (through '!', parentheses and conversions). */
const BinaryOperator *walk_logic_of(const Expr *e)
{
	for (;;) {
		e = e->IgnoreParenImpCasts();
		if (const UnaryOperator *u = dyn_cast<UnaryOperator>(e))
			if (u->getOpcode() == UO_LNot) {
				e = u->getSubExpr();
				continue;
			}
		break;
	}
	const BinaryOperator *b = dyn_cast<BinaryOperator>(e);

	return b && b->isLogicalOp() ? b : NULL;
}

/*
 * An && or || in source order (cognitive's runs), its operands truth
 * values; a constant operand that does not decide it is folded away
 * (IS_ENABLED(CONFIG_X) && x is x != 0), the operator still counts.
 */
static void walk_logic_operand(struct walk *w, const Expr *e, int depth, bool invert)
{
	llvm::APSInt v;

	if (walk_is_constant(w, e, &v))
		return;
	walk_truth(w, e, depth, invert);
	if (w->distribute && walk_logic_of(e)) {
		walk_operator(w, K_NE);	/* __builtin_expect (a || b, v) != 0 */
		walk_operand_int(w, llvm::APSInt(llvm::APInt(32, 0), false));
	}
}

void walk_logic(struct walk *w, const BinaryOperator *b, int depth, bool invert)
{
	llvm::APSInt v;

	if (walk_is_constant(w, b, &v)) {	/* its own value is constant: no decision */
		walk_operand_int(w, llvm::APSInt(llvm::APInt(32, (v != 0) != invert), false));
		return;
	}
	walk_logic_operand(w, b->getLHS(), depth, invert);
	walk_logic_op(w, b);
	walk_logic_operand(w, b->getRHS(), depth, invert);
}

/* ---- truth values ---- */

unsigned walk_cmp_kind(BinaryOperatorKind op, bool invert)
{
	switch (op) {
	case BO_LT: return invert ? K_GE : K_LT;
	case BO_GT: return invert ? K_LE : K_GT;
	case BO_LE: return invert ? K_GT : K_LE;
	case BO_GE: return invert ? K_LT : K_GE;
	case BO_EQ: return invert ? K_NE : K_EQ;
	default:    return invert ? K_EQ : K_NE;
	}
}

BinaryOperatorKind walk_mirror(BinaryOperatorKind op)
{
	switch (op) {
	case BO_LT: return BO_GT;
	case BO_GT: return BO_LT;
	case BO_LE: return BO_GE;
	case BO_GE: return BO_LE;
	default:    return op;
	}
}

static BinaryOperatorKind walk_invert(BinaryOperatorKind op)
{
	switch (op) {
	case BO_LT: return BO_GE;
	case BO_GT: return BO_LE;
	case BO_LE: return BO_GT;
	case BO_GE: return BO_LT;
	case BO_EQ: return BO_NE;
	default:    return BO_EQ;
	}
}

/*
 * A comparison with a constant as GCC's fold canonicalises it: the
 * constant on the right, then the smaller constant (x < 3 is x <= 2,
 * x > -3 is x >= -2), and unsigned x < 1 is x == 0, x > 0 is x != 0.
 */
static BinaryOperatorKind walk_canon(BinaryOperatorKind op, llvm::APSInt *c, bool is_unsigned)
{
	llvm::APSInt one(llvm::APInt(c->getBitWidth(), 1), c->isUnsigned());

	if (is_unsigned && ((op == BO_LT && *c == 1) || (op == BO_GE && *c == 1) ||
			    (op == BO_GT && *c == 0) || (op == BO_LE && *c == 0))) {
		*c = llvm::APSInt(llvm::APInt(c->getBitWidth(), 0), c->isUnsigned());
		return op == BO_LT || op == BO_LE ? BO_EQ : BO_NE;
	}
	if ((op == BO_LT || op == BO_GE) && c->isStrictlyPositive()) {
		*c -= one;
		return op == BO_LT ? BO_LE : BO_GT;
	}
	if ((op == BO_GT || op == BO_LE) && c->isNegative()) {
		*c += one;
		return op == BO_GT ? BO_GE : BO_LT;
	}
	return op;
}

void walk_compare(struct walk *w, const BinaryOperator *b, int depth, bool invert)
{
	const Expr *l = b->getLHS(), *r = b->getRHS();
	BinaryOperatorKind op = b->getOpcode();
	llvm::APSInt c;

	if (walk_is_folded(w, l, &c) && !walk_is_folded(w, r, &c)) {
		std::swap(l, r);
		op = walk_mirror(op);
	}
	if (invert)
		op = walk_invert(op);
	if (!walk_is_folded(w, r, &c) || !l->getType()->isIntegerType()) {
		walk_operator(w, walk_cmp_kind(op, false));
		walk_expr(w, l, depth);
		walk_expr(w, r, depth);
		return;
	}
	op = walk_canon(op, &c, l->getType()->isUnsignedIntegerType());
	walk_operator(w, walk_cmp_kind(op, false));
	walk_expr(w, l, depth);
	walk_operand_int(w, c);
}

bool walk_is_expect(const CallExpr *c)
{
	return c->getBuiltinCallee() == Builtin::BI__builtin_expect && c->getNumArgs() >= 1;
}

/* A conversion that does not change whether a value is zero (widening, or none). */
static bool walk_truth_keeps(struct walk *w, const CastExpr *c)
{
	QualType to = c->getType(), from = c->getSubExpr()->getType();

	if (isa<ImplicitCastExpr>(c))
		return true;
	if (!to->isIntegerType() || !from->isIntegerType())
		return to->isPointerType() && from->isPointerType();
	return w->ctx->getIntWidth(to) >= w->ctx->getIntWidth(from);
}


static void walk_truth_1(struct walk *w, const Expr *e, int depth, bool invert);

/*
 * GCC distributes __builtin_expect over the && and || of its argument,
 * each operand that is an && or || compared with 0 once more; that
 * stops at anything else (a comparison, a call's arguments).
 */
void walk_truth(struct walk *w, const Expr *e, int depth, bool invert)
{
	bool dist = w->distribute;

	if (!e)
		return;
	if (dist && !walk_logic_of(e))
		w->distribute = false;
	walk_truth_1(w, e, depth, invert);
	w->distribute = dist;
}

static void walk_truth_1(struct walk *w, const Expr *e, int depth, bool invert)
{
	llvm::APSInt v;

	e = e->IgnoreParens();
	if (walk_is_constant(w, e, &v)) {
		walk_operand_int(w, llvm::APSInt(llvm::APInt(32, (v != 0) != invert), false));
		return;
	}
	if (const CastExpr *c = dyn_cast<CastExpr>(e)) {
		if (walk_truth_keeps(w, c)) {
			walk_truth(w, c->getSubExpr(), depth, invert);
			return;
		}
	} else if (const UnaryOperator *u = dyn_cast<UnaryOperator>(e)) {
		if (u->getOpcode() == UO_LNot || u->getOpcode() == UO_Minus ||
		    u->getOpcode() == UO_Extension) {
			walk_truth(w, u->getSubExpr(), depth, invert != (u->getOpcode() == UO_LNot));
			return;
		}
	} else if (const BinaryOperator *b = dyn_cast<BinaryOperator>(e)) {
		if (b->isLogicalOp()) {
			walk_logic(w, b, depth, invert);
			return;
		}
		if (b->isComparisonOp()) {
			walk_compare(w, b, depth, invert);
			return;
		}
		if (b->getOpcode() == BO_Comma) {
			walk_operator(w, K_COMMA);
			walk_expr(w, b->getLHS(), depth);
			walk_truth(w, b->getRHS(), depth, invert);
			return;
		}
		if (b->getOpcode() == BO_And && walk_is_folded(w, b->getRHS(), &v) && v == 1) {
			walk_expr(w, b, depth);		/* x & 1 is a truth value already */
			if (invert) {
				walk_operator(w, K_EQ);
				walk_operand_int(w, llvm::APSInt(llvm::APInt(32, 0), false));
			}
			return;
		}
	} else if (const AbstractConditionalOperator *c = dyn_cast<AbstractConditionalOperator>(e)) {
		walk_ternary(w, c, depth, invert ? 2 : 1);
		return;
	} else if (const CallExpr *call = dyn_cast<CallExpr>(e)) {
		if (walk_is_expect(call) && !invert) {
			walk_expr(w, call, depth);	/* __builtin_expect (x, v) != 0: x */
			return;
		}
	}
	if (invert && e->getType()->isBooleanType()) {	/* !b stays: b == 0 folds back to it */
		walk_operator(w, K_TRUTH_NOT);
		walk_expr(w, e, depth);
		return;
	}
	walk_operator(w, invert ? K_EQ : K_NE);
	walk_expr(w, e, depth);
	walk_operand_int(w, llvm::APSInt(llvm::APInt(32, 0), false));
}

/* ---- ?: ---- */

static bool walk_same(struct walk *w, const Expr *a, const Expr *b)
{
	llvm::FoldingSetNodeID ia, ib;

	a = a->IgnoreParenImpCasts();
	b = b->IgnoreParenImpCasts();
	if (a->HasSideEffects(*w->ctx) || b->HasSideEffects(*w->ctx))
		return false;
	a->Profile(ia, *w->ctx, true);
	b->Profile(ib, *w->ctx, true);
	return ia == ib;
}

/*
 * The comparison of a ?: GCC folded into a MIN_EXPR, MAX_EXPR or ABS_EXPR:
 * no operator or operand of it is left, but each ?: written in it counts
 * (min3()'s inner min, written in the outer one's condition and arm).
 */
static void walk_dropped(struct walk *w, const Expr *cond, int depth)
{
	bool only = w->edges_only;

	w->edges_only = true;
	walk_truth(w, cond, depth, false);
	w->edges_only = only;
}

/*
 * A ?: GCC folds into MIN_EXPR or MAX_EXPR (a < b ? a : b, either order)
 * or ABS_EXPR (x < 0 ? -x : x): its decision stays, its comparison goes.
 */
static bool walk_min_max(struct walk *w, const ConditionalOperator *c, int depth)
{
	const BinaryOperator *cmp = dyn_cast<BinaryOperator>(c->getCond()->IgnoreParenImpCasts());
	const Expr *t = c->getTrueExpr(), *f = c->getFalseExpr();
	llvm::APSInt v;

	if (!cmp || !cmp->isRelationalOp() || !c->getType()->isIntegerType())
		return false;
	if ((walk_same(w, cmp->getLHS(), t) && walk_same(w, cmp->getRHS(), f)) ||
	    (walk_same(w, cmp->getLHS(), f) && walk_same(w, cmp->getRHS(), t))) {
		walk_operator(w, K_TERNARY);
		walk_decision(w, c->getQuestionLoc(), K_TERNARY);
		walk_dropped(w, cmp, depth);
		walk_expr(w, t, depth);
		walk_expr(w, f, depth);
		return true;
	}
	if (walk_is_folded(w, cmp->getRHS(), &v) && v == 0) {
		const UnaryOperator *neg = dyn_cast<UnaryOperator>(t->IgnoreParenImpCasts());
		const Expr *plain = f;

		if (!neg || neg->getOpcode() != UO_Minus) {
			neg = dyn_cast<UnaryOperator>(f->IgnoreParenImpCasts());
			plain = t;
		}
		if (neg && neg->getOpcode() == UO_Minus && walk_same(w, neg->getSubExpr(), plain) &&
		    walk_same(w, cmp->getLHS(), plain)) {
			walk_operator(w, K_TERNARY);
			walk_decision(w, c->getQuestionLoc(), K_TERNARY);
			walk_dropped(w, cmp, depth);
			walk_expr(w, plain, depth);
			return true;
		}
	}
	return false;
}

/* A variable or parameter, as GCC's DECL_P. */
static bool walk_is_decl(const Expr *e)
{
	const DeclRefExpr *r = dyn_cast<DeclRefExpr>(e->IgnoreParenImpCasts());

	return r && isa<VarDecl>(r->getDecl());
}

/*
 * Whether GCC's fold swaps the arms of c ? a : b, inverting c: when a is
 * a constant and b is not, or a is a variable and b neither a variable
 * nor a constant (tree_swap_operands_p).
 */
static bool walk_swaps(struct walk *w, const Expr *a, const Expr *b)
{
	llvm::APSInt v;

	if (walk_is_folded(w, b, &v))
		return false;
	if (walk_is_folded(w, a, &v))
		return true;
	return walk_is_decl(a) && !walk_is_decl(b);
}

/* @truth: 0 a value, 1 a truth value, 2 an inverted truth value (its arms are). */
static void walk_arm(struct walk *w, const Expr *arm, int depth, int truth)
{
	if (truth)
		walk_truth(w, arm, depth, truth == 2);
	else
		walk_expr(w, arm, depth);
}

/* c ? x : x: both arms the same expression, or constants of one value (GCC: x, or (c, x)). */
static bool walk_same_arms(struct walk *w, const ConditionalOperator *c, int depth, int truth)
{
	llvm::APSInt t, f;

	if (!walk_same(w, c->getTrueExpr(), c->getFalseExpr()) &&
	    !(walk_is_folded(w, c->getTrueExpr(), &t) && walk_is_folded(w, c->getFalseExpr(), &f) &&
	      llvm::APSInt::isSameValue(t, f)))
		return false;
	if (c->getCond()->HasSideEffects(*w->ctx)) {
		walk_operator(w, K_COMMA);
		walk_expr(w, c->getCond(), depth);
	}
	walk_arm(w, c->getTrueExpr(), depth, truth);
	return true;
}

/* x & B, (x & B) != 0 with B a power of two: its x, B in @b; NULL for anything else. */
static const Expr *walk_one_bit(struct walk *w, const Expr *e, llvm::APSInt *b)
{
	const BinaryOperator *op = dyn_cast<BinaryOperator>(e->IgnoreParenImpCasts());
	llvm::APSInt z;

	if (op && op->getOpcode() == BO_NE && walk_is_folded(w, op->getRHS(), &z) && z == 0)
		op = dyn_cast<BinaryOperator>(op->getLHS()->IgnoreParenImpCasts());
	if (!op || op->getOpcode() != BO_And)
		return NULL;
	if (walk_is_folded(w, op->getRHS(), b) && b->isStrictlyPositive() && b->isPowerOf2())
		return op->getLHS();
	if (walk_is_folded(w, op->getLHS(), b) && b->isStrictlyPositive() && b->isPowerOf2())
		return op->getRHS();
	return NULL;
}

/*
 * (x & B) ? P : 0 with B and P powers of two: GCC's fold makes it a plain
 * expression of shifts, x & B moved to P's bit ((x << n) & P, (x >> n) &
 * P, x & P), no decision (SPEC: a ?: folded into a plain expression).
 */
static bool walk_bit_select(struct walk *w, const ConditionalOperator *c, int depth)
{
	llvm::APSInt b, p, f;
	const Expr *x;
	unsigned from, to;

	if (!walk_is_folded(w, c->getFalseExpr(), &f) || f != 0 ||
	    !walk_is_folded(w, c->getTrueExpr(), &p) || !p.isStrictlyPositive() || !p.isPowerOf2() ||
	    !(x = walk_one_bit(w, c->getCond(), &b)))
		return false;
	from = b.logBase2();
	to = p.logBase2();
	walk_operator(w, K_BIT_AND);
	if (from != to) {
		walk_operator(w, from < to ? K_LSHIFT : K_RSHIFT);
		walk_operand_int(w, llvm::APSInt(llvm::APInt(32, from < to ? to - from : from - to), false));
	}
	walk_expr(w, x, depth);
	walk_operand_int(w, p);
	return true;
}

void walk_ternary(struct walk *w, const AbstractConditionalOperator *c, int depth,
			 int truth)
{
	const ConditionalOperator *co = dyn_cast<ConditionalOperator>(c);
	llvm::APSInt v, t, f;

	if (walk_is_constant(w, c->getCond(), &v)) {
		walk_arm(w, v != 0 ? c->getTrueExpr() : c->getFalseExpr(), depth, truth);
		return;
	}
	if (walk_is_folded(w, c->getTrueExpr(), &t) && walk_is_folded(w, c->getFalseExpr(), &f) &&
	    ((t == 1 && f == 0) || (t == 0 && f == 1))) {
		/* c ? 1 : 0 is c != 0, c ? 0 : 1 is c == 0 */
		walk_truth(w, c->getCond(), depth, (t == 0) != (truth == 2));
		return;
	}
	if (co && walk_same_arms(w, co, depth, truth))
		return;
	if (!truth && co && (walk_bit_select(w, co, depth) || walk_min_max(w, co, depth)))
		return;
	walk_operator(w, K_TERNARY);
	walk_decision(w, c->getQuestionLoc(), K_TERNARY);
	if (co) {
		walk_truth(w, c->getCond(), depth, walk_swaps(w, c->getTrueExpr(), c->getFalseExpr()));
	} else {	/* a ?: b: GCC's SAVE_EXPR of a, walked once */
		walk_truth(w, cast<BinaryConditionalOperator>(c)->getCommon(), depth, false);
	}
	w->cog_nest++;
	if (co)
		walk_arm(w, c->getTrueExpr(), depth, truth);
	walk_arm(w, c->getFalseExpr(), depth, truth);
	w->cog_nest--;
}

