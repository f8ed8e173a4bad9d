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
	long line;		/* the line it is spelled at (for trace=), or 0 */
};

struct km_logic;

/*
 * One function's view: @first_map is the number of macro maps there were
 * when its body began (every later one expanded a macro inside it). With
 * @src NULL no token is read: every question says KM_TOK_UNREADABLE.
 */
struct km_logic *km_logic_new(struct km_src_cache *src, unsigned first_map);
void km_logic_free(struct km_logic *lg);
/*
 * The first location in @t's subtree, top down, other than @skip (where
 * a fold put what it rebuilt).
 */
location_t km_logic_first_location(tree t, location_t skip);
/* The function body the tokens are of (a census asks which ?: it still has). */
/* Whether @cond is constant, as the walk decides it (walk_const). */
typedef bool (*km_logic_const_fn)(void *ctx, tree cond);
void km_logic_set_body(struct km_logic *lg, tree body, bool trace, km_logic_const_fn constant,
		       void *ctx);
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
 * included, read through every macro expanded in it) that are the
 * range's own operators (km_skel_filter), in source order, into @out
 * (cleared first). Returns false when the range cannot be read (unknown
 * ends, no text, ends in two files).
 */
bool km_logic_census(struct km_logic *lg, location_t from, location_t to,
		     vec<km_logic_tok> *out);
/*
 * The '?' of the ?: written from @from to @to (as above, but a ?: in a ?:
 * counts too; not c ? 1 : 0): what a MIN_EXPR or MAX_EXPR GCC folded
 * from one, or from min3()'s nested and repeated ones, stands for.
 */
bool km_logic_queries(struct km_logic *lg, location_t from, location_t to,
		      vec<km_logic_tok> *out);
/*
 * The same, from just after the token that ends at @from when @after;
 * with @strict (implied by @after) only what lies between the two places,
 * not the macro expansions they sit in (a gap between operands).
 */
bool km_logic_census_from(struct km_logic *lg, location_t from, bool after, location_t to,
			  bool strict, vec<km_logic_tok> *out);

/*
 * The same for a call whose name is at @callee: from
 * its name to the ')' that closes its arguments (a fold that rebuilt what
 * the call held keeps only the call's location).
 */
bool km_logic_census_call(struct km_logic *lg, location_t callee, vec<km_logic_tok> *out);

/*
 * The same for a ?:'s condition, from @from to just before its '?' at
 * @query (or before the '?' of c ? 1 : 0 when @query is its ':').
 */
bool km_logic_census_condition(struct km_logic *lg, location_t from, location_t query,
				vec<km_logic_tok> *out);
/* The value of that condition as written: 0, 1, or -1 when the text does not show it. */
int km_logic_condition_value(struct km_logic *lg, location_t from, location_t query);
/*
 * The same for the condition ( ... ) whose '(' is at @paren (an if's
 * location). With @truth 0 or 1, the constant GCC folded it to: its && and
 * || whose own value is not constant (an operand without side effects GCC
 * dropped: A in if (A || 1)), when the text shows the same constant; none
 * when it does not (a sizeof of an expression, an enumerator). With
 * @truth -1 (not folded), all it owns.
 */
bool km_logic_census_cond(struct km_logic *lg, location_t paren, int truth,
			  vec<km_logic_tok> *out);

/*
 * The ?: whose condition ends just before @from (at @from itself unless
 * @after): 1 when a '?' comes there (past any ')' closing the condition),
 * its key into *@key and into *@truth whether it is c ? 1 : 0 or
 * c ? 0 : 1; 0 when another token comes there (no ?: was written: a fold
 * made it, of arithmetic on a truth value); -1 when the text cannot be
 * read. @bound: a location the ?: ends at or before (what is read).
 */
int km_logic_query(struct km_logic *lg, location_t from, bool after, location_t bound,
		   uint64_t *key, bool *truth);

/* Whether @loc is the ':' of c ? 1 : 0 or c ? 0 : 1 (no decision: a truth value). */
bool km_logic_truth_colon(struct km_logic *lg, location_t loc);

/*
 * Where @a was written against @b: -1 before, 1 after, 0 the same place
 * or not known (two files, or one token holding the other's expansion).
 */
int km_logic_order(location_t a, location_t b);

/* 1 when the token at @loc is the identifier or keyword @word, 0 when not, -1 unknown. */
int km_logic_is_word(struct km_logic *lg, location_t loc, const char *word);

/*
 * Whether the token written before the one at @loc is the keyword else:
 * 1, 0, or -1 when that cannot be read (an if right after else is an
 * else-if; after the '{' of else { ... }, an if inside an else).
 */
int km_logic_after_else(struct km_logic *lg, location_t loc);

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
