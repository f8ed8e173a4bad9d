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

#include "cpplib.h"

typedef hash_set<int_hash<uint64_t, 0, 1> > key_set;
typedef hash_map<int_hash<uint64_t, 0, 1>, unsigned> key_map;

/*
 * What a census read: text between two outermost locations (map NULL), or
 * tokens lo..hi of one macro expansion. A census inside the last ones
 * reads nothing: the walk goes top down, so a condition's outermost node
 * is read once and what it holds is skipped, which keeps long chains of
 * && and || linear.
 */
struct logic_scope {
	const line_map_macro *map;
	location_t lo, hi;
	bool descend;		/* the macros expanded in it were read too */
};

#define LOGIC_SCOPES 4

struct km_logic {
	struct km_src_cache *src;
	unsigned first_map;
	struct logic_scope scopes[LOGIC_SCOPES];	/* the last ones read */
	unsigned nscopes;
	key_set *counted;		/* tokens claimed, on first use */
	key_map *expansions;		/* expansion point key -> macro map, on first use */
	vec<km_logic_tok> *out;		/* the census being taken */
	bool descend;			/* into macros expanded in its range */
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
	delete lg->counted;
	delete lg->expansions;
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

uint64_t km_logic_key(location_t loc)
{
	expanded_location x;

	loc = get_pure_location(loc);
	if (logic_virtual(loc))
		return ((uint64_t)1 << 63) | loc;
	x = expand_location(loc);
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
	if (x->column <= 0)
		return KM_TOK_UNREADABLE;	/* a line too long for columns */
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

static void logic_found(struct km_logic *lg, uint64_t key, enum km_tok kind, bool macro)
{
	struct km_logic_tok t;

	t.key = key;
	t.kind = kind;
	t.macro = macro;
	lg->out->safe_push(t);
}

static unsigned logic_visit_token(struct km_logic *lg, const line_map_macro *m, unsigned i);

/* Every token of expansion @m, nested expansions included. */
static void logic_visit_map(struct km_logic *lg, const line_map_macro *m)
{
	unsigned i = 0;

	while (i < MACRO_MAP_NUM_MACRO_TOKENS(m))
		i = logic_visit_token(lg, m, i);
}

/*
 * Past the arguments of a function-like macro expanded at token @i of @m
 * (they are tokens of @m that the nested expansion consumed).
 */
static unsigned logic_skip_args(struct km_logic *lg, const line_map_macro *m, unsigned i)
{
	unsigned n = MACRO_MAP_NUM_MACRO_TOKENS(m), depth = 0;

	if (i >= n || km_logic_token(lg, MAP_START_LOCATION(m) + i) != KM_TOK_LPAREN)
		return i;
	for (; i < n; i++) {
		enum km_tok k = km_logic_token(lg, MAP_START_LOCATION(m) + i);

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
		if (lg->descend)
			logic_visit_map(lg, nested);
		if (cpp_fun_like_macro_p(MACRO_MAP_MACRO(nested)))
			return logic_skip_args(lg, m, i + 1);
		return i + 1;
	}
	kind = km_logic_token(lg, loc);
	if (kind == KM_TOK_ANDAND || kind == KM_TOK_OROR)
		logic_found(lg, km_logic_key(loc), kind, km_logic_from_macro(loc));
	return i + 1;
}

/* ---- plain text ---- */

struct logic_text {
	struct km_logic *lg;
	const char *file;
};

static int logic_text_token(void *arg, enum km_tok kind, long line, long col)
{
	struct logic_text *t = (struct logic_text *)arg;
	const line_map_macro *m;

	if (kind != KM_TOK_IDENT) {
		logic_found(t->lg, logic_text_key(t->file, line, col), kind, false);
		return 0;
	}
	m = logic_expanded_at(t->lg, logic_text_key(t->file, line, col));
	if (!m)
		return 0;
	if (t->lg->descend)
		logic_visit_map(t->lg, m);
	return cpp_fun_like_macro_p(MACRO_MAP_MACRO(m));
}

/* Text from @s to @e (a call's extent when @call: to its closing ')'). */
static bool logic_census_text(struct km_logic *lg, expanded_location s,
			      expanded_location e, bool call)
{
	const struct km_src_file *f;
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
	t.lg = lg;
	t.file = s.file;
	km_src_scan(f, s.line, s.column, el, ec, logic_text_token, &t);
	return true;
}

/* ---- a census ---- */

#define LOGIC_MAX_DEPTH 128

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

/* Whether a previous census read all of @sc already; else remember it. */
static bool logic_covered(struct km_logic *lg, const struct logic_scope *sc, location_t outer)
{
	unsigned i;

	for (i = 0; i < lg->nscopes && i < LOGIC_SCOPES; i++) {
		const struct logic_scope *p = &lg->scopes[i];

		if (p->map == sc->map && p->lo <= sc->lo && sc->hi <= p->hi &&
		    (p->descend || !sc->descend))
			return true;
		if (!p->map && sc->map && p->descend && p->lo <= outer && outer <= p->hi)
			return true;	/* the whole expansion was read with its text */
	}
	lg->scopes[lg->nscopes++ % LOGIC_SCOPES] = *sc;
	return false;
}

bool km_logic_census(struct km_logic *lg, location_t from, location_t to, bool descend,
		     vec<km_logic_tok> *out)
{
	return km_logic_census_from(lg, from, false, to, descend, out);
}

bool km_logic_census_from(struct km_logic *lg, location_t from, bool after, location_t to,
			  bool descend, vec<km_logic_tok> *out)
{
	struct logic_ctx cf[LOGIC_MAX_DEPTH], ct[LOGIC_MAX_DEPTH];
	struct logic_scope sc;
	location_t of, ot;
	int nf, nt, d = 0;
	unsigned i;

	out->truncate(0);
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
	lg->out = out;
	lg->descend = descend;
	sc.map = d ? cf[d - 1].map : NULL;
	sc.lo = d ? cf[d - 1].idx + (after && nf == d) : of;
	sc.hi = d ? ct[d - 1].idx : ot;
	sc.descend = descend;
	if (!lg->src || sc.hi < sc.lo)
		return false;
	if (logic_covered(lg, &sc, of))
		return true;
	if (!d) {
		expanded_location xs = expand_location(of);

		if (after && !nf)	/* past a plain token's last character */
			xs.column++;
		return logic_census_text(lg, xs, expand_location(ot), false);
	}
	for (i = sc.lo; i <= sc.hi; )
		i = logic_visit_token(lg, sc.map, i);
	return true;
}

bool km_logic_census_call(struct km_logic *lg, location_t callee, vec<km_logic_tok> *out)
{
	const line_map_macro *m;
	struct logic_scope sc;
	unsigned i;

	out->truncate(0);
	callee = get_pure_location(callee);
	if (!lg->src || callee <= BUILTINS_LOCATION)
		return false;
	lg->out = out;
	lg->descend = false;
	sc.descend = false;
	if (!logic_virtual(callee)) {
		sc.map = NULL;
		sc.lo = sc.hi = callee;
		if (logic_covered(lg, &sc, callee))
			return true;
		return logic_census_text(lg, expand_location(callee), expand_location(callee), true);
	}
	m = linemap_check_macro(linemap_lookup(line_table, callee));
	sc.map = m;
	sc.lo = callee - MAP_START_LOCATION(m);
	sc.hi = logic_skip_args(lg, m, sc.lo + 1) - 1;
	if (logic_covered(lg, &sc, logic_expansion_point(m)))
		return true;
	for (i = sc.lo; i <= sc.hi; )
		i = logic_visit_token(lg, m, i);
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
