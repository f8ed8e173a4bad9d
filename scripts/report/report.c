// SPDX-License-Identifier: GPL-2.0
/*
 * kmetrics-report - one self-contained HTML file from a kmetrics dataset.
 *
 *   kmetrics-report [-o FILE] [--baseline=OLD] [--scope=tu|build]
 *                   [--git=DIR] [--title=TEXT] PATH...
 *
 * PATH as kmetrics-merge takes it (sidecars, directories, objects,
 * archives) or a dataset it wrote (seed, csv, json), read through
 * lib/dataset/km_dataset.h with every column the companions give and the calls in
 * the dataset's scope; --baseline=OLD (the same kinds) is compared with it
 * by lib/diff/km_diff.h, as kmetrics-diff compares. The page (web/, bundled by
 * esbuild) draws the data: what was measured, distributions, C2 against
 * C3, a table of every function, a function's record and call graph
 * neighbourhood, and the comparison.
 *
 * Exit status: 0 written, 1 bad input (one message, as kmetrics-merge
 * says it; no file written), 2 bad usage. -o FILE is written whole or not
 * at all (a column at a time into its temporary), or through a device
 * (lib/io/km_output.h). On a terminal, standard error says what it is
 * doing: reading, then how much of the page is written.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/km_cli.h"
#include "io/km_output.h"
#include "record/km_columns.h"
#include "input/km_input.h"
#include "report.h"

static void rp_usage(FILE *f)
{
	fputs(
"usage: kmetrics-report [-o FILE] [--baseline=OLD] [--scope=tu|build]\n"
"                       [--git=DIR] [--title=TEXT] PATH...\n"
"\n"
"Write one self-contained HTML report of a kmetrics dataset: what was\n"
"measured, distributions of the main columns, C2 against C3 with C11's\n"
"limits, a table of every function (sort, filter), each function's record\n"
"and call-graph neighbourhood, and with --baseline what changed.\n"
"\n"
"  PATH             what kmetrics-merge reads (sidecars, directories,\n"
"                   objects and archives with embedded records) or a\n"
"                   dataset it wrote (seed, csv, json). The call graph and\n"
"                   the compiler's provenance come from the companions\n"
"  -o FILE          the report (default kmetrics-report.html), whole or not\n"
"                   at all\n"
"  --baseline=OLD   compare with OLD (the same kinds of PATH, one), as\n"
"                   kmetrics-diff does: added, removed, worsened, improved\n"
"                   functions marked, deltas in the table\n"
"  --scope=tu       C5-C7 as measured in each translation unit (default)\n"
"  --scope=build    C5-C7, C11, fan_in and fan_out over the whole build, and\n"
"                   the call graph across objects, as kmetrics-merge\n"
"                   --scope=build (sidecars and objects; a csv or json\n"
"                   dataset keeps the scope it was written with)\n"
"  --git=DIR        C4 from git blame of HEAD in DIR, as kmetrics-merge --git\n"
"  --title=TEXT     the page's title (default: kmetrics report)\n"
"  --help           this text\n"
"\n"
"Exit status: 0 written, 1 bad input (one message on stderr, no file\n"
"written), 2 bad usage.\n"
"\n"
"The manual: man kmetrics-report (in the source: man -l man/kmetrics-report.1).\n", f);
}

/* 0, 1 for --help, or 2 for bad usage (already reported). */
static int rp_parse_args(int argc, char **argv, struct rp_opts *o)
{
	const char *v;
	int i;

	memset(o, 0, sizeof(*o));
	o->output = "kmetrics-report.html";
	o->title = "kmetrics report";
	o->ds.all_columns = 1;
	o->ds.calls = 1;
	o->paths = (char **)mg_alloc((size_t)argc * sizeof(char *));
	for (i = 1; i < argc; i++) {
		char *a = argv[i];

		if (!strcmp(a, "--")) {
			while (++i < argc)
				o->paths[o->npaths++] = argv[i];
			break;
		}
		if (a[0] != '-' || !a[1]) {
			o->paths[o->npaths++] = a;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			return 1;
		} else if (!strcmp(a, "-o")) {
			if (++i == argc || !*argv[i])
				return km_usage_error(RP_PROG, "-o needs a FILE%s", "");
			o->output = argv[i];
		} else if (a[1] == 'o') {
			o->output = a + 2;
		} else if ((v = km_option_value(a, "--baseline"))) {
			if (!*v)
				return km_usage_error(RP_PROG, "--baseline needs a PATH%s", "");
			o->baseline = v;
		} else if ((v = km_option_value(a, "--scope"))) {
			if (strcmp(v, "tu") && strcmp(v, "build"))
				return km_usage_error(RP_PROG, "--scope must be tu or build, not '%s'", v);
			o->ds.scope_build = !strcmp(v, "build");
		} else if ((v = km_option_value(a, "--git"))) {
			if (!*v)
				return km_usage_error(RP_PROG, "--git needs a DIR%s", "");
			o->ds.git = v;
		} else if ((v = km_option_value(a, "--title"))) {
			o->title = v;
		} else {
			return km_usage_error(RP_PROG, "unknown option '%s'", a);
		}
	}
	if (!o->npaths)
		return km_usage_error(RP_PROG, "no PATH given%s", "");
	return 0;
}

