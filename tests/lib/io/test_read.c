// SPDX-License-Identifier: GPL-2.0
/*
 * test_read.c - reading is bounded (km_io.h: km_read_fd, km_read_path,
 * km_read_error) and text for a terminal is escaped (km_text.h:
 * km_buf_escaped): what every tool does with a path that names /dev/zero,
 * a FIFO that never ends, or a name that holds an escape sequence.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/km_io.h"
#include "io/km_text.h"

START_TEST(test_read_of_dev_zero_as_text_stops_at_once_at_its_nul)
{
	size_t len = 0;
	char err[256];

	errno = 0;
	ck_assert_ptr_null(km_read_path("/dev/zero", (size_t)1 << 40, KM_READ_TEXT, &len));
	ck_assert_int_eq(errno, EILSEQ);
	ck_assert_uint_eq(len, 1);
	km_read_error(err, sizeof(err), "/dev/zero", EILSEQ, 0, len);
	ck_assert_str_eq(err, "/dev/zero:1: a NUL byte: binary data, not text");
}
END_TEST

START_TEST(test_read_past_the_limit_is_efbig_naming_the_limit)
{
	size_t len = 0;
	char err[256];

	errno = 0;
	ck_assert_ptr_null(km_read_path("/dev/zero", 1 << 20, 0, &len));
	ck_assert_int_eq(errno, EFBIG);
	km_read_error(err, sizeof(err), "x.csv", EFBIG, 256 << 20, 0);
	ck_assert_str_eq(err, "x.csv: larger than 256 MiB, the most kmetrics reads of such a file");
	km_read_error(err, sizeof(err), "y", EFBIG, (64 << 10) + 1, 0);
	ck_assert_str_eq(err, "y: larger than 65537 bytes, the most kmetrics reads of such a file");
}
END_TEST

START_TEST(test_a_nul_is_reported_on_its_line)
{
	int p[2];
	size_t len = 0;

	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(write(p[1], "a\nb\n\nc\0d\n", 9), 9);
	close(p[1]);
	ck_assert_ptr_null(km_read_fd(p[0], 100, KM_READ_TEXT, &len));
	ck_assert_int_eq(errno, EILSEQ);
	ck_assert_uint_eq(len, 4);
	close(p[0]);
}
END_TEST

START_TEST(test_a_regular_file_up_to_the_limit_reads_whole)
{
	char path[] = "/tmp/km-read-XXXXXX", *p;
	int fd = mkstemp(path);
	size_t len = 0;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "12345678", 8), 8);
	close(fd);
	p = km_read_path(path, 8, KM_READ_TEXT | KM_READ_REGULAR, &len);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p, "12345678");
	ck_assert_uint_eq(len, 8);
	free(p);
	errno = 0;
	ck_assert_ptr_null(km_read_path(path, 7, 0, &len));
	ck_assert_int_eq(errno, EFBIG);
	unlink(path);
}
END_TEST

START_TEST(test_regular_only_refuses_a_fifo_without_waiting_for_a_writer)
{
	char dir[] = "/tmp/km-read-XXXXXX", fifo[64], err[256];
	size_t len = 0;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(fifo, sizeof(fifo), "%s/f", dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	errno = 0;
	ck_assert_ptr_null(km_read_path(fifo, 100, KM_READ_REGULAR, &len));
	ck_assert_int_eq(errno, EINVAL);
	km_read_error(err, sizeof(err), "f", EINVAL, 100, len);
	ck_assert_str_eq(err, "f: not a regular file");
	ck_assert_ptr_null(km_read_path("/dev/null", 100, KM_READ_REGULAR, &len));
	unlink(fifo);
	rmdir(dir);
}
END_TEST

static void check_escaped(const char *in, size_t n, const char *want)
{
	struct km_buf b;

	km_buf_init(&b);
	km_buf_escaped_n(&b, in, n);
	ck_assert_str_eq(b.p ? b.p : "", want);
	km_buf_free(&b);
}

START_TEST(test_escaped_text_keeps_printable_utf8_and_escapes_controls)
{
	check_escaped("größe_x1", 10, "größe_x1");
	check_escaped("a\nb\tc\rd", 7, "a\\nb\\tc\\rd");
	check_escaped("\x1b[31mred\x7f", 9, "\\x1b[31mred\\x7f");
	check_escaped("a\0b", 3, "a\\x00b");
	/* U+009B (CSI as one code point), U+202E (right-to-left override) */
	check_escaped("\xc2\x9b" "2J \xe2\x80\xae" "cba", 11, "\\u009b2J \\u202ecba");
	/* bytes that are no UTF-8: a lone continuation, a truncated sequence */
	check_escaped("\x80 \xe2\x80", 4, "\\x80 \\xe2\\x80");
}
END_TEST

START_TEST(test_escaped_text_cannot_start_a_line_of_its_own)
{
	struct km_buf b;

	km_buf_init(&b);
	km_buf_escaped(&b, "src/a\n::error file=x::forged.c");
	ck_assert_ptr_null(strchr(b.p, '\n'));
	ck_assert_str_eq(b.p, "src/a\\n::error file=x::forged.c");
	km_buf_escaped(&b, NULL);
	km_buf_free(&b);
}
END_TEST

Suite *read_suite(void)
{
	Suite *s = suite_create("read");
	TCase *tc = tcase_create("reading is bounded, text for a terminal escaped");

	suite_add_tcase(s, tc);
	tcase_add_test(tc, test_read_of_dev_zero_as_text_stops_at_once_at_its_nul);
	tcase_add_test(tc, test_read_past_the_limit_is_efbig_naming_the_limit);
	tcase_add_test(tc, test_a_nul_is_reported_on_its_line);
	tcase_add_test(tc, test_a_regular_file_up_to_the_limit_reads_whole);
	tcase_add_test(tc, test_regular_only_refuses_a_fifo_without_waiting_for_a_writer);
	tcase_add_test(tc, test_escaped_text_keeps_printable_utf8_and_escapes_controls);
	tcase_add_test(tc, test_escaped_text_cannot_start_a_line_of_its_own);
	return s;
}
