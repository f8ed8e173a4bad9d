/* SPDX-License-Identifier: GPL-2.0 */
/*
 * src_int.h - what src.c (the cache: files read once, the lines the
 * preprocessor kept) and src_scan.c (the lexing of their text) share: a
 * file as the cache holds it. Not for use outside lib/compile/.
 */
#ifndef KM_SRC_INT_H
#define KM_SRC_INT_H

#include <stddef.h>

#include "km_src.h"

/* The lines of a file that hold a token the preprocessor kept: a bit each. */
struct src_live {
	unsigned char *bits;
	long cap;		/* lines the bits cover */
};

struct km_src_file {
	char *data;
	size_t len;
	size_t *line_off;	/* start of each line, and len at [nlines] */
	long nlines;
	unsigned char *code;	/* per line: holds code (made on first use) */
	const struct src_live *live;	/* NULL: every line is code's */
};

#endif /* KM_SRC_INT_H */
