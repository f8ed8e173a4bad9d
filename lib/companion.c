// SPDX-License-Identifier: GPL-2.0
/*
 * companion.c - the companion file of one object (foo.o.kmetrics.graph):
 * its writer and its strict parser. km_companion.h documents the format.
 *
 * The parser takes the lines in the order the writer prints them: the
 * magic line, object, source, cwd, every F line (indices 0, 1, 2, ...),
 * then E and X lines in any mix, then "end" as the last line, each line
 * ended by LF. It copies the text into one allocation (the arena) that
 * also holds the function and edge arrays; strings point into it.
 * Errors read "LINE: reason", LINE counting from 1.
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with comp_.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "km_companion.h"
#include "km_io.h"

#define COMP_MAX_FIELDS	8		/* the F line */

/* ---- writing ---- */

/* A string that fits in one field: no TAB, no LF. NULL counts as "". */
static int comp_str_ok(const char *s)
{
	return !s || !strpbrk(s, "\t\n");
}

static int comp_name_ok(const char *s)
{
	return s && *s && comp_str_ok(s);
}

static int comp_linkage_ok(char c)
{
	return c == 'S' || c == 'G';
}

/* A definition may also be weak: a global that a strong one overrides. */
static int comp_def_linkage_ok(char c)
{
	return comp_linkage_ok(c) || c == 'W';
}

static int comp_kind_ok(char c)
{
	return c == 'c' || c == 'a';
}

static int comp_func_ok(const struct km_cfunc *f)
{
	return comp_name_ok(f->name) && comp_def_linkage_ok(f->linkage) &&
	       comp_str_ok(f->file) && f->first_line >= 0 &&
	       f->last_line >= 0 && f->rec >= -1;
}

static int comp_edge_ok(const struct km_cedge *e, size_t nfuncs)
{
	if (e->from >= nfuncs || !comp_kind_ok(e->kind))
		return 0;
	if (e->to == -1)
		return comp_linkage_ok(e->ext_linkage) && comp_name_ok(e->ext_name);
	return e->to >= 0 && (size_t)e->to < nfuncs && (size_t)e->to != e->from;
}

/* Whether the parser would take back what the writer prints of @c. */
static int comp_writable(const struct km_companion *c)
{
	size_t i;

	if (!comp_str_ok(c->object) || !comp_str_ok(c->source) ||
	    !comp_str_ok(c->cwd))
		return 0;
	for (i = 0; i < c->nfuncs; i++)
		if (!comp_func_ok(&c->funcs[i]))
			return 0;
	for (i = 0; i < c->nedges; i++)
		if (!comp_edge_ok(&c->edges[i], c->nfuncs))
			return 0;
	return 1;
}

static const char *comp_s(const char *s)
{
	return s ? s : "";
}

static void comp_put_func(struct km_buf *b, size_t idx, const struct km_cfunc *f)
{
	km_buf_printf(b, "F\t%zu\t%s\t%c\t%s\t%ld\t%ld\t", idx, f->name,
		      f->linkage, comp_s(f->file), f->first_line, f->last_line);
	if (f->rec < 0)
		km_buf_puts(b, "-\n");
	else
		km_buf_printf(b, "%ld\n", f->rec);
}

static void comp_put_edge(struct km_buf *b, const struct km_cedge *e)
{
	if (e->to >= 0)
		km_buf_printf(b, "E\t%lu\t%c\t%ld\n", (unsigned long)e->from,
			      e->kind, e->to);
	else
		km_buf_printf(b, "X\t%lu\t%c\t%c\t%s\n", (unsigned long)e->from,
			      e->kind, e->ext_linkage, e->ext_name);
}

