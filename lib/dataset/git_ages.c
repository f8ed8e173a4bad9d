// SPDX-License-Identifier: GPL-2.0
/*
 * git_ages.c - --git=DIR (kmetrics-merge, the report): C4, the age in days of each function.
 *
 * C4 = floor((T_head - T_oldest) / 86400), T_head the commit date of HEAD
 * in DIR (git log -1 --format=%ct), T_oldest the oldest author date among
 * the commits that git blame gives for the lines first_line..last_line of
 * the function (from the companion). 0 when the file is not tracked at
 * HEAD, when none of its lines exists, or when the author date is after
 * T_head.
 *
 * git runs without a shell (git_run.c), a few processes at a time:
 *   git -C DIR rev-parse --show-toplevel        once
 *   git -C TOP log -1 --format=%ct HEAD         once
 *   git -C TOP ls-tree -r -z --name-only HEAD   once: what is tracked
 *   git -C TOP blame --porcelain HEAD -- FILE   once per distinct file
 * Blame is of HEAD, the commit the ages are counted to, so lines changed
 * in the work tree but not committed do not make ages negative; the
 * companion's line numbers are taken to be those of HEAD. --porcelain
 * (not --line-porcelain) because it gives each commit's dates once, which
 * keeps the output of a large file several times smaller; plain blame
 * (no -w, -M, -C) because C4 counts when the current text of a line
 * appeared, as `git blame` shows it.
 *
 * A source path is looked for, when relative, as DIR/FILE and as
 * TOP/FILE (TOP = DIR's top level; the tree may have moved since the
 * build), then as an absolute path (FILE, or the companion's cwd/FILE),
 * lexically normalised and then with symbolic links resolved, inside TOP.
 * Only files in HEAD's tree count; others keep 0.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "git_run.h"
#include "km_set.h"

#define GT_DAY		86400LL

struct gt_file {
	char *rel;		/* path relative to the top level */
	long long *time;	/* author time of each line, from 1; -1 for none */
	size_t nlines;
};

struct gt_state {
	const char *dir;
	char *top;
	long long head;
	char **tracked;		/* sorted */
	size_t ntracked;
	char *tracked_data;
	struct gt_file *files;
	size_t nfiles;
	long *rec_file;		/* per record: index in files, -1 for none */
};

static void gt_chomp(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = 0;
}

static int gt_setup(struct gt_state *st)
{
	char *a1[] = { (char *)"git", (char *)"-C", (char *)st->dir, (char *)"rev-parse",
		       (char *)"--show-toplevel", NULL };
	struct km_buf b;
	char *end;

	if (gt_run(a1, &b) || !b.p[0]) {
		km_buf_free(&b);
		mg_errorf("%s: not in a git work tree (git rev-parse failed)", st->dir);
		return -1;
	}
	gt_chomp(b.p);
	st->top = b.p;
	{
		char *a2[] = { (char *)"git", (char *)"-C", st->top, (char *)"log", (char *)"-1",
			       (char *)"--format=%ct", (char *)"HEAD", NULL };

		if (gt_run(a2, &b)) {
			km_buf_free(&b);
			mg_errorf("%s: no commit at HEAD (git log failed)", st->dir);
			return -1;
		}
		st->head = strtoll(b.p, &end, 10);
		if (end == b.p) {
			km_buf_free(&b);
			mg_errorf("%s: no commit at HEAD", st->dir);
			return -1;
		}
		km_buf_free(&b);
	}
	return 0;
}

static int gt_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int gt_list_tracked(struct gt_state *st)
{
	char *argv[] = { (char *)"git", (char *)"-C", st->top, (char *)"ls-tree", (char *)"-r",
			 (char *)"-z", (char *)"--name-only", (char *)"HEAD", NULL };
	struct km_buf b;
	size_t i, n = 0;

	if (gt_run(argv, &b)) {
		km_buf_free(&b);
		mg_errorf("%s: git ls-tree failed", st->dir);
		return -1;
	}
	/* b.len counts the terminating NUL we appended */
	for (i = 0; i + 1 < b.len; i++)
		n += !b.p[i];
	st->tracked = (char **)mg_alloc((n + 1) * sizeof(char *));
	for (i = 0; i + 1 < b.len; i += strlen(b.p + i) + 1)
		st->tracked[st->ntracked++] = b.p + i;
	st->tracked_data = b.p;
	qsort(st->tracked, st->ntracked, sizeof(char *), gt_cmp_str);
	return 0;
}

