// SPDX-License-Identifier: GPL-2.0
/*
 * emit.c - the Clang plugin's unit for lib/unit/km_unit.h, which makes the
 * sidecar's records and the companion as it makes the GCC plugin's: the
 * compiler and target lines, the main file, and the names of the files
 * that define functions as GCC writes them. The Clang plugin writes no C
 * lines (README: "Clang").
 */
#include "kmetrics.h"

#include "clang/Basic/TargetInfo.h"
#include "clang/Basic/Version.h"

using namespace clang;

static ASTContext *emit_ctx;	/* for emit_unwritten, during km_make_texts */

/*
 * A header's name as GCC writes it: Clang names a file by the path it
 * first found it under, "./arch/x86/kvm/x86.h" for x86.c's own
 * "x86.h" once found through -I ./arch/x86/kvm; GCC names a header in the
 * main file's directory (or below) from that directory.
 */
static const char *emit_file_name(const char *file, const std::string &main_dir)
{
	if (strncmp(file, "./", 2))
		return file;
	if (main_dir.empty() || !strncmp(file + 2, (main_dir + "/").c_str(), main_dir.size() + 1))
		return file + 2;
	return file;
}

/* The main file's directory as its name says ("" for the working directory). */
static std::string emit_main_dir(const char *main)
{
	std::string dir = main;

	dir = dir.find('/') == std::string::npos ? "" : dir.substr(0, dir.rfind('/'));
	return dir == "." ? "" : dir;
}

static void emit_unwritten(void *arg, const char *name)
{
	km_problem(*emit_ctx, "kmetrics: %s: its record cannot be written%s", name, "");
}

bool km_make_texts(ASTContext &ctx, struct km_fn **fns, size_t n, const char *object,
		   const char *cwd, bool debug, struct km_buf *records, char **graph, size_t *glen)
{
	const SourceManager &sm = ctx.getSourceManager();
	const FileEntry *main = sm.getFileEntryForID(sm.getMainFileID());
	std::string target = ctx.getTargetInfo().getTriple().str();
	std::string source = main ? main->getName().str() : "";
	std::string main_dir = emit_main_dir(source.c_str());
	struct km_unit u;
	char msg[1024];
	size_t i;
	int ret;

	memset(&u, 0, sizeof(u));
	u.fns = (struct km_unit_fn **)calloc(n + 1, sizeof(*u.fns));
	if (!u.fns)
		return false;
	for (i = 0; i < n; i++) {
		u.fns[i] = &fns[i]->u;
		u.fns[i]->file = emit_file_name(fns[i]->file ? fns[i]->file : "", main_dir);
	}
	u.nfns = n;
	u.object = object;
	u.source = source.c_str();
	u.cwd = cwd;
	u.compiler = "clang " CLANG_VERSION_STRING;
	u.target = target.c_str();
	u.debug = debug;
	u.unwritten = emit_unwritten;
	if (km_unit_check(&u, msg, sizeof(msg))) {
		km_problem(ctx, "kmetrics: %s%s", msg, "");
		free(u.fns);
		return true;	/* no texts: nothing written */
	}
	emit_ctx = &ctx;
	ret = km_unit_texts(&u, records, graph, glen);
	emit_ctx = NULL;
	free(u.fns);
	return !ret;
}
