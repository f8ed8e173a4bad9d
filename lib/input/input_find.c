// SPDX-License-Identifier: GPL-2.0
/*
 * input_find.c - the inputs of the tools found (km_input.h, mg_collect):
 * directories searched for sidecars, ELF objects and archives for the
 * records embedded in them, each file taken once. What is found, and in
 * which order, input.c's comment says.
 *
 * Plain C, compiles as C11 and as C++.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "companion/km_elfembed.h"
#include "km_input.h"
#include "io/km_io.h"

/* Paths being collected, with the identity of each file. */
struct mg_file {
	char *path;
	dev_t dev;
	ino_t ino;
	size_t order;		/* place in the input order */
	size_t first;		/* order of the first path of the same file */
};

struct mg_list {
	struct mg_file *f;
	size_t n, cap;
};

static void mg_list_add(struct mg_list *l, char *path, const struct stat *st)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->f = (struct mg_file *)realloc(l->f, l->cap * sizeof(*l->f));
		if (!l->f) {
			mg_errorf("%s: out of memory", mg_prog);
			exit(1);
		}
	}
	l->f[l->n].path = path;
	l->f[l->n].dev = st->st_dev;
	l->f[l->n].ino = st->st_ino;
	l->n++;
}

static int mg_has_suffix(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a > b && !strcmp(s + a - b, suffix);
}

static int mg_walk(const char *dir, struct mg_list *l)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d) {
		mg_errorf("%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d))) {
		struct stat st;
		char *p;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		p = mg_path_join(dir, de->d_name);
		if (lstat(p, &st)) {
			mg_errorf("%s: %s", p, strerror(errno));
			free(p);
			closedir(d);
			return -1;
		}
		if (S_ISDIR(st.st_mode)) {
			if (mg_walk(p, l)) {
				free(p);
				closedir(d);
				return -1;
			}
			free(p);
			continue;
		}
		if (!mg_has_suffix(de->d_name, MG_SUFFIX) ||
		    (S_ISLNK(st.st_mode) && (stat(p, &st) || !S_ISREG(st.st_mode))) ||
		    (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))) {
			free(p);
			continue;
		}
		mg_list_add(l, p, &st);
	}
	closedir(d);
	return 0;
}

static int mg_cmp_path(const void *a, const void *b)
{
	return strcmp(((const struct mg_file *)a)->path, ((const struct mg_file *)b)->path);
}

