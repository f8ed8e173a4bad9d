// SPDX-License-Identifier: GPL-2.0
/*
 * query.c - what a range's tokens say besides its && and ||: the '?' of
 * the ?: whose condition a place ends (km_logic_query, km_logic_queries),
 * whether a '(' opens a cast (km_logic_cast) and a ':' is c ? 1 : 0's
 * (km_logic_truth_colon), read as census.c reads them, through macros and
 * a .i's line markers.
 */
#include "logic_priv.h"

/* Whether tokens @t[@i..] end a ?:'s arm: the stretch's end, or ) , ; ] }. */
static bool logic_arm_end(const vec<logic_stok> &t, unsigned i)
{
	return i >= t.length() || t[i].kind == KM_TOK_RPAREN || t[i].kind == KM_TOK_COMMA ||
	       t[i].kind == KM_TOK_SEMI || t[i].kind == KM_TOK_RBRACK || t[i].kind == KM_TOK_RBRACE;
}

static bool logic_bit(enum km_tok k)
{
	return k == KM_TOK_ZERO || k == KM_TOK_ONE;
}

/* Whether the tokens from @i on are "1 : 0" or "0 : 1", the arms of a ?:. */
static bool logic_truth_arms(const vec<logic_stok> &t, unsigned i)
{
	return i + 2 < t.length() && logic_bit(t[i].kind) && t[i + 1].kind == KM_TOK_COLON &&
	       logic_bit(t[i + 2].kind) && t[i].kind != t[i + 2].kind && logic_arm_end(t, i + 3);
}

int km_logic_query(struct km_logic *lg, location_t from, bool after, location_t bound,
		   uint64_t *key, bool *truth)
{
	unsigned i = 0;

	*truth = false;
	from = get_pure_location(from);
	if (!after && km_logic_token(lg, from) == KM_TOK_QUERY) {
		/* the '?' itself: c ? 1 : 0 when what follows says so */
		*key = km_logic_key(from);
		if (logic_read_after(lg, from, 4))
			*truth = logic_truth_arms(lg->toks, 0);
		return 1;
	}
	if (km_logic_order(from, bound) == 0 && from != UNKNOWN_LOCATION && after)
		return 0;	/* the condition ends where the ?: does: none follows */
	if (after && km_logic_order(from, bound) > 0) {
		/* the ?: was rebuilt at an earlier place: read what follows */
		if (!logic_read_after(lg, from, 8))
			return -1;
	} else if (after && logic_virtual(from)) {
		/* from the outermost expansion on, past the token at @from */
		location_t outer = from;
		uint64_t key = km_logic_key(from);

		while (logic_virtual(outer))
			outer = logic_expansion_point(linemap_check_macro(linemap_lookup(line_table,
										outer)));
		if (!logic_read(lg, outer, false, bound, false))
			return -1;
		while (i < lg->toks.length() && lg->toks[i].key != key)
			i++;
		if (i++ >= lg->toks.length())
			return -1;
	} else if (!logic_read(lg, from, after, bound, after)) {
		return -1;
	}
	while (i < lg->toks.length() && lg->toks[i].kind == KM_TOK_RPAREN)
		i++;
	if (i >= lg->toks.length() || lg->toks[i].kind != KM_TOK_QUERY)
		return 0;
	*key = lg->toks[i].key;
	*truth = logic_truth_arms(lg->toks, i + 1);
	return 1;
}

bool km_logic_queries(struct km_logic *lg, location_t from, location_t to,
		      vec<km_logic_tok> *out)
{
	out->truncate(0);
	if (!logic_read(lg, from, false, to, false))
		return false;
	logic_answer(lg, out, KM_TOK_QUERY);
	return true;
}

/*
 * Whether the '(' at @loc opens a cast: 1 when its ')' is not the last
 * token of @loc's range ((long)x goes on; (x) converted ends there), 0
 * when it is, -1 when the tokens cannot be read.
 */
static int logic_cast_read(struct km_logic *lg, location_t loc)
{
	vec<logic_stok> stretch = lg->toks;	/* a census's, kept */
	location_t at = get_pure_location(loc);
	uint64_t key = km_logic_key(at);
	unsigned i = 0, n;
	int depth = 0, cast = -1;

	lg->toks = vNULL;
	if (logic_read(lg, at, false, get_range_from_loc(line_table, loc).m_finish, false)) {
		n = lg->toks.length();
		while (i < n && lg->toks[i].key != key)
			i++;
		for (; i < n; i++) {
			depth += lg->toks[i].kind == KM_TOK_LPAREN;
			if (lg->toks[i].kind == KM_TOK_RPAREN && --depth == 0)
				break;
		}
		if (i < n)
			cast = i + 1 < n;
	}
	lg->toks.release();
	lg->toks = stretch;
	return cast;
}

int km_logic_cast(struct km_logic *lg, location_t loc)
{
	const struct km_src_file *f;
	expanded_location x;
	enum km_tok got;

	if (loc == UNKNOWN_LOCATION)
		return 0;		/* a fold's conversion */
	got = logic_spelling(lg, loc, &f, &x);
	if (got != KM_TOK_OTHER)
		return got == KM_TOK_UNREADABLE ? -1 : 0;
	if (km_src_token_at(f, x.line, x.column) != KM_TOK_LPAREN)
		return 0;
	/* on the tokens as the parser read them, through macros: a .i reads alike */
	return logic_cast_read(lg, loc);
}

/* The kinds of the @n tokens before the one at @loc, nearest first, into @kind; how many. */
static int logic_kinds_before(struct km_logic *lg, location_t loc, enum km_tok *kind, int n)
{
	struct logic_back b = { .got = 1, .loc = loc };
	int i;

	for (i = 0; i < n && logic_back(lg, &b); i++)
		kind[i] = b.got == 1 ? km_logic_token(lg, b.loc) : km_src_token_at(b.f, b.line, b.col);
	return i;
}

bool km_logic_truth_colon(struct km_logic *lg, location_t loc)
{
	enum km_tok before[2], after;

	if (km_logic_token(lg, loc) != KM_TOK_COLON || logic_kinds_before(lg, loc, before, 2) != 2)
		return false;
	if (before[1] != KM_TOK_QUERY || (before[0] != KM_TOK_ZERO && before[0] != KM_TOK_ONE))
		return false;
	after = logic_kind_after(lg, loc);
	return (after == KM_TOK_ZERO || after == KM_TOK_ONE) && after != before[0];
}
