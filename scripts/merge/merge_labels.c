// SPDX-License-Identifier: GPL-2.0
/*
 * merge_labels.c - --labels=FILE: LABEL 1 for the functions listed, 0 for
 * all others.
 *
 * One entry a line: `name`, or `path/to/file.c:name` for the function of
 * that name defined in that file (to pick one static among several).
 * Blank space around an entry is ignored, `#` starts a comment. A path
 * matches a record's source file (the companion's F file, and the same
 * joined to the companion's cwd when relative) when it is equal to it or
 * a trailing part of it that starts after a '/'; a leading "./" is
 * ignored on both sides. An entry that matches no record is a warning
 * ("FILE:LINE: warning: ..."); a line that is not an entry is an error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"

struct lb_entry {
	char *name;
	char *path;		/* NULL for a plain name */
	size_t line;
	int matched;
};

struct mg_labels {
	char *file;
	struct lb_entry *e;
	size_t n;
	int paths;
};

/*
 * A name the plugin can record: a C identifier, whose letters may also be
 * any UTF-8 character beyond ASCII (GCC takes `größe`), so every ASCII byte
 * is a letter, a digit (not first), '_' or '$'.
 */
static int lb_is_ident(const char *s)
{
	const char *p;

	if (!*s || (*s >= '0' && *s <= '9') || !km_record_name_ok(s, strlen(s)))
		return 0;
	for (p = s; *p; p++)
		if (!((unsigned char)*p >= 0x80 || *p == '_' || *p == '$' ||
		      (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9')))
			return 0;
	return 1;
}

static char *lb_trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t' || *s == '\r')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = 0;
	return s;
}

static const char *lb_strip_dot(const char *p)
{
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	return p;
}

static int lb_parse_line(struct mg_labels *l, char *s, size_t line)
{
	struct lb_entry *e;
	char *colon, *hash = strchr(s, '#');

	if (hash)
		*hash = 0;
	s = lb_trim(s);
	if (!*s)
		return 0;
	e = &l->e[l->n];
	memset(e, 0, sizeof(*e));
	colon = strrchr(s, ':');
	if (colon) {
		*colon = 0;
		e->path = mg_strdup(lb_strip_dot(lb_trim(s)));
		s = lb_trim(colon + 1);
		if (!*e->path) {
			free(e->path);
			mg_errorf("%s:%zu: empty path before ':'", l->file, line);
			return -1;
		}
		l->paths = 1;
	}
	if (!lb_is_ident(s)) {
		free(e->path);
		mg_errorf("%s:%zu: not a function name: '%s'", l->file, line, s);
		return -1;
	}
	e->name = mg_strdup(s);
	e->line = line;
	l->n++;
	return 0;
}

static int lb_cmp(const void *a, const void *b)
{
	const struct lb_entry *x = (const struct lb_entry *)a;
	const struct lb_entry *y = (const struct lb_entry *)b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int lb_cmp_line(const void *a, const void *b)
{
	const struct lb_entry *x = (const struct lb_entry *)a;
	const struct lb_entry *y = (const struct lb_entry *)b;

	return x->line < y->line ? -1 : x->line > y->line;
}

struct mg_labels *mg_labels_read(const char *path)
{
	struct mg_labels *l = (struct mg_labels *)mg_alloc(sizeof(*l));
	size_t len, lines = 1, i, line = 0;
	char *data = mg_read_text(path, KM_READ_LIST_MAX, &len), *p, *next;

	l->file = mg_strdup(path);
	if (!data) {
		mg_labels_free(l);
		return NULL;
	}
	for (i = 0; i < len; i++)
		lines += data[i] == '\n';
	l->e = (struct lb_entry *)mg_alloc(lines * sizeof(*l->e));
	for (p = data; p; p = next) {
		next = strchr(p, '\n');
		if (next)
			*next++ = 0;
		line++;
		if (next == NULL && !*p)
			break;
		if (lb_parse_line(l, p, line)) {
			free(data);
			mg_labels_free(l);
			return NULL;
		}
	}
	free(data);
	qsort(l->e, l->n, sizeof(*l->e), lb_cmp);
	return l;
}

int mg_labels_need_paths(const struct mg_labels *l)
{
	return l->paths;
}

/* @path is @file, or a trailing part of it starting after a '/'. */
static int lb_path_tail(const char *file, const char *path)
{
	size_t a, b;

	file = lb_strip_dot(file);
	a = strlen(file);
	b = strlen(path);
	if (b > a || strcmp(file + a - b, path))
		return 0;
	return a == b || file[a - b - 1] == '/';
}

static int lb_path_matches(const struct mg_set *set, const struct mg_rec *r,
			   const char *path)
{
	const struct km_cfunc *f = mg_rec_func(set, r);
	const char *cwd;
	char *joined;
	int ok;

	if (!f)
		return 0;
	if (lb_path_tail(f->file, path))
		return 1;
	cwd = set->sides[r->side].comp.cwd;
	if (f->file[0] == '/' || !cwd || !*cwd)
		return 0;
	joined = mg_path_join(cwd, lb_strip_dot(f->file));
	ok = lb_path_tail(joined, path);
	free(joined);
	return ok;
}

/* The first entry named like @r, by binary search; l->n when there is none. */
static size_t lb_first(const struct mg_labels *l, const struct mg_rec *r)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *nm = l->e[mid].name;
		size_t nl = strlen(nm);
		int c = memcmp(nm, r->text, nl < r->name_len ? nl : r->name_len);

		if (!c)
			c = nl < r->name_len ? -1 : nl > r->name_len;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int lb_same_name(const struct lb_entry *e, const struct mg_rec *r)
{
	return strlen(e->name) == r->name_len && !memcmp(e->name, r->text, r->name_len);
}

int mg_labels_apply(struct mg_labels *l, struct mg_set *set)
{
	size_t i, k;

	for (i = 0; i < set->nrecs; i++) {
		struct mg_rec *r = &set->recs[i];

		r->label = 0;
		for (k = lb_first(l, r); k < l->n && lb_same_name(&l->e[k], r); k++) {
			if (l->e[k].path && !lb_path_matches(set, r, l->e[k].path))
				continue;
			l->e[k].matched = 1;
			r->label = 1;
		}
	}
	qsort(l->e, l->n, sizeof(*l->e), lb_cmp_line);
	for (k = 0; k < l->n; k++) {
		if (l->e[k].matched)
			continue;
		if (l->e[k].path)
			mg_linef("%s:%zu: warning: %s:%s matches no function", l->file,
				 l->e[k].line, l->e[k].path, l->e[k].name);
		else
			mg_linef("%s:%zu: warning: %s matches no function", l->file,
				 l->e[k].line, l->e[k].name);
	}
	set->changed = 1;
	return 0;
}

void mg_labels_free(struct mg_labels *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->e[i].name);
		free(l->e[i].path);
	}
	free(l->e);
	free(l->file);
	free(l);
}
