// SPDX-License-Identifier: GPL-2.0
/*
 * run_unit.c - runs the unit suites of lib/: one suite per module.
 *
 *   build/tests/lib/run-unit             every suite
 *   CK_RUN_SUITE=record build/tests/lib/run-unit
 *   CK_RUN_CASE="the parser survives fuzzing" build/tests/lib/run-unit
 *   CK_FORK=no ...                       to debug a test in gdb
 */
#include <check.h>
#include <stdlib.h>

Suite *record_suite(void);
Suite *companion_suite(void);
Suite *companion2_suite(void);
Suite *io_suite(void);
Suite *read_suite(void);
Suite *halstead_suite(void);
Suite *record_check_suite(void);
Suite *paths_suite(void);
Suite *cexpr_suite(void);
Suite *src_suite(void);
Suite *unit_suite(void);

int main(void)
{
	SRunner *sr = srunner_create(record_suite());
	int failed;

	srunner_add_suite(sr, companion_suite());
	srunner_add_suite(sr, companion2_suite());
	srunner_add_suite(sr, io_suite());
	srunner_add_suite(sr, read_suite());
	srunner_add_suite(sr, halstead_suite());
	srunner_add_suite(sr, record_check_suite());
	srunner_add_suite(sr, paths_suite());
	srunner_add_suite(sr, cexpr_suite());
	srunner_add_suite(sr, src_suite());
	srunner_add_suite(sr, unit_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
