// SPDX-License-Identifier: GPL-2.0
/*
 * ksig.c - list the function definitions of one C source file, with the
 * parameter count of each signature, read from the source text alone.
 *
 * The kernel end-to-end test compares C1 of every record of x86.o with what
 * this finds in x86.c; it shares no code with the plugin, so the two are
 * independent witnesses. It reads the preprocessed file (make x86.i), so
 * #ifdef-ed code is gone and macro-made definitions are visible, and keeps
 * the definitions whose name the line markers place in the main file:
 *
 *   ksig FILE.i MAIN.c
 *
 * prints one line per definition, in source order:
 *
 *   NAME <TAB> PARAMS <TAB> S|G <TAB> LINE
 *
 * S for static, G otherwise. PARAMS: (void) is 0, a trailing ... does not
 * count, () is 0. Handles pointer returns (`struct x *f(...)`), functions
 * returning function pointers (`void (*f(int))(int)`), attributes and asm
 * labels on either side of the declarator, and signatures over many lines.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tok {
	const char *s;		/* NUL-terminated copy */
	int line;
	int main_file;		/* the line markers place it in MAIN.c */
};

static struct tok *toks;
static size_t ntoks, captoks;

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fprintf(stderr, "ksig: out of memory\n");
		exit(2);
	}
	return p;
}

static void push(const char *s, size_t len, int line, int main_file)
{
	char *c;

	if (ntoks == captoks) {
		captoks = captoks ? 2 * captoks : 4096;
		toks = xrealloc(toks, captoks * sizeof(*toks));
	}
	c = xrealloc(NULL, len + 1);
	memcpy(c, s, len);
	c[len] = 0;
	toks[ntoks].s = c;
	toks[ntoks].line = line;
	toks[ntoks].main_file = main_file;
	ntoks++;
}

static int is_ident_start(int c)
{
	return isalpha(c) || c == '_' || c == '$';
}

static int is_ident(const char *s)
{
	return is_ident_start((unsigned char)s[0]);
}

static int eq(size_t i, const char *s)
{
	return !strcmp(toks[i].s, s);
}

/*
 * A line marker `# 123 "file" flags`: sets the line of the next line and
 * whether it belongs to @main_name. Other directives (#pragma) are skipped.
 */
static const char *directive(const char *p, int *line, int *in_main, const char *main_name)
{
	const char *q = p + 1, *end;
	char *after;
	long n;

	while (*q == ' ' || *q == '\t')
		q++;
	if (!strncmp(q, "line", 4))
		q += 4;
	n = strtol(q, &after, 10);
	end = strchr(p, '\n');
	if (!end)
		end = p + strlen(p);
	if (after != q) {
		q = after;
		while (*q == ' ')
			q++;
		if (*q == '"') {
			const char *f = q + 1, *fe = strchr(f, '"');

			if (fe && fe < end)
				*in_main = (size_t)(fe - f) == strlen(main_name) &&
					   !strncmp(f, main_name, fe - f);
		}
		*line = (int)n - 1;	/* the newline below adds one */
	}
	return end;
}

