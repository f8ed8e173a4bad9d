// SPDX-License-Identifier: GPL-2.0
/*
 * gen-synthetic - write a kernel-shaped build of sidecars for benchmarks.
 *
 *   gen-synthetic [--seed=S] N DIR
 *
 * N functions in N/20 objects, DIR/obj/dD/fF.o.kmetrics plus its companion
 * (.graph), 100 objects a directory. The shape imitates a kernel:
 *  - the first tenth of the directories is the core (mm, locking, printk,
 *    lib): functions at levels 20..49; the other directories (drivers, fs,
 *    net) hold levels 0..29. Calls go to deeper levels, mostly the next
 *    few, so call chains reach a depth of about 50 (driver entry down to
 *    the bottom of the core);
 *  - out-degree is Pareto (alpha 2, x_min 4.7, capped at 400): most
 *    functions call a handful, a few call hundreds; after duplicate calls
 *    merge, about 8 distinct callees per function;
 *  - 30% of the functions are static (helper_K: the same names in every
 *    object, each private to it); every object also has a header static
 *    inline (a node without a record);
 *  - a call goes to the same object (38%), the same directory (30%) or a
 *    core function anywhere, popular ones much more often (25%); 4% go to
 *    external functions that no object defines, 3% to the header inline.
 *    A call that finds no deeper function nearby goes to the core, and
 *    from the bottom of the core outside: about 5.5% external in all;
 *  - one function in 20000 of the deep levels (>= 40) gets a callee in
 *    its object that calls it back: a few call cycles.
 * The records are what the plugin would write for each object alone: C5-C7
 * computed over the object's own graph by lib/graph/graph.c. The companions are
 * in format version 2, with every function's M line (measures) and C line
 * (compiler facts; a fifth of the statics inlined). Deterministic for a
 * given N and seed (the same files, byte for byte).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "companion/km_companion.h"
#include "graph/km_graph.h"
#include "record/km_record.h"

#define GS_PER_OBJ	20
#define GS_PER_DIR	100
#define GS_LEVELS	50
#define GS_MAX_DEG	400
#define GS_EXTERNALS	2000

struct gs_func {
	unsigned char level;
	char linkage;
};

static uint64_t gs_state;

static uint64_t gs_next(void)
{
	uint64_t z = (gs_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint32_t gs_rnd(uint32_t bound)
{
	return (uint32_t)(gs_next() % bound);
}

static double gs_unit(void)
{
	return (double)(gs_next() >> 11) / 9007199254740992.0;
}

static uint32_t gs_nfuncs, gs_nobjs, gs_core_end;	/* functions below gs_core_end are core */
static struct gs_func *gs_funcs;
static uint32_t *gs_level_globals[GS_LEVELS], gs_level_len[GS_LEVELS];

static uint32_t gs_obj_first(uint32_t o)
{
	return o * GS_PER_OBJ;
}

static uint32_t gs_obj_end(uint32_t o)
{
	return o + 1 == gs_nobjs ? gs_nfuncs : (o + 1) * GS_PER_OBJ;
}

