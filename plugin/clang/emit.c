// SPDX-License-Identifier: GPL-2.0
/*
 * emit.c - the TU's call graph (C5-C7), C11, and the texts of the sidecar
 * and the companion (lib/km_record.h, lib/km_companion.h) for the kept
 * functions: records of the main file's ones in source order, every kept
 * function an F line (header inlines without a record), the edges E and
 * X. The Clang plugin writes no C lines (README: "Clang").
 */
#include "kmetrics.h"

#include "clang/Basic/TargetInfo.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/DenseMap.h"

#include "graph/km_graph.h"
#include "companion/km_outputs.h"

using namespace clang;

struct emit_tu {
	struct km_graph *graph;
	llvm::DenseMap<const Decl *, struct km_fn *> index;	/* kept, canonical */
	llvm::DenseMap<const Decl *, uint32_t> leaves;	/* callee without a body */
	bool oom;
};

static uint32_t emit_leaf(struct emit_tu *tu, const Decl *callee)
{
	auto it = tu->leaves.find(callee);
	uint32_t node;

	if (it != tu->leaves.end())
		return it->second;
	node = km_graph_add_node(tu->graph, 0);
	tu->leaves[callee] = node;
	return node;
}

static void emit_graph(struct emit_tu *tu, struct km_fn **fns, size_t n)
{
	size_t i, e;

	for (i = 0; i < n; i++) {
		if (!fns[i]->kept)
			continue;
		fns[i]->node = km_graph_add_node(tu->graph, 1);
		tu->index[fns[i]->decl->getCanonicalDecl()] = fns[i];
	}
	for (i = 0; i < n; i++) {
		if (!fns[i]->kept)
			continue;
		for (e = 0; e < fns[i]->nedges; e++) {
			auto to = tu->index.find(fns[i]->edges[e].callee);
			uint32_t node = to != tu->index.end() ? to->second->node :
					emit_leaf(tu, fns[i]->edges[e].callee);

			if (node == UINT32_MAX || km_graph_add_edge(tu->graph, fns[i]->node, node))
				tu->oom = true;
		}
	}
}

static bool emit_metrics(struct emit_tu *tu, struct km_fn **fns, size_t n)
{
	size_t nodes = km_graph_nodes(tu->graph), i;
	struct km_graph_metrics *m;

	m = (struct km_graph_metrics *)calloc(nodes ? nodes : 1, sizeof(*m));
	if (!m || km_graph_compute(tu->graph, m)) {
		free(m);
		return false;
	}
	for (i = 0; i < n; i++) {
		struct km_record *r = &fns[i]->rec;

		if (!fns[i]->kept)
			continue;
		r->depth = m[fns[i]->node].depth;
		r->callees = m[fns[i]->node].callees;
		r->callers = m[fns[i]->node].callers;
		r->age_days = 0;
		r->label = 0;
		r->score = km_score(r);
	}
	free(m);
	return true;
}

/* The records of the main file's kept functions, in source order. */
static bool emit_records(ASTContext &ctx, struct km_fn **fns, size_t n, bool debug,
			 struct km_buf *out)
{
	char line[KM_LINE_MAX];
	size_t i;

	for (i = 0; i < n; i++) {
		int len;

		if (!fns[i]->kept || !fns[i]->main_file)
			continue;
		len = km_record_format(line, sizeof(line), &fns[i]->rec);
		if (len < 0) {
			km_problem(ctx, "kmetrics: %s: its record cannot be written%s",
				   fns[i]->rec.name, "");
			fns[i]->main_file = false;
			continue;
		}
		if (debug)
			fprintf(stderr, "kmetrics: %s", line);
		km_buf_append(out, line, len);
	}
	return !out->oom;
}

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

static void emit_func(const struct km_fn *fn, long rec, const std::string &main_dir,
		      struct km_cfunc *cf)
{
	cf->name = fn->rec.name;
	cf->linkage = fn->linkage;
	cf->file = emit_file_name(fn->file ? fn->file : "", main_dir);
	cf->first_line = fn->first_line;
	cf->last_line = fn->last_line;
	cf->rec = rec;
	cf->has_measures = 1;
	cf->m.nloc = fn->nloc;
	cf->m.macro_decisions = fn->macro_decisions;	/* a header's: 0, as GCC's */
	cf->m.cognitive = fn->cognitive;
	cf->m.hal_n1 = (long)fn->hal_n1;
	cf->m.hal_n2 = (long)fn->hal_n2;
	cf->m.hal_N1 = (long)fn->hal_N1;
	cf->m.hal_N2 = (long)fn->hal_N2;
}

