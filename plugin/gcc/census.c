// SPDX-License-Identifier: GPL-2.0
/*
 * census.c - the && and || of a source range that are the range's own
 * operators (logic.h: km_logic_census and its kin).
 *
 * A census reads the range's tokens as the parser saw them: within one
 * macro expansion by walking the expansion's tokens (line-map.h keeps,
 * for each, where it was spelled), in plain text by lexing it, and into
 * every macro expanded inside it, found through an index of the
 * function's expansions by their expansion points (logic.c). Which of
 * those && and || are the range's own, and not those of a call's
 * arguments, a sizeof, a statement expression or a ?: the compiled tree
 * no longer has, the skeleton says (lib/compile/skel.c).
 */
#include "logic_priv.h"

#define LOGIC_PEEK_LINES 40	/* how far the text after a place is read */

/* Whether a census keeps tokens of @kind (those km_skel_filter reads). */
static bool logic_structural(enum km_tok kind)
{
	return kind != KM_TOK_NONE && kind != KM_TOK_UNREADABLE;
}

/*
 * A token of the stretch: a macro's at @loc, or one read in plain text
 * at @text (@len bytes to its line's end).
 */
static void logic_found(struct km_logic *lg, uint64_t key, enum km_tok kind, enum km_ident cls,
			bool macro, location_t loc, const char *text, size_t len)
{
	struct logic_stok t;

	t.key = key;
	t.loc = loc;
	t.text = text;
	t.len = (unsigned)(len < 4096 ? len : 4096);
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

void km_logic_set_body(struct km_logic *lg, tree body, bool trace, km_logic_const_fn constant,
		       void *ctx)
{
	lg->body = body;
	lg->trace = trace;
	lg->constant = constant;
	lg->constant_ctx = ctx;
}

static unsigned logic_visit_token(struct km_logic *lg, const line_map_macro *m, unsigned i);

/* Every token of expansion @m, nested expansions included. */
static void logic_visit_map(struct km_logic *lg, const line_map_macro *m)
{
	unsigned i = 0;

	while (i < MACRO_MAP_NUM_MACRO_TOKENS(m))
		i = logic_visit_token(lg, m, i);
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
			    km_logic_from_macro(loc), loc, NULL, 0);
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

/*
 * Whether the expansion @m consumed arguments written after it: a
 * function-like macro's, or those of a function-like macro named last in
 * an object-like one (#define CC CHECK_ONE, then CC(x)).
 */
static bool logic_takes_args(struct km_logic *lg, const line_map_macro *m)
{
	int depth;

	for (depth = 0; depth < LOGIC_MAX_DEPTH; depth++) {
		unsigned n = MACRO_MAP_NUM_MACRO_TOKENS(m);

		if (cpp_fun_like_macro_p(MACRO_MAP_MACRO(m)))
			return true;
		while (n && logic_padding(lg, m, n - 1))
			n--;
		if (!n)
			return false;
		m = logic_expanded_at(lg, km_logic_key(MAP_START_LOCATION(m) + n - 1));
		if (!m)
			return false;
	}
	return false;
}

static int logic_text_token(void *arg, enum km_tok kind, long line, long col)
{
	struct logic_text *t = (struct logic_text *)arg;
	uint64_t key = logic_text_key(t->file, line, col);
	const line_map_macro *m;
	const char *p, *text;
	size_t n, len;

	t->lg->pos = logic_text_at(line, col);
	text = km_src_line(t->f, line, &len);
	if (text && (size_t)col <= len) {
		text += col - 1;
		len -= (size_t)col - 1;
	} else {
		text = NULL;
		len = 0;
	}
	if (kind != KM_TOK_IDENT) {
		logic_found(t->lg, key, kind, KM_ID_NAME, false, 0, text, len);
		return 0;
	}
	m = logic_expanded_at(t->lg, key);
	if (!m) {
		n = km_src_ident_at(t->f, line, col, &p);
		logic_found(t->lg, key, kind, n ? km_src_ident_class(p, n) : KM_ID_NAME, false, 0,
			    text, len);
		return 0;
	}
	logic_visit_map(t->lg, m);
	return logic_takes_args(t->lg, m);
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

/*
 * The text of @f after the token that starts at (@line,@col), for
 * LOGIC_PEEK_LINES lines, into lg->toks (not remembered: no scope).
 */
static bool logic_read_text_after(struct km_logic *lg, const char *file,
				  const struct km_src_file *f, long line, long col, unsigned n)
{
	struct logic_text t;
	long last = line + LOGIC_PEEK_LINES;
	unsigned skip = lg->toks.length();

	if (last > km_src_lines(f))
		last = km_src_lines(f);
	t.lg = lg;
	t.file = file;
	t.f = f;
	km_src_scan(f, line, col, last, 1, logic_text_token, &t);
	/* the token at (@line,@col) itself is not after it, nor a macro's expansion there */
	while (lg->toks.length() > skip && lg->toks[skip].pos == logic_text_at(line, col))
		lg->toks.ordered_remove(skip);
	return lg->toks.length() >= n || lg->toks.length() > skip;
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

/* Drops the census's tokens at position @pos (a macro's expansion there). */
static void logic_drop_at(struct km_logic *lg, uint64_t pos)
{
	unsigned i, j = 0;

	for (i = 0; i < lg->toks.length(); i++)
		if (lg->toks[i].pos != pos)
			lg->toks[j++] = lg->toks[i];
	lg->toks.truncate(j);
}

/*
 * The tokens from @from to @to into lg->toks; false when they cannot be
 * read. With @after, from just after the token that ends at @from. With
 * @strict, what lies between the two: not the macro expansions @from and
 * @to sit in (a gap between an operand and its operator).
 */
bool logic_read(struct km_logic *lg, location_t from, bool after, location_t to, bool strict)
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
		if (!logic_census_text(lg, xs, xe, false))
			return false;
		/* between two places: not the expansions they are inside */
		if (strict && nf)
			logic_drop_at(lg, logic_text_at(xs.line, xs.column));
		if (strict && nt)
			logic_drop_at(lg, logic_text_at(xe.line, xe.column));
		return true;
	}
	/* between two places: past the one @from is in (and its arguments), short of @to's */
	lo = cf[d - 1].idx + (after || (strict && nf > d));
	if (strict && nf > d && logic_takes_args(lg, cf[d].map))
		lo = logic_skip_args(lg, cf[d - 1].map, lo);
	hi = ct[d - 1].idx - (strict && nt > d);
	if (hi < lo || hi + 1 == 0)
		return false;
	logic_census_map(lg, cf[d - 1].map, lo, hi);
	return true;
}

/*
 * The tokens from the name at @callee to the ')' that closes its
 * arguments, into lg->toks; with @paren, @callee is the '(' itself.
 */
bool logic_read_call(struct km_logic *lg, location_t callee, bool paren)
{
	const line_map_macro *m;
	expanded_location xc;
	unsigned lo;

	lg->toks.truncate(0);
	callee = get_pure_location(callee);
	if (!lg->src || callee <= BUILTINS_LOCATION)
		return false;
	if (!logic_virtual(callee))
		return logic_text_pos(callee, &xc) && logic_census_text(lg, xc, xc, true);
	m = linemap_check_macro(linemap_lookup(line_table, callee));
	lo = callee - MAP_START_LOCATION(m);
	logic_census_map(lg, m, lo, logic_skip_args(lg, m, lo + !paren) - 1);
	return true;
}

/*
 * The tokens after the one at @from (a plain location: its text, the
 * macros expanded in it read through) into lg->toks, at least @n if the
 * next LOGIC_PEEK_LINES lines hold them. From inside a macro expansion:
 * the rest of it, then what follows the macro's name (and its arguments)
 * one level out.
 */
bool logic_read_after(struct km_logic *lg, location_t from, unsigned n)
{
	const struct km_src_file *f;
	expanded_location x;
	long el, ec;
	int depth;

	lg->toks.truncate(0);
	for (depth = 0; logic_virtual(from) && depth < LOGIC_MAX_DEPTH; depth++) {
		const line_map_macro *m = linemap_check_macro(linemap_lookup(line_table, from));
		unsigned i = from - MAP_START_LOCATION(m) + 1;

		while (i < MACRO_MAP_NUM_MACRO_TOKENS(m) && lg->toks.length() < n) {
			lg->pos = i;
			i = logic_visit_token(lg, m, i);
		}
		if (lg->toks.length() >= n)
			return true;
		from = logic_expansion_point(m);
		if (!cpp_fun_like_macro_p(MACRO_MAP_MACRO(m)))
			continue;
		/* past the arguments: the ')' that closes them, one level out */
		if (logic_virtual(from)) {
			const line_map_macro *pm = linemap_check_macro(linemap_lookup(line_table,
										from));
			unsigned j = logic_skip_args(lg, pm, from - MAP_START_LOCATION(pm) + 1);

			from = MAP_START_LOCATION(pm) + (j ? j - 1 : 0);
		} else if (logic_text_pos(from, &x) && (f = km_src_get(lg->src, x.file)) &&
			   km_src_match_paren(f, x.line, x.column, &el, &ec)) {
			return logic_read_text_after(lg, x.file, f, el, ec, n);
		} else {
			return false;
		}
	}
	if (!logic_text_pos(from, &x) || !(f = km_src_get(lg->src, x.file)))
		return false;
	return logic_read_text_after(lg, x.file, f, x.line, x.column, n);
}

enum km_tok logic_kind_after(struct km_logic *lg, location_t loc)
{
	vec<logic_stok> stretch = lg->toks;	/* a census's, kept */
	enum km_tok kind = KM_TOK_NONE;

	lg->toks = vNULL;
	if (logic_read_after(lg, get_pure_location(loc), 1) && lg->toks.length())
		kind = lg->toks[0].kind;
	lg->toks.release();
	lg->toks = stretch;
	return kind;
}
