// SPDX-License-Identifier: GPL-2.0
// tests/oracle/clang/oracle.cpp - the oracle as a Clang plugin: after Clang
// has parsed a preprocessed file, print one line per function with a body
// in the main source file (the file the .i's line markers name first, or
// main=NAME), tab-separated:
//
//   F name file line record C1 C2 C8 C9 C10 fan_out callees errors
//
// record is 1 when the object's roots reach it (reach.cpp), callees the
// names of its direct edges, comma-separated, errors how many errors Clang
// reported inside the function (its numbers are then not to be trusted).
// A last line "errors N" counts all of them (most are in system headers
// written for GCC: attributes Clang does not know, harmless here).
//
//   clang-14 -fsyntax-only -Xclang -load -Xclang km-oracle.so
//            -Xclang -plugin -Xclang km-oracle [-Xclang -plugin-arg-km-oracle -Xclang main=F] x.i
//
// bcp=unknown: __builtin_constant_p of what Clang cannot fold has no value
// (constant.cpp), to tell the differences that reading makes. trace=NAME:
// each decision of function NAME on stderr, with its place in the source
// and in the .i.
#include "oracle.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/Attr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace km_oracle;

namespace {

// Forwards every diagnostic to Clang's own client and keeps where each
// error is, so that a function whose text Clang rejected is marked.
class Errors : public DiagnosticConsumer {
public:
	Errors(std::unique_ptr<DiagnosticConsumer> owned, DiagnosticConsumer *client)
		: owned(std::move(owned)), next(client) {}
	std::vector<SourceLocation> at;

	void BeginSourceFile(const LangOptions &lo, const Preprocessor *pp) override
	{
		next->BeginSourceFile(lo, pp);
	}
	void EndSourceFile() override { next->EndSourceFile(); }
	void finish() override { next->finish(); }
	void HandleDiagnostic(DiagnosticsEngine::Level level, const Diagnostic &info) override
	{
		DiagnosticConsumer::HandleDiagnostic(level, info);
		if (level >= DiagnosticsEngine::Error && info.getLocation().isValid())
			at.push_back(info.getLocation());
		next->HandleDiagnostic(level, info);
	}

private:
	std::unique_ptr<DiagnosticConsumer> owned;	// when the engine owned it
	DiagnosticConsumer *next;
};

class Consumer : public ASTConsumer {
public:
	Consumer(CompilerInstance &ci, std::string main, Errors *errors)
		: ci(ci), main(std::move(main)), errors(errors) {}
	void HandleTranslationUnit(ASTContext &ctx) override;

private:
	CompilerInstance &ci;
	std::string main;
	Errors *errors;
	std::map<const Decl *, Node> nodes;
	std::set<std::string> alias_roots;
	std::vector<const FunctionDecl *> mains;	// in source order

