/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lib/unit/ - what a compiler plugin makes of one translation unit,
 * whichever compiler measured it (GCC's plugin/gcc/, Clang's
 * plugin/clang/): the TU's call graph, C5-C7 and C11, the sidecar's
 * records and the companion's text (unit.c, km_unit.h), and putting them
 * beside the object, under outdir, or into the object (outputs.c,
 * km_outputs.h).
 *
 * km_unit.h - one TU's functions as a plugin measured them, and the two
 * texts made of them. A plugin fills a struct km_unit_fn per function
 * with a body (its walk: C1-C3, C8-C10, the edges and the M line's
 * measures; which functions the object keeps; compiler facts where it has
 * them) and calls km_unit_texts at the end of the unit.
 * Plain C, compiles as C11 and as C++.
 */
#ifndef KM_UNIT_H
#define KM_UNIT_H

#include <stddef.h>
#include <stdint.h>

#include "record/km_record.h"
#include "record/km_halstead.h"
#include "companion/km_companion.h"
#include "io/km_io.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One call or address-reference edge out of a body. */
struct km_unit_edge {
	const void *callee;	/* the compiler's identity of the callee: a key, never read */
	const char *name;	/* the callee's name */
	char kind;		/* 'c' call, 'a' address taken */
	char linkage;		/* 'G' or 'S', as declared */
	int dead;		/* only in code the compiler drops (the plugin's own use) */
};

/* One function with a body in the TU. */
struct km_unit_fn {
	const void *key;	/* the compiler's identity of the function: a key, never read */
	struct km_record rec;	/* the walk's C1-C3, C8-C10; km_unit_texts fills the rest */
	const char *file;	/* where it is defined */
	long first_line, last_line;
	int main_file;		/* defined in the TU's main source file: it gets a record */
	int kept;		/* the object keeps it (reachable from its roots): a node */
	char linkage;		/* 'S', 'G' or 'W' */
	struct km_cmeasures m;	/* the companion's M line (-1: not measured) */
	int has_facts;		/* a C line: what code generation made of it */
	struct km_cfacts facts;
	struct km_unit_edge *edges;
	size_t nedges, edges_cap;
	uint32_t node;		/* its node in the TU graph (km_unit_texts) */
};

/*
 * Adds the edge to @callee of @kind to @fn unless @fn has it already;
 * returns the edge (new or old), or NULL when out of memory.
 */
struct km_unit_edge *km_unit_add_edge(struct km_unit_fn *fn, const void *callee,
				      const char *name, char kind, char linkage);
void km_unit_fn_release(struct km_unit_fn *fn);

/* What a plugin's walk of one body counts, whichever compiler's tree it walks. */
struct km_unit_walk {
	struct km_halstead hal;
	long decisions, max_depth, locals, self_calls;
	long macro_decisions, cognitive;
};

/*
 * @fn's C1 (@params), C2, C3, C8-C10 and the companion's M line (n1, n2,
 * N1, N2, macro decisions, cognitive with +1 for recursion) from @n,
 * whose Halstead counts it frees. Returns 0, or -1 when they ran out of
 * memory.
 */
int km_unit_measured(struct km_unit_fn *fn, int params, struct km_unit_walk *n);

/* The TU: its functions in source order, and the companion's provenance. */
struct km_unit {
	struct km_unit_fn **fns;
	size_t nfns;
	const char *object, *source, *cwd;
	const char *compiler, *target;	/* the companion's gcc and target lines */
	int debug;			/* each record to stderr as it is written */
	/* a record that cannot be written: @name stays a node without one */
	void (*unwritten)(void *arg, const char *name);
	void *arg;
};

/*
 * The TU call graph of the kept functions, C5-C7 and C11 of each, the
 * records of the main file's kept functions in @records (source order),
 * and the companion's text in *@graph (malloc'ed, *@glen bytes), with the
 * kernel line when the compile runs at the top of a kernel tree. Returns
 * 0, or -1 when out of memory (nothing to free then but @records).
 */
int km_unit_texts(struct km_unit *u, struct km_buf *records, char **graph, size_t *glen);

/*
 * Whether the companion's TAB-separated lines can hold @u's names: 0, or
 * -1 with "OBJECT: no sidecar written: ... holds a tab or newline, ..." in
 * @msg (the object's name with \t and \n written out).
 */
int km_unit_check(const struct km_unit *u, char *msg, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* KM_UNIT_H */
