/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gen.h - what the parts of gencode, the random C function generator of
 * tests/gen, share.
 *
 * The generator knows what each function measures because it wrote it:
 * every construct, as it is written, adds what SPEC.md and the header of
 * plugin/gcc/walk.c say it measures to the counts of the code it sits in
 * (struct counts). Code that a constant condition makes unreachable is
 * written with a scratch set of counts, which are thrown away. The parts:
 *
 *   genbuf.c   growing strings, the random stream, the counting rules
 *   gencond.c  conditions: every && and || a real decision
 *   genstmt.c  statements: if/else chains, loops, switch, goto, locals
 *   gencode.c  the file, the functions, the expected file (main)
 */
#ifndef KM_GEN_H
#define KM_GEN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct buf {
	char *p;
	size_t len, cap;
};

void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_cat(struct buf *b, const struct buf *src);
void buf_replace(struct buf *b, const char *from, const char *to);
const char *buf_str(const struct buf *b);
void buf_free(struct buf *b);

/* splitmix64: the same stream on every host for a seed */
uint64_t rng_next(uint64_t *s);
int rng_below(uint64_t *s, int n);	/* 0..n-1 */
int rng_pct(uint64_t *s, int pct);	/* true pct times in a hundred */

/* What a piece of code measures, summed as it is written. */
struct counts {
	long c2;		/* decisions (C2 is 1 + these) */
	long c8;		/* direct self-call sites */
	long c9;		/* named locals */
	long depth;		/* deepest body (C10 is 1 + this) */
	long cog;		/* cognitive increments, recursion aside */
};

/* An expression as written: its text and its && and || in expansion order. */
struct expr {
	struct buf text;
	struct buf ops;		/* one '&' or '|' per operator */
};

void expr_free(struct expr *e);

#define GEN_MAX_W 256		/* fresh variables of one function */

struct gen {
	uint64_t rng;
	struct counts fn;	/* the function being written */
	struct counts scratch;	/* unreachable code */
	struct counts *acc;	/* where counts go now */
	int depth;		/* C10: control structures around the current statement */
	int nest;		/* cognitive nesting of the current statement or operand */
	int indent;
	int budget;		/* statements and leaves still to write */
	int in_loop, in_switch;
	int used_goto;
	/* the function */
	int index, is_void, variadic;
	char name[32];
	struct buf pre;		/* globals and macros it needs, written before it */
	int use_s, use_a, use_b, use_bm, extra_params;
	unsigned char wparam[GEN_MAX_W];	/* w<N>: a parameter (1) or not used */
	int nw;
	int nlocal, nmacro;
	uint32_t bits_a, bits_b, fields;	/* bits and 1-bit fields used */
	uint8_t mfields;	/* 3-bit fields used */
	uint32_t bm_bits[4];	/* bits of bm[0] and bm[1] used, by halves */
	/* file-wide */
	int nglobal;
};

/* The self-call arguments, filled in once the parameters are known. */
#define GEN_ARGS "@ARGS@"

/* genbuf.c: the counting rules */
long gen_runs(const struct buf *ops);
void gen_count_full(struct gen *g, const struct expr *e);
void gen_count_nested(struct gen *g);	/* if, ?:, switch, loop: +1 + nesting */
void gen_count_flat(struct gen *g);	/* else if, else, goto: +1 */
void gen_note_body(struct gen *g);	/* a body one level deeper */
int gen_fresh_bit(struct gen *g, uint32_t *used, int n);

/* gencond.c */
void gen_cond(struct gen *g, struct expr *e, int size, int bare);
void gen_fresh_var(struct gen *g, struct buf *name);
void gen_value(struct gen *g, struct buf *t);	/* a value: no operator, no decision */
void gen_warn(struct gen *g, struct expr *e);	/* WARN_ON (C) or WARN_ON_ONCE (C) */

/* genstmt.c */
void gen_block(struct gen *g, struct buf *o, int n, int lone_if_ok);
void gen_tail(struct gen *g, struct buf *o);	/* label and last return */
void gen_line(struct gen *g, struct buf *o, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* KM_GEN_H */
