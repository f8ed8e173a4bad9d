// SPDX-License-Identifier: GPL-2.0
/*
 * logic.c - where the && and || a function was written with went.
 *
 * GCC's C front end folds conditions before any plugin sees them
 * (c_fully_fold, fold-const): x == 1 || x == 2 becomes one range test,
 * two bit tests one masked test, !(a && b) becomes a == 0 || b == 0 built
 * at the '!', and __builtin_expect (a || b, 0) is distributed over its
 * operands with no location at all. What every fold keeps is locations:
 * each token the parser read has its own (a token of a macro expansion a
 * virtual one, unique to that expansion, with -ftrack-macro-expansion,
 * GCC's default), and a folded node keeps the source range of the
 * expression it replaced. So the operators are counted as tokens, not as
 * tree shapes:
 *
 *  - the token at a location is read from the source text (km_src.h: each
 *    file read once; a virtual location is followed to its spelling);
 *  - a census lists the && and || tokens of a source range (census.c);
 *  - each token counts once per function, by a key: its virtual location,
 *    or file, line and column of a plain one.
 *
 * walk.c decides which nodes to ask about; this file only answers.
 * Debug: -fdump-tree-original-lineno shows the folded trees with lines.
 */
#include "logic_priv.h"


struct km_logic *km_logic_new(struct km_src_cache *src, unsigned first_map)
{
	struct km_logic *lg = new km_logic();

	lg->src = src;
	lg->first_map = first_map;
	lg->counted = NULL;
	lg->expansions = NULL;
	return lg;
}

bool km_logic_reads_text(const struct km_logic *lg)
{
	return lg->src != NULL;
}

void km_logic_free(struct km_logic *lg)
{
	if (!lg)
		return;
	unsigned i;

	delete lg->counted;
	delete lg->expansions;
	delete lg->live_colons;
	lg->toks.release();
	for (i = 0; i < LOGIC_SCOPES; i++)
		lg->scopes[i].toks.release();
	delete lg;
}

bool logic_virtual(location_t loc)
{
	return linemap_location_from_macro_expansion_p(line_table, loc);
}

/*
 * Where @m's macro was expanded, without the range GCC may attach there
 * (an ad-hoc location is no offset into a map, and no key).
 */
location_t logic_expansion_point(const line_map_macro *m)
{
	return get_pure_location(MACRO_MAP_EXPANSION_POINT_LOCATION(m));
}

/* A key for a plain token: its file's name, line and column, mixed. */
uint64_t logic_text_key(const char *file, long line, long col)
{
	static const char *last_file;
	static uint64_t last_hash;
	uint64_t h, k;

	if (file != last_file) {
		const unsigned char *p = (const unsigned char *)file;

		for (h = 1469598103934665603ull; *p; p++)
			h = (h ^ *p) * 1099511628211ull;
		last_file = file;
		last_hash = h;
	}
	k = last_hash ^ (((uint64_t)line << 24) + (uint64_t)col) * 0x9e3779b97f4a7c15ull;
	k &= ~((uint64_t)1 << 63);		/* the high bit marks virtual ones */
	return k < 2 ? k + 2 : k;
}

/*
 * Where the ordinary location @loc's text physically is (textmap.h: the
 * .i of a preprocessed input, the file a #line directive sits in): file,
 * line and column into *@x. False when that text is not known (*@x then
 * holds the location as it names itself).
 */
bool logic_text_pos(location_t loc, expanded_location *x)
{
	const char *phys;
	long line;

	*x = expand_location(loc);
	if (!x->file || x->line <= 0 || !km_textmap_locate(loc, x->file, x->line, &phys, &line))
		return false;
	x->file = phys;
	x->line = (int)line;
	return true;
}

/* A plain location's key, kept as logic_spelled keeps its answers. */
#define LOGIC_KEY_CACHE 8192		/* a power of two */
static struct {
	location_t loc;
	uint64_t key;
} logic_key_cache[LOGIC_KEY_CACHE];

uint64_t km_logic_key(location_t loc)
{
	expanded_location x;
	unsigned h;

	loc = get_pure_location(loc);
	if (logic_virtual(loc))
		return ((uint64_t)1 << 63) | loc;
	h = (loc * 2654435761u) >> 19;	/* 13 bits */
	if (loc && logic_key_cache[h].loc == loc)
		return logic_key_cache[h].key;
	logic_text_pos(loc, &x);
	logic_key_cache[h].loc = loc;
	logic_key_cache[h].key = logic_text_key(x.file ? x.file : "", x.line, x.column);
	return logic_key_cache[h].key;
}

