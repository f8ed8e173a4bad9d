// SPDX-License-Identifier: GPL-2.0
/*
 * kmetrics-merge - one dataset from the per-object sidecars.
 *
 *   kmetrics-merge [-o FILE] [--scope=tu|build] [--git=DIR] [--labels=FILE]
 *                  [--history] [--since=REV|DATE] [--label-fixes=REV]
 *                  [--fix-list=FILE|DIR] [--format=seed|csv|json|sqlite]
 *                  [--edges=FILE] PATH...
 *
 * Reads every sidecar (a PATH, or the *.kmetrics under a directory PATH,
 * in sorted order) and the records embedded in objects and archives
 * (-fplugin-arg-kmetrics-embed), validates every line, and writes the
 * records: as they are (byte for byte the same as `cat`), or with C5-C7/C11
 * over the whole build, C4 from git, LABEL from a list or from the fix
 * commits after HEAD, per-function history columns, as CSV, JSON or an
 * SQLite database with the call graph; --edges writes the call graph as CSV.
 * Output is all or nothing: a bad line stops everything before a byte is
 * written, and -o FILE is written to a temporary and renamed (through a
 * symbolic link, to its target); a device, FIFO or /dev/stdout is written
 * through instead; -o and --edges are written both or neither, and may not
 * name one file (lib/io/km_output.h).
 *
 * Exit status: 0 done (warnings included), 1 bad input (one message, naming
 * file and line where there is one), 2 bad usage. Messages go to stderr
 * only; there is no debug output. The modules are listed in merge.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/km_cli.h"
#include "io/km_output.h"
#include "record/km_columns.h"
#include "merge.h"

struct mg_opts {
	const char *output;
	int scope_build;
	const char *git;
	const char *labels;
	struct mg_hist_opts hist;
	enum mg_format format;
	const char *edges;
	char **paths;
	int npaths;
	struct km_buf options;	/* the options as given, for sqlite's meta table */
};

