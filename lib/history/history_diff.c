// SPDX-License-Identifier: GPL-2.0
/*
 * history_diff.c - the hunks of one blob-to-blob diff, as git computes
 * them: git's xdiff (history_xdiff.c) with no context lines, as
 * line-log.c and `git diff -U0` call it, optionally with git diff's
 * indent heuristic (git log -L's own diff has none). At -U0 git's
 * xdi_diff first drops the common tail of both files in 1 KiB blocks
 * (trim_common_tail), which can move where xdiff slides a hunk; so
 * KM_DIFF_TRIM does it here.
 *
 * The walk diffs a changed path twice in a row, without the heuristic
 * and with it: the last pair stays prepared (lines, classes, Myers) with
 * its blobs, and the second diff only slides the changes. With
 * KM_XDIFF_CHECK in the environment every diff is made by libgit2's
 * xdiff too and a difference is an error (tests/history/xdiff.sh,
 * libbpf.sh).
 */
#include <stdlib.h>
#include <string.h>

#include "km_history_xdiff.h"

static void hd_trim_tail(const char *a, size_t *alen, const char *b, size_t *blen)
{
	const size_t blk = 1024;
	size_t trimmed = 0, recovered = 0;
	size_t smaller = *alen < *blen ? *alen : *blen;
	const char *ap = a + *alen, *bp = b + *blen;

	while (blk + trimmed <= smaller && !memcmp(ap - blk, bp - blk, blk)) {
		trimmed += blk;
		ap -= blk;
		bp -= blk;
	}
	while (recovered < trimmed)
		if (ap[recovered++] == '\n')
			break;
	*alen -= trimmed - recovered;
	*blen -= trimmed - recovered;
}

/* libgit2 numbers hunks as the @@ line does: an empty side starts before. */
static int hd_hunk_cb(const git_diff_delta *d, const git_diff_hunk *hk, void *payload)
{
	struct km_hunks *out = (struct km_hunks *)payload;
	struct km_hunk *x;

	(void)d;
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 16;
		out->h = (struct km_hunk *)km_hist_realloc(out->h, out->cap * sizeof(*out->h));
	}
	x = &out->h[out->n++];
	x->ps = hk->old_lines ? hk->old_start - 1 : hk->old_start;
	x->pe = x->ps + hk->old_lines;
	x->ts = hk->new_lines ? hk->new_start - 1 : hk->new_start;
	x->te = x->ts + hk->new_lines;
	return 0;
}

static int hd_blob(struct km_hist *h, const git_oid *id, struct km_blob *b)
{
	memset(b, 0, sizeof(*b));
	b->p = "";
	return id ? km_hist_blob(h, id, b) : 0;
}

/* The last pair diffed, prepared (its blobs pinned): the walk's second diff of a path. */
struct km_diff_memo {
	struct km_xd xd;
	struct km_blob a, b;
	size_t na, nb;		/* trimmed */
	git_oid ida, idb;
	int hasa, hasb, trim, valid;
};

static int hd_memo_hit(const struct km_diff_memo *m, const git_oid *a, const git_oid *b,
		       int trim)
{
	return m->valid && m->trim == trim && m->hasa == !!a && m->hasb == !!b &&
	       (!a || git_oid_equal(a, &m->ida)) && (!b || git_oid_equal(b, &m->idb));
}

static void hd_memo_drop(struct km_hist *h, struct km_diff_memo *m)
{
	km_hist_blob_done(h, &m->a);
	km_hist_blob_done(h, &m->b);
	m->valid = 0;
}

static int hd_prepare(struct km_hist *h, struct km_diff_memo *m, const git_oid *a,
		      const git_oid *b, int trim)
{
	hd_memo_drop(h, m);
	if (hd_blob(h, a, &m->a) || hd_blob(h, b, &m->b)) {
		hd_memo_drop(h, m);
		return -1;
	}
	m->na = m->a.n;
	m->nb = m->b.n;
	if (trim)
		hd_trim_tail(m->a.p, &m->na, m->b.p, &m->nb);
	km_xd_prepare(&m->xd, m->a.p, m->na, m->b.p, m->nb);
	m->hasa = !!a;
	m->hasb = !!b;
	if (a)
		git_oid_cpy(&m->ida, a);
	if (b)
		git_oid_cpy(&m->idb, b);
	m->trim = trim;
	m->valid = 1;
	return 0;
}

/* KM_XDIFF_CHECK set: libgit2's xdiff must give the same hunks. */
static int hd_check(const struct km_diff_memo *m, int flags, const struct km_hunks *got,
		    char *err, size_t errlen)
{
	struct km_hunks want = { NULL, 0, 0 };
	git_diff_options o;
	int same;

	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	o.context_lines = 0;
	o.interhunk_lines = 0;
	o.flags = GIT_DIFF_FORCE_TEXT;
	if (flags & KM_DIFF_INDENT)
		o.flags |= GIT_DIFF_INDENT_HEURISTIC;
	if (git_diff_buffers(m->a.p, m->na, NULL, m->b.p, m->nb, NULL, &o, NULL, NULL,
			     hd_hunk_cb, NULL, &want)) {
		km_hist_giterr(err, errlen, "diff");
		free(want.h);
		return -1;
	}
	same = want.n == got->n && (!want.n || !memcmp(want.h, got->h, want.n * sizeof(*want.h)));
	free(want.h);
	if (same)
		return 0;
	km_hist_err(err, errlen, "KM_XDIFF_CHECK: the diff of %s and %s differs from libgit2's",
		    m->hasa ? git_oid_tostr_s(&m->ida) : "(none)",
		    m->hasb ? git_oid_tostr_s(&m->idb) : "(none)");
	return -1;
}

int km_hist_diff(struct km_hist *h, const git_oid *a, const git_oid *b, int flags,
		 struct km_hunks *out, char *err, size_t errlen)
{
	static int checking = -1;
	int trim = !!(flags & KM_DIFF_TRIM);

	out->n = 0;
	if (a && b && git_oid_equal(a, b))
		return 0;
	if (checking < 0)
		checking = getenv("KM_XDIFF_CHECK") != NULL;
	if (!h->diff)
		h->diff = (struct km_diff_memo *)km_hist_alloc(sizeof(*h->diff));
	if (!hd_memo_hit(h->diff, a, b, trim) && hd_prepare(h, h->diff, a, b, trim)) {
		km_hist_giterr(err, errlen, "reading a blob");
		return -1;
	}
	km_xd_hunks(&h->diff->xd, flags & KM_DIFF_INDENT, out);
	return checking ? hd_check(h->diff, flags, out, err, errlen) : 0;
}

void km_hist_diff_close(struct km_hist *h)
{
	if (!h->diff)
		return;
	hd_memo_drop(h, h->diff);
	km_xd_free(&h->diff->xd);
	free(h->diff);
	h->diff = NULL;
}