bool km_logic_claim(struct km_logic *lg, uint64_t key)
{
	if (!lg->counted)
		lg->counted = new key_set();
	return !lg->counted->add(key);
}

/*
 * Where the token at @loc is spelled. A virtual location resolves through
 * every macro map it sits in (a search of the maps each), and the census
 * asks of the same tokens again and again (each padding check, each
 * token's kind): the answers, which never change in a compile, are kept
 * in a small direct-mapped cache.
 */
#define LOGIC_SPELLED_CACHE 16384	/* a power of two */
static struct {
	location_t loc, spelled;
} logic_spelled_cache[LOGIC_SPELLED_CACHE];

static location_t logic_spelled(location_t loc)
{
	unsigned h;

	if (!logic_virtual(loc))
		return linemap_resolve_location(line_table, loc, LRK_SPELLING_LOCATION, NULL);
	h = (loc * 2654435761u) >> 18;	/* 14 bits */
	if (logic_spelled_cache[h].loc != loc) {
		logic_spelled_cache[h].loc = loc;
		logic_spelled_cache[h].spelled =
			linemap_resolve_location(line_table, loc, LRK_SPELLING_LOCATION, NULL);
	}
	return logic_spelled_cache[h].spelled;
}

/*
 * The spelling point of @loc: its file's text into *@f, line and column
 * into *@x. KM_TOK_OTHER when both are there, else what km_logic_token
 * answers: KM_TOK_NONE (no such point), KM_TOK_UNREADABLE (no text).
 */
enum km_tok logic_spelling(struct km_logic *lg, location_t loc,
				  const struct km_src_file **f, expanded_location *x)
{
	const line_map_ordinary *map = NULL;

	if (!lg->src)
		return KM_TOK_UNREADABLE;
	loc = get_pure_location(loc);
	if (loc <= BUILTINS_LOCATION)
		return KM_TOK_NONE;
	loc = logic_spelled(loc);
	if (loc <= BUILTINS_LOCATION || logic_virtual(loc))
		return KM_TOK_NONE;
	map = linemap_check_ordinary(linemap_lookup(line_table, loc));
	if (!map)
		return KM_TOK_NONE;
	*x = linemap_expand_location(line_table, map, loc);
	if (!x->file || x->line <= 0)
		return KM_TOK_NONE;
	if (x->column <= 0 || !logic_text_pos(loc, x))
		return KM_TOK_UNREADABLE;	/* a line too long for columns; no text */
	*f = km_src_get(lg->src, x->file);
	return *f ? KM_TOK_OTHER : KM_TOK_UNREADABLE;
}

enum km_tok km_logic_token(struct km_logic *lg, location_t loc)
{
	const struct km_src_file *f;
	expanded_location x;
	enum km_tok got = logic_spelling(lg, loc, &f, &x);

	return got == KM_TOK_OTHER ? km_src_token_at(f, x.line, x.column) : got;
}

/*
 * The token before @loc's into *@before (a location) or, in plain text,
 * *@f and (*@line, *@col): 1 for a location, 2 for text, 0 when none.
 */
/*
 * Past the arguments of a function-like macro expanded at token @i of @m
 * (they are tokens of @m that the nested expansion consumed).
 */
unsigned logic_skip_args(struct km_logic *lg, const line_map_macro *m, unsigned i)
{
	unsigned n = MACRO_MAP_NUM_MACRO_TOKENS(m), depth = 0;

	while (i < n && logic_padding(lg, m, i))
		i++;
	if (i >= n || km_logic_token(lg, MAP_START_LOCATION(m) + i) != KM_TOK_LPAREN)
		return i;
	for (; i < n; i++) {
		enum km_tok k = logic_padding(lg, m, i) ? KM_TOK_NONE :
				km_logic_token(lg, MAP_START_LOCATION(m) + i);

		if (k == KM_TOK_LPAREN)
			depth++;
		else if (k == KM_TOK_RPAREN && --depth == 0)
			return i + 1;
	}
	return n;
}