static void mg_usage(FILE *f)
{
	int c;

	fputs(
"usage: kmetrics-merge [-o FILE] [--scope=tu|build] [--git=DIR] [--labels=FILE]\n"
"                      [--history] [--since=REV|DATE] [--label-fixes=REV]\n"
"                      [--fix-list=FILE|DIR] [--format=seed|csv|json|sqlite]\n"
"                      [--edges=FILE] PATH...\n"
"\n"
"Merge kmetrics records into one dataset.\n"
"\n"
"  PATH             a sidecar (foo.o.kmetrics); a directory, searched\n"
"                   recursively for *.kmetrics (sorted path order; none\n"
"                   is an error); or an object or ar archive (thin ones\n"
"                   like built-in.a too) with records embedded by\n"
"                   -fplugin-arg-kmetrics-embed. A file met twice (also a\n"
"                   thin archive's member) is read once, with a warning\n"
"  -o FILE          write to FILE, whole or not at all (default: stdout); a\n"
"                   symbolic link's target is written, a device, FIFO or\n"
"                   /dev/stdout written through, a directory refused\n"
"  --scope=tu       keep C5-C7 as measured per translation unit (default)\n"
"  --scope=build    recompute C5 depth, C6 callees, C7 callers and C11 over\n"
"                   the whole build: globals link by name across objects,\n"
"                   statics stay private; a global defined in several\n"
"                   objects is one function (each record gets its numbers;\n"
"                   a warning when the definitions differ); a weak one\n"
"                   (W) beside a strong one is overridden: its edges are\n"
"                   dropped, its record gets the strong one's numbers\n"
"  --git=DIR        C4 = days from the oldest commit (git blame of HEAD) of\n"
"                   each function's lines to the commit date of HEAD in DIR;\n"
"                   0 for files git does not track\n"
"  --labels=FILE    LABEL 1 for the functions listed in FILE, one a line:\n"
"                   NAME or path/to/file.c:NAME; '#' comments; an entry\n"
"                   matching nothing is a warning\n"
"\n"
"History (each needs --git=DIR; S, the measured commit, is HEAD of DIR):\n"
"  --label-fixes=REV  LABEL 1 also for each function a fix after S changed: a\n"
"                   non-merge commit in S..REV with a 'Fixes: <hex>' trailer, a\n"
"                   CVE id, or listed by --fix-list; skipped when all its\n"
"                   Fixes: targets resolve and none is in S. Touched: a hunk\n"
"                   of git diff -U0 C^ C overlaps the span carried from S to\n"
"                   C^, or inserts strictly inside it\n"
"  --fix-list=FILE|DIR  more fixes: one commit id a line, optionally CVE ids after\n"
"                   it, '#' comments; or a directory laid out as the kernel\n"
"                   CVE team's vulns repository (cve/published/*/*.sha1).\n"
"                   Alone (no --label-fixes) the listed commits not in S\n"
"  --history        per function, over the non-merge commits that\n"
"                   git log -L FIRST,LAST:FILE S lists (one walk of the\n"
"                   history, not git log): commits, authors, lines_added,\n"
"                   lines_deleted, last_change_days\n"
"  --since=REV|DATE  --history counts only commits after REV, or from DATE\n"
"                   on (YYYY-MM-DD[ HH:MM[:SS]][+ZONE], UTC without a zone)\n"
"\n"
"  --format=seed    the record format (default; without other options the\n"
"                   output is byte for byte the input)\n"
"  --format=csv     RFC 4180 CSV with a header row, CRLF line ends\n"
"  --format=json    one JSON array of objects (not JSON Lines)\n"
"  --format=sqlite  an SQLite database (needs -o FILE, a regular or new\n"
"                   file): tables functions, calls, objects, meta (kmetrics-merge(1)\n"
"                   has the schema)\n"
"  --edges=FILE     also write the call graph as CSV: caller_file, caller,\n"
"                   callee_file, callee, kind (c call, a address taken);\n"
"                   written as -o is, and both or neither\n"
"  --help           this text\n"
"\n"
"Columns of csv, json and sqlite (empty or null where not known); those\n"
"of --label-fixes/--fix-list and of --history follow the others:\n", f);
	for (c = 0; c < KM_NCOLS; c++)
		fprintf(f, "  %-20s %s\n", km_cols[c].name, km_cols[c].doc);
	fputs(
"\n"
"--scope=build, --git, --edges and the history options read each sidecar's\n"
"companion (foo.o.kmetrics.graph); csv, json and sqlite read it when it is\n"
"there.\n"
"code_bytes comes from the object beside the sidecar, and frame_bytes of a\n"
"function without a C line (Clang's objects) from the .su file beside it\n"
"(-fstack-usage). Empty sidecars are valid (no records); a line must end\n"
"with LF, so a last line without it is a torn file.\n"
"\n"
"Exit status: 0 done (also with warnings), 1 bad input (one message on\n"
"stderr, FILE:LINE: reason, and no output: no -o FILE, nothing on\n"
"stdout), 2 bad usage.\n"
"\n"
"The manual: man kmetrics-merge (in the source: man -l man/kmetrics-merge.1).\n", f);
}

static int mg_bad_usage(const char *fmt, const char *arg)
{
	return km_usage_error(MG_PROG, fmt, arg);
}

static const char *mg_optval(const char *arg, const char *opt)
{
	return km_option_value(arg, opt);
}

static int mg_wants_history(const struct mg_opts *o)
{
	return o->hist.history || o->hist.label_fixes || o->hist.fix_list;
}

