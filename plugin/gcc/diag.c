// SPDX-License-Identifier: GPL-2.0
/*
 * diag.c - how the plugin reports a problem of its own: a GCC warning that
 * names kmetrics, or an error with -fplugin-arg-kmetrics-strict, so that
 * kmetrics never fails a compile unless asked to; and a name made fit for
 * a one-line message. Every other file of the plugin reports through here.
 */
#include "kmetrics.h"

static bool km_diag_strict;

void km_problem_strict(bool on)
{
	km_diag_strict = on;
}

void km_problem(const char *fmt, const char *a, const char *b)
{
	if (km_diag_strict)
		error_at(UNKNOWN_LOCATION, fmt, a, b);
	else
		warning_at(UNKNOWN_LOCATION, 0, fmt, a, b);
}

char *km_escaped(const char *s)
{
	char *out = XNEWVEC(char, 2 * strlen(s) + 1), *p = out;

	for (; *s; s++) {
		if (*s == '\t' || *s == '\n') {
			*p++ = '\\';
			*p++ = *s == '\t' ? 't' : 'n';
		} else {
			*p++ = *s;
		}
	}
	*p = 0;
	return out;
}
