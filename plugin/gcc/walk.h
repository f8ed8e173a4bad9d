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
	bool trace;			/* trace=NAME: each decision on stderr */
	long trace_line;		/* a census's token being claimed: its line */
	bool live_decls;		/* a constant switch's arm: its DECL_EXPRs are locals */
	bool saw_expect;		/* a __builtin_expect in the condition being walked */
	tree converted;			/* the operand of the conversion last walked, */
	location_t converted_at;	/* and where that conversion is */
	bool oom;			/* an edge could not be kept */
	struct km_unit_walk n;		/* Halstead, decisions, depth, locals, ... */
	int cog_nest;			/* cognitive nesting level */
	unsigned cog_last;		/* the last && or || of this expression */
	hash_set<tree> *saves;		/* SAVE_EXPRs already walked */
	hash_map<tree, tree> *consts;	/* walk_const's answers, on first use */
	vec<km_logic_tok> found;	/* a census's answer */
};

/* walk.c */
void walk_stmt(struct walk *w, tree t, int depth);
void walk_note_depth(struct walk *w, int depth);

/* walk_expr.c */
void walk_expr(struct walk *w, tree t, int depth);
void walk_operator(struct walk *w, unsigned kind);
void walk_operand_const(struct walk *w, tree t);
/* walk_count.c: a variable, parameter or function named: an operand. */
void walk_operand_decl(struct walk *w, tree decl);
void walk_decl_ref(struct walk *w, tree t);
bool walk_is_sanitizer_check(tree t);
/*
 * One decision of C2 written at @loc (if, loop, case, ?:, asm goto label);
 * @cog_kind: the cognitive increment it makes (KIND_IF, KIND_TERNARY, a
 * loop's code, ... with the nesting level; KIND_ELSE without), 0 for none.
 */
void walk_decision(struct walk *w, location_t loc, unsigned cog_kind);
/*
 * The ?: written in @loc's source range, each claimed and counted once (a
 * min or max, or an && or || GCC made of them): how many, -1 unreadable.
 */
long walk_queries_in(struct walk *w, location_t loc);
/* trace=NAME: @what at @loc, and C2 so far, on stderr. */
void walk_trace(struct walk *w, const char *what, location_t loc);
/* A cognitive increment of @kind at the current nesting level. */
void walk_cognitive(struct walk *w, unsigned kind);

/* walk_const.c */
/*
 * The integer constant @t is, with README's readings at every -O (const
 * variables read as their value, __builtin_constant_p as at -O0), or
 * NULL_TREE when it is none.
 */
tree walk_const(struct walk *w, tree t);

/* walk_logic.c */
/* An && or || node (or a ?: a fold made of one) of kind KIND_LOGAND/LOGOR. */
void walk_logic(struct walk *w, tree t, int depth, unsigned kind);
/* Claims the && or || token at @loc, if one is there; true when it was. */
bool walk_claim_at(struct walk *w, location_t loc);
/*
 * walk_logic.c: the if's or while's @t condition read as written: folded to
 * @truth (0, 1), or -1 holding likely()/unlikely() (the && and || GCC dropped).
 */
void walk_paren_condition(struct walk *w, tree t, int truth);
void walk_expect_range(struct walk *w, location_t loc, tree cond);
/* walk_logic.c: a test at the ':' of c ? 1 : 0: the && and || of c GCC dropped. */
void walk_truth_ternary(struct walk *w, location_t loc);
/*
 * Whether the test @t stands for merged && and || (its operators claimed;
 * *@claim_after: an operator token at its location to claim after its
 * operands are walked).
 */
bool walk_merged(struct walk *w, tree t, bool *claim_after);
/* Whether the token at @loc comes after the start of @t's first operand. */
bool walk_operator_follows(tree t, location_t loc);
/* 0, or how a fold merged the test @t: 1 with a bitwise and, 2 without. */
int walk_merged_shape(tree t);

#endif /* KM_WALK_H */
