// SPDX-License-Identifier: GPL-2.0
/*
 * history_delta.c - git's pack delta applied to its base (history_pack.c
 * reads the deltas): the sizes of base and result as varints, then
 * copies from the base (offset and length, each byte flagged) and inserts
 * of up to 127 literal bytes. Every offset, length and size is checked
 * against what is there; a delta that does not fit is -1.
 */
#include <stdlib.h>
#include <string.h>

#include "km_history_int.h"

static int pd_varint(const unsigned char **p, const unsigned char *end, size_t *v)
{
	unsigned shift = 0;
	unsigned char c;

	*v = 0;
	do {
		if (*p >= end || shift > 56)
			return -1;
		c = *(*p)++;
		*v |= (size_t)(c & 0x7f) << shift;
		shift += 7;
	} while (c & 0x80);
	return 0;
}

/* Delta @d (@dn bytes) applied to @base: the result, malloc'ed, in *@out. */
int km_hist_patch(const unsigned char *base, size_t bn, const unsigned char *d, size_t dn,
		  unsigned char **out, size_t *outn)
{
	const unsigned char *end = d + dn;
	size_t sn, tn, w = 0;
	unsigned char *t;

	if (pd_varint(&d, end, &sn) || pd_varint(&d, end, &tn) || sn != bn)
		return -1;
	t = (unsigned char *)malloc(tn ? tn : 1);
	if (!t)
		return -1;
	while (d < end) {
		unsigned char op = *d++;
		size_t off = 0, len = 0;
		int i;

		if (!op)
			goto bad;
		if (!(op & 0x80)) {
			if (op > end - d || op > tn - w)
				goto bad;
			memcpy(t + w, d, op);
			d += op;
			w += op;
			continue;
		}
		for (i = 0; i < 4; i++)
			if (op & (1 << i)) {
				if (d >= end)
					goto bad;
				off |= (size_t)*d++ << (8 * i);
			}
		for (i = 0; i < 3; i++)
			if (op & (0x10 << i)) {
				if (d >= end)
					goto bad;
				len |= (size_t)*d++ << (8 * i);
			}
		if (!len)
			len = 0x10000;
		if (off > bn || len > bn - off || len > tn - w)
			goto bad;
		memcpy(t + w, base + off, len);
		w += len;
	}
	if (w != tn)
		goto bad;
	*out = t;
	*outn = tn;
	return 0;
bad:
	free(t);
	return -1;
}
