// SPDX-License-Identifier: GPL-2.0
/*
 * dataset_json.c - a json dataset (kmetrics-merge --format=json) read into
 * a km_dataset: one array of flat objects, one object a function, keys the
 * column names of km_columns.h. Whitespace and layout are free (RFC 8259),
 * so a file pretty-printed by another tool reads the same.
 *
 * An object may hold any subset of the columns; a key missing from it is
 * null in that row, and `name` must be there. Values are typed by their
 * column: a string for a text column, a number for an int (without
 * fraction or exponent) or real column, or null. A key that is no kmetrics
 * column is a warning (once per key) and its value, which must be a
 * string, number or null, is skipped. Anything else (a nested value, true,
 * a duplicate key, bad escapes, text after the array) is an error naming
 * the file and line.
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with js_.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "km_dataset.h"
#include "input/km_input.h"
#include "io/km_io.h"

struct js {
	const char *path;
	const char *p, *end;
	const char *counted;	/* newlines are counted up to here */
	long line;
	struct km_buf str;	/* the last string read, unescaped */
	struct km_buf warned;	/* unknown keys warned about, each "\nkey\n" */
};

/* The line of j->p, counting on from where the last call stopped. */
static long js_line(struct js *j)
{
	for (; j->counted < j->p; j->counted++)
		if (*j->counted == '\n')
			j->line++;
	return j->line;
}

static int js_fail(struct js *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int js_fail(struct js *j, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	mg_errorf("%s:%ld: %s", j->path, js_line(j), msg);
	return -1;
}

static void js_ws(struct js *j)
{
	while (j->p < j->end && strchr(" \t\r\n", *j->p) && *j->p)
		j->p++;
}

/* Is the next character @c? Then step over it. */
static int js_eat(struct js *j, char c)
{
	js_ws(j);
	if (j->p < j->end && *j->p == c) {
		j->p++;
		return 1;
	}
	return 0;
}

static int js_hex4(struct js *j, unsigned long *cp)
{
	int k;

	*cp = 0;
	for (k = 0; k < 4; k++, j->p++) {
		char c = j->p < j->end ? *j->p : 0;

		if (c >= '0' && c <= '9')
			*cp = *cp * 16 + (unsigned long)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			*cp = *cp * 16 + (unsigned long)((c | 0x20) - 'a' + 10);
		else
			return js_fail(j, "bad \\u escape");
	}
	return 0;
}

static void js_put_utf8(struct km_buf *b, unsigned long cp)
{
	unsigned char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (unsigned char)cp, n = 1;
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xc0 | cp >> 6), n = 2;
	} else if (cp < 0x10000) {
		u[0] = (unsigned char)(0xe0 | cp >> 12), n = 3;
	} else {
		u[0] = (unsigned char)(0xf0 | cp >> 18), n = 4;
	}
	if (n > 1)
		u[n - 1] = (unsigned char)(0x80 | (cp & 0x3f));
	if (n > 2)
		u[n - 2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	if (n > 3)
		u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	km_buf_append(b, u, n);
}

/* \uXXXX, a surrogate pair taken whole; j->p after the 'u'. */
static int js_unicode(struct js *j)
{
	unsigned long cp, lo;

	if (js_hex4(j, &cp))
		return -1;
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (j->end - j->p < 2 || j->p[0] != '\\' || j->p[1] != 'u')
			return js_fail(j, "a lone surrogate in a \\u escape");
		j->p += 2;
		if (js_hex4(j, &lo))
			return -1;
		if (lo < 0xdc00 || lo > 0xdfff)
			return js_fail(j, "a lone surrogate in a \\u escape");
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	} else if ((cp >= 0xdc00 && cp <= 0xdfff) || !cp) {
		return js_fail(j, cp ? "a lone surrogate in a \\u escape" : "\\u0000 in a string");
	}
	js_put_utf8(&j->str, cp);
	return 0;
}

static int js_escape(struct js *j)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *k;

	if (j->p == j->end)
		return js_fail(j, "a string is not closed");
	if (*j->p == 'u') {
		j->p++;
		return js_unicode(j);
	}
	k = strchr(from, *j->p);
	if (!k || !*j->p)
		return js_fail(j, "bad escape '\\%c'", *j->p);
	km_buf_append(&j->str, &to[k - from], 1);
	j->p++;
	return 0;
}

/* A string into j->str; j->p at its opening quote. */
static int js_string(struct js *j)
{
	j->str.len = 0;
	km_buf_append(&j->str, "", 0);
	for (j->p++; j->p < j->end; ) {
		unsigned char c = (unsigned char)*j->p;

		if (c == '"') {
			j->p++;
			return 0;
		}
		if (c < 0x20)
			return js_fail(j, "a control character in a string");
		j->p++;
		if (c == '\\') {
			if (js_escape(j))
				return -1;
			continue;
		}
		km_buf_append(&j->str, &c, 1);
	}
	return js_fail(j, "a string is not closed");
}

