// SPDX-License-Identifier: GPL-2.0
/*
 * history_revs.c - which commits a walk of history visits, read here
 * rather than by libgit2's revwalk, whose error at a missing commit looks
 * like the end of the walk (so a shallow clone gave every function 0
 * commits with exit 0) and which knows no shallow boundary (libgit2 1.5).
 *
 *   km_hist_revs      the commits of TIP's history that are not in HIDE's,
 *                     children before parents (git rev-list HIDE..TIP
 *                     --topo-order): the --history walk, S..REV of fixes
 *   km_hist_ancestry  S's history newest first, until the caller has seen
 *                     what it looks for: which commits S contains
 *
 * As git: a commit listed in the repository's shallow file (a clone made
 * with --depth, as CI checkouts are) is a root, its parents are not
 * looked for, and the first walk that reaches one says so once (a
 * warning). Any other commit that is not there (a partial or damaged
 * clone) is an error naming it and its child.
 *
 * HIDE..TIP is limited as git's limit_list does: commits come newest
 * first by committer time; those reachable from HIDE are uninteresting
 * and pass that on to their parents; the walk stops once only
 * uninteresting commits are queued (after SLOP more, for clock skew), so
 * S..REV costs the commits after S, not S's whole history.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "km_history_int.h"
#include "io/km_io.h"

#define RV_SLOP		5		/* uninteresting commits looked at past the last interesting one */
#define RV_SHALLOW_MAX	((size_t)256 << 20)

struct rv_node {
	git_oid id;
	int64_t time;
	uint32_t *parents, nparents;
	uint32_t child;			/* the first child it was reached from (messages) */
	uint32_t indeg;			/* topological order: children in the result */
	unsigned char parsed, uninteresting, seen, added, kept;
};

struct rv {
	struct km_hist *h;
	struct rv_node *n;
	size_t nn, cap;
	struct km_oidmap idx;		/* commit -> index + 1 */
	uint32_t *heap;			/* newest first, then first pushed */
	uint64_t *seq;			/* push order of each node (tie break) */
	size_t nheap, capheap;
	uint64_t pushes;
	uint32_t *stack;		/* rv_mark_uninteresting's */
	size_t capstack;
	const struct km_hist_cb *cb;
	char *err;
	size_t errlen;
};

/* ---- the shallow boundary ---- */

static int rv_oid_cmp(const void *a, const void *b)
{
	return git_oid_cmp((const git_oid *)a, (const git_oid *)b);
}

static int rv_read_shallow(struct km_hist *h, char *err, size_t errlen)
{
	const char *dir = git_repository_commondir(h->repo);
	size_t len = 0, line = 0;
	char *path, *data, *p, *nl;
	git_oid id;

	h->shallow_read = 1;
	if (!git_repository_is_shallow(h->repo))
		return 0;
	path = (char *)km_hist_alloc(strlen(dir) + 16);
	strcpy(path, dir);
	strcat(path, "/shallow");
	data = km_read_path(path, RV_SHALLOW_MAX, KM_READ_TEXT | KM_READ_REGULAR, &len);
	if (!data) {
		km_read_error(err, errlen, path, errno, RV_SHALLOW_MAX, len);
		free(path);
		return -1;
	}
	for (p = data; p < data + len; p = nl + 1) {
		nl = (char *)memchr(p, '\n', (size_t)(data + len - p));
		if (!nl)
			nl = data + len;
		line++;
		if (nl - p != GIT_OID_HEXSZ || git_oid_fromstrn(&id, p, GIT_OID_HEXSZ)) {
			km_hist_err(err, errlen, "%s:%zu: not a commit id", path, line);
			free(data);
			free(path);
			return -1;
		}
		h->shallow = (git_oid *)km_hist_realloc(h->shallow, (h->nshallow + 1) * sizeof(id));
		git_oid_cpy(&h->shallow[h->nshallow++], &id);
	}
	qsort(h->shallow, h->nshallow, sizeof(*h->shallow), rv_oid_cmp);
	free(data);
	free(path);
	return 0;
}

static int rv_is_shallow(const struct km_hist *h, const git_oid *id)
{
	return h->nshallow && bsearch(id, h->shallow, h->nshallow, sizeof(*h->shallow), rv_oid_cmp);
}

/* ---- commits ---- */

static uint32_t rv_node(struct rv *r, const git_oid *id)
{
	void **slot = km_oidmap_slot(&r->idx, id);
	struct rv_node *n;

	if (*slot)
		return (uint32_t)((uintptr_t)*slot - 1);
	if (r->nn == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 1024;
		r->n = (struct rv_node *)km_hist_realloc(r->n, r->cap * sizeof(*r->n));
		r->seq = (uint64_t *)km_hist_realloc(r->seq, r->cap * sizeof(*r->seq));
	}
	n = &r->n[r->nn];
	memset(n, 0, sizeof(*n));
	git_oid_cpy(&n->id, id);
	n->child = UINT32_MAX;
	*slot = (void *)(uintptr_t)(r->nn + 1);
	return (uint32_t)r->nn++;
}

