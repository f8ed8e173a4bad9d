// SPDX-License-Identifier: GPL-2.0
/*
 * gen-history - a synthetic git history of kernel shape, for the
 * --history/--label-fixes benchmark (make bench-history).
 *
 *   gen-history COMMITS FILES S REPO OUT > stream   (then: git fast-import)
 *
 * Writes a git fast-import stream of COMMITS commits on refs/heads/main
 * over FILES C files under 40 directories, and, for the commit numbered S
 * (tagged S), a sidecar and companion per file under OUT whose companions
 * name REPO as the compiler's directory. A file is 8-16 functions of 5-20
 * body lines; a commit edits 1-3 files (a few files are hot) with 1-3
 * edits each (a body line changed, inserted or deleted); 20% of the
 * commits carry "Fixes: <12 hex>" (targets that do not resolve, as in a
 * mirror); 300 authors, hot ones more often; one commit an hour from
 * 2010 on; every 250th commit merges a side branch of 3 commits that
 * touched files main did not touch meanwhile. Deterministic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct gfile {
	int nfn;
	int *fn_len;		/* body lines per function */
	int **body;		/* line ids */
	int side;		/* edited on the open side branch */
};

static unsigned long long g_rng = 88172645463325252ULL;
static int g_next_id = 1;

static unsigned rnd(unsigned n)
{
	g_rng ^= g_rng << 13;
	g_rng ^= g_rng >> 7;
	g_rng ^= g_rng << 17;
	return (unsigned)(g_rng % n);
}

static void file_path(char *buf, size_t len, int f)
{
	snprintf(buf, len, "dir%02d/sub%d/file%04d.c", f % 40, (f / 40) % 5, f);
}

static void make_file(struct gfile *g)
{
	int k, i;

	g->nfn = 8 + (int)rnd(9);
	g->fn_len = (int *)calloc((size_t)g->nfn, sizeof(int));
	g->body = (int **)calloc((size_t)g->nfn, sizeof(int *));
	for (k = 0; k < g->nfn; k++) {
		g->fn_len[k] = 5 + (int)rnd(16);
		g->body[k] = (int *)malloc(64 * sizeof(int));
		for (i = 0; i < g->fn_len[k]; i++)
			g->body[k][i] = g_next_id++;
	}
}

/* The text of file @f: per function a header, "{", the body, "}", "". */
static char *file_text(const struct gfile *g, int f, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *s = (char *)malloc(cap);
	int k, i;

	for (k = 0; k < g->nfn; k++) {
		if (n + 64 * 40 > cap)
			s = (char *)realloc(s, cap *= 2);
		n += (size_t)sprintf(s + n, "int fn_%d_%d(int x)\n{\n", f, k);
		for (i = 0; i < g->fn_len[k]; i++)
			n += (size_t)sprintf(s + n, "\tx = x * 3 + %d;\n", g->body[k][i]);
		n += (size_t)sprintf(s + n, "}\n\n");
	}
	*len = n;
	return s;
}

static void edit(struct gfile *g)
{
	int k = (int)rnd((unsigned)g->nfn), i = (int)rnd((unsigned)g->fn_len[k]);
	int what = (int)rnd(3);

	if (what == 1 && g->fn_len[k] < 63) {
		memmove(&g->body[k][i + 1], &g->body[k][i], (size_t)(g->fn_len[k] - i) * sizeof(int));
		g->body[k][i] = g_next_id++;
		g->fn_len[k]++;
	} else if (what == 2 && g->fn_len[k] > 3) {
		memmove(&g->body[k][i], &g->body[k][i + 1],
			(size_t)(g->fn_len[k] - i - 1) * sizeof(int));
		g->fn_len[k]--;
	} else {
		g->body[k][i] = g_next_id++;
	}
}

static void emit_file(const struct gfile *g, int f)
{
	char path[128];
	size_t len;
	char *t = file_text(g, f, &len);

	file_path(path, sizeof(path), f);
	printf("M 100644 inline %s\ndata %zu\n", path, len);
	fwrite(t, 1, len, stdout);
	putchar('\n');
	free(t);
}

/* A hot file a quarter of the time; the side branch's files are its own. */
static int pick_file(int nfiles, struct gfile *files, int side)
{
	int tries;

	for (tries = 0; tries < 100; tries++) {
		int f = rnd(4) ? (int)rnd((unsigned)nfiles) : (int)rnd((unsigned)(nfiles / 50 + 1));

		if (side)
			files[f].side = 1;
		if (files[f].side == side)
			return f;
	}
	return -1;
}

