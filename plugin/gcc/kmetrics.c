// SPDX-License-Identifier: GPL-2.0
/*
 * kmetrics.c - GCC plugin that measures every function while it compiles.
 *
 * For each object it writes a sidecar of seed-format records (SPEC.md),
 * `foo.o` -> `foo.o.kmetrics`, one record per function defined in the
 * main source file that the compiler keeps, in source order; and the
 * companion `foo.o.kmetrics.graph` (lib/companion/km_companion.h) with what the
 * merge tool needs for a whole-build call graph and git ages.
 *
 * When:
 *   PLUGIN_PRE_GENERICIZE     each body, as parsed and folded by the C
 *                             front end: C1-C3, C8-C10 and edges (walk.c)
 *   PLUGIN_ALL_IPA_PASSES_START which functions the call graph keeps:
 *                             before any inlining, so a static that -O2
 *                             inlines away keeps its record
 *   passes of facts.c         late GIMPLE and RTL: compiler facts for the
 *                             companion only (frame, section, CFG, inlined)
 *   PLUGIN_FINISH_UNIT        TU call graph (C5-C7), C11, both files
 *                             (sidecar.c: which object, where, how)
 *
 * Arguments (-fplugin-arg-kmetrics-KEY[=VALUE]); the booleans take no
 * value (on) or 0/1/yes/no/true/false, anything else is a warning:
 *   outdir=DIR  sidecars under DIR, mirroring the object's path
 *   disable     measure nothing, write nothing
 *   strict      a problem inside kmetrics is an error, not a warning
 *   debug       print each record to stderr as it is measured
 *   embed       also put records and companion into the object (embed.c)
 *
 * A problem inside kmetrics never fails the compile: it is a warning that
 * names kmetrics (an error only with strict), and the object still builds.
 */
#include "kmetrics.h"
#include <dlfcn.h>

#include "logic.h"
#include "textmap.h"
#include "compile/km_paths.h"
#include "compile/km_src.h"

int plugin_is_GPL_compatible;

static struct plugin_info km_plugin_info = {
	"kmetrics-" KM_VERSION,
	"function-level metrics: -fplugin-arg-kmetrics-outdir=DIR, -disable, -strict, -debug, -embed"
};

static const char *km_outdir;
static bool km_debug, km_embed_on, km_ipa_seen;
static const char *km_trace;		/* trace=NAME */
static struct km_fn **km_fns;
static size_t km_nfns, km_fns_cap;
static struct km_src_cache *km_src;	/* source text, each file read once */
static bool km_text_ok;			/* tokens can be read from the text */
static unsigned km_first_map;		/* macro maps before the current body */

/* ---- PLUGIN_PRE_GENERICIZE ---- */

static bool km_in_main_file(location_t loc)
{
	const line_map_ordinary *map = NULL;

	loc = linemap_resolve_location(line_table, loc, LRK_MACRO_EXPANSION_POINT, &map);
	return map && MAIN_FILE_P(map);
}

static long km_line_of(location_t loc)
{
	return loc == UNKNOWN_LOCATION ? 0 : expand_location(loc).line;
}

static bool km_wanted(tree fndecl)
{
	if (!fndecl || TREE_CODE(fndecl) != FUNCTION_DECL || !DECL_SAVED_TREE(fndecl))
		return false;
	if (DECL_ARTIFICIAL(fndecl) || !DECL_NAME(fndecl))
		return false;
	/* nested functions get no record and are no node */
	if (DECL_CONTEXT(fndecl) && TREE_CODE(DECL_CONTEXT(fndecl)) == FUNCTION_DECL)
		return false;
	return true;
}

/* GCC's allocators end the compile themselves when memory runs out. */
static void km_push(struct km_fn *fn)
{
	if (km_nfns == km_fns_cap) {
		km_fns_cap = km_fns_cap ? km_fns_cap * 2 : 64;
		km_fns = XRESIZEVEC(struct km_fn *, km_fns, km_fns_cap);
	}
	km_fns[km_nfns++] = fn;
}

/*
 * Tokens are read back from the text that was lexed: the source files, or
 * a preprocessed input itself (-save-temps, distcc), whose locations name
 * the original files with the .i's columns (textmap.c finds the .i's
 * lines). Not without macro tracking (-ftrack-macro-expansion=0), where a
 * macro's tokens all sit at its name.
 */
