// SPDX-License-Identifier: GPL-2.0
/*
 * history_fixes.c - --label-fixes and --fix-list: which commits are
 * fixes of S, oldest first, and which functions of S each touched
 * (the touching itself is history_label.c).
 *
 * A fix is a non-merge commit C in S..REV whose message has a Fixes:
 * trailer (a line "Fixes: <7-40 hex>", blank space allowed before and
 * after "Fixes:"), a CVE id anywhere (CVE-YYYY-NNNN...), or whose id the
 * fix list names. Without REV the fix list alone names the fixes: those
 * of its non-merge commits that S does not contain. A fix is skipped when
 * all its Fixes: targets resolve to commits and none of them is S or an
 * ancestor of S (the bug came after S); a target that does not resolve
 * (a mirror, a shallow clone) never skips it. Fixes are ordered by
 * committer time, then parents before children.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "km_history_fix.h"

/* Fixes: targets and CVE ids of one message. */
static void hf_scan(struct km_hist *h, const char *msg, struct hf_fix *f)
{
	const char *line, *p;

	for (line = msg; line && *line; line = (p = strchr(line, '\n')) ? p + 1 : NULL) {
		size_t n;

		for (p = line; *p == ' ' || *p == '\t'; p++)
			;
		if (strncmp(p, "Fixes:", 6))
			continue;
		for (p += 6; *p == ' ' || *p == '\t'; p++)
			;
		for (n = 0; isxdigit((unsigned char)p[n]); n++)
			;
		if (n < 7)
			continue;
		f->ntargets++;
		if (f->nresolved == HF_MAX_TARGETS ||
		    km_hist_resolve_commit(h, p, n > 40 ? 40 : n, &f->target[f->nresolved]))
			f->unresolved = 1;
		else
			f->nresolved++;
	}
	for (p = msg; (p = strstr(p, "CVE-")); p++) {
		size_t n = km_hist_cve_len(p);

		if (n && (p == msg || !isalnum((unsigned char)p[-1])))
			km_hist_add_cve(&f->cves, p, n);
	}
}

static struct hf_fix *hf_push(struct hf_set *s)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->f = (struct hf_fix *)km_hist_realloc(s->f, s->cap * sizeof(*s->f));
	}
	memset(&s->f[s->n], 0, sizeof(s->f[s->n]));
	return &s->f[s->n++];
}

/* Commit @id as a candidate fix; @listed: its fix-list entry or NULL. */
static int hf_consider(struct km_hist *h, struct hf_set *s, const git_oid *id,
		       const char *listed, int need_mark)
{
	git_commit *c;
	struct hf_fix *f;

	if (git_commit_lookup(&c, h->repo, id))
		return -1;
	if (git_commit_parentcount(c) != 1) {
		git_commit_free(c);
		return 0;
	}
	f = hf_push(s);
	git_oid_cpy(&f->id, id);
	f->time = (long long)git_commit_time(c);
	f->order = s->n;
	f->cves = km_hist_strdup("");
	hf_scan(h, git_commit_message(c), f);
	if (listed)
		km_hist_add_cves(&f->cves, listed);
	git_commit_free(c);
	if (!listed && !f->ntargets && !*f->cves) {
		free(f->cves);
		s->n--;
	} else if (need_mark) {
		*km_oidmap_slot(&s->check, id) = (void *)1;
	}
	return 0;
}

/* S..REV: every candidate, and the set of commits in it. */
static int hf_range(struct km_hist *h, const char *rev, const struct km_hist_fixlist *list,
		    struct hf_set *s, const struct km_hist_cb *cb, char *err, size_t errlen)
{
	git_commit *r = km_hist_commit(h, rev, err, errlen);
	git_revwalk *rw;
	git_oid id;
	size_t listed_in = 0;