static void header(const char *ref, int mark, long long t, int fix)
{
	int a = rnd(3) ? (int)rnd(30) : (int)rnd(300);
	char msg[160];
	int n = snprintf(msg, sizeof(msg), "commit %d\n", mark);

	if (fix)
		n += snprintf(msg + n, sizeof(msg) - (size_t)n, "\nFixes: %06x%06x (\"x\")\n",
			      rnd(1 << 24), rnd(1 << 24));
	printf("commit %s\nmark :%d\nauthor Dev%d <dev%d@example.org> %lld +0000\n"
	       "committer Maint <maint@example.org> %lld +0000\ndata %d\n%s",
	       ref, mark, a, a, t, t, n, msg);
}

static void commit(struct gfile *files, int nfiles, const char *ref, int mark, long long t,
		   int side)
{
	int nf = 1 + (int)rnd(3), i;

	header(ref, mark, t, rnd(5) == 0);
	for (i = 0; i < nf; i++) {
		int f = pick_file(nfiles, files, side), e, ne = 1 + (int)rnd(3);

		if (f < 0)
			continue;
		for (e = 0; e < ne; e++)
			edit(&files[f]);
		emit_file(&files[f], f);
	}
}

static void mkdirs(const char *path)
{
	char buf[4096];
	char *p;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		mkdir(buf, 0755);
		*p = '/';
	}
}

/* Sidecar and companion of each file as it is at S. */
static void write_sidecars(const struct gfile *files, int nfiles, const char *repo,
			   const char *out)
{
	int f, k;

	for (f = 0; f < nfiles; f++) {
		char rel[128], path[4096];
		FILE *s, *c;
		int line = 1;

		file_path(rel, sizeof(rel), f);
		snprintf(path, sizeof(path), "%s/%.*so.kmetrics", out, (int)strlen(rel) - 1, rel);
		mkdirs(path);
		s = fopen(path, "w");
		strcat(path, ".graph");
		c = fopen(path, "w");
		if (!s || !c) {
			perror(path);
			exit(1);
		}
		fprintf(c, "kmetrics-graph 1\nobject\t%.*so\nsource\t%s\ncwd\t%s\n",
			(int)strlen(rel) - 1, rel, rel, repo);
		for (k = 0; k < files[f].nfn; k++) {
			int last = line + files[f].fn_len[k] + 2;

			fprintf(s, "fn_%d_%d : 1 : 1 : 0.0 : 0 : 1 : 0 : 0 : 0 : 0 : 1 : "
				"1.0 \xef\xbc\x9a" "0\n", f, k);
			fprintf(c, "F\t%d\tfn_%d_%d\tG\t%s\t%d\t%d\t%d\n", k, f, k, rel, line,
				last, k);
			line = last + 2;
		}
		fprintf(c, "end\n");
		fclose(s);
		fclose(c);
	}
}

int main(int argc, char **argv)
{
	int ncommits, nfiles, s, i, mark = 0, main_head = 0, side_head = 0, side_left = 0;
	long long t = 1262304000;	/* 2010-01-01 */
	struct gfile *files;

	if (argc != 6) {
		fprintf(stderr, "usage: gen-history COMMITS FILES S REPO OUT > stream\n");
		return 2;
	}
	ncommits = atoi(argv[1]);
	nfiles = atoi(argv[2]);
	s = atoi(argv[3]);
	files = (struct gfile *)calloc((size_t)nfiles, sizeof(*files));
	header("refs/heads/main", ++mark, t, 0);
	for (i = 0; i < nfiles; i++) {
		make_file(&files[i]);
		emit_file(&files[i], i);
	}
	main_head = mark;
	for (i = 1; i < ncommits; i++) {
		t += 1800 + rnd(3600);
		if (i % 250 == 0 && !side_head && (i > s || i + 10 < s)) {
			side_left = 3;		/* open a side branch from main */
			side_head = main_head;
			printf("reset refs/heads/side\nfrom :%d\n", main_head);
		}
		if (side_left && i % 2) {
			commit(files, nfiles, "refs/heads/side", ++mark, t, 1);
			side_head = mark;
			side_left--;
			continue;
		}
		if (side_left == 0 && side_head) {	/* merge it */
			header("refs/heads/main", ++mark, t, 0);
			printf("merge :%d\n", side_head);
			for (int f = 0; f < nfiles; f++)
				if (files[f].side) {
					emit_file(&files[f], f);
					files[f].side = 0;
				}
			side_head = 0;
			main_head = mark;
			continue;
		}
		commit(files, nfiles, "refs/heads/main", ++mark, t, 0);
		main_head = mark;
		if (i == s) {
			printf("reset refs/tags/S\nfrom :%d\n", mark);
			write_sidecars(files, nfiles, argv[4], argv[5]);
		}
	}
	return 0;
}