static int gt_is_tracked(const struct gt_state *st, const char *rel)
{
	return bsearch(&rel, st->tracked, st->ntracked, sizeof(char *), gt_cmp_str) != NULL;
}

/* Lexically normalise an absolute path in place: no "//", "/./", "x/../". */
static void gt_normalise(char *p)
{
	char *out = p, *s = p;

	while (*s) {
		char *seg;
		size_t n;

		while (*s == '/')
			s++;
		seg = s;
		while (*s && *s != '/')
			s++;
		n = (size_t)(s - seg);
		if (!n || (n == 1 && seg[0] == '.'))
			continue;
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			while (out > p && *--out != '/')
				;
			continue;
		}
		*out++ = '/';
		memmove(out, seg, n);
		out += n;
	}
	if (out == p)
		*out++ = '/';
	*out = 0;
}

/* @abs relative to the top level, or NULL when it is not inside. */
static char *gt_inside(const struct gt_state *st, const char *abs)
{
	size_t n = strlen(st->top);

	if (strncmp(abs, st->top, n) || abs[n] != '/' || !abs[n + 1])
		return NULL;
	return mg_strdup(abs + n + 1);
}

static char *gt_try_real(const struct gt_state *st, const char *path)
{
	char real[PATH_MAX];

	if (!realpath(path, real))
		return NULL;
	return gt_inside(st, real);
}

/* The tracked path of a function's file, or NULL. */
static char *gt_resolve(const struct gt_state *st, const char *cwd, const char *file)
{
	char *rel = NULL, *abs, *cand;

	if (file[0] != '/') {
		const char *base[2];
		int k;

		base[0] = st->dir;
		base[1] = st->top;
		for (k = 0; k < 2; k++) {
			cand = mg_path_join(base[k], file);
			rel = gt_try_real(st, cand);
			free(cand);
			if (rel && gt_is_tracked(st, rel))
				return rel;
			free(rel);
			rel = NULL;
		}
	}
	abs = file[0] == '/' || !cwd ? mg_strdup(file) : mg_path_join(cwd, file);
	if (abs[0] == '/') {
		gt_normalise(abs);
		rel = gt_inside(st, abs);
		if (!rel || !gt_is_tracked(st, rel)) {
			free(rel);
			rel = gt_try_real(st, abs);
		}
	}
	free(abs);
	if (rel && !gt_is_tracked(st, rel)) {
		free(rel);
		rel = NULL;
	}
	return rel;
}

static size_t gt_find_file(const struct gt_state *st, const char *rel)
{
	size_t lo = 0, hi = st->nfiles;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(st->files[mid].rel, rel);

		if (!c)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (size_t)-1;
}

/*
 * Which file each record's lines are in, and the distinct files, sorted.
 * Records of one object mostly share a file: resolve only on a change.
 */