static void rv_shallow_note(struct rv *r)
{
	struct km_hist *h = r->h;

	if (h->shallow_warned)
		return;
	h->shallow_warned = 1;
	km_hist_warn(r->cb, "%s is a shallow clone: its history ends at the %zu commits of "
		     "its shallow boundary, as git log's does there", h->top, h->nshallow);
}

/* Read commit @i: its time and parents (none past the shallow boundary). */
static int rv_parse(struct rv *r, uint32_t i)
{
	git_commit *c;
	char hex[GIT_OID_HEXSZ + 1], child[GIT_OID_HEXSZ + 1];
	unsigned k, np;

	if (r->n[i].parsed)
		return 0;
	if (git_commit_lookup(&c, r->h->repo, &r->n[i].id)) {
		git_oid_tostr(hex, sizeof(hex), &r->n[i].id);
		if (r->n[i].child == UINT32_MAX)
			km_hist_giterr(r->err, r->errlen, hex);
		else
			km_hist_err(r->err, r->errlen, "commit %s, a parent of %s, is not in %s "
				    "(a damaged or partial clone): its history cannot be read", hex,
				    git_oid_tostr(child, sizeof(child), &r->n[r->n[i].child].id),
				    r->h->top);
		return -1;
	}
	r->n[i].parsed = 1;
	r->n[i].time = (int64_t)git_commit_time(c);
	np = rv_is_shallow(r->h, &r->n[i].id) ? 0 : git_commit_parentcount(c);
	if (np < git_commit_parentcount(c))
		rv_shallow_note(r);
	r->n[i].parents = (uint32_t *)km_hist_alloc((np + 1) * sizeof(uint32_t));
	for (k = 0; k < np; k++) {
		uint32_t p = rv_node(r, git_commit_parent_id(c, k));

		r->n[i].parents[k] = p;	/* r->n may have moved */
		if (r->n[p].child == UINT32_MAX)
			r->n[p].child = i;
	}
	r->n[i].nparents = np;
	git_commit_free(c);
	return 0;
}

/* ---- the queue: newest first ---- */

static int rv_before(const struct rv *r, uint32_t a, uint32_t b)
{
	if (r->n[a].time != r->n[b].time)
		return r->n[a].time > r->n[b].time;
	return r->seq[a] < r->seq[b];
}

static void rv_push(struct rv *r, uint32_t i)
{
	size_t k = r->nheap++;

	if (r->nheap > r->capheap) {
		r->capheap = r->capheap ? r->capheap * 2 : 256;
		r->heap = (uint32_t *)km_hist_realloc(r->heap, r->capheap * sizeof(*r->heap));
	}
	r->seq[i] = r->pushes++;
	for (; k && rv_before(r, i, r->heap[(k - 1) / 2]); k = (k - 1) / 2)
		r->heap[k] = r->heap[(k - 1) / 2];
	r->heap[k] = i;
}

static uint32_t rv_pop(struct rv *r)
{
	uint32_t top = r->heap[0], last = r->heap[--r->nheap];
	size_t k = 0, c;

	while ((c = 2 * k + 1) < r->nheap) {
		if (c + 1 < r->nheap && rv_before(r, r->heap[c + 1], r->heap[c]))
			c++;
		if (!rv_before(r, r->heap[c], last))
			break;
		r->heap[k] = r->heap[c];
		k = c;
	}
	if (r->nheap)
		r->heap[k] = last;
	return top;
}

/* ---- the walk ---- */

/* @i is uninteresting: so is every ancestor read so far. */
static void rv_mark_uninteresting(struct rv *r, uint32_t i)
{
	uint32_t *stack;
	size_t n = 0, k;

	if (r->capstack < r->nn + 1) {	/* each node is pushed once, when it turns */
		r->capstack = 2 * r->nn + 1;
		r->stack = (uint32_t *)km_hist_realloc(r->stack, r->capstack * sizeof(*r->stack));
	}
	stack = r->stack;
	stack[n++] = i;
	while (n) {
		struct rv_node *x = &r->n[stack[--n]];

		for (k = 0; k < x->nparents; k++) {
			struct rv_node *p = &r->n[x->parents[k]];

			if (p->uninteresting)
				continue;
			p->uninteresting = 1;
			if (p->parsed)
				stack[n++] = x->parents[k];
		}
	}
}

/* Queue @i's parents, once each; they inherit its uninteresting. */
static int rv_add_parents(struct rv *r, uint32_t i)
{
	uint32_t k;

	if (r->n[i].added)
		return 0;
	r->n[i].added = 1;
	for (k = 0; k < r->n[i].nparents; k++) {
		uint32_t p = r->n[i].parents[k];

		if (r->n[i].uninteresting)
			r->n[p].uninteresting = 1;
		if (rv_parse(r, p))
			return -1;
		if (r->n[p].uninteresting)
			rv_mark_uninteresting(r, p);
		if (!r->n[p].seen) {
			r->n[p].seen = 1;
			rv_push(r, p);
		}
	}
	return 0;
}