/* 0, 1 for --help, or 2 for bad usage (already reported). */
static int mg_parse_args(int argc, char **argv, struct mg_opts *o)
{
	const char *v;
	int i;

	memset(o, 0, sizeof(*o));
	km_buf_init(&o->options);
	o->format = MG_SEED;
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
			continue;
		}
		if (strncmp(a, "-o", 2))	/* what made the dataset, not where it went */
			km_buf_printf(&o->options, "%s%s", o->options.len ? " " : "", a);
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			return 1;
		} else if (!strcmp(a, "-o")) {
			if (++i == argc)
				return mg_bad_usage("-o needs a FILE%s", "");
			o->output = argv[i];
		} else if (!strncmp(a, "-o", 2) && a[1] == 'o') {
			o->output = a + 2;
		} else if ((v = mg_optval(a, "--scope"))) {
			if (strcmp(v, "tu") && strcmp(v, "build"))
				return mg_bad_usage("--scope must be tu or build, not '%s'", v);
			o->scope_build = !strcmp(v, "build");
		} else if ((v = mg_optval(a, "--format"))) {
			if (!strcmp(v, "seed"))
				o->format = MG_SEED;
			else if (!strcmp(v, "csv"))
				o->format = MG_CSV;
			else if (!strcmp(v, "json"))
				o->format = MG_JSON;
			else if (!strcmp(v, "sqlite"))
				o->format = MG_SQLITE;
			else
				return mg_bad_usage("--format must be seed, csv, json or sqlite, not '%s'",
						    v);
		} else if ((v = mg_optval(a, "--edges"))) {
			if (!*v)
				return mg_bad_usage("--edges needs a FILE%s", "");
			o->edges = v;
		} else if ((v = mg_optval(a, "--git"))) {
			if (!*v)
				return mg_bad_usage("--git needs a DIR%s", "");
			o->git = v;
		} else if (!strcmp(a, "--history")) {
			o->hist.history = 1;
		} else if ((v = mg_optval(a, "--since"))) {
			if (!*v)
				return mg_bad_usage("--since needs a REV or DATE%s", "");
			o->hist.since = v;
		} else if ((v = mg_optval(a, "--label-fixes"))) {
			if (!*v)
				return mg_bad_usage("--label-fixes needs a REV%s", "");
			o->hist.label_fixes = v;
		} else if ((v = mg_optval(a, "--fix-list"))) {
			if (!*v)
				return mg_bad_usage("--fix-list needs a FILE or DIR%s", "");
			o->hist.fix_list = v;
		} else if ((v = mg_optval(a, "--labels"))) {
			if (!*v)
				return mg_bad_usage("--labels needs a FILE%s", "");
			o->labels = v;
		} else {
			return mg_bad_usage("unknown option '%s'", a);
		}
	}
	if (o->output && !*o->output)
		return mg_bad_usage("-o needs a FILE%s", "");
	if (mg_wants_history(o) && !o->git)
		return mg_bad_usage("--history, --label-fixes and --fix-list need --git=DIR%s", "");
	if (o->hist.since && !o->hist.history)
		return mg_bad_usage("--since goes with --history%s", "");
	o->hist.ages = o->git && mg_wants_history(o);
	if (!o->npaths)
		return mg_bad_usage("no PATH given%s", "");
	if (o->format == MG_SQLITE && !o->output)
		return mg_bad_usage("--format=sqlite needs -o FILE (a database is no stream)%s", "");
	return 0;
}

/*
 * -o (standard output without it) and --edges, before any input is read:
 * 0; 1 when one cannot be written (a directory; --format=sqlite through a
 * device); 2 when both name one file. km_out_close both in any case.
 */
static int mg_outputs_open(const struct mg_opts *o, struct km_out *outs)
{
	char err[512];

	memset(outs, 0, 2 * sizeof(*outs));
	if (km_out_open(&outs[0], o->output, o->format == MG_SQLITE ? KM_OUT_FILE_ONLY : 0,
			err, sizeof(err)) ||
	    (o->edges && km_out_open(&outs[1], o->edges, 0, err, sizeof(err)))) {
		mg_errorf("%s", err);
		return 1;
	}
	if (o->edges && km_out_same(&outs[0], &outs[1]))
		return mg_bad_usage("--edges=%s is the file the dataset is written to; "
				    "give them two files", o->edges);
	return 0;
}

/* The meta table's inputs: the PATHs, one a line. */
static char *mg_inputs(const struct mg_opts *o)
{
	struct km_buf b;
	int i;

	km_buf_init(&b);
	for (i = 0; i < o->npaths; i++)
		km_buf_printf(&b, "%s%s", i ? "\n" : "", o->paths[i]);
	km_buf_append(&b, "", 1);
	return b.p;
}

