// SPDX-License-Identifier: GPL-2.0
/*
 * diff_renames.c - files renamed between the two sides of a comparison
 * (km_diff.h): a file only OLD has and a file only NEW has are one file
 * renamed when at least half of the functions of the smaller (its
 * distinct names) share their names with the other's. Files that hold
 * exactly the same names pair first (those with the same file name, then
 * in path order); then the pairs that share the most names, each file in
 * one pair at most.
 *
 * Shared names are counted from evidence: a name votes for each pair of
 * files (one only in OLD, one only in NEW) that both hold it when there
 * are at most RN_FEW such pairs; a name in more files than that (main,
 * probe, init in thousands of moved files) votes only for pairs that also
 * share their file name, again when those are few. A pair so found then
 * counts every name the two share, the common ones too (rn_recount). So
 * the work grows with the functions, not with the square of the files
 * renamed: 50,000 renamed files that each define probe and remove pair in
 * about a second, where every pair voting took 200 GB.
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with rn_.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diff_priv.h"
#include "input/km_input.h"

#define RN_FEW	64	/* pairs of files a name may vote for */

/* A function name in a file that only one side has. */
struct rn_ent {
	const char *name;
	int side;
	size_t file;		/* index into that side's list of such files */
};

/* The files only one side has, and what the pairing knows of each. */
struct rn {
	char **only[2];
	size_t n[2];
	size_t *size[2];	/* distinct names of each file */
	size_t *first[2];	/* its names: names[s][first[f] .. first[f] + size[f]) */
	const char **names[2];
	uint64_t *hash[2];	/* of those names, in order */
	unsigned char *used[2];
	size_t *votes, nvotes, cap;	/* (OLD file, NEW file, count) */
	size_t *pairs, npairs;		/* accepted: (OLD file, NEW file) */
};

static int rn_cmp_ent(const void *a, const void *b)
{
	const struct rn_ent *x = (const struct rn_ent *)a, *y = (const struct rn_ent *)b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	if (x->side != y->side)
		return x->side - y->side;
	return x->file < y->file ? -1 : x->file > y->file;
}

/* Index of @key in the sorted @v[0..n), or -1. */
static long rn_find(char **v, size_t n, const char *key)
{
	char **hit = (char **)bsearch(&key, v, n, sizeof(*v), dp_cmp_str);

	return hit ? (long)(hit - v) : -1;
}

/* The files of side @s that the other side does not have, sorted. */
static size_t rn_only(struct km_diff *d, int s, char ***out)
{
	const struct km_dataset *ds[2] = { d->old, d->new_ };
	char **mine, **theirs;
	size_t nm = dp_distinct(d->keys[s], ds[s]->nrows, &mine, dp_cmp_str);
	size_t nt = dp_distinct(d->keys[!s], ds[!s]->nrows, &theirs, dp_cmp_str);
	size_t i, n = 0;

	for (i = 0; i < nm; i++)
		if (rn_find(theirs, nt, mine[i]) < 0)
			mine[n++] = mine[i];
	free(theirs);
	*out = mine;
	return n;
}

/* One entry a (name, side, file) for the rows in files only one side has, sorted. */
static size_t rn_entries(struct km_diff *d, const struct rn *r, struct rn_ent **out)
{
	const struct km_dataset *ds[2] = { d->old, d->new_ };
	struct rn_ent *e = (struct rn_ent *)mg_alloc((ds[0]->nrows + ds[1]->nrows + 1) * sizeof(*e));
	size_t n = 0, i, m = 0;
	int s;

	for (s = 0; s < 2; s++) {
		for (i = 0; i < ds[s]->nrows; i++) {
			long f = d->keys[s][i] ? rn_find(r->only[s], r->n[s], d->keys[s][i]) : -1;

			if (f < 0)
				continue;
			e[n].name = km_ds_text(ds[s], i, KM_COL_NAME);
			e[n].side = s;
			e[n++].file = (size_t)f;
		}
	}
	qsort(e, n, sizeof(*e), rn_cmp_ent);
	for (i = 0; i < n; i++)	/* one per name, side and file */
		if (!m || rn_cmp_ent(&e[m - 1], &e[i]))
			e[m++] = e[i];
	*out = e;
	return m;
}

