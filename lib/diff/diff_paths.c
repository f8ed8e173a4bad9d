// SPDX-License-Identifier: GPL-2.0
/*
 * diff_paths.c - the files side of a comparison (km_diff.h): each row's
 * source path made comparable across two trees, and files renamed between
 * them.
 *
 * A path is first cleaned as text ("./", "//" and "dir/.." taken out; no
 * file system is looked at, the trees may be gone). Then each side's root
 * is found by a vote: each distinct path of OLD is set beside the path of
 * NEW with the same file name and the longest common tail of whole
 * components (a unique one; ties do not vote), and what precedes the tails
 * ("/home/a/linux/", "/tmp/b/tip/") is a vote for that pair of roots. The
 * pair with the most votes wins ("" and "" for two builds of one tree,
 * which kbuild's relative paths give). A path under its side's root is
 * compared without it; one elsewhere as it is.
 *
 * Renamed files: a file only OLD has and a file only NEW has are one file
 * renamed when at least half of the functions of the smaller share their
 * names with the other's; the pairs with the most shared names go first,
 * each file in one pair at most.
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with dp_.
 */
#include <stdlib.h>
#include <string.h>

#include "diff_priv.h"
#include "input/km_input.h"

/* @path cleaned as text, malloc'ed. */
static char *dp_clean(const char *path)
{
	size_t n = strlen(path), len = 0, keep = 0;
	char *out = (char *)mg_alloc(n + 2);
	const char *p = path;
	int abs = *p == '/';

	while (*p) {
		const char *e = strchr(p, '/');
		size_t k = e ? (size_t)(e - p) : strlen(p);

		if (!k || (k == 1 && p[0] == '.')) {
			/* empty or "." */
		} else if (k == 2 && p[0] == '.' && p[1] == '.' && len > keep) {
			while (len > keep && out[len - 1] != '/')
				len--;	/* back over the last component */
			if (len > keep)
				len--;
		} else if (!(k == 2 && p[0] == '.' && p[1] == '.' && abs)) {
			if (len || abs)
				out[len++] = '/';
			memcpy(out + len, p, k);
			len += k;
			if (k == 2 && p[0] == '.' && p[1] == '.')
				keep = len;	/* a leading "..": never taken out */
		}
		p += k + (e != NULL);
	}
	if (!len && abs)
		out[len++] = '/';
	out[len] = 0;
	return out;
}

static const char *dp_base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* Length of the longest common tail of @a and @b made of whole components. */
static size_t dp_common_tail(const char *a, size_t na, const char *b, size_t nb)
{
	size_t n = 0, best = 0;

	while (n < na && n < nb && a[na - 1 - n] == b[nb - 1 - n]) {
		n++;
		if ((n == na || a[na - 1 - n] == '/') && (n == nb || b[nb - 1 - n] == '/'))
			best = n;
	}
	return best;
}

static int dp_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int dp_cmp_base(const void *a, const void *b)
{
	int c = strcmp(dp_base(*(char *const *)a), dp_base(*(char *const *)b));

	return c ? c : strcmp(*(char *const *)a, *(char *const *)b);
}

/* The distinct non-NULL strings of @keys[0..n), sorted by @cmp; their count. */
static size_t dp_distinct(char **keys, size_t n, char ***out,
			  int (*cmp)(const void *, const void *))
{
	char **v = (char **)mg_alloc((n + 1) * sizeof(*v));
	size_t i, m = 0;

	for (i = 0; i < n; i++)
		if (keys[i])
			v[m++] = keys[i];
	qsort(v, m, sizeof(*v), dp_cmp_str);
	for (i = 0, n = 0; i < m; i++)
		if (!n || strcmp(v[n - 1], v[i]))
			v[n++] = v[i];
	qsort(v, n, sizeof(*v), cmp);
	*out = v;
	return n;
}

