/* SPDX-License-Identifier: GPL-2.0 */
/*
 * walk.h - the state of one walk over a function body, shared by its
 * parts: walk.c (statements, the entry point, operators and decisions),
 * walk_expr.c (values, calls, edges), walk_truth.c (conditions, && and
 * ||, ?:) and walk_const.c (what is constant).
 */
#ifndef KM_CLANG_WALK_H
#define KM_CLANG_WALK_H

#include "kmetrics.h"

/*
 * Halstead operator kinds: one per kind of node of GCC's C tree that the
 * README's rules count (the GCC plugin's tree codes), so that the same
 * source gives the same n1 and N1 under both compilers.
 */
enum walk_kind {
	K_IF = 1, K_TERNARY, K_CAST, K_CASE, K_DEFAULT, K_LOGAND, K_LOGOR,
	K_RETURN, K_ASSIGN, K_SWITCH, K_FOR, K_WHILE, K_DO, K_BREAK,
	K_CONTINUE, K_GOTO, K_ASM, K_CALL, K_COMPONENT, K_INDIRECT, K_ADDR,
	K_ARRAY_REF, K_POINTER_PLUS, K_POINTER_DIFF, K_EXACT_DIV, K_NEGATE,
	K_BIT_NOT, K_PREINC, K_PREDEC, K_POSTINC, K_POSTDEC, K_COMMA,
	K_PLUS, K_MINUS, K_MULT, K_DIV, K_RDIV, K_MOD, K_LSHIFT, K_RSHIFT,
	K_BIT_AND, K_BIT_IOR, K_BIT_XOR, K_LT, K_LE, K_GT, K_GE, K_EQ, K_NE,
	K_VA_ARG, K_REALPART, K_IMAGPART, K_ATOMIC, K_TRUTH_NOT,
	K_CLEANUP,		/* GCC's CLEANUP_STMT: __attribute__((cleanup)) */
	K_ELSE,			/* cognitive only: never a Halstead operator */
};

struct walk {
	clang::ASTContext *ctx;
	clang::SourceManager *sm;
	const clang::FunctionDecl *fd;	/* canonical declaration */
	struct km_fn *fn;
	bool edges_only;		/* a header's function: no record, edges only */
	struct km_unit_walk n;		/* Halstead, decisions, depth, locals, ... */
	int cog_nest;			/* cognitive nesting level */
	unsigned cog_last;		/* the last && or || of this expression */
	bool dead;			/* after an if on a constant that leaves (keep.c skips) */
	bool copy;			/* code GCC's tree holds twice, its second copy
					 * (x op= y's x): Halstead only */
	const clang::Expr *copy_of;	/* the expression walked as such a copy */
	bool distribute;		/* in __builtin_expect's && and || (walk_logic) */
	void *consts;			/* walk_const.c's memo */
	bool oom;
};

/* walk.c */
void walk_stmt(struct walk *w, const clang::Stmt *s, int depth);
void walk_note_depth(struct walk *w, int depth);

/*
 * walk_const.c: whether @e is constant as README's readings say (decisions,
 * levels, dead code), and whether GCC's front end folds it to a constant
 * at every level (the tree's shape: C3); its value in @value.
 */
bool walk_is_constant(struct walk *w, const clang::Expr *e, llvm::APSInt *value);
bool walk_is_folded(struct walk *w, const clang::Expr *e, llvm::APSInt *value);
/* x + 0, x * 1, x & -1, ... on integers: x, which GCC's fold leaves; else NULL */
const clang::Expr *walk_identity(struct walk *w, clang::BinaryOperatorKind op, const clang::Expr *lhs,
				 const clang::Expr *rhs, clang::QualType type);
void walk_consts_free(struct walk *w);

/* walk.c: the Halstead operators and operands, decisions, cognitive increments. */
void walk_operator(struct walk *w, unsigned kind);
void walk_operand_int(struct walk *w, const llvm::APSInt &v);
void walk_operand_decl(struct walk *w, const void *decl);
/* Bytes as one operand (a string, a float's digits), @tag the kind of constant. */
void walk_operand_bytes(struct walk *w, uint64_t tag, const char *p, size_t len);
/*
 * One decision of C2 written at @loc (if, loop, case, ?:, asm goto label);
 * @cog_kind: the cognitive increment it makes, 0 for none.
 */
void walk_decision(struct walk *w, clang::SourceLocation loc, unsigned cog_kind);
void walk_cognitive(struct walk *w, unsigned kind);

/* walk_expr.c: @e as a value; a variable's initialiser (an assignment). */
void walk_expr(struct walk *w, const clang::Expr *e, int depth);
void walk_var_init(struct walk *w, const clang::VarDecl *vd, int depth);

/* walk_truth.c: @e as a truth value (a condition, an operand of && || !): inverted by a '!'. */
void walk_truth(struct walk *w, const clang::Expr *e, int depth, bool invert);
/* An && or || (@invert: under a '!'), a comparison, a ?: (@truth: 0 a value, 1 a truth value, 2 inverted). */
void walk_logic(struct walk *w, const clang::BinaryOperator *b, int depth, bool invert);
void walk_compare(struct walk *w, const clang::BinaryOperator *b, int depth, bool invert);
/* a < b is b > a: the comparison with its operands swapped */
clang::BinaryOperatorKind walk_mirror(clang::BinaryOperatorKind op);
void walk_ternary(struct walk *w, const clang::AbstractConditionalOperator *c, int depth, int truth);
/* The && or || that @e is as a truth value (through '!', parentheses and conversions), or NULL. */
const clang::BinaryOperator *walk_logic_of(const clang::Expr *e);
bool walk_is_expect(const clang::CallExpr *c);
/* The operator kind of comparison @op (inverted: its opposite). */
unsigned walk_cmp_kind(clang::BinaryOperatorKind op, bool invert);

#endif /* KM_CLANG_WALK_H */