static void km_check_text(void)
{
	/*
	 * The C front end's reader, looked up when the plugin runs: lto1,
	 * which loads the plugin too, has no front end and no parse_in.
	 */
	cpp_reader **reader = (cpp_reader **)dlsym(RTLD_DEFAULT, "parse_in");
	cpp_options *o = reader && *reader ? cpp_get_options(*reader) : NULL;

	km_text_ok = o && (o->preprocessed || o->track_macro_expansion);
	if (!km_src)
		km_src = km_src_cache_new();
	if (o)
		km_textmap_start(*reader, km_src, km_debug);
}

/* PLUGIN_START_UNIT: before the main file's first token, follow its line directives. */
static void km_start_unit(void *gcc_data, void *user_data)
{
	if (!km_src)
		km_check_text();
}

/* PLUGIN_START_PARSE_FUNCTION: the macro maps made from here on are the body's. */
static void km_start_parse_function(void *gcc_data, void *user_data)
{
	if (!km_src)
		km_check_text();
	km_first_map = LINEMAPS_MACRO_USED(line_table);
}

static void km_pre_genericize(void *gcc_data, void *user_data)
{
	struct km_logic *lg;
	tree fndecl = (tree)gcc_data;
	const char *name;
	struct km_fn *fn;
	function *f;

	if (seen_error() || !km_wanted(fndecl))
		return;
	name = IDENTIFIER_POINTER(DECL_NAME(fndecl));
	if (strlen(name) >= KM_NAME_MAX) {
		km_problem("kmetrics: %s: name longer than %s bytes, no record", name, "511");
		return;
	}
	fn = XCNEW(struct km_fn);
	km_push(fn);
	fn->decl = fndecl;
	strcpy(fn->rec.name, name);
	fn->main_file = km_in_main_file(DECL_SOURCE_LOCATION(fndecl));
	fn->file = expand_location(DECL_SOURCE_LOCATION(fndecl)).file;
	fn->first_line = km_line_of(DECL_SOURCE_LOCATION(fndecl));
	f = DECL_STRUCT_FUNCTION(fndecl);
	fn->last_line = f ? km_line_of(f->function_end_locus) : 0;
	if (fn->last_line < fn->first_line)
		fn->last_line = fn->first_line;
	/* a header's function gets no record: its edges need no tokens */
	lg = km_logic_new(km_text_ok && fn->main_file ? km_src : NULL, km_first_map);
	if (!km_measure_function(fndecl, fn, lg, km_trace && !strcmp(km_trace, name)))
		km_problem("kmetrics: %s: out of memory while measuring%s", name, "");
	km_logic_free(lg);
	fn->nloc = fn->main_file ? km_src_nloc(km_src_get(km_src, fn->file),
						fn->first_line, fn->last_line) : -1;
}

/* ---- PLUGIN_ALL_IPA_PASSES_START ---- */

/*
 * A symbol the object must keep whoever uses it: global, or marked used,
 * or a constructor. Everything else stays only if a kept symbol reaches it.
 * (force_output is not asked: -O0 implies -fno-toplevel-reorder, which sets
 * it on every unused static too, and records must not change with -O.)
 */
static bool km_root_symbol(symtab_node *s)
{
	tree decl = s->decl;

	if (!s->definition)
		return false;
	if (DECL_PRESERVE_P(decl))
		return true;
	if (TREE_CODE(decl) == FUNCTION_DECL &&
	    (DECL_STATIC_CONSTRUCTOR(decl) || DECL_STATIC_DESTRUCTOR(decl)))
		return true;
	return TREE_PUBLIC(decl) && !DECL_EXTERNAL(decl) && !DECL_COMDAT(decl);
}

static void km_reach(hash_set<symtab_node *> *seen, auto_vec<symtab_node *> *work,
		     symtab_node *s)
{
	if (s && !seen->add(s))
		work->safe_push(s);
}

/*
 * Which functions the compiler keeps: the symbols reachable from the roots
 * through calls and references, as GCC's own unreachable-node removal
 * sees them, computed before any inlining, so it is the same at every -O.
 */