static int mg_cmp_identity(const void *a, const void *b)
{
	const struct mg_file *x = (const struct mg_file *)a, *y = (const struct mg_file *)b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int mg_cmp_order(const void *a, const void *b)
{
	const struct mg_file *x = (const struct mg_file *)a, *y = (const struct mg_file *)b;

	return x->order < y->order ? -1 : x->order > y->order;
}

/* Mark each file met again with the order of its first path. */
static void mg_find_twice(struct mg_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		l->f[i].order = i;
	qsort(l->f, l->n, sizeof(*l->f), mg_cmp_identity);
	for (i = 0; i < l->n; i++) {
		int same = i && l->f[i].dev == l->f[i - 1].dev &&
			   l->f[i].ino == l->f[i - 1].ino;

		l->f[i].first = same ? l->f[i - 1].first : l->f[i].order;
	}
	qsort(l->f, l->n, sizeof(*l->f), mg_cmp_order);
}

static void mg_add_side(struct mg_set *set, char *path)
{
	struct mg_side *s;

	set->sides = (struct mg_side *)realloc(set->sides, (set->nsides + 1) * sizeof(*s));
	if (!set->sides) {
		mg_errorf("%s: out of memory", mg_prog);
		exit(1);
	}
	s = &set->sides[set->nsides++];
	memset(s, 0, sizeof(*s));
	s->path = path;
}

static char *mg_memdup(const char *p, size_t n)
{
	char *q = (char *)mg_alloc(n + 1);

	memcpy(q, p, n);
	return q;
}

/* Identities (device, inode) of the objects read so far: an open hash set. */
struct mg_id {
	dev_t dev;
	ino_t ino;
	int used;
};

struct mg_seen {
	struct mg_id *id;
	size_t n, cap;
};

/* 1 when @st was not in @s (now it is), 0 when it was. */
static int mg_seen_add(struct mg_seen *s, const struct stat *st)
{
	size_t j;

	if ((s->n + 1) * 2 > s->cap) {
		struct mg_seen ns;
		size_t i;

		ns.cap = s->cap ? s->cap * 2 : 256;
		ns.n = 0;
		ns.id = (struct mg_id *)mg_alloc(ns.cap * sizeof(*ns.id));
		for (i = 0; i < s->cap; i++) {
			if (!s->id[i].used)
				continue;
			j = ((size_t)s->id[i].ino * 31 + (size_t)s->id[i].dev) & (ns.cap - 1);
			while (ns.id[j].used)
				j = (j + 1) & (ns.cap - 1);
			ns.id[j] = s->id[i];
			ns.n++;
		}
		free(s->id);
		*s = ns;
	}
	j = ((size_t)st->st_ino * 31 + (size_t)st->st_dev) & (s->cap - 1);
	while (s->id[j].used) {
		if (s->id[j].dev == st->st_dev && s->id[j].ino == st->st_ino)
			return 0;
		j = (j + 1) & (s->cap - 1);
	}
	s->id[j].dev = st->st_dev;
	s->id[j].ino = st->st_ino;
	s->id[j].used = 1;
	s->n++;
	return 1;
}

/* Reading one PATH that is an object or an archive. */
struct mg_emb {
	struct mg_set *set;
	struct mg_seen *seen;
	char *visit;		/* the member whose blobs are coming */
	size_t side0;		/* its first side */
	int skip;		/* read before: its blobs are skipped */
	size_t skipped;		/* members skipped in this PATH */
	char *first_skipped;
};

/* The object an embedded companion names, or NULL. */
static char *mg_comp_object(const char *g, size_t glen)
{
	const char *end = g + glen, *p = g;

	while (p < end) {
		const char *nl = (const char *)memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (n > 7 && !memcmp(p, "object\t", 7))
			return mg_memdup(p + 7, n - 7);
		if (!nl)
			break;
		p = nl + 1;
	}
	return NULL;
}

/*
 * The blobs of one member are in; when there are several (`ld -r`), each
 * is named after the object its companion names: "rel.o(sub/x.o)".
 */
static void mg_emb_visit_end(struct mg_emb *e)
{
	struct mg_set *set = e->set;
	size_t i;

	if (!e->visit || set->nsides - e->side0 < 2)
		return;
	for (i = e->side0; i < set->nsides; i++) {
		struct mg_side *s = &set->sides[i];
		char *obj = mg_comp_object(s->comp_data, s->comp_len);
		char num[32];
		const char *what = obj;
		char *name;

		if (!obj) {
			snprintf(num, sizeof(num), "#%zu", i - e->side0 + 1);
			what = num;
		}
		name = (char *)mg_alloc(strlen(s->path) + strlen(what) + 3);
		sprintf(name, "%s(%s)", s->path, what);
		free(s->path);
		s->path = name;
		free(obj);
	}
}

/* km_embed_read's callback: one object's records and companion. */
static int mg_add_embedded(void *ctx, const char *member, const char *records,
			   size_t rlen, const char *graph, size_t glen)
{
	struct mg_emb *e = (struct mg_emb *)ctx;
	struct mg_side *s;
	struct stat st;

	if (!e->visit || strcmp(e->visit, member)) {
		mg_emb_visit_end(e);
		free(e->visit);
		e->visit = mg_strdup(member);
		e->side0 = e->set->nsides;
		/* a thin archive's member or an object: a file of its own */
		e->skip = !stat(member, &st) && S_ISREG(st.st_mode) &&
			  !mg_seen_add(e->seen, &st);
		if (e->skip && !e->skipped++)
			e->first_skipped = mg_strdup(member);
	}
	if (e->skip)
		return 0;
	mg_add_side(e->set, mg_strdup(member));
	s = &e->set->sides[e->set->nsides - 1];
	s->embedded = 1;
	s->data = mg_memdup(records, rlen);
	s->len = rlen;
	s->comp_data = mg_memdup(graph, glen);
	s->comp_len = glen;
	return 0;
}

static int mg_collect_object(struct mg_set *set, struct mg_seen *seen, const char *path)
{
	struct mg_emb e;
	char err[1024];
	int n;

	memset(&e, 0, sizeof(e));
	e.set = set;
	e.seen = seen;
	err[0] = 0;
	n = km_embed_read(path, mg_add_embedded, &e, err, sizeof(err));
	if (n >= 0)
		mg_emb_visit_end(&e);
	else
		mg_errorf("%s", err);
	if (n == 0)
		mg_warnf("%s: no embedded records (compiled without "
			 "-fplugin-arg-kmetrics-embed?)", path);
	else if (e.skipped == 1 && !strcmp(e.first_skipped, path))
		mg_warnf("%s: already read as a member of an archive given before; read once",
			 path);
	else if (e.skipped == 1)
		mg_warnf("%s: %s was read before; read once", path, e.first_skipped);
	else if (e.skipped)
		mg_warnf("%s: %zu objects in it were read before (the first: %s); read once",
			 path, e.skipped, e.first_skipped);
	free(e.visit);
	free(e.first_skipped);
	return n < 0 ? -1 : 0;
}

int mg_collect(char **paths, int npaths, struct mg_set *set)
{
	struct mg_list l;
	struct mg_seen seen;
	size_t i;
	int a, ret = -1;

	memset(&l, 0, sizeof(l));
	memset(&seen, 0, sizeof(seen));
	for (a = 0; a < npaths; a++) {
		struct stat st;
		size_t from = l.n;

		if (stat(paths[a], &st)) {
			mg_errorf("%s: %s", paths[a], strerror(errno));
			goto out;
		}
		if (!S_ISDIR(st.st_mode)) {
			mg_list_add(&l, mg_strdup(paths[a]), &st);
			continue;
		}
		if (mg_walk(paths[a], &l))
			goto out;
		if (l.n == from) {
			mg_errorf("%s: no sidecar (*%s) in this directory or below", paths[a],
				  MG_SUFFIX);
			goto out;
		}
		qsort(l.f + from, l.n - from, sizeof(*l.f), mg_cmp_path);
	}
	mg_find_twice(&l);
	for (i = 0; i < l.n; i++) {
		if (l.f[i].first != i) {
			mg_warnf("%s: the same file as %s; read once", l.f[i].path,
				 l.f[l.f[i].first].path);
			continue;
		}
		if (km_embed_is_object(l.f[i].path)) {
			if (mg_collect_object(set, &seen, l.f[i].path))
				goto out;
			continue;
		}
		mg_add_side(set, mg_strdup(l.f[i].path));
	}
	ret = 0;
out:
	for (i = 0; i < l.n; i++)
		free(l.f[i].path);
	free(l.f);
	free(seen.id);
	return ret;
}
