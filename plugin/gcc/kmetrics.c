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
 *                             (sidecar.c: which object; lib/unit/: the
 *                             texts, where and how they are written)
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
#include "unit/km_outputs.h"

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
	fn->u.key = fndecl;
	strcpy(fn->u.rec.name, name);
	fn->u.main_file = km_in_main_file(DECL_SOURCE_LOCATION(fndecl));
	fn->u.file = expand_location(DECL_SOURCE_LOCATION(fndecl)).file;
	fn->u.first_line = km_line_of(DECL_SOURCE_LOCATION(fndecl));
	f = DECL_STRUCT_FUNCTION(fndecl);
	fn->u.last_line = f ? km_line_of(f->function_end_locus) : 0;
	if (fn->u.last_line < fn->u.first_line)
		fn->u.last_line = fn->u.first_line;
	/* a header's function gets no record: its edges need no tokens */
	lg = km_logic_new(km_text_ok && fn->u.main_file ? km_src : NULL, km_first_map);
	if (!km_measure_function(fndecl, fn, lg, km_trace && !strcmp(km_trace, name)))
		km_problem("kmetrics: %s: out of memory while measuring%s", name, "");
	km_logic_free(lg);
	fn->u.m.nloc = fn->u.main_file ? km_src_nloc(km_src_get(km_src, fn->u.file),
						     fn->u.first_line, fn->u.last_line) : -1;
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
		(*fn)->u.kept = true;
		/* as declared: target_clones makes the global local later on */
		(*fn)->u.linkage = !TREE_PUBLIC(cn->decl) ? 'S' : DECL_WEAK(cn->decl) ? 'W' : 'G';
	}
}

/* ---- PLUGIN_FINISH_UNIT ---- */

static const char *km_main_file_name(void)
{
	if (LINEMAPS_ORDINARY_USED(line_table))
		return ORDINARY_MAP_FILE_NAME(LINEMAPS_ORDINARY_MAP_AT(line_table, 0));
	return main_input_filename;
}

static void km_unwritten(void *arg, const char *name)
{
	km_problem("kmetrics: %s: its record cannot be written%s", name, "");
}

/* The unit lib/unit/ makes the texts of: the functions, their facts, the provenance. */
static struct km_unit km_unit_of(const char *object)
{
	struct km_unit u;
	size_t i;

	memset(&u, 0, sizeof(u));
	u.fns = XNEWVEC(struct km_unit_fn *, km_nfns + 1);
	for (i = 0; i < km_nfns; i++) {
		u.fns[i] = &km_fns[i]->u;
		if (km_fns[i]->u.kept)
			km_facts_fill(km_fns[i]->decl, &km_fns[i]->u);
	}
	u.nfns = km_nfns;
	u.object = object;
	u.source = km_main_file_name();
	u.cwd = get_src_pwd();	/* the client's directory under distcc, with -g */
	u.compiler = km_facts_compiler();
	u.target = km_facts_target();
	u.debug = km_debug;
	u.unwritten = km_unwritten;
	return u;
}

/* The TU's records and companion, into files for @object (@files), embedded with embed. */
static void km_emit(struct km_unit *u, bool files)
{
	struct km_buf records;
	char *graph = NULL, err[1024];
	const char *text;
	size_t glen = 0;

	km_buf_init(&records);
	if (km_unit_texts(u, &records, &graph, &glen)) {
		km_problem("kmetrics: %s: out of memory, no sidecar written%s", u->object, "");
		goto out;
	}
	text = records.p ? records.p : "";	/* no function: empty */
	if (files && km_outputs_write(km_outdir, getpwd(), u->object, text, records.len, graph,
				      glen, err, sizeof(err)))
		km_problem("kmetrics: %s%s", err, "");
	if (km_embed_on && !km_embed(text, records.len, graph, glen, err, sizeof(err)))
		km_problem("kmetrics: cannot embed the records in %s: %s", u->object, err);
out:
	free(graph);
	km_buf_free(&records);
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

/*
 * Nothing is written for a compile that failed, or for lto1 (the plugin
 * given at an LTO link: no translation unit of the build). An object that
 * is no file (-o /dev/null, -o -) gets no sidecar; with embed the records
 * still go into it (gcc -S -o - | as ...).
 */
static void km_finish_unit(void *gcc_data, void *user_data)
{
	char *object = NULL, msg[1024];
	bool special = false;
	struct km_unit u;

	if (seen_error() || !km_ipa_seen || in_lto_p || km_probe_compile())
		goto out;
	object = km_object_path();
	if (!object) {
		km_problem("kmetrics: %s: no object name, no sidecar written%s",
			   main_input_filename, "");
		goto out;
	}
	if ((special = km_path_is_special(object)) && !km_embed_on) {
		if (km_debug)
			fprintf(stderr, "kmetrics: %s is no regular file: no sidecar\n", object);
		goto out;
	}
	u = km_unit_of(object);
	if (km_unit_check(&u, msg, sizeof(msg))) {
		km_problem("kmetrics: %s%s", msg, "");
	} else {
		if (special && km_debug)
			fprintf(stderr, "kmetrics: %s is no regular file: embedded only\n", object);
		km_emit(&u, !special);
	}
	free(u.fns);
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
