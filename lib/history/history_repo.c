// SPDX-License-Identifier: GPL-2.0
/*
 * history_repo.c - the repository behind --history and --label-fixes:
 * opening it (S is HEAD), finding a compiler's file name in it, counting a
 * file's lines at S, --since, and the warnings the history_*.c files
 * share (history_util.c has their messages and allocation).
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

/*
 * A walk reads each directory on a changed path once per commit, and each
 * changed blob twice (the new side at a commit, the old side at the next
 * commit down that touches its path): packed blobs and trees come from
 * history_pack.c's cache (128 MiB), loose ones and commits from
 * libgit2's, which caches neither blobs nor trees over 4 KiB by default.
 * Its cache is bounded at 64 MiB (libgit2 evicts): at 256 MiB, its
 * default, a 50,000-commit walk kept 138 MiB more for no time saved.
 */
static void hr_cache_limits(void)
{
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_BLOB, (size_t)1 << 20);
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)1 << 20);
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)64 << 20);
}

/*
 * libgit2 hashes every object it inflates again to check its id (git
 * does not, outside fsck): a quarter of a walk's instructions.
 */
static void hr_no_hash_check(void)
{
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

int km_hist_open(const char *dir, struct km_hist **out, char *err, size_t errlen)
{
	struct km_hist *h = (struct km_hist *)km_hist_alloc(sizeof(*h));
	char real[PATH_MAX];
	const char *wd;

	git_libgit2_init();
	hr_cache_limits();
	hr_no_hash_check();
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
	km_hist_diff_close(h);
	km_hist_packs_close(h->packs);
	git_repository_free(h->repo);
	free(h->shallow);
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
	struct km_blob b;
	size_t i;
	long lines = 0;

	if (km_hist_blob(h, id, &b))
		return -1;
	for (i = 0; i < b.n; i++)
		lines += b.p[i] == '\n';
	if (b.n && b.p[b.n - 1] != '\n')
		lines++;
	km_hist_blob_done(h, &b);
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

/* Exactly @n decimal digits at *@s, stepped over; -1 when they are not there. */
static long hr_digits(const char **s, int n)
{
	long v = 0;
	int k;

	for (k = 0; k < n; k++) {
		if (!isdigit((unsigned char)(*s)[k]))
			return -1;
		v = v * 10 + ((*s)[k] - '0');
	}
	*s += n;
	return v;
}

static int hr_month_days(long y, long m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return days[m - 1] + (m == 2 && leap);
}

/* [ ]Z, [ ]+HH[:]MM, [ ]-HH[:]MM at @s: *@east seconds east of UTC; the reason when bad. */
static const char *hr_zone(const char *s, long *east)
{
	long hh, mm;
	int sign;

	*east = 0;
	while (*s == ' ')
		s++;
	if (!*s || (*s == 'Z' && !s[1]))
		return NULL;
	if (*s != '+' && *s != '-')
		return "text after the date and time";
	sign = *s++ == '-' ? -1 : 1;
	hh = hr_digits(&s, 2);
	if (*s == ':')
		s++;
	mm = hr_digits(&s, 2);
	if (hh < 0 || mm < 0 || *s)
		return "a zone is +HHMM, -HH:MM or Z";
	if (hh > 14 || mm > 59 || (hh == 14 && mm))
		return "no zone is that far from UTC (at most 14 hours)";
	*east = sign * (hh * 3600 + mm * 60);
	return NULL;
}

/* "@SECONDS": digits only, no sign or blank, in range. */
static const char *hr_epoch(const char *s, long long *out)
{
	long long v = 0;

	if (!*s)
		return "@ wants seconds since 1970";
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return "@SECONDS is digits only";
		if (v > (LLONG_MAX - 9) / 10)
			return "@SECONDS out of range";
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return NULL;
}

/*
 * YYYY-MM-DD[( |T)HH:MM[:SS]][ZONE] (UTC without a zone) or @SECONDS,
 * every field checked: a day the month has, hours 00-23, minutes and
 * seconds 00-59, a zone within 14 hours of UTC. NULL, or why @s is not a
 * date: "not a date" when it does not even look like one (a revision).
 */
static const char *hr_parse_date(const char *s, long long *out)
{
	long y, mo, d, hh = 0, mi = 0, ss = 0, east;
	const char *why;
	struct tm tm;

	if (s[0] == '@')
		return hr_epoch(s + 1, out);
	if ((y = hr_digits(&s, 4)) < 0 || *s++ != '-')
		return "not a date";
	mo = hr_digits(&s, 2);
	if (mo < 0 || *s++ != '-' || (d = hr_digits(&s, 2)) < 0)
		return "a date is YYYY-MM-DD";
	if (mo < 1 || mo > 12)
		return "no such month";
	if (d < 1 || d > hr_month_days(y, mo))
		return "no such day in that month";
	if ((*s == ' ' || *s == 'T') && isdigit((unsigned char)s[1])) {
		s++;
		if ((hh = hr_digits(&s, 2)) < 0 || *s++ != ':' || (mi = hr_digits(&s, 2)) < 0)
			return "a time is HH:MM or HH:MM:SS";
		if (*s == ':' && ((s++, ss = hr_digits(&s, 2)) < 0))
			return "a time is HH:MM or HH:MM:SS";
		if (hh > 23 || mi > 59 || ss > 59)
			return "no such time of day";
	}
	if ((why = hr_zone(s, &east)))
		return why;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)y - 1900;
	tm.tm_mon = (int)mo - 1;
	tm.tm_mday = (int)d;
	tm.tm_hour = (int)hh;
	tm.tm_min = (int)mi;
	tm.tm_sec = (int)ss;
	*out = (long long)timegm(&tm) - east;
	return NULL;
}

int km_hist_parse_since(struct km_hist *h, const char *spec, struct km_hist_since *out,
			char *err, size_t errlen)
{
	git_commit *c;
	const char *why;

	memset(out, 0, sizeof(*out));
	out->set = 1;
	if (!(why = hr_parse_date(spec, &out->time)))
		return 0;
	c = km_hist_commit(h, spec, err, errlen);
	if (!c && strcmp(why, "not a date")) {
		km_hist_err(err, errlen, "--since=%s: not a commit of %s, and as a date: %s "
			    "(YYYY-MM-DD[ HH:MM[:SS]][+ZONE], @SECONDS)", spec, h->top, why);
		return -1;
	}
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
