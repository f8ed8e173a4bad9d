// SPDX-License-Identifier: GPL-2.0
/*
 * record.c - the seed-format record: its one writer and its one parser.
 *
 *   NAME : C1 : C2 : C3 : C4 : C5 : C6 : C7 : C8 : C9 : C10 : C11 ：LABEL
 *
 * Doubles print as Python's repr(float) does (repr.c, km_format_double);
 * they are read back without the C locale (the plugin runs inside cc1 and
 * must not call setlocale).
 *
 * The parser accepts exactly what km_record_format writes: each field is
 * checked for its canonical form, so a line is accepted only when
 * formatting the parsed record gives the line back byte for byte
 * (tests/lib/record/test_record.c fuzzes that property).
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with rec_.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "km_record.h"

#define REC_NCOLS	11		/* C1..C11 */
#define REC_NFIELDS	13		/* NAME, C1..C11, LABEL */
#define REC_SEP_LEN	3		/* strlen(KM_SEP) */
#define REC_LSEP_LEN	4		/* strlen(KM_LABEL_SEP) */

/* ---- UTF-8 ---- */

/* Length of the valid UTF-8 sequence at @s (at most @len bytes), 0 if invalid. */
static size_t rec_utf8_seq(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];
	size_t n, i;
	unsigned long cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000))
		return 0;		/* overlong */
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;		/* beyond Unicode, or a surrogate */
	return n;
}

static int rec_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		n = rec_utf8_seq(p + i, len - i);
		if (!n)
			return 0;
		i += n;
	}
	return 1;
}

/* ---- writing ---- */

/* NAME bytes: no space or other ASCII control, no ':'. */
static int rec_name_byte_ok(unsigned char c)
{
	return c > ' ' && c != 0x7f && c != ':';
}

