// SPDX-License-Identifier: GPL-2.0
/*
 * test_halstead.c - counting operators and operands (lib/record/halstead.c).
 *
 * Expected efforts are worked out by hand:
 *   E = (n1/2) * (N2/n2) * (N1+N2) * log2(n1+n2)
 */
#include <check.h>
#include <math.h>
#include <string.h>

#include "record/km_halstead.h"
#include "record/km_record.h"

START_TEST(test_halstead_counts_distinct_operator_kinds_once)
{
	struct km_halstead h;

	km_halstead_init(&h);
	km_halstead_operator(&h, 3);
	km_halstead_operator(&h, 3);
	km_halstead_operator(&h, 900);
	ck_assert_uint_eq(h.n1, 2);
	ck_assert_uint_eq(h.N1, 3);
	km_halstead_free(&h);
}
END_TEST

START_TEST(test_halstead_counts_distinct_operand_keys_once)
{
	struct km_halstead h;
	uint64_t k;

	km_halstead_init(&h);
	for (k = 0; k < 1000; k++) {
		km_halstead_operand(&h, k * 7919);
		km_halstead_operand(&h, k * 7919);
	}
	ck_assert_uint_eq(km_halstead_n2(&h), 1000);
	ck_assert_uint_eq(h.N2, 2000);
	km_halstead_free(&h);
}
END_TEST

/* "return 0;": return (n1=1, N1=1), 0 (n2=1, N2=1): V = 2*1, D = 0.5, E = 1.0 */
START_TEST(test_halstead_effort_of_return_zero_is_one)
{
	struct km_halstead h;
	char buf[KM_DOUBLE_MAX];

	km_halstead_init(&h);
	km_halstead_operator(&h, 1);
	km_halstead_operand(&h, 0);
	km_format_double(buf, sizeof(buf), km_halstead_result(&h));
	ck_assert_str_eq(buf, "1.0");
	km_halstead_free(&h);
}
END_TEST

/*
 * "if (a && b) return 1; return 0;" as the front end builds it:
 * operators if, &&, != x2, return x2 (n1=4, N1=6); operands a, 0, b, 0,
 * 1, 0 (n2=4, N2=6): V = 12*log2(8) = 36, D = 2 * 1.5 = 3, E = 108.0
 */
START_TEST(test_halstead_effort_of_if_and_is_108)
{
	struct km_halstead h;
	unsigned ops[] = { 1, 2, 3, 3, 4, 4 };
	uint64_t keys[] = { 10, 0, 11, 0, 1, 0 };
	char buf[KM_DOUBLE_MAX];
	size_t i;

	km_halstead_init(&h);
	for (i = 0; i < 6; i++) {
		km_halstead_operator(&h, ops[i]);
		km_halstead_operand(&h, keys[i]);
	}
	km_format_double(buf, sizeof(buf), km_halstead_result(&h));
	ck_assert_str_eq(buf, "108.0");
	km_halstead_free(&h);
}
END_TEST

START_TEST(test_halstead_effort_is_zero_without_operands)
{
	struct km_halstead h;

	km_halstead_init(&h);
	km_halstead_operator(&h, 1);
	ck_assert(km_halstead_result(&h) == 0.0);
	km_halstead_free(&h);
}
END_TEST

START_TEST(test_hash_of_equal_bytes_is_equal_and_tags_separate)
{
	ck_assert(km_hash_bytes(1, "abc", 3) == km_hash_bytes(1, "abc", 3));
	ck_assert(km_hash_bytes(1, "abc", 3) != km_hash_bytes(2, "abc", 3));
	ck_assert(km_hash_bytes(1, "abc", 3) != km_hash_bytes(1, "abd", 3));
}
END_TEST

/* The dataset's volume and difficulty columns multiply to C3, bit for bit. */
START_TEST(test_halstead_volume_times_difficulty_is_the_effort)
{
	static const unsigned long parts[][4] = {
		{ 4, 5, 9, 8 }, { 3, 2, 4, 3 }, { 17, 40, 120, 95 }, { 1, 1, 1, 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		const unsigned long *p = parts[i];
		double v = km_halstead_volume(p[0], p[1], p[2], p[3]);
		double d = km_halstead_difficulty(p[0], p[1], p[3]);

		ck_assert(v * d == km_halstead_effort(p[0], p[1], p[2], p[3]));
	}
	ck_assert(km_halstead_volume(4, 5, 9, 8) == 17 * log2(9.0));
	ck_assert(km_halstead_difficulty(4, 5, 8) == 3.2);
	ck_assert(km_halstead_volume(0, 0, 0, 0) == 0.0);
	ck_assert(km_halstead_difficulty(3, 0, 0) == 0.0);
}
END_TEST

Suite *halstead_suite(void)
{
	Suite *s = suite_create("halstead");
	TCase *tc = tcase_create("counting");

	tcase_add_test(tc, test_halstead_counts_distinct_operator_kinds_once);
	tcase_add_test(tc, test_halstead_counts_distinct_operand_keys_once);
	tcase_add_test(tc, test_hash_of_equal_bytes_is_equal_and_tags_separate);
	suite_add_tcase(s, tc);
	tc = tcase_create("effort");
	tcase_add_test(tc, test_halstead_effort_of_return_zero_is_one);
	tcase_add_test(tc, test_halstead_effort_of_if_and_is_108);
	tcase_add_test(tc, test_halstead_effort_is_zero_without_operands);
	tcase_add_test(tc, test_halstead_volume_times_difficulty_is_the_effort);
	suite_add_tcase(s, tc);
	return s;
}
