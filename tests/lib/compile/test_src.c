// SPDX-License-Identifier: GPL-2.0
/*
 * test_src.c - lib/compile/src.c and lex.c: the tokens of a stretch of
 * source text, and only those of the lines the preprocessor kept once the
 * plugin marked them (km_src_keep_line). The file below is written by the
 * test; each expected token was read off it by hand.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compile/km_src.h"

/* 6.1's is_core_symbol, shortened: line 3 is in a group #ifndef left out */
static const char text[] =
	"\tif (!(fl & 2)\n"			/* 1 */
	"#ifndef CONFIG_ALL\n"			/* 2 */
	"\t    || !(fl & 4)\n"			/* 3 */
	"#endif\n"				/* 4 */
	"\t    || (es & 8))\n"			/* 5 */
	"\t\treturn 0;\n";			/* 6 */

static char path[64];

static void write_text(void)
{
	FILE *f;

	strcpy(path, "/tmp/km-test-src-XXXXXX");
	ck_assert_int_ge(mkstemp(path), 0);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static int count_oror(void *arg, enum km_tok kind, long line, long col)
{
	(void)col;
	if (kind == KM_TOK_OROR)
		((long *)arg)[line]++;
	return 0;
}

START_TEST(test_src_scan_reads_every_line_without_marks)
{
	struct km_src_cache *c = km_src_cache_new();
	const struct km_src_file *f;
	long oror[8] = { 0 };

	write_text();
	f = km_src_get(c, path);
	ck_assert_ptr_nonnull(f);
	km_src_scan(f, 1, 2, 5, 17, count_oror, oror);
	ck_assert_int_eq(oror[3], 1);
	ck_assert_int_eq(oror[5], 1);
	ck_assert_int_eq(km_src_line_kept(f, 3), 1);
	km_src_cache_free(c);
	unlink(path);
}
END_TEST

START_TEST(test_src_scan_skips_lines_not_kept)
{
	struct km_src_cache *c = km_src_cache_new();
	const struct km_src_file *f;
	long oror[8] = { 0 }, l, col;
	static const long kept[] = { 1, 5, 6 };
	size_t i;

	write_text();
	/* marked before the file is read, as the preprocessor lexes it */
	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		km_src_keep_line(c, path, kept[i]);
	f = km_src_get(c, path);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(km_src_line_kept(f, 3), 0);
	ck_assert_int_eq(km_src_line_kept(f, 5), 1);
	km_src_scan(f, 1, 2, 5, 17, count_oror, oror);
	ck_assert_int_eq(oror[3], 0);
	ck_assert_int_eq(oror[5], 1);
	/* the token before line 5's "||" is line 1's ')', not line 3's */
	ck_assert_int_eq(km_src_token_before(f, 5, 6, &l, &col), 1);
	ck_assert_int_eq(l, 1);
	ck_assert_int_eq(col, 14);
	/* marks made after the file was read count too */
	km_src_keep_line(c, path, 3);
	ck_assert_int_eq(km_src_line_kept(f, 3), 1);
	ck_assert_int_eq(km_src_line_kept(f, 5000), 0);
	km_src_cache_free(c);
	unlink(path);
}
END_TEST

Suite *src_suite(void);
Suite *src_suite(void)
{
	Suite *s = suite_create("src");
	TCase *tc = tcase_create("src");

	tcase_add_test(tc, test_src_scan_reads_every_line_without_marks);
	tcase_add_test(tc, test_src_scan_skips_lines_not_kept);
	suite_add_tcase(s, tc);
	return s;
}
