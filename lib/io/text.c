// SPDX-License-Identifier: GPL-2.0
/*
 * text.c - CSV fields and JSON strings as the dataset formats write them
 * (km_text.h). Moved here from kmetrics-merge's output so that every tool
 * quotes and escapes the same way.
 *
 * Plain C, compiles as C11 and as C++.
 */
#include <string.h>

#include "km_text.h"

void km_buf_csv_field(struct km_buf *b, const char *s)
{
	if (s)
		km_buf_csv_field_n(b, s, strlen(s));
}

void km_buf_csv_field_n(struct km_buf *b, const char *s, size_t n)
{
	size_t i;

	if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\r', n) &&
	    !memchr(s, '\n', n)) {
		km_buf_append(b, s, n);
		return;
	}
	km_buf_append(b, "\"", 1);
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			km_buf_append(b, "\"", 1);
		km_buf_append(b, s + i, 1);
	}
	km_buf_append(b, "\"", 1);
}

size_t km_utf8_len(const unsigned char *s, size_t n)
{
	size_t len, k;
	unsigned long cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (k = 1; k < len; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[k] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

void km_buf_json_string(struct km_buf *b, const char *str)
{
	km_buf_json_string_n(b, str, strlen(str));
}

void km_buf_json_string_n(struct km_buf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;

	km_buf_append(b, "\"", 1);
	while (n) {
		size_t len;

		if (*s == '"' || *s == '\\') {
			km_buf_append(b, "\\", 1);
			km_buf_append(b, s, 1);
			len = 1;
		} else if (*s < 0x20) {
			km_buf_printf(b, "\\u%04x", *s);
			len = 1;
		} else if ((len = km_utf8_len(s, n)) != 0) {
			km_buf_append(b, s, len);
		} else {
			km_buf_puts(b, "\xef\xbf\xbd");
			len = 1;
		}
		s += len;
		n -= len;
	}
	km_buf_append(b, "\"", 1);
}
