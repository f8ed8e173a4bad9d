// SPDX-License-Identifier: GPL-2.0
/*
 * src_scan.c - the text of the files src.c holds, lexed just enough
 * (km_src.h): which token starts at a column, the tokens of a stretch of
 * text (only the kept lines' once the preprocessor's lines are marked),
 * the ')' that closes a '(', the lines of a span that hold code.
 *
 * The lexer knows comments (block and line), string literals and
 * character constants with their escapes, identifiers, and the two
 * operators kmetrics counts; everything else is "another token".
 */
#include <stdlib.h>
#include <string.h>

#include "src_int.h"

static int src_ident_start(unsigned char c)
{
	return c == '_' || c == '$' || (unsigned)((c | 0x20) - 'a') < 26u || c >= 0x80;
}

static int src_ident_char(unsigned char c)
{
	return src_ident_start(c) || (unsigned)(c - '0') < 10u;
}

/* The one-character tokens a census follows; KM_TOK_NONE for others. */
static enum km_tok src_punct(char ch)
{
	switch (ch) {
	case '(': return KM_TOK_LPAREN;
	case ')': return KM_TOK_RPAREN;
	case '[': return KM_TOK_LBRACK;
	case ']': return KM_TOK_RBRACK;
	case '{': return KM_TOK_LBRACE;
	case '}': return KM_TOK_RBRACE;
	case ',': return KM_TOK_COMMA;
	case ';': return KM_TOK_SEMI;
	case '?': return KM_TOK_QUERY;
	case ':': return KM_TOK_COLON;
	default: return KM_TOK_NONE;
	}
}

/* The preprocessing number at @p (@len bytes left): its length; its kind in *@kind. */
static size_t src_number(const char *p, size_t len, enum km_tok *kind)
{
	size_t n = 0, digits;

	while (n < len && (src_ident_char((unsigned char)p[n]) || p[n] == '.' ||
			   ((p[n] == '+' || p[n] == '-') && n && (p[n - 1] | 0x20) == 'e')))
		n++;
	for (digits = 0; digits < n && p[digits] >= '0' && p[digits] <= '9'; digits++)
		;
	*kind = KM_TOK_OTHER;
	if (digits == 1 && (p[0] == '0' || p[0] == '1') &&
	    strspn(p + 1, "uUlL") >= n - 1)
		*kind = p[0] == '0' ? KM_TOK_ZERO : KM_TOK_ONE;
	return n;
}

enum km_tok km_src_token_at(const struct km_src_file *f, long line, long col)
{
	const char *p;
	size_t len;

	p = km_src_line(f, line, &len);
	if (!p || col < 1 || (size_t)col > len)
		return KM_TOK_NONE;
	p += col - 1;
	len -= (size_t)col - 1;
	if (len >= 2 && p[0] == '&' && p[1] == '&')
		return KM_TOK_ANDAND;
	if (len >= 2 && p[0] == '|' && p[1] == '|')
		return KM_TOK_OROR;
	if (p[0] == '?')
		return KM_TOK_QUERY;
	if (p[0] == ':')
		return KM_TOK_COLON;
	if (p[0] == '!' && (len < 2 || p[1] != '='))
		return KM_TOK_NOT;
	if (src_ident_start((unsigned char)p[0]))
		return KM_TOK_IDENT;
	if (src_punct(p[0]) != KM_TOK_NONE)
		return src_punct(p[0]);
	if (p[0] == '=')	/* a token's start: not the = of <= += ... */
		return len >= 2 && p[1] == '=' ? KM_TOK_OTHER : KM_TOK_ASSIGN;
	if (p[0] >= '0' && p[0] <= '9') {
		enum km_tok kind;

		src_number(p, len, &kind);
		return kind;
	}
	if (p[0] == ' ' || p[0] == '\t' || (len >= 2 && p[0] == '/' && (p[1] == '*' || p[1] == '/')))
		return KM_TOK_NONE;
	return KM_TOK_OTHER;
}

/* A cursor over the file's bytes that knows its line. */
struct src_cur {
	const struct km_src_file *f;
	size_t pos;
	long line;
};

