// SPDX-License-Identifier: GPL-2.0
/*
 * history_util.c - the small helpers every history_*.c file shares: an
 * error message into a caller's buffer (libgit2's last error too), and
 * allocation that never returns NULL (out of memory ends the program with
 * a message). It calls no other history file, so any of them may use it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "km_history_int.h"

void km_hist_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

void km_hist_giterr(char *err, size_t errlen, const char *what)
{
	const git_error *e = git_error_last();

	km_hist_err(err, errlen, "%s: %s", what, e && e->message ? e->message : "libgit2 failed");
}

void *km_hist_alloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (!p) {
		fputs("kmetrics: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

void *km_hist_realloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("kmetrics: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

char *km_hist_strdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return (char *)memcpy(km_hist_alloc(n), s, n);
}
