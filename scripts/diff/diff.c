// SPDX-License-Identifier: GPL-2.0
/*
 * kmetrics-diff - what changed between two builds, function by function,
 * and a gate for CI that fails only on new or worsened functions.
 *
 *   kmetrics-diff [--format=text|csv|json|sarif] [--fail-on=COL>N[,...]]
 *                 [--all] [-o FILE] OLD NEW
 *
 * OLD and NEW are read by lib/dataset/dataset.c (anything kmetrics-merge reads, or
 * a dataset it wrote), compared by lib/diff/diff.c, and printed by diff_out.c
 * or diff_sarif.c. Output is all or nothing: both sides are read and
 * checked before a byte goes out, and -o FILE is written to a temporary
 * and renamed. Each failure of the gate is one gcc-style line on stderr.
 *
 * Exit status: 0 no failure, 1 bad input, 2 bad usage, 3 some function
 * failed --fail-on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "io/km_cli.h"
#include "io/km_output.h"
#include "io/km_text.h"
#include "dataset/km_dataset.h"
#include "input/km_input.h"

struct df_opts {
	enum df_format format;
	const char *fail_on;
	int all;
	const char *output;
	char *paths[2];
	int npaths;
};

static void df_usage(FILE *f)
{
	int c;

	fputs(
"usage: kmetrics-diff [--format=text|csv|json|sarif] [--fail-on=COL>N[,COL>N...]]\n"
"                     [--all] [-o FILE] OLD NEW\n"
"\n"
"Compare two kmetrics datasets function by function.\n"
"\n"
"  OLD, NEW         anything kmetrics-merge reads (a sidecar, a directory of\n"
"                   them, an object or archive with embedded records) or a\n"
"                   dataset it wrote (seed, csv, json, sqlite)\n"
"  --format=text    a summary line and a table of the changed, added and\n"
"                   removed functions, old->new for the columns that moved,\n"
"                   largest C2 increase first (default)\n"
"  --format=csv     one row a function: status,name,file,old_line,new_line,\n"
"                   then old_COL,new_COL for every column\n"
"  --format=json    one array, one object a function: status, name, file,\n"
"                   old_line, new_line, old, new (every column, or null)\n"
"  --format=sarif   SARIF 2.1.0: one result per failure of --fail-on\n"
"  --fail-on=RULES  COL>N or COL<N, comma-separated: a function fails when it\n"
"                   is added and past N, or past N and worse in COL than\n"
"                   before; each failure is a 'FILE:LINE: warning: ...' line\n"
"                   on stderr and the exit status is 3\n"
"  --all            list the unchanged functions too\n"
"  -o FILE          write to FILE, whole or not at all (default: stdout)\n"
"  --help           this text\n"
"\n"
"A function is its (source file, name) when both sides give files (csv,\n"
"json, sidecars with companions), else its name; duplicates pair in the\n"
"order read. Paths are compared relative to each side's tree. Status:\n"
"added, removed, changed (a column of the seed record differs), unchanged.\n"
"\n"
"Columns for --fail-on ('<' for score, where smaller is worse):\n", f);
	for (c = 0; c < KM_NCOLS; c++)
		if (km_cols[c].type != KM_TYPE_TEXT)
			fprintf(f, "  %-20s %s\n", km_cols[c].name, km_cols[c].doc);
	fputs(
"\n"
"Exit status: 0 no failure, 1 bad input (one message, FILE:LINE: reason,\n"
"and no output), 2 bad usage, 3 some function failed --fail-on.\n"
"\n"
"The manual: man kmetrics-diff (in the source: man -l man/kmetrics-diff.1).\n", f);
}

static int df_bad_usage(const char *fmt, const char *arg)
{
	return km_usage_error(DF_PROG, fmt, arg);
}

static int df_format_opt(const char *v, struct df_opts *o)
{
	static const char *const names[] = { "text", "csv", "json", "sarif" };
	int k;

	for (k = 0; k < 4; k++) {
		if (!strcmp(v, names[k])) {
			o->format = (enum df_format)k;
			return 0;
		}
	}
	return df_bad_usage("--format must be text, csv, json or sarif, not '%s'", v);
}

static int df_path(struct df_opts *o, char *a)
{
	if (o->npaths == 2)
		return df_bad_usage("one OLD and one NEW, not a third PATH '%s'", a);
	o->paths[o->npaths++] = a;
	return 0;
}

/* 0, 1 for --help, or 2 for bad usage (already reported). */
static int df_parse_args(int argc, char **argv, struct df_opts *o)
{
	const char *v;
	int i, r = 0;

	memset(o, 0, sizeof(*o));
	for (i = 1; i < argc && !r; i++) {
		char *a = argv[i];

		if (!strcmp(a, "--")) {
			while (++i < argc && !r)
				r = df_path(o, argv[i]);
			break;
		}
		if (a[0] != '-' || !a[1])
			r = df_path(o, a);
		else if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return 1;
		else if (!strcmp(a, "--all"))
			o->all = 1;
		else if (!strcmp(a, "-o") && i + 1 < argc)
			o->output = argv[++i];
		else if (!strcmp(a, "-o"))
			r = df_bad_usage("-o needs a FILE%s", "");
		else if (!strncmp(a, "-o", 2))
			o->output = a + 2;
		else if ((v = km_option_value(a, "--format")))
			r = df_format_opt(v, o);
		else if ((v = km_option_value(a, "--fail-on")))
			o->fail_on = v;
		else
			r = df_bad_usage("unknown option '%s'", a);
	}
	if (!r && o->output && !*o->output)
		r = df_bad_usage("-o needs a FILE%s", "");
	if (!r && o->npaths != 2)
		r = df_bad_usage("needs OLD and NEW%s", "");
	return r;
}

