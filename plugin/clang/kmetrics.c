// SPDX-License-Identifier: GPL-2.0
/*
 * kmetrics.c - Clang plugin that measures every function while it
 * compiles: kmetrics-clang.so, the GCC plugin's counterpart (plugin/),
 * writing the same sidecar of seed-format records and the same companion
 * (SPEC.md, lib/km_companion.h) through the same lib/ writers.
 *
 *   clang -fplugin=kmetrics-clang.so [-fplugin-arg-kmetrics-KEY[=VALUE]] -c x.c
 *
 * It registers a plugin action named "kmetrics" that Clang adds before
 * the main action of every compile that parses (not -E): its consumer
 * sees the whole translation unit at HandleTranslationUnit, before code
 * generation's, so that it can still hand code generation the embedded
 * records as a file-scope asm. There it decides which functions the
 * object keeps (keep.c), measuring each body (walk.c) as keep.c first
 * reaches it, so a body the object does not keep is never walked, and
 * writes the records and the companion (emit.c, lib/outputs.c).
 *
 * Arguments, as the GCC plugin's (-fplugin-arg-kmetrics-KEY[=VALUE]; Clang
 * hands them to the plugin registered under that name):
 *   outdir=DIR  sidecars under DIR, mirroring the object's path
 *   disable     measure nothing, write nothing
 *   strict      a problem inside kmetrics is an error, not a warning
 *   debug       print each record to stderr as it is written
 *   embed       also put records and companion into the object
 *
 * A problem inside kmetrics never fails the compile: it is a warning that
 * names kmetrics (an error only with strict), and the object still builds.
 */
#include "kmetrics.h"

#include <unistd.h>

#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"

#include "unit/km_outputs.h"
#include "compile/km_paths.h"

using namespace clang;

struct km_opts {
	std::string outdir;
	bool disable, strict, debug, embed;
};

static struct km_opts km_opt;

void km_problem(ASTContext &ctx, const char *fmt, const char *a, const char *b)
{
	DiagnosticsEngine &d = ctx.getDiagnostics();
	char msg[1024];

	snprintf(msg, sizeof(msg), fmt, a, b);
	d.Report(d.getCustomDiagID(km_opt.strict ? DiagnosticsEngine::Error :
				   DiagnosticsEngine::Warning, "%0")) << msg;
}

/* ---- the functions of the TU ---- */

static bool km_wanted(const FunctionDecl *fd)
{
	return fd->doesThisDeclarationHaveABody() && !fd->isImplicit() && fd->getIdentifier() &&
	       !fd->isDependentContext();
}

/* The file and line where @loc was expanded, #line directives followed. */
static PresumedLoc km_where(const SourceManager &sm, SourceLocation loc)
{
	return sm.getPresumedLoc(sm.getExpansionLoc(loc));
}

static struct km_fn *km_new_fn(const FunctionDecl *fd)
{
	struct km_fn *fn = (struct km_fn *)calloc(1, sizeof(*fn));

	if (!fn)
		return NULL;
	fn->decl = fd;
	fn->u.key = fd->getCanonicalDecl();
	strcpy(fn->u.rec.name, fd->getIdentifier()->getNameStart());
	return fn;
}

/*
 * Where @fn is and what its body holds (walk.c): keep.c asks for it when
 * it first reaches @fn, so that the bodies the object does not keep (most
 * of the headers' inline functions) are never walked.
 */
void km_fn_measure(ASTContext &ctx, struct km_fn *fn, const struct km_tu *tu)
{
	const SourceManager &sm = ctx.getSourceManager();
	PresumedLoc first = km_where(sm, fn->decl->getLocation());
	PresumedLoc last = km_where(sm, fn->decl->getBodyRBrace());

	fn->measured = true;
	fn->file = strdup(first.isValid() ? first.getFilename() : "");
	fn->u.file = fn->file;
	fn->u.first_line = first.isValid() ? first.getLine() : 0;
	fn->u.last_line = last.isValid() ? last.getLine() : 0;
	if (fn->u.last_line < fn->u.first_line)
		fn->u.last_line = fn->u.first_line;
	fn->u.main_file = fn->file && !strcmp(fn->file, tu->main_name);
	if (!fn->file || !km_measure_function(ctx, fn))
		km_problem(ctx, "kmetrics: %s: out of memory while measuring%s", fn->u.rec.name, "");
	fn->u.m.nloc = fn->u.main_file ? km_src_nloc(km_src_get(tu->src, fn->file),
						     fn->u.first_line, fn->u.last_line) : -1;
}

