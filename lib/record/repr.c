// SPDX-License-Identifier: GPL-2.0
/*
 * repr.c - doubles as Python's repr(float) prints them (km_format_double,
 * km_record.h), for C3 and C11 of the record and the tools' columns.
 *
 * Doubles print as Python's repr(float) does: the shortest digit string
 * that reads back to the same double, laid out in fixed notation when the
 * decimal exponent is in [-4, 16) and in exponent notation otherwise.
 * The digits come from "%.*e" (tried at 1..17 significant digits, the
 * neighbouring digit string included, so the result is the true shortest
 * and, among the shortest, the nearest, as Python's dtoa mode 0 gives);
 * strtod only ever sees "DIGITSe-N", which has no decimal point, so
 * neither direction depends on the C locale (the plugin runs inside cc1
 * and must not call setlocale).
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with rec_.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "km_record.h"

#define REC_MAX_DIGITS	17		/* enough for any double to round-trip */

/* Significant decimal digits of a positive double: D1.D2...Dn * 10^exp10. */
struct rec_digits {
	char d[REC_MAX_DIGITS + 2];
	int n;
	int exp10;
};

/* ---- doubles: digits ---- */

/* The double nearest to the digit string (strtod of "DIGITSe<exp>"). */
static double rec_digits_value(const struct rec_digits *dg)
{
	char tmp[REC_MAX_DIGITS + 16];

	memcpy(tmp, dg->d, dg->n);
	snprintf(tmp + dg->n, sizeof(tmp) - dg->n, "e%d", dg->exp10 - (dg->n - 1));
	return strtod(tmp, NULL);
}

/* Digits and exponent of "%.*e" output, whatever decimal point the locale uses. */
static int rec_digits_from_e(const char *s, struct rec_digits *dg)
{
	const char *e;

	dg->n = 0;
	for (; *s && *s != 'e'; s++) {
		if (*s < '0' || *s > '9')
			continue;	/* the locale's decimal point, any bytes */
		if (dg->n >= REC_MAX_DIGITS)
			return -1;
		dg->d[dg->n++] = *s;
	}
	if (*s != 'e' || !dg->n || dg->d[0] == '0')
		return -1;
	e = s + 1;
	dg->exp10 = atoi(e);
	dg->d[dg->n] = '\0';
	return 0;
}

/* The next digit string up, at the same number of digits. */
static void rec_digits_inc(struct rec_digits *dg)
{
	int i;

	for (i = dg->n - 1; i >= 0; i--) {
		if (dg->d[i] != '9') {
			dg->d[i]++;
			return;
		}
		dg->d[i] = '0';
	}
	dg->d[0] = '1';		/* 99..9 + 1 = 10..0, one decade up */
	dg->exp10++;
}

/* The next digit string down, at the same number of significant digits. */
static void rec_digits_dec(struct rec_digits *dg)
{
	int i;

	for (i = dg->n - 1; i >= 0; i--) {
		if (dg->d[i] != '0') {
			dg->d[i]--;
			break;
		}
		dg->d[i] = '9';
	}
	if (dg->d[0] != '0')
		return;
	/* 10..0 - 1: the grid is finer one decade down, 99..9 there */
	for (i = 0; i < dg->n; i++)
		dg->d[i] = '9';
	dg->exp10--;
}

static void rec_digits_trim(struct rec_digits *dg)
{
	while (dg->n > 1 && dg->d[dg->n - 1] == '0')
		dg->n--;
	dg->d[dg->n] = '\0';
}

/*
 * The shortest digit string that reads back to @v (> 0, finite); among
 * strings of that length the nearest to @v. At each length the correctly
 * rounded string is one neighbour of @v and the other neighbour is one
 * unit away; any other string of that length is farther than one of them.
 */
/*
 * The digits of @v at @prec + 1 significant digits, or a neighbour in the
 * last digit, when they read back as @v: 1, else 0 (-1 on a bad format).
 */
static int rec_try_digits(double v, int prec, struct rec_digits *dg)
{
	char tmp[48];
	struct rec_digits nb;
	double x;

	snprintf(tmp, sizeof(tmp), "%.*e", prec, v);
	if (rec_digits_from_e(tmp, dg))
		return -1;
	x = rec_digits_value(dg);
	if (x == v)
		return 1;
	nb = *dg;
	if (x < v)
		rec_digits_inc(&nb);
	else
		rec_digits_dec(&nb);
	if (rec_digits_value(&nb) != v)
		return 0;
	*dg = nb;
	return 1;
}

