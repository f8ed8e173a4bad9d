// SPDX-License-Identifier: GPL-2.0
/*
 * walk_expr.c - the expression half of the body walk (walk.h): Halstead's
 * operators and operands, truth values, ?:, calls and address references.
 *
 * C3 is defined over GCC's C tree (README, "How the plugin measures"), so
 * Clang's AST, which keeps the code as written, is read as that tree:
 *   - integer constant expressions are one constant operand (GCC's front
 *     end folds them: sizeof, enumerators, 1 << 3, (u8)5);
 *   - implicit conversions are no operator, a written cast is one unless
 *     it converts to the type the operand already has;
 *   - a truth value (condition, operand of && || !, conversion to _Bool)
 *     is a comparison with 0 unless it already is a comparison; '!'
 *     inverts it (!x is x == 0, !(a < b) is a >= b) instead of being an
 *     operator, as GCC's invert_truthvalue does;
 *   - x op= y is x = x op y; p + i is a pointer plus by i * size; p[i] on
 *     a pointer is *(p + i * size), on an array one subscript; &a[i] is
 *     a + i, &*p is p; p->f is (*p).f;
 *   - __builtin_expect is transparent; c ? 1 : 0 is the truth value of c;
 *     a ?: that is a min, max or abs keeps its decision but not its
 *     comparison (GCC folds it into MIN_EXPR, MAX_EXPR, ABS_EXPR).
 */
#include "walk.h"

#include "clang/AST/DeclCXX.h"
#include "clang/Basic/Builtins.h"

using namespace clang;

void walk_operator(struct walk *w, unsigned kind)
{
	if (!w->edges_only)
		km_halstead_operator(&w->hal, kind);
}

void walk_operand_decl(struct walk *w, const void *decl)
{
	if (!w->edges_only)
		km_halstead_operand(&w->hal, (uint64_t)(uintptr_t)decl);
}

/* A constant by value, whatever its type (GCC's INTEGER_CST elements). */
void walk_operand_int(struct walk *w, const llvm::APSInt &v)
{
	llvm::APInt x = v.isSigned() ? v.sext(128) : v.zext(128);
	uint64_t words[2] = { x.getRawData()[0], x.getRawData()[1] };

	if (!w->edges_only)
		km_halstead_operand(&w->hal, km_hash_bytes(1, words, sizeof(words)));
}

static void walk_operand_bytes(struct walk *w, uint64_t tag, const char *p, size_t len)
{
	if (!w->edges_only)
		km_halstead_operand(&w->hal, km_hash_bytes(tag, p, len));
}

/* ---- decisions and cognitive increments ---- */

void walk_cognitive(struct walk *w, unsigned kind)
{
	if (!w->edges_only)	/* a header's function has no measures */
		w->cognitive += 1 + (kind == K_ELSE ? 0 : w->cog_nest);
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
	w->decisions++;
	if (!w->edges_only && walk_from_macro(*w->sm, loc))
		w->macro_decisions++;
	if (cog_kind)
		walk_cognitive(w, cog_kind);
}

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
static const BinaryOperator *walk_logic_of(const Expr *e)
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

static void walk_logic(struct walk *w, const BinaryOperator *b, int depth, bool invert)
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

/* ---- edges ---- */

static void walk_add_edge(struct walk *w, const FunctionDecl *callee, char kind)
{
	struct km_fn *fn = w->fn;
	size_t i;

	callee = callee->getCanonicalDecl();
	if (callee == w->fd)
		return;
	/* implicitly declared builtins (__builtin_expect, ...) are no functions */
	if (callee->isImplicit() || !callee->getIdentifier())
		return;
	for (i = 0; i < fn->nedges; i++)
		if (fn->edges[i].callee == callee && fn->edges[i].kind == kind) {
			fn->edges[i].dead &= w->dead;
			return;
		}
	if (!km_grow((void **)&fn->edges, &fn->nedges, &fn->edges_cap, sizeof(*fn->edges))) {
		w->oom = true;
		return;
	}
	fn->edges[fn->nedges].callee = callee;
	fn->edges[fn->nedges].kind = kind;
	fn->edges[fn->nedges].linkage = callee->isExternallyVisible() ? 'G' : 'S';
	fn->edges[fn->nedges].dead = w->dead;
	fn->nedges++;
}

/* A variable with static storage the body refers to: what keeps it (keep.c). */
static void walk_add_var(struct walk *w, const VarDecl *vd)
{
	struct km_fn *fn = w->fn;

	if (!vd->hasGlobalStorage() || w->dead)
		return;
	if (!km_grow((void **)&fn->vars, &fn->nvars, &fn->vars_cap, sizeof(*fn->vars))) {
		w->oom = true;
		return;
	}
	fn->vars[fn->nvars++] = vd->getCanonicalDecl();
}

