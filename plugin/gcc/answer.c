// SPDX-License-Identifier: GPL-2.0
/*
 * answer.c - the censuses of logic.h (km_logic_census and its kin): the
 * tokens census.c reads, and what they say: which ?: the compiled tree
 * still has, the && and || of the stretch that are its own
 * (lib/compile/skel.c), and its value as written, the tokens spelled for
 * lib/compile/cexpr.c at the target's sizes.
 */
#include "logic_priv.h"

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
			get_range_from_loc(line_table, b).m_start, true))
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
	/* a ?: on a constant is no decision: its condition is no code */
	if (TREE_CODE(*tp) == COND_EXPR && lg->constant &&
	    lg->constant(lg->constant_ctx, TREE_OPERAND(*tp, 0)))
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

/* trace=NAME: a census's tokens, those it keeps marked. */
static void logic_trace(const enum km_tok *kind, const unsigned char *keep, unsigned n)
{
	static const char *const name[] = {
		"", "&&", "||", "?", ":", "!", "id", "(", ")", ".", "[", "]", "{", "}", ",", ";",
		"0", "1",
	};
	unsigned i;

	fprintf(stderr, "kmetrics: trace: census:");
	for (i = 0; i < n; i++)
		fprintf(stderr, " %s%s", (unsigned)kind[i] < ARRAY_SIZE(name) ? name[kind[i]] : "?",
			keep[i] ? "*" : "");
	fprintf(stderr, "\n");
}

/* km_cexpr_spell_fn: token @i of the census being answered, as spelled. */
static int logic_spell(void *ctx, size_t i, const char **p, size_t *len)
{
	struct km_logic *lg = (struct km_logic *)ctx;
	const struct logic_stok *t = &lg->toks[i];
	const struct km_src_file *f;
	expanded_location x;
	const char *line;

	if (t->text) {
		*p = t->text;
		*len = t->len;
		return 1;
	}
	if (!t->loc || logic_spelling(lg, t->loc, &f, &x) != KM_TOK_OTHER)
		return 0;
	line = km_src_line(f, x.line, len);
	if (!line || (size_t)x.column > *len)
		return 0;
	*p = line + x.column - 1;
	*len -= (size_t)x.column - 1;
	return 1;
}

/* The target's sizes, for the constants a census reads (sizeof(long) == 8). */
static void logic_target(struct km_cexpr_target *tg)
{
	tg->size_short = (unsigned)int_size_in_bytes(short_integer_type_node);
	tg->size_int = (unsigned)int_size_in_bytes(integer_type_node);
	tg->size_long = (unsigned)int_size_in_bytes(long_integer_type_node);
	tg->size_llong = (unsigned)int_size_in_bytes(long_long_integer_type_node);
	tg->size_ptr = (unsigned)int_size_in_bytes(ptr_type_node);
	tg->char_signed = !TYPE_UNSIGNED(char_type_node);
}

/* How a census's tokens are spelled and what the target's sizes are, for km_cexpr_value. */
static const struct km_cexpr_env *logic_env(struct km_logic *lg)
{
	if (!lg->env.spell) {	/* once per function: the target's sizes do not change */
		lg->env.spell = logic_spell;
		lg->env.ctx = lg;
		logic_target(&lg->env.target);
	}
	return &lg->env;
}

/* The census's tokens as lib/compile/skel.c reads them: their kinds and classes (freed by the caller). */
static unsigned logic_skel_tokens(struct km_logic *lg, enum km_tok **kind, enum km_ident **cls)
{
	unsigned n = lg->toks.length(), i;

	*kind = XNEWVEC(enum km_tok, n + 1);
	*cls = XNEWVEC(enum km_ident, n + 1);
	for (i = 0; i < n; i++) {
		(*kind)[i] = lg->toks[i].kind;
		(*cls)[i] = lg->toks[i].cls;
	}
	return n;
}

/* The value of the census's stretch as written: 0, 1, or -1 when the text does not show it. */
static int logic_value(struct km_logic *lg)
{
	enum km_tok *kind;
	enum km_ident *cls;
	unsigned n = logic_skel_tokens(lg, &kind, &cls);
	int v = km_skel_value(kind, cls, n, logic_env(lg));

	XDELETEVEC(kind);
	XDELETEVEC(cls);
	return v;
}