static void src_advance(struct src_cur *c, size_t n)
{
	while (n-- && c->pos < c->f->len) {
		if (c->f->data[c->pos] == '\n')
			c->line++;
		c->pos++;
	}
}

/* Past a comment, literal or character constant starting at the cursor, if one does. */
static int src_skip_noncode(struct src_cur *c)
{
	const char *d = c->f->data;
	size_t n = c->f->len;
	char q = d[c->pos];

	if (q == '/' && c->pos + 1 < n && d[c->pos + 1] == '*') {
		const char *e = strstr(d + c->pos + 2, "*/");

		src_advance(c, e ? (size_t)(e - (d + c->pos)) + 2 : n - c->pos);
		return 1;
	}
	if (q == '/' && c->pos + 1 < n && d[c->pos + 1] == '/') {
		while (c->pos < n && d[c->pos] != '\n')
			src_advance(c, d[c->pos] == '\\' ? 2 : 1);
		return 1;
	}
	if (q != '"' && q != '\'')
		return 0;
	src_advance(c, 1);
	while (c->pos < n && d[c->pos] != q && d[c->pos] != '\n')
		src_advance(c, d[c->pos] == '\\' ? 2 : 1);
	if (c->pos < n && d[c->pos] == q)
		src_advance(c, 1);
	return 1;
}

/* Past a parenthesised group if one follows (blanks and comments between). */
static void src_skip_group(struct src_cur *c)
{
	const char *d = c->f->data;
	int depth = 0;

	while (c->pos < c->f->len) {
		if (src_skip_noncode(c))
			continue;
		if (d[c->pos] == '(')
			depth++;
		else if (d[c->pos] == ')')
			depth--;
		else if (!depth && d[c->pos] != ' ' && d[c->pos] != '\t' && d[c->pos] != '\n' &&
			 d[c->pos] != '\r' && d[c->pos] != '\\')
			return;		/* no group follows */
		src_advance(c, 1);
		if (!depth)
			return;
	}
}

int km_src_match_paren(const struct km_src_file *f, long line, long col,
		       long *eline, long *ecol)
{
	struct src_cur c;
	int depth = 0;

	if (!f || line < 1 || line > f->nlines || col < 1)
		return 0;
	c.f = f;
	c.line = line;
	c.pos = f->line_off[line - 1] + (size_t)col - 1;
	while (c.pos < f->len) {
		char ch = f->data[c.pos];

		if (src_skip_noncode(&c))
			continue;
		if (ch == '(') {
			depth++;
		} else if (ch == ')' && depth && --depth == 0) {
			*eline = c.line;
			*ecol = (long)(c.pos - f->line_off[c.line - 1]) + 1;
			return 1;
		}
		src_advance(&c, 1);
	}
	return 0;
}

/* The caller's callback, for the tokens of the lines the preprocessor kept. */
struct src_kept {
	const struct km_src_file *f;
	km_src_tok_fn fn;
	void *arg;
};

static int src_kept_token(void *arg, enum km_tok kind, long line, long col)
{
	struct src_kept *k = (struct src_kept *)arg;

	return km_src_line_kept(k->f, line) ? k->fn(k->arg, kind, line, col) : 0;
}