/*
 * The macro expanded in @m whose name or arguments hold token @j: its
 * name's index, or -1 when @j is @m's own (A (B (x), y): y is in A's).
 */
static int logic_invocation_at(struct km_logic *lg, const line_map_macro *m, unsigned j)
{
	unsigned k, lo = j > LOGIC_LOOK_BACK ? j - LOGIC_LOOK_BACK : 0;

	for (k = j + 1; k-- > lo; ) {
		const line_map_macro *nested = logic_expanded_at(lg, km_logic_key(MAP_START_LOCATION(m) +
									       k));

		if (!nested || nested == m)
			continue;
		if (!cpp_fun_like_macro_p(MACRO_MAP_MACRO(nested)) ? k == j :
		    logic_skip_args(lg, m, k + 1) > j)
			return (int)k;
	}
	return -1;
}

/* The last token the expansion @m produced, through a macro expanded last in it. */
static location_t logic_last_token(struct km_logic *lg, const line_map_macro *m)
{
	int depth, k;

	for (depth = 0; depth < LOGIC_MAX_DEPTH; depth++) {
		unsigned j = MACRO_MAP_NUM_MACRO_TOKENS(m);

		while (j-- > 0 && logic_padding(lg, m, j))
			;
		if (j == (unsigned)-1)
			return UNKNOWN_LOCATION;
		k = logic_invocation_at(lg, m, j);
		if (k < 0)
			return MAP_START_LOCATION(m) + j;
		m = logic_expanded_at(lg, km_logic_key(MAP_START_LOCATION(m) + k));
	}
	return UNKNOWN_LOCATION;
}

/*
 * The macro whose expansion ends right before the plain token at
 * (@line, @col) of @f (FOREACH (x) if ...: the ')' of its arguments, or an
 * object-like macro's name): its map, or NULL.
 */
static const line_map_macro *logic_text_invocation(struct km_logic *lg, const char *file,
						   const struct km_src_file *f, long line, long col)
{
	const line_map_macro *m;
	long l = line, c = col;
	int depth = 0, n;

	if (km_src_token_at(f, l, c) == KM_TOK_IDENT)
		return logic_expanded_at(lg, logic_text_key(file, l, c));
	if (km_src_token_at(f, l, c) != KM_TOK_RPAREN)
		return NULL;
	for (n = 0; n < LOGIC_LOOK_BACK; n++) {
		enum km_tok k = km_src_token_at(f, l, c);

		depth += k == KM_TOK_RPAREN ? 1 : k == KM_TOK_LPAREN ? -1 : 0;
		if (!km_src_token_before(f, l, c, &l, &c))
			return NULL;
		if (!depth)
			break;
	}
	if (depth || km_src_token_at(f, l, c) != KM_TOK_IDENT)
		return NULL;
	m = logic_expanded_at(lg, logic_text_key(file, l, c));
	return m && cpp_fun_like_macro_p(MACRO_MAP_MACRO(m)) ? m : NULL;
}

static int logic_back_text(struct km_logic *lg, struct logic_back *b);

/* The token before @b->loc's, through the expansions it sits in. */
static int logic_back_virtual(struct km_logic *lg, struct logic_back *b)
{
	location_t loc = get_pure_location(b->loc);
	expanded_location x;
	int k;

	while (logic_virtual(loc)) {
		const line_map_macro *m = linemap_check_macro(linemap_lookup(line_table, loc));
		unsigned i = loc - MAP_START_LOCATION(m);

		while (i-- > 0) {
			if (logic_padding(lg, m, i))
				continue;
			/* a macro expanded before it: the last token it made */
			k = logic_invocation_at(lg, m, i);
			b->loc = k < 0 ? MAP_START_LOCATION(m) + i :
				 logic_last_token(lg, logic_expanded_at(lg, km_logic_key(
							MAP_START_LOCATION(m) + k)));
			return b->loc != UNKNOWN_LOCATION;
		}
		loc = logic_expansion_point(m);	/* the token before the expansion */
	}
	if (!lg->src || !logic_text_pos(loc, &x) || !(b->f = km_src_get(lg->src, x.file)))
		return 0;
	b->file = x.file;
	b->line = x.line;
	b->col = x.column;
	return logic_back_text(lg, b);
}