static void gs_die(const char *what)
{
	fprintf(stderr, "gen-synthetic: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void *gs_alloc(size_t n)
{
	void *p = calloc(n ? n : 1, 1);

	if (!p)
		gs_die("out of memory");
	return p;
}

static void gs_assign(void)
{
	uint32_t i, l, fill[GS_LEVELS];

	gs_funcs = (struct gs_func *)gs_alloc(gs_nfuncs * sizeof(*gs_funcs));
	for (i = 0; i < gs_nfuncs; i++) {
		int core = i < gs_core_end;

		gs_funcs[i].level = (unsigned char)(core ? 20 + gs_rnd(30) : gs_rnd(30));
		gs_funcs[i].linkage = gs_rnd(10) < 3 ? 'S' : 'G';
		if (gs_funcs[i].linkage == 'G' && core)
			gs_level_len[gs_funcs[i].level]++;
	}
	for (l = 0; l < GS_LEVELS; l++) {
		gs_level_globals[l] = (uint32_t *)gs_alloc((gs_level_len[l] + 1) * sizeof(uint32_t));
		fill[l] = 0;
	}
	for (i = 0; i < gs_core_end; i++)
		if (gs_funcs[i].linkage == 'G')
			gs_level_globals[gs_funcs[i].level][fill[gs_funcs[i].level]++] = i;
}

/* One call of one object's function, before it becomes E or X. */
struct gs_call {
	uint32_t from;		/* index within the object */
	char kind;
	int ext;		/* 0: target is a function; 'G'/'S': external */
	uint32_t target;	/* function id, or external number */
};

struct gs_obj {
	uint32_t o, first, nf;	/* nf functions + 1 header inline */
	struct gs_call *calls;
	size_t ncalls, cap;
};

static void gs_add(struct gs_obj *ob, uint32_t from, int ext, uint32_t target)
{
	size_t i;

	for (i = 0; i < ob->ncalls; i++)
		if (ob->calls[i].from == from && ob->calls[i].ext == ext &&
		    ob->calls[i].target == target)
			return;
	if (ob->ncalls == ob->cap) {
		ob->cap = ob->cap ? ob->cap * 2 : 256;
		ob->calls = (struct gs_call *)realloc(ob->calls, ob->cap * sizeof(*ob->calls));
		if (!ob->calls)
			gs_die("out of memory");
	}
	ob->calls[ob->ncalls].from = from;
	ob->calls[ob->ncalls].kind = gs_rnd(10) ? 'c' : 'a';
	ob->calls[ob->ncalls].ext = ext;
	ob->calls[ob->ncalls].target = target;
	ob->ncalls++;
}

static uint32_t gs_degree(void)
{
	double d = 4.7 / sqrt(1.0 - gs_unit());

	return d > GS_MAX_DEG ? GS_MAX_DEG : (uint32_t)d;
}

/* A global core function at a deeper level than @lvl, popular ones preferred. */
static int gs_pick_anywhere(unsigned lvl, uint32_t *out)
{
	unsigned l = lvl < 20 ? 20 + gs_rnd(10) : lvl + 1 + (unsigned)(gs_rnd(4) ? 0 : gs_rnd(6));
	double u = gs_unit();

	if (l >= GS_LEVELS || !gs_level_len[l])
		return -1;
	*out = gs_level_globals[l][(uint32_t)(gs_level_len[l] * u * u * u)];
	return 0;
}

static int gs_pick_near(uint32_t first, uint32_t end, unsigned lvl,
			int globals_only, uint32_t *out)
{
	int tries;

	for (tries = 0; tries < 12; tries++) {
		uint32_t t = first + gs_rnd(end - first);

		if (gs_funcs[t].level <= lvl)
			continue;
		if (globals_only && gs_funcs[t].linkage != 'G')
			continue;
		*out = t;
		return 0;
	}
	return -1;
}

static void gs_calls_of(struct gs_obj *ob, uint32_t k)
{
	uint32_t f = ob->first + k, d = gs_degree(), i, t;
	unsigned lvl = gs_funcs[f].level;
	uint32_t dir = ob->o / GS_PER_DIR;
	uint32_t dfirst = dir * GS_PER_DIR * GS_PER_OBJ;
	uint32_t dend = dfirst + GS_PER_DIR * GS_PER_OBJ;

	if (dend > gs_nfuncs)
		dend = gs_nfuncs;
	for (i = 0; i < d; i++) {
		uint32_t r = gs_rnd(100);
		int ok;

		if (r < 4) {
			double u = gs_unit();

			if (gs_rnd(20))
				gs_add(ob, k, 'G', (uint32_t)(GS_EXTERNALS * u * u));
			else
				gs_add(ob, k, 'S', gs_rnd(8));
			continue;
		}
		if (r < 7) {
			gs_add(ob, k, 0, ob->nf);	/* the header inline */
			continue;
		}
		if (r < 45)
			ok = gs_pick_near(ob->first, ob->first + ob->nf, lvl, 0, &t);
		else if (r < 75)
			ok = gs_pick_near(dfirst, dend, lvl, 1, &t);
		else
			ok = gs_pick_anywhere(lvl, &t);
		if (ok)		/* nothing deeper nearby: the core, else outside */
			ok = gs_pick_anywhere(lvl, &t);
		if (ok)
			gs_add(ob, k, 'G', gs_rnd(GS_EXTERNALS));
		else
			gs_add(ob, k, 0, t);
	}
}

/* One deep function in 20000 gets called back by one of its callees in the object. */
static void gs_cycles(struct gs_obj *ob)
{
	size_t i, n = ob->ncalls;

	for (i = 0; i < n; i++) {
		struct gs_call *c = &ob->calls[i];
		uint32_t f = ob->first + c->from;

		if (c->ext || c->target < ob->first || c->target >= ob->first + ob->nf)
			continue;
		if (gs_funcs[f].level < 40 || (f * 2654435761u) % 20000 >= 7)
			continue;
		gs_add(ob, c->target - ob->first, 0, f);
		return;
	}
}

static const char *gs_name(struct gs_obj *ob, uint32_t f, char *buf)
{
	if (f == ob->first + ob->nf) {
		sprintf(buf, "hdr_inline_%u", ob->o % 50);
		return buf;
	}
	if (gs_funcs[f].linkage == 'S')
		sprintf(buf, "helper_%u", f - ob->first);
	else
		sprintf(buf, "func_%u", f);
	return buf;
}

static void gs_write(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "w");

	if (!fp)
		gs_die(path);
	if (len && fwrite(data, 1, len, fp) != len)
		gs_die(path);
	if (fclose(fp))
		gs_die(path);
}

static void gs_mkdirs(const char *path)
{
	char buf[4096];
	char *p;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(buf, 0777) && errno != EEXIST)
			gs_die(buf);
		*p = '/';
	}
	if (mkdir(buf, 0777) && errno != EEXIST)
		gs_die(buf);
}

