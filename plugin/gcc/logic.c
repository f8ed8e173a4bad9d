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
 *  - a census lists the && and || tokens of a source range: within one
 *    macro expansion by walking the expansion's tokens (line-map.h keeps,
 *    for each, where it was spelled), in plain text by lexing it, and into
 *    every macro expanded inside it, found through an index of this
 *    function's expansions by their expansion points;
 *  - each token counts once per function, by a key: its virtual location,
 *    or file, line and column of a plain one.
 *
 * walk.c decides which nodes to ask about; this file only answers.
 * Debug: -fdump-tree-original-lineno shows the folded trees with lines.
 */
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
	key_set *live_colons;		/* the ':' a ?: of the tree sits at, on first use */
};

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

static bool logic_virtual(location_t loc)
{
	return linemap_location_from_macro_expansion_p(line_table, loc);
}

/*
 * Where @m's macro was expanded, without the range GCC may attach there
 * (an ad-hoc location is no offset into a map, and no key).
 */
static location_t logic_expansion_point(const line_map_macro *m)
{
	return get_pure_location(MACRO_MAP_EXPANSION_POINT_LOCATION(m));
}

/* A key for a plain token: its file's name, line and column, mixed. */
static uint64_t logic_text_key(const char *file, long line, long col)
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
static bool logic_text_pos(location_t loc, expanded_location *x)
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

uint64_t km_logic_key(location_t loc)
{
	expanded_location x;

	loc = get_pure_location(loc);
	if (logic_virtual(loc))
		return ((uint64_t)1 << 63) | loc;
	logic_text_pos(loc, &x);
	return logic_text_key(x.file ? x.file : "", x.line, x.column);
}

bool km_logic_claim(struct km_logic *lg, uint64_t key)
{
	if (!lg->counted)
		lg->counted = new key_set();
	return !lg->counted->add(key);
}

/*
 * The spelling point of @loc: its file's text into *@f, line and column
 * into *@x. KM_TOK_OTHER when both are there, else what km_logic_token
 * answers: KM_TOK_NONE (no such point), KM_TOK_UNREADABLE (no text).
 */
