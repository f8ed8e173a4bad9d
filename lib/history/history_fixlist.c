// SPDX-License-Identifier: GPL-2.0
/*
 * history_fixlist.c - --fix-list=PATH: commits named as fixes by hand or
 * by the kernel CVE team.
 *
 * A file: one commit id a line (7 to 40 hex digits), optionally followed
 * by CVE ids (CVE-YYYY-NNNN...), blank space between; '#' starts a
 * comment. An id that does not resolve to a commit of the repository is
 * an error ("FILE:LINE: ..."), so is a line that is not an id and CVE ids.
 *
 * A directory laid out as the CVE team's vulns repository: every
 * cve/published/YEAR/CVE-YYYY-NNNN.sha1 holds the fixing commit(s) of
 * that CVE, one full id a line. Ids that do not resolve (fixes of code
 * this repository does not have, stable backports) are counted in one
 * warning.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "km_history_fix.h"
#include "io/km_io.h"

/* A CVE id at @s (CVE-YYYY-NNNN+), its length, or 0. */
size_t km_hist_cve_len(const char *s)
{
	size_t n = 9;

	if (strncmp(s, "CVE-", 4) || !isdigit((unsigned char)s[4]) ||
	    !isdigit((unsigned char)s[5]) || !isdigit((unsigned char)s[6]) ||
	    !isdigit((unsigned char)s[7]) || s[8] != '-')
		return 0;
	while (isdigit((unsigned char)s[n]))
		n++;
	return n - 9 >= 4 ? n : 0;
}

/* Add " cve" to @list (malloc'ed "" at first) unless it is there. */
void km_hist_add_cve(char **list, const char *cve, size_t len)
{
	size_t n = *list ? strlen(*list) : 0;
	const char *p = *list;

	while (p && (p = strstr(p, cve))) {
		if ((p == *list || p[-1] == ' ') && (p[len] == ' ' || !p[len]) &&
		    !strncmp(p, cve, len))
			return;
		p++;
	}
	*list = (char *)km_hist_realloc(*list, n + len + 2);
	if (n)
		(*list)[n++] = ' ';
	memcpy(*list + n, cve, len);
	(*list)[n + len] = 0;
}

void km_hist_add_cves(char **list, const char *cves)
{
	const char *p = cves;

	while (p && *p) {
		size_t n = km_hist_cve_len(p);

		if (n)
			km_hist_add_cve(list, p, n);
		p += n ? n : 1;
	}
}

static struct km_hist_fixlist *fl_new(const char *path)
{
	struct km_hist_fixlist *l = (struct km_hist_fixlist *)km_hist_alloc(sizeof(*l));

	l->path = km_hist_strdup(path);
	return l;
}

void km_hist_fixlist_free(struct km_hist_fixlist *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->map.cap; i++)
		if (l->map.used[i])
			free(l->map.vals[i]);
	km_oidmap_free(&l->map);
	free(l->path);
	free(l);
}

int km_hist_resolve_commit(struct km_hist *h, const char *hex, size_t len, git_oid *out)
{
	git_object *obj;
	git_oid id;

	if (len < 7 || len > GIT_OID_HEXSZ || git_oid_fromstrn(&id, hex, len) ||
	    git_object_lookup_prefix(&obj, h->repo, &id, len, GIT_OBJECT_COMMIT))
		return -1;
	git_oid_cpy(out, git_object_id(obj));
	git_object_free(obj);
	return 0;
}

static size_t fl_hex_len(const char *s)
{
	size_t n = 0;

	while (isxdigit((unsigned char)s[n]))
		n++;
	return n;
}

static void fl_add(struct km_hist_fixlist *l, const git_oid *id, char *cves)
{
	char **slot = (char **)km_oidmap_slot(&l->map, id);

	if (!*slot)
		*slot = km_hist_strdup("");
	km_hist_add_cves(slot, cves);
	l->ncommits++;
}

static char *fl_next_token(char **s)
{
	char *t = *s, *e;

	while (*t == ' ' || *t == '\t' || *t == '\r')
		t++;
	if (!*t)
		return NULL;
	for (e = t; *e && *e != ' ' && *e != '\t' && *e != '\r'; e++)
		;
	if (*e)
		*e++ = 0;
	*s = e;
	return t;
}

/* One line of a list file; -1 with "FILE:LINE: reason" in @err. */
static int fl_line(struct km_hist *h, struct km_hist_fixlist *l, char *s, size_t line,
		   char *err, size_t errlen)
{
	char *hash = strchr(s, '#'), *tok, *cves = NULL;
	git_oid id;

	if (hash)
		*hash = 0;
	if (!(tok = fl_next_token(&s)))
		return 0;
	if (fl_hex_len(tok) != strlen(tok) || strlen(tok) < 7 || strlen(tok) > 40) {
		km_hist_err(err, errlen, "%s:%zu: not a commit id: '%s'", l->path, line, tok);
		return -1;
	}
	if (km_hist_resolve_commit(h, tok, strlen(tok), &id)) {
		km_hist_err(err, errlen, "%s:%zu: %s: no such commit in %s", l->path, line, tok,
			    h->top);
		return -1;
	}
	while ((tok = fl_next_token(&s))) {
		if (km_hist_cve_len(tok) != strlen(tok)) {
			free(cves);
			km_hist_err(err, errlen, "%s:%zu: not a CVE id: '%s'", l->path, line, tok);
			return -1;
		}
		km_hist_add_cve(&cves, tok, strlen(tok));
	}
	fl_add(l, &id, cves);
	free(cves);
	return 0;
}