/* Whether to go on past an uninteresting commit: SLOP while the queue holds nothing new. */
static int rv_still(struct rv *r, int64_t time, int slop)
{
	size_t k;

	if (!r->nheap)
		return 0;
	if (time <= r->n[r->heap[0]].time)
		return RV_SLOP;
	for (k = 0; k < r->nheap; k++)
		if (!r->n[r->heap[k]].uninteresting || r->n[r->heap[k]].time > time)
			return RV_SLOP;
	return slop - 1;
}

static int rv_start(struct rv *r, const git_oid *id, int uninteresting)
{
	uint32_t i = rv_node(r, id);

	if (rv_parse(r, i))
		return -1;
	r->n[i].uninteresting |= (unsigned char)uninteresting;
	if (!r->n[i].seen) {
		r->n[i].seen = 1;
		rv_push(r, i);
	}
	return 0;
}

/*
 * Pop commits newest first; each interesting one goes to @visit (which
 * returns 1 to stop) and is kept. 0, or -1 with the error in r->err.
 */
static int rv_walk(struct rv *r, int (*visit)(void *, const git_oid *), void *ctx)
{
	int64_t time = INT64_MAX;
	int slop = RV_SLOP;

	while (r->nheap) {
		uint32_t i = rv_pop(r);

		if (rv_add_parents(r, i))
			return -1;
		if (r->n[i].uninteresting) {
			rv_mark_uninteresting(r, i);
			slop = rv_still(r, time, slop);
			if (!slop)
				break;
			continue;
		}
		time = r->n[i].time;
		r->n[i].kept = 1;
		if (visit && visit(ctx, &r->n[i].id))
			break;
	}
	return 0;
}

static int rv_open(struct rv *r, struct km_hist *h, const struct km_hist_cb *cb, char *err,
		   size_t errlen)
{
	memset(r, 0, sizeof(*r));
	r->h = h;
	r->cb = cb;
	r->err = err;
	r->errlen = errlen;
	return h->shallow_read ? 0 : rv_read_shallow(h, err, errlen);
}

static void rv_close(struct rv *r)
{
	size_t i;

	for (i = 0; i < r->nn; i++)
		free(r->n[i].parents);
	free(r->n);
	free(r->seq);
	free(r->heap);
	free(r->stack);
	km_oidmap_free(&r->idx);
}

/* The kept commits, children before parents (Kahn's order over them). */
static void rv_topo(struct rv *r, git_oid **out, size_t *n)
{
	uint32_t *queue = (uint32_t *)km_hist_alloc((r->nn + 1) * sizeof(*queue));
	size_t head = 0, tail = 0, i, k;

	for (i = 0; i < r->nn; i++)
		r->n[i].kept &= !r->n[i].uninteresting;
	for (i = 0; i < r->nn; i++)
		for (k = 0; r->n[i].kept && k < r->n[i].nparents; k++)
			r->n[r->n[i].parents[k]].indeg++;
	for (i = 0; i < r->nn; i++)	/* nodes are made in the order they were reached */
		if (r->n[i].kept && !r->n[i].indeg)
			queue[tail++] = (uint32_t)i;
	*out = (git_oid *)km_hist_alloc((r->nn + 1) * sizeof(git_oid));
	*n = 0;
	while (head < tail) {
		struct rv_node *x = &r->n[queue[head++]];

		git_oid_cpy(&(*out)[(*n)++], &x->id);
		for (k = 0; k < x->nparents; k++) {
			struct rv_node *p = &r->n[x->parents[k]];

			if (p->kept && !--p->indeg)
				queue[tail++] = x->parents[k];
		}
	}
	free(queue);
}

unsigned km_hist_parents(struct km_hist *h, const git_commit *c)
{
	return rv_is_shallow(h, git_commit_id(c)) ? 0 : git_commit_parentcount(c);
}

int km_hist_revs(struct km_hist *h, const git_oid *tip, const git_oid *hide, git_oid **out,
		 size_t *n, const struct km_hist_cb *cb, char *err, size_t errlen)
{
	struct rv r;
	int ret = -1;

	*out = NULL;
	*n = 0;
	if (!rv_open(&r, h, cb, err, errlen) && !rv_start(&r, tip, 0) &&
	    (!hide || !rv_start(&r, hide, 1)) && !rv_walk(&r, NULL, NULL)) {
		rv_topo(&r, out, n);
		ret = 0;
	}
	rv_close(&r);
	return ret;
}

int km_hist_ancestry(struct km_hist *h, int (*visit)(void *, const git_oid *), void *ctx,
		     const struct km_hist_cb *cb, char *err, size_t errlen)
{
	struct rv r;
	int ret = -1;

	if (!rv_open(&r, h, cb, err, errlen) && !rv_start(&r, git_commit_id(h->head), 0) &&
	    !rv_walk(&r, visit, ctx))
		ret = 0;
	rv_close(&r);
	return ret;
}
