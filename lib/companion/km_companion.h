/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lib/companion/ - what an object carries beside its records; the plugin
 * writes it, the tools read it:
 *   km_companion.h         the companion file (foo.o.kmetrics.graph): its
 *                          parser (companion.c), writer (companion_write.c),
 *                          and compaction for tools that keep many
 *                          (companion_compact.c)
 *   km_companion_fields.h  what one field may hold, shared by those two
 *   km_elfembed.h          records and companion embedded in objects and
 *                          archives, and read back (elfembed.c)
 *
 * km_companion.h - the companion data of one object: what the merge tool
 * needs beyond the records (source locations, linkage, call edges).
 *
 * Text, one item per line, fields separated by TAB, LF line ends. Version 2
 * (what the plugin writes; the parser also reads version 1, which has
 * neither the provenance lines nor M and C lines):
 *
 *   kmetrics-graph 2
 *   object	<object path as the compiler was given it>
 *   source	<main source file as the compiler was given it>
 *   cwd	<the compiler's working directory>
 *   gcc	<GCC's version, 12.2.0>			(version 2)
 *   target	<GCC's target triple, x86_64-linux-gnu>	(version 2)
 *   plugin	<the kmetrics plugin's version>		(version 2)
 *   kernel	<release>	<.config hash>	(version 2, optional: in a kernel tree)
 *   records	<count>	<hash>		(optional; the plugin always writes it)
 *   F	<idx>	<name>	<S|G|W>	<file>	<first_line>	<last_line>	<rec|->
 *   M	<idx>	<nloc>	<macro_decisions>	<cognitive>	<n1>	<n2>	<N1>	<N2>
 *   C	<idx>	<frame_bytes>	<inlined>	<section>	<cfg_blocks>	<cfg_cyclomatic>
 *   E	<from>	<c|a>	<to_idx>
 *   X	<from>	<c|a>	<S|G>	<name>
 *   end
 *
 * F: one function with a body in the TU (a node of the TU call graph),
 *    idx counting from 0 in order; S = static (private to the object),
 *    G = global, W = weak global (a G definition elsewhere overrides it); rec = the 0-based index of its record in the sidecar, or
 *    '-' for a node without a record (a header static inline).
 * M: (version 2, optional, right after its F) what the tree walk measured
 *    beside the record: lines of the span holding code, decisions of C2
 *    that macro expansions wrote, Cognitive Complexity, and the Halstead
 *    parts of C3. '-' where the walk did not measure.
 * C: (version 2, optional, after its F and M) what code generation made of
 *    the function, learnt after the record was measured: the largest
 *    -fstack-usage frame of its emitted bodies (own and clones: foo.isra.0,
 *    foo.constprop.1, foo.part.0), 1 when no body was emitted at all (all
 *    inlined) else 0, the section of the own-name body, and the basic
 *    blocks and E - N + 2 of the own-name body's CFG at the end of the
 *    GIMPLE pipeline. '-' where there is no such body. No C line when the
 *    compile made no code (-flto without -ffat-lto-objects).
 * kernel: include/config/kernel.release of the tree compiled in, and
 *    km_companion_records_hash of its .config (16 hex digits).
 * E: an edge between two F nodes: c = direct call, a = address taken.
 * X: an edge to a function without a body in the TU, by name and linkage.
 * Self edges are never written (C8 holds them). Each edge appears once.
 * records: how many records the sidecar written with this companion holds
 *    and km_companion_records_hash of its bytes (16 hex digits), so that a
 *    reader can tell a sidecar and a companion of two different compiles
 *    apart (two builds writing the same object at once, or one killed
 *    between the two renames).
 * "end" closes a complete file; a file without it is truncated.
 * Plain C, compiles as C11 and as C++.
 */
#ifndef KM_COMPANION_H
#define KM_COMPANION_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KM_COMPANION_MAGIC	"kmetrics-graph"	/* then " VERSION" */
#define KM_COMPANION_VERSION	2		/* what the writer prints by default */
/* The project's version: the companion's plugin line, kmetrics-merge's sqlite meta. */
#define KM_VERSION		"0.1"
#define KM_COMPANION_SUFFIX	".graph"	/* foo.o.kmetrics -> foo.o.kmetrics.graph */

/* The M line: the tree walk's measures beside the record; -1: not measured. */
struct km_cmeasures {
	long nloc, macro_decisions, cognitive;
	long hal_n1, hal_n2, hal_N1, hal_N2;
};

/* The C line: what code generation made of the function. */
struct km_cfacts {
	long frame_bytes;	/* largest -fstack-usage frame of own body and clones; -1 none */
	int inlined;		/* 1: no out-of-line body (own or clone) was emitted */
	const char *section;	/* section of the own-name body; NULL: none emitted */
	long cfg_blocks;	/* basic blocks of the own-name body's optimised CFG; -1 none */
	long cfg_cyclomatic;	/* E - N + 2 of that CFG (ENTRY and EXIT counted); -1 none */
};

struct km_cfunc {
	const char *name;
	char linkage;		/* 'S', 'G' or 'W' (weak) */
	const char *file;
	long first_line, last_line;
	long rec;		/* record index in the sidecar, -1 for none */
	int has_measures;	/* an M line (version 2) */
	int has_facts;		/* a C line (version 2) */
	struct km_cmeasures m;
	struct km_cfacts x;
};

struct km_cedge {
	uint32_t from;		/* index into funcs */
	char kind;		/* 'c' call, 'a' address reference */
	int32_t to;		/* index into funcs, or -1 for an external callee (24 bytes an edge) */
	char ext_linkage;	/* when to == -1: 'S' or 'G' */
	const char *ext_name;	/* when to == -1 */
};

struct km_companion {
	int version;		/* 1 or 2; 0 writes KM_COMPANION_VERSION */
	const char *object, *source, *cwd;
	const char *gcc, *target, *plugin;	/* version 2 provenance; NULL prints "" */
	int has_kernel;		/* the kernel line (version 2) */
	const char *kernel_release;
	uint64_t config_hash;
	int has_records;	/* the records line is present */
	unsigned long nrecords;
	uint64_t records_hash;
	size_t nfuncs, nedges;
	struct km_cfunc *funcs;
	struct km_cedge *edges;
	char *arena;		/* owned by km_companion_parse's result */
};

/*
 * The text of @c, malloc'ed, NUL-terminated, its length in *@len: in
 * version 1 when @c->version is 1, else in version 2. Returns NULL when out
 * of memory, when a string holds a TAB or LF, or when @c holds what its
 * version cannot say (what the parser would not read back).
 */
char *km_companion_format(const struct km_companion *c, size_t *len);

/*
 * Parse @len bytes of @data. Returns 0 and fills @c (free it with
 * km_companion_free), or -1 with "LINE: reason" in @err.
 */
int km_companion_parse(const char *data, size_t len, struct km_companion *c,
		       char *err, size_t errlen);

void km_companion_free(struct km_companion *c);

/*
 * Move a parsed @c into an arena of the exact size that holds each
 * distinct string once (companion_compact.c: tools only, not the plugin).
 * Returns 0, or -1 when out of memory, @c then freed.
 */
int km_companion_compact(struct km_companion *c);

/* FNV-1a 64 of a sidecar's bytes (the records line), or of a .config. */
uint64_t km_companion_records_hash(const char *records, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* KM_COMPANION_H */
