// SPDX-License-Identifier: GPL-2.0
/*
 * report_pack.c - the page's binary blocks (format 2, docs/report.md): a
 * column's values as bytes (varints, doubles, string tables), deflated by
 * zlib and written into the JSON as {"raw": bytes, "z": "base64"}. The
 * page inflates a block with the browser's own DecompressionStream and
 * decodes it when a view first needs the column (web/decode.js); base64
 * holds no '<', '"' or '\\', so a block cannot end its string or its
 * script element whatever the dataset's strings are.
 *
 * Also the dictionary of strings the text columns and the external
 * callees share: each string once, ids in the order of first use.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "report.h"

static void rp_oom(void)
{
	fprintf(stderr, "%s: out of memory\n", RP_PROG);
	exit(1);
}

void rp_varint(struct km_buf *b, unsigned long long v)
{
	unsigned char c[10];
	int n = 0;

	while (v >= 0x80) {
		c[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	c[n++] = (unsigned char)v;
	km_buf_append(b, c, (size_t)n);
}

unsigned long long rp_zigzag(long long v)
{
	return ((unsigned long long)v << 1) ^ (unsigned long long)(v >> 63);
}

/* A string table: how many, their bytes joined by NUL (no C string holds one). */
void rp_strings(struct km_buf *b, const char *const *s, size_t n)
{
	size_t k, len = 0;

	for (k = 0; k < n; k++)
		len += strlen(s[k]) + (k > 0);
	rp_varint(b, n);
	rp_varint(b, len);
	for (k = 0; k < n; k++) {
		if (k)
			km_buf_append(b, "", 1);
		km_buf_puts(b, s[k]);
	}
}

static const char rp_b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void rp_base64(struct km_buf *out, const unsigned char *p, size_t n)
{
	size_t at = out->len, i;
	char *q;

	if (out->oom)
		rp_oom();
	if (n / 3 * 4 + 5 > out->cap - out->len) {
		/* grow once, then write in place (and the NUL km_buf keeps) */
		size_t need = out->len + n / 3 * 4 + 5;
		char *np = (char *)realloc(out->p, need);

		if (!np)
			rp_oom();
		out->p = np;
		out->cap = need;
	}
	q = out->p + at;
	for (i = 0; i + 3 <= n; i += 3) {
		unsigned int v = (unsigned int)p[i] << 16 | (unsigned int)p[i + 1] << 8 | p[i + 2];

		*q++ = rp_b64[v >> 18];
		*q++ = rp_b64[(v >> 12) & 63];
		*q++ = rp_b64[(v >> 6) & 63];
		*q++ = rp_b64[v & 63];
	}
	if (i < n) {
		unsigned int v = (unsigned int)p[i] << 16 | (i + 1 < n ? (unsigned int)p[i + 1] << 8 : 0);

		*q++ = rp_b64[v >> 18];
		*q++ = rp_b64[(v >> 12) & 63];
		*q++ = i + 1 < n ? rp_b64[(v >> 6) & 63] : '=';
		*q++ = '=';
	}
	*q = '\0';
	out->len = (size_t)(q - out->p);
}

/* @raw deflated (zlib's format) as {"raw":N,"z":"..."} into @out. */
void rp_block(struct km_buf *out, const struct km_buf *raw)
{
	uLongf zlen = compressBound((uLong)raw->len);
	unsigned char *z = (unsigned char *)malloc(zlen);

	if (raw->oom || !z)
		rp_oom();
	if (compress2(z, &zlen, (const Bytef *)(raw->len ? raw->p : ""), (uLong)raw->len,
		      RP_ZLEVEL) != Z_OK)
		rp_oom();
	km_buf_printf(out, "{\"raw\":%zu,\"z\":\"", raw->len);
	rp_base64(out, z, zlen);
	km_buf_puts(out, "\"}");
	free(z);
}

/* ---- a dictionary of strings ---- */

static size_t rp_hash(const char *s)
{
	size_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

void rp_dict_init(struct rp_dict *t, size_t n)
{
	for (t->cap = 64; t->cap < 2 * n + 2; t->cap *= 2)
		;
	t->s = (const char **)calloc(t->cap, sizeof(*t->s));
	t->id = (size_t *)calloc(t->cap, sizeof(*t->id));
	t->order = (const char **)calloc(n + 1, sizeof(*t->order));
	t->n = 0;
	if (!t->s || !t->id || !t->order)
		rp_oom();
}

void rp_dict_free(struct rp_dict *t)
{
	free(t->s);
	free(t->id);
	free(t->order);
}

size_t rp_dict_id(struct rp_dict *t, const char *s)
{
	size_t j = rp_hash(s) & (t->cap - 1);

	while (t->s[j]) {
		if (!strcmp(t->s[j], s))
			return t->id[j];
		j = (j + 1) & (t->cap - 1);
	}
	t->s[j] = s;
	t->order[t->n] = s;
	return t->id[j] = t->n++;
}

/*
 * Text values through @t: a code each, 0 null, 1 the next new string of
 * the table, k + 2 its k-th string again. Returns the code of @s.
 */
unsigned long long rp_dict_code(struct rp_dict *t, const char *s)
{
	size_t n = t->n, k;

	if (!s)
		return 0;
	k = rp_dict_id(t, s);
	return k == n ? 1 : (unsigned long long)k + 2;
}
