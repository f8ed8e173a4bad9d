// SPDX-License-Identifier: GPL-2.0
/*
 * test_cexpr.c - lib/compile/cexpr.c: integer constant expressions read from
 * their tokens, as a census of && and || needs them. Each expected value is
 * what C gives (C11 6.3.1, 6.4.4.1, 6.5) on an LP64 target with signed char,
 * checked by compiling the same expression with gcc -O0 on x86-64.
 */
#include <check.h>
#include <string.h>

#include "compile/km_cexpr.h"

/* A stretch: the tokens of @text, split at spaces (one token each). */
struct stretch {
	const char *tok[64];
	size_t n;
	char buf[512];
};

static int spell(void *ctx, size_t i, const char **p, size_t *len)
{
	struct stretch *s = (struct stretch *)ctx;

	*p = s->tok[i];
	*len = strlen(s->tok[i]);
	return 1;
}

static int value(const char *text, long long *v)
{
	struct stretch s;
	struct km_cexpr_env env = { spell, &s, { 2, 4, 8, 8, 8, 1 } };
	char *p;

	strcpy(s.buf, text);
	s.n = 0;
	for (p = strtok(s.buf, " "); p; p = strtok(NULL, " "))
		s.tok[s.n++] = p;
	return km_cexpr_value(&env, 0, s.n, v);
}

static long long must(const char *text)
{
	long long v = -999;

	ck_assert_msg(value(text, &v), "%s: not known", text);
	return v;
}

START_TEST(test_cexpr_reads_sizeof_of_keyword_types)
{
	ck_assert_int_eq(must("sizeof ( long ) == 8"), 1);
	ck_assert_int_eq(must("! ( sizeof ( int ) == 4 || sizeof ( int ) == 8 )"), 0);
	ck_assert_int_eq(must("sizeof ( unsigned long long ) + sizeof ( short int )"), 10);
	ck_assert_int_eq(must("sizeof ( char * ) == sizeof ( long )"), 1);
}
END_TEST

START_TEST(test_cexpr_follows_c_conversions)
{
	ck_assert_int_eq(must("- 1 < 0u"), 0);		/* -1 converted to unsigned int */
	ck_assert_int_eq(must("- 1 < 0L"), 1);
	ck_assert_int_eq(must("- 1 < sizeof ( int )"), 0);	/* size_t */
	ck_assert_int_eq(must("( unsigned char ) 256"), 0);
	ck_assert_int_eq(must("( signed char ) 200"), -56);
	ck_assert_int_eq(must("0xffffffff == - 1"), 1);	/* -1 becomes unsigned int */
	ck_assert_int_eq(must("1UL << 12 > 4096"), 0);
	ck_assert_int_eq(must("1 ? 2 : 3"), 2);
	ck_assert_int_eq(must("7 / 2 * 2 + 7 % 2"), 7);
	ck_assert_int_eq(must("~ 0 & 0x10"), 16);
}
END_TEST

START_TEST(test_cexpr_knows_nothing_it_cannot_see)
{
	long long v;

	ck_assert_int_eq(value("sizeof ( x ) == 8", &v), 0);	/* a name */
	ck_assert_int_eq(value("sizeof ( struct s ) == 8", &v), 0);
	ck_assert_int_eq(value("f ( 1 )", &v), 0);
	ck_assert_int_eq(value("'a' == 97", &v), 0);		/* a character constant */
	ck_assert_int_eq(value("1.5 > 1", &v), 0);		/* a float */
	ck_assert_int_eq(value("1 / 0", &v), 0);		/* undefined */
	ck_assert_int_eq(value("1 << 40", &v), 0);		/* past int's width */
	ck_assert_int_eq(value("1 +", &v), 0);
	ck_assert_int_eq(value("( 1", &v), 0);
	ck_assert_int_eq(value("1 2", &v), 0);
}
END_TEST

Suite *cexpr_suite(void);
Suite *cexpr_suite(void)
{
	Suite *s = suite_create("cexpr");
	TCase *tc = tcase_create("cexpr");

	tcase_add_test(tc, test_cexpr_reads_sizeof_of_keyword_types);
	tcase_add_test(tc, test_cexpr_follows_c_conversions);
	tcase_add_test(tc, test_cexpr_knows_nothing_it_cannot_see);
	suite_add_tcase(s, tc);
	return s;
}
