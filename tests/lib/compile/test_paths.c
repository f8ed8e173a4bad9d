// SPDX-License-Identifier: GPL-2.0
/*
 * test_paths.c - lib/compile/paths.c: the object read back from the driver's
 * COLLECT_GCC_OPTIONS, outputs that are no file, and sidecar paths under
 * an outdir that no ".." leads out of. The option strings are what gcc 12
 * sets (seen with a cc1 wrapper printing its environment).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compile/km_paths.h"

START_TEST(test_driver_options_give_the_object_of_dash_c)
{
	struct km_driver_opts o;

	ck_assert_int_eq(km_driver_opts_parse("'-c' '-o' 'sub/x.o' '-mtune=generic' "
					      "'-march=x86-64' '-dumpdir' 'sub/'", &o), 0);
	ck_assert_int_eq(o.compile_only, 1);
	ck_assert_int_eq(o.asm_only, 0);
	ck_assert_str_eq(o.output, "sub/x.o");
	km_driver_opts_free(&o);
	ck_assert_ptr_null(o.output);
}
END_TEST

START_TEST(test_driver_options_name_dev_null_and_standard_output)
{
	struct km_driver_opts o;

	ck_assert_int_eq(km_driver_opts_parse("'-c' '-o' '/dev/null' '-mtune=generic'", &o), 0);
	ck_assert_str_eq(o.output, "/dev/null");
	km_driver_opts_free(&o);
	ck_assert_int_eq(km_driver_opts_parse("'-c' '-o' '-'", &o), 0);
	ck_assert_str_eq(o.output, "-");
	km_driver_opts_free(&o);
}
END_TEST

START_TEST(test_driver_options_unquote_spaces_tabs_and_quotes)
{
	struct km_driver_opts o;

	ck_assert_int_eq(km_driver_opts_parse("'-c' '-o' 'it'\\''s a\tb.o'", &o), 0);
	ck_assert_str_eq(o.output, "it's a\tb.o");
	km_driver_opts_free(&o);
}
END_TEST

START_TEST(test_driver_options_tell_dash_s_and_save_temps)
{
	struct km_driver_opts o;

	ck_assert_int_eq(km_driver_opts_parse("'-c' '-S' '-o' 'x.s'", &o), 0);
	ck_assert_int_eq(o.asm_only, 1);
	ck_assert_str_eq(o.output, "x.s");
	km_driver_opts_free(&o);
	ck_assert_int_eq(km_driver_opts_parse("'-save-temps' '-c' '-o' 'a.o'", &o), 0);
	ck_assert_int_eq(o.asm_only, 0);
	ck_assert_int_eq(o.compile_only, 1);
	ck_assert_str_eq(o.output, "a.o");
	km_driver_opts_free(&o);
	/* a link: neither, and the -o is the program */
	ck_assert_int_eq(km_driver_opts_parse("'-O2' '-o' 'prog'", &o), 0);
	ck_assert_int_eq(o.compile_only + o.asm_only, 0);
	km_driver_opts_free(&o);
}
END_TEST

START_TEST(test_driver_options_skip_the_words_of_xlinker)
{
	struct km_driver_opts o;

	ck_assert_int_eq(km_driver_opts_parse("'-c' '-Xlinker' '-o' '-o' 'a.o'", &o), 0);
	ck_assert_str_eq(o.output, "a.o");
	km_driver_opts_free(&o);
	ck_assert_int_eq(km_driver_opts_parse("'-c'", &o), 0);
	ck_assert_ptr_null(o.output);
	km_driver_opts_free(&o);
}
END_TEST

START_TEST(test_driver_options_refuse_what_the_driver_never_writes)
{
	struct km_driver_opts o;

	ck_assert_int_eq(km_driver_opts_parse("'-c' '-o' 'a.o", &o), -1);
	ck_assert_ptr_null(o.output);
	ck_assert_int_eq(km_driver_opts_parse("'-c' '-o'", &o), -1);
	ck_assert_ptr_null(o.output);
}
END_TEST

START_TEST(test_special_paths_are_dash_devices_and_directories)
{
	ck_assert_int_eq(km_path_is_special("-"), 1);
	ck_assert_int_eq(km_path_is_special("/dev/null"), 1);
	ck_assert_int_eq(km_path_is_special("/"), 1);
	ck_assert_int_eq(km_path_is_special("/proc/self/status"), 0);
	ck_assert_int_eq(km_path_is_special("/no/such/object.o"), 0);
}
END_TEST

/* km_outdir_path with @cwd "/w/src/sub" and @outdir "/x/od" */
static void outdir_is(const char *object, const char *want)
{
	char *p = km_outdir_path("/x/od", "/w/src/sub", object, ".kmetrics");

	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p, want);
	free(p);
}

START_TEST(test_outdir_mirrors_a_plain_relative_path)
{
	outdir_is("b.o", "/x/od/b.o.kmetrics");
	outdir_is("sub/x.o", "/x/od/sub/x.o.kmetrics");
	outdir_is("./sub//x.o", "/x/od/sub/x.o.kmetrics");
}
END_TEST

START_TEST(test_outdir_mirrors_an_absolute_path_below_it)
{
	outdir_is("/w/b.o", "/x/od/w/b.o.kmetrics");
	outdir_is("/../w/./b.o", "/x/od/w/b.o.kmetrics");
}
END_TEST

START_TEST(test_outdir_folds_dot_dot_that_stays_inside)
{
	outdir_is("sub2/../b3.o", "/x/od/b3.o.kmetrics");
	outdir_is("a/b/../../c/d.o", "/x/od/c/d.o.kmetrics");
}
END_TEST

START_TEST(test_outdir_takes_a_climbing_path_against_the_working_directory)
{
	outdir_is("../../b.o", "/x/od/w/b.o.kmetrics");
	outdir_is("../x/../b2.o", "/x/od/w/src/b2.o.kmetrics");
	outdir_is("../../../../../b.o", "/x/od/b.o.kmetrics");
}
END_TEST

START_TEST(test_outdir_without_a_working_directory_drops_the_climb)
{
	char *p = km_outdir_path("od", NULL, "../../b.o", ".kmetrics");

	ck_assert_str_eq(p, "od/b.o.kmetrics");
	free(p);
}
END_TEST

static TCase *tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);

	suite_add_tcase(s, tc);
	return tc;
}

Suite *paths_suite(void)
{
	Suite *s = suite_create("paths");
	TCase *tc;

	tc = tcase(s, "the driver's options name the object");
	tcase_add_test(tc, test_driver_options_give_the_object_of_dash_c);
	tcase_add_test(tc, test_driver_options_name_dev_null_and_standard_output);
	tcase_add_test(tc, test_driver_options_unquote_spaces_tabs_and_quotes);
	tcase_add_test(tc, test_driver_options_tell_dash_s_and_save_temps);
	tcase_add_test(tc, test_driver_options_skip_the_words_of_xlinker);
	tcase_add_test(tc, test_driver_options_refuse_what_the_driver_never_writes);

	tc = tcase(s, "outputs that are no file");
	tcase_add_test(tc, test_special_paths_are_dash_devices_and_directories);

	tc = tcase(s, "nothing lands outside the outdir");
	tcase_add_test(tc, test_outdir_mirrors_a_plain_relative_path);
	tcase_add_test(tc, test_outdir_mirrors_an_absolute_path_below_it);
	tcase_add_test(tc, test_outdir_folds_dot_dot_that_stays_inside);
	tcase_add_test(tc, test_outdir_takes_a_climbing_path_against_the_working_directory);
	tcase_add_test(tc, test_outdir_without_a_working_directory_drops_the_climb);
	return s;
}