static int rec_name_ok(const char *name, size_t len)
{
	size_t i;

	if (!len || len >= KM_NAME_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if (!rec_name_byte_ok((unsigned char)name[i]))
			return 0;
	return rec_utf8_valid(name, len);
}

static const long *rec_col_long(const struct km_record *r, int col)
{
	switch (col) {
	case 1: return &r->params;
	case 2: return &r->cyclomatic;
	case 4: return &r->age_days;
	case 5: return &r->depth;
	case 6: return &r->callees;
	case 7: return &r->callers;
	case 8: return &r->self_calls;
	case 9: return &r->locals;
	case 10: return &r->nesting;
	}
	return NULL;
}

/* Whether the parser would take back what the writer prints of @r. */
static int rec_writable(const struct km_record *r)
{
	const char *end = (const char *)memchr(r->name, '\0', KM_NAME_MAX);
	const long *v;
	int col;

	if (!end || !rec_name_ok(r->name, end - r->name))
		return 0;
	for (col = 1; col <= REC_NCOLS; col++) {
		v = rec_col_long(r, col);
		if (v && *v < 0)
			return 0;
	}
	if (!isfinite(r->halstead) || !isfinite(r->score))
		return 0;
	return r->label == 0 || r->label == 1;
}

int km_record_format_c3(char *buf, size_t size, const struct km_record *r, const char *c3)
{
	char c11[KM_DOUBLE_MAX];
	int n;

	if (size)
		buf[0] = '\0';
	if (!rec_writable(r) || km_format_double(c11, sizeof(c11), r->score) < 0)
		return -1;
	n = snprintf(buf, size,
		     "%s" KM_SEP "%ld" KM_SEP "%ld" KM_SEP "%s" KM_SEP "%ld" KM_SEP
		     "%ld" KM_SEP "%ld" KM_SEP "%ld" KM_SEP "%ld" KM_SEP "%ld"
		     KM_SEP "%ld" KM_SEP "%s" KM_LABEL_SEP "%d\n",
		     r->name, r->params, r->cyclomatic, c3, r->age_days,
		     r->depth, r->callees, r->callers, r->self_calls,
		     r->locals, r->nesting, c11, r->label);
	if (n < 0 || (size_t)n >= size) {
		if (size)
			buf[0] = '\0';
		return -1;
	}
	return n;
}

int km_record_format(char *buf, size_t size, const struct km_record *r)
{
	char c3[KM_DOUBLE_MAX];

	if (size)
		buf[0] = '\0';
	if (km_format_double(c3, sizeof(c3), r->halstead) < 0)
		return -1;
	return km_record_format_c3(buf, size, r, c3);
}

int km_record_write(FILE *f, const struct km_record *r)
{
	char line[KM_LINE_MAX];
	int n = km_record_format(line, sizeof(line), r);

	if (n < 0)
		return -1;
	if (fwrite(line, 1, n, f) != (size_t)n)
		return -1;
	return 0;
}

/* ---- parsing ---- */

#define REC_MSG_INT(c)	"field " c ": not a plain decimal integer (digits only, no sign, no leading zero)"
#define REC_MSG_LONG(c)	"field " c ": does not fit in a long"
#define REC_MSG_REPR(c)	"field " c ": not a float in repr form"

static const char *const rec_msg_int[REC_NCOLS + 1] = {
	NULL, REC_MSG_INT("C1"), REC_MSG_INT("C2"), REC_MSG_INT("C3"),
	REC_MSG_INT("C4"), REC_MSG_INT("C5"), REC_MSG_INT("C6"),
	REC_MSG_INT("C7"), REC_MSG_INT("C8"), REC_MSG_INT("C9"),
	REC_MSG_INT("C10"), REC_MSG_INT("C11"),
};

static const char *const rec_msg_long[REC_NCOLS + 1] = {
	NULL, REC_MSG_LONG("C1"), REC_MSG_LONG("C2"), REC_MSG_LONG("C3"),
	REC_MSG_LONG("C4"), REC_MSG_LONG("C5"), REC_MSG_LONG("C6"),
	REC_MSG_LONG("C7"), REC_MSG_LONG("C8"), REC_MSG_LONG("C9"),
	REC_MSG_LONG("C10"), REC_MSG_LONG("C11"),
};

static const char *const rec_msg_repr[REC_NCOLS + 1] = {
	NULL, REC_MSG_REPR("C1"), REC_MSG_REPR("C2"), REC_MSG_REPR("C3"),
	REC_MSG_REPR("C4"), REC_MSG_REPR("C5"), REC_MSG_REPR("C6"),
	REC_MSG_REPR("C7"), REC_MSG_REPR("C8"), REC_MSG_REPR("C9"),
	REC_MSG_REPR("C10"), REC_MSG_REPR("C11"),
};

#define REC_FOUND(n)	"expected 13 fields, found " #n
#define REC_FOUND_MAX	32

static const char *const rec_msg_found[REC_FOUND_MAX + 1] = {
	REC_FOUND(0), REC_FOUND(1), REC_FOUND(2), REC_FOUND(3), REC_FOUND(4),
	REC_FOUND(5), REC_FOUND(6), REC_FOUND(7), REC_FOUND(8), REC_FOUND(9),
	REC_FOUND(10), REC_FOUND(11), REC_FOUND(12), REC_FOUND(13),
	REC_FOUND(14), REC_FOUND(15), REC_FOUND(16), REC_FOUND(17),
	REC_FOUND(18), REC_FOUND(19), REC_FOUND(20), REC_FOUND(21),
	REC_FOUND(22), REC_FOUND(23), REC_FOUND(24), REC_FOUND(25),
	REC_FOUND(26), REC_FOUND(27), REC_FOUND(28), REC_FOUND(29),
	REC_FOUND(30), REC_FOUND(31), REC_FOUND(32),
};

static const char *rec_found_msg(size_t found)
{
	if (found > REC_FOUND_MAX)
		return "expected 13 fields, found more than 32";
	return rec_msg_found[found];
}

/* One field of the line: @len bytes at @s. */
struct rec_span {
	const char *s;
	size_t len;
};

/* The last occurrence of @pat (@plen bytes) in @s, or NULL. */
static const char *rec_find_last(const char *s, size_t len, const char *pat,
				 size_t plen)
{
	size_t i;

	if (len < plen)
		return NULL;
	for (i = len - plen + 1; i-- > 0;)
		if (!memcmp(s + i, pat, plen))
			return s + i;
	return NULL;
}

/*
 * Split @len bytes at @s on KM_SEP into at most @max spans; returns how
 * many fields there are (which may be more than @max).
 */
static size_t rec_split(const char *s, size_t len, struct rec_span *f, size_t max)
{
	size_t n = 0, start = 0, i = 0;

	while (i + REC_SEP_LEN <= len) {
		if (memcmp(s + i, KM_SEP, REC_SEP_LEN)) {
			i++;
			continue;
		}
		if (n < max) {
			f[n].s = s + start;
			f[n].len = i - start;
		}
		n++;
		i += REC_SEP_LEN;
		start = i;
	}
	if (n < max) {
		f[n].s = s + start;
		f[n].len = len - start;
	}
	return n + 1;
}

/* Returns 0, 1 when not a plain decimal, 2 when it does not fit in a long. */
static int rec_parse_long(const char *s, size_t len, long *out)
{
	unsigned long v = 0;
	size_t i;
	int d;

	if (!len || (s[0] == '0' && len > 1))
		return 1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 1;
		d = s[i] - '0';
		if (v > ((unsigned long)LONG_MAX - d) / 10)
			return 2;
		v = v * 10 + d;
	}
	*out = (long)v;
	return 0;
}

