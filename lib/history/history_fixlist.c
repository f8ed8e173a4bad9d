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
 * warning. A repository can carry symbolic links, FIFOs and devices:
 * below DIR no link is followed and only regular files of at most
 * FL_SHA1_MAX bytes are read (openat with O_NOFOLLOW, O_NONBLOCK, then
 * fstat), what is skipped is counted in one warning, and no text from
 * outside DIR can reach a message. A list file is read up to
 * KM_READ_LIST_MAX, without a NUL byte.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "km_history_fix.h"
#include "io/km_io.h"

#define FL_SHA1_MAX	((size_t)64 << 10)	/* one CVE's fixing commits, one a line */

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

void km_hist_add_cves(char **list, const char *cves)
{
	size_t n = *list ? strlen(*list) : 0;
	const char *p = cves;

	*list = (char *)km_hist_realloc(*list, n + 2 * strlen(cves) + 2);	/* a space each */
	while (*p) {
		size_t k = km_hist_cve_len(p);

		if (k) {
			if (n)
				(*list)[n++] = ' ';
			memcpy(*list + n, p, k);
			n += k;
		}
		p += k ? k : 1;
	}
	(*list)[n] = 0;
}

struct fl_word {
	const char *p;
	size_t len, at;
};

static int fl_word_cmp(const void *a, const void *b)
{
	const struct fl_word *x = (const struct fl_word *)a, *y = (const struct fl_word *)b;
	int c = memcmp(x->p, y->p, x->len < y->len ? x->len : y->len);

	if (!c && x->len != y->len)
		c = x->len < y->len ? -1 : 1;
	return c ? c : (x->at < y->at ? -1 : x->at > y->at);
}

static int fl_at_cmp(const void *a, const void *b)
{
	const struct fl_word *x = (const struct fl_word *)a, *y = (const struct fl_word *)b;

	return x->at < y->at ? -1 : x->at > y->at;
}

/*
 * Each space-separated word of @s once, where it first stood: one sort,
 * so a message or a function with 100,000 CVE ids costs no more than
 * sorting them.
 */
void km_hist_unique_words(char *s)
{
	size_t n = 0, k = 0, i;
	struct fl_word *w;
	char *copy, *p, *out = s;

	for (p = s; *p; p++)
		n += *p == ' ';
	w = (struct fl_word *)km_hist_alloc((n + 1) * sizeof(*w));
	copy = km_hist_strdup(s);
	for (p = copy, n = 0; *p; p += w[n++].len, p += *p == ' ') {
		w[n].p = p;
		w[n].len = strcspn(p, " ");
		w[n].at = n;
	}
	qsort(w, n, sizeof(*w), fl_word_cmp);
	for (i = 0; i < n; i++)
		if (!k || w[k - 1].len != w[i].len || memcmp(w[k - 1].p, w[i].p, w[i].len))
			w[k++] = w[i];
	qsort(w, k, sizeof(*w), fl_at_cmp);
	for (i = 0; i < k; i++) {
		if (i)
			*out++ = ' ';
		memcpy(out, w[i].p, w[i].len);
		out += w[i].len;
	}
	*out = 0;
	free(copy);
	free(w);
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

static void fl_add(struct km_hist_fixlist *l, const git_oid *id, const char *cves)
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
	char *hash = strchr(s, '#'), *tok;
	struct km_buf cves;
	git_oid id;

	if (hash)
		*hash = 0;
	if (!(tok = fl_next_token(&s)))
		return 0;
	if (fl_hex_len(tok) != strlen(tok) || strlen(tok) < 7 || strlen(tok) > 40) {
		km_hist_err(err, errlen, "%s:%zu: not a commit id: '%.64s'", l->path, line, tok);
		return -1;
	}
	if (km_hist_resolve_commit(h, tok, strlen(tok), &id)) {
		km_hist_err(err, errlen, "%s:%zu: %s: no such commit in %s", l->path, line, tok,
			    h->top);
		return -1;
	}
	km_buf_init(&cves);
	while ((tok = fl_next_token(&s))) {
		if (km_hist_cve_len(tok) != strlen(tok)) {
			km_buf_free(&cves);
			km_hist_err(err, errlen, "%s:%zu: not a CVE id: '%.64s'", l->path, line, tok);
			return -1;
		}
		if (cves.len)
			km_buf_append(&cves, " ", 1);
		km_buf_puts(&cves, tok);
	}
	fl_add(l, &id, cves.p ? cves.p : "");
	km_buf_free(&cves);
	return 0;
}

