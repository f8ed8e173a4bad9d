/* SPDX-License-Identifier: GPL-2.0 */
/*
 * km_companion.h - the companion data of one object: what the merge tool
 * needs beyond the records (source locations, linkage, call edges).
 *
 * Text, one item per line, fields separated by TAB, LF line ends:
 *
 *   kmetrics-graph 1
 *   object	<object path as the compiler was given it>
 *   source	<main source file as the compiler was given it>
 *   cwd	<the compiler's working directory>
 *   records	<count>	<hash>		(optional; the plugin always writes it)
 *   F	<idx>	<name>	<S|G|W>	<file>	<first_line>	<last_line>	<rec|->
 *   E	<from>	<c|a>	<to_idx>
 *   X	<from>	<c|a>	<S|G>	<name>
 *   end
 *
 * F: one function with a body in the TU (a node of the TU call graph),
 *    idx counting from 0 in order; S = static (private to the object),
 *    G = global, W = weak global (a G definition elsewhere overrides it); rec = the 0-based index of its record in the sidecar, or
 *    '-' for a node without a record (a header static inline).
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

#define KM_COMPANION_MAGIC	"kmetrics-graph 1"
#define KM_COMPANION_SUFFIX	".graph"	/* foo.o.kmetrics -> foo.o.kmetrics.graph */

struct km_cfunc {
	const char *name;
	char linkage;		/* 'S', 'G' or 'W' (weak) */
	const char *file;
	long first_line, last_line;
	long rec;		/* record index in the sidecar, -1 for none */
};

struct km_cedge {
	uint32_t from;		/* index into funcs */
	char kind;		/* 'c' call, 'a' address reference */
	long to;		/* index into funcs, or -1 for an external callee */
	char ext_linkage;	/* when to == -1: 'S' or 'G' */
	const char *ext_name;	/* when to == -1 */
};

struct km_companion {
	const char *object, *source, *cwd;
	int has_records;	/* the records line is present */
	unsigned long nrecords;
	uint64_t records_hash;
	size_t nfuncs, nedges;
	struct km_cfunc *funcs;
	struct km_cedge *edges;
	char *arena;		/* owned by km_companion_parse's result */
};

/*
 * The text of @c, malloc'ed, NUL-terminated, its length in *@len.
 * Returns NULL when out of memory or when a string holds a TAB or LF.
 */
char *km_companion_format(const struct km_companion *c, size_t *len);

/*
 * Parse @len bytes of @data. Returns 0 and fills @c (free it with
 * km_companion_free), or -1 with "LINE: reason" in @err.
 */
int km_companion_parse(const char *data, size_t len, struct km_companion *c,
		       char *err, size_t errlen);

void km_companion_free(struct km_companion *c);

/* FNV-1a 64 of a sidecar's bytes, for the records line. */
uint64_t km_companion_records_hash(const char *records, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* KM_COMPANION_H */