/*
 * "[-]DIGITS[.DIGITS][e[+-]DIGITS]" rewritten without a decimal point into
 * @out, which strtod reads the same in every locale: "331.2" becomes
 * "3312e-1", "1.5e+16" becomes "15e16". Returns -1 for any other text.
 */
static int rec_repr_to_sci(const char *s, size_t len, char *out, size_t size)
{
	size_t i = 0, n = 0;
	int frac = 0, point = 0, digits = 0, exp = 0, eneg = 0, edigits = 0;

	if (s[0] == '-')
		out[n++] = s[i++];
	for (; i < len && s[i] != 'e'; i++) {
		if (s[i] == '.' && !point) {
			point = 1;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return -1;
		out[n++] = s[i];
		digits++;
		frac += point;
	}
	if (!digits)
		return -1;
	if (i < len && ++i < len && (s[i] == '+' || s[i] == '-'))
		eneg = s[i++] == '-';
	for (; i < len; i++, edigits++) {
		if (s[i] < '0' || s[i] > '9' || edigits >= 4)
			return -1;
		exp = exp * 10 + (s[i] - '0');
	}
	if (s[len - 1] == 'e' || s[len - 1] == '+' || s[len - 1] == '-')
		return -1;
	snprintf(out + n, size - n, "e%d", (eneg ? -exp : exp) - frac);
	return 0;
}

/* A finite double in the exact text km_format_double prints for it. */
static int rec_parse_repr(const char *s, size_t len, double *out)
{
	char sci[KM_DOUBLE_MAX + 16], back[KM_DOUBLE_MAX];
	double v;

	if (!len || len >= KM_DOUBLE_MAX)
		return -1;
	if (rec_repr_to_sci(s, len, sci, sizeof(sci)))
		return -1;
	v = strtod(sci, NULL);
	if (!isfinite(v))
		return -1;
	if (km_format_double(back, sizeof(back), v) != (int)len ||
	    memcmp(back, s, len))
		return -1;
	*out = v;
	return 0;
}

static const char *rec_parse_name(const struct rec_span *f, struct km_record *r)
{
	size_t i;

	if (!f->len)
		return "field NAME: empty";
	if (f->len >= KM_NAME_MAX)
		return "field NAME: longer than 511 bytes";
	for (i = 0; i < f->len; i++)
		if (!rec_name_byte_ok((unsigned char)f->s[i]))
			return "field NAME: contains a space, a control character or ':'";
	memcpy(r->name, f->s, f->len);
	r->name[f->len] = '\0';
	return NULL;
}

static const char *rec_parse_col(const struct rec_span *f, int col,
				 struct km_record *r)
{
	double *d = col == 3 ? &r->halstead : col == 11 ? &r->score : NULL;
	long *l = (long *)rec_col_long(r, col);
	int ret;

	if (d)
		return rec_parse_repr(f->s, f->len, d) ? rec_msg_repr[col] : NULL;
	ret = rec_parse_long(f->s, f->len, l);
	if (ret == 1)
		return rec_msg_int[col];
	if (ret == 2)
		return rec_msg_long[col];
	return NULL;
}

static const char *rec_parse_label(const char *s, size_t len, struct km_record *r)
{
	if (!len || (s[0] != '0' && s[0] != '1'))
		return "LABEL must be 0 or 1";
	if (len > 1)
		return "trailing text after LABEL";
	r->label = s[0] - '0';
	return NULL;
}

static const char *rec_parse(const char *line, size_t len, struct km_record *r)
{
	struct rec_span f[REC_NCOLS + 1];
	const char *lsep, *msg;
	size_t nf;
	int col;

	if (!rec_utf8_valid(line, len))
		return "line is not valid UTF-8";
	lsep = rec_find_last(line, len, KM_LABEL_SEP, REC_LSEP_LEN);
	if (!lsep)
		return "missing ' \xef\xbc\x9a' before LABEL (an ASCII ':' is not the fullwidth colon)";
	nf = rec_split(line, lsep - line, f, REC_NCOLS + 1);
	if (nf + 1 != REC_NFIELDS)
		return rec_found_msg(nf + 1);
	msg = rec_parse_name(&f[0], r);
	for (col = 1; !msg && col <= REC_NCOLS; col++)
		msg = rec_parse_col(&f[col], col, r);
	if (msg)
		return msg;
	lsep += REC_LSEP_LEN;
	return rec_parse_label(lsep, line + len - lsep, r);
}

int km_record_parse(const char *line, size_t len, struct km_record *r,
		    const char **err)
{
	struct km_record tmp;
	const char *msg;

	memset(&tmp, 0, sizeof(tmp));
	msg = rec_parse(line, len, &tmp);
	if (err)
		*err = msg;
	if (msg)
		return -1;
	*r = tmp;
	return 0;
}

/* ---- derived columns ---- */

/*
 * C11 = 1.0 - 0.2*k in IEEE double arithmetic. The six possible values,
 * written out, so that no compiler contraction (an FMA under -mfma) can
 * change the last bit: 1.0 - 0.2*k for k = 0..5.
 */
static const double rec_scores[6] = {
	1.0, 0.8, 0.6, 0.3999999999999999, 0.19999999999999996, 0.0,
};

double km_score(const struct km_record *r)
{
	int k = 0;

	k += r->cyclomatic > KM_LIMIT_CYCLOMATIC;
	k += r->halstead > KM_LIMIT_HALSTEAD;
	k += r->callers > KM_LIMIT_CALLERS;
	k += r->locals > KM_LIMIT_LOCALS;
	k += r->params > KM_LIMIT_PARAMS;
	return rec_scores[k];
}

int km_record_check(const struct km_record *r, char *err, size_t errlen)
{
	char have[KM_DOUBLE_MAX] = "?", want[KM_DOUBLE_MAX] = "?";
	double score = km_score(r);

	if (r->cyclomatic < 1) {
		snprintf(err, errlen, "field C2: %ld, but cyclomatic complexity is "
			 "1 + decisions, at least 1", r->cyclomatic);
	} else if (r->nesting < 1) {
		snprintf(err, errlen, "field C10: %ld, but nesting is 1 + levels, "
			 "at least 1", r->nesting);
	} else if (r->halstead < 0 || signbit(r->halstead)) {
		km_format_double(have, sizeof(have), r->halstead);
		snprintf(err, errlen, "field C3: %s, but Halstead effort is never "
			 "negative", have);
	} else if (r->score != score) {
		km_format_double(have, sizeof(have), r->score);
		km_format_double(want, sizeof(want), score);
		snprintf(err, errlen, "field C11: %s, but C1, C2, C3, C7 and C9 give %s",
			 have, want);
	} else {
		return 0;
	}
	return -1;
}

int km_record_name_ok(const char *name, size_t len)
{
	return rec_name_ok(name, len);
}
