// SPDX-License-Identifier: GPL-2.0
/*
 * walk_expr.c - expressions in the body walk (walk.h): Halstead's
 * operators and operands of values, pointer arithmetic, calls, casts, and
 * the call and address-reference edges; truth values, && and ||, and ?:
 * are walk_truth.c's.
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
#include "clang/AST/Attr.h"
#include "clang/Basic/Builtins.h"

using namespace clang;

/* ---- edges ---- */

/*
 * Declared in the source: a library builtin the code declares (memcpy,
 * memset) has Clang's implicit declaration first, the code's after it.
 */
static bool walk_declared(const FunctionDecl *fd)
{
	for (const FunctionDecl *r : fd->redecls())
		if (!r->isImplicit())
			return true;
	return false;
}

static void walk_add_edge(struct walk *w, const FunctionDecl *callee, char kind)
{
	struct km_unit_fn *u = &w->fn->u;
	size_t had = u->nedges;
	struct km_unit_edge *e;

	callee = callee->getCanonicalDecl();
	if (callee == w->fd)
		return;
	/* implicitly declared builtins (__builtin_expect, ...) are no functions */
	if (!walk_declared(callee) || !callee->getIdentifier())
		return;
	e = km_unit_add_edge(u, callee, callee->getIdentifier()->getNameStart(), kind,
			     callee->isExternallyVisible() ? 'G' : 'S');
	if (!e)
		w->oom = true;
	else if (u->nedges > had)
		e->dead = w->dead;
	else
		e->dead &= w->dead;	/* live once seen in live code */
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

/*
 * __attribute__((cleanup (f))) on @vd: f (&vd) at every exit of its scope,
 * which GCC's tree holds as a CLEANUP_STMT of the call f (&vd): an edge,
 * and in C3 that statement, the call, f, & and vd.
 */
static void walk_cleanup(struct walk *w, const VarDecl *vd)
{
	const CleanupAttr *ca = vd->getAttr<CleanupAttr>();
	const FunctionDecl *f = ca ? ca->getFunctionDecl() : NULL;

	if (!f)
		return;
	walk_operator(w, K_CLEANUP);
	walk_operator(w, K_CALL);
	walk_operand_decl(w, f->getCanonicalDecl());
	walk_add_edge(w, f, 'c');
	walk_operator(w, K_ADDR);
	walk_operand_decl(w, vd->getCanonicalDecl());
}

void walk_var_init(struct walk *w, const VarDecl *vd, int depth)
{
	walk_cleanup(w, vd);
	if (!vd->getInit())
		return;
	walk_operator(w, K_ASSIGN);
	walk_operand_decl(w, vd->getCanonicalDecl());
	walk_expr(w, vd->getInit(), depth);
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
	const Expr *same = walk_identity(w, op, lhs, rhs, type);
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
	if (same) {
		walk_expr(w, same, depth);
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

/*
 * x op= y's x op y. GCC's tree holds x twice: its second copy counts in
 * Halstead, but no decision, local or call of it counts again; an x with
 * side effects (this_cpu_read()->f |= m) GCC saves (SAVE_EXPR) and reads
 * once.
 */
static void walk_compound(struct walk *w, const BinaryOperator *b, int depth)
{
	const Expr *copy_of = w->copy_of;
	QualType type = cast<CompoundAssignOperator>(b)->getComputationResultType();

	if (b->getLHS()->HasSideEffects(*w->ctx)) {
		walk_operator(w, walk_arith_kind(b->getOpcode(), type));
		walk_expr(w, b->getRHS(), depth);
		return;
	}
	w->copy_of = b->getLHS();
	walk_binary_op(w, b->getOpcode(), b->getLHS(), b->getRHS(), type, depth);
	w->copy_of = copy_of;
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
		walk_compound(w, b, depth);
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
			w->n.self_calls += !w->copy;
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
	bool dist = w->distribute, copy = w->copy;

	if (!e)
		return;
	if (dist && !walk_logic_of(e))
		w->distribute = false;
	if (e == w->copy_of)
		w->copy = true;
	walk_expr_1(w, e, depth);
	w->distribute = dist;
	w->copy = copy;
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