/* ---- the consumer ---- */

class km_consumer : public ASTConsumer {
public:
	km_consumer(CompilerInstance &ci, const std::string &object) : ci(ci), object(object) {}
	void HandleTranslationUnit(ASTContext &ctx) override;
private:
	CompilerInstance &ci;
	std::string object;	/* the -o of this compile */
	struct km_fn **fns = NULL;
	size_t nfns = 0, cap = 0;

	void measure(ASTContext &ctx);
	void emit(ASTContext &ctx, bool files);
	void embed(ASTContext &ctx, const char *records, size_t rlen, const char *graph, size_t glen);
	void release();
};

void km_consumer::measure(ASTContext &ctx)
{
	const SourceManager &sm = ctx.getSourceManager();
	PresumedLoc mp = sm.getPresumedLoc(sm.getLocForStartOfFile(sm.getMainFileID()));
	std::string main_name = mp.isValid() ? mp.getFilename() : "";
	struct km_tu tu = { main_name.c_str(), km_src_cache_new() };

	for (const Decl *d : ctx.getTranslationUnitDecl()->decls()) {
		const FunctionDecl *fd = dyn_cast<FunctionDecl>(d);
		struct km_fn *fn;

		if (!fd || !km_wanted(fd))
			continue;
		if (strlen(fd->getIdentifier()->getNameStart()) >= KM_NAME_MAX) {
			km_problem(ctx, "kmetrics: %s: name longer than %s bytes, no record",
				   fd->getIdentifier()->getNameStart(), "511");
			continue;
		}
		if (!km_grow((void **)&fns, &nfns, &cap, sizeof(*fns)) || !(fn = km_new_fn(fd))) {
			km_problem(ctx, "kmetrics: %s: out of memory%s", object.c_str(), "");
			break;
		}
		fns[nfns++] = fn;
	}
	km_keep(ctx, fns, nfns, &tu);
	km_src_cache_free(tu.src);
}

/* The texts as a file-scope asm that code generation, which runs next, emits. */
void km_consumer::embed(ASTContext &ctx, const char *records, size_t rlen, const char *graph,
			size_t glen)
{
	struct km_buf text;
	StringLiteral *lit;
	Decl *d;

	if (!ci.hasASTConsumer())
		return;
	km_buf_init(&text);
	km_outputs_embed_asm(&text, records, rlen, graph, glen);
	if (text.oom) {
		km_problem(ctx, "kmetrics: cannot embed the records in %s: %s", object.c_str(),
			   "out of memory");
		km_buf_free(&text);
		return;
	}
	lit = StringLiteral::Create(ctx, StringRef(text.p, text.len), StringLiteral::Ascii, false,
				    ctx.getConstantArrayType(ctx.CharTy, llvm::APInt(32, text.len + 1),
							     nullptr, ArrayType::Normal, 0),
				    SourceLocation());
	d = FileScopeAsmDecl::Create(ctx, ctx.getTranslationUnitDecl(), lit, SourceLocation(),
				     SourceLocation());
	ci.getASTConsumer().HandleTopLevelDecl(DeclGroupRef(d));
	km_buf_free(&text);
}

void km_consumer::emit(ASTContext &ctx, bool files)
{
	struct km_buf records;
	char err[1024], cwd[4096], *graph = NULL;
	const char *text;
	size_t glen = 0;

	if (!getcwd(cwd, sizeof(cwd)))
		cwd[0] = 0;
	km_buf_init(&records);
	if (!km_make_texts(ctx, fns, nfns, object.c_str(), cwd, km_opt.debug, &records, &graph,
			   &glen)) {
		km_problem(ctx, "kmetrics: %s: out of memory, no sidecar written%s", object.c_str(), "");
		goto out;
	}
	if (!graph)
		goto out;	/* a name the companion cannot hold: said, nothing written */
	text = records.p ? records.p : "";	/* no function: empty */
	if (files && km_outputs_write(km_opt.outdir.empty() ? NULL : km_opt.outdir.c_str(), cwd,
				      object.c_str(), text, records.len, graph, glen, err, sizeof(err)))
		km_problem(ctx, "kmetrics: %s%s", err, "");
	if (km_opt.embed)
		embed(ctx, text, records.len, graph, glen);
out:
	free(graph);
	km_buf_free(&records);
}

