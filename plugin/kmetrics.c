// SPDX-License-Identifier: GPL-2.0
/*
 * kmetrics.c - GCC plugin that measures every function while it compiles.
 *
 * For each object it writes a sidecar of seed-format records (SPEC.md),
 * `foo.o` -> `foo.o.kmetrics`, one record per function defined in the
 * main source file that the compiler keeps, in source order; and the
 * companion `foo.o.kmetrics.graph` (lib/km_companion.h) with what the
 * merge tool needs for a whole-build call graph and git ages.
 *
 * When:
 *   PLUGIN_PRE_GENERICIZE     each body, as parsed and folded by the C
 *                             front end: C1-C3, C8-C10 and edges (walk.c)
 *   PLUGIN_ALL_IPA_PASSES_START which functions the call graph keeps:
 *                             before any inlining, so a static that -O2
 *                             inlines away keeps its record
 *   PLUGIN_FINISH_UNIT        TU call graph (C5-C7), C11, both files
 *
 * Arguments (-fplugin-arg-kmetrics-KEY[=VALUE]):
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

int plugin_is_GPL_compatible;

static struct plugin_info km_plugin_info = {
	"kmetrics-0.1",
	"function-level metrics: -fplugin-arg-kmetrics-outdir=DIR, -disable, -strict, -debug, -embed"
};

static const char *km_outdir;
static bool km_strict, km_debug, km_embed_on, km_ipa_seen;
static struct km_fn **km_fns;
static size_t km_nfns, km_fns_cap;

/* A problem inside kmetrics: a warning, or an error with strict. */
static void km_problem(const char *fmt, const char *a, const char *b)
{
	if (km_strict)
		error_at(UNKNOWN_LOCATION, fmt, a, b);
	else
		warning_at(UNKNOWN_LOCATION, 0, fmt, a, b);
}

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

static void km_pre_genericize(void *gcc_data, void *user_data)
{
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
	if (!km_measure_function(fndecl, fn))
		km_problem("kmetrics: %s: out of memory while measuring%s", name, "");
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

		if (fn)
			(*fn)->kept = true;
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

static char *km_format_companion(struct km_tu *tu, const char *object,
				  const struct km_buf *records, size_t *len)
{
	struct km_companion c;
	size_t i, e, nf = 0, ne = 0;
	long rec = 0;
	char *text;

	memset(&c, 0, sizeof(c));
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
		cf->linkage = !TREE_PUBLIC(fn->decl) ? 'S' : DECL_WEAK(fn->decl) ? 'W' : 'G';
		cf->file = fn->file ? fn->file : "";
		cf->first_line = fn->first_line;
		cf->last_line = fn->last_line;
		cf->rec = fn->main_file ? rec++ : -1;
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

/*
 * The object this compile writes. The driver hands cc1 "-dumpdir sub/
 * -dumpbase x.c -dumpbase-ext .c" for "-c ... -o sub/x.o"; with -S the
 * assembler file itself is the output.
 */
static char *km_object_path(void)
{
	/* toplev usually has put the directory in front of the base already */
	const char *dir = dump_dir_name && !dump_base_name_prefixed ? dump_dir_name : "";
	const char *base = dump_base_name ? dump_base_name : main_input_filename;
	const char *ext = dump_base_ext ? dump_base_ext : "";
	const char *dot;
	size_t blen, elen = strlen(ext);
	char *obj;

	if (!base)
		return NULL;
	blen = strlen(base);
	dot = strrchr(base, '.');
	if (elen && blen > elen && !strcmp(base + blen - elen, ext))
		blen -= elen;
	else if (dot && !strchr(dot, '/'))
		blen = dot - base;
	obj = XNEWVEC(char, strlen(dir) + blen + 3);
	sprintf(obj, "%s%.*s.o", dir, (int)blen, base);
	if (asm_file_name) {
		obj[strlen(obj) - 1] = 's';
		if (!strcmp(obj, asm_file_name))
			return obj;		/* -S: the .s is the output */
		obj[strlen(obj) - 1] = 'o';
	}
	return obj;
}

/* mkdir -p of @path's directories; the first error that matters, or 0. */
static int km_mkdirs(char *path)
{
	int err = 0;
	char *p;

	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(path, 0777) && errno != EEXIST && !err)
			err = errno;
		*p = '/';
	}
	return err;
}

static char *km_sidecar_path(const char *object, int *mkdir_err)
{
	char *path;

	*mkdir_err = 0;
	if (!km_outdir)
		return concat(object, ".kmetrics", NULL);
	while (*object == '/')
		object++;
	while (object[0] == '.' && object[1] == '/')
		object += 2;
	path = concat(km_outdir, "/", object, ".kmetrics", NULL);
	*mkdir_err = km_mkdirs(path);	/* it matters only if the write fails */
	return path;
}

