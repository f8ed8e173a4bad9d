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

int mg_edges_write(const struct mg_set *set, const char *path)
{
	struct ed_csv w;
	char err[512];
	int r = 0;

	w.set = set;
	km_buf_init(&w.b);
	km_buf_puts(&w.b, "caller_file,caller,callee_file,callee,kind\r\n");
	mg_calls_each(set, ed_csv_row, &w);
	if (w.b.oom) {
		mg_errorf("%s: out of memory", MG_PROG);
		r = -1;
	} else if (km_write_file_atomic(path, w.b.p, w.b.len, err, sizeof(err))) {
		mg_errorf("%s", err);
		r = -1;
	}
	km_buf_free(&w.b);
	return r;
}