/* The rules of --fail-on, or none; 2 for a bad one (reported). */
static int df_rules(const struct df_opts *o, struct km_rule **rules, size_t *n)
{
	char err[256];
	int k;

	*rules = NULL;
	*n = 0;
	if (!o->fail_on)
		return 0;
	k = km_rules_parse(o->fail_on, rules, err, sizeof(err));
	if (k < 0)
		return df_bad_usage("--fail-on: %s", err);
	*n = (size_t)k;
	return 0;
}

/* Each rule's column must be in NEW; without it in OLD only added functions can fail. */
static int df_rule_columns(const struct df_opts *o, const struct km_diff *d,
			   const struct km_rule *rules, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		const char *col = km_cols[rules[k].col].name;

		if (!km_ds_has(d->new_, rules[k].col)) {
			mg_errorf("%s: no column %s (needed by --fail-on)", o->paths[1], col);
			return -1;
		}
		if (!km_ds_has(d->old, rules[k].col))
			mg_warnf("%s: no column %s: only added functions can fail --fail-on on it",
				 o->paths[0], col);
	}
	return 0;
}

/* Every (function, rule) that fails, in the order the pairs are printed. */
static struct df_failure *df_check(const struct km_diff *d, const struct km_rule *rules,
				   size_t nrules, size_t *nfail)
{
	struct df_failure *f = NULL;
	size_t i, k, cap = 0;

	*nfail = 0;
	for (i = 0; i < d->npairs; i++) {
		for (k = 0; k < nrules; k++) {
			if (!km_rule_fails(d, &d->pairs[i], &rules[k]))
				continue;
			if (*nfail == cap) {
				cap = cap ? 2 * cap : 64;
				f = (struct df_failure *)realloc(f, cap * sizeof(*f));
				if (!f) {
					mg_errorf("%s: out of memory", DF_PROG);
					exit(1);
				}
			}
			f[*nfail].pair = i;
			f[(*nfail)++].rule = k;
		}
	}
	return f;
}

/*
 * FILE:LINE: warning: MESSAGE, one line a failure, on stderr, with its
 * control characters escaped: a path holding a newline cannot start a
 * line of its own (a forged "::error" annotation in GitHub Actions).
 */
static void df_report(const struct km_diff *d, const struct df_gate *g)
{
	struct km_buf b, line_out;
	size_t i;

	km_buf_init(&b);
	km_buf_init(&line_out);
	for (i = 0; i < g->nfail; i++) {
		const struct km_dpair *p = &d->pairs[g->fail[i].pair];
		long line;
		const char *where = km_diff_where(d, p, &line);

		b.len = 0;
		line_out.len = 0;
		km_buf_printf(&b, line > 0 ? "%s:%ld: warning: " : "%s: warning: ", where, line);
		km_rule_message(d, p, &g->rules[g->fail[i].rule], &b);
		km_buf_escaped(&line_out, b.p);
		km_buf_puts(&line_out, "\n");
		if (line_out.p)
			fputs(line_out.p, stderr);
	}
	km_buf_free(&b);
	km_buf_free(&line_out);
}

static int df_write(const struct df_opts *o, const struct km_buf *out)
{
	char err[512];

	if (out->oom) {
		mg_errorf("%s: out of memory", DF_PROG);
		return -1;
	}
	if (!km_write_output(o->output, out->p ? out->p : "", out->len, err, sizeof(err)))
		return 0;
	mg_errorf("%s", err);
	return -1;
}

static void df_format(const struct df_opts *o, const struct km_diff *d,
		      const struct df_gate *g, struct km_buf *out)
{
	if (o->format == DF_CSV)
		df_csv(d, o->all, out);
	else if (o->format == DF_JSON)
		df_json(d, o->all, out);
	else if (o->format == DF_SARIF)
		df_sarif(d, g, out);
	else
		df_text(d, o->all, out);
}

static int df_run(struct df_opts *o, const struct km_rule *rules, size_t nrules)
{
	struct km_dataset old, new_;
	struct km_diff d;
	struct df_gate g;
	struct df_failure *fail = NULL;
	struct km_buf out;
	int ret = 1;

	if (km_dataset_read(&old, &o->paths[0], 1))
		return 1;
	if (km_dataset_read(&new_, &o->paths[1], 1)) {
		km_dataset_free(&old);
		return 1;
	}
	km_buf_init(&out);
	km_diff_compute(&d, &old, &new_);
	km_diff_sort(&d);
	if (df_rule_columns(o, &d, rules, nrules))
		goto out;
	fail = df_check(&d, rules, nrules, &g.nfail);
	g.rules = rules;
	g.nrules = nrules;
	g.fail = fail;
	df_format(o, &d, &g, &out);
	if (df_write(o, &out))
		goto out;
	df_report(&d, &g);
	ret = g.nfail ? 3 : 0;
out:
	free(fail);
	km_buf_free(&out);
	km_diff_free(&d);
	km_dataset_free(&old);
	km_dataset_free(&new_);
	return ret;
}

int main(int argc, char **argv)
{
	struct df_opts o;
	struct km_rule *rules = NULL;
	size_t nrules = 0;
	int r;

	mg_prog = DF_PROG;
	r = df_parse_args(argc, argv, &o);
	if (r == 1) {
		df_usage(stdout);
		return 0;
	}
	if (!r)
		r = df_rules(&o, &rules, &nrules);
	if (!r)
		r = df_run(&o, rules, nrules);
	free(rules);
	return r;
}
