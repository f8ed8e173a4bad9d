/* SPDX-License-Identifier: GPL-2.0 */
/*
 * plugin/gcc/ - the GCC plugin: compiler glue only, over lib/. kmetrics.c
 * (arguments, callbacks, which functions are kept), sidecar.c (which object,
 * writing its files), diag.c (warnings), probe.c (kbuild's probes),
 * facts.c (what code generation made), embed.c (records in the object),
 * walk*.c (the tree walk), logic.c (the && and || as written),
 * gcc-compat.h (what differs between GCC versions).
 *
 * kmetrics.h - what the plugin's GCC glue (kmetrics.c) and its tree walk
 * (walk.c) share. Everything else the plugin does lives in lib/, in plain
 * C that the unit tests link without GCC.
 */
#ifndef KM_PLUGIN_H
#define KM_PLUGIN_H

#include "gcc-plugin.h"
#include "plugin-version.h"
#include "gcc-compat.h"
#include "tree.h"
#include "tree-iterator.h"
#include "stringpool.h"
#include "c-family/c-common.h"
#include "cgraph.h"
#include "diagnostic-core.h"
#include "toplev.h"
#include "input.h"
#include "real.h"
#include "hash-set.h"

#include "record/km_record.h"
#include "record/km_halstead.h"
#include "graph/km_graph.h"
#include "companion/km_companion.h"
#include "io/km_io.h"

/* One call or address-reference edge out of a function body. */
struct km_edge {
	tree callee;		/* FUNCTION_DECL, a key only: never read at FINISH_UNIT */
	const char *name;	/* its identifier (GCC never collects identifiers) */
	char kind;		/* 'c' call, 'a' address taken */
	char linkage;		/* 'G' or 'S', as declared when the call was seen */
};

/* What the tree walk learns of one function; the graph fills C5-C7 later. */
struct km_fn {
	tree decl;
	struct km_record rec;
	const char *file;
	long first_line, last_line;
	bool main_file;		/* defined in the TU's main source file */
	bool kept;		/* still in the call graph when IPA starts */
	char linkage;		/* 'S', 'G' or 'W' when IPA starts (target_clones
				 * makes a global local later) */
	struct km_edge *edges;
	size_t nedges, edges_cap;
	uint32_t node;		/* its node in the TU graph */
	/* measured with the body for the extended dataset (the companion's, never
	 * the record's); -1 where not measured */
	long nloc;		/* lines of first..last_line holding code */
	long macro_decisions;	/* decisions of C2 whose token a macro expanded */
	long cognitive;		/* Cognitive Complexity */
	unsigned long hal_n1, hal_n2, hal_N1, hal_N2;	/* the parts of C3 */
};

/*
 * diag.c: a problem inside kmetrics: a warning, or an error once
 * km_problem_strict(true) (the strict argument); @fmt takes two strings.
 */
void km_problem(const char *fmt, const char *a, const char *b);
void km_problem_strict(bool on);

/* The plugin's arguments (args.c). */
struct km_args {
	const char *outdir;	/* outdir=DIR, else NULL */
	const char *trace;	/* trace=FUNCTION: where its decisions are, else NULL */
	bool debug, embed;
};
/* Reads them all (strict goes to km_problem_strict); false when disabled. */
bool km_parse_args(struct plugin_name_args *info, struct km_args *args);
/* @s with each TAB and LF written as \t and \n, for a one-line message (XNEWVEC). */
char *km_escaped(const char *s);

/* sidecar.c: the object this compile writes, and its sidecar and companion. */
char *km_object_path(void);
void km_write_outputs(const char *outdir, const char *records, size_t rlen,
		      const char *graph, size_t glen, const char *object);

struct km_logic;

/*
 * walk.c: C1-C3 and C8-C10 of @fndecl's body, its edges and its extended
 * measures, into @fn; @lg knows the function's tokens (logic.h).
 */
bool km_measure_function(tree fndecl, struct km_fn *fn, struct km_logic *lg, bool trace);
void km_fn_release(struct km_fn *fn);

/* probe.c: a compile of /dev/null (kbuild's option probes): write nothing. */
bool km_probe_compile(void);

/*
 * facts.c: what code generation made of each function (the companion's C
 * lines), learnt by two passes it registers, and the object's provenance.
 * @release is room for the kernel release read by km_facts_provenance.
 */
void km_facts_register(const char *name, struct plugin_gcc_version *version);
void km_facts_fill(tree decl, struct km_cfunc *cf);
void km_facts_provenance(struct km_companion *c, char *release, size_t len);
void km_facts_reset(void);

/*
 * embed.c: put the records and the companion into the object itself
 * (-fplugin-arg-kmetrics-embed), for ccache and distributed builds.
 * Returns false with a reason in @err when it cannot.
 */
bool km_embed(const char *records, size_t rlen, const char *graph, size_t glen,
	      char *err, size_t errlen);

#endif /* KM_PLUGIN_H */