static void gt_map_records(struct gt_state *st, const struct mg_set *set)
{
	const char *last_cwd = NULL, *last_file = NULL;
	char **res, **sorted;
	size_t i, k, nres = 0;

	res = (char **)mg_alloc((set->nrecs + 1) * sizeof(char *));
	st->rec_file = (long *)mg_alloc((set->nrecs + 1) * sizeof(long));
	for (i = 0; i < set->nrecs; i++) {
		const struct mg_rec *r = &set->recs[i];
		const struct km_cfunc *f = mg_rec_func(set, r);
		const char *cwd = set->sides[r->side].comp.cwd;

		st->rec_file[i] = -1;
		if (!f)
			continue;
		if (!last_file || strcmp(f->file, last_file) || strcmp(cwd, last_cwd)) {
			res[nres++] = gt_resolve(st, cwd, f->file);
			last_file = f->file;
			last_cwd = cwd;
		}
		st->rec_file[i] = res[nres - 1] ? (long)nres - 1 : -1;
	}
	sorted = (char **)mg_alloc((nres + 1) * sizeof(char *));
	for (i = k = 0; i < nres; i++)
		if (res[i])
			sorted[k++] = res[i];
	qsort(sorted, k, sizeof(char *), gt_cmp_str);
	st->files = (struct gt_file *)mg_alloc((k + 1) * sizeof(*st->files));
	for (i = 0; i < k; i++)
		if (!st->nfiles || strcmp(st->files[st->nfiles - 1].rel, sorted[i]))
			st->files[st->nfiles++].rel = mg_strdup(sorted[i]);
	free(sorted);
	/* record -> resolved entry -> file */
	for (i = 0; i < set->nrecs; i++)
		if (st->rec_file[i] >= 0)
			st->rec_file[i] = (long)gt_find_file(st, res[st->rec_file[i]]);
	for (i = 0; i < nres; i++)
		free(res[i]);
	free(res);
}

/* Commits seen in one blame and their author times (open addressing). */
struct gt_commits {
	const char **sha;	/* points into the blame output */
	size_t *shalen;
	long long *time;
	size_t cap, n;
};

static size_t gt_commit_slot(struct gt_commits *c, const char *sha, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i, j;

	if ((c->n + 1) * 2 > c->cap) {
		struct gt_commits nc;

		nc.cap = c->cap ? c->cap * 2 : 256;
		nc.n = 0;
		nc.sha = (const char **)mg_alloc(nc.cap * sizeof(char *));
		nc.shalen = (size_t *)mg_alloc(nc.cap * sizeof(size_t));
		nc.time = (long long *)mg_alloc(nc.cap * sizeof(long long));
		for (i = 0; i < c->cap; i++) {
			if (!c->sha[i])
				continue;
			j = gt_commit_slot(&nc, c->sha[i], c->shalen[i]);
			nc.time[j] = c->time[i];
		}
		free(c->sha);
		free(c->shalen);
		free(c->time);
		*c = nc;
	}
	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)sha[i]) * 1099511628211ULL;
	j = h & (c->cap - 1);
	while (c->sha[j]) {
		if (c->shalen[j] == len && !memcmp(c->sha[j], sha, len))
			return j;
		j = (j + 1) & (c->cap - 1);
	}
	c->sha[j] = sha;
	c->shalen[j] = len;
	c->time[j] = -1;
	c->n++;
	return j;
}