	if (!r) {
		km_hist_err(err, errlen, "--label-fixes=%s: no such commit in %s", rev, h->top);
		return -1;
	}
	if (git_revwalk_new(&rw, h->repo)) {
		git_commit_free(r);
		km_hist_giterr(err, errlen, "walking the history");
		return -1;
	}
	git_revwalk_sorting(rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	git_revwalk_push(rw, git_commit_id(r));
	git_revwalk_hide(rw, git_commit_id(h->head));
	git_commit_free(r);
	while (!git_revwalk_next(&id, rw)) {
		const char *l = list ? (const char *)km_oidmap_get(&list->map, &id) : NULL;

		*km_oidmap_slot(&s->range, &id) = (void *)1;
		listed_in += l != NULL;
		if (hf_consider(h, s, &id, l, 0)) {
			git_revwalk_free(rw);
			km_hist_giterr(err, errlen, "reading a commit");
			return -1;
		}
	}
	git_revwalk_free(rw);
	if (!s->range.n)
		km_hist_warn(cb, "--label-fixes=%s: no commit after S (HEAD of %s) up to it: "
			     "no fixes", rev, h->top);
	if (list && list->map.n > listed_in)
		km_hist_warn(cb, "%s: %zu of its commits are not in S..%s and fix nothing here",
			     list->path, list->map.n - listed_in, rev);
	return 0;
}

/* Without REV: the listed commits, to be kept when S does not contain them. */
static int hf_listed(struct km_hist *h, const struct km_hist_fixlist *list, struct hf_set *s,
		     char *err, size_t errlen)
{
	size_t i;

	for (i = 0; i < list->map.cap; i++) {
		if (!list->map.used[i])
			continue;
		if (hf_consider(h, s, &list->map.keys[i], (const char *)list->map.vals[i], 1)) {
			km_hist_giterr(err, errlen, "reading a commit");
			return -1;
		}
	}
	return 0;
}

/* Which commits of s->check S contains: one walk of S's history, stopped early. */
static int hf_ancestry(struct km_hist *h, struct hf_set *s, char *err, size_t errlen)
{
	git_revwalk *rw;
	git_oid id;
	size_t left = s->check.n;

	if (!left)
		return 0;
	if (git_revwalk_new(&rw, h->repo)) {
		km_hist_giterr(err, errlen, "walking the history");
		return -1;
	}
	git_revwalk_push(rw, git_commit_id(h->head));
	while (left && !git_revwalk_next(&id, rw)) {
		void **slot;

		if (!km_oidmap_get(&s->check, &id))
			continue;
		slot = km_oidmap_slot(&s->check, &id);
		if (*slot == (void *)1) {
			*slot = (void *)2;	/* contained in S */
			left--;
		}
	}
	git_revwalk_free(rw);
	return 0;
}

static int hf_in_s(const struct hf_set *s, const git_oid *id)
{
	return km_oidmap_get(&s->check, id) == (void *)2;
}

/* Targets outside S..REV may be ancestors of S: ask the walk. */
static void hf_mark_targets(struct hf_set *s)
{
	size_t i, k;

	for (i = 0; i < s->n; i++)
		for (k = 0; k < s->f[i].nresolved; k++)
			if (!km_oidmap_get(&s->range, &s->f[i].target[k]))
				*km_oidmap_slot(&s->check, &s->f[i].target[k]) = (void *)1;
}

/* Drop the listed commits S has, and fixes of bugs that came after S. */
static void hf_filter(struct hf_set *s, int listed_only)
{
	size_t i, k, out = 0;

	for (i = 0; i < s->n; i++) {
		struct hf_fix *f = &s->f[i];
		int before = 0;

		for (k = 0; k < f->nresolved; k++)
			before |= hf_in_s(s, &f->target[k]);
		if ((listed_only && hf_in_s(s, &f->id)) ||
		    (f->ntargets && !f->unresolved && !before)) {
			free(f->cves);
			continue;
		}
		s->f[out++] = *f;
	}
	s->n = out;
}

static int hf_cmp(const void *a, const void *b)
{
	const struct hf_fix *x = (const struct hf_fix *)a, *y = (const struct hf_fix *)b;

	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static void hf_set_free(struct hf_set *s)
{
	km_oidmap_free(&s->range);
	km_oidmap_free(&s->check);
	free(s->f);
}

int km_hist_label(struct km_hist *h, const struct km_hist_func *funcs, size_t n,
		  const char *rev, const struct km_hist_fixlist *list,
		  struct km_hist_labels *out, const struct km_hist_cb *cb,
		  char *err, size_t errlen)
{
	struct hf_set s;
	int r;

	memset(&s, 0, sizeof(s));
	memset(out, 0, sizeof(*out));
	r = rev ? hf_range(h, rev, list, &s, cb, err, errlen) :
		  list ? hf_listed(h, list, &s, err, errlen) : 0;
	if (!r) {
		hf_mark_targets(&s);
		r = hf_ancestry(h, &s, err, errlen);
	}
	if (!r) {
		hf_filter(&s, !rev);
		qsort(s.f, s.n, sizeof(*s.f), hf_cmp);
		r = km_hist_touch(h, funcs, n, s.f, s.n, out, cb, err, errlen);
	}
	if (r) {
		size_t i;

		for (i = 0; i < s.n; i++)
			free(s.f[i].cves);
	}
	hf_set_free(&s);
	return r;
}