/*
 * The plain token before (@b->line, @b->col), or the last token of the
 * macro whose invocation ends there (FOREACH (x) if ...: its expansion's
 * last token, an 'else' or a ')').
 */
static int logic_back_text(struct km_logic *lg, struct logic_back *b)
{
	const line_map_macro *nested;

	if (!km_src_token_before(b->f, b->line, b->col, &b->line, &b->col))
		return 0;
	nested = logic_text_invocation(lg, b->file, b->f, b->line, b->col);
	if (!nested)
		return 2;
	b->loc = logic_last_token(lg, nested);
	return b->loc != UNKNOWN_LOCATION;
}

int logic_back(struct km_logic *lg, struct logic_back *b)
{
	if (b->got == 1)
		b->got = logic_back_virtual(lg, b);
	else if (b->got == 2)
		b->got = logic_back_text(lg, b);
	return b->got;
}

int km_logic_after_else(struct km_logic *lg, location_t loc)
{
	struct logic_back b = { .got = 1, .loc = loc };
	const char *p = NULL;
	int step;
	size_t n;

	/* an if's location is its condition's '(': back over it and the if */
	for (step = 0; step < 3 && logic_back(lg, &b); step++) {
		if (b.got == 1) {
			if (km_logic_token(lg, b.loc) == KM_TOK_LPAREN ||
			    km_logic_is_word(lg, b.loc, "if") == 1)
				continue;
			return km_logic_is_word(lg, b.loc, "else");
		}
		n = km_src_ident_at(b.f, b.line, b.col, &p);
		if (km_src_token_at(b.f, b.line, b.col) == KM_TOK_LPAREN ||
		    (n == 2 && !memcmp(p, "if", 2)))
			continue;
		return n == 4 && !memcmp(p, "else", 4);
	}
	return -1;
}

bool km_logic_from_macro(location_t loc)
{
	loc = get_pure_location(loc);
	while (logic_virtual(loc)) {
		const line_map_macro *m = linemap_check_macro(linemap_lookup(line_table, loc));
		const location_t *x = MACRO_MAP_LOCATIONS(m);
		unsigned i = loc - MAP_START_LOCATION(m);

		if (x[2 * i] == x[2 * i + 1])
			return true;		/* spelled in the definition */
		loc = get_pure_location(x[2 * i]);	/* an argument: where it was written */
	}
	return false;
}

/* ---- macro expansions inside the function ---- */

static void logic_index(struct km_logic *lg)
{
	unsigned i, n = LINEMAPS_MACRO_USED(line_table);

	lg->expansions = new key_map();
	for (i = lg->first_map; i < n; i++) {
		const line_map_macro *m = LINEMAPS_MACRO_MAP_AT(line_table, i);

		lg->expansions->put(km_logic_key(logic_expansion_point(m)), i);
	}
}

/* The macro map expanded at @loc in this function, or NULL. */
const line_map_macro *logic_expanded_at(struct km_logic *lg, uint64_t key)
{
	unsigned *i;

	if (!lg->expansions)
		logic_index(lg);
	i = lg->expansions->get(key);
	return i ? LINEMAPS_MACRO_MAP_AT(line_table, *i) : NULL;
}

/* 1 when the token at @loc is the identifier or keyword @word, 0 when not, -1 unknown. */
int km_logic_is_word(struct km_logic *lg, location_t loc, const char *word)
{
	const struct km_src_file *f;
	expanded_location x;
	const char *p;
	size_t n;

	if (logic_spelling(lg, loc, &f, &x) != KM_TOK_OTHER)
		return -1;
	n = km_src_ident_at(f, x.line, x.column, &p);
	return n == strlen(word) && !memcmp(p, word, n);
}

/* The first node in @t's subtree, top down, with a location other than @skip; or NULL. */
tree logic_first_located(tree t, location_t skip)
{
	int i;

	if (!t || !EXPR_P(t))
		return NULL_TREE;
	if (EXPR_LOCATION(t) != UNKNOWN_LOCATION &&
	    get_pure_location(EXPR_LOCATION(t)) != get_pure_location(skip))
		return t;
	for (i = 0; i < TREE_OPERAND_LENGTH(t); i++) {
		tree n = logic_first_located(TREE_OPERAND(t, i), skip);

		if (n)
			return n;
	}
	return NULL_TREE;
}

