// SPDX-License-Identifier: GPL-2.0
/*
 * check_sidecar.c - is a sidecar whole and valid, with its companion?
 *
 *   check_sidecar SIDECAR...
 *
 * For each SIDECAR (foo.o.kmetrics): every line parses with
 * km_record_parse and its columns agree (km_record_check), the file is empty or ends with LF, the companion
 * SIDECAR.graph parses with km_companion_parse, and the two agree: the F
 * lines with a record index name the records in order, and there are as
 * many of them as records. Prints "FILE:LINE: reason" for each problem;
 * exits 0 when all are fine, 1 otherwise, 2 on usage errors.
 *
 * Used by tests/robust/ (torture corpus, csmith, atomicity tests) until
 * build/kmetrics-merge validates sidecars itself, and beside it after.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "companion/km_companion.h"
#include "io/km_io.h"
#include "record/km_record.h"

struct cs_names {
	char **v;
	size_t n;
};

static void cs_names_free(struct cs_names *names)
{
	size_t i;

	for (i = 0; i < names->n; i++)
		free(names->v[i]);
	free(names->v);
}

/* Every line of @path a record; their names into @names. Returns 0 or -1. */
static int cs_check_records(const char *path, struct cs_names *names)
{
	const char *p, *end, *nl, *why;
	struct km_record r;
	size_t len;
	long line = 0;
	char *data, msg[160];
	int bad = 0;

	data = km_read_file(path, &len);
	if (!data) {
		printf("%s: cannot read: %s\n", path, strerror(errno));
		return -1;
	}
	names->v = (char **)calloc(len / 2 + 1, sizeof(char *));
	if (!names->v) {
		printf("%s: out of memory\n", path);
		free(data);
		return -1;
	}
	if (len && data[len - 1] != '\n') {
		printf("%s: last line has no LF (torn file?)\n", path);
		bad = 1;
	}
	for (p = data, end = data + len; p < end; p = nl + 1) {
		line++;
		nl = (const char *)memchr(p, '\n', end - p);
		if (!nl)
			nl = end;
		if (km_record_parse(p, nl - p, &r, &why)) {
			printf("%s:%ld: %s\n", path, line, why);
			bad = 1;
			continue;
		}
		if (km_record_check(&r, msg, sizeof(msg))) {
			printf("%s:%ld: %s\n", path, line, msg);
			bad = 1;
		}
		names->v[names->n] = strdup(r.name);
		if (!names->v[names->n++]) {
			printf("%s: out of memory\n", path);
			bad = 1;
			break;
		}
	}
	free(data);
	return bad ? -1 : 0;
}

/* The companion of @side parses and agrees with the records in @names. */
static int cs_check_companion(const char *side, const struct cs_names *names)
{
	struct km_companion c;
	size_t len, i, nrec = 0;
	char err[512], *path, *data;
	int bad = 0;

	path = (char *)malloc(strlen(side) + sizeof(KM_COMPANION_SUFFIX));
	if (!path) {
		printf("%s: out of memory\n", side);
		return -1;
	}
	sprintf(path, "%s%s", side, KM_COMPANION_SUFFIX);
	data = km_read_file(path, &len);
	if (!data) {
		printf("%s: cannot read: %s\n", path, strerror(errno));
		free(path);
		return -1;
	}
	if (km_companion_parse(data, len, &c, err, sizeof(err))) {
		printf("%s:%s\n", path, err);
		free(data);
		free(path);
		return -1;
	}
	for (i = 0; i < c.nfuncs; i++) {
		const struct km_cfunc *f = &c.funcs[i];

		if (f->rec < 0)
			continue;
		if ((size_t)f->rec != nrec) {
			printf("%s: F %zu has record %ld, expected %zu\n", path, i, f->rec, nrec);
			bad = 1;
		} else if (nrec >= names->n) {
			printf("%s: F %zu names record %ld, the sidecar has %zu\n",
			       path, i, f->rec, names->n);
			bad = 1;
		} else if (strcmp(f->name, names->v[nrec])) {
			printf("%s: F %zu is '%s', record %zu is '%s'\n",
			       path, i, f->name, nrec, names->v[nrec]);
			bad = 1;
		}
		nrec++;
	}
	if (!bad && nrec != names->n) {
		printf("%s: %zu functions with a record, the sidecar has %zu records\n",
		       path, nrec, names->n);
		bad = 1;
	}
	km_companion_free(&c);
	free(data);
	free(path);
	return bad ? -1 : 0;
}

int main(int argc, char **argv)
{
	int i, bad = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: check_sidecar SIDECAR...\n");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		struct cs_names names = { NULL, 0 };

		if (cs_check_records(argv[i], &names) ||
		    cs_check_companion(argv[i], &names))
			bad = 1;
		cs_names_free(&names);
	}
	return bad;
}