char *km_companion_format(const struct km_companion *c, size_t *len)
{
	struct km_buf b;
	size_t i;

	if (!comp_writable(c))
		return NULL;
	km_buf_init(&b);
	km_buf_puts(&b, KM_COMPANION_MAGIC "\n");
	km_buf_printf(&b, "object\t%s\n", comp_s(c->object));
	km_buf_printf(&b, "source\t%s\n", comp_s(c->source));
	km_buf_printf(&b, "cwd\t%s\n", comp_s(c->cwd));
	if (c->has_records)
		km_buf_printf(&b, "records\t%lu\t%016llx\n", c->nrecords,
			      (unsigned long long)c->records_hash);
	for (i = 0; i < c->nfuncs; i++)
		comp_put_func(&b, i, &c->funcs[i]);
	for (i = 0; i < c->nedges; i++)
		comp_put_edge(&b, &c->edges[i]);
	km_buf_puts(&b, "end\n");
	if (b.oom) {
		km_buf_free(&b);
		return NULL;
	}
	if (len)
		*len = b.len;
	return b.p;
}

/* ---- parsing ---- */

enum comp_state {
	COMP_MAGIC, COMP_OBJECT, COMP_SOURCE, COMP_CWD, COMP_FUNCS, COMP_EDGES,
	COMP_END,
};

struct comp_parser {
	struct km_companion *c;
	size_t maxfuncs, maxedges;
	enum comp_state state;
	char *field[COMP_MAX_FIELDS];
	size_t nfields;
	char *err;
	size_t errlen;
	unsigned long line;
};

