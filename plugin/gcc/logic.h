/* SPDX-License-Identifier: GPL-2.0 */
/*
 * logic.h - finding the && and || a function was written with, whatever
 * GCC's folding made of them (logic.c). walk.c asks; the answers are
 * token locations, each counted once per function.
 */
#ifndef KM_LOGIC_H
#define KM_LOGIC_H

#include "kmetrics.h"
#include "compile/km_src.h"

/* What km_logic_token answers beyond enum km_tok: the text is not there. */
#define KM_TOK_UNREADABLE	((enum km_tok)-1)

struct km_logic_tok {
	uint64_t key;		/* km_logic_key of the token */
	enum km_tok kind;	/* KM_TOK_ANDAND or KM_TOK_OROR */
	bool macro;		/* written in a macro definition */
};

struct km_logic;

/*
 * One function's view: @first_map is the number of macro maps there were
 * when its body began (every later one expanded a macro inside it). With
 * @src NULL no token is read: every question says KM_TOK_UNREADABLE.
 */
struct km_logic *km_logic_new(struct km_src_cache *src, unsigned first_map);
void km_logic_free(struct km_logic *lg);
/* Whether tokens are read at all (not for a header's functions: no record). */
bool km_logic_reads_text(const struct km_logic *lg);

/* The token at @loc (its spelling point), or KM_TOK_UNREADABLE. */
enum km_tok km_logic_token(struct km_logic *lg, location_t loc);

/*
 * A token's identity within the function: its virtual location, or the
 * file, line and column of a plain one.
 */
uint64_t km_logic_key(location_t loc);

/* Marks the token @key counted; true when it was not yet. */
bool km_logic_claim(struct km_logic *lg, uint64_t key);

/*
 * The && and || tokens from @from to @to (a source range: both ends
 * included) in source order, into @out (cleared first); with @descend
 * also those of the macros expanded in it (else only the tokens of the
 * range's own level: its text, or its one expansion). Returns false when
 * the range cannot be read (unknown ends, no text, ends in two files).
 */
bool km_logic_census(struct km_logic *lg, location_t from, location_t to, bool descend,
		     vec<km_logic_tok> *out);
/* The same, from just after the token that ends at @from when @after. */
bool km_logic_census_from(struct km_logic *lg, location_t from, bool after, location_t to,
			  bool descend, vec<km_logic_tok> *out);

/*
 * The same, without descending, for a call whose name is at @callee: from
 * its name to the ')' that closes its arguments (a fold that rebuilt what
 * the call held keeps only the call's location).
 */
bool km_logic_census_call(struct km_logic *lg, location_t callee, vec<km_logic_tok> *out);

/*
 * Where @a was written against @b: -1 before, 1 after, 0 the same place
 * or not known (two files, or one token holding the other's expansion).
 */
int km_logic_order(location_t a, location_t b);

/*
 * Whether the token at @loc was written in a macro's definition (not in
 * the function's own text, nor in a macro argument written there).
 */
bool km_logic_from_macro(location_t loc);

/*
 * Whether a conversion at @loc was written as a cast: 1 when @loc is a
 * '(' whose range goes past its ')' ("(long)x"; a parenthesised "(x)"
 * converted implicitly ends at its ')'), 0 when not (an implicit
 * conversion sits at its operand's location, a fold's has none), -1 when
 * the text cannot be read.
 */
int km_logic_cast(struct km_logic *lg, location_t loc);

#endif /* KM_LOGIC_H */