/* The baseline, read as the build is (its own calls are not needed). */
static int rp_read_baseline(const struct rp_opts *o, struct km_dataset *old)
{
	struct km_dsopts bo = o->ds;
	char *path = (char *)o->baseline;

	bo.calls = 0;
	return km_dataset_read_opts(old, &path, 1, &bo);
}

/* The page into @sk (its file when it has one, else its buffer). */
static int rp_page(struct rp_sink *sk, const struct rp_opts *o, const struct km_dataset *d,
		   const struct km_diff *df)
{
	struct rp_table t;

	rp_table_init(&t, d, df);
	rp_html_head(&sk->b, o->title);
	rp_json(sk, o, &t);
	rp_html_script(&sk->b);
	rp_json_rest(sk, &t);
	rp_html_tail(&sk->b);
	rp_sink_flush(sk, 1);
	rp_table_free(&t);
	if (sk->b.oom) {
		mg_errorf("%s: out of memory", RP_PROG);
		return -1;
	}
	return 0;
}

/*
 * -o FILE: a regular file (or a new one) is written a column at a time
 * into its temporary, renamed over FILE at the end; a device or standard
 * output gets the page whole, once it is all made.
 */
static int rp_write(const struct rp_opts *o, const struct km_dataset *d,
		    const struct km_diff *df)
{
	struct rp_sink sk = { .f = NULL, .err = 0, .tty = isatty(2) };
	const char *tmp = NULL;
	struct km_out out;
	char err[512];
	int r = -1;

	km_buf_init(&sk.b);
	if (km_out_open(&out, o->output, 0, err, sizeof(err)))
		goto fail;
	if (out.how == KM_OUT_REPLACE) {
		tmp = km_out_tmpfile(&out, err, sizeof(err));
		if (!tmp)
			goto fail;
		sk.f = fopen(tmp, "w");
		if (!sk.f) {
			snprintf(err, sizeof(err), "%s: %s", o->output, strerror(errno));
			goto fail;
		}
	}
	if (rp_page(&sk, o, d, df))
		goto out;
	if (sk.f && (fclose(sk.f) || sk.err)) {
		sk.f = NULL;
		snprintf(err, sizeof(err), "%s: %s", o->output, strerror(sk.err ? sk.err : errno));
		goto fail;
	}
	sk.f = NULL;
	if ((!tmp && km_out_put(&out, sk.b.p, sk.b.len, err, sizeof(err))) ||
	    km_out_commit(&out, 1, err, sizeof(err)))
		goto fail;
	r = 0;
	goto out;
fail:
	mg_errorf("%s", err);
out:
	if (sk.f)
		fclose(sk.f);
	if (sk.tty)
		rp_progress("", 0);
	km_out_close(&out);
	km_buf_free(&sk.b);
	return r;
}

static int rp_run(const struct rp_opts *o)
{
	struct km_dataset d, old;
	struct km_diff df;
	int r;

	if (isatty(2))
		rp_progress("reading the dataset", 0);
	r = km_dataset_read_opts(&d, o->paths, o->npaths, &o->ds);
	if (isatty(2))
		rp_progress("", 0);
	if (r)
		return 1;
	if (!o->baseline) {
		r = rp_write(o, &d, NULL);
		km_dataset_free(&d);
		return r ? 1 : 0;
	}
	if (rp_read_baseline(o, &old)) {
		km_dataset_free(&d);
		return 1;
	}
	km_diff_compute(&df, &old, &d);
	r = rp_write(o, &d, &df);
	km_diff_free(&df);
	km_dataset_free(&old);
	km_dataset_free(&d);
	return r ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct rp_opts o;
	int r;

	mg_prog = RP_PROG;
	r = rp_parse_args(argc, argv, &o);
	if (r == 1) {
		rp_usage(stdout);
		r = 0;
	} else if (!r) {
		r = rp_run(&o);
	}
	free(o.paths);
	return r;
}
