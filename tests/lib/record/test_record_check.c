// SPDX-License-Identifier: GPL-2.0
/*
 * test_record_check.c - km_record_check (lib/record/record.c): columns that
 * cannot belong to one function as SPEC.md defines them. The parser reads
 * such lines (it reads the reference dataset, whose C11 came from another
 * tool); the merge tool asks this check as well and refuses them. And the
 * writer of records read back (km_record_format_c3) gives them back.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "record/km_record.h"

#ifndef KM_REFERENCE
#define KM_REFERENCE "tests/data/kvm-x86-records.txt"
#endif

/* A consistent record: C2 1, C10 1, C3 8.0, C11 1.0. */
static struct km_record plain(void)
{
	struct km_record r;

	memset(&r, 0, sizeof(r));
	strcpy(r.name, "f");
	r.params = 1;
	r.cyclomatic = 1;
	r.halstead = 8.0;
	r.depth = 1;
	r.nesting = 1;
	r.score = 1.0;
	return r;
}

static const char *check_err(const struct km_record *r)
{
	static char err[200];

	err[0] = 0;
	return km_record_check(r, err, sizeof(err)) ? err : NULL;
}

START_TEST(test_check_takes_a_consistent_record)
{
	struct km_record r = plain();

	ck_assert_ptr_null(check_err(&r));
	r.halstead = 0.0;
	ck_assert_ptr_null(check_err(&r));
}
END_TEST

START_TEST(test_check_refuses_cyclomatic_zero)
{
	struct km_record r = plain();

	r.cyclomatic = 0;
	ck_assert_str_eq(check_err(&r),
			 "field C2: 0, but cyclomatic complexity is 1 + decisions, at least 1");
}
END_TEST

START_TEST(test_check_refuses_nesting_zero)
{
	struct km_record r = plain();

	r.nesting = 0;
	ck_assert_str_eq(check_err(&r), "field C10: 0, but nesting is 1 + levels, at least 1");
}
END_TEST

START_TEST(test_check_refuses_negative_effort_and_minus_zero)
{
	struct km_record r = plain();

	r.halstead = -0.0;
	ck_assert_str_eq(check_err(&r), "field C3: -0.0, but Halstead effort is never negative");
	r.halstead = -8.5;
	ck_assert_str_eq(check_err(&r), "field C3: -8.5, but Halstead effort is never negative");
}
END_TEST

START_TEST(test_check_refuses_a_score_that_does_not_follow)
{
	struct km_record r = plain();

	r.score = 0.8;
	ck_assert_str_eq(check_err(&r), "field C11: 0.8, but C1, C2, C3, C7 and C9 give 1.0");
	r = plain();
	r.params = 8;
	r.cyclomatic = 8;
	r.halstead = 20000.5;
	r.callers = 6;
	r.locals = 11;
	r.score = 0.0;
	ck_assert_ptr_null(check_err(&r));
	r.score = 0.19999999999999996;
	ck_assert_str_eq(check_err(&r),
			 "field C11: 0.19999999999999996, but C1, C2, C3, C7 and C9 give 0.0");
}
END_TEST

/*
 * Every reference line parses (test_record.c), and its C2, C10 and C3 pass;
 * its C11 came from the tool that made it and does not follow from C1, C2,
 * C3, C7 and C9 in 80 of the 311 lines (kvm_deliver_exception_payload:
 * C3 30341.8 and C7 135 give 0.6, the line says 0.3999999999999999).
 */
START_TEST(test_check_refuses_the_reference_lines_whose_score_does_not_follow)
{
	FILE *f = fopen(KM_REFERENCE, "r");
	char line[4096], err[200];
	struct km_record r;
	int n = 0, refused = 0;

	ck_assert_msg(f != NULL, "%s: %s", KM_REFERENCE, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		n++;
		ck_assert_int_eq(km_record_parse(line, strlen(line) - 1, &r, NULL), 0);
		if (km_record_check(&r, err, sizeof(err))) {
			refused++;
			ck_assert_msg(!strncmp(err, "field C11: ", 11), "%s:%d: %s",
				      KM_REFERENCE, n, err);
		}
	}
	fclose(f);
	ck_assert_int_eq(n, 311);
	ck_assert_int_eq(refused, 80);
}
END_TEST

/*
 * Writing a record read back (kmetrics-merge): with C3's text given, and
 * with the doubles km_format_double remembers, each reference line comes
 * back byte for byte, twice over (the second pass meets remembered values).
 */
START_TEST(test_format_gives_the_reference_lines_back_with_c3_given)
{
	char line[4096], out[4096], c3[KM_DOUBLE_MAX];
	struct km_record r;
	int pass, n;

	for (pass = 0; pass < 2; pass++) {
		FILE *f = fopen(KM_REFERENCE, "r");

		ck_assert_msg(f != NULL, "%s: %s", KM_REFERENCE, strerror(errno));
		for (n = 0; fgets(line, sizeof(line), f); n++) {
			ck_assert_int_eq(km_record_parse(line, strlen(line) - 1, &r, NULL), 0);
			ck_assert_int_gt(km_record_format(out, sizeof(out), &r), 0);
			ck_assert_str_eq(out, line);
			ck_assert_int_gt(km_format_double(c3, sizeof(c3), r.halstead), 0);
			ck_assert_int_gt(km_record_format_c3(out, sizeof(out), &r, c3), 0);
			ck_assert_str_eq(out, line);
		}
		fclose(f);
		ck_assert_int_eq(n, 311);
	}
}
END_TEST

Suite *record_check_suite(void)
{
	Suite *s = suite_create("record_check");
	TCase *tc = tcase_create("columns that contradict each other are refused");

	suite_add_tcase(s, tc);
	tcase_add_test(tc, test_check_takes_a_consistent_record);
	tcase_add_test(tc, test_check_refuses_cyclomatic_zero);
	tcase_add_test(tc, test_check_refuses_nesting_zero);
	tcase_add_test(tc, test_check_refuses_negative_effort_and_minus_zero);
	tcase_add_test(tc, test_check_refuses_a_score_that_does_not_follow);
	tcase_add_test(tc, test_check_refuses_the_reference_lines_whose_score_does_not_follow);
	tcase_add_test(tc, test_format_gives_the_reference_lines_back_with_c3_given);
	return s;
}
