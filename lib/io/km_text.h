/* SPDX-License-Identifier: GPL-2.0 */
/*
 * km_text.h - text as the dataset formats write it: a CSV field quoted per
 * RFC 4180 and a JSON string escaped per RFC 8259, appended to a km_buf.
 * kmetrics-merge writes its csv and json through these, and so do the
 * tools that write what they read from a dataset (kmetrics-diff).
 * Plain C, compiles as C11 and as C++.
 */
#ifndef KM_TEXT_H
#define KM_TEXT_H

#include <stddef.h>

#include "km_io.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * @s as one CSV field: as it is, or, when it holds a comma, quote, CR or
 * LF, between quotes with each quote doubled. NULL appends nothing (an
 * empty field).
 */
void km_buf_csv_field(struct km_buf *b, const char *s);
/* The same for the @n bytes at @s (NUL bytes included). */
void km_buf_csv_field_n(struct km_buf *b, const char *s, size_t n);

/*
 * @s as a JSON string, quotes included: '"' and '\\' escaped, control
 * characters as \u00XX, valid UTF-8 as it is, each byte that is not part
 * of valid UTF-8 (a path can hold one) as U+FFFD.
 */
void km_buf_json_string(struct km_buf *b, const char *s);
/* The same for the @n bytes at @s. */
void km_buf_json_string_n(struct km_buf *b, const char *s, size_t n);

/* Length of the valid UTF-8 sequence at @s (at most @n bytes), 0 if invalid. */
size_t km_utf8_len(const unsigned char *s, size_t n);

#ifdef __cplusplus
}
#endif

#endif /* KM_TEXT_H */