/* The extent of a number's text at j->p. */
static size_t js_number_len(const struct js *j)
{
	const char *q = j->p;

	while (q < j->end && strchr("0123456789+-.eE", *q) && *q)
		q++;
	return (size_t)(q - j->p);
}

static int js_unknown_key(struct js *j, const char *key)
{
	size_t n = strlen(key);
	char *mark = (char *)mg_alloc(n + 3);

	sprintf(mark, "\n%s\n", key);
	if (!j->warned.p || !strstr(j->warned.p, mark)) {
		mg_warnf("%s:%ld: key '%s' is not a kmetrics column; ignored", j->path,
			 js_line(j), key);
		km_buf_puts(&j->warned, mark);
	}
	free(mark);
	return 0;
}

/* One value of column @col (-1: skipped) of row @row. */
static int js_value(struct js *j, struct km_dataset *d, size_t row, int col)
{
	const char *name = col >= 0 ? km_cols[col].name : "";
	enum km_coltype type = col >= 0 ? km_cols[col].type : KM_TYPE_TEXT;
	const char *err = NULL;
	size_t n;

	js_ws(j);
	if (j->p == j->end)
		return js_fail(j, "the file ends inside an object");
	if (*j->p == '"') {
		if (js_string(j))
			return -1;
		if (col >= 0 && type != KM_TYPE_TEXT)
			return js_fail(j, "column %s: a string, not a number", name);
		if (col >= 0)
			km_ds_set_text(d, row, col, j->str.p, j->str.len);
		return 0;
	}
	if (j->end - j->p >= 4 && !memcmp(j->p, "null", 4)) {
		j->p += 4;
		return 0;
	}
	n = js_number_len(j);
	if (!n || (*j->p != '-' && (*j->p < '0' || *j->p > '9')))
		return js_fail(j, "%s%s%sa string, number or null expected", col >= 0 ? "column " : "",
			       name, col >= 0 ? ": " : "");
	if (col >= 0 && type == KM_TYPE_TEXT)
		return js_fail(j, "column %s: a number, not a string", name);
	if (col >= 0 && km_ds_set_cell(d, row, col, j->p, n, &err))
		return js_fail(j, "column %s: %.*s is %s", name, (int)n, j->p, err);
	j->p += n;
	return 0;
}

/* One "key": value of an object. */
static int js_member(struct js *j, struct km_dataset *d, size_t row, int *seen)
{
	int col;

	js_ws(j);
	if (j->p == j->end || *j->p != '"')
		return js_fail(j, "a key (a string) expected");
	if (js_string(j))
		return -1;
	col = km_col_lookup(j->str.p);
	if (col < 0 && js_unknown_key(j, j->str.p))
		return -1;
	if (col >= 0 && seen[col]++)
		return js_fail(j, "key '%s' twice in one object", km_cols[col].name);
	if (!js_eat(j, ':'))
		return js_fail(j, "':' expected after a key");
	if (col >= 0)
		km_ds_use(d, col);
	return js_value(j, d, row, col);
}

static int js_object(struct js *j, struct km_dataset *d, uint32_t src)
{
	int seen[KM_NCOLS] = { 0 };
	size_t row;

	js_ws(j);
	if (j->p == j->end || *j->p != '{')
		return js_fail(j, "an object expected");
	row = km_ds_add_row(d, src, js_line(j));
	j->p++;
	if (!js_eat(j, '}')) {
		do {
			if (js_member(j, d, row, seen))
				return -1;
		} while (js_eat(j, ','));
		if (!js_eat(j, '}'))
			return js_fail(j, "',' or '}' expected");
	}
	if (km_ds_null(d, row, KM_COL_NAME)) {
		j->p--;
		return js_fail(j, "an object without a name");
	}
	return 0;
}

static int js_array(struct js *j, struct km_dataset *d, uint32_t src)
{
	if (!js_eat(j, '['))
		return js_fail(j, "a json dataset is an array ('[')");
	if (!js_eat(j, ']')) {
		do {
			if (js_object(j, d, src))
				return -1;
		} while (js_eat(j, ','));
		if (!js_eat(j, ']'))
			return js_fail(j, "',' or ']' expected");
	}
	js_ws(j);
	if (j->p != j->end)
		return js_fail(j, "text after the array");
	return 0;
}

int km_ds_read_json(struct km_dataset *d, const char *path)
{
	struct js j;
	size_t len;
	char *data = km_read_file(path, &len);
	int ret;

	if (!data) {
		mg_errorf("%s: %s", path, strerror(errno));
		return -1;
	}
	memset(&j, 0, sizeof(j));
	j.path = path;
	j.p = j.counted = data;
	j.end = data + len;
	j.line = 1;
	km_buf_init(&j.str);
	km_buf_init(&j.warned);
	km_ds_use(d, KM_COL_NAME);
	ret = js_array(&j, d, km_ds_add_src(d, path));
	km_buf_free(&j.str);
	km_buf_free(&j.warned);
	free(data);
	return ret;
}