static int comp_fail(struct comp_parser *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int comp_fail(struct comp_parser *ps, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	if (!ps->err || !ps->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(ps->err, ps->errlen, "%lu: %s", ps->line, msg);
	return -1;
}

/* A plain decimal, no sign, no leading zero, at most LONG_MAX. */
static int comp_parse_long(const char *s, long *out)
{
	unsigned long v = 0;
	int d;

	if (!*s || (s[0] == '0' && s[1]))
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		d = *s - '0';
		if (v > ((unsigned long)LONG_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = (long)v;
	return 0;
}

/* A number naming an F line that came before. */
static int comp_parse_index(struct comp_parser *ps, const char *s, long *out,
			    const char *what)
{
	if (comp_parse_long(s, out))
		return comp_fail(ps, "%s is not a plain decimal number", what);
	if ((size_t)*out >= ps->c->nfuncs)
		return comp_fail(ps, "%s is not the index of an F line", what);
	return 0;
}

static int comp_parse_char(struct comp_parser *ps, const char *s,
			   int (*ok)(char), const char *msg)
{
	if (!s[0] || s[1] || !ok(s[0]))
		return comp_fail(ps, "%s", msg);
	return 0;
}

static int comp_want_fields(struct comp_parser *ps, size_t n)
{
	if (ps->nfields == n)
		return 0;
	return comp_fail(ps, "'%s' line has %zu TAB-separated fields, expected %zu",
			 ps->field[0], ps->nfields, n);
}

static int comp_header(struct comp_parser *ps, const char *key, const char **out)
{
	if (strcmp(ps->field[0], key) || ps->nfields != 2)
		return comp_fail(ps, "expected '%s<TAB>value'", key);
	*out = ps->field[1];
	return 0;
}

static int comp_func(struct comp_parser *ps)
{
	struct km_companion *c = ps->c;
	struct km_cfunc *f;
	long idx;
	char **fl = ps->field;

	if (ps->state != COMP_FUNCS)
		return comp_fail(ps, "%s line after the first edge line", "F");
	if (comp_want_fields(ps, 8))
		return -1;
	if (comp_parse_long(fl[1], &idx) || (size_t)idx != c->nfuncs ||
	    c->nfuncs >= ps->maxfuncs)
		return comp_fail(ps, "F index '%s' is not the next index", fl[1]);
	f = &c->funcs[c->nfuncs];
	if (!fl[2][0])
		return comp_fail(ps, "%s", "empty function name");
	f->name = fl[2];
	if (comp_parse_char(ps, fl[3], comp_def_linkage_ok, "linkage must be S, G or W"))
		return -1;
	f->linkage = fl[3][0];
	f->file = fl[4];
	if (comp_parse_long(fl[5], &f->first_line))
		return comp_fail(ps, "first line '%s' is not a plain decimal", fl[5]);
	if (comp_parse_long(fl[6], &f->last_line))
		return comp_fail(ps, "last line '%s' is not a plain decimal", fl[6]);
	if (!strcmp(fl[7], "-"))
		f->rec = -1;
	else if (comp_parse_long(fl[7], &f->rec))
		return comp_fail(ps, "record index '%s' is neither a plain decimal nor '-'",
				 fl[7]);
	c->nfuncs++;
	return 0;
}

static int comp_edge(struct comp_parser *ps)
{
	struct km_companion *c = ps->c;
	struct km_cedge *e;
	int ext = ps->field[0][0] == 'X';
	long from;

	if (comp_want_fields(ps, ext ? 5 : 4))
		return -1;
	if (c->nedges >= ps->maxedges)
		return comp_fail(ps, "%s", "more edges than counted");
	e = &c->edges[c->nedges];
	if (comp_parse_index(ps, ps->field[1], &from, "caller index"))
		return -1;
	e->from = (uint32_t)from;
	if ((unsigned long)from != e->from)
		return comp_fail(ps, "%s", "caller index too large");
	if (comp_parse_char(ps, ps->field[2], comp_kind_ok, "edge kind must be c or a"))
		return -1;
	e->kind = ps->field[2][0];
	e->to = -1;
	e->ext_linkage = 0;
	e->ext_name = NULL;
	if (ext) {
		if (comp_parse_char(ps, ps->field[3], comp_linkage_ok,
				    "linkage must be S or G"))
			return -1;
		e->ext_linkage = ps->field[3][0];
		if (!ps->field[4][0])
			return comp_fail(ps, "%s", "empty callee name");
		e->ext_name = ps->field[4];
	} else {
		if (comp_parse_index(ps, ps->field[3], &e->to, "callee index"))
			return -1;
		if (e->to == from)
			return comp_fail(ps, "%s", "self edge (C8 counts those)");
	}
	ps->state = COMP_EDGES;
	c->nedges++;
	return 0;
}

/* "records COUNT HASH": the sidecar this companion was written with. */
static int comp_records(struct comp_parser *ps)
{
	const char *count = ps->field[1], *hash = ps->field[2];
	char *end;
	unsigned long long v;

	if (ps->nfields != 3)
		return comp_fail(ps, "%s", "records line needs a count and a hash");
	if (!*count || strspn(count, "0123456789") != strlen(count) ||
	    (count[0] == '0' && count[1]))
		return comp_fail(ps, "%s", "records count is not a plain number");
	if (strlen(hash) != 16 || strspn(hash, "0123456789abcdef") != 16)
		return comp_fail(ps, "%s", "records hash must be 16 lowercase hex digits");
	errno = 0;
	v = strtoull(count, &end, 10);
	if (errno || v > ULONG_MAX)
		return comp_fail(ps, "%s", "records count is too large");
	ps->c->nrecords = (unsigned long)v;
	ps->c->records_hash = (uint64_t)strtoull(hash, &end, 16);
	ps->c->has_records = 1;
	return 0;
}

static int comp_body_line(struct comp_parser *ps)
{
	const char *tag = ps->field[0];

	if (!strcmp(tag, "end") && ps->nfields == 1) {
		ps->state = COMP_END;
		return 0;
	}
	if (!strcmp(tag, "records") && ps->state == COMP_FUNCS && !ps->c->nfuncs &&
	    !ps->c->has_records)
		return comp_records(ps);
	if (!strcmp(tag, "F"))
		return comp_func(ps);
	if (!strcmp(tag, "E") || !strcmp(tag, "X"))
		return comp_edge(ps);
	return comp_fail(ps, "unknown line '%.20s' (expected F, E, X or end)", tag);
}

static int comp_line(struct comp_parser *ps)
{
	struct km_companion *c = ps->c;

	switch (ps->state) {
	case COMP_MAGIC:
		if (ps->nfields != 1 || strcmp(ps->field[0], KM_COMPANION_MAGIC))
			return comp_fail(ps, "%s", "not a kmetrics companion file "
					 "(first line must be '" KM_COMPANION_MAGIC "')");
		ps->state = COMP_OBJECT;
		return 0;
	case COMP_OBJECT:
		ps->state = COMP_SOURCE;
		return comp_header(ps, "object", &c->object);
	case COMP_SOURCE:
		ps->state = COMP_CWD;
		return comp_header(ps, "source", &c->source);
	case COMP_CWD:
		ps->state = COMP_FUNCS;
		return comp_header(ps, "cwd", &c->cwd);
	case COMP_FUNCS:
	case COMP_EDGES:
		return comp_body_line(ps);
	case COMP_END:
		break;
	}
	return comp_fail(ps, "%s", "text after the 'end' line");
}

/* Split the NUL-terminated line @s in place at its TABs; count them all. */
static void comp_split(struct comp_parser *ps, char *s)
{
	char *tab;

	ps->nfields = 0;
	for (;;) {
		if (ps->nfields < COMP_MAX_FIELDS)
			ps->field[ps->nfields] = s;
		ps->nfields++;
		tab = strchr(s, '\t');
		if (!tab)
			break;
		*tab = '\0';
		s = tab + 1;
	}
}

static int comp_lines(struct comp_parser *ps, char *text, size_t len)
{
	char *p = text, *end = text + len, *nl;

	ps->line = 0;
	while (p < end) {
		ps->line++;
		nl = (char *)memchr(p, '\n', end - p);
		if (!nl)
			return comp_fail(ps, "%s", "last line has no newline (file truncated)");
		*nl = '\0';
		if (strlen(p) != (size_t)(nl - p))
			return comp_fail(ps, "%s", "NUL byte in line");
		comp_split(ps, p);
		if (comp_line(ps))
			return -1;
		p = nl + 1;
	}
	if (ps->state != COMP_END) {
		ps->line++;
		return comp_fail(ps, "%s", "no 'end' line (file truncated)");
	}
	return 0;
}

/* Upper bounds of the F and E/X lines, to size the arrays. */
static void comp_count(const char *data, size_t len, size_t *nf, size_t *ne)
{
	size_t i;

	*nf = 0;
	*ne = 0;
	for (i = 0; i + 1 < len; i++) {
		if ((i && data[i - 1] != '\n') || data[i + 1] != '\t')
			continue;
		if (data[i] == 'F')
			(*nf)++;
		else if (data[i] == 'E' || data[i] == 'X')
			(*ne)++;
	}
}

static char *comp_arena(const char *data, size_t len, struct comp_parser *ps)
{
	struct km_companion *c = ps->c;
	size_t fsz, esz, total;
	char *a;

	comp_count(data, len, &ps->maxfuncs, &ps->maxedges);
	fsz = ps->maxfuncs * sizeof(struct km_cfunc);
	esz = ps->maxedges * sizeof(struct km_cedge);
	total = fsz + esz + len + 1;
	a = (char *)malloc(total);
	if (!a)
		return NULL;
	c->funcs = (struct km_cfunc *)a;
	c->edges = (struct km_cedge *)(a + fsz);
	memcpy(a + fsz + esz, data, len);
	a[fsz + esz + len] = '\0';
	return a;
}

int km_companion_parse(const char *data, size_t len, struct km_companion *c,
		       char *err, size_t errlen)
{
	struct comp_parser ps;
	struct km_companion tmp;
	char *text;

	memset(&tmp, 0, sizeof(tmp));
	memset(&ps, 0, sizeof(ps));
	ps.c = &tmp;
	ps.err = err;
	ps.errlen = errlen;
	ps.state = COMP_MAGIC;
	if (err && errlen)
		err[0] = '\0';
	tmp.arena = comp_arena(data, len, &ps);
	if (!tmp.arena) {
		ps.line = 1;
		return comp_fail(&ps, "%s", "out of memory");
	}
	text = tmp.arena + ps.maxfuncs * sizeof(struct km_cfunc) +
	       ps.maxedges * sizeof(struct km_cedge);
	if (comp_lines(&ps, text, len)) {
		free(tmp.arena);
		return -1;
	}
	*c = tmp;
	return 0;
}

void km_companion_free(struct km_companion *c)
{
	free(c->arena);
	memset(c, 0, sizeof(*c));
}

uint64_t km_companion_records_hash(const char *records, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)records[i];
		h *= 0x100000001b3ull;
	}
	return h;
}