static void km_ipa_start(void *gcc_data, void *user_data)
{
	hash_set<symtab_node *> seen;
	hash_map<tree, struct km_fn *> by_decl;
	auto_vec<symtab_node *> work;
	symtab_node *s;
	size_t i;

	km_ipa_seen = true;
	FOR_EACH_SYMBOL(s)
		if (km_root_symbol(s))
			km_reach(&seen, &work, s);
	while (!work.is_empty()) {
		cgraph_node *cn;
		ipa_ref *ref;
		cgraph_edge *e;
		int r;

		s = work.pop();
		cn = dyn_cast<cgraph_node *>(s);
		if (cn)
			for (e = cn->callees; e; e = e->next_callee)
				km_reach(&seen, &work, e->callee);
		for (r = 0; s->iterate_reference(r, ref); r++)
			km_reach(&seen, &work, ref->referred);
	}
	/* our decls are keys here, never dereferenced: GCC may have let go of some */
	for (i = 0; i < km_nfns; i++)
		by_decl.put(km_fns[i]->decl, km_fns[i]);
	for (hash_set<symtab_node *>::iterator it = seen.begin(); it != seen.end(); ++it) {
		cgraph_node *cn = dyn_cast<cgraph_node *>(*it);
		struct km_fn **fn = cn && cn->definition ? by_decl.get(cn->decl) : NULL;

		if (!fn)
			continue;
		(*fn)->kept = true;
		/* as declared: target_clones makes the global local later on */
		(*fn)->linkage = !TREE_PUBLIC(cn->decl) ? 'S' : DECL_WEAK(cn->decl) ? 'W' : 'G';
	}
}

/* ---- PLUGIN_FINISH_UNIT ---- */

struct km_tu {
	struct km_graph *graph;
	hash_map<tree, unsigned> *index;	/* kept function -> position in km_fns */
	hash_map<tree, uint32_t> *leaves;	/* callee without a body -> leaf node */
	bool oom;
};

static uint32_t km_leaf(struct km_tu *tu, tree callee)
{
	uint32_t *have = tu->leaves->get(callee);
	uint32_t node;

	if (have)
		return *have;
	node = km_graph_add_node(tu->graph, 0);
	tu->leaves->put(callee, node);
	return node;
}

static void km_build_graph(struct km_tu *tu)
{
	size_t i, e;

	for (i = 0; i < km_nfns; i++) {
		if (!km_fns[i]->kept)
			continue;
		km_fns[i]->node = km_graph_add_node(tu->graph, 1);
		tu->index->put(km_fns[i]->decl, (unsigned)i);
	}
	for (i = 0; i < km_nfns; i++) {
		struct km_fn *fn = km_fns[i];

		if (!fn->kept)
			continue;
		for (e = 0; e < fn->nedges; e++) {
			unsigned *to = tu->index->get(fn->edges[e].callee);
			uint32_t node = to ? km_fns[*to]->node : km_leaf(tu, fn->edges[e].callee);

			if (node == UINT32_MAX || km_graph_add_edge(tu->graph, fn->node, node))
				tu->oom = true;
		}
	}
}

static bool km_fill_metrics(struct km_tu *tu)
{
	size_t n = km_graph_nodes(tu->graph), i;
	struct km_graph_metrics *m;

	m = XCNEWVEC(struct km_graph_metrics, n ? n : 1);
	if (km_graph_compute(tu->graph, m)) {
		free(m);
		return false;
	}
	for (i = 0; i < km_nfns; i++) {
		struct km_fn *fn = km_fns[i];

		if (!fn->kept)
			continue;
		fn->rec.depth = m[fn->node].depth;
		fn->rec.callees = m[fn->node].callees;
		fn->rec.callers = m[fn->node].callers;
		fn->rec.age_days = 0;
		fn->rec.label = 0;
		fn->rec.score = km_score(&fn->rec);
	}
	free(m);
	return true;
}

static const char *km_main_file_name(void)
{
	if (LINEMAPS_ORDINARY_USED(line_table))
		return ORDINARY_MAP_FILE_NAME(LINEMAPS_ORDINARY_MAP_AT(line_table, 0));
	return main_input_filename;
}

/*
 * The records of the main file's kept functions, in source order. One that
 * cannot be written is a warning naming it, and it stays a node without a
 * record (this runs before the companion numbers the records).
 */