static int fl_read_file(struct km_hist *h, struct km_hist_fixlist *l, char *err, size_t errlen)
{
	size_t len = 0, line = 0;
	char *data = km_read_path(l->path, KM_READ_LIST_MAX, KM_READ_TEXT, &len), *p, *nl;

	if (!data) {
		km_read_error(err, errlen, l->path, errno, KM_READ_LIST_MAX, len);
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

/* The vulns directory's walk: what it skipped, what did not resolve. */
struct fl_walk {
	size_t skipped;		/* links, FIFOs, devices, sockets */
	size_t unresolved;
};

/* @name under directory @dfd, opened without following a link or waiting on a FIFO. */
static int fl_open_at(int dfd, const char *name, int dir)
{
	return openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK |
		      (dir ? O_DIRECTORY : 0));
}

/* One CVE-YYYY-NNNN.sha1 (@path, open as @fd): its ids, each a fix carrying that CVE. */
static int fl_read_sha1(struct km_hist *h, struct km_hist_fixlist *l, int fd, const char *path,
			const char *cve, struct fl_walk *w, char *err, size_t errlen)
{
	size_t len = 0, line = 0;
	char *data = km_read_fd(fd, FL_SHA1_MAX, KM_READ_TEXT | KM_READ_REGULAR, &len), *p, *nl;

	if (!data && errno == EINVAL) {
		w->skipped++;
		return 0;
	}
	if (!data) {
		km_read_error(err, errlen, path, errno, FL_SHA1_MAX, len);
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
			km_hist_err(err, errlen, "%s:%zu: not a commit id: '%.64s'", path, line, tok);
			free(data);
			return -1;
		}
		l->nlisted++;
		if (km_hist_resolve_commit(h, tok, strlen(tok), &id))
			w->unresolved++;
		else
			fl_add(l, &id, cve);
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

/* The entries of directory @fd (closed), sorted (so messages come in a stable order). */
static char **fl_list_dir(int fd, size_t *n)
{
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	char **names;
	size_t cap = 1;

	*n = 0;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
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

/* Entry @name of @dfd is a symbolic link (so not read): counted as skipped. */
static int fl_is_link(int dfd, const char *name, struct fl_walk *w)
{
	struct stat st;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISLNK(st.st_mode))
		return 0;
	w->skipped++;
	return 1;
}

static int fl_read_year(struct km_hist *h, struct km_hist_fixlist *l, int ydfd,
			const char *ydir, struct fl_walk *w, char *err, size_t errlen)
{
	size_t n, i;
	char **names = fl_list_dir(dup(ydfd), &n);
	int ret = 0;

	for (i = 0; i < n; i++) {
		size_t len = strlen(names[i]), cl = km_hist_cve_len(names[i]);
		int fd;

		if (!ret && cl && len == cl + 5 && !strcmp(names[i] + cl, ".sha1") &&
		    !fl_is_link(ydfd, names[i], w)) {
			char *path = fl_join(ydir, names[i]);

			fd = fl_open_at(ydfd, names[i], 0);
			names[i][cl] = 0;
			if (fd < 0) {
				km_hist_err(err, errlen, "%s: %s", path, strerror(errno));
				ret = -1;
			} else {
				ret = fl_read_sha1(h, l, fd, path, names[i], w, err, errlen);
				close(fd);
			}
			free(path);
		}
		free(names[i]);
	}
	free(names);
	return ret;
}

/* DIR/cve/published, opened without following a link; -1 when it is not there. */
static int fl_open_published(const char *dir)
{
	int top = open(dir, O_RDONLY | O_CLOEXEC | O_DIRECTORY), cve, pub = -1;

	if (top < 0)
		return -1;
	cve = fl_open_at(top, "cve", 1);
	if (cve >= 0) {
		pub = fl_open_at(cve, "published", 1);
		close(cve);
	}
	close(top);
	return pub;
}

static int fl_read_vulns(struct km_hist *h, struct km_hist_fixlist *l, const struct km_hist_cb *cb,
			 char *err, size_t errlen)
{
	char *pub = fl_join(l->path, "cve/published"), **years;
	int pfd = fl_open_published(l->path);
	struct fl_walk w = { 0, 0 };
	size_t n, i;
	int ret = 0;

	years = pfd >= 0 ? fl_list_dir(dup(pfd), &n) : NULL;
	if (!years) {
		if (pfd >= 0)
			close(pfd);
		free(pub);
		km_hist_err(err, errlen, "%s: a directory, but not laid out as the vulns "
			    "repository (no cve/published/ directory: links are not followed)",
			    l->path);
		return -1;
	}
	for (i = 0; i < n; i++) {
		char *ydir = fl_join(pub, years[i]);
		int yfd = ret || fl_is_link(pfd, years[i], &w) ? -1 :
			  fl_open_at(pfd, years[i], 1);

		if (yfd >= 0) {
			ret = fl_read_year(h, l, yfd, ydir, &w, err, errlen);
			close(yfd);
		}
		free(ydir);
		free(years[i]);
	}
	free(years);
	free(pub);
	close(pfd);
	if (!ret && w.skipped)
		km_hist_warn(cb, "%s: %zu entries under cve/published/ are symbolic links or not "
			     "regular files; not read", l->path, w.skipped);
	if (!ret && w.unresolved)
		km_hist_warn(cb, "%s: %zu of the %zu fixing commits it lists are not in %s "
			     "(fixes of code this tree does not have); not counted",
			     l->path, w.unresolved, l->nlisted, h->top);
	return ret;
}

int km_hist_fixlist_read(struct km_hist *h, const char *path, struct km_hist_fixlist **out,
			 const struct km_hist_cb *cb, char *err, size_t errlen)
{
	struct km_hist_fixlist *l = fl_new(path);
	struct stat st;
	size_t i;
	int r;

	*out = NULL;
	if (stat(path, &st)) {
		km_hist_err(err, errlen, "%s: %s", path, strerror(errno));
		km_hist_fixlist_free(l);
		return -1;
	}
	r = S_ISDIR(st.st_mode) ? fl_read_vulns(h, l, cb, err, errlen) :
				  fl_read_file(h, l, err, errlen);
	for (i = 0; !r && i < l->map.cap; i++)
		if (l->map.used[i])
			km_hist_unique_words((char *)l->map.vals[i]);
	if (r) {
		km_hist_fixlist_free(l);
		return -1;
	}
	*out = l;
	return 0;
}