void km_consumer::release()
{
	size_t i;

	for (i = 0; i < nfns; i++) {
		km_fn_release(fns[i]);
		free(fns[i]);
	}
	free(fns);
	fns = NULL;
	nfns = cap = 0;
}

/*
 * Nothing is written for a compile that failed. An object that is no file
 * (-o /dev/null, -o -) gets no sidecar; with embed the records still go
 * into it.
 */
void km_consumer::HandleTranslationUnit(ASTContext &ctx)
{
	bool special;

	if (ctx.getDiagnostics().hasErrorOccurred())
		return;
	if (object.empty()) {
		km_problem(ctx, "kmetrics: %s: no object name, no sidecar written%s",
			   ci.getFrontendOpts().Inputs[0].getFile().str().c_str(), "");
		return;
	}
	special = km_path_is_special(object.c_str());
	if (special && !km_opt.embed) {
		if (km_opt.debug)
			fprintf(stderr, "kmetrics: %s is no regular file: no sidecar\n", object.c_str());
		return;
	}
	measure(ctx);
	emit(ctx, !special);
	release();
}

/* ---- the action and its arguments ---- */

/* A boolean argument: without a value true, else 0/1/yes/no/true/false. */
static void km_bool_arg(DiagnosticsEngine &d, const std::string &key, const char *value, bool *out)
{
	static const char *const words[] = { "0", "no", "false", "1", "yes", "true" };
	size_t i;

	if (!value) {
		*out = true;
		return;
	}
	for (i = 0; i < 6; i++)
		if (!strcasecmp(value, words[i])) {
			*out = i >= 3;
			return;
		}
	d.Report(d.getCustomDiagID(DiagnosticsEngine::Warning,
		 "kmetrics: -fplugin-arg-kmetrics-%0=%1 ignored: not 0, 1, yes, no, true or false"))
		<< key << value;
}

static void km_parse_arg(DiagnosticsEngine &d, const std::string &arg)
{
	size_t eq = arg.find('=');
	std::string key = arg.substr(0, eq);
	std::string val = eq == std::string::npos ? "" : arg.substr(eq + 1);
	const char *value = eq == std::string::npos ? NULL : val.c_str();

	if (key == "outdir") {
		if (value && *value)
			km_opt.outdir = val;
		else
			d.Report(d.getCustomDiagID(DiagnosticsEngine::Warning,
				 "kmetrics: -fplugin-arg-kmetrics-outdir ignored: it needs a "
				 "directory (outdir=DIR)"));
	} else if (key == "disable") {
		km_bool_arg(d, key, value, &km_opt.disable);
	} else if (key == "strict") {
		km_bool_arg(d, key, value, &km_opt.strict);
	} else if (key == "debug") {
		km_bool_arg(d, key, value, &km_opt.debug);
	} else if (key == "embed") {
		km_bool_arg(d, key, value, &km_opt.embed);
	} else {
		d.Report(d.getCustomDiagID(DiagnosticsEngine::Warning,
			 "kmetrics: unknown argument -fplugin-arg-kmetrics-%0 ignored")) << key;
	}
}

/* kbuild's option probes compile /dev/null: nothing to measure, nothing written. */
static bool km_probe_compile(CompilerInstance &ci)
{
	const FrontendOptions &fo = ci.getFrontendOpts();

	return fo.Inputs.empty() || !fo.Inputs[0].isFile() || fo.Inputs[0].getFile() == "/dev/null";
}

class km_action : public PluginASTAction {
protected:
	std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &ci, StringRef) override
	{
		if (km_opt.disable || km_probe_compile(ci))
			return std::make_unique<ASTConsumer>();
		return std::make_unique<km_consumer>(ci, ci.getFrontendOpts().OutputFile);
	}
	/* every argument is looked at, so that disable hides no warning about the others */
	bool ParseArgs(const CompilerInstance &ci, const std::vector<std::string> &args) override
	{
		for (const std::string &a : args)
			km_parse_arg(ci.getDiagnostics(), a);
		return true;
	}
	/* before code generation: its consumer still takes the embedded records */
	ActionType getActionType() override { return AddBeforeMainAction; }
};

static FrontendPluginRegistry::Add<km_action> km_registered("kmetrics",
	"function-level metrics: -fplugin-arg-kmetrics-outdir=DIR, -disable, -strict, -debug, -embed");
