/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmetrics.h - what the Clang plugin's files share: the functions it
 * measures (struct km_fn), the walk over one body (walk.c, walk_expr.c),
 * which functions the object keeps (keep.c) and its outputs (emit.c).
 * Everything the records and companion are made of is lib/'s plain C
 * (lib/unit/), shared with the GCC plugin.
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
#include "unit/km_unit.h"

/*
 * What the walk learns of one function with a body, and whether the object
 * keeps it (lib/unit/km_unit.h: the rest is lib/'s); u.key is the
 * canonical declaration, so is each edge's callee. An edge's dead: only in
 * code after an if on a constant that leaves, which keeps nothing alive.
 */
struct km_fn {
	const clang::FunctionDecl *decl;	/* the definition */
	struct km_unit_fn u;
	char *file;		/* u.file's text */
	/* file-scope and static local variables the body refers to (keep.c) */
	const clang::VarDecl **vars;
	size_t nvars, vars_cap;
	bool measured;		/* km_fn_measure ran: keep.c reached it */
};

/* What every function of one translation unit shares while it is measured. */
struct km_tu {
	const char *main_name;		/* the main file's name, as PresumedLoc gives it */
	struct km_src_cache *src;	/* its text, read once (nloc) */
};

/* kmetrics.c: a problem inside kmetrics, a warning (an error with strict). */
void km_problem(clang::ASTContext &ctx, const char *fmt, const char *a, const char *b);

/* kmetrics.c: where @fn is, its body walked (km_measure_function), its nloc. */
void km_fn_measure(clang::ASTContext &ctx, struct km_fn *fn, const struct km_tu *tu);

/* walk.c: C1-C3, C8-C10, edges and measures of @fn's body. */
bool km_measure_function(clang::ASTContext &ctx, struct km_fn *fn);
void km_fn_release(struct km_fn *fn);
/* Appends to a growing array of @size-byte elements; false when out of memory. */
bool km_grow(void **arr, size_t *n, size_t *cap, size_t size);

/*
 * keep.c: marks kept (and their linkage) the functions of @fns[0..@n-1],
 * measuring each (km_fn_measure) when it is first reached: only those.
 */
void km_keep(clang::ASTContext &ctx, struct km_fn **fns, size_t n, const struct km_tu *tu);
char km_linkage_of(clang::ASTContext &ctx, const clang::FunctionDecl *fd);

/*
 * emit.c: the TU's records and companion for @object in @records and
 * *@graph (malloc'ed, *@glen bytes); false when out of memory. When a name
 * cannot be written into the companion, a warning and no texts (NULL).
 */
bool km_make_texts(clang::ASTContext &ctx, struct km_fn **fns, size_t n, const char *object,
		   const char *cwd, bool debug, struct km_buf *records, char **graph, size_t *glen);

#endif /* KM_CLANG_H */
