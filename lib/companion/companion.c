// SPDX-License-Identifier: GPL-2.0
/*
 * companion.c - the strict parser of the companion file of one object
 * (foo.o.kmetrics.graph), versions 1 and 2; km_companion.h documents the
 * format, companion_write.c writes it.
 *
 * The parser takes the lines in the order the writer prints them: the
 * magic line, object, source, cwd, in version 2 gcc, target, plugin and
 * maybe kernel, maybe records, every F line (indices 0, 1, 2, ...) each
 * followed by its M and C lines when it has them, then E and X lines in
 * any mix, then "end" as the last line, each line ended by LF. It copies
 * the text into one allocation (the arena) that also holds the function
 * and edge arrays; strings point into it. Errors read "LINE: reason",
 * LINE counting from 1.
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with comp_.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "km_companion_fields.h"

#define COMP_MAX_FIELDS	9		/* the M line */

/* ---- parsing ---- */

enum comp_state {
	COMP_MAGIC, COMP_OBJECT, COMP_SOURCE, COMP_CWD, COMP_GCC, COMP_TARGET,
	COMP_PLUGIN, COMP_FUNCS, COMP_EDGES, COMP_END,
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
	memset(f, 0, sizeof(*f));
	if (!fl[2][0])
		return comp_fail(ps, "%s", "empty function name");
	if (!kmc_func_name_ok(fl[2]))
		return comp_fail(ps, "function name '%.64s' is not one a record can have "
				 "(UTF-8 without space, control character or ':')", fl[2]);
	f->name = fl[2];
	if (comp_parse_char(ps, fl[3], kmc_def_linkage_ok, "linkage must be S, G or W"))
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
	if (comp_parse_char(ps, ps->field[2], kmc_kind_ok, "edge kind must be c or a"))
		return -1;
	e->kind = ps->field[2][0];
	e->to = -1;
	e->ext_linkage = 0;
	e->ext_name = NULL;
	if (ext) {
		if (comp_parse_char(ps, ps->field[3], kmc_linkage_ok,
				    "linkage must be S or G"))
			return -1;
		e->ext_linkage = ps->field[3][0];
		if (!ps->field[4][0])
			return comp_fail(ps, "%s", "empty callee name");
		if (!kmc_func_name_ok(ps->field[4]))
			return comp_fail(ps, "callee name '%.64s' is not one a record can have "
					 "(UTF-8 without space, control character or ':')", ps->field[4]);
		e->ext_name = ps->field[4];
	} else {
		long to;

		if (comp_parse_index(ps, ps->field[3], &to, "callee index"))
			return -1;
		if (to == from)
			return comp_fail(ps, "%s", "self edge (C8 counts those)");
		if (to > INT32_MAX)
			return comp_fail(ps, "%s", "callee index too large");
		e->to = (int32_t)to;
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

/* A number of an M or C line: a plain decimal, or '-' for none (-1). */
static int comp_parse_opt(struct comp_parser *ps, const char *s, long *out,
			  const char *what)
{
	if (!strcmp(s, "-")) {
		*out = -1;
		return 0;
	}
	if (comp_parse_long(s, out))
		return comp_fail(ps, "%s '%s' is neither a plain decimal nor '-'", what, s);
	return 0;
}

/*
 * The F line an M or C line belongs to: the last one, named by its index;
 * @m: an M line, which comes before the C line.
 */
static struct km_cfunc *comp_own_func(struct comp_parser *ps, int m)
{
	struct km_companion *c = ps->c;
	struct km_cfunc *f = c->nfuncs ? &c->funcs[c->nfuncs - 1] : NULL;
	const char *tag = m ? "M" : "C";
	long idx;

	if (c->version < 2) {
		comp_fail(ps, "%s line in a version 1 companion", tag);
		return NULL;
	}
	if (comp_want_fields(ps, m ? 9 : 7))
		return NULL;
	if (ps->state != COMP_FUNCS || !f || comp_parse_long(ps->field[1], &idx) ||
	    (size_t)idx != c->nfuncs - 1 || f->has_facts || (m && f->has_measures)) {
		comp_fail(ps, "%s line is not right after its F line", tag);
		return NULL;
	}
	return f;
}

static int comp_measures(struct comp_parser *ps)
{
	static const char *const what[] = {
		"nloc", "macro decisions", "cognitive", "n1", "n2", "N1", "N2",
	};
	struct km_cfunc *f = comp_own_func(ps, 1);
	long *v[7];
	int i;

	if (!f)
		return -1;
	v[0] = &f->m.nloc;
	v[1] = &f->m.macro_decisions;
	v[2] = &f->m.cognitive;
	v[3] = &f->m.hal_n1;
	v[4] = &f->m.hal_n2;
	v[5] = &f->m.hal_N1;
	v[6] = &f->m.hal_N2;
	for (i = 0; i < 7; i++)
		if (comp_parse_opt(ps, ps->field[2 + i], v[i], what[i]))
			return -1;
	f->has_measures = 1;
	return 0;
}

static int comp_facts(struct comp_parser *ps)
{
	struct km_cfunc *f = comp_own_func(ps, 0);
	char **fl = ps->field;

	if (!f || comp_parse_opt(ps, fl[2], &f->x.frame_bytes, "frame bytes"))
		return -1;
	if (strcmp(fl[3], "0") && strcmp(fl[3], "1"))
		return comp_fail(ps, "%s", "inlined must be 0 or 1");
	f->x.inlined = fl[3][0] - '0';
	if (!fl[4][0])
		return comp_fail(ps, "%s", "empty section name (none is '-')");
	f->x.section = strcmp(fl[4], "-") ? fl[4] : NULL;
	if (comp_parse_opt(ps, fl[5], &f->x.cfg_blocks, "cfg blocks") ||
	    comp_parse_opt(ps, fl[6], &f->x.cfg_cyclomatic, "cfg cyclomatic"))
		return -1;
	f->has_facts = 1;
	return 0;
}

/* "kernel RELEASE HASH": the kernel tree the object was compiled in. */
static int comp_kernel(struct comp_parser *ps)
{
	const char *hash = ps->field[2];
	char *end;

	if (ps->nfields != 3)
		return comp_fail(ps, "%s", "kernel line needs a release and a .config hash");
	if (strlen(hash) != 16 || strspn(hash, "0123456789abcdef") != 16)
		return comp_fail(ps, "%s", ".config hash must be 16 lowercase hex digits");
	ps->c->kernel_release = ps->field[1];
	ps->c->config_hash = (uint64_t)strtoull(hash, &end, 16);
	ps->c->has_kernel = 1;
	return 0;
}

/* Before the first F line: maybe kernel (version 2), then maybe records. */
static int comp_head_line(struct comp_parser *ps, const char *tag, int *done)
{
	struct km_companion *c = ps->c;
	int head = ps->state == COMP_FUNCS && !c->nfuncs && !c->has_records;

	*done = 1;
	if (!strcmp(tag, "kernel") && head && c->version >= 2 && !c->has_kernel)
		return comp_kernel(ps);
	if (!strcmp(tag, "records") && head)
		return comp_records(ps);
	*done = 0;
	return 0;
}

static int comp_body_line(struct comp_parser *ps)
{
	const char *tag = ps->field[0];
	int done, r;

	if (!strcmp(tag, "end") && ps->nfields == 1) {
		ps->state = COMP_END;
		return 0;
	}
	r = comp_head_line(ps, tag, &done);
	if (done)
		return r;
	if (!strcmp(tag, "F"))
		return comp_func(ps);
	if (!strcmp(tag, "M"))
		return comp_measures(ps);
	if (!strcmp(tag, "C"))
		return comp_facts(ps);
	if (!strcmp(tag, "E") || !strcmp(tag, "X"))
		return comp_edge(ps);
	if (ps->c->version >= 2)
		return comp_fail(ps, "unknown line '%.20s' (expected F, M, C, E, X or end)", tag);
	return comp_fail(ps, "unknown line '%.20s' (expected F, E, X or end)", tag);
}

/* "kmetrics-graph VERSION", VERSION 1 or 2. */
static int comp_magic(struct comp_parser *ps)
{
	const char *v = ps->field[0] + strlen(KM_COMPANION_MAGIC);

	if (ps->nfields != 1 || strncmp(ps->field[0], KM_COMPANION_MAGIC " ",
					 strlen(KM_COMPANION_MAGIC) + 1))
		return comp_fail(ps, "%s", "not a kmetrics companion file (first line must be '"
				 KM_COMPANION_MAGIC " VERSION')");
	if (strcmp(v, " 1") && strcmp(v, " 2"))
		return comp_fail(ps, "companion version '%.20s', this reader knows 1 and 2",
				 v + 1);
	ps->c->version = v[1] - '0';
	ps->state = COMP_OBJECT;
	return 0;
}

static int comp_line(struct comp_parser *ps)
{
	struct km_companion *c = ps->c;
	int v2 = c->version >= 2;

	switch (ps->state) {
	case COMP_MAGIC:
		return comp_magic(ps);
	case COMP_OBJECT:
		ps->state = COMP_SOURCE;
		return comp_header(ps, "object", &c->object);
	case COMP_SOURCE:
		ps->state = COMP_CWD;
		return comp_header(ps, "source", &c->source);
	case COMP_CWD:
		ps->state = v2 ? COMP_GCC : COMP_FUNCS;
		return comp_header(ps, "cwd", &c->cwd);
	case COMP_GCC:
		ps->state = COMP_TARGET;
		return comp_header(ps, "gcc", &c->gcc);
	case COMP_TARGET:
		ps->state = COMP_PLUGIN;
		return comp_header(ps, "target", &c->target);
	case COMP_PLUGIN:
		ps->state = COMP_FUNCS;
		return comp_header(ps, "plugin", &c->plugin);
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
