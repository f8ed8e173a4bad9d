/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmetrics.h - what the Clang plugin's files share: the functions it
 * measures (struct km_fn), the walk over one body (walk.c, walk_expr.c),
 * which functions the object keeps (keep.c) and its outputs (emit.c).
 * Everything the records and companion are made of is lib/'s plain C.
 */
#ifndef KM_CLANG_H
#define KM_CLANG_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"

#include "record/km_record.h"
#include "record/km_halstead.h"
#include "companion/km_companion.h"
#include "io/km_io.h"
#include "compile/km_src.h"

/* One call or address-reference edge out of a function body. */
struct km_edge {
	const clang::FunctionDecl *callee;	/* canonical declaration */
	char kind;				/* 'c' call, 'a' address taken */
	char linkage;				/* 'G' or 'S', as declared */
	bool dead;				/* only after an if on a constant that leaves */
};

/* What the walk learns of one function with a body; the graph adds C5-C7. */
struct km_fn {
	const clang::FunctionDecl *decl;	/* the definition */
	struct km_record rec;
	char *file;
	long first_line, last_line;
	bool main_file;		/* defined in the TU's main source file */
	bool kept;		/* reachable from the object's roots */
	char linkage;		/* 'S', 'G' or 'W' */
	struct km_edge *edges;
	size_t nedges, edges_cap;
	/* file-scope and static local variables the body refers to (keep.c) */
	const clang::VarDecl **vars;
	size_t nvars, vars_cap;
	uint32_t node;
	long nloc, macro_decisions, cognitive;
	unsigned long hal_n1, hal_n2, hal_N1, hal_N2;
};

/* kmetrics.c: a problem inside kmetrics, a warning (an error with strict). */
void km_problem(clang::ASTContext &ctx, const char *fmt, const char *a, const char *b);

/* walk.c: C1-C3, C8-C10, edges and measures of @fn's body. */
bool km_measure_function(clang::ASTContext &ctx, struct km_fn *fn);
void km_fn_release(struct km_fn *fn);
/* Appends to a growing array of @size-byte elements; false when out of memory. */
bool km_grow(void **arr, size_t *n, size_t *cap, size_t size);

/* keep.c: marks kept (and their linkage) the functions of @fns[0..@n-1]. */
void km_keep(clang::ASTContext &ctx, struct km_fn **fns, size_t n);
char km_linkage_of(clang::ASTContext &ctx, const clang::FunctionDecl *fd);

/* emit.c: the TU's records and companion for @object; NULL texts when out of memory. */
struct km_texts {
	struct km_buf records;
	char *graph;
	size_t glen;
};
bool km_make_texts(clang::ASTContext &ctx, struct km_fn **fns, size_t n, const char *object,
		   const char *cwd, bool debug, struct km_texts *out);
void km_texts_free(struct km_texts *t);

#endif /* KM_CLANG_H */