static void walk_decl_ref(struct walk *w, const DeclRefExpr *r)
{
	const ValueDecl *d = r->getDecl();

	if (const VarDecl *vd = dyn_cast<VarDecl>(d)) {
		if (!vd->isImplicit())
			walk_operand_decl(w, vd->getCanonicalDecl());
		walk_add_var(w, vd);
	} else if (const FunctionDecl *f = dyn_cast<FunctionDecl>(d)) {
		/* a function named outside a call: its address is taken */
		walk_operand_decl(w, f->getCanonicalDecl());
		walk_add_edge(w, f, 'a');
	} else if (const EnumConstantDecl *e = dyn_cast<EnumConstantDecl>(d)) {
		walk_operand_int(w, e->getInitVal());
	}
}

void walk_var_init(struct walk *w, const VarDecl *vd, int depth)
{
	if (!vd->getInit())
		return;
	walk_operator(w, K_ASSIGN);
	walk_operand_decl(w, vd->getCanonicalDecl());
	walk_expr(w, vd->getInit(), depth);
}

/* ---- truth values ---- */

static unsigned walk_cmp_kind(BinaryOperatorKind op, bool invert)
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

static BinaryOperatorKind walk_mirror(BinaryOperatorKind op)
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

static void walk_compare(struct walk *w, const BinaryOperator *b, int depth, bool invert)
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

static bool walk_is_expect(const CallExpr *c)
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

static void walk_ternary(struct walk *w, const AbstractConditionalOperator *c, int depth,
			 int truth);
static void walk_logic(struct walk *w, const BinaryOperator *b, int depth, bool invert);

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

