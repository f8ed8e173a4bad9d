// SPDX-License-Identifier: GPL-2.0
/*
 * walk_count.c - what the body walk (walk.h) counts as it goes: Halstead's
 * operators and operands, decisions (C2) with their cognitive increments,
 * and trace=NAME's lines.
 */
#include "walk.h"

void walk_operator(struct walk *w, unsigned kind)
{
	if (!w->edges_only)
		km_halstead_operator(&w->n.hal, kind);
}

void walk_operand_decl(struct walk *w, tree decl)
{
	if (!w->edges_only)
		km_halstead_operand(&w->n.hal, (uint64_t)(uintptr_t)decl);
}

void walk_operand_const(struct walk *w, tree t)
{
	uint64_t key;

	if (w->edges_only)
		return;
	switch (TREE_CODE(t)) {
	case INTEGER_CST: {
		HOST_WIDE_INT elts[WIDE_INT_MAX_ELTS];
		int i, n = TREE_INT_CST_NUNITS(t);

		for (i = 0; i < n && i < WIDE_INT_MAX_ELTS; i++)
			elts[i] = TREE_INT_CST_ELT(t, i);
		key = km_hash_bytes(1, elts, sizeof(elts[0]) * i);
		break;
	}
	case REAL_CST: {
		char buf[64];

		real_to_decimal(buf, TREE_REAL_CST_PTR(t), sizeof(buf), 0, 1);
		key = km_hash_bytes(2, buf, strlen(buf));
		break;
	}
	case STRING_CST:
		key = km_hash_bytes(3, TREE_STRING_POINTER(t), TREE_STRING_LENGTH(t));
		break;
	default:
		key = km_hash_bytes(4, &t, sizeof(t));	/* vector, complex: by identity */
		break;
	}
	km_halstead_operand(&w->n.hal, key);
}

/* ---- decisions and cognitive increments ---- */

void walk_cognitive(struct walk *w, unsigned kind)
{
	if (!w->edges_only)	/* a header's function has no measures */
		w->n.cognitive += 1 + (kind == KIND_ELSE ? 0 : w->cog_nest);
}

void walk_trace(struct walk *w, const char *what, location_t loc)
{
	expanded_location x;

	if (!w->trace)
		return;
	x = expand_location(linemap_resolve_location(line_table, loc, LRK_SPELLING_LOCATION, NULL));
	if (!x.file && w->trace_line)	/* read by a census: its line */
		fprintf(stderr, "kmetrics: trace: %s: %s at line %ld, read (C2 %ld)\n",
			IDENTIFIER_POINTER(DECL_NAME(w->fndecl)), what, w->trace_line,
			1 + w->n.decisions);
	else
		fprintf(stderr, "kmetrics: trace: %s: %s at %s:%d:%d (C2 %ld)\n",
			IDENTIFIER_POINTER(DECL_NAME(w->fndecl)), what, x.file ? x.file : "?",
			x.line, x.column, 1 + w->n.decisions);
}

void walk_decision(struct walk *w, location_t loc, unsigned cog_kind)
{
	w->n.decisions++;
	walk_trace(w, cog_kind == KIND_TERNARY ? "?:" : "decision", loc);
	if (loc != UNKNOWN_LOCATION && km_logic_reads_text(w->lg) && km_logic_from_macro(loc))
		w->n.macro_decisions++;
	if (cog_kind)
		walk_cognitive(w, cog_kind);
}