static bool km_format_records(struct km_buf *out)
{
	char line[KM_LINE_MAX];
	size_t i;

	for (i = 0; i < km_nfns; i++) {
		struct km_fn *fn = km_fns[i];
		int len;

		if (!fn->kept || !fn->main_file)
			continue;
		len = km_record_format(line, sizeof(line), &fn->rec);
		if (len < 0) {
			km_problem("kmetrics: %s: its record cannot be written%s",
				   fn->rec.name, "");
			fn->main_file = false;
			continue;
		}
		if (km_debug)
			fprintf(stderr, "kmetrics: %s", line);
		km_buf_append(out, line, len);
	}
	return !out->oom;
}

/* The walk's measures beside the record: the companion's M line. */
static void km_put_measures(const struct km_fn *fn, struct km_cfunc *cf)
{
	cf->has_measures = 1;
	cf->m.nloc = fn->nloc;
	cf->m.macro_decisions = fn->macro_decisions;
	cf->m.cognitive = fn->cognitive;
	cf->m.hal_n1 = (long)fn->hal_n1;
	cf->m.hal_n2 = (long)fn->hal_n2;
	cf->m.hal_N1 = (long)fn->hal_N1;
	cf->m.hal_N2 = (long)fn->hal_N2;
}

static char *km_format_companion(struct km_tu *tu, const char *object,
				  const struct km_buf *records, size_t *len)
{
	struct km_companion c;
	size_t i, e, nf = 0, ne = 0;
	long rec = 0;
	char *text, release[256];

	memset(&c, 0, sizeof(c));
	km_facts_provenance(&c, release, sizeof(release));
	c.object = object;
	c.source = km_main_file_name();
	c.cwd = get_src_pwd();	/* the client's directory under distcc, with -g */
	c.has_records = 1;
	c.records_hash = km_companion_records_hash(records->p ? records->p : "", records->len);
	for (i = 0; i < km_nfns; i++)
		if (km_fns[i]->kept) {
			nf++;
			ne += km_fns[i]->nedges;
		}
	c.funcs = XCNEWVEC(struct km_cfunc, nf + 1);
	c.edges = XCNEWVEC(struct km_cedge, ne + 1);
	if (!c.funcs || !c.edges) {
		free(c.funcs);
		free(c.edges);
		return NULL;
	}
	for (i = 0; i < km_nfns; i++) {
		struct km_fn *fn = km_fns[i];
		struct km_cfunc *cf;

		if (!fn->kept)
			continue;
		cf = &c.funcs[c.nfuncs++];
		cf->name = fn->rec.name;
		cf->linkage = fn->linkage;
		cf->file = fn->file ? fn->file : "";
		cf->first_line = fn->first_line;
		cf->last_line = fn->last_line;
		cf->rec = fn->main_file ? rec++ : -1;
		km_put_measures(fn, cf);
		km_facts_fill(fn->decl, cf);
	}
	c.nrecords = rec;
	for (i = 0; i < km_nfns; i++) {
		struct km_fn *fn = km_fns[i];

		if (!fn->kept)
			continue;
		for (e = 0; e < fn->nedges; e++) {
			struct km_edge *edge = &fn->edges[e];
			unsigned *to = tu->index->get(edge->callee);
			struct km_cedge *ce = &c.edges[c.nedges++];

			ce->from = fn->node;
			ce->kind = edge->kind;
			ce->to = to ? (long)km_fns[*to]->node : -1;
			ce->ext_linkage = edge->linkage;
			ce->ext_name = edge->name;
		}
	}
	text = km_companion_format(&c, len);
	free(c.funcs);
	free(c.edges);
	return text;
}

static void km_release_all(void)
{
	size_t i;

	for (i = 0; i < km_nfns; i++) {
		km_fn_release(km_fns[i]);
		free(km_fns[i]);
	}
	free(km_fns);
	km_fns = NULL;
	km_nfns = km_fns_cap = 0;
	km_textmap_stop();
	km_src_cache_free(km_src);
	km_src = NULL;
	km_facts_reset();
}

/* What the companion's TAB-separated lines cannot hold (a TAB or LF in a name), or NULL. */
static const char *km_unwritable(const char *object)
{
	const char *source = km_main_file_name(), *cwd = get_src_pwd();
	size_t i;

	if (strpbrk(object, "\t\n"))
		return "the object's path";
	if (source && strpbrk(source, "\t\n"))
		return "the source file's name";
	if (cwd && strpbrk(cwd, "\t\n"))
		return "the working directory";
	for (i = 0; i < km_nfns; i++)
		if (km_fns[i]->kept && km_fns[i]->file && strpbrk(km_fns[i]->file, "\t\n"))
			return "the name of a file that defines a function";
	return NULL;
}