/*
 * The fewest digits that read back as @v. Reading back is monotone in the
 * number of digits (more digits round closer), so the fewest are found by
 * bisection, whose first probe is at 15 digits (most measured values need
 * 16 or 17): three or four conversions instead of up to seventeen.
 */
static void rec_shortest(double v, struct rec_digits *out)
{
	struct rec_digits dg;
	int lo = 0, hi = REC_MAX_DIGITS - 1, mid, r;

	/* most measured values need 16 or 17 digits: look there first */
	r = rec_try_digits(v, REC_MAX_DIGITS - 3, &dg);
	if (r > 0)
		hi = REC_MAX_DIGITS - 3;
	else if (r == 0)
		lo = REC_MAX_DIGITS - 2;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		r = rec_try_digits(v, mid, &dg);
		if (r < 0)
			break;
		if (r)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (rec_try_digits(v, lo, &dg) <= 0 &&
	    rec_try_digits(v, REC_MAX_DIGITS - 1, &dg) < 0) {
		strcpy(dg.d, "0");	/* not reached for IEEE doubles */
		dg.n = 1;
		dg.exp10 = 0;
	}
	rec_digits_trim(&dg);
	*out = dg;
}

/* ---- doubles: Python's 'r' layout ---- */

static char *rec_put_exp(char *p, const struct rec_digits *dg)
{
	*p++ = dg->d[0];
	if (dg->n > 1) {
		*p++ = '.';
		memcpy(p, dg->d + 1, dg->n - 1);
		p += dg->n - 1;
	}
	p += sprintf(p, "e%c%02d", dg->exp10 < 0 ? '-' : '+', abs(dg->exp10));
	return p;
}

static char *rec_put_fixed(char *p, const struct rec_digits *dg)
{
	int point = dg->exp10 + 1;	/* digits before the decimal point */
	int i;

	if (point <= 0) {
		*p++ = '0';
		*p++ = '.';
		for (i = 0; i < -point; i++)
			*p++ = '0';
		memcpy(p, dg->d, dg->n);
		return p + dg->n;
	}
	if (point < dg->n) {
		memcpy(p, dg->d, point);
		p += point;
		*p++ = '.';
		memcpy(p, dg->d + point, dg->n - point);
		return p + dg->n - point;
	}
	memcpy(p, dg->d, dg->n);
	p += dg->n;
	for (i = dg->n; i < point; i++)
		*p++ = '0';
	*p++ = '.';
	*p++ = '0';
	return p;
}

static int rec_put(char *buf, size_t size, const char *s, size_t len)
{
	if (len + 1 > size) {
		if (size)
			buf[0] = '\0';
		return -1;
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	return (int)len;
}

/*
 * The last doubles formatted on this thread, their text: C11 takes six
 * values, and a million records format and check it two or three times
 * each (four or five conversions a time).
 */
#define REC_MEMO	8

struct rec_memo {
	double v;
	unsigned char len;	/* 0: empty */
	char s[KM_DOUBLE_MAX];
};

static __thread struct rec_memo rec_memo[REC_MEMO];
static __thread unsigned rec_memo_next;

static const struct rec_memo *rec_memo_find(double v)
{
	int i;

	for (i = 0; i < REC_MEMO; i++)
		if (rec_memo[i].len && !memcmp(&rec_memo[i].v, &v, sizeof(v)))
			return &rec_memo[i];
	return NULL;
}

static void rec_memo_add(double v, const char *s, size_t len)
{
	struct rec_memo *m = &rec_memo[rec_memo_next++ % REC_MEMO];

	if (len >= sizeof(m->s))
		return;
	m->v = v;
	m->len = (unsigned char)len;
	memcpy(m->s, s, len);
}

int km_format_double(char *buf, size_t size, double v)
{
	const struct rec_memo *m = rec_memo_find(v);
	char tmp[64];
	char *p = tmp;
	struct rec_digits dg;

	if (m)
		return rec_put(buf, size, m->s, m->len);
	if (isnan(v))
		return rec_put(buf, size, "nan", 3);
	if (signbit(v)) {
		*p++ = '-';
		v = -v;
	}
	if (isinf(v)) {
		strcpy(p, "inf");
		p += 3;
	} else if (v == 0.0) {
		strcpy(p, "0.0");
		p += 3;
	} else {
		rec_shortest(v, &dg);
		if (dg.exp10 >= -4 && dg.exp10 < 16)
			p = rec_put_fixed(p, &dg);
		else
			p = rec_put_exp(p, &dg);
	}
	rec_memo_add(v, tmp, (size_t)(p - tmp));
	return rec_put(buf, size, tmp, p - tmp);
}
