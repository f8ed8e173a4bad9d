// SPDX-License-Identifier: GPL-2.0
/*
 * merge_edges.c - --edges=FILE: the call graph as CSV for graph tools, one
 * row per call out of a function with a record (lib/dataset/calls.c lists them):
 * caller_file, caller, callee_file, callee, kind.
 */
#include <stdio.h>

#include "io/km_text.h"
#include "merge.h"

struct ed_csv {
	const struct mg_set *set;
	struct km_buf b;
};

static int ed_csv_row(void *ctx, const struct mg_call *c)
{
	struct ed_csv *w = (struct ed_csv *)ctx;
	const struct km_cfunc *f = mg_rec_func(w->set, &w->set->recs[c->caller]);

	km_buf_csv_field(&w->b, f->file);
	km_buf_append(&w->b, ",", 1);
	km_buf_csv_field(&w->b, f->name);
	km_buf_append(&w->b, ",", 1);
	km_buf_csv_field(&w->b, c->callee_file);
	km_buf_append(&w->b, ",", 1);
	km_buf_csv_field(&w->b, c->callee_name);
	km_buf_printf(&w->b, ",%c\r\n", c->kind);
	return 0;
}

int mg_edges_csv(const struct mg_set *set, struct km_buf *b)
{
	struct ed_csv w;

	w.set = set;
	km_buf_init(&w.b);
	km_buf_puts(&w.b, "caller_file,caller,callee_file,callee,kind\r\n");
	mg_calls_each(set, ed_csv_row, &w);
	*b = w.b;
	if (!w.b.oom)
		return 0;
	mg_errorf("%s: out of memory", MG_PROG);
	return -1;
}