static int fl_read_file(struct km_hist *h, struct km_hist_fixlist *l, char *err, size_t errlen)
{
	size_t len, line = 0;
	char *data = km_read_file(l->path, &len), *p, *nl;

	if (!data) {
		km_hist_err(err, errlen, "%s: %s", l->path, strerror(errno));
		return -1;
	}
	for (p = data; p < data + len; p = nl + 1) {
		nl = (char *)memchr(p, '\n', (size_t)(data + len - p));
		if (!nl)
			nl = data + len;
		*nl = 0;
		if (fl_line(h, l, p, ++line, err, errlen)) {
			free(data);
			return -1;
		}
	}
	free(data);
	return 0;
}

/* One CVE-YYYY-NNNN.sha1: its ids, each a fix carrying that CVE. */
static int fl_read_sha1(struct km_hist *h, struct km_hist_fixlist *l, const char *path,
			const char *cve, size_t *unresolved, char *err, size_t errlen)
{
	size_t len, line = 0;
	char *data = km_read_file(path, &len), *p, *nl;

	if (!data) {
		km_hist_err(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	for (p = data; p < data + len; p = nl + 1) {
		char *tok, *s = p;
		git_oid id;

		nl = (char *)memchr(p, '\n', (size_t)(data + len - p));
		if (!nl)
			nl = data + len;
		*nl = 0;
		line++;
		if (!(tok = fl_next_token(&s)))
			continue;
		if (fl_hex_len(tok) != strlen(tok) || strlen(tok) < 7 || strlen(tok) > 40) {
			km_hist_err(err, errlen, "%s:%zu: not a commit id: '%s'", path, line, tok);
			free(data);
			return -1;
		}
		l->nlisted++;
		if (km_hist_resolve_commit(h, tok, strlen(tok), &id))
			(*unresolved)++;
		else
			fl_add(l, &id, (char *)cve);
	}
	free(data);
	return 0;
}

static char *fl_join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *p = (char *)km_hist_alloc(n);

	snprintf(p, n, "%s/%s", a, b);
	return p;
}

static int fl_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of @dir, sorted (so messages come in a stable order). */
static char **fl_list_dir(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names;
	size_t cap = 1;

	*n = 0;
	if (!d)
		return NULL;
	names = (char **)km_hist_alloc(sizeof(*names));
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			names = (char **)km_hist_realloc(names, cap * sizeof(*names));
		}
		names[(*n)++] = km_hist_strdup(e->d_name);
	}
	closedir(d);
	qsort(names, *n, sizeof(*names), fl_name_cmp);
	return names;
}

static int fl_read_year(struct km_hist *h, struct km_hist_fixlist *l, const char *ydir,
			size_t *unresolved, char *err, size_t errlen)
{
	size_t n, i;
	char **names = fl_list_dir(ydir, &n);
	int ret = 0;

	for (i = 0; i < n; i++) {
		size_t len = strlen(names[i]), cl = km_hist_cve_len(names[i]);

		if (!ret && cl && len == cl + 5 && !strcmp(names[i] + cl, ".sha1")) {
			char *path = fl_join(ydir, names[i]);

			names[i][cl] = 0;
			ret = fl_read_sha1(h, l, path, names[i], unresolved, err, errlen);
			free(path);
		}
		free(names[i]);
	}
	free(names);
	return ret;
}

static int fl_read_vulns(struct km_hist *h, struct km_hist_fixlist *l, const struct km_hist_cb *cb,
			 char *err, size_t errlen)
{
	char *pub = fl_join(l->path, "cve/published"), **years;
	size_t n, i, unresolved = 0;
	int ret = 0;

	years = fl_list_dir(pub, &n);
	if (!years) {
		free(pub);
		km_hist_err(err, errlen, "%s: a directory, but not laid out as the vulns "
			    "repository (no cve/published/)", l->path);
		return -1;
	}
	for (i = 0; i < n; i++) {
		char *ydir = fl_join(pub, years[i]);

		if (!ret)
			ret = fl_read_year(h, l, ydir, &unresolved, err, errlen);
		free(ydir);
		free(years[i]);
	}
	free(years);
	free(pub);
	if (!ret && unresolved)
		km_hist_warn(cb, "%s: %zu of the %zu fixing commits it lists are not in %s "
			     "(fixes of code this tree does not have); not counted",
			     l->path, unresolved, l->nlisted, h->top);
	return ret;
}

int km_hist_fixlist_read(struct km_hist *h, const char *path, struct km_hist_fixlist **out,
			 const struct km_hist_cb *cb, char *err, size_t errlen)
{
	struct km_hist_fixlist *l = fl_new(path);
	struct stat st;
	int r;

	*out = NULL;
	if (stat(path, &st)) {
		km_hist_err(err, errlen, "%s: %s", path, strerror(errno));
		km_hist_fixlist_free(l);
		return -1;
	}
	r = S_ISDIR(st.st_mode) ? fl_read_vulns(h, l, cb, err, errlen) :
				  fl_read_file(h, l, err, errlen);
	if (r) {
		km_hist_fixlist_free(l);
		return -1;
	}
	*out = l;
	return 0;
}