void km_src_scan(const struct km_src_file *f, long l1, long c1, long l2, long c2,
		 km_src_tok_fn fn, void *arg)
{
	struct src_kept kept = { f, fn, arg };
	struct src_cur c;
	size_t end;

	if (!f || l1 < 1 || l2 > f->nlines || l2 < l1 || c1 < 1 || c2 < 1)
		return;
	if (f->live && f->live->cap) {
		fn = src_kept_token;
		arg = &kept;
	}
	c.f = f;
	c.line = l1;
	c.pos = f->line_off[l1 - 1] + (size_t)c1 - 1;
	end = f->line_off[l2 - 1] + (size_t)c2 - 1;
	if (end >= f->len)
		end = f->len ? f->len - 1 : 0;
	while (c.pos <= end && c.pos < f->len) {
		const char *p = f->data + c.pos;
		long col = (long)(c.pos - f->line_off[c.line - 1]) + 1;

		if (p[0] == '"' || p[0] == '\'')
			fn(arg, KM_TOK_OTHER, c.line, col);	/* a literal: one token */
		if (src_skip_noncode(&c))
			continue;
		if ((p[0] == '&' || p[0] == '|') && c.pos + 1 < f->len && p[1] == p[0]) {
			fn(arg, p[0] == '&' ? KM_TOK_ANDAND : KM_TOK_OROR, c.line, col);
			src_advance(&c, 2);
		} else if (src_ident_start((unsigned char)p[0]) &&
			   (c.pos == 0 || !src_ident_char((unsigned char)p[-1]))) {
			size_t n = 1;

			while (c.pos + n < f->len && src_ident_char((unsigned char)p[n]))
				n++;
			src_advance(&c, n);
			if (fn(arg, KM_TOK_IDENT, c.line, col))
				src_skip_group(&c);
		} else if (p[0] >= '0' && p[0] <= '9') {
			enum km_tok kind;

			src_advance(&c, src_number(p, f->len - c.pos, &kind));
			fn(arg, kind, c.line, col);
		} else if (src_punct(p[0]) != KM_TOK_NONE) {
			fn(arg, src_punct(p[0]), c.line, col);
			src_advance(&c, 1);
		} else if (p[0] == '=' && !(c.pos + 1 < f->len && p[1] == '=') &&
			   !(c.pos && strchr("!<>=+-*/%&|^", p[-1]))) {
			fn(arg, KM_TOK_ASSIGN, c.line, col);
			src_advance(&c, 1);
		} else if (p[0] == '=' && c.pos + 1 < f->len && p[1] == '=') {
			fn(arg, KM_TOK_OTHER, c.line, col);	/* == */
			src_advance(&c, 2);
		} else if (p[0] == '!' && (c.pos + 1 >= f->len || p[1] != '=')) {
			fn(arg, KM_TOK_NOT, c.line, col);
			src_advance(&c, 1);
		} else {
			if (p[0] != ' ' && p[0] != '\t' && p[0] != '\n' && p[0] != '\r' && p[0] != '\\')
				fn(arg, KM_TOK_OTHER, c.line, col);
			src_advance(&c, 1);
		}
	}
}

/* Which lines hold code, for the whole file at once. */
/* A byte that ends a run of code in src_mark_code's fast loop. */
static int src_special(char ch)
{
	return ch == '\n' || ch == '/' || ch == '"' || ch == '\'';
}

static int src_mark_code(struct km_src_file *f)
{
	struct src_cur c;

	f->code = (unsigned char *)calloc((size_t)f->nlines + 2, 1);
	if (!f->code)
		return -1;
	c.f = f;
	c.pos = 0;
	c.line = 1;
	while (c.pos < f->len) {
		char ch = f->data[c.pos];
		long start = c.line;

		if (ch == '/' && c.pos + 1 < f->len && (f->data[c.pos + 1] == '*' ||
							 f->data[c.pos + 1] == '/')) {
			src_skip_noncode(&c);
			continue;
		}
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v') {
			src_advance(&c, 1);
			continue;
		}
		if (src_skip_noncode(&c)) {	/* a literal is code on every line it spans */
			for (; start <= c.line && start <= f->nlines; start++)
				f->code[start] = 1;
			continue;
		}
		if (c.line <= f->nlines)
			f->code[c.line] = 1;
		/* the rest of the line up to what may open a comment or literal */
		do
			c.pos++;
		while (c.pos < f->len && !src_special(f->data[c.pos]));
	}
	return 0;
}

long km_src_nloc(const struct km_src_file *f, long first, long last)
{
	struct km_src_file *mf = (struct km_src_file *)f;
	long n = 0, l;

	if (!f || first < 1 || last < first)
		return 0;
	if (!f->code && src_mark_code(mf))
		return -1;
	if (last > f->nlines)
		last = f->nlines;
	for (l = first; l <= last; l++)
		n += f->code[l];
	return n;
}