/* Each file's distinct names (in name order), their count and hash. */
static void rn_files(struct rn *r, const struct rn_ent *e, size_t ne)
{
	size_t i, *fill[2];
	int s;

	for (s = 0; s < 2; s++) {
		r->size[s] = (size_t *)mg_alloc((r->n[s] + 1) * sizeof(size_t));
		r->first[s] = (size_t *)mg_alloc((r->n[s] + 1) * sizeof(size_t));
		r->hash[s] = (uint64_t *)mg_alloc((r->n[s] + 1) * sizeof(uint64_t));
		r->names[s] = (const char **)mg_alloc((ne + 1) * sizeof(char *));
		r->used[s] = (unsigned char *)mg_alloc(r->n[s] + 1);
		fill[s] = (size_t *)mg_alloc((r->n[s] + 1) * sizeof(size_t));
	}
	for (i = 0; i < ne; i++)
		r->size[e[i].side][e[i].file]++;
	for (s = 0; s < 2; s++)
		for (i = 1; i <= r->n[s]; i++)
			r->first[s][i] = r->first[s][i - 1] + r->size[s][i - 1];
	for (i = 0; i < ne; i++) {
		int t = e[i].side;
		size_t f = e[i].file;
		const unsigned char *p = (const unsigned char *)e[i].name;
		uint64_t h = r->hash[t][f] ^ 0xcbf29ce484222325ULL;

		r->names[t][r->first[t][f] + fill[t][f]++] = e[i].name;
		for (; *p; p++)
			h = (h ^ *p) * 0x100000001b3ULL;
		r->hash[t][f] = (h ^ 0xff) * 0x100000001b3ULL;	/* the name's end */
	}
	free(fill[0]);
	free(fill[1]);
}

static void rn_vote(struct rn *r, size_t a, size_t b)
{
	if (r->nvotes == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 1024;
		r->votes = (size_t *)realloc(r->votes, r->cap * 3 * sizeof(size_t));
		if (!r->votes) {
			mg_errorf("%s: out of memory", mg_prog);
			exit(1);
		}
	}
	r->votes[3 * r->nvotes] = a;
	r->votes[3 * r->nvotes + 1] = b;
	r->votes[3 * r->nvotes++ + 2] = 1;
}

/* Votes of @e[0..n) (one name, OLD's entries first) for each pair, when few. */
static void rn_vote_all(struct rn *r, const struct rn_ent *e, size_t n)
{
	size_t n0 = 0, k, m;

	while (n0 < n && e[n0].side == 0)
		n0++;
	if (n0 * (n - n0) > RN_FEW)
		return;
	for (k = 0; k < n0; k++)
		for (m = n0; m < n; m++)
			rn_vote(r, e[k].file, e[m].file);
}

static const struct rn *rn_sort_ctx;

static const char *rn_base_of(const struct rn_ent *x)
{
	return dp_base(rn_sort_ctx->only[x->side][x->file]);
}

static int rn_cmp_base(const void *a, const void *b)
{
	const struct rn_ent *x = (const struct rn_ent *)a, *y = (const struct rn_ent *)b;
	int c = strcmp(rn_base_of(x), rn_base_of(y));

	return c ? c : x->side - y->side;
}

/* A name many files hold: it votes within each group of files of one file name. */
static void rn_vote_by_base(struct rn *r, const struct rn_ent *e, size_t n)
{
	struct rn_ent *t = (struct rn_ent *)mg_alloc((n + 1) * sizeof(*t));
	size_t i = 0, j;

	memcpy(t, e, n * sizeof(*t));
	rn_sort_ctx = r;
	qsort(t, n, sizeof(*t), rn_cmp_base);
	for (; i < n; i = j) {
		for (j = i + 1; j < n && !strcmp(rn_base_of(&t[j]), rn_base_of(&t[i])); j++)
			;
		rn_vote_all(r, t + i, j - i);
	}
	free(t);
}

/* Every name's votes. */
static void rn_shared(struct rn *r, const struct rn_ent *e, size_t n)
{
	size_t i = 0, j, n0;

	for (; i < n; i = j) {
		for (j = i + 1; j < n && !strcmp(e[j].name, e[i].name); j++)
			;
		for (n0 = i; n0 < j && e[n0].side == 0; n0++)
			;
		if ((n0 - i) * (j - n0) <= RN_FEW)
			rn_vote_all(r, e + i, j - i);
		else
			rn_vote_by_base(r, e + i, j - i);
	}
}

