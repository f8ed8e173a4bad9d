// SPDX-License-Identifier: GPL-2.0
/*
 * keep.c - which functions the object keeps, as README's "Which functions"
 * says: those reachable from the object's roots (global definitions that
 * are emitted, functions and variables marked used, constructors and
 * destructors) through calls and address references in live code, and
 * through the initialisers of the variables reached (ops tables). An
 * unused static gets no record at any -O level; a static that -O2
 * inlines away keeps it (the AST is read before any optimisation).
 * A function is measured (km_fn_measure) when the walk first reaches it,
 * so a body the object does not keep is never walked.
 * A C99 inline definition or a gnu_inline extern inline is no root: the
 * object emits no body for it (Clang's GVA_AvailableExternally).
 */
#include "kmetrics.h"

#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

char km_linkage_of(ASTContext &ctx, const FunctionDecl *fd)
{
	if (!fd->isExternallyVisible())
		return 'S';
	return fd->isWeak() ? 'W' : 'G';
}

/* Its attributes read once: most of a TU's functions are headers' inlines with some. */
static bool keep_root_function(ASTContext &ctx, const FunctionDecl *fd)
{
	if (fd->hasAttrs())
		for (const Attr *a : fd->attrs())
			if (isa<UsedAttr>(a) || isa<ConstructorAttr>(a) || isa<DestructorAttr>(a))
				return true;
	return ctx.GetGVALinkageForFunction(fd) == GVA_StrongExternal;
}

static bool keep_root_var(ASTContext &ctx, const VarDecl *vd)
{
	if (vd->hasAttr<UsedAttr>())
		return true;
	return vd->isThisDeclarationADefinition() != VarDecl::DeclarationOnly &&
	       ctx.GetGVALinkageForVariable(vd) == GVA_StrongExternal;
}

/* The functions and variables an initialiser refers to. */
class keep_refs : public RecursiveASTVisitor<keep_refs> {
public:
	llvm::SmallVector<const Decl *, 8> found;
	bool VisitDeclRefExpr(DeclRefExpr *r)
	{
		const ValueDecl *d = r->getDecl();

		if (isa<FunctionDecl>(d) || (isa<VarDecl>(d) && cast<VarDecl>(d)->hasGlobalStorage()))
			found.push_back(d->getCanonicalDecl());
		return true;
	}
};

struct keep_state {
	ASTContext *ctx;
	const struct km_tu *tu;
	llvm::DenseMap<const Decl *, struct km_fn *> fns;	/* canonical -> measured */
	llvm::DenseSet<const Decl *> seen;
	llvm::SmallVector<const Decl *, 64> work;
};

static void keep_reach(struct keep_state *k, const Decl *d)
{
	d = d->getCanonicalDecl();
	if (k->seen.insert(d).second)
		k->work.push_back(d);
}

/* What the variable @vd's initialiser (any of its declarations') reaches. */
static void keep_var(struct keep_state *k, const VarDecl *vd)
{
	const VarDecl *def = vd->getDefinition();
	keep_refs refs;

	if (!def)
		def = vd->getActingDefinition();
	if (!def || !def->getInit())
		return;
	refs.TraverseStmt(const_cast<Expr *>(def->getInit()));
	for (const Decl *d : refs.found)
		keep_reach(k, d);
}

static void keep_walk(struct keep_state *k)
{
	while (!k->work.empty()) {
		const Decl *d = k->work.pop_back_val();
		size_t i;

		if (const VarDecl *vd = dyn_cast<VarDecl>(d)) {
			keep_var(k, vd);
			continue;
		}
		auto it = k->fns.find(d);
		if (it == k->fns.end())
			continue;	/* no body here: a leaf */
		if (!it->second->measured)
			km_fn_measure(*k->ctx, it->second, k->tu);
		for (i = 0; i < it->second->u.nedges; i++)
			if (!it->second->u.edges[i].dead)
				keep_reach(k, (const Decl *)it->second->u.edges[i].callee);
		for (i = 0; i < it->second->nvars; i++)
			keep_reach(k, it->second->vars[i]);
	}
}

void km_keep(ASTContext &ctx, struct km_fn **fns, size_t n, const struct km_tu *tu)
{
	struct keep_state k;
	size_t i;

	k.ctx = &ctx;
	k.tu = tu;
	for (i = 0; i < n; i++) {
		k.fns[fns[i]->decl->getCanonicalDecl()] = fns[i];
		if (keep_root_function(ctx, fns[i]->decl))
			keep_reach(&k, fns[i]->decl);
	}
	for (const Decl *d : ctx.getTranslationUnitDecl()->decls()) {
		const VarDecl *vd = dyn_cast<VarDecl>(d);

		if (vd && keep_root_var(ctx, vd))
			keep_reach(&k, vd);
	}
	keep_walk(&k);
	for (i = 0; i < n; i++) {
		fns[i]->u.kept = k.seen.count(fns[i]->decl->getCanonicalDecl());
		if (fns[i]->u.kept)	/* the companion's; an unkept one is in no output */
			fns[i]->u.linkage = km_linkage_of(ctx, fns[i]->decl);
	}
}
