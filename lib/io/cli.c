// SPDX-License-Identifier: GPL-2.0
/*
 * cli.c - options and bad usage as every kmetrics tool takes and reports
 * them (km_cli.h).
 *
 * Plain C, compiles as C11 and as C++.
 */
#include <stdio.h>
#include <string.h>

#include "km_cli.h"
#include "km_text.h"

const char *km_option_value(const char *arg, const char *opt)
{
	size_t n = strlen(opt);

	if (strncmp(arg, opt, n) || arg[n] != '=')
		return NULL;
	return arg + n + 1;
}

/* The argument quoted with its control characters escaped (km_text.h). */
int km_usage_error(const char *prog, const char *fmt, const char *arg)
{
	struct km_buf a;

	km_buf_init(&a);
	km_buf_escaped(&a, arg);
	fprintf(stderr, "%s: ", prog);
	fprintf(stderr, fmt, a.p ? a.p : "");
	fprintf(stderr, "\nTry '%s --help'.\n", prog);
	km_buf_free(&a);
	return 2;
}