	void collect(ASTContext &ctx, const DeclContext *dc);
	void print(ASTContext &ctx, const std::set<const Decl *> &reached);
	unsigned errors_in(const SourceManager &sm, const FunctionDecl *fn);
};

unsigned Consumer::errors_in(const SourceManager &sm, const FunctionDecl *fn)
{
	SourceRange r = fn->getSourceRange();
	SourceLocation b = sm.getExpansionLoc(r.getBegin()), e = sm.getExpansionLoc(r.getEnd());
	unsigned n = 0;

	for (SourceLocation l : errors->at) {
		l = sm.getExpansionLoc(l);
		if (l == b || l == e || (sm.isBeforeInTranslationUnit(b, l) && sm.isBeforeInTranslationUnit(l, e)))
			n++;
	}
	return n;
}

void Consumer::collect(ASTContext &ctx, const DeclContext *dc)
{
	const SourceManager &sm = ctx.getSourceManager();

	for (const Decl *d : dc->decls()) {
		if (auto *a = d->getAttr<AliasAttr>())
			alias_roots.insert(a->getAliasee().str());
		if (auto *fn = dyn_cast<FunctionDecl>(d)) {
			if (!fn->doesThisDeclarationHaveABody() || fn->isInvalidDecl())
				continue;
			Node &n = nodes[fn->getCanonicalDecl()];
			n.fn = fn;
			km_walk_body(fn->getBody(), fn, ctx, &n.m);
			PresumedLoc p = sm.getPresumedLoc(sm.getExpansionLoc(fn->getLocation()));
			if (p.isValid() && main == p.getFilename())
				mains.push_back(fn);
		} else if (auto *v = dyn_cast<VarDecl>(d)) {
			if (!v->hasGlobalStorage() || !v->getInit() || !v->isThisDeclarationADefinition())
				continue;
			Node &n = nodes[v->getCanonicalDecl()];
			n.var = v;
			km_walk_init(v->getInit(), ctx, &n.m);
		} else if (auto *ls = dyn_cast<LinkageSpecDecl>(d)) {
			collect(ctx, ls);
		}
	}
}

void Consumer::print(ASTContext &ctx, const std::set<const Decl *> &reached)
{
	const SourceManager &sm = ctx.getSourceManager();
	llvm::raw_ostream &out = llvm::outs();

	for (const FunctionDecl *fn : mains) {
		const Measure &m = nodes[fn->getCanonicalDecl()].m;
		PresumedLoc p = sm.getPresumedLoc(sm.getExpansionLoc(fn->getLocation()));
		std::string callees;
		for (const std::string &c : m.callees)
			callees += (callees.empty() ? "" : ",") + c;
		out << "F\t" << fn->getName() << "\t" << p.getFilename() << "\t" << p.getLine()
		    << "\t" << (reached.count(fn->getCanonicalDecl()) ? 1 : 0)
		    << "\t" << fn->getNumParams() << "\t" << m.c2 << "\t" << m.c8 << "\t" << m.c9
		    << "\t" << m.depth + 1 << "\t" << m.callees.size() << "\t"
		    << (callees.empty() ? "-" : callees) << "\t" << errors_in(sm, fn) << "\n";
	}
	out << "errors\t" << errors->getNumErrors() << "\n";
}

// A .i begins with a line marker naming the source it came from:
// # 0 "fs/ext4/inode.c" (or # 1); without one, the file itself is main.
static std::string first_marker(llvm::StringRef text)
{
	if (!text.startswith("# "))
		return "";
	size_t q = text.find('"');
	size_t end = text.find('"', q + 1);
	if (q == llvm::StringRef::npos || end == llvm::StringRef::npos || text.find('\n') < end)
		return "";
	return text.substr(q + 1, end - q - 1).str();
}

void Consumer::HandleTranslationUnit(ASTContext &ctx)
{
	const SourceManager &sm = ctx.getSourceManager();

	if (main.empty())
		main = first_marker(sm.getBufferData(sm.getMainFileID()));
	if (main.empty())
		main = sm.getPresumedLoc(sm.getLocForStartOfFile(sm.getMainFileID())).getFilename();
	collect(ctx, ctx.getTranslationUnitDecl());
	print(ctx, km_reachable(nodes, alias_roots));
}

class Action : public PluginASTAction {
protected:
	std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &ci, llvm::StringRef) override
	{
		DiagnosticsEngine &de = ci.getDiagnostics();
		DiagnosticConsumer *client = de.getClient();
		auto *errors = new Errors(de.takeClient(), client);
		de.setClient(errors, /*ShouldOwnClient=*/true);
		return std::make_unique<Consumer>(ci, main, errors);
	}

	bool ParseArgs(const CompilerInstance &ci, const std::vector<std::string> &args) override
	{
		for (const std::string &a : args) {
			if (a.compare(0, 5, "main=") == 0) {
				main = a.substr(5);
				continue;
			}
			if (a.compare(0, 6, "trace=") == 0) {
				km_trace = a.substr(6);
				continue;
			}
			if (a == "bcp=unknown") {
				km_bcp_answers = false;
				continue;
			}
			ci.getDiagnostics().Report(ci.getDiagnostics().getCustomDiagID(
				DiagnosticsEngine::Error, "km-oracle: unknown argument '%0' (known: main=FILE, bcp=unknown, trace=FUNCTION)"))
				<< a;
			return false;
		}
		return true;
	}

private:
	std::string main;
};

} // namespace

static FrontendPluginRegistry::Add<Action> km_oracle_action("km-oracle",
	"kmetrics' independent oracle: C1, C2, C8, C9, C10, fan_out of each function");
