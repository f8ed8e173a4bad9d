// SPDX-License-Identifier: GPL-2.0
/*
 * history_repo.c - the repository behind --history and --label-fixes:
 * opening it (S is HEAD), finding a compiler's file name in it, counting a
 * file's lines at S, --since, and the small helpers the history_*.c files
 * share (messages, allocation that never returns NULL).
 *
 * Everything goes through libgit2 in this process: no git is run, so one
 * walk of a whole history costs what reading its objects costs.
 */
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "km_history_int.h"

void km_hist_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

void km_hist_giterr(char *err, size_t errlen, const char *what)
{
	const git_error *e = git_error_last();

	km_hist_err(err, errlen, "%s: %s", what, e && e->message ? e->message : "libgit2 failed");
}

void *km_hist_alloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (!p) {
		fputs("kmetrics: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

void *km_hist_realloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("kmetrics: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

char *km_hist_strdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return (char *)memcpy(km_hist_alloc(n), s, n);
}

void km_hist_warn(const struct km_hist_cb *cb, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (!cb || !cb->warn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cb->warn(cb->ctx, msg);
}

git_commit *km_hist_commit(struct km_hist *h, const char *spec, char *err, size_t errlen)
{
	git_object *obj = NULL, *peeled = NULL;

	if (git_revparse_single(&obj, h->repo, spec) ||
	    git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT)) {
		git_object_free(obj);
		km_hist_err(err, errlen, "%s: no such commit in %s", spec, h->top);
		return NULL;
	}
	git_object_free(obj);
	return (git_commit *)peeled;
}

int km_hist_open(const char *dir, struct km_hist **out, char *err, size_t errlen)
{
	struct km_hist *h = (struct km_hist *)km_hist_alloc(sizeof(*h));
	char real[PATH_MAX];
	const char *wd;

	git_libgit2_init();
	*out = NULL;
	if (git_repository_open_ext(&h->repo, dir, 0, NULL)) {
		km_hist_err(err, errlen, "%s: not in a git repository", dir);
		goto fail;
	}
	wd = git_repository_workdir(h->repo);
	if (!wd) {
		km_hist_err(err, errlen, "%s: not in a git work tree", dir);
		goto fail;
	}
	h->top = km_hist_strdup(realpath(wd, real) ? real : wd);
	if (strlen(h->top) > 1 && h->top[strlen(h->top) - 1] == '/')
		h->top[strlen(h->top) - 1] = 0;
	if (!(h->head = km_hist_commit(h, "HEAD", err, errlen)))
		goto fail;
	if (git_commit_tree(&h->head_tree, h->head)) {
		km_hist_giterr(err, errlen, "HEAD's tree");
		goto fail;
	}
	h->head_time = (long long)git_commit_time(h->head);
	if (git_mailmap_from_repository(&h->mailmap, h->repo))
		h->mailmap = NULL;
	*out = h;
	return 0;
fail:
	km_hist_close(h);
	return -1;
}

void km_hist_close(struct km_hist *h)
{
	if (!h)
		return;
	git_mailmap_free(h->mailmap);
	git_tree_free(h->head_tree);
	git_commit_free(h->head);
	git_repository_free(h->repo);
	free(h->top);
	free(h);
}

const char *km_hist_top(const struct km_hist *h)
{
	return h->top;
}

long long km_hist_head_time(const struct km_hist *h)
{
	return h->head_time;
}

/* Lines as xdiff counts them: a last line without '\n' is one. */
long km_hist_blob_lines(struct km_hist *h, const git_oid *id)
{
	git_blob *b;
	const char *p;
	size_t n, i;
	long lines = 0;

	if (git_blob_lookup(&b, h->repo, id))
		return -1;
	p = (const char *)git_blob_rawcontent(b);
	n = (size_t)git_blob_rawsize(b);
	for (i = 0; i < n; i++)
		lines += p[i] == '\n';
	if (n && p[n - 1] != '\n')
		lines++;
	git_blob_free(b);
	return lines;
}

/* The blob S has at @path, 0 when there is one. */
static int hr_blob_at_s(struct km_hist *h, const char *path, git_oid *out)
{
	git_tree_entry *e;
	int ok;

	if (git_tree_entry_bypath(&e, h->head_tree, path))
		return -1;
	ok = git_tree_entry_type(e) == GIT_OBJECT_BLOB &&
	     git_tree_entry_filemode(e) != GIT_FILEMODE_LINK;
	if (ok)
		git_oid_cpy(out, git_tree_entry_id(e));
	git_tree_entry_free(e);
	return ok ? 0 : -1;
}

long km_hist_lines(struct km_hist *h, const char *path)
{
	git_oid id;

	if (hr_blob_at_s(h, path, &id))
		return -1;
	return km_hist_blob_lines(h, &id);
}

/* "/a/./b//../c" -> "/a/c", in place; @p is absolute. */
static void hr_normalise(char *p)
{
	char *w = p;
	const char *r = p;

	while (*r) {
		const char *seg;
		size_t len;

		while (*r == '/')
			r++;
		for (seg = r; *r && *r != '/'; r++)
			;
		len = (size_t)(r - seg);
		if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			while (w > p && *--w != '/')
				;
		} else if (len && !(len == 1 && seg[0] == '.')) {
			*w++ = '/';
			memmove(w, seg, len);
			w += len;
		}
	}
	if (w == p)
		*w++ = '/';
	*w = 0;
}

/* @abs inside the top level and tracked at S: its relative path. */
static char *hr_tracked_rel(struct km_hist *h, const char *abs)
{
	size_t n = strlen(h->top);
	git_oid id;

	if (strncmp(abs, h->top, n) || abs[n] != '/' || !abs[n + 1])
		return NULL;
	if (hr_blob_at_s(h, abs + n + 1, &id))
		return NULL;
	return km_hist_strdup(abs + n + 1);
}

static char *hr_try(struct km_hist *h, const char *base, const char *file)
{
	size_t n = strlen(base) + strlen(file) + 2;
	char *path = (char *)km_hist_alloc(n), *rel, real[PATH_MAX];

	snprintf(path, n, "%s/%s", base, file);
	if (path[0] == '/') {
		hr_normalise(path);
		rel = hr_tracked_rel(h, path);
		if (rel) {
			free(path);
			return rel;
		}
	}
	rel = realpath(path, real) ? hr_tracked_rel(h, real) : NULL;
	free(path);
	return rel;
}

char *km_hist_resolve(struct km_hist *h, const char *dir, const char *cwd, const char *file)
{
	char *rel;

	if (file[0] == '/')
		return hr_try(h, "", file);
	if (dir && (rel = hr_try(h, dir, file)))
		return rel;
	if ((rel = hr_try(h, h->top, file)))
		return rel;
	return cwd ? hr_try(h, cwd, file) : NULL;
}

/* "+0200", "-07:00", "Z": seconds east of UTC, or 1 (never a zone) for none. */
static long hr_zone(const char *s, const char **end)
{
	int hh, mm;

	*end = s;
	while (*s == ' ')
		s++;
	if (*s == 'Z') {
		*end = s + 1;
		return 0;
	}
	if ((*s != '+' && *s != '-') || !isdigit((unsigned char)s[1]))
		return 1;
	if (sscanf(s + 1, "%2d:%2d", &hh, &mm) == 2)
		*end = s + 6;
	else if (sscanf(s + 1, "%2d%2d", &hh, &mm) == 2)
		*end = s + 5;
	else
		return 1;
	return (*s == '-' ? -1 : 1) * (hh * 3600L + mm * 60L);
}

/* YYYY-MM-DD[( |T)HH:MM[:SS]][ZONE] (UTC without a zone) or @SECONDS. */
static int hr_parse_date(const char *s, long long *out)
{
	struct tm tm;
	const char *rest;
	int n = 0, y, mo, d, hh = 0, mi = 0, ss = 0;
	long zone;

	if (s[0] == '@') {
		char *end;

		*out = strtoll(s + 1, &end, 10);
		return end == s + 1 || *end ? -1 : 0;
	}
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
		return -1;
	rest = s + n;
	if ((*rest == ' ' || *rest == 'T') && isdigit((unsigned char)rest[1])) {
		n = 0;
		if (sscanf(rest + 1, "%2d:%2d%n:%2d%n", &hh, &mi, &n, &ss, &n) < 2)
			return -1;
		rest += 1 + n;
	}
	zone = hr_zone(rest, &rest);
	if (*rest || mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = hh;
	tm.tm_min = mi;
	tm.tm_sec = ss;
	*out = (long long)timegm(&tm) - (zone == 1 ? 0 : zone);
	return 0;
}

int km_hist_parse_since(struct km_hist *h, const char *spec, struct km_hist_since *out,
			char *err, size_t errlen)
{
	git_commit *c;

	memset(out, 0, sizeof(*out));
	out->set = 1;
	if (!hr_parse_date(spec, &out->time))
		return 0;
	c = km_hist_commit(h, spec, err, errlen);
	if (!c) {
		km_hist_err(err, errlen, "--since=%s: neither a commit of %s nor a date "
			    "(YYYY-MM-DD[ HH:MM[:SS]][+ZONE], @SECONDS)", spec, h->top);
		return -1;
	}
	out->is_rev = 1;
	memcpy(out->oid, git_commit_id(c)->id, 20);
	git_commit_free(c);
	return 0;
}