/* The dataset in its format into @outs[0]: the database built in its temporary. */
static int mg_dataset(const struct mg_opts *o, struct mg_set *set, struct km_out *outs,
		      struct km_buf *out, char *err, size_t errlen)
{
	struct mg_meta meta;
	const char *db;
	int r;

	if (o->format != MG_SQLITE)
		return mg_output(set, o->format, out) ||
		       km_out_put(&outs[0], out->p ? out->p : "", out->len, err, errlen) ? -1 : 0;
	db = km_out_tmpfile(&outs[0], err, errlen);
	if (!db)
		return -1;
	meta.scope = o->scope_build ? "build" : "tu";
	meta.options = o->options.p ? o->options.p : "";
	meta.inputs = mg_inputs(o);
	r = mg_sqlite_write(set, &meta, db, o->output);
	free((char *)meta.inputs);
	*err = 0;	/* said already */
	return r;
}

/* The dataset, and the call graph for --edges: both written, or neither. */
static int mg_emit(const struct mg_opts *o, struct mg_set *set, struct km_out *outs,
		   struct km_buf *out)
{
	struct km_buf edges;
	char err[512] = "";
	int r;

	km_buf_init(&edges);
	if (o->format != MG_SEED)
		mg_values_prepare(set);
	r = mg_dataset(o, set, outs, out, err, sizeof(err));
	if (!r && o->edges && (mg_edges_csv(set, &edges) ||
			       km_out_put(&outs[1], edges.p, edges.len, err, sizeof(err))))
		r = -1;
	if (!r && km_out_commit(outs, o->edges ? 2 : 1, err, sizeof(err)))
		r = -1;
	if (r && *err)
		mg_errorf("%s", err);
	km_buf_free(&edges);
	return r;
}

static int mg_run(const struct mg_opts *o)
{
	struct mg_set set;
	struct mg_labels *labels = NULL;
	struct km_out outs[2];
	struct km_buf out;
	int ret;

	memset(&set, 0, sizeof(set));
	set.groups = KM_GROUP_BASE;
	km_buf_init(&out);
	ret = mg_outputs_open(o, outs);
	if (ret)
		goto out;
	ret = 1;
	if (o->labels && !(labels = mg_labels_read(o->labels)))
		goto out;
	if (mg_collect(o->paths, o->npaths, &set) || mg_load(&set))
		goto out;
	if (o->scope_build && mg_load_companions(&set, 1, "--scope=build"))
		goto out;
	if (o->git && mg_load_companions(&set, 1, "--git"))
		goto out;
	if (labels && mg_labels_need_paths(labels) &&
	    mg_load_companions(&set, 1, "path:name entries of --labels"))
		goto out;
	if (o->edges && mg_load_companions(&set, 1, "--edges"))
		goto out;
	if (o->format != MG_SEED &&
	    mg_load_companions(&set, 0, o->format == MG_CSV ? "--format=csv" :
			       o->format == MG_JSON ? "--format=json" : "--format=sqlite"))
		goto out;
	if (o->scope_build && mg_scope_build(&set))
		goto out;
	/* with --history or fixes, C4 comes from the walk that reads the history */
	if (o->git && !o->hist.ages && mg_git_ages(&set, o->git))
		goto out;
	if (labels && mg_labels_apply(labels, &set))
		goto out;
	if (mg_wants_history(o) && mg_history_run(&set, o->git, &o->hist))
		goto out;
	set.groups |= mg_history_groups(&set);
	if (mg_emit(o, &set, outs, &out))
		goto out;
	ret = 0;
out:
	km_out_close(&outs[0]);
	km_out_close(&outs[1]);
	km_buf_free(&out);
	mg_labels_free(labels);
	mg_history_free(&set);
	mg_graph_free(&set);
	mg_set_free(&set);
	return ret;
}

int main(int argc, char **argv)
{
	struct mg_opts o;
	int r;

	mg_prog = MG_PROG;
	r = mg_parse_args(argc, argv, &o);

	if (r == 1) {
		mg_usage(stdout);
		r = 0;
	} else if (!r) {
		r = mg_run(&o);
	}
	free(o.paths);
	km_buf_free(&o.options);
	return r;
}
