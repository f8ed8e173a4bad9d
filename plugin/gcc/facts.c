// SPDX-License-Identifier: GPL-2.0
/*
 * facts.c - what code generation made of each function, and where the
 * object came from: the companion's C lines and provenance lines
 * (lib/companion/km_companion.h). The records never carry any of it.
 *
 * These facts exist only late in the compile, after the records were
 * measured (PLUGIN_PRE_GENERICIZE) and before the companion is written
 * (PLUGIN_FINISH_UNIT, which runs after the last function's assembly):
 *
 *   kmetrics_cfg    GIMPLE pass right after "optimized": the basic blocks
 *                   and E - N + 2 of the own-name body's final GIMPLE CFG
 *   kmetrics_facts  RTL pass right after "final": that a body was emitted,
 *                   its -fstack-usage frame, and the own-name body's section
 *
 * A body is the function's own (DECL_ORIGIN of the decl is the decl) or a
 * clone of it: foo.isra.0, foo.constprop.1 and foo.part.0 are copies made by
 * tree_function_versioning, whose DECL_ABSTRACT_ORIGIN is the source
 * function; foo.cold is the cold partition of the same body, so the frame
 * of foo is its frame too. A function is "inlined" when no body, own or
 * clone, reached "final".
 *
 * The frame is the number -fstack-usage writes into foo.su: GCC computes it
 * only when flag_stack_usage_info is set, which -fstack-usage sets from the
 * command line; the plugin sets it too (it only records sizes, it changes
 * no code) and adds the parts as output_stack_usage_1 (toplev.cc) does.
 *
 * Debugging: each pass prints its numbers into its dump, beside the IL they
 * came from: x.c.NNNt.kmetrics_cfg and x.c.NNNr.kmetrics_facts. GCC reads
 * -fdump-tree-NAME before plugins register their passes, so only
 * -fdump-tree-all and -fdump-rtl-all turn these dumps on.
 */
#include "kmetrics.h"
#include "tree-pass.h"
#include "context.h"
#include "function.h"
#include "basic-block.h"
#include "output.h"

/* What the passes learnt of one source function, keyed by its decl. */
struct km_facts {
	bool emitted;		/* some body, own or clone, reached final */
	long frame;		/* the largest -fstack-usage frame of those bodies */
	const char *section;	/* the own-name body's section, xstrdup'ed */
	long blocks, cyclomatic;	/* the own-name body's optimised CFG */
};

static hash_map<tree, struct km_facts> *km_facts_of;
static const char *km_gcc_version, *km_target;

static struct km_facts *km_facts_for(tree origin)
{
	bool existed;
	struct km_facts *f;

	if (!km_facts_of)
		km_facts_of = new hash_map<tree, struct km_facts>;
	f = &km_facts_of->get_or_insert(origin, &existed);
	if (!existed) {
		f->emitted = false;
		f->frame = f->blocks = f->cyclomatic = -1;
		f->section = NULL;
	}
	return f;
}

/* ---- the optimised CFG: after "optimized" ---- */

static void km_cfg_execute(function *fun)
{
	tree decl = fun->decl;
	struct km_facts *f;
	long n = n_basic_blocks_for_fn(fun), e = n_edges_for_fn(fun);

	if (DECL_ORIGIN(decl) != decl)	/* a clone: only the own body counts */
		return;
	f = km_facts_for(decl);
	f->blocks = n - NUM_FIXED_BLOCKS;	/* ENTRY and EXIT are no code */
	f->cyclomatic = e - n + 2;		/* with them, as cyc_complexity did */
	if (dump_file)
		fprintf(dump_file, "kmetrics: %s: cfg_blocks %ld cfg_cyclomatic %ld\n",
			IDENTIFIER_POINTER(DECL_NAME(decl)), f->blocks, f->cyclomatic);
}

static const pass_data km_cfg_pass_data = {
	GIMPLE_PASS, "kmetrics_cfg", OPTGROUP_NONE, TV_NONE,
	PROP_cfg, 0, 0, 0, 0,
};

class km_cfg_pass : public gimple_opt_pass {
public:
	km_cfg_pass(gcc::context *ctxt) : gimple_opt_pass(km_cfg_pass_data, ctxt) {}
	unsigned int execute(function *fun) final override
	{
		km_cfg_execute(fun);
		return 0;
	}
};

/* ---- the emitted body: after "final" ---- */

/* What -fstack-usage prints for the current function, -1 when unknown. */
static long km_stack_usage(void)
{
	HOST_WIDE_INT size, extra;

	if (!cfun->su || current_function_static_stack_size < 0)
		return -1;
	size = current_function_static_stack_size;
	if (maybe_ne(current_function_pushed_stack_size, 0)) {
		if (!current_function_pushed_stack_size.is_constant(&extra))
			extra = constant_lower_bound(current_function_pushed_stack_size);
		size += extra;
	}
	if (current_function_allocates_dynamic_stack_space)
		size += current_function_dynamic_stack_size;
	return size;
}

/* The name of the section @s; an unnamed one's from its directive ("\t.text"). */
static const char *km_section_name(section *s, char *buf, size_t len)
{
	const char *d;
	size_t n;

	if (!s)
		return NULL;
	if (SECTION_STYLE(s) == SECTION_NAMED)
		return s->named.name;
	if (SECTION_STYLE(s) != SECTION_UNNAMED || !s->unnamed.data)
		return NULL;
	d = (const char *)s->unnamed.data;	/* const void * before GCC 12 */
	d += strspn(d, " \t");
	if (!strncmp(d, ".section", 8)) {
		d += 8;
		d += strspn(d, " \t");
	}
	n = strcspn(d, " \t,\n");
	if (!n || n >= len)
		return NULL;
	memcpy(buf, d, n);
	buf[n] = 0;
	return buf;
}