static enum km_tok logic_spelling(struct km_logic *lg, location_t loc,
				  const struct km_src_file **f, expanded_location *x)
{
	const line_map_ordinary *map = NULL;

	if (!lg->src)
		return KM_TOK_UNREADABLE;
	loc = get_pure_location(loc);
	if (loc <= BUILTINS_LOCATION)
		return KM_TOK_NONE;
	loc = linemap_resolve_location(line_table, loc, LRK_SPELLING_LOCATION, &map);
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

int km_logic_cast(struct km_logic *lg, location_t loc)
{
	const struct km_src_file *f, *ff;
	expanded_location x, fx;
	enum km_tok got;
	long el, ec;

	if (loc == UNKNOWN_LOCATION)
		return 0;		/* a fold's conversion */
	got = logic_spelling(lg, loc, &f, &x);
	if (got != KM_TOK_OTHER)
		return got == KM_TOK_UNREADABLE ? -1 : 0;
	if (km_src_token_at(f, x.line, x.column) != KM_TOK_LPAREN)
		return 0;
	if (logic_spelling(lg, get_range_from_loc(line_table, loc).m_finish, &ff, &fx) !=
	    KM_TOK_OTHER || ff != f || !km_src_match_paren(f, x.line, x.column, &el, &ec))
		return 1;
	/* (x) converted: its range ends at the ')' of its '('; a cast's goes on */
	return !(fx.line == el && fx.column == ec);
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
static const line_map_macro *logic_expanded_at(struct km_logic *lg, uint64_t key)
{
	unsigned *i;

	if (!lg->expansions)
		logic_index(lg);
	i = lg->expansions->get(key);
	return i ? LINEMAPS_MACRO_MAP_AT(line_table, *i) : NULL;
}

/* Whether a census keeps tokens of @kind (those km_skel_filter reads). */
static bool logic_structural(enum km_tok kind)
{
	return kind != KM_TOK_NONE && kind != KM_TOK_UNREADABLE;
}

static void logic_found(struct km_logic *lg, uint64_t key, enum km_tok kind, enum km_ident cls,
			bool macro)
{
	struct logic_stok t;

	t.key = key;
	t.pos = lg->pos;
	t.kind = kind;
	t.cls = cls;
	t.macro = macro;
	lg->toks.safe_push(t);
}

/* What the identifier spelled at @loc is to a census. */
static enum km_ident logic_ident_class(struct km_logic *lg, location_t loc)
{
	const struct km_src_file *f;
	expanded_location x;
	const char *p;
	size_t n;

	if (logic_spelling(lg, loc, &f, &x) != KM_TOK_OTHER)
		return KM_ID_NAME;
	n = km_src_ident_at(f, x.line, x.column, &p);
	return n ? km_src_ident_class(p, n) : KM_ID_NAME;
}

void km_logic_set_body(struct km_logic *lg, tree body)
{
	lg->body = body;
}

static bool logic_read(struct km_logic *lg, location_t from, bool after, location_t to);

/* The first node in @t's subtree, top down, with a location other than @skip; or NULL. */
static tree logic_first_located(tree t, location_t skip)
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


/*
 * The ':' of a ?: that a fold rebuilt at another token (an operation
 * pushed into its arms: (c ? x : y) != 8 is c ? x != 8 : y != 8 at the
 * '!='): between the end of what its arms hold and the start of its
 * second arm's.
 */
static void logic_note_moved_colon(struct km_logic *lg, tree t)
{
	tree x = logic_first_located(TREE_OPERAND(t, 1), EXPR_LOCATION(t));
	tree y = logic_first_located(TREE_OPERAND(t, 2), EXPR_LOCATION(t));
	location_t a, b;
	unsigned i;

	/* an operation pushed into both arms sits at one place in both: past it */
	while (x && y && get_pure_location(EXPR_LOCATION(x)) == get_pure_location(EXPR_LOCATION(y))) {
		x = logic_first_located(x, EXPR_LOCATION(x));
		y = logic_first_located(y, EXPR_LOCATION(y));
	}
	if (!x || !y)
		return;
	a = EXPR_LOCATION(x);
	b = EXPR_LOCATION(y);
	if (!logic_read(lg, get_range_from_loc(line_table, a).m_finish, true,
			get_range_from_loc(line_table, b).m_start))
		return;
	for (i = 0; i < lg->toks.length(); i++)
		if (lg->toks[i].kind == KM_TOK_COLON)
			lg->live_colons->add(lg->toks[i].key);
}

static tree logic_note_colon(tree *tp, int *walk_subtrees, void *data)
{
	struct km_logic *lg = (struct km_logic *)data;
	location_t loc;

	if (!EXPR_P(*tp) || TYPE_P(*tp))
		return NULL_TREE;
	loc = EXPR_LOCATION(*tp);
	if (loc == UNKNOWN_LOCATION)
		return NULL_TREE;
	if (km_logic_token(lg, loc) == KM_TOK_COLON)
		lg->live_colons->add(km_logic_key(loc));
	else if (TREE_CODE(*tp) == COND_EXPR && !VOID_TYPE_P(TREE_TYPE(*tp)))
		logic_note_moved_colon(lg, *tp);
	return NULL_TREE;
}

/* Whether the ':' @key has a ?: of the compiled tree at it (a ?: GCC did not fold away). */
static bool logic_live_colon(struct km_logic *lg, uint64_t key)
{
	if (!lg->live_colons) {
		vec<logic_stok> stretch = lg->toks;	/* the census's, kept */

		lg->toks = vNULL;
		lg->live_colons = new key_set();
		if (lg->body)
			walk_tree_without_duplicates(&lg->body, logic_note_colon, lg);
		lg->toks.release();
		lg->toks = stretch;
	}
	return lg->live_colons->contains(key);
}

/* The census's answer: the && and || of its stretch that are the stretch's own. */
static void logic_answer(struct km_logic *lg, vec<km_logic_tok> *out)
{
	unsigned n = lg->toks.length(), i;
	enum km_tok *kind = XNEWVEC(enum km_tok, n + 1);
	enum km_ident *cls = XNEWVEC(enum km_ident, n + 1);
	unsigned char *keep = XNEWVEC(unsigned char, n + 1);
	unsigned char *live = XCNEWVEC(unsigned char, n + 1);

	for (i = 0; i < n; i++) {
		kind[i] = lg->toks[i].kind;
		cls[i] = lg->toks[i].cls;
		if (kind[i] == KM_TOK_COLON)
			live[i] = logic_live_colon(lg, lg->toks[i].key);
	}
	km_skel_filter(kind, cls, live, n, keep);
	for (i = 0; i < n; i++) {
		km_logic_tok t;

		if (!keep[i])
			continue;
		t.key = lg->toks[i].key;
		t.kind = lg->toks[i].kind;
		t.macro = lg->toks[i].macro;
		out->safe_push(t);
	}
	XDELETEVEC(kind);
	XDELETEVEC(cls);
	XDELETEVEC(keep);
	XDELETEVEC(live);
}

static unsigned logic_visit_token(struct km_logic *lg, const line_map_macro *m, unsigned i);

/* Every token of expansion @m, nested expansions included. */
static void logic_visit_map(struct km_logic *lg, const line_map_macro *m)
{
	unsigned i = 0;

	while (i < MACRO_MAP_NUM_MACRO_TOKENS(m))
		i = logic_visit_token(lg, m, i);
}

static location_t logic_spelled(location_t loc)
{
	return linemap_resolve_location(line_table, loc, LRK_SPELLING_LOCATION, NULL);
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
static bool logic_padding(struct km_logic *lg, const line_map_macro *m, unsigned i)
{
	const location_t *x = MACRO_MAP_LOCATIONS(m);
	location_t sp = logic_spelled(MAP_START_LOCATION(m) + i), at = x[2 * i];
	int depth;

	if (at == UNKNOWN_LOCATION)
		return true;
	if (i && logic_spelled(MAP_START_LOCATION(m) + i - 1) == sp)
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

/*
 * Past the arguments of a function-like macro expanded at token @i of @m
 * (they are tokens of @m that the nested expansion consumed).
 */
static unsigned logic_skip_args(struct km_logic *lg, const line_map_macro *m, unsigned i)
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

/* Token @i of @m (or the expansion that replaced it); the next index. */
static unsigned logic_visit_token(struct km_logic *lg, const line_map_macro *m, unsigned i)
{
	location_t loc = MAP_START_LOCATION(m) + i;
	const line_map_macro *nested = logic_expanded_at(lg, km_logic_key(loc));
	enum km_tok kind;

	if (nested && nested != m) {
		logic_visit_map(lg, nested);
		if (cpp_fun_like_macro_p(MACRO_MAP_MACRO(nested)))
			return logic_skip_args(lg, m, i + 1);
		return i + 1;
	}
	if (logic_padding(lg, m, i))
		return i + 1;
	kind = km_logic_token(lg, loc);
	if (logic_structural(kind))
		logic_found(lg, km_logic_key(loc), kind,
			    kind == KM_TOK_IDENT ? logic_ident_class(lg, loc) : KM_ID_NAME,
			    km_logic_from_macro(loc));
	return i + 1;
}

/* ---- plain text ---- */

/* A position in a file's text: line and column, in order. */
static uint64_t logic_text_at(long line, long col)
{
	return ((uint64_t)line << 24) | (uint64_t)(col & 0xffffff);
}


struct logic_text {
	struct km_logic *lg;
	const char *file;
	const struct km_src_file *f;
};

static int logic_text_token(void *arg, enum km_tok kind, long line, long col)
{
	struct logic_text *t = (struct logic_text *)arg;
	uint64_t key = logic_text_key(t->file, line, col);
	const line_map_macro *m;
	const char *p;
	size_t n;

	t->lg->pos = logic_text_at(line, col);
	if (kind != KM_TOK_IDENT) {
		logic_found(t->lg, key, kind, KM_ID_NAME, false);
		return 0;
	}
	m = logic_expanded_at(t->lg, key);
	if (!m) {
		n = km_src_ident_at(t->f, line, col, &p);
		logic_found(t->lg, key, kind, n ? km_src_ident_class(p, n) : KM_ID_NAME, false);
		return 0;
	}
	logic_visit_map(t->lg, m);
	return cpp_fun_like_macro_p(MACRO_MAP_MACRO(m));
}

/* ---- a census ---- */

/* The first of @toks at or after position @pos. */
static unsigned logic_first_at(const vec<logic_stok> *toks, uint64_t pos)
{
	unsigned lo = 0, hi = toks->length();

	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;

		if ((*toks)[mid].pos < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A census of @sc's stretch from the scopes read last, if one holds it. */
static bool logic_cached(struct km_logic *lg, const struct logic_scope *sc)
{
	unsigned i, j;

	for (i = 0; i < lg->nscopes && i < LOGIC_SCOPES; i++) {
		const struct logic_scope *p = &lg->scopes[i];

		if (p->map != sc->map || p->lo > sc->lo || sc->hi > p->hi ||
		    (!p->map && strcmp(p->file, sc->file)))
			continue;
		j = logic_first_at(&p->toks, sc->lo);	/* tokens are in order */
		for (; j < p->toks.length() && p->toks[j].pos <= sc->hi; j++)
			lg->toks.safe_push(p->toks[j]);
		return true;
	}
	return false;
}

/* Remembers the stretch just read as @sc's. */
static void logic_remember(struct km_logic *lg, const struct logic_scope *sc)
{
	struct logic_scope *p = &lg->scopes[lg->nscopes++ % LOGIC_SCOPES];

	p->map = sc->map;
	p->file = sc->file;
	p->lo = sc->lo;
	p->hi = sc->hi;
	p->toks.truncate(0);
	p->toks.safe_splice(lg->toks);
}

/* Text from @s to @e (a call's extent when @call: to its closing ')'). */
static bool logic_census_text(struct km_logic *lg, expanded_location s,
			      expanded_location e, bool call)
{
	const struct km_src_file *f;
	struct logic_scope sc;
	struct logic_text t;
	long el = e.line, ec = e.column;

	if (!s.file || s.column <= 0 || (!call && (!e.file || strcmp(s.file, e.file) ||
						     e.column <= 0)))
		return false;
	f = km_src_get(lg->src, s.file);
	if (!f || (call && !km_src_match_paren(f, s.line, s.column, &el, &ec)))
		return false;
	if (el < s.line || (el == s.line && ec < s.column))
		return false;
	sc.map = NULL;
	sc.file = s.file;
	sc.lo = logic_text_at(s.line, s.column);
	sc.hi = logic_text_at(el, ec);
	if (logic_cached(lg, &sc))
		return true;
	t.lg = lg;
	t.file = s.file;
	t.f = f;
	km_src_scan(f, s.line, s.column, el, ec, logic_text_token, &t);
	logic_remember(lg, &sc);
	return true;
}

/* Tokens @lo..@hi of expansion @m. */
static void logic_census_map(struct km_logic *lg, const line_map_macro *m, unsigned lo,
			     unsigned hi)
{
	struct logic_scope sc;
	unsigned i;

	sc.map = m;
	sc.file = NULL;
	sc.lo = lo;
	sc.hi = hi;
	if (logic_cached(lg, &sc))
		return;
	for (i = lo; i <= hi; ) {
		lg->pos = i;
		i = logic_visit_token(lg, m, i);
	}
	logic_remember(lg, &sc);
}

/* ---- a census ---- */

struct logic_ctx {
	const line_map_macro *map;
	unsigned idx;
};

/* The expansions @loc sits in, outermost first; its outermost location in *@outer. */
static int logic_chain(location_t loc, struct logic_ctx *chain, location_t *outer)
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

bool km_logic_census(struct km_logic *lg, location_t from, location_t to,
		     vec<km_logic_tok> *out)
{
	return km_logic_census_from(lg, from, false, to, out);
}

/*
 * The tokens from @from to @to (from just after the token that ends at
 * @from when @after) into lg->toks; false when they cannot be read.
 */
static bool logic_read(struct km_logic *lg, location_t from, bool after, location_t to)
{
	struct logic_ctx cf[LOGIC_MAX_DEPTH], ct[LOGIC_MAX_DEPTH];
	location_t of, ot;
	int nf, nt, d = 0;
	unsigned lo, hi;

	lg->toks.truncate(0);
	from = get_pure_location(from);
	to = get_pure_location(to);
	if (!lg->src || from <= BUILTINS_LOCATION || to <= BUILTINS_LOCATION)
		return false;
	nf = logic_chain(from, cf, &of);
	nt = logic_chain(to, ct, &ot);
	if (nf < 0 || nt < 0)
		return false;
	while (d < nf && d < nt && cf[d].map == ct[d].map)
		d++;
	if (!d) {
		expanded_location xs, xe;

		if (!logic_text_pos(of, &xs) || !logic_text_pos(ot, &xe))
			return false;
		if (after && !nf)	/* past a plain token's last character */
			xs.column++;
		return logic_census_text(lg, xs, xe, false);
	}
	lo = cf[d - 1].idx + (after && nf == d);
	hi = ct[d - 1].idx;
	if (hi < lo)
		return false;
	logic_census_map(lg, cf[d - 1].map, lo, hi);
	return true;
}

bool km_logic_census_from(struct km_logic *lg, location_t from, bool after, location_t to,
			  vec<km_logic_tok> *out)
{
	out->truncate(0);
	if (!logic_read(lg, from, after, to))
		return false;
	logic_answer(lg, out);
	return true;
}

bool km_logic_census_call(struct km_logic *lg, location_t callee, vec<km_logic_tok> *out)
{
	const line_map_macro *m;
	expanded_location xc;
	unsigned lo;

	out->truncate(0);
	lg->toks.truncate(0);
	callee = get_pure_location(callee);
	if (!lg->src || callee <= BUILTINS_LOCATION)
		return false;
	if (!logic_virtual(callee)) {
		if (!logic_text_pos(callee, &xc) || !logic_census_text(lg, xc, xc, true))
			return false;
	} else {
		m = linemap_check_macro(linemap_lookup(line_table, callee));
		lo = callee - MAP_START_LOCATION(m);
		logic_census_map(lg, m, lo, logic_skip_args(lg, m, lo + 1) - 1);
	}
	logic_answer(lg, out);
	return true;
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
