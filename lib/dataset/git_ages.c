// SPDX-License-Identifier: GPL-2.0
/*
 * git_ages.c - --git=DIR (kmetrics-merge, the report): C4, the age in days of
 * each function, and the functions of S (HEAD of DIR) that lib/history/ walks
 * for it and for kmetrics-merge's --history and --label-fixes.
 *
 * C4 = floor((T_head - T_oldest) / 86400), T_head the commit date of HEAD
 * in DIR, T_oldest the oldest author date among the commits that
 * `git blame HEAD -- FILE` gives the lines first_line..last_line of the
 * function (from the companion) to. 0 when the file is not tracked at
 * HEAD, when none of its lines exists, or when the author date is after
 * T_head. Blame is of HEAD, the commit the ages are counted to, so lines
 * changed in the work tree but not committed do not make ages negative;
 * the companion's line numbers are taken to be those of HEAD. Plain blame
 * (no -w, -M, -C): C4 counts when the current text of a line appeared.
 *
 * No git runs: one walk of HEAD's history through libgit2 blames every
 * function's lines at once (lib/history/history_blame.c), the walk that
 * --history makes too (kmetrics-merge does both in one).
 *
 * A source path is found in HEAD's tree by km_hist_resolve: relative, as
 * DIR/FILE, TOP/FILE (the tree may have moved since the build) and
 * CWD/FILE; absolute as it is; lexically and with symbolic links resolved.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history/km_history.h"
#include "km_set.h"

#define GT_DAY		86400LL

struct gt_ref {
	size_t rec;
	char *path;		/* resolved, malloc'ed */
	const char *name;
	size_t name_len;
	long first, last;
};

static int gt_ref_cmp(const void *a, const void *b)
{
	const struct gt_ref *x = (const struct gt_ref *)a, *y = (const struct gt_ref *)b;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if (x->last != y->last)
		return x->last < y->last ? -1 : 1;
	if (x->name_len != y->name_len)
		return x->name_len < y->name_len ? -1 : 1;
	return memcmp(x->name, y->name, x->name_len);
}

/* Resolve each record's file; with @warn, one warning per file that S does not have. */
static struct gt_ref *gt_refs(struct km_hist *h, const struct mg_set *set, const char *dir,
			      int warn, size_t *nrefs)
{
	struct gt_ref *refs = (struct gt_ref *)mg_alloc((set->nrecs + 1) * sizeof(*refs));
	const char *last_file = NULL, *last_cwd = NULL, *warned = NULL;
	char *cur = NULL;
	size_t i;

	*nrefs = 0;
	for (i = 0; i < set->nrecs; i++) {
		const struct mg_rec *r = &set->recs[i];
		const struct km_cfunc *f = mg_rec_func(set, r);
		const char *cwd = set->sides[r->side].comp.cwd;
		struct gt_ref *x = &refs[*nrefs];

		if (!f)
			continue;
		if (!last_file || strcmp(f->file, last_file) || strcmp(cwd, last_cwd)) {
			free(cur);
			cur = km_hist_resolve(h, dir, cwd, f->file);
			last_file = f->file;
			last_cwd = cwd;
			if (!cur && warn && (!warned || strcmp(warned, f->file))) {
				mg_warnf("%s: not a file of HEAD in %s; its functions keep empty "
					 "history and no fixes", f->file, km_hist_top(h));
				warned = f->file;
			}
		}
		if (!cur)
			continue;
		x->rec = i;
		x->path = mg_strdup(cur);
		x->name = r->text;
		x->name_len = r->name_len;
		x->first = f->first_line;
		x->last = f->last_line;
		(*nrefs)++;
	}
	free(cur);
	return refs;
}

/* Entries: one per distinct (path, span, name), spans cut at S's end of file. */
static void gt_entries(struct km_hist *h, struct mg_git_funcs *g, struct gt_ref *refs, size_t n,
		       int warn)
{
	const char *lines_of = NULL, *warned = NULL;
	long lines = -1;
	size_t i;

	qsort(refs, n, sizeof(*refs), gt_ref_cmp);
	g->funcs = (struct km_hist_func *)mg_alloc((n + 1) * sizeof(*g->funcs));
	for (i = 0; i < n; i++) {
		struct gt_ref *r = &refs[i];

		if (!lines_of || strcmp(lines_of, r->path)) {
			lines = km_hist_lines(h, r->path);
			lines_of = r->path;
		}
		if (r->first > lines) {
			if (warn && (!warned || strcmp(warned, r->path)))
				mg_warnf("%s: %ld lines at HEAD, but a function starts at line %ld "
					 "(the work tree differs from HEAD?); such functions keep "
					 "empty history", r->path, lines, r->first);
			warned = r->path;
			continue;
		}
		if (!i || gt_ref_cmp(&refs[i - 1], r)) {
			g->funcs[g->n].path = r->path;
			g->funcs[g->n].first = r->first;
			g->funcs[g->n].last = r->last > lines ? lines : r->last;
			g->n++;
		}
		g->entry[r->rec] = (long)g->n - 1;
	}
}

void mg_git_funcs(struct km_hist *h, const struct mg_set *set, const char *dir, int warn,
		  struct mg_git_funcs *g)
{
	struct gt_ref *refs;
	size_t i;

	memset(g, 0, sizeof(*g));
	g->entry = (long *)mg_alloc((set->nrecs + 1) * sizeof(long));
	for (i = 0; i < set->nrecs; i++)
		g->entry[i] = -1;
	refs = gt_refs(h, set, dir, warn, &g->npaths);
	gt_entries(h, g, refs, g->npaths, warn);
	g->paths = (char **)mg_alloc((g->npaths + 1) * sizeof(char *));
	for (i = 0; i < g->npaths; i++)
		g->paths[i] = refs[i].path;
	free(refs);
}

void mg_git_funcs_free(struct mg_git_funcs *g)
{
	size_t i;

	for (i = 0; i < g->npaths; i++)
		free(g->paths[i]);
	free(g->paths);
	free(g->funcs);
	free(g->entry);
	memset(g, 0, sizeof(*g));
}

void mg_git_ages_set(struct mg_set *set, const struct mg_git_funcs *g, const long long *oldest,
		     long long head)
{
	size_t i;

	for (i = 0; i < set->nrecs; i++) {
		long e = g->entry[i];
		long long t = e < 0 ? -1 : oldest[e];

		set->recs[i].age_days = t < 0 || t > head ? 0 : (long)((head - t) / GT_DAY);
	}
	set->changed = 1;
}

int mg_git_ages(struct mg_set *set, const char *dir)
{
	struct mg_git_funcs g;
	struct km_hist *h;
	long long *oldest;
	char err[1024];
	int r;

	if (km_hist_open(dir, &h, err, sizeof(err))) {
		size_t n = strlen(dir);

		/* libgit2's reason, after the directory that both name */
		mg_errorf("%s: not in a git work tree (%s)", dir,
			  !strncmp(err, dir, n) && !strncmp(err + n, ": ", 2) ? err + n + 2 : err);
		return -1;
	}
	mg_git_funcs(h, set, dir, 0, &g);
	oldest = (long long *)mg_alloc((g.n + 1) * sizeof(*oldest));
	r = km_hist_history(h, g.funcs, g.n, NULL, NULL, oldest, NULL, err, sizeof(err));
	if (r)
		mg_errorf("%s: %s", dir, err);
	else
		mg_git_ages_set(set, &g, oldest, km_hist_head_time(h));
	free(oldest);
	mg_git_funcs_free(&g);
	km_hist_close(h);
	return r ? -1 : 0;
}