/* OLD's file @a and NEW's @b hold exactly the same names. */
static int rn_same_names(const struct rn *r, size_t a, size_t b)
{
	size_t k;

	if (r->size[0][a] != r->size[1][b] || r->hash[0][a] != r->hash[1][b])
		return 0;
	for (k = 0; k < r->size[0][a]; k++)
		if (strcmp(r->names[0][r->first[0][a] + k], r->names[1][r->first[1][b] + k]))
			return 0;
	return 1;
}

static void rn_pair(struct rn *r, size_t a, size_t b)
{
	r->used[0][a] = r->used[1][b] = 1;
	r->pairs[2 * r->npairs] = a;
	r->pairs[2 * r->npairs++ + 1] = b;
}

/* A file in the exact pairing: by its names' hash and count, side, file name, path. */
struct rn_key {
	uint64_t hash;
	size_t size, file;
	int side;
};

static int rn_cmp_key(const void *a, const void *b)
{
	const struct rn_key *x = (const struct rn_key *)a, *y = (const struct rn_key *)b;
	const char *px = rn_sort_ctx->only[x->side][x->file], *py = rn_sort_ctx->only[y->side][y->file];
	int c;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	if (x->side != y->side)
		return x->side - y->side;
	c = strcmp(dp_base(px), dp_base(py));
	return c ? c : strcmp(px, py);
}

/* One group of files with the same names: OLD's @k[i..m), NEW's @k[m..j). */
static void rn_exact_group(struct rn *r, const struct rn_key *k, size_t i, size_t m, size_t j)
{
	size_t a = i, b = m;

	while (a < m && b < j) {	/* the same file name first */
		int c = strcmp(dp_base(r->only[0][k[a].file]), dp_base(r->only[1][k[b].file]));

		if (!c && rn_same_names(r, k[a].file, k[b].file))
			rn_pair(r, k[a].file, k[b].file);
		a += c <= 0;
		b += c >= 0;
	}
	for (a = i, b = m; ; a++, b++) {	/* then the rest in path order */
		while (a < m && r->used[0][k[a].file])
			a++;
		while (b < j && r->used[1][k[b].file])
			b++;
		if (a >= m || b >= j)
			break;
		if (rn_same_names(r, k[a].file, k[b].file))
			rn_pair(r, k[a].file, k[b].file);
	}
}

/* Files that hold exactly the same names pair before any vote. */
static void rn_exact(struct rn *r)
{
	size_t n = r->n[0] + r->n[1], i = 0, j, m, f;
	struct rn_key *k = (struct rn_key *)mg_alloc((n + 1) * sizeof(*k));
	int s;

	for (s = 0, n = 0; s < 2; s++) {
		for (f = 0; f < r->n[s]; f++) {
			k[n].hash = r->hash[s][f];
			k[n].size = r->size[s][f];
			k[n].side = s;
			k[n++].file = f;
		}
	}
	rn_sort_ctx = r;
	qsort(k, n, sizeof(*k), rn_cmp_key);
	for (; i < n; i = j) {
		for (j = i + 1; j < n && k[j].hash == k[i].hash && k[j].size == k[i].size; j++)
			;
		for (m = i; m < j && k[m].side == 0; m++)
			;
		if (m > i && m < j)
			rn_exact_group(r, k, i, m, j);
	}
	free(k);
}