/* The records: plausible C1-C4, C8-C10; C5-C7 over the object alone. */
static void gs_records(struct gs_obj *ob, struct km_companion *c, FILE *fp)
{
	struct km_graph *g = km_graph_new();
	struct km_graph_metrics *m;
	uint32_t i, *leaf;
	size_t e;

	for (i = 0; i < c->nfuncs; i++)
		km_graph_add_node(g, 1);
	leaf = (uint32_t *)gs_alloc((c->nedges + 1) * sizeof(uint32_t));
	for (e = 0; e < c->nedges; e++) {
		const struct km_cedge *ce = &c->edges[e];
		size_t k;

		if (ce->to >= 0) {
			km_graph_add_edge(g, ce->from, (uint32_t)ce->to);
			continue;
		}
		/* one leaf per distinct external (linkage, name) */
		for (k = 0; k < e; k++)
			if (c->edges[k].to < 0 &&
			    c->edges[k].ext_linkage == ce->ext_linkage &&
			    !strcmp(c->edges[k].ext_name, ce->ext_name))
				break;
		leaf[e] = k < e ? leaf[k] : km_graph_add_node(g, 0);
		km_graph_add_edge(g, ce->from, leaf[e]);
	}
	free(leaf);
	m = (struct km_graph_metrics *)gs_alloc(km_graph_nodes(g) * sizeof(*m));
	if (km_graph_compute(g, m))
		gs_die("graph");
	for (i = 0; i < c->nfuncs; i++) {
		struct km_record r;

		if (c->funcs[i].rec < 0)
			continue;
		memset(&r, 0, sizeof(r));
		snprintf(r.name, sizeof(r.name), "%s", c->funcs[i].name);
		r.params = gs_rnd(6);
		r.cyclomatic = 1 + gs_rnd(4) + (gs_rnd(8) ? 0 : gs_rnd(20));
		r.halstead = (double)gs_rnd(4000000) / 64.0;
		r.depth = m[i].depth;
		r.callees = m[i].callees;
		r.callers = m[i].callers;
		r.self_calls = gs_rnd(30) ? 0 : 1;
		r.locals = gs_rnd(8) + (gs_rnd(10) ? 0 : gs_rnd(10));
		r.nesting = 1 + gs_rnd(4);
		r.score = km_score(&r);
		if (km_record_write(fp, &r))
			gs_die("record");
	}
	free(m);
	km_graph_free(g);
}

/* Plausible M and C lines: what the walk measured, what GCC made of it. */
static void gs_extended(struct km_cfunc *f)
{
	f->has_measures = f->has_facts = 1;
	f->m.nloc = 3 + gs_rnd(15);
	f->m.macro_decisions = gs_rnd(3);
	f->m.cognitive = gs_rnd(12);
	f->m.hal_n1 = 2 + gs_rnd(15);
	f->m.hal_n2 = 1 + gs_rnd(30);
	f->m.hal_N1 = f->m.hal_n1 + gs_rnd(60);
	f->m.hal_N2 = f->m.hal_n2 + gs_rnd(60);
	f->x.inlined = f->linkage == 'S' && !gs_rnd(5);
	f->x.frame_bytes = f->x.inlined ? -1 : 8 + 8 * (long)gs_rnd(24);
	f->x.section = f->x.inlined ? NULL : ".text";
	f->x.cfg_blocks = f->x.inlined ? -1 : 1 + (long)gs_rnd(20);
	f->x.cfg_cyclomatic = f->x.inlined ? -1 : 1 + (long)gs_rnd(8);
}