static void emit_edges(struct emit_tu *tu, struct km_fn **fns, size_t n, struct km_companion *c)
{
	size_t i, e;

	for (i = 0; i < n; i++) {
		if (!fns[i]->kept)
			continue;
		for (e = 0; e < fns[i]->nedges; e++) {
			const struct km_edge *edge = &fns[i]->edges[e];
			auto to = tu->index.find(edge->callee);
			struct km_cedge *ce = &c->edges[c->nedges++];

			ce->from = fns[i]->node;
			ce->kind = edge->kind;
			ce->to = to != tu->index.end() ? (long)to->second->node : -1;
			ce->ext_linkage = edge->linkage;
			ce->ext_name = edge->callee->getIdentifier()->getNameStart();
		}
	}
}

static char *emit_companion(ASTContext &ctx, struct emit_tu *tu, struct km_fn **fns, size_t n,
			    const char *object, const char *cwd, const struct km_buf *records,
			    size_t *len)
{
	const SourceManager &sm = ctx.getSourceManager();
	const FileEntry *main = sm.getFileEntryForID(sm.getMainFileID());
	std::string target = ctx.getTargetInfo().getTriple().str();
	struct km_companion c;
	size_t i, nf = 0, ne = 0;
	long rec = 0;
	char *text, release[256];
	std::string main_dir = main ? main->getName().str() : "";

	main_dir = main_dir.find('/') == std::string::npos ? "" :
		   main_dir.substr(0, main_dir.rfind('/'));
	if (main_dir == ".")
		main_dir = "";

	memset(&c, 0, sizeof(c));
	c.version = KM_COMPANION_VERSION;
	c.gcc = "clang " CLANG_VERSION_STRING;
	c.target = target.c_str();
	c.plugin = KM_VERSION;
	km_outputs_kernel(&c, release, sizeof(release));
	c.object = object;
	c.source = main ? main->getName().data() : "";
	c.cwd = cwd;
	c.has_records = 1;
	c.records_hash = km_companion_records_hash(records->p ? records->p : "", records->len);
	for (i = 0; i < n; i++)
		if (fns[i]->kept) {
			nf++;
			ne += fns[i]->nedges;
		}
	c.funcs = (struct km_cfunc *)calloc(nf + 1, sizeof(*c.funcs));
	c.edges = (struct km_cedge *)calloc(ne + 1, sizeof(*c.edges));
	if (!c.funcs || !c.edges) {
		free(c.funcs);
		free(c.edges);
		return NULL;
	}
	for (i = 0; i < n; i++)
		if (fns[i]->kept)
			emit_func(fns[i], fns[i]->main_file ? rec++ : -1, main_dir, &c.funcs[c.nfuncs++]);
	c.nrecords = rec;
	emit_edges(tu, fns, n, &c);
	text = km_companion_format(&c, len);
	free(c.funcs);
	free(c.edges);
	return text;
}

bool km_make_texts(ASTContext &ctx, struct km_fn **fns, size_t n, const char *object,
		   const char *cwd, bool debug, struct km_texts *out)
{
	struct emit_tu tu;
	bool ok;

	tu.graph = km_graph_new();
	tu.oom = false;
	km_buf_init(&out->records);
	out->graph = NULL;
	out->glen = 0;
	if (tu.graph)
		emit_graph(&tu, fns, n);
	ok = tu.graph && !tu.oom && emit_metrics(&tu, fns, n) &&
	     emit_records(ctx, fns, n, debug, &out->records) &&
	     (out->graph = emit_companion(ctx, &tu, fns, n, object, cwd, &out->records,
					  &out->glen));
	km_graph_free(tu.graph);
	return ok;
}

void km_texts_free(struct km_texts *t)
{
	km_buf_free(&t->records);
	free(t->graph);
	t->graph = NULL;
}
