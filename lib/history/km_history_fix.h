/* SPDX-License-Identifier: GPL-2.0 */
/*
 * km_history_fix.h - the candidate fixes, shared by history_fixes.c
 * (which commits are fixes) and history_label.c (which functions each
 * touched).
 */
#ifndef KM_HISTORY_FIX_H
#define KM_HISTORY_FIX_H

#include "km_history_int.h"

#define HF_MAX_TARGETS	16	/* Fixes: targets kept per commit; more never skip it */

struct hf_fix {
	git_oid id;
	long long time;		/* committer time */
	size_t order;		/* parents before children */
	char *cves;		/* space-separated, malloc'ed */
	size_t ntargets;	/* Fixes: trailers */
	size_t nresolved;	/* of them, resolving to a commit: target[] */
	int unresolved;		/* one does not resolve */
	git_oid target[HF_MAX_TARGETS];
};

struct hf_set {
	struct hf_fix *f;
	size_t n, cap;
	struct km_oidmap range;	/* the commits of S..REV */
	struct km_oidmap check;	/* commits asked about: 1, or 2 when S contains them */
};

/* history_fixlist.c: the commit @hex (@len digits) names, 0 when it resolves. */
int km_hist_resolve_commit(struct km_hist *h, const char *hex, size_t len, git_oid *out);
/* Add every CVE id of the space-separated @cves to @list. */
void km_hist_add_cves(char **list, const char *cves);

/* history_label.c: the functions each of @fixes (oldest first) touched. */
int km_hist_touch(struct km_hist *h, const struct km_hist_func *funcs, size_t n,
		  struct hf_fix *fixes, size_t nfixes, struct km_hist_labels *out,
		  const struct km_hist_cb *cb, char *err, size_t errlen);

#endif /* KM_HISTORY_FIX_H */