/* The vote of OLD path @a: "OLDROOT\nNEWROOT", malloc'ed, or NULL. */
static char *dp_vote(const char *a, char **nb, size_t nn)
{
	const char *base = dp_base(a);
	size_t lo = 0, hi = nn, na = strlen(a), best = 0, i;
	const char *with = NULL;
	int tie = 0;
	char *v;

	while (lo < hi) {	/* the first path of NEW with this file name */
		size_t mid = (lo + hi) / 2;

		if (strcmp(dp_base(nb[mid]), base) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < nn && !strcmp(dp_base(nb[i]), base); i++) {
		size_t t = dp_common_tail(a, na, nb[i], strlen(nb[i]));

		tie = t == best ? 1 : t > best ? 0 : tie;
		if (t > best) {
			best = t;
			with = nb[i];
		}
	}
	if (!with || tie)
		return NULL;
	v = (char *)mg_alloc(na + strlen(with) + 2);
	memcpy(v, a, na - best);
	v[na - best] = '\n';
	strcpy(v + na - best + 1, with);
	v[na - best + 1 + strlen(with) - best] = 0;
	return v;
}

/* The roots of the two sides, by the vote of OLD's paths. */
static void dp_roots(struct km_diff *d)
{
	char **na, **nb, **votes;
	size_t n_a = dp_distinct(d->keys[0], d->old->nrows, &na, dp_cmp_str);
	size_t n_b = dp_distinct(d->keys[1], d->new_->nrows, &nb, dp_cmp_base);
	size_t nv = 0, i, run = 0, most = 0;
	const char *win = NULL;

	votes = (char **)mg_alloc((n_a + 1) * sizeof(*votes));
	for (i = 0; i < n_a; i++)
		if ((votes[nv] = dp_vote(na[i], nb, n_b)))
			nv++;
	qsort(votes, nv, sizeof(*votes), dp_cmp_str);
	for (i = 0; i < nv; i++) {
		run = i && !strcmp(votes[i], votes[i - 1]) ? run + 1 : 1;
		if (run > most || (run == most && !strcmp(votes[i], "\n"))) {
			most = run;
			win = votes[i];
		}
	}
	d->roots[0] = mg_strdup(win ? win : "");
	d->roots[0][strcspn(d->roots[0], "\n")] = 0;
	d->roots[1] = mg_strdup(win ? strchr(win, '\n') + 1 : "");
	for (i = 0; i < nv; i++)
		free(votes[i]);
	free(votes);
	free(na);
	free(nb);
}

/* Each path of side @s without its root (when under it). */
static void dp_strip(struct km_diff *d, int s, size_t nrows)
{
	size_t n = strlen(d->roots[s]), i;

	if (!n)
		return;
	for (i = 0; i < nrows; i++) {
		char *k = d->keys[s][i];

		if (k && !strncmp(k, d->roots[s], n) && k[n])
			memmove(k, k + n, strlen(k + n) + 1);
	}
}

/* The shown root: without its trailing '/', unless that is all of it. */
static const char *dp_shown(char *root)
{
	size_t n = strlen(root);

	if (n > 1 && root[n - 1] == '/')
		root[n - 1] = 0;
	return root;
}

void dp_keys(struct km_diff *d)
{
	const struct km_dataset *ds[2] = { d->old, d->new_ };
	size_t i;
	int s, has[2] = { 0, 0 };

	for (s = 0; s < 2; s++) {
		d->keys[s] = (char **)mg_alloc((ds[s]->nrows + 1) * sizeof(char *));
		for (i = 0; i < ds[s]->nrows; i++) {
			const char *f = km_ds_text(ds[s], i, KM_COL_FILE);

			if (f && *f) {
				d->keys[s][i] = dp_clean(f);
				has[s] = 1;
			}
		}
	}
	d->by_file = has[0] && has[1];
	dp_roots(d);
	dp_strip(d, 0, d->old->nrows);
	dp_strip(d, 1, d->new_->nrows);
	d->old_root = dp_shown(d->roots[0]);
	d->new_root = dp_shown(d->roots[1]);
}

/* ---- renamed files ---- */

/* A function name in a file that only one side has. */
struct dp_ent {
	const char *name;
	int side;
	size_t file;		/* index into that side's list of such files */
};

static int dp_cmp_ent(const void *a, const void *b)
{
	const struct dp_ent *x = (const struct dp_ent *)a, *y = (const struct dp_ent *)b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	if (x->side != y->side)
		return x->side - y->side;
	return x->file < y->file ? -1 : x->file > y->file;
}

/* Index of @key in the sorted @v[0..n), or -1. */
static long dp_find(char **v, size_t n, const char *key)
{
	char **hit = (char **)bsearch(&key, v, n, sizeof(*v), dp_cmp_str);

	return hit ? (long)(hit - v) : -1;
}

/* The files of side @s that the other side does not have, sorted. */
static size_t dp_only(struct km_diff *d, int s, char ***out)
{
	const struct km_dataset *ds[2] = { d->old, d->new_ };
	char **mine, **theirs;
	size_t nm = dp_distinct(d->keys[s], ds[s]->nrows, &mine, dp_cmp_str);
	size_t nt = dp_distinct(d->keys[!s], ds[!s]->nrows, &theirs, dp_cmp_str);
	size_t i, n = 0;

	for (i = 0; i < nm; i++)
		if (dp_find(theirs, nt, mine[i]) < 0)
			mine[n++] = mine[i];
	free(theirs);
	*out = mine;
	return n;
}

/* One entry a (name, side, file) for the rows in files only one side has. */
static size_t dp_entries(struct km_diff *d, char **only[2], size_t n_only[2],
			 struct dp_ent **out)
{
	const struct km_dataset *ds[2] = { d->old, d->new_ };
	struct dp_ent *e = (struct dp_ent *)mg_alloc((ds[0]->nrows + ds[1]->nrows + 1) * sizeof(*e));
	size_t n = 0, i, m = 0;
	int s;

	for (s = 0; s < 2; s++) {
		for (i = 0; i < ds[s]->nrows; i++) {
			long f = d->keys[s][i] ? dp_find(only[s], n_only[s], d->keys[s][i]) : -1;

			if (f < 0)
				continue;
			e[n].name = km_ds_text(ds[s], i, KM_COL_NAME);
			e[n].side = s;
			e[n++].file = (size_t)f;
		}
	}
	qsort(e, n, sizeof(*e), dp_cmp_ent);
	for (i = 0; i < n; i++)	/* one per name, side and file */
		if (!m || dp_cmp_ent(&e[m - 1], &e[i]))
			e[m++] = e[i];
	*out = e;
	return m;
}

/* A pair of files sharing names: [0] OLD's file, [1] NEW's, [2] how many. */
static int dp_cmp_vote(const void *a, const void *b)
{
	const size_t *x = (const size_t *)a, *y = (const size_t *)b;

	if (x[2] != y[2])
		return x[2] > y[2] ? -1 : 1;
	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* Votes (file of OLD, file of NEW, 1) for each name the two files share. */
static size_t dp_shared(const struct dp_ent *e, size_t n, size_t **out)
{
	size_t cap = 64, nv = 0, i = 0, j, k;
	size_t *v = (size_t *)mg_alloc(cap * 3 * sizeof(*v));

	while (i < n) {
		for (j = i; j < n && !strcmp(e[j].name, e[i].name); j++)
			;
		for (k = i; k < j && e[k].side == 0; k++) {
			size_t m;

			for (m = k + 1; m < j; m++) {
				if (e[m].side != 1)
					continue;
				if (nv == cap) {
					cap *= 2;
					v = (size_t *)realloc(v, cap * 3 * sizeof(*v));
					if (!v)
						exit(1);
				}
				v[3 * nv] = e[k].file;
				v[3 * nv + 1] = e[m].file;
				v[3 * nv++ + 2] = 1;
			}
		}
		i = j;
	}
	*out = v;
	return nv;
}

/* Votes of one pair summed: (a, b, count), sorted by count. */
static size_t dp_tally(size_t *v, size_t nv)
{
	size_t i, n = 0;

	qsort(v, nv, 3 * sizeof(*v), dp_cmp_vote);	/* count 1 each: by pair */
	for (i = 0; i < nv; i++) {
		if (n && v[3 * (n - 1)] == v[3 * i] && v[3 * (n - 1) + 1] == v[3 * i + 1]) {
			v[3 * (n - 1) + 2]++;
			continue;
		}
		memmove(&v[3 * n], &v[3 * i], 3 * sizeof(*v));
		n++;
	}
	qsort(v, n, 3 * sizeof(*v), dp_cmp_vote);
	return n;
}

/* How many distinct names each file of side @s holds. */
static size_t *dp_sizes(const struct dp_ent *e, size_t n, int s, size_t nfiles)
{
	size_t *size = (size_t *)mg_alloc((nfiles + 1) * sizeof(*size)), i;

	for (i = 0; i < n; i++)
		if (e[i].side == s)
			size[e[i].file]++;
	return size;
}

/* OLD's rows in file @from are compared as if they were in NEW's @to. */
static void dp_rename(struct km_diff *d, const char *from, const char *to)
{
	size_t i;

	for (i = 0; i < d->old->nrows; i++) {
		if (d->keys[0][i] && !strcmp(d->keys[0][i], from)) {
			free(d->keys[0][i]);
			d->keys[0][i] = mg_strdup(to);
			d->renamed[i] = 1;
		}
	}
}

static void dp_accept(struct km_diff *d, char **only[2], const size_t *v, size_t nv,
		      const size_t *size[2], size_t n_only[2])
{
	unsigned char *used[2];
	size_t i, s;
	char **from = (char **)mg_alloc((nv + 1) * sizeof(*from));
	char **to = (char **)mg_alloc((nv + 1) * sizeof(*to));
	size_t nr = 0;

	for (s = 0; s < 2; s++)
		used[s] = (unsigned char *)mg_alloc(n_only[s] + 1);
	for (i = 0; i < nv; i++) {
		size_t a = v[3 * i], b = v[3 * i + 1], k = v[3 * i + 2];
		size_t small = size[0][a] < size[1][b] ? size[0][a] : size[1][b];

		if (used[0][a] || used[1][b] || 2 * k < small)
			continue;
		used[0][a] = used[1][b] = 1;
		from[nr] = mg_strdup(only[0][a]);
		to[nr++] = mg_strdup(only[1][b]);
	}
	for (i = 0; i < nr; i++) {	/* only[] points into keys: rename after */
		dp_rename(d, from[i], to[i]);
		free(from[i]);
		free(to[i]);
	}
	free(from);
	free(to);
	free(used[0]);
	free(used[1]);
}

void dp_renames(struct km_diff *d)
{
	char **only[2];
	size_t n_only[2], ne, nv, *v, *size[2];
	struct dp_ent *e;

	d->renamed = (unsigned char *)mg_alloc(d->old->nrows + 1);
	n_only[0] = dp_only(d, 0, &only[0]);
	n_only[1] = dp_only(d, 1, &only[1]);
	if (n_only[0] && n_only[1]) {
		ne = dp_entries(d, only, n_only, &e);
		nv = dp_shared(e, ne, &v);
		nv = dp_tally(v, nv);
		size[0] = dp_sizes(e, ne, 0, n_only[0]);
		size[1] = dp_sizes(e, ne, 1, n_only[1]);
		dp_accept(d, only, v, nv, (const size_t **)size, n_only);
		free(size[0]);
		free(size[1]);
		free(v);
		free(e);
	}
	free(only[0]);
	free(only[1]);
}