/*
 * The census's answer: the && and || of its stretch that are the
 * stretch's own (@want KM_TOK_ANDAND), or its ?: (KM_TOK_QUERY).
 */
void logic_answer(struct km_logic *lg, vec<km_logic_tok> *out, enum km_tok want)
{
	enum km_tok *kind;
	enum km_ident *cls;
	unsigned n = logic_skel_tokens(lg, &kind, &cls), i;
	unsigned char *keep = XNEWVEC(unsigned char, n + 1);
	unsigned char *live = XCNEWVEC(unsigned char, n + 1);

	for (i = 0; i < n; i++)
		if (kind[i] == KM_TOK_COLON)
			live[i] = logic_live_colon(lg, lg->toks[i].key);
	km_skel_filter(kind, cls, live, n, logic_env(lg), want, keep);
	if (lg->trace)
		logic_trace(kind, keep, n);
	for (i = 0; i < n; i++) {
		km_logic_tok t;

		if (!keep[i])
			continue;
		t.key = lg->toks[i].key;
		t.kind = lg->toks[i].kind;
		t.macro = lg->toks[i].macro;
		t.line = lg->toks[i].loc ? LOCATION_LINE(lg->toks[i].loc) :
			 lg->toks[i].text ? (long)(lg->toks[i].pos >> 24) : 0;
		out->safe_push(t);
	}
	XDELETEVEC(kind);
	XDELETEVEC(cls);
	XDELETEVEC(keep);
	XDELETEVEC(live);
}

/* ---- the censuses logic.h offers ---- */

bool km_logic_census(struct km_logic *lg, location_t from, location_t to,
		     vec<km_logic_tok> *out)
{
	return km_logic_census_from(lg, from, false, to, false, out);
}

bool km_logic_census_from(struct km_logic *lg, location_t from, bool after, location_t to,
			  bool strict, vec<km_logic_tok> *out)
{
	out->truncate(0);
	if (!logic_read(lg, from, after, to, after || strict))
		return false;
	logic_answer(lg, out, KM_TOK_ANDAND);
	return true;
}

/* A census of the call at @loc (its name, or its '(' with @paren). */
static bool logic_census_of_call(struct km_logic *lg, location_t loc, bool paren,
				 vec<km_logic_tok> *out)
{
	out->truncate(0);
	if (!logic_read_call(lg, loc, paren))
		return false;
	logic_answer(lg, out, KM_TOK_ANDAND);
	return true;
}

bool km_logic_census_call(struct km_logic *lg, location_t callee, vec<km_logic_tok> *out)
{
	return logic_census_of_call(lg, callee, false, out);
}

/* The tokens of a ?:'s condition into lg->toks: from @from to before the last '?' up to @query. */
static bool logic_read_condition(struct km_logic *lg, location_t from, location_t query)
{
	if (!logic_read(lg, from, false, query, false))
		return false;
	while (!lg->toks.is_empty() && lg->toks.pop().kind != KM_TOK_QUERY)
		;	/* from its '?' on: the ? x : of c ? x : y read to its ':' */
	return true;
}

bool km_logic_census_condition(struct km_logic *lg, location_t from, location_t query,
				vec<km_logic_tok> *out)
{
	out->truncate(0);
	if (!logic_read_condition(lg, from, query))
		return false;
	logic_answer(lg, out, KM_TOK_ANDAND);
	return true;
}

int km_logic_condition_value(struct km_logic *lg, location_t from, location_t query)
{
	if (!logic_read_condition(lg, from, query) || lg->toks.is_empty())
		return -1;
	return logic_value(lg);
}

bool km_logic_census_cond(struct km_logic *lg, location_t paren, int truth,
			  vec<km_logic_tok> *out)
{
	out->truncate(0);
	if (!logic_read_call(lg, paren, true))
		return false;
	if (lg->toks.length() < 2 || lg->toks[0].kind != KM_TOK_LPAREN)
		return false;
	if (truth >= 0 && logic_value(lg) != truth)
		return true;		/* the text does not show GCC's constant: nothing */
	logic_answer(lg, out, KM_TOK_ANDAND);
	return true;
}