static void gs_object(const char *dir, uint32_t o)
{
	struct gs_obj ob;
	struct km_companion c;
	char path[4096], objname[64], srcname[64], names[2 * GS_PER_OBJ][32];
	char (*extnames)[32];
	uint32_t k;
	size_t i, len;
	char *text;
	FILE *fp;

	memset(&ob, 0, sizeof(ob));
	ob.o = o;
	ob.first = gs_obj_first(o);
	ob.nf = gs_obj_end(o) - ob.first;
	for (k = 0; k < ob.nf; k++)
		gs_calls_of(&ob, k);
	gs_cycles(&ob);
	gs_add(&ob, ob.nf, 'G', gs_rnd(GS_EXTERNALS));	/* the inline's call */

	snprintf(objname, sizeof(objname), "obj/d%u/f%u.o", o / GS_PER_DIR, o % GS_PER_DIR);
	snprintf(srcname, sizeof(srcname), "obj/d%u/f%u.c", o / GS_PER_DIR, o % GS_PER_DIR);
	memset(&c, 0, sizeof(c));
	c.object = objname;
	c.source = srcname;
	c.cwd = "/synthetic";
	c.gcc = "12.2.0";
	c.target = "x86_64-linux-gnu";
	c.plugin = KM_VERSION;
	c.nfuncs = ob.nf + 1;
	c.funcs = (struct km_cfunc *)gs_alloc(c.nfuncs * sizeof(*c.funcs));
	for (k = 0; k <= ob.nf; k++) {
		struct km_cfunc *f = &c.funcs[k];

		f->name = gs_name(&ob, ob.first + k, names[k]);
		f->linkage = k < ob.nf ? gs_funcs[ob.first + k].linkage : 'S';
		f->file = k < ob.nf ? srcname : "include/synthetic.h";
		f->first_line = k < ob.nf ? 10 + 30 * (long)k : 5;
		f->last_line = f->first_line + 20;
		f->rec = k < ob.nf ? (long)k : -1;
		gs_extended(f);
	}
	c.nedges = ob.ncalls;
	c.edges = (struct km_cedge *)gs_alloc((c.nedges + 1) * sizeof(*c.edges));
	extnames = (char (*)[32])gs_alloc((c.nedges + 1) * sizeof(*extnames));
	for (i = 0; i < ob.ncalls; i++) {
		struct gs_call *call = &ob.calls[i];
		struct km_cedge *e = &c.edges[i];

		e->from = call->from;
		e->kind = call->kind;
		if (!call->ext && call->target == ob.nf) {
			e->to = ob.nf;
		} else if (!call->ext && call->target >= ob.first &&
			   call->target < ob.first + ob.nf) {
			e->to = call->target - ob.first;
		} else {
			e->to = -1;
			e->ext_linkage = call->ext ? (char)call->ext : 'G';
			e->ext_name = extnames[i];
			if (call->ext == 'S')
				sprintf(extnames[i], "static_decl_%u", call->target);
			else if (call->ext)
				sprintf(extnames[i], "ext_%u", call->target);
			else
				gs_name(&ob, call->target, extnames[i]);
		}
	}

	/* one path buffer, the object's files under DIR */
	snprintf(path, sizeof(path), "%s/obj/d%u", dir, o / GS_PER_DIR);
	if (o % GS_PER_DIR == 0)
		gs_mkdirs(path);
	snprintf(path, sizeof(path), "%s/%s.kmetrics", dir, objname);
	fp = fopen(path, "w");
	if (!fp)
		gs_die(path);
	gs_records(&ob, &c, fp);
	if (fclose(fp))
		gs_die(path);
	text = km_companion_format(&c, &len);
	if (!text)
		gs_die("companion");
	snprintf(path, sizeof(path), "%s/%s.kmetrics%s", dir, objname, KM_COMPANION_SUFFIX);
	gs_write(path, text, len);
	free(text);
	free(c.funcs);
	free(c.edges);
	free(extnames);
	free(ob.calls);
}

int main(int argc, char **argv)
{
	unsigned long long seed = 1;
	unsigned long n;
	const char *dir;
	uint32_t o;
	int a = 1;

	if (argc > 1 && !strncmp(argv[1], "--seed=", 7)) {
		seed = strtoull(argv[1] + 7, NULL, 10);
		a++;
	}
	if (argc - a != 2 || !(n = strtoul(argv[a], NULL, 10)) || n > 100000000) {
		fprintf(stderr, "usage: gen-synthetic [--seed=S] N DIR\n");
		return 2;
	}
	dir = argv[a + 1];
	gs_state = seed;
	gs_nfuncs = (uint32_t)n;
	gs_nobjs = gs_nfuncs / GS_PER_OBJ ? gs_nfuncs / GS_PER_OBJ : 1;
	gs_core_end = (gs_nobjs + GS_PER_DIR * 10 - 1) / (GS_PER_DIR * 10) * GS_PER_DIR * GS_PER_OBJ;
	if (gs_core_end > gs_nfuncs)
		gs_core_end = gs_nfuncs;
	gs_assign();
	gs_mkdirs(dir);
	for (o = 0; o < gs_nobjs; o++)
		gs_object(dir, o);
	return 0;
}