static void km_facts_execute(function *fun)
{
	tree decl = fun->decl;
	struct km_facts *f = km_facts_for(DECL_ORIGIN(decl));
	long frame = km_stack_usage();
	const char *sect;
	char buf[128];

	f->emitted = true;
	if (frame > f->frame)
		f->frame = frame;
	if (DECL_ORIGIN(decl) == decl && !f->section) {
		/* where final started the function: its symbol's section */
		sect = km_section_name(function_section(decl), buf, sizeof(buf));
		f->section = sect ? xstrdup(sect) : NULL;
	}
	if (dump_file)
		fprintf(dump_file, "kmetrics: %s: frame_bytes %ld section %s\n",
			IDENTIFIER_POINTER(DECL_NAME(decl)), frame,
			f->section ? f->section : "-");
}

static const pass_data km_facts_pass_data = {
	RTL_PASS, "kmetrics_facts", OPTGROUP_NONE, TV_NONE,
	0, 0, 0, 0, 0,
};

class km_facts_pass : public rtl_opt_pass {
public:
	km_facts_pass(gcc::context *ctxt) : rtl_opt_pass(km_facts_pass_data, ctxt) {}
	unsigned int execute(function *fun) final override
	{
		km_facts_execute(fun);
		return 0;
	}
};

/* ---- what kmetrics.c asks ---- */

/* Whether this compile makes code at all (-flto alone writes only IR). */
static bool km_makes_code(void)
{
	return !flag_syntax_only && (!flag_lto || flag_fat_lto_objects);
}

void km_facts_fill(tree decl, struct km_cfunc *cf)
{
	struct km_facts *f = km_facts_of ? km_facts_of->get(decl) : NULL;

	cf->has_facts = km_makes_code();
	cf->x.inlined = !f || !f->emitted;
	cf->x.frame_bytes = f ? f->frame : -1;
	cf->x.section = f ? f->section : NULL;
	cf->x.cfg_blocks = f ? f->blocks : -1;
	cf->x.cfg_cyclomatic = f ? f->cyclomatic : -1;
}

/* The first line of @path in @buf, or NULL. */
static const char *km_first_line(const char *path, char *buf, size_t len)
{
	FILE *fp = fopen(path, "r");
	char *ok;

	if (!fp)
		return NULL;
	ok = fgets(buf, (int)len, fp);
	fclose(fp);
	if (!ok)
		return NULL;
	buf[strcspn(buf, "\r\n")] = 0;
	return buf[0] && !strchr(buf, '\t') ? buf : NULL;
}

/*
 * kbuild compiles from the top of the object tree, where make prepare put
 * include/config/kernel.release beside .config: the kernel line.
 */
static void km_kernel_provenance(struct km_companion *c, char *release, size_t len)
{
	size_t clen;
	char *config;

	if (!km_first_line("include/config/kernel.release", release, len))
		return;
	config = km_read_file(".config", &clen);
	if (!config)
		return;
	c->has_kernel = 1;
	c->kernel_release = release;
	c->config_hash = km_companion_records_hash(config, clen);
	free(config);
}

void km_facts_provenance(struct km_companion *c, char *release, size_t len)
{
	c->version = KM_COMPANION_VERSION;
	c->gcc = km_gcc_version;
	c->target = km_target;
	c->plugin = KM_VERSION;
	km_kernel_provenance(c, release, len);
}

void km_facts_reset(void)
{
	if (!km_facts_of)
		return;
	for (hash_map<tree, struct km_facts>::iterator it = km_facts_of->begin();
	     it != km_facts_of->end(); ++it)
		free(CONST_CAST(char *, (*it).second.section));
	delete km_facts_of;
	km_facts_of = NULL;
}

/* --target= of the configuration cc1 runs with (the version check made it ours). */
static const char *km_target_of(const char *config)
{
	const char *t = strstr(config, "--target=");
	size_t n;

	if (!t)
		t = strstr(config, "--host=");
	if (!t)
		return "";
	t = strchr(t, '=') + 1;
	n = strcspn(t, " \t'\"");
	return xstrndup(t, n);
}

static void km_register_pass(const char *name, opt_pass *pass, const char *after)
{
	struct register_pass_info info;

	info.pass = pass;
	info.reference_pass_name = after;
	info.ref_pass_instance_number = 1;
	info.pos_op = PASS_POS_INSERT_AFTER;
	register_callback(name, PLUGIN_PASS_MANAGER_SETUP, NULL, &info);
}

void km_facts_register(const char *name, struct plugin_gcc_version *version)
{
	km_gcc_version = version->basever;
	km_target = km_target_of(version->configuration_arguments);
	/* -fstack-usage's numbers, computed without its .su file */
	flag_stack_usage_info = true;
	/*
	 * "optimized" (pass_cleanup_cfg_post_optimizing) is the last GIMPLE
	 * pass that changes the CFG: right after it the CFG is the one
	 * -fdump-tree-optimized shows, the one expand turns into RTL.
	 */
	km_register_pass(name, new km_cfg_pass(g), "optimized");
	/*
	 * "final" has written the function's assembly: every body that is
	 * emitted gets here, after pro_and_epilogue fixed the frame, and
	 * function_section() still names where final put the symbol (a body
	 * whose first block is cold starts in .text.unlikely).
	 */
	km_register_pass(name, new km_facts_pass(g), "final");
}