static void tokenize(const char *p, const char *main_name)
{
	int line = 1, in_main = 0, bol = 1;

	while (*p) {
		const char *s = p;

		if (*p == '\n') {
			line++;
			bol = 1;
			p++;
			continue;
		}
		if (isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		if (bol && *p == '#') {
			p = directive(p, &line, &in_main, main_name);
			continue;
		}
		bol = 0;
		if (is_ident_start((unsigned char)*p)) {
			while (isalnum((unsigned char)*p) || *p == '_' || *p == '$')
				p++;
		} else if (isdigit((unsigned char)*p) || (*p == '.' && isdigit((unsigned char)p[1]))) {
			while (isalnum((unsigned char)*p) || *p == '_' || *p == '.' ||
			       ((*p == '+' || *p == '-') && strchr("eEpP", p[-1])))
				p++;
		} else if (*p == '"' || *p == '\'') {
			char quote = *p++;

			while (*p && *p != quote) {
				if (*p == '\\' && p[1])
					p++;
				if (*p == '\n')
					line++;
				p++;
			}
			if (*p)
				p++;
		} else if (!strncmp(p, "...", 3)) {
			p += 3;
		} else {
			p++;
		}
		push(s, p - s, line, in_main);
	}
}

/* The index of the token that closes the group opened at @i, or ntoks. */
static size_t match_close(size_t i, size_t hi)
{
	int depth = 0;

	for (; i < hi; i++) {
		if (eq(i, "(") || eq(i, "[") || eq(i, "{"))
			depth++;
		else if (eq(i, ")") || eq(i, "]") || eq(i, "}"))
			if (--depth == 0)
				return i;
	}
	return ntoks;
}

/* The index of the token that opens the group closed at @i (>= lo), or ntoks. */
static size_t match_open(size_t i, size_t lo)
{
	int depth = 0;

	for (;; i--) {
		if (eq(i, ")") || eq(i, "]") || eq(i, "}"))
			depth++;
		else if (eq(i, "(") || eq(i, "[") || eq(i, "{"))
			if (--depth == 0)
				return i;
		if (i == lo)
			return ntoks;
	}
}

static int is_attribute_word(size_t i)
{
	static const char *const words[] = {
		"__attribute__", "__attribute", "__asm__", "__asm", "asm", NULL
	};
	int k;

	for (k = 0; words[k]; k++)
		if (eq(i, words[k]))
			return 1;
	return 0;
}

/* Parameters between the parentheses at @open and @close. */
static int count_params(size_t open, size_t close)
{
	size_t i, part_start = open + 1;
	int depth = 0, parts = 0;

	if (close == open + 1)
		return 0;
	if (close == open + 2 && eq(open + 1, "void"))
		return 0;
	for (i = open + 1; i <= close; i++) {
		if (i == close || (depth == 0 && eq(i, ","))) {
			if (!(i == part_start + 1 && eq(part_start, "...")))
				parts++;
			part_start = i + 1;
			continue;
		}
		if (eq(i, "(") || eq(i, "[") || eq(i, "{"))
			depth++;
		else if (eq(i, ")") || eq(i, "]") || eq(i, "}"))
			depth--;
	}
	return parts;
}

/*
 * The declarator ending at @hi (exclusive), its first token at @lo: finds
 * the function name and its parameter list. Returns the name's index or ntoks.
 */
static size_t find_declarator(size_t lo, size_t hi, size_t *open, size_t *close)
{
	size_t c, o;

	if (hi <= lo || !eq(hi - 1, ")"))
		return ntoks;
	c = hi - 1;
	o = match_open(c, lo);
	if (o == ntoks || o == lo)
		return ntoks;
	if (is_ident(toks[o - 1].s) && !is_attribute_word(o - 1)) {
		*open = o;
		*close = c;
		return o - 1;
	}
	if (eq(o - 1, ")")) {		/* returns a function pointer: (*name(params))(...) */
		size_t inner = match_open(o - 1, lo);

		if (inner == ntoks)
			return ntoks;
		return find_declarator(inner + 1, o - 1, open, close);
	}
	return ntoks;
}

/*
 * Tokens [lo, hi) precede a '{' at file scope. When they are a function's
 * declaration specifiers and declarator, print the definition.
 */
static void consider(size_t lo, size_t hi)
{
	size_t i, name, open, close, end;
	int is_static = 0, depth = 0;

	/*
	 * Attributes and asm labels may stand before or after the declarator;
	 * find where the declarator ends by dropping trailing ones.
	 */
	end = hi;
	for (;;) {
		size_t o;

		if (end <= lo || !eq(end - 1, ")"))
			break;
		o = match_open(end - 1, lo);
		if (o == ntoks || o == lo)
			break;
		/* __attribute__((x)) : the word is before the outer '(' */
		if (is_attribute_word(o - 1)) {
			end = o - 1;
			continue;
		}
		break;
	}
	for (i = lo; i < end; i++) {
		if (eq(i, "(") || eq(i, "["))
			depth++;
		else if (eq(i, ")") || eq(i, "]"))
			depth--;
		else if (depth == 0 && eq(i, "="))
			return;		/* an initializer, not a body */
		else if (depth == 0 && (eq(i, "struct") || eq(i, "union") || eq(i, "enum")) &&
			 i + 2 == end)
			return;		/* struct tag { */
	}
	name = find_declarator(lo, end, &open, &close);
	if (name == ntoks || !toks[name].main_file)
		return;
	for (i = lo; i < name; i++) {
		if (is_attribute_word(i) && i + 1 < name && eq(i + 1, "(")) {
			i = match_close(i + 1, name);
			if (i == ntoks)
				return;
			continue;
		}
		if (eq(i, "static"))
			is_static = 1;
		if (eq(i, "typedef"))
			return;
	}
	printf("%s\t%d\t%c\t%d\n", toks[name].s, count_params(open, close),
	       is_static ? 'S' : 'G', toks[name].line);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f) {
		perror(path);
		exit(2);
	}
	do {
		if (cap - len < 65536) {
			cap = cap ? 2 * cap : 1 << 20;
			buf = xrealloc(buf, cap + 1);
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n);
	if (ferror(f)) {
		perror(path);
		exit(2);
	}
	fclose(f);
	buf[len] = 0;
	return buf;
}

int main(int argc, char **argv)
{
	size_t i, start = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: ksig FILE.i MAIN.c\n"
			"  lists NAME<TAB>PARAMS<TAB>S|G<TAB>LINE of each function defined in MAIN.c\n");
		return 2;
	}
	tokenize(slurp(argv[1]), argv[2]);
	for (i = 0; i < ntoks; i++) {
		if (eq(i, ";")) {
			start = i + 1;
		} else if (eq(i, "{")) {
			size_t close = match_close(i, ntoks);

			if (close == ntoks) {
				fprintf(stderr, "ksig: %s: unbalanced '{' at line %d\n", argv[1], toks[i].line);
				return 1;
			}
			consider(start, i);
			/*
			 * A body, or the braces of a struct or an initializer,
			 * whose declaration ends at the next ';' anyway.
			 */
			i = close;
			start = i + 1;
		}
	}
	return 0;
}