/*
 * The sidecar and its companion, each whole or not at all. The old sidecar
 * goes first, so a compile killed in between leaves a companion without a
 * sidecar (never read), not an old sidecar with a new companion; the
 * companion's records line tells the merge tool when two compiles writing
 * the same object at once still crossed.
 */
static void km_write_outputs(const char *records, size_t rlen,
			     const char *graph, size_t glen, const char *object)
{
	int mkdir_err;
	char *side = km_sidecar_path(object, &mkdir_err);
	char *comp = concat(side, KM_COMPANION_SUFFIX, NULL);
	char err[512];

	if (unlink(side) && errno != ENOENT && errno != ENOTDIR && !mkdir_err)
		mkdir_err = errno;
	if (km_write_file_atomic(comp, graph, glen, err, sizeof(err))) {
		/* name the sidecar: the companion is a detail of it */
		const char *reason = strlen(err) > strlen(comp) + 2 ? err + strlen(comp) + 2 : err;

		km_problem("kmetrics: cannot write %s: %s", side,
			   mkdir_err ? xstrerror(mkdir_err) : reason);
	} else if (km_write_file_atomic(side, records, rlen, err, sizeof(err))) {
		unlink(comp);
		if (mkdir_err)
			snprintf(err, sizeof(err), "%s: %s", side, xstrerror(mkdir_err));
		km_problem("kmetrics: cannot write %s%s", err, "");
	}
	free(comp);
	free(side);
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
}

static void km_finish_unit(void *gcc_data, void *user_data)
{
	hash_map<tree, unsigned> index;
	hash_map<tree, uint32_t> leaves;
	struct km_tu tu;
	struct km_buf records;
	char *object, *graph = NULL;
	size_t glen = 0;

	if (seen_error() || !km_ipa_seen || km_output_discarded()) {
		km_release_all();
		return;
	}
	memset(&tu, 0, sizeof(tu));
	tu.index = &index;
	tu.leaves = &leaves;
	tu.graph = km_graph_new();
	km_buf_init(&records);
	object = km_object_path();
	if (tu.graph)
		km_build_graph(&tu);
	if (!object || !tu.graph || tu.oom || !km_fill_metrics(&tu) ||
	    !km_format_records(&records) ||
	    !(graph = km_format_companion(&tu, object, &records, &glen)))
		km_problem("kmetrics: %s: out of memory, no sidecar written%s",
			   object ? object : main_input_filename, "");
	else {
		const char *text = records.p ? records.p : "";	/* no function: empty */
		char err[256];

		km_write_outputs(text, records.len, graph, glen, object);
		if (km_embed_on && !km_embed(text, records.len, graph, glen, err, sizeof(err)))
			km_problem("kmetrics: cannot embed the records in %s: %s", object, err);
	}
	free(graph);
	free(object);
	km_buf_free(&records);
	km_graph_free(tu.graph);
	km_release_all();
}

/* ---- registration ---- */

static bool km_parse_args(struct plugin_name_args *info)
{
	int i;

	for (i = 0; i < info->argc; i++) {
		const char *key = info->argv[i].key, *value = info->argv[i].value;

		if (!strcmp(key, "disable")) {
			return false;
		} else if (!strcmp(key, "outdir")) {
			if (!value || !*value)
				error("kmetrics: -fplugin-arg-%s-outdir needs a directory (outdir=DIR)",
				      info->base_name);
			else
				km_outdir = value;
		} else if (!strcmp(key, "strict")) {
			km_strict = true;
		} else if (!strcmp(key, "debug")) {
			km_debug = true;
		} else if (!strcmp(key, "embed")) {
			km_embed_on = true;
		} else {
			warning(0, "kmetrics: unknown argument -fplugin-arg-%s-%s ignored",
				info->base_name, key);
		}
	}
	return true;
}

int plugin_init(struct plugin_name_args *info, struct plugin_gcc_version *version)
{
	const char *name = info->base_name;
	char built[128], runs[128];

	if (!plugin_default_version_check(version, &gcc_version)) {
		error("kmetrics: this plugin was built for GCC %s and cannot run in GCC %s; "
		      "rebuild it with that compiler's plugin headers",
		      km_gcc_describe(&gcc_version, built, sizeof(built)),
		      km_gcc_describe(version, runs, sizeof(runs)));
		return 1;
	}
	register_callback(name, PLUGIN_INFO, NULL, &km_plugin_info);
	if (!km_parse_args(info))
		return 0;
	register_callback(name, PLUGIN_PRE_GENERICIZE, km_pre_genericize, NULL);
	register_callback(name, PLUGIN_ALL_IPA_PASSES_START, km_ipa_start, NULL);
	register_callback(name, PLUGIN_FINISH_UNIT, km_finish_unit, NULL);
	return 0;
}
