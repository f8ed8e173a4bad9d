// SPDX-License-Identifier: GPL-2.0
/*
 * extract.c - km-embed-extract: print what -fplugin-arg-kmetrics-embed put
 * into objects and archives, through lib/companion/elfembed.c (test helper, and a
 * stand-in for kmetrics-merge until it reads objects itself).
 *
 *   km-embed-extract [-r|-g|-l] PATH...
 *     (default)  every blob: "== MEMBER", its records, its companion
 *     -r         only the records, in order: a seed-format dataset
 *     -g         only the companions, in order
 *     -l         one line per blob: MEMBER, record count, companion bytes
 *
 * Exit status: 0, or 1 when a PATH cannot be read (message on stderr),
 * or 2 when a PATH holds no embedded records at all.
 */
#include <stdio.h>
#include <string.h>

#include "companion/km_elfembed.h"

static int mode;

static int print_blob(void *ctx, const char *member, const char *records, size_t rlen,
		      const char *graph, size_t glen)
{
	size_t i, nrec = 0;

	(void)ctx;
	switch (mode) {
	case 'r':
		fwrite(records, 1, rlen, stdout);
		break;
	case 'g':
		fwrite(graph, 1, glen, stdout);
		break;
	case 'l':
		for (i = 0; i < rlen; i++)
			nrec += records[i] == '\n';
		printf("%s\t%lu\t%lu\n", member, (unsigned long)nrec, (unsigned long)glen);
		break;
	default:
		printf("== %s\n", member);
		fwrite(records, 1, rlen, stdout);
		fwrite(graph, 1, glen, stdout);
	}
	return 0;
}

int main(int argc, char **argv)
{
	char err[512];
	int i = 1, status = 0;

	if (argc > 1 && argv[1][0] == '-' && argv[1][1] && !argv[1][2] &&
	    strchr("rgl", argv[1][1])) {
		mode = argv[1][1];
		i++;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: km-embed-extract [-r|-g|-l] PATH...\n");
		return 1;
	}
	for (; i < argc; i++) {
		int n = km_embed_read(argv[i], print_blob, NULL, err, sizeof(err));

		if (n < 0) {
			fprintf(stderr, "km-embed-extract: %s\n", err);
			return 1;
		}
		if (n == 0) {
			fprintf(stderr, "km-embed-extract: %s: no embedded kmetrics records\n",
				argv[i]);
			status = 2;
		}
	}
	return status;
}
