// SPDX-License-Identifier: GPL-2.0
// tests/oracle/clang/reach.cpp - which functions get a record (README, "How
// the plugin measures"): those the object's roots reach. Roots: functions
// and global variables visible outside the object, those marked `used`,
// constructors and destructors, and the targets of aliases. A function
// reaches what its live code calls or takes the address of, and the
// global variables it names; a variable reaches what its initializer
// names (global tables of function pointers).
#include "oracle.h"

#include "clang/AST/Attr.h"

using namespace clang;

namespace km_oracle {

static bool fn_is_root(const FunctionDecl *fn, const std::set<std::string> &alias_roots)
{
	if (fn->hasAttr<UsedAttr>() || fn->hasAttr<ConstructorAttr>() || fn->hasAttr<DestructorAttr>())
		return true;
	if (alias_roots.count(fn->getNameAsString()))
		return true;
	if (!fn->isExternallyVisible())
		return false;
	// gnu_inline "extern inline" (and C99 inline without extern) emits nothing
	return !fn->isInlined() || fn->isInlineDefinitionExternallyVisible();
}

static bool var_is_root(const VarDecl *v, const std::set<std::string> &alias_roots)
{
	return v->hasAttr<UsedAttr>() || v->isExternallyVisible() ||
	       alias_roots.count(v->getNameAsString());
}

std::set<const Decl *> km_reachable(std::map<const Decl *, Node> &nodes,
				    const std::set<std::string> &alias_roots)
{
	std::set<const Decl *> seen;
	std::vector<const Decl *> todo;

	for (auto &kv : nodes) {
		Node &n = kv.second;
		n.root = n.fn ? fn_is_root(n.fn, alias_roots) : var_is_root(n.var, alias_roots);
		if (n.root && seen.insert(kv.first).second)
			todo.push_back(kv.first);
	}
	while (!todo.empty()) {
		const Decl *d = todo.back();
		todo.pop_back();
		const Measure &m = nodes[d].m;
		for (const FunctionDecl *f : m.fns) {
			if (nodes.count(f) && seen.insert(f).second)
				todo.push_back(f);
		}
		for (const VarDecl *v : m.vars) {
			if (nodes.count(v) && seen.insert(v).second)
				todo.push_back(v);
		}
	}
	return seen;
}

} // namespace km_oracle
