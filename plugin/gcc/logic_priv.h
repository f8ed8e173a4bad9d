/* SPDX-License-Identifier: GPL-2.0 */
/*
 * logic_priv.h - what logic.c (tokens by location), census.c (the && and
 * || of a source range) and query.c (its ?:, casts and c ? 1 : 0) share:
 * one function's state and the lookups they make. Nothing outside those
 * three files includes it.
 */
#ifndef KM_LOGIC_PRIV_H
#define KM_LOGIC_PRIV_H

#include "logic.h"
#include "textmap.h"

#include "cpplib.h"

typedef hash_set<int_hash<uint64_t, 0, 1> > key_set;
typedef hash_map<int_hash<uint64_t, 0, 1>, unsigned> key_map;

/* A token of a census's stretch, as km_skel_filter sees it. */
struct logic_stok {
	uint64_t key;
	uint64_t pos;		/* where it stands in its scope (logic_scope) */
	enum km_tok kind;
	enum km_ident cls;
	bool macro;
	location_t loc;		/* a macro's token: where it is spelled, or 0 */
	const char *text;	/* a token read in plain text: its bytes to the line's end */
	unsigned len;
};

/*
 * What a census read: the text of one file from position lo to hi (map
 * NULL; a position is line << 24 | column), or tokens lo..hi of one macro
 * expansion; and the tokens it read, each at its position in the scope (a
 * token of a macro expanded in the text stands at the macro's name). A
 * census inside one of the last ones slices their tokens instead of
 * reading: the walk goes top down, so a condition's outermost node is read
 * once, which keeps long chains of && and || linear.
 */
struct logic_scope {
	const line_map_macro *map;
	const char *file;
	uint64_t lo, hi;
	vec<logic_stok> toks;
};

#define LOGIC_SCOPES 4
#define LOGIC_MAX_DEPTH 128	/* macro expansions inside each other */
#define LOGIC_LOOK_BACK 512	/* tokens read back for a macro's invocation */

struct km_logic {
	struct km_src_cache *src;
	unsigned first_map;
	struct logic_scope scopes[LOGIC_SCOPES];	/* the last ones read */
	unsigned nscopes;
	key_set *counted;		/* tokens claimed, on first use */
	key_map *expansions;		/* expansion point key -> macro map, on first use */
	vec<logic_stok> toks;		/* the census being taken: its stretch */
	uint64_t pos;			/* the position of the tokens being read */
	tree body;			/* the function's, for live_colons */
	bool trace;			/* trace=NAME: each census on stderr */
	km_logic_const_fn constant;	/* which conditions the walk takes as constant */
	void *constant_ctx;
	struct km_cexpr_env env;	/* answer.c: how a census's tokens are spelled, on first use */
	key_set *live_colons;		/* the ':' a ?: of the tree sits at, on first use */
};

/* The macro expansions a location sits in, outermost first (logic_chain). */
struct logic_ctx {
	const line_map_macro *map;
	unsigned idx;
};

/* logic.c */
bool logic_virtual(location_t loc);
/* Where @m's macro was expanded, as a plain location (no range). */
location_t logic_expansion_point(const line_map_macro *m);
/* The key of a plain token at @file:@line:@col (km_logic_key's for text). */
uint64_t logic_text_key(const char *file, long line, long col);
/* Where the ordinary location @loc's text physically is (textmap.h). */
bool logic_text_pos(location_t loc, expanded_location *x);
/* The spelling point of @loc: its file's text, line and column; KM_TOK_OTHER when there. */
enum km_tok logic_spelling(struct km_logic *lg, location_t loc, const struct km_src_file **f,
			   expanded_location *x);
/* The macro map expanded at the token @key in this function, or NULL. */
const line_map_macro *logic_expanded_at(struct km_logic *lg, uint64_t key);
/* Whether token @i of expansion @m is the preprocessor's padding. */
bool logic_padding(struct km_logic *lg, const line_map_macro *m, unsigned i);
/*
 * A walk back over the tokens before a location, through the macro
 * expansions they sit in and the invocations in the text before them:
 * start with got 1 and loc; each logic_back() moves one token back and
 * says where it is: 1 at @loc, 2 in plain text at (@line, @col) of @f
 * (@file), 0 at none.
 */
struct logic_back {
	int got;
	location_t loc;
	const char *file;
	const struct km_src_file *f;
	long line, col;
};
int logic_back(struct km_logic *lg, struct logic_back *b);
/*
 * census.c: the tokens from @from to @to into lg->toks; false when they
 * cannot be read (@after: from past @from's token; @strict: not the
 * expansions the two ends sit in).
 */
bool logic_read(struct km_logic *lg, location_t from, bool after, location_t to, bool strict);
/* census.c: the tokens after @from's into lg->toks, at least @n when the next lines hold them. */
bool logic_read_after(struct km_logic *lg, location_t from, unsigned n);
/* answer.c: the && and || of lg->toks the stretch owns (@want KM_TOK_ANDAND), or its ?: (KM_TOK_QUERY). */
void logic_answer(struct km_logic *lg, vec<km_logic_tok> *out, enum km_tok want);
/* census.c: the tokens from the name at @callee (its '(' with @paren) to the ')' closing its arguments. */
bool logic_read_call(struct km_logic *lg, location_t callee, bool paren);
/* census.c: the kind of the token after @loc's, KM_TOK_NONE when unknown. */
enum km_tok logic_kind_after(struct km_logic *lg, location_t loc);
/* Past the arguments of a function-like macro expanded at token @i - 1 of @m. */
unsigned logic_skip_args(struct km_logic *lg, const line_map_macro *m, unsigned i);
/* The first node in @t's subtree, top down, located elsewhere than @skip. */
tree logic_first_located(tree t, location_t skip);
/* The expansions @loc sits in, outermost first, into @chain; -1 too deep. */
int logic_chain(location_t loc, struct logic_ctx *chain, location_t *outer);

#endif /* KM_LOGIC_PRIV_H */
