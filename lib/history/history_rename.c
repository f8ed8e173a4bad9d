// SPDX-License-Identifier: GPL-2.0
/*
 * history_rename.c - which deleted file a new path was renamed from, as
 * git's rename detection (diffcore-rename.c, git 2.39, -M50%) decides for
 * one destination, the case git log -L meets: it keeps only the range's
 * path among the new files before detecting renames.
 *
 *   1. exact: a deleted blob with the same id (one with the same base
 *      name first);
 *   2. base name: when exactly one deleted file has the destination's
 *      base name, it is taken at a similarity of 75% or more;
 *   3. otherwise the most similar deleted file at 50% or more (ties: the
 *      same base name, then the first path).
 *
 * Similarity is git's estimate: each file cut into spans ending at a
 * newline or after 64 bytes (a CR before LF ignored in text), each span
 * hashed; the bytes of the spans both files share, over the larger size.
 * libgit2's own rename detection scores differently, which is why this
 * file exists. Only regular files are renames of each other.
 */
#include <stdlib.h>
#include <string.h>

#include "km_history_int.h"

#define RN_MAX_SCORE	60000
#define RN_MIN_SCORE	30000	/* -M50% */
#define RN_BASE_SCORE	(RN_MIN_SCORE + (RN_MAX_SCORE - RN_MIN_SCORE) / 2)
#define RN_HASHBASE	107927

struct rn_span {
	unsigned hashval, cnt;
};

/* One file's spans: hashval -> bytes, sorted by hashval. */
struct rn_sig {
	struct rn_span *s;
	size_t n;
	size_t size;
};

static int rn_cmp(const void *a, const void *b)
{
	unsigned x = ((const struct rn_span *)a)->hashval;
	unsigned y = ((const struct rn_span *)b)->hashval;

	return x < y ? -1 : x > y;
}

static void rn_add(struct rn_span **s, size_t *n, size_t *cap, unsigned hv, unsigned cnt)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*s = (struct rn_span *)km_hist_realloc(*s, *cap * sizeof(**s));
	}
	(*s)[*n].hashval = hv;
	(*s)[*n].cnt = cnt;
	(*n)++;
}

/* git's hash_chars, then equal hash values summed. */
static void rn_sign(const unsigned char *buf, size_t sz, struct rn_sig *sig)
{
	size_t cap = 0, i, k, n = 0, probe = sz < 8000 ? sz : 8000;
	unsigned accum1 = 0, accum2 = 0;
	int is_text = !memchr(buf, 0, probe);

	memset(sig, 0, sizeof(*sig));
	sig->size = sz;
	for (i = 0; i < sz; i++) {
		unsigned c = buf[i], old_1 = accum1;

		if (is_text && c == '\r' && i + 1 < sz && buf[i + 1] == '\n')
			continue;
		accum1 = (accum1 << 7) ^ (accum2 >> 25);
		accum2 = (accum2 << 7) ^ (old_1 >> 25);
		accum1 += c;
		if (++n < 64 && c != '\n')
			continue;
		rn_add(&sig->s, &sig->n, &cap, (accum1 + accum2 * 0x61) % RN_HASHBASE, (unsigned)n);
		n = 0;
		accum1 = accum2 = 0;
	}
	if (n > 0)
		rn_add(&sig->s, &sig->n, &cap, (accum1 + accum2 * 0x61) % RN_HASHBASE, (unsigned)n);
	qsort(sig->s, sig->n, sizeof(*sig->s), rn_cmp);
	for (i = k = 0; i < sig->n; i++) {
		if (k && sig->s[k - 1].hashval == sig->s[i].hashval)
			sig->s[k - 1].cnt += sig->s[i].cnt;
		else
			sig->s[k++] = sig->s[i];
	}
	sig->n = k;
}

/* estimate_similarity: 0..RN_MAX_SCORE, 0 below @min. */
static int rn_score(const struct rn_sig *a, const struct rn_sig *b, int min)
{
	size_t max = a->size > b->size ? a->size : b->size;
	size_t base = a->size < b->size ? a->size : b->size;
	size_t i = 0, j = 0;
	unsigned long long copied = 0;

	if ((unsigned long long)max * (RN_MAX_SCORE - min) <
	    (unsigned long long)(max - base) * RN_MAX_SCORE)
		return 0;
	if (!b->size)
		return 0;
	while (i < a->n && j < b->n) {
		if (a->s[i].hashval < b->s[j].hashval) {
			i++;
		} else if (a->s[i].hashval > b->s[j].hashval) {
			j++;
		} else {
			copied += a->s[i].cnt < b->s[j].cnt ? a->s[i].cnt : b->s[j].cnt;
			i++;
			j++;
		}
	}
	return (int)(copied * RN_MAX_SCORE / max);
}

static const char *rn_base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static int rn_is_file(struct km_hist *h, const git_oid *id, struct rn_sig *sig)
{
	struct km_blob b;

	if (km_hist_blob(h, id, &b))
		return 0;
	rn_sign((const unsigned char *)b.p, b.n, sig);
	km_hist_blob_done(h, &b);
	return 1;
}

/* Steps 1 and 2; -2 when neither decides. */
static long rn_exact_or_base(struct km_hist *h, const char *dst_path, const git_oid *dst,
			     const struct km_rename_src *src, size_t nsrc, struct rn_sig *dsig)
{
	const char *base = rn_base(dst_path);
	long exact = -1, same = -1;
	size_t i, nsame = 0;
	struct rn_sig ssig;
	int score;

	for (i = 0; i < nsrc; i++) {
		int same_base = !strcmp(rn_base(src[i].path), base);

		if (git_oid_equal(&src[i].oid, dst) && (exact < 0 || (same_base &&
		    strcmp(rn_base(src[exact].path), base))))
			exact = (long)i;
		if (same_base) {
			nsame++;
			same = (long)i;
		}
	}
	if (exact >= 0)
		return exact;
	if (nsame != 1 || !rn_is_file(h, &src[same].oid, &ssig))
		return -2;
	score = rn_score(&ssig, dsig, RN_BASE_SCORE);
	free(ssig.s);
	return score >= RN_BASE_SCORE ? same : -2;
}

long km_hist_rename_source(struct km_hist *h, const char *dst_path, const git_oid *dst,
			   const struct km_rename_src *src, size_t nsrc)
{
	const char *base = rn_base(dst_path);
	struct rn_sig dsig, ssig;
	long best = -1, r;
	int best_score = 0, best_same = 0;
	size_t i;

	if (!nsrc || !rn_is_file(h, dst, &dsig))
		return -1;
	r = rn_exact_or_base(h, dst_path, dst, src, nsrc, &dsig);
	for (i = 0; r == -2 && i < nsrc; i++) {
		int score, same;

		if (!rn_is_file(h, &src[i].oid, &ssig))
			continue;
		score = rn_score(&ssig, &dsig, RN_MIN_SCORE);
		free(ssig.s);
		same = !strcmp(rn_base(src[i].path), base);
		if (score < RN_MIN_SCORE)
			continue;
		if (best < 0 || score > best_score || (score == best_score && same && !best_same)) {
			best = (long)i;
			best_score = score;
			best_same = same;
		}
	}
	free(dsig.s);
	return r == -2 ? best : r;
}
