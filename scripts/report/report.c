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
 * at all, or through a device (km_write_output, lib/io/km_output.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static int rp_write(const struct rp_opts *o, const struct km_dataset *d,
		    const struct km_diff *df)
{
	struct km_buf data, page;
	struct rp_table t;
	char err[512];
	int r = 0;

	km_buf_init(&data);
	km_buf_init(&page);
	rp_table_init(&t, d, df);
	rp_json(&data, o, &t);
	rp_html(&page, o->title, &data);
	if (data.oom || page.oom) {
		mg_errorf("%s: out of memory", RP_PROG);
		r = -1;
	} else if (km_write_output(o->output, page.p, page.len, err, sizeof(err))) {
		mg_errorf("%s", err);
		r = -1;
	}
	rp_table_free(&t);
	km_buf_free(&data);
	km_buf_free(&page);
	return r;
}

static int rp_run(const struct rp_opts *o)
{
	struct km_dataset d, old;
	struct km_diff df;
	int r;

	if (km_dataset_read_opts(&d, o->paths, o->npaths, &o->ds))
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
