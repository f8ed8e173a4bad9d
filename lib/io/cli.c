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

const char *km_option_value(const char *arg, const char *opt)
{
	size_t n = strlen(opt);

	if (strncmp(arg, opt, n) || arg[n] != '=')
		return NULL;
	return arg + n + 1;
}

int km_usage_error(const char *prog, const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", prog);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry '%s --help'.\n", prog);
	return 2;
}