static size_t gt_hex_run(const char *s, const char *end)
{
	const char *p = s;

	while (p < end && ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
		p++;
	return (size_t)(p - s);
}

/*
 * git blame --porcelain: for each line of the file a header
 * "SHA ORIG FINAL [COUNT]", the commit's fields ("author-time T", ...)
 * the first time that commit appears, then "\tTEXT".
 */
static int gt_parse_blame(struct gt_file *f, char *data, size_t len)
{
	struct gt_commits c;
	char *p = data, *end = data + len;
	size_t cur = 0, line = 0, cap = 0;

	memset(&c, 0, sizeof(c));
	while (p < end) {
		char *nl = (char *)memchr(p, '\n', (size_t)(end - p));
		size_t n;

		if (!nl)
			nl = end;
		n = gt_hex_run(p, nl);
		if (p[0] == '\t') {
			if (line) {
				if (line >= cap) {
					size_t k;

					cap = cap ? cap * 2 : 1024;
					while (cap <= line)
						cap *= 2;
					f->time = (long long *)realloc(f->time, cap * sizeof(long long));
					if (!f->time) {
						mg_errorf("%s: out of memory", mg_prog);
						exit(1);
					}
					for (k = f->nlines + 1; k < cap; k++)
						f->time[k] = -1;
				}
				f->time[line] = c.time[cur];
				if (line > f->nlines)
					f->nlines = line;
			}
		} else if ((n == 40 || n == 64) && p + n < nl && p[n] == ' ') {
			char *q;

			cur = gt_commit_slot(&c, p, n);
			strtol(p + n + 1, &q, 10);
			line = (size_t)strtoul(q, NULL, 10);
		} else if (!strncmp(p, "author-time ", 12) && c.cap) {
			c.time[cur] = strtoll(p + 12, NULL, 10);
		}
		p = nl + 1;
	}
	free(c.sha);
	free(c.shalen);
	free(c.time);
	return 0;
}

static int gt_blame_all(struct gt_state *st)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t njobs = ncpu < 1 ? 1 : ncpu > 8 ? 8 : (size_t)ncpu, running = 0, next = 0, i;
	struct gt_job *jobs = (struct gt_job *)mg_alloc(njobs * sizeof(*jobs));
	struct pollfd *pfd = (struct pollfd *)mg_alloc(njobs * sizeof(*pfd));
	int ret = 0;

	for (i = 0; i < njobs; i++)
		jobs[i].fd = -1;
	while (next < st->nfiles || running) {
		for (i = 0; i < njobs && next < st->nfiles && !ret; i++) {
			char *argv[] = { (char *)"git", (char *)"-C", st->top, (char *)"blame",
					 (char *)"--porcelain", (char *)"HEAD", (char *)"--",
					 st->files[next].rel, NULL };

			if (jobs[i].fd >= 0)
				continue;
			if (gt_spawn(argv, &jobs[i])) {
				ret = -1;
				break;
			}
			jobs[i].file = next++;
			running++;
		}
		if (!running)
			break;
		for (i = 0; i < njobs; i++) {
			pfd[i].fd = jobs[i].fd;
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
		}
		if (poll(pfd, njobs, -1) < 0) {
			if (errno == EINTR)
				continue;
			mg_errorf("%s: poll: %s", mg_prog, strerror(errno));
			exit(1);
		}
		for (i = 0; i < njobs; i++) {
			struct gt_job *j = &jobs[i];
			int r;

			if (j->fd < 0 || !(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			r = gt_read(j);
			if (!r)
				continue;
			running--;
			if (gt_wait(j) || r < 0 || j->out.oom) {
				mg_errorf("%s: git blame of %s failed", st->dir,
					  st->files[j->file].rel);
				ret = -1;
			} else {
				gt_parse_blame(&st->files[j->file], j->out.p, j->out.len);
			}
			km_buf_free(&j->out);
		}
	}
	free(jobs);
	free(pfd);
	return ret;
}

static long gt_age(const struct gt_state *st, const struct gt_file *f,
		   const struct km_cfunc *fn)
{
	long long oldest = -1;
	long l;

	for (l = fn->first_line; l <= fn->last_line; l++) {
		if (l < 1 || (size_t)l > f->nlines || f->time[l] < 0)
			continue;
		if (oldest < 0 || f->time[l] < oldest)
			oldest = f->time[l];
	}
	if (oldest < 0 || oldest > st->head)
		return 0;
	return (long)((st->head - oldest) / GT_DAY);
}

static void gt_free(struct gt_state *st)
{
	size_t i;

	free(st->top);
	free(st->tracked);
	free(st->tracked_data);
	for (i = 0; i < st->nfiles; i++) {
		free(st->files[i].rel);
		free(st->files[i].time);
	}
	free(st->files);
	free(st->rec_file);
}

int mg_git_ages(struct mg_set *set, const char *dir)
{
	struct gt_state st;
	size_t i;
	int ret = -1;

	memset(&st, 0, sizeof(st));
	st.dir = dir;
	if (gt_setup(&st) || gt_list_tracked(&st))
		goto out;
	gt_map_records(&st, set);
	if (gt_blame_all(&st))
		goto out;
	for (i = 0; i < set->nrecs; i++) {
		struct mg_rec *r = &set->recs[i];

		r->age_days = st.rec_file[i] < 0 ? 0 :
			gt_age(&st, &st.files[st.rec_file[i]], mg_rec_func(set, r));
	}
	set->changed = 1;
	ret = 0;
out:
	gt_free(&st);
	return ret;
}
