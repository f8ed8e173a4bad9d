// SPDX-License-Identifier: GPL-2.0
/*
 * lex.c - what the plugin reads of a line beyond src.c's scanner
 * (km_src.h): the identifier at a place and what it is to a census, the
 * token before a place, and the line directives of a file.
 *
 * Plain C on top of km_src_line and km_src_scan; the unit tests link it
 * without GCC.
 */
#include <stdlib.h>
#include <string.h>

#include "km_src.h"

static int lex_ident_start(unsigned char c)
{
	return c == '_' || c == '$' || (unsigned)((c | 0x20) - 'a') < 26u || c >= 0x80;
}

static int lex_ident_char(unsigned char c)
{
	return lex_ident_start(c) || (unsigned)(c - '0') < 10u;
}

size_t km_src_ident_at(const struct km_src_file *f, long line, long col, const char **p)
{
	size_t len, n = 0;
	const char *s = km_src_line(f, line, &len);

	if (!s || col < 1 || (size_t)col > len || !lex_ident_start((unsigned char)s[col - 1]))
		return 0;
	s += col - 1;
	len -= (size_t)col - 1;
	while (n < len && lex_ident_char((unsigned char)s[n]))
		n++;
	*p = s;
	return n;
}

enum km_ident km_src_ident_class(const char *p, size_t n)
{
	static const char *const uneval[] = {
		"sizeof", "typeof", "__typeof__", "__typeof", "typeof_unqual",
		"__typeof_unqual__", "_Alignof", "__alignof__", "__alignof", "alignof",
		"_Static_assert", "static_assert", "_Generic", "__builtin_types_compatible_p",
		"__builtin_constant_p", "__builtin_offsetof", "__builtin_choose_expr",
		"__builtin_classify_type", "__builtin_has_attribute",
	};
	static const char *const keyword[] = { "return", "case", "if", "while", "switch" };
	size_t i;

	for (i = 0; i < sizeof(uneval) / sizeof(uneval[0]); i++)
		if (strlen(uneval[i]) == n && !memcmp(p, uneval[i], n))
			return KM_ID_UNEVAL;
	if ((n == 16 && !memcmp(p, "__builtin_expect", 16)) ||
	    (n == 33 && !memcmp(p, "__builtin_expect_with_probability", 33)))
		return KM_ID_EXPECT;
	for (i = 0; i < sizeof(keyword) / sizeof(keyword[0]); i++)
		if (strlen(keyword[i]) == n && !memcmp(p, keyword[i], n))
			return KM_ID_KEYWORD;
	return KM_ID_NAME;
}

static const char *lex_skip_blank(const char *p, const char *e);

/* ---- the token before a place ---- */

struct lex_last {
	const struct km_src_file *f;
	long line, col;		/* the last token seen before the place */
	long stop_line, stop_col;
	long directive;		/* the last line found a preprocessor directive's */
	int found;
};

/* Whether line @line of @f belongs to a preprocessor directive: '#' first, or continued. */
static int lex_directive(const struct km_src_file *f, long line)
{
	size_t len;
	const char *p;

	for (; line >= 1; line--) {
		const char *s = km_src_line(f, line, &len);

		if (!s)
			return 0;
		p = lex_skip_blank(s, s + len);
		if (p < s + len && *p == '#')
			return 1;
		s = km_src_line(f, line - 1, &len);
		if (line == 1 || !s || !len || s[len - 1] != '\\')
			return 0;	/* not the continuation of a line before */
	}
	return 0;
}

static int lex_note(void *arg, enum km_tok kind, long line, long col)
{
	struct lex_last *l = (struct lex_last *)arg;

	/* #endif between else and if is no token of the code (else\n#endif\nif) */
	if (line == l->directive || (line != l->line && lex_directive(l->f, line))) {
		l->directive = line;
		return 0;
	}
	if (line < l->stop_line || (line == l->stop_line && col < l->stop_col)) {
		l->line = line;
		l->col = col;
		l->found = 1;
	}
	return 0;
}

int km_src_token_before(const struct km_src_file *f, long line, long col, long *pl, long *pc)
{
	struct lex_last l;
	long from = line > KM_SRC_LOOK_BACK ? line - KM_SRC_LOOK_BACK : 1;

	memset(&l, 0, sizeof(l));
	l.f = f;
	l.stop_line = line;
	l.stop_col = col;
	km_src_scan(f, from, 1, line, col, lex_note, &l);
	if (!l.found)
		return 0;
	*pl = l.line;
	*pc = l.col;
	return 1;
}

/* ---- line directives ---- */

static const char *lex_skip_blank(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* The string literal at @p..@e unescaped into a new string, or NULL. */
static char *lex_unquote(const char *p, const char *e)
{
	char *out, *o;

	if (p >= e || *p != '"')
		return NULL;
	out = o = (char *)malloc((size_t)(e - p));
	if (!out)
		return NULL;
	for (p++; p < e && *p != '"'; p++) {
		if (*p == '\\' && p + 1 < e)
			p++;	/* cpp -E escapes only '\\' and '"' */
		*o++ = *p;
	}
	if (p >= e) {
		free(out);
		return NULL;
	}
	*o = 0;
	return out;
}

int km_src_line_directive(const struct km_src_file *f, long line, long *num, char **name)
{
	size_t len;
	const char *p = km_src_line(f, line, &len), *e;
	long n = 0;

	*name = NULL;
	if (!p)
		return 0;
	e = p + len;
	p = lex_skip_blank(p, e);
	if (p >= e || *p != '#')
		return 0;
	p = lex_skip_blank(p + 1, e);
	if (e - p > 4 && !memcmp(p, "line", 4) && (p[4] == ' ' || p[4] == '\t'))
		p = lex_skip_blank(p + 4, e);
	if (p >= e || *p < '0' || *p > '9')
		return 0;
	for (; p < e && *p >= '0' && *p <= '9'; p++) {
		if (n > 100000000L)
			return 0;
		n = n * 10 + (*p - '0');
	}
	if (p < e && *p != ' ' && *p != '\t')
		return 0;
	*num = n;
	*name = lex_unquote(lex_skip_blank(p, e), e);
	return 1;
}
