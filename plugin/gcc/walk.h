/* SPDX-License-Identifier: GPL-2.0 */
/*
 * walk.h - the state of one walk over a function body, shared by its two
 * halves: walk.c (statements, the entry point) and walk_expr.c
 * (expressions, Halstead, calls, && and ||).
 */
#ifndef KM_WALK_H
#define KM_WALK_H

#include "kmetrics.h"
#include "logic.h"

enum walk_kind {
	/* Operator kinds past the tree codes (MAX_TREE_CODES is 512). */
	KIND_IF = 900,
	KIND_TERNARY,
	KIND_CAST,
	KIND_CASE,
	KIND_DEFAULT,
	KIND_LOGAND,
	KIND_LOGOR,
	KIND_RETURN,
	KIND_ASSIGN,
	KIND_ELSE,		/* cognitive only: never a Halstead operator */
};

struct walk {
	tree fndecl;
	struct km_fn *fn;
	struct km_logic *lg;
	bool edges_only;		/* a header's function: no record, edges only */
	struct km_halstead hal;
	long decisions, max_depth, locals, self_calls;
	long macro_decisions;
	long cognitive;
	int cog_nest;			/* cognitive nesting level */
	unsigned cog_last;		/* the last && or || of this expression */
	bool arm_chain;			/* the ?: walked next is an arm rebuilt at its parent's location */
	hash_set<tree> *saves;		/* SAVE_EXPRs already walked */
	vec<km_logic_tok> found;	/* a census's answer */
};

/* walk.c */
void walk_stmt(struct walk *w, tree t, int depth);
void walk_note_depth(struct walk *w, int depth);

/* walk_expr.c */
void walk_expr(struct walk *w, tree t, int depth);
void walk_operator(struct walk *w, unsigned kind);
void walk_operand_const(struct walk *w, tree t);
void walk_decl_ref(struct walk *w, tree t);
bool walk_is_sanitizer_check(tree t);
/*
 * One decision of C2 written at @loc (if, loop, case, ?:, asm goto label);
 * @cog_kind: the cognitive increment it makes (KIND_IF, KIND_TERNARY, a
 * loop's code, ... with the nesting level; KIND_ELSE without), 0 for none.
 */
void walk_decision(struct walk *w, location_t loc, unsigned cog_kind);
/* A cognitive increment of @kind at the current nesting level. */
void walk_cognitive(struct walk *w, unsigned kind);

/* walk_logic.c */
/* An && or || node (or a ?: a fold made of one) of kind KIND_LOGAND/LOGOR. */
void walk_logic(struct walk *w, tree t, int depth, unsigned kind);
/* Claims the && or || token at @loc, if one is there; true when it was. */
bool walk_claim_at(struct walk *w, location_t loc);
/*
 * Whether the test @t stands for merged && and || (its operators claimed;
 * *@claim_after: an operator token at its location to claim after its
 * operands are walked).
 */
bool walk_merged(struct walk *w, tree t, bool *claim_after);
/* 0, or how a fold merged the test @t: 1 with a bitwise and, 2 without. */
int walk_merged_shape(tree t);

#endif /* KM_WALK_H */