static void walk_ternary(struct walk *w, const AbstractConditionalOperator *c, int depth,
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
	if (!truth && co && walk_min_max(w, co, depth))
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

/* ---- pointer arithmetic ---- */

/* The size of what @ptr points to, in bytes (void and functions: 1, as GNU C). */
static uint64_t walk_pointee_size(struct walk *w, QualType ptr)
{
	QualType t = ptr->getPointeeType();

	if (t.isNull() || t->isVoidType() || t->isFunctionType() || t->isIncompleteType() ||
	    !t->isConstantSizeType())
		return 1;
	return w->ctx->getTypeSizeInChars(t).getQuantity();
}

/* p + i, p - i: a pointer plus by i * size (GCC's pointer_int_sum). */
static void walk_pointer_plus(struct walk *w, const Expr *ptr, const Expr *idx, bool minus,
			      int depth)
{
	uint64_t size = walk_pointee_size(w, ptr->getType());
	llvm::APSInt v;

	if (walk_is_folded(w, idx, &v) && v == 0) {	/* p + 0 folds to p */
		walk_expr(w, ptr, depth);
		return;
	}
	walk_operator(w, K_POINTER_PLUS);
	walk_expr(w, ptr, depth);
	if (walk_is_folded(w, idx, &v)) {
		llvm::APInt off = v.sextOrTrunc(64) * llvm::APInt(64, size);

		if (minus)
			off = -off;
		walk_operand_int(w, llvm::APSInt(off, true));	/* sizetype: unsigned */
		return;
	}
	if (minus)
		walk_operator(w, K_NEGATE);
	if (size != 1) {
		walk_operator(w, K_MULT);
		walk_operand_int(w, llvm::APSInt(llvm::APInt(64, size), true));
	}
	walk_expr(w, idx, depth);
}

/* The array an expression decays from, or NULL when it is a pointer already. */
static const Expr *walk_array_of(const Expr *e)
{
	e = e->IgnoreParens();
	if (const ImplicitCastExpr *c = dyn_cast<ImplicitCastExpr>(e))
		if (c->getCastKind() == CK_ArrayToPointerDecay)
			return c->getSubExpr();
	return NULL;
}

static void walk_subscript(struct walk *w, const ArraySubscriptExpr *a, int depth, bool addr)
{
	const Expr *base = a->getBase(), *idx = a->getIdx();

	if (!addr && walk_array_of(base)) {
		walk_operator(w, K_ARRAY_REF);
		walk_expr(w, walk_array_of(base), depth);
		walk_expr(w, idx, depth);
		return;
	}
	if (!addr)
		walk_operator(w, K_INDIRECT);
	walk_pointer_plus(w, base, idx, false, depth);
}

static void walk_binary_op(struct walk *w, BinaryOperatorKind op, const Expr *lhs,
			   const Expr *rhs, QualType type, int depth);

/* ---- binary operators ---- */

static unsigned walk_arith_kind(BinaryOperatorKind op, QualType type)
{
	switch (op) {
	case BO_Mul: case BO_MulAssign: return K_MULT;
	case BO_Div: case BO_DivAssign: return type->isRealFloatingType() ? K_RDIV : K_DIV;
	case BO_Rem: case BO_RemAssign: return K_MOD;
	case BO_Add: case BO_AddAssign: return K_PLUS;
	case BO_Sub: case BO_SubAssign: return K_MINUS;
	case BO_Shl: case BO_ShlAssign: return K_LSHIFT;
	case BO_Shr: case BO_ShrAssign: return K_RSHIFT;
	case BO_And: case BO_AndAssign: return K_BIT_AND;
	case BO_Or: case BO_OrAssign: return K_BIT_IOR;
	case BO_Xor: case BO_XorAssign: return K_BIT_XOR;
	case BO_Comma: return K_COMMA;
	default: return walk_cmp_kind(op, false);
	}
}

static void walk_binary_op(struct walk *w, BinaryOperatorKind op, const Expr *lhs,
			   const Expr *rhs, QualType type, int depth)
{
	bool lptr = lhs->getType()->isPointerType(), rptr = rhs->getType()->isPointerType();
	bool add = op == BO_Add || op == BO_AddAssign, sub = op == BO_Sub || op == BO_SubAssign;

	if ((add || sub) && lptr && !rptr) {
		walk_pointer_plus(w, lhs, rhs, sub, depth);
		return;
	}
	if (add && rptr && !lptr) {
		walk_pointer_plus(w, rhs, lhs, false, depth);
		return;
	}
	if (sub && lptr && rptr) {	/* GCC 12: POINTER_DIFF_EXPR, then / size */
		uint64_t size = walk_pointee_size(w, lhs->getType());

		if (size != 1) {
			walk_operator(w, K_EXACT_DIV);
			walk_operand_int(w, llvm::APSInt(llvm::APInt(64, size), false));
		}
		walk_operator(w, K_POINTER_DIFF);
		walk_expr(w, lhs, depth);
		walk_expr(w, rhs, depth);
		return;
	}
	walk_operator(w, walk_arith_kind(op, type));
	walk_expr(w, lhs, depth);
	walk_expr(w, rhs, depth);
}

static void walk_binary(struct walk *w, const BinaryOperator *b, int depth)
{
	if (b->isLogicalOp()) {
		walk_logic(w, b, depth, false);
		return;
	}
	if (b->isComparisonOp()) {
		walk_compare(w, b, depth, false);
		return;
	}
	if (b->getOpcode() == BO_Assign) {
		walk_operator(w, K_ASSIGN);
		walk_expr(w, b->getLHS(), depth);
		walk_expr(w, b->getRHS(), depth);
		return;
	}
	if (b->isCompoundAssignmentOp()) {	/* x op= y is x = x op y */
		walk_operator(w, K_ASSIGN);
		walk_expr(w, b->getLHS(), depth);
		walk_binary_op(w, b->getOpcode(), b->getLHS(), b->getRHS(),
			       cast<CompoundAssignOperator>(b)->getComputationResultType(), depth);
		return;
	}
	walk_binary_op(w, b->getOpcode(), b->getLHS(), b->getRHS(), b->getType(), depth);
}

/* ---- unary operators ---- */

static void walk_unary(struct walk *w, const UnaryOperator *u, int depth)
{
	const Expr *sub = u->getSubExpr();

	switch (u->getOpcode()) {
	case UO_LNot:
		walk_truth(w, sub, depth, true);
		return;
	case UO_Plus: case UO_Extension:
		walk_expr(w, sub, depth);
		return;
	case UO_AddrOf:
		if (const ArraySubscriptExpr *a = dyn_cast<ArraySubscriptExpr>(sub->IgnoreParens())) {
			walk_subscript(w, a, depth, true);	/* &x[i] is x + i */
			return;
		}
		if (const UnaryOperator *d = dyn_cast<UnaryOperator>(sub->IgnoreParens())) {
			if (d->getOpcode() == UO_Deref) {	/* &*p is p */
				walk_expr(w, d->getSubExpr(), depth);
				return;
			}
		}
		walk_operator(w, K_ADDR);
		break;
	case UO_Deref: walk_operator(w, K_INDIRECT); break;
	case UO_Minus: walk_operator(w, K_NEGATE); break;
	case UO_Not: walk_operator(w, K_BIT_NOT); break;
	case UO_PreInc: walk_operator(w, K_PREINC); break;
	case UO_PreDec: walk_operator(w, K_PREDEC); break;
	case UO_PostInc: walk_operator(w, K_POSTINC); break;
	case UO_PostDec: walk_operator(w, K_POSTDEC); break;
	case UO_Real: walk_operator(w, K_REALPART); break;
	case UO_Imag: walk_operator(w, K_IMAGPART); break;
	default: break;
	}
	walk_expr(w, sub, depth);
}

/* ---- calls ---- */

static void walk_call(struct walk *w, const CallExpr *c, int depth)
{
	const FunctionDecl *callee = c->getDirectCallee();
	unsigned i;

	if (walk_is_expect(c)) {	/* likely (x), unlikely (x): a hint */
		bool dist = w->distribute;

		w->distribute = walk_logic_of(c->getArg(0)) != NULL;
		walk_expr(w, c->getArg(0)->IgnoreImpCasts(), depth);
		w->distribute = dist;
		return;
	}
	walk_operator(w, K_CALL);
	if (callee) {
		walk_operand_decl(w, callee->getCanonicalDecl());
		if (callee->getCanonicalDecl() == w->fd)
			w->self_calls++;
		else
			walk_add_edge(w, callee, 'c');
	} else {
		const Expr *fn = c->getCallee()->IgnoreParenImpCasts();
		const UnaryOperator *d = dyn_cast<UnaryOperator>(fn);

		/* (*fp) (x) is fp (x) */
		walk_expr(w, d && d->getOpcode() == UO_Deref ? d->getSubExpr() : fn, depth);
	}
	for (i = 0; i < c->getNumArgs(); i++)
		walk_expr(w, c->getArg(i), depth);
}

/* ---- conversions ---- */

static void walk_cast(struct walk *w, const CastExpr *c, int depth)
{
	const Expr *sub = c->getSubExpr();

	switch (c->getCastKind()) {
	case CK_IntegralToBoolean: case CK_PointerToBoolean: case CK_FloatingToBoolean:
		walk_truth(w, sub, depth, false);	/* to _Bool: x != 0 */
		return;
	case CK_ArrayToPointerDecay:
		walk_operator(w, K_ADDR);
		walk_expr(w, sub, depth);
		return;
	case CK_FunctionToPointerDecay:
		if (const UnaryOperator *d = dyn_cast<UnaryOperator>(sub->IgnoreParens()))
			if (d->getOpcode() == UO_Deref) {	/* &*fp is fp */
				walk_expr(w, d->getSubExpr(), depth);
				return;
			}
		walk_operator(w, K_ADDR);
		walk_expr(w, sub, depth);
		return;
	default:
		break;
	}
	if (isa<ExplicitCastExpr>(c) &&
	    (c->getType()->isVoidType() || !w->ctx->hasSameUnqualifiedType(c->getType(), sub->getType())))
		walk_operator(w, K_CAST);
	walk_expr(w, sub, depth);
}

/* ---- expressions ---- */

/* Whether @d declares nothing but static assertions (no code, no variable). */
static bool walk_asserts_only(const Stmt *d)
{
	const DeclStmt *ds = dyn_cast<DeclStmt>(d);

	if (!ds)
		return false;
	for (const Decl *x : ds->decls())
		if (!isa<StaticAssertDecl>(x))
			return false;
	return true;
}

/*
 * Whether a statement expression is its value alone: ({ x; }), also with
 * static assertions (READ_ONCE()'s), which GCC's c_finish_stmt_expr hands
 * on as that expression, with no temporary.
 */
static bool walk_value_only(const StmtExpr *se)
{
	const Stmt *only = NULL;

	for (const Stmt *s : se->getSubStmt()->body()) {
		if (walk_asserts_only(s))
			continue;
		if (only)
			return false;
		only = s;
	}
	return only && isa<Expr>(only);
}

/* Nodes with operands of their own shape; false for those walked generically. */
static bool walk_special(struct walk *w, const Expr *e, int depth)
{
	switch (e->getStmtClass()) {
	case Stmt::DeclRefExprClass:
		walk_decl_ref(w, cast<DeclRefExpr>(e));
		return true;
	case Stmt::StringLiteralClass: {
		const StringLiteral *s = cast<StringLiteral>(e);

		walk_operand_bytes(w, 3, s->getBytes().data(), s->getByteLength());
		return true;
	}
	case Stmt::FloatingLiteralClass: {
		llvm::SmallString<32> text;

		cast<FloatingLiteral>(e)->getValue().toString(text);
		walk_operand_bytes(w, 2, text.data(), text.size());
		return true;
	}
	case Stmt::MemberExprClass: {
		const MemberExpr *m = cast<MemberExpr>(e);

		walk_operator(w, K_COMPONENT);
		if (m->isArrow())
			walk_operator(w, K_INDIRECT);
		walk_expr(w, m->getBase(), depth);
		walk_operand_decl(w, m->getMemberDecl());
		return true;
	}
	case Stmt::ArraySubscriptExprClass:
		walk_subscript(w, cast<ArraySubscriptExpr>(e), depth, false);
		return true;
	case Stmt::UnaryOperatorClass:
		walk_unary(w, cast<UnaryOperator>(e), depth);
		return true;
	case Stmt::BinaryOperatorClass:
	case Stmt::CompoundAssignOperatorClass:
		walk_binary(w, cast<BinaryOperator>(e), depth);
		return true;
	case Stmt::ConditionalOperatorClass:
	case Stmt::BinaryConditionalOperatorClass:
		walk_ternary(w, cast<AbstractConditionalOperator>(e), depth, 0);
		return true;
	case Stmt::CallExprClass:
		walk_call(w, cast<CallExpr>(e), depth);
		return true;
	case Stmt::StmtExprClass: {
		unsigned last = w->cog_last;

		/* a value: GCC's TARGET_EXPR assigns it to a temporary */
		if (!e->getType()->isVoidType() && !walk_value_only(cast<StmtExpr>(e)))
			walk_operator(w, K_ASSIGN);
		walk_stmt(w, cast<StmtExpr>(e)->getSubStmt(), depth);
		w->cog_last = last;	/* its statements are runs of their own */
		return true;
	}
	case Stmt::InitListExprClass:
		for (const Expr *i : cast<InitListExpr>(e)->inits())
			walk_expr(w, i, depth);
		return true;
	case Stmt::CompoundLiteralExprClass:
		walk_expr(w, cast<CompoundLiteralExpr>(e)->getInitializer(), depth);
		return true;
	case Stmt::ChooseExprClass:
		walk_expr(w, cast<ChooseExpr>(e)->getChosenSubExpr(), depth);
		return true;
	case Stmt::GenericSelectionExprClass:
		walk_expr(w, cast<GenericSelectionExpr>(e)->getResultExpr(), depth);
		return true;
	case Stmt::VAArgExprClass:
		walk_operator(w, K_VA_ARG);
		walk_expr(w, cast<VAArgExpr>(e)->getSubExpr(), depth);
		return true;
	case Stmt::AddrLabelExprClass:
		walk_operator(w, K_ADDR);
		return true;
	case Stmt::ImplicitValueInitExprClass:
	case Stmt::PredefinedExprClass:
	case Stmt::OpaqueValueExprClass:
		return true;
	default:
		return false;
	}
}

static void walk_expr_1(struct walk *w, const Expr *e, int depth);

void walk_expr(struct walk *w, const Expr *e, int depth)
{
	bool dist = w->distribute;

	if (!e)
		return;
	if (dist && !walk_logic_of(e))
		w->distribute = false;
	walk_expr_1(w, e, depth);
	w->distribute = dist;
}

static void walk_expr_1(struct walk *w, const Expr *e, int depth)
{
	llvm::APSInt v;

	e = e->IgnoreParens();
	/* a call is constant when it is a builtin's GCC folds (__builtin_clz (8)) */
	if (!isa<DeclRefExpr>(e) && (!isa<CallExpr>(e) || cast<CallExpr>(e)->getBuiltinCallee()) &&
	    walk_is_folded(w, e, &v)) {
		walk_operand_int(w, v);
		return;
	}
	if (const CastExpr *c = dyn_cast<CastExpr>(e)) {
		walk_cast(w, c, depth);
		return;
	}
	if (walk_special(w, e, depth))
		return;
	if (const AtomicExpr *a = dyn_cast<AtomicExpr>(e)) {	/* __atomic_*: a builtin's call */
		walk_operator(w, K_CALL);
		unsigned op = a->getOp();

		walk_operand_bytes(w, 5, (const char *)&op, sizeof(op));
		for (const Stmt *c : a->children())
			walk_expr(w, dyn_cast_or_null<Expr>(c), depth);
		return;
	}
	for (const Stmt *c : e->children())	/* anything else: its operands */
		walk_expr(w, dyn_cast_or_null<Expr>(c), depth);
}
