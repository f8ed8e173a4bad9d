// SPDX-License-Identifier: GPL-2.0
// tests/oracle/clang/oracle.h - the independent oracle's shared declarations:
// what it measures of one function on Clang's tree (SPEC.md's C1, C2, C8,
// C9, C10 and the companion's direct edges), the walk that measures it,
// the rule that says which conditions are constant, and the reachability
// that says which functions get a record. It shares no code and no idea
// with plugin/: it reads Clang's AST of the preprocessed file, which keeps
// the code as written (no fold-const merging). tests/oracle/README.md
// states every reading where SPEC.md and README.md leave a case open.
#ifndef KM_ORACLE_H
#define KM_ORACLE_H

#include <map>
#include <set>
#include <string>
#include <vector>

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

namespace km_oracle {

// What the walk of one body (or one global initializer) found.
struct Measure {
	unsigned c2 = 1;		// 1 + decisions
	unsigned c8 = 0;		// direct self-call sites
	unsigned c9 = 0;		// named locals
	unsigned depth = 0;		// deepest count of enclosing control structures
	std::set<std::string> callees;	// direct edges (calls, address references), by name
	std::set<const clang::FunctionDecl *> fns;	// the same, as canonical decls
	std::set<const clang::VarDecl *> vars;		// global variables referenced
};

// constant.cpp: Clang's evaluator under the oracle's reading (README).
extern bool km_bcp_answers;
extern std::string km_trace;	// walk.cpp: the function whose decisions are traced
bool km_const_bool(const clang::Expr *e, clang::ASTContext &ctx, bool *value);
bool km_known_bool(const clang::Expr *e, clang::ASTContext &ctx, bool *value);
bool km_folded_call(const clang::CallExpr *c, clang::ASTContext &ctx);
bool km_const_int(const clang::Expr *e, clang::ASTContext &ctx, llvm::APSInt *value);
bool km_is_plain_ternary(const clang::ConditionalOperator *c, clang::ASTContext &ctx);
bool km_drops_condition(const clang::ConditionalOperator *c, clang::ASTContext &ctx);

// range.cpp: what an integer's type alone decides.
bool km_range_compare(const clang::BinaryOperator *b, clang::ASTContext &ctx, bool *value);
bool km_folded_select(const clang::ConditionalOperator *c, clang::ASTContext &ctx);

// walk.cpp: measure a function's body (self set) or an initializer (self null).
void km_walk_body(const clang::Stmt *body, const clang::FunctionDecl *self,
		  clang::ASTContext &ctx, Measure *m);
void km_walk_init(const clang::Expr *init, clang::ASTContext &ctx, Measure *m);

// reach.cpp: which functions with a body the object's roots reach.
struct Node {
	const clang::FunctionDecl *fn = nullptr;	// a function with a body, or
	const clang::VarDecl *var = nullptr;		// a global variable's initializer
	Measure m;
	bool root = false;
};
std::set<const clang::Decl *> km_reachable(std::map<const clang::Decl *, Node> &nodes,
					   const std::set<std::string> &alias_roots);

} // namespace km_oracle

#endif