/* Votes of one pair summed, sorted by count (most first), then by files. */
static int rn_cmp_vote(const void *a, const void *b)
{
	const size_t *x = (const size_t *)a, *y = (const size_t *)b;

	if (x[2] != y[2])
		return x[2] > y[2] ? -1 : 1;
	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

static void rn_tally(struct rn *r)
{
	size_t *v = r->votes, i, n = 0;

	qsort(v, r->nvotes, 3 * sizeof(*v), rn_cmp_vote);	/* count 1 each: by pair */
	for (i = 0; i < r->nvotes; i++) {
		if (n && v[3 * (n - 1)] == v[3 * i] && v[3 * (n - 1) + 1] == v[3 * i + 1]) {
			v[3 * (n - 1) + 2]++;
			continue;
		}
		memmove(&v[3 * n], &v[3 * i], 3 * sizeof(*v));
		n++;
	}
	qsort(v, n, 3 * sizeof(*v), rn_cmp_vote);
	r->nvotes = n;
}

/* How many names OLD's file @a and NEW's @b share: their sorted lists merged. */
static size_t rn_common(const struct rn *r, size_t a, size_t b)
{
	const char *const *x = r->names[0] + r->first[0][a], *const *y = r->names[1] + r->first[1][b];
	size_t i = 0, j = 0, n = 0;

	while (i < r->size[0][a] && j < r->size[1][b]) {
		int c = strcmp(x[i], y[j]);

		n += !c;
		i += c <= 0;
		j += c >= 0;
	}
	return n;
}

/*
 * The votes counted only the names few files hold; a pair they found
 * shares the common ones too (probe, remove): count every shared name,
 * merging the two files' lists, while the work stays within RN_FEW
 * names per function read. Past that, the pairs keep their votes.
 */
static void rn_recount(struct rn *r, size_t nentries)
{
	size_t i, work = 0, budget = RN_FEW * (nentries + 1);

	for (i = 0; i < r->nvotes; i++) {
		size_t a = r->votes[3 * i], b = r->votes[3 * i + 1];

		work += r->size[0][a] + r->size[1][b];
		if (work > budget)
			break;
		r->votes[3 * i + 2] = rn_common(r, a, b);
	}
	qsort(r->votes, r->nvotes, 3 * sizeof(size_t), rn_cmp_vote);
}

/* The pairs with the most shared names, when they share half the smaller's. */
static void rn_accept(struct rn *r)
{
	size_t i;

	for (i = 0; i < r->nvotes; i++) {
		size_t a = r->votes[3 * i], b = r->votes[3 * i + 1], k = r->votes[3 * i + 2];
		size_t small = r->size[0][a] < r->size[1][b] ? r->size[0][a] : r->size[1][b];

		if (!r->used[0][a] && !r->used[1][b] && 2 * k >= small)
			rn_pair(r, a, b);
	}
}

/* OLD's rows in a renamed file are compared as if they were in NEW's. */
static void rn_rename(struct km_diff *d, struct rn *r)
{
	const char **to = (const char **)mg_alloc((r->n[0] + 1) * sizeof(char *));
	long *file = (long *)mg_alloc((d->old->nrows + 1) * sizeof(long));
	size_t i;

	for (i = 0; i < r->npairs; i++)
		to[r->pairs[2 * i]] = r->only[1][r->pairs[2 * i + 1]];
	for (i = 0; i < d->old->nrows; i++)	/* only[0] points into keys: look up first */
		file[i] = d->keys[0][i] ? rn_find(r->only[0], r->n[0], d->keys[0][i]) : -1;
	for (i = 0; i < d->old->nrows; i++) {
		if (file[i] < 0 || !to[file[i]])
			continue;
		free(d->keys[0][i]);
		d->keys[0][i] = mg_strdup(to[file[i]]);
		d->renamed[i] = 1;
	}
	free(file);
	free(to);
}

static void rn_free(struct rn *r)
{
	int s;

	for (s = 0; s < 2; s++) {
		free(r->only[s]);
		free(r->size[s]);
		free(r->first[s]);
		free(r->names[s]);
		free(r->hash[s]);
		free(r->used[s]);
	}
	free(r->votes);
	free(r->pairs);
}

void dp_renames(struct km_diff *d)
{
	struct rn r;
	struct rn_ent *e;
	size_t ne;

	memset(&r, 0, sizeof(r));
	d->renamed = (unsigned char *)mg_alloc(d->old->nrows + 1);
	r.n[0] = rn_only(d, 0, &r.only[0]);
	r.n[1] = rn_only(d, 1, &r.only[1]);
	if (r.n[0] && r.n[1]) {
		ne = rn_entries(d, &r, &e);
		rn_files(&r, e, ne);
		r.pairs = (size_t *)mg_alloc((r.n[0] + 1) * 2 * sizeof(size_t));
		rn_exact(&r);
		rn_shared(&r, e, ne);
		rn_tally(&r);
		rn_recount(&r, ne);
		rn_accept(&r);
		rn_rename(d, &r);
		free(e);
	}
	rn_free(&r);
}
