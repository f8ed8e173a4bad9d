// SPDX-License-Identifier: GPL-2.0
/*
 * companion_write.c - the writer of the companion file of one object
 * (foo.o.kmetrics.graph): versions 1 and 2, as km_companion.h documents
 * them. It prints only what the parser (companion.c) reads back, so that
 * text parsed and printed again is the same bytes.
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with compw_.
 */
#include <stdio.h>
#include <stdlib.h>

#include "km_companion_fields.h"
#include "io/km_io.h"

static int compw_func_ok(const struct km_cfunc *f, int v2)
{
	if (!kmc_func_name_ok(f->name) || !kmc_def_linkage_ok(f->linkage) ||
	    !kmc_str_ok(f->file) || f->first_line < 0 || f->last_line < 0 || f->rec < -1)
		return 0;
	if ((f->has_measures || f->has_facts) && !v2)
		return 0;
	return (!f->has_measures || kmc_measures_ok(&f->m)) &&
	       (!f->has_facts || kmc_facts_ok(&f->x));
}

static int compw_edge_ok(const struct km_cedge *e, size_t nfuncs)
{
	if (e->from >= nfuncs || !kmc_kind_ok(e->kind))
		return 0;
	if (e->to == -1)
		return kmc_linkage_ok(e->ext_linkage) && kmc_func_name_ok(e->ext_name);
	return e->to >= 0 && (size_t)e->to < nfuncs && (size_t)e->to != e->from;
}

/* The provenance lines: version 2 only. */
static int compw_provenance_ok(const struct km_companion *c, int v2)
{
	if (!v2)
		return !c->gcc && !c->target && !c->plugin && !c->has_kernel;
	return kmc_str_ok(c->gcc) && kmc_str_ok(c->target) && kmc_str_ok(c->plugin) &&
	       (!c->has_kernel || kmc_str_ok(c->kernel_release));
}

/* Whether the parser would take back what the writer prints of @c. */
static int compw_writable(const struct km_companion *c, int v2)
{
	size_t i;

	if (c->version < 0 || c->version > KM_COMPANION_VERSION)
		return 0;
	if (!kmc_str_ok(c->object) || !kmc_str_ok(c->source) || !kmc_str_ok(c->cwd) ||
	    !compw_provenance_ok(c, v2))
		return 0;
	for (i = 0; i < c->nfuncs; i++)
		if (!compw_func_ok(&c->funcs[i], v2))
			return 0;
	for (i = 0; i < c->nedges; i++)
		if (!compw_edge_ok(&c->edges[i], c->nfuncs))
			return 0;
	return 1;
}

static const char *compw_s(const char *s)
{
	return s ? s : "";
}

/* TAB and a number of an M or C line, '-' for -1. */
static void compw_opt(struct km_buf *b, long v)
{
	if (v < 0)
		km_buf_puts(b, "\t-");
	else
		km_buf_printf(b, "\t%ld", v);
}

static void compw_put_measures(struct km_buf *b, size_t idx, const struct km_cmeasures *m)
{
	km_buf_printf(b, "M\t%zu", idx);
	compw_opt(b, m->nloc);
	compw_opt(b, m->macro_decisions);
	compw_opt(b, m->cognitive);
	compw_opt(b, m->hal_n1);
	compw_opt(b, m->hal_n2);
	compw_opt(b, m->hal_N1);
	compw_opt(b, m->hal_N2);
	km_buf_puts(b, "\n");
}

static void compw_put_facts(struct km_buf *b, size_t idx, const struct km_cfacts *x)
{
	km_buf_printf(b, "C\t%zu", idx);
	compw_opt(b, x->frame_bytes);
	km_buf_printf(b, "\t%d\t%s", x->inlined, x->section ? x->section : "-");
	compw_opt(b, x->cfg_blocks);
	compw_opt(b, x->cfg_cyclomatic);
	km_buf_puts(b, "\n");
}

static void compw_put_func(struct km_buf *b, size_t idx, const struct km_cfunc *f)
{
	km_buf_printf(b, "F\t%zu\t%s\t%c\t%s\t%ld\t%ld\t", idx, f->name,
		      f->linkage, compw_s(f->file), f->first_line, f->last_line);
	if (f->rec < 0)
		km_buf_puts(b, "-\n");
	else
		km_buf_printf(b, "%ld\n", f->rec);
	if (f->has_measures)
		compw_put_measures(b, idx, &f->m);
	if (f->has_facts)
		compw_put_facts(b, idx, &f->x);
}

static void compw_put_edge(struct km_buf *b, const struct km_cedge *e)
{
	if (e->to >= 0)
		km_buf_printf(b, "E\t%lu\t%c\t%ld\n", (unsigned long)e->from,
			      e->kind, (long)e->to);
	else
		km_buf_printf(b, "X\t%lu\t%c\t%c\t%s\n", (unsigned long)e->from,
			      e->kind, e->ext_linkage, e->ext_name);
}

static void compw_put_header(struct km_buf *b, const struct km_companion *c, int v2)
{
	km_buf_printf(b, "%s %d\n", KM_COMPANION_MAGIC, v2 ? 2 : 1);
	km_buf_printf(b, "object\t%s\n", compw_s(c->object));
	km_buf_printf(b, "source\t%s\n", compw_s(c->source));
	km_buf_printf(b, "cwd\t%s\n", compw_s(c->cwd));
	if (v2) {
		km_buf_printf(b, "gcc\t%s\n", compw_s(c->gcc));
		km_buf_printf(b, "target\t%s\n", compw_s(c->target));
		km_buf_printf(b, "plugin\t%s\n", compw_s(c->plugin));
		if (c->has_kernel)
			km_buf_printf(b, "kernel\t%s\t%016llx\n", compw_s(c->kernel_release),
				      (unsigned long long)c->config_hash);
	}
	if (c->has_records)
		km_buf_printf(b, "records\t%lu\t%016llx\n", c->nrecords,
			      (unsigned long long)c->records_hash);
}

char *km_companion_format(const struct km_companion *c, size_t *len)
{
	int v2 = c->version != 1;
	struct km_buf b;
	size_t i;

	if (!compw_writable(c, v2))
		return NULL;
	km_buf_init(&b);
	compw_put_header(&b, c, v2);
	for (i = 0; i < c->nfuncs; i++)
		compw_put_func(&b, i, &c->funcs[i]);
	for (i = 0; i < c->nedges; i++)
		compw_put_edge(&b, &c->edges[i]);
	km_buf_puts(&b, "end\n");
	if (b.oom) {
		km_buf_free(&b);
		return NULL;
	}
	if (len)
		*len = b.len;
	return b.p;
}

uint64_t km_companion_records_hash(const char *records, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)records[i];
		h *= 0x100000001b3ull;
	}
	return h;
}