location_t km_logic_first_location(tree t, location_t skip)
{
	tree n = logic_first_located(t, skip);

	return n ? EXPR_LOCATION(n) : UNKNOWN_LOCATION;
}


/* Whether @loc lies among the tokens of @m's macro's definition. */
static bool logic_in_definition(const line_map_macro *m, location_t loc)
{
	cpp_hashnode *node = MACRO_MAP_MACRO(m);
	const cpp_macro *mac;

	if (!cpp_user_macro_p(node) || !node->value.macro->count)
		return true;	/* no definition to look at: take it as one of its tokens */
	mac = node->value.macro;
	return loc >= get_pure_location(mac->exp.tokens[0].src_loc) &&
	       loc <= get_pure_location(mac->exp.tokens[mac->count - 1].src_loc);
}

/*
 * Whether token @i of expansion @m is padding. The preprocessor puts
 * padding tokens into expansions (to keep tokens from pasting), each at
 * the location of the token lexed last (an argument's, the name of a
 * macro expanded in an argument), or at none: padding reads as whatever
 * is written there. It is spelled where the token before it is, or at
 * the name of a macro expanded in the text, or, taken as one of the
 * macro's own tokens, outside the macro's definition.
 */
bool logic_padding(struct km_logic *lg, const line_map_macro *m, unsigned i)
{
	const location_t *x = MACRO_MAP_LOCATIONS(m);
	location_t sp = logic_spelled(MAP_START_LOCATION(m) + i), at = x[2 * i];
	unsigned j;
	int depth;

	if (at == UNKNOWN_LOCATION)
		return true;
	/* spelled where the token before is (the avoid-paste paddings, of no place, aside) */
	for (j = i; j-- > 0 && x[2 * j] == UNKNOWN_LOCATION; )
		;
	if (j != (unsigned)-1 && logic_spelled(MAP_START_LOCATION(m) + j) == sp)
		return true;
	/* where an argument's token came from, level by level */
	for (depth = 0; depth < LOGIC_MAX_DEPTH; depth++) {
		const line_map_macro *am;

		at = get_pure_location(at);
		if (logic_expanded_at(lg, km_logic_key(at)))
			return true;	/* a macro's name: expanded, no token */
		if (!logic_virtual(at))
			break;
		am = linemap_check_macro(linemap_lookup(line_table, at));
		at = MACRO_MAP_LOCATIONS(am)[2 * (at - MAP_START_LOCATION(am))];
	}
	return x[2 * i] == x[2 * i + 1] && !logic_virtual(x[2 * i]) &&
	       !logic_in_definition(m, get_pure_location(x[2 * i]));
}

/* The expansions @loc sits in, outermost first; its outermost location in *@outer. */
int logic_chain(location_t loc, struct logic_ctx *chain, location_t *outer)
{
	int n = 0, i;

	while (logic_virtual(loc)) {
		const line_map_macro *m = linemap_check_macro(linemap_lookup(line_table, loc));

		if (n == LOGIC_MAX_DEPTH)
			return -1;
		chain[n].map = m;
		chain[n].idx = loc - MAP_START_LOCATION(m);
		n++;
		loc = logic_expansion_point(m);
	}
	*outer = loc;
	for (i = 0; i < n / 2; i++) {
		struct logic_ctx c = chain[i];

		chain[i] = chain[n - 1 - i];
		chain[n - 1 - i] = c;
	}
	return n;
}

int km_logic_order(location_t a, location_t b)
{
	struct logic_ctx ca[LOGIC_MAX_DEPTH], cb[LOGIC_MAX_DEPTH];
	location_t oa, ob;
	int na, nb, d = 0;

	a = get_pure_location(a);
	b = get_pure_location(b);
	if (a <= BUILTINS_LOCATION || b <= BUILTINS_LOCATION || a == b)
		return 0;
	na = logic_chain(a, ca, &oa);
	nb = logic_chain(b, cb, &ob);
	if (na < 0 || nb < 0)
		return 0;
	while (d < na && d < nb && ca[d].map == cb[d].map)
		d++;
	if (d && ca[d - 1].idx != cb[d - 1].idx)
		return ca[d - 1].idx < cb[d - 1].idx ? -1 : 1;
	if (d || oa == ob)
		return 0;
	return oa < ob ? -1 : 1;	/* one file's ordinary locations grow with it */
}