/* The TU call graph, C5-C7, C11, and both files for @object (@files) or embedded. */
static void km_emit(const char *object, bool files)
{
	hash_map<tree, unsigned> index;
	hash_map<tree, uint32_t> leaves;
	struct km_tu tu;
	struct km_buf records;
	char *graph = NULL, err[256];
	const char *text;
	size_t glen = 0;

	memset(&tu, 0, sizeof(tu));
	tu.index = &index;
	tu.leaves = &leaves;
	tu.graph = km_graph_new();
	km_buf_init(&records);
	if (tu.graph)
		km_build_graph(&tu);
	if (!tu.graph || tu.oom || !km_fill_metrics(&tu) || !km_format_records(&records) ||
	    !(graph = km_format_companion(&tu, object, &records, &glen))) {
		km_problem("kmetrics: %s: out of memory, no sidecar written%s", object, "");
		goto out;
	}
	text = records.p ? records.p : "";	/* no function: empty */
	if (files)
		km_write_outputs(km_outdir, text, records.len, graph, glen, object);
	if (km_embed_on && !km_embed(text, records.len, graph, glen, err, sizeof(err)))
		km_problem("kmetrics: cannot embed the records in %s: %s", object, err);
out:
	free(graph);
	km_buf_free(&records);
	km_graph_free(tu.graph);
}

/*
 * Nothing is written for a compile that failed, or for lto1 (the plugin
 * given at an LTO link: no translation unit of the build). An object that
 * is no file (-o /dev/null, -o -) gets no sidecar; with embed the records
 * still go into it (gcc -S -o - | as ...).
 */
static void km_finish_unit(void *gcc_data, void *user_data)
{
	char *object = NULL, *shown;
	const char *bad;
	bool special = false;

	if (seen_error() || !km_ipa_seen || in_lto_p || km_probe_compile())
		goto out;
	object = km_object_path();
	if (!object) {
		km_problem("kmetrics: %s: no object name, no sidecar written%s",
			   main_input_filename, "");
	} else if ((special = km_path_is_special(object)) && !km_embed_on) {
		if (km_debug)
			fprintf(stderr, "kmetrics: %s is no regular file: no sidecar\n", object);
	} else if ((bad = km_unwritable(object))) {
		shown = km_escaped(object);
		km_problem("kmetrics: %s: no sidecar written: %s holds a tab or newline, "
			   "which the companion's tab-separated lines cannot carry", shown, bad);
		free(shown);
	} else {
		if (special && km_debug)
			fprintf(stderr, "kmetrics: %s is no regular file: embedded only\n", object);
		km_emit(object, !special);
	}
out:
	free(object);
	km_release_all();
}

/* ---- registration ---- */

int plugin_init(struct plugin_name_args *info, struct plugin_gcc_version *version)
{
	const char *name = info->base_name;
	struct km_args args = { NULL, NULL, false, false };
	char built[128], runs[128];

	if (!plugin_default_version_check(version, &gcc_version)) {
		error("kmetrics: this plugin was built for GCC %s and cannot run in GCC %s; "
		      "rebuild it with that compiler's plugin headers",
		      km_gcc_describe(&gcc_version, built, sizeof(built)),
		      km_gcc_describe(version, runs, sizeof(runs)));
		return 1;
	}
	register_callback(name, PLUGIN_INFO, NULL, &km_plugin_info);
	if (!km_parse_args(info, &args))
		return 0;
	km_outdir = args.outdir;
	km_debug = args.debug;
	km_trace = args.trace;
	km_embed_on = args.embed;
	register_callback(name, PLUGIN_START_UNIT, km_start_unit, NULL);
	register_callback(name, PLUGIN_START_PARSE_FUNCTION, km_start_parse_function, NULL);
	register_callback(name, PLUGIN_PRE_GENERICIZE, km_pre_genericize, NULL);
	register_callback(name, PLUGIN_ALL_IPA_PASSES_START, km_ipa_start, NULL);
	register_callback(name, PLUGIN_FINISH_UNIT, km_finish_unit, NULL);
	km_facts_register(name, version);
	return 0;
}
