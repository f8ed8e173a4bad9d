// SPDX-License-Identifier: GPL-2.0
/*
 * history_diff.c - the hunks of one blob-to-blob diff, as git computes
 * them: libgit2's xdiff is git's, called with no context lines as
 * line-log.c and `git diff -U0` call it, optionally with git diff's
 * indent heuristic (git log -L's own diff has none). At -U0 git's
 * xdi_diff first drops the common tail of both files in 1 KiB blocks
 * (trim_common_tail), which can move where xdiff slides a hunk; libgit2
 * does not, so KM_DIFF_TRIM does it here.
 */
#include <stdlib.h>
#include <string.h>

#include "km_history_int.h"

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

int km_hist_diff(struct km_hist *h, const git_oid *a, const git_oid *b, int flags,
		 struct km_hunks *out, char *err, size_t errlen)
{
	git_diff_options o;
	struct km_blob ba, bb;
	size_t na, nb;
	int r;

	out->n = 0;
	if (a && b && git_oid_equal(a, b))
		return 0;
	if (hd_blob(h, a, &ba) || hd_blob(h, b, &bb)) {
		km_hist_blob_done(h, &ba);
		km_hist_giterr(err, errlen, "reading a blob");
		return -1;
	}
	na = ba.n;
	nb = bb.n;
	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	o.context_lines = 0;
	o.interhunk_lines = 0;
	o.flags = GIT_DIFF_FORCE_TEXT;
	if (flags & KM_DIFF_INDENT)
		o.flags |= GIT_DIFF_INDENT_HEURISTIC;
	if (flags & KM_DIFF_TRIM)
		hd_trim_tail(ba.p, &na, bb.p, &nb);
	r = git_diff_buffers(ba.p, na, NULL, bb.p, nb, NULL, &o, NULL, NULL, hd_hunk_cb, NULL,
			     out);
	km_hist_blob_done(h, &ba);
	km_hist_blob_done(h, &bb);
	if (r) {
		km_hist_giterr(err, errlen, "diff");
		return -1;
	}
	return 0;
}
