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
 * compared without it; one elsewhere as it is. The partner of an OLD path
 * is found among NEW's paths sorted by their reversed text, where the
 * longest common tail is a neighbour: n log n, however many files share
 * one name (50,000 main.c).
 *
 * Renamed files are diff_renames.c's.
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

const char *dp_base(const char *path)
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

int dp_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t dp_distinct(char **keys, size_t n, char ***out,
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

/* A path and its text reversed: NEW's paths sorted by their tails. */
struct dp_rev {
	const char *path;
	char *rev;
};

static char *dp_reverse(const char *s)
{
	size_t n = strlen(s), i;
	char *r = (char *)mg_alloc(n + 1);

	for (i = 0; i < n; i++)
		r[i] = s[n - 1 - i];
	return r;
}

static int dp_cmp_rev(const void *a, const void *b)
{
	return strcmp(((const struct dp_rev *)a)->rev, ((const struct dp_rev *)b)->rev);
}

/* The common tail of OLD path @a and NEW's path @k, in whole components (0: none). */
static size_t dp_tail_at(const char *a, const struct dp_rev *nb, size_t nn, size_t k)
{
	return k < nn ? dp_common_tail(a, strlen(a), nb[k].path, strlen(nb[k].path)) : 0;
}

/*
 * The vote of OLD path @a: "OLDROOT\nNEWROOT", malloc'ed, or NULL. Its
 * partner is the NEW path with the longest common tail of whole
 * components (at least the file name), and a unique one. In @nb, sorted
 * by reversed text, the paths sharing the longest tail with @a stand
 * around where @a's reversal would go: the two there, and one past the
 * better of them to see a tie.
 */
static char *dp_vote(const char *a, const struct dp_rev *nb, size_t nn)
{
	char *ra = dp_reverse(a), *v;
	size_t lo = 0, hi = nn, na = strlen(a), best, next, t1, t2;
	const char *with;

	while (lo < hi) {	/* the first NEW path whose reversal is not before a's */
		size_t mid = (lo + hi) / 2;

		if (strcmp(nb[mid].rev, ra) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	free(ra);
	t1 = lo ? dp_tail_at(a, nb, nn, lo - 1) : 0;
	t2 = dp_tail_at(a, nb, nn, lo);
	if (t2 >= t1) {
		best = t2, with = lo < nn ? nb[lo].path : NULL;
		next = t2 == t1 ? t1 : dp_tail_at(a, nb, nn, lo + 1);
	} else {
		best = t1, with = nb[lo - 1].path;
		next = lo >= 2 ? dp_tail_at(a, nb, nn, lo - 2) : 0;
	}
	if (!best || !with || next == best)
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
	size_t n_b = dp_distinct(d->keys[1], d->new_->nrows, &nb, dp_cmp_str);
	struct dp_rev *rb = (struct dp_rev *)mg_alloc((n_b + 1) * sizeof(*rb));
	size_t nv = 0, i, run = 0, most = 0;
	const char *win = NULL;

	for (i = 0; i < n_b; i++) {
		rb[i].path = nb[i];
		rb[i].rev = dp_reverse(nb[i]);
	}
	qsort(rb, n_b, sizeof(*rb), dp_cmp_rev);
	votes = (char **)mg_alloc((n_a + 1) * sizeof(*votes));
	for (i = 0; i < n_a; i++)
		if ((votes[nv] = dp_vote(na[i], rb, n_b)))
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
	for (i = 0; i < n_b; i++)
		free(rb[i].rev);
	free(rb);
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
