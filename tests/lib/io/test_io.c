// SPDX-License-Identifier: GPL-2.0
/*
 * test_io.c - lib/io/io.c: growing buffers, files written atomically (whole
 * or not at all, no temporaries left behind), whole-file reads; and
 * lib/io/output.c: outputs through links and devices, one run's outputs
 * both written or neither, one file named twice.
 * Each test works in its own directory under $TMPDIR (default /tmp).
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/km_io.h"
#include "io/km_output.h"

static char dir[256];

static void make_dir(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/km-unit-io-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void remove_dir(void)
{
	char path[512];
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (unlink(path))
			rmdir(path);
	}
	closedir(d);
	rmdir(dir);
}

/* How many entries the test directory holds (besides . and ..). */
static int count_entries(void)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

static const char *in_dir(const char *name)
{
	static char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

/* ---- km_buf ---- */

START_TEST(test_buf_grows_and_stays_nul_terminated)
{
	struct km_buf b;
	int i;

	km_buf_init(&b);
	ck_assert_uint_eq(b.len, 0);
	km_buf_puts(&b, "kmetrics");
	ck_assert_str_eq(b.p, "kmetrics");
	km_buf_append(&b, " graph", 6);
	ck_assert_str_eq(b.p, "kmetrics graph");
	km_buf_append(&b, NULL, 0);
	ck_assert_uint_eq(b.len, 14);
	for (i = 0; i < 10000; i++)
		km_buf_printf(&b, "%d,", i % 10);
	ck_assert_uint_eq(b.len, 14 + 20000);
	ck_assert_int_eq(memcmp(b.p + 14, "0,1,2,", 6), 0);
	ck_assert_int_eq(b.p[b.len], '\0');
	ck_assert_int_eq(b.oom, 0);
	km_buf_free(&b);
	ck_assert_ptr_null(b.p);
	ck_assert_uint_eq(b.len, 0);
}
END_TEST

START_TEST(test_buf_printf_formats_long_strings_whole)
{
	struct km_buf b;
	char big[5000];

	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	km_buf_init(&b);
	km_buf_printf(&b, "<%s>%ld", big, -42L);
	ck_assert_uint_eq(b.len, 4999 + 2 + 3);
	ck_assert_str_eq(b.p + 5001, "-42");
	km_buf_free(&b);
}
END_TEST

START_TEST(test_buf_sets_oom_and_ignores_later_appends)
{
	struct km_buf b;

	km_buf_init(&b);
	km_buf_puts(&b, "12345");
	/* a length no allocation can hold: the append fails as out of memory */
	km_buf_append(&b, "x", SIZE_MAX - 2);
	ck_assert_int_eq(b.oom, 1);
	ck_assert_uint_eq(b.len, 5);
	km_buf_puts(&b, "more");
	km_buf_printf(&b, "%d", 7);
	ck_assert_uint_eq(b.len, 5);
	ck_assert_str_eq(b.p, "12345");
	km_buf_free(&b);
	ck_assert_int_eq(b.oom, 0);
}
END_TEST

/* ---- km_write_file_atomic ---- */

/* ---- a directory's lock ---- */

START_TEST(test_dir_lock_excludes_a_second_holder_and_leaves_no_file)
{
	int a, b;
	pid_t pid;
	int status;

	make_dir();
	a = km_lock_dir_of(in_dir("x.o.kmetrics"));
	ck_assert_int_ge(a, 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		/* another process: the directory is taken (its own open file) */
		int fd = open(dir, O_RDONLY | O_DIRECTORY);

		_exit(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) && errno == EWOULDBLOCK ? 0 : 1);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	km_unlock_dir(a);
	b = km_lock_dir_of(in_dir("x.o.kmetrics"));	/* free again */
	ck_assert_int_ge(b, 0);
	km_unlock_dir(b);
	ck_assert_int_eq(count_entries(), 0);
	ck_assert_int_eq(km_lock_dir_of("/nonexistent-km-dir/x.o.kmetrics"), -1);
	km_unlock_dir(-1);
	remove_dir();
}
END_TEST

START_TEST(test_atomic_write_creates_the_whole_file)
{
	char err[512] = "";
	char *back;
	size_t len;
	struct stat st;
	mode_t old = umask(022);

	make_dir();
	ck_assert_int_eq(km_write_file_atomic(in_dir("x.o.kmetrics"), "abc\n", 4,
					      err, sizeof(err)), 0);
	umask(old);
	back = km_read_file(in_dir("x.o.kmetrics"), &len);
	ck_assert_ptr_nonnull(back);
	ck_assert_uint_eq(len, 4);
	ck_assert_str_eq(back, "abc\n");
	free(back);
	ck_assert_int_eq(stat(in_dir("x.o.kmetrics"), &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0644);
	ck_assert_int_eq(count_entries(), 1);
	ck_assert_str_eq(err, "");
	remove_dir();
}
END_TEST

START_TEST(test_atomic_write_replaces_an_existing_file_whole)
{
	char err[512], *big, *back;
	size_t len, n = 3 << 20;
	size_t i;

	make_dir();
	ck_assert_int_eq(km_write_file_atomic(in_dir("f"), "old contents\n", 13,
					      err, sizeof(err)), 0);
	big = (char *)malloc(n);
	ck_assert_ptr_nonnull(big);
	for (i = 0; i < n; i++)
		big[i] = (char)('a' + i % 26);
	ck_assert_int_eq(km_write_file_atomic(in_dir("f"), big, n, err,
					      sizeof(err)), 0);
	back = km_read_file(in_dir("f"), &len);
	ck_assert_uint_eq(len, n);
	ck_assert_int_eq(memcmp(back, big, n), 0);
	free(back);
	ck_assert_int_eq(km_write_file_atomic(in_dir("f"), "", 0, err,
					      sizeof(err)), 0);
	back = km_read_file(in_dir("f"), &len);
	ck_assert_uint_eq(len, 0);
	free(back);
	free(big);
	ck_assert_int_eq(count_entries(), 1);
	remove_dir();
}
END_TEST

START_TEST(test_atomic_write_into_a_missing_directory_names_the_path)
{
	char err[512], want[600];
	const char *path;
	int ret, e;

	make_dir();
	path = in_dir("no/such/dir/x.kmetrics");
	errno = 0;
	ret = km_write_file_atomic(path, "abc", 3, err, sizeof(err));
	e = errno;
	ck_assert_int_eq(ret, -1);
	ck_assert_int_eq(e, ENOENT);
	snprintf(want, sizeof(want), "%s: %s", path, strerror(ENOENT));
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(count_entries(), 0);
	remove_dir();
}
END_TEST

START_TEST(test_atomic_write_into_a_read_only_directory_leaves_nothing)
{
	char err[512], path[600];
	int n;

	make_dir();
	if (geteuid() == 0) {
		/* root writes into mode 0555 directories: use a read-only fs */
		snprintf(path, sizeof(path), "/proc/km-unit-%d", (int)getpid());
	} else {
		ck_assert_int_eq(chmod(dir, 0555), 0);
		snprintf(path, sizeof(path), "%s", in_dir("x.kmetrics"));
	}
	ck_assert_int_eq(km_write_file_atomic(path, "abc", 3, err, sizeof(err)), -1);
	n = (int)strlen(path);
	ck_assert_int_eq(strncmp(err, path, n), 0);
	ck_assert_int_eq(strncmp(err + n, ": ", 2), 0);
	ck_assert_int_eq(access(path, F_OK), -1);
	chmod(dir, 0700);
	ck_assert_int_eq(count_entries(), 0);
	remove_dir();
}
END_TEST

START_TEST(test_atomic_write_failing_at_rename_removes_its_temporary)
{
	char err[512], want[600];
	const char *path;
	int ret, e;

	make_dir();
	/* a directory where the file should go: rename(2) fails, EISDIR */
	path = in_dir("x.kmetrics");
	ck_assert_int_eq(mkdir(path, 0700), 0);
	ck_assert_int_eq(mkdir(in_dir("x.kmetrics/keep"), 0700), 0);
	ret = km_write_file_atomic(path, "abc", 3, err, sizeof(err));
	e = errno;
	ck_assert_int_eq(ret, -1);
	snprintf(want, sizeof(want), "%s: %s", path, strerror(e));
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(count_entries(), 1);	/* the directory, no x.kmetrics.tmp.* */
	rmdir(in_dir("x.kmetrics/keep"));
	remove_dir();
}
END_TEST

START_TEST(test_atomic_write_leaves_no_temporaries_after_many_writes)
{
	char err[512], name[32];
	int i;

	make_dir();
	for (i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "f%d", i % 7);
		ck_assert_int_eq(km_write_file_atomic(in_dir(name), name,
						      strlen(name), err,
						      sizeof(err)), 0);
	}
	ck_assert_int_eq(count_entries(), 7);
	remove_dir();
}
END_TEST

/* ---- km_write_output: what kmetrics-merge -o names ---- */

/* The file at @name in the test directory holds exactly @want. */
static void holds(const char *name, const char *want)
{
	size_t len;
	char *back = km_read_file(in_dir(name), &len);

	ck_assert_ptr_nonnull(back);
	ck_assert_str_eq(back, want);
	free(back);
}

START_TEST(test_output_through_a_link_writes_its_target_and_keeps_the_link)
{
	char err[512];
	struct stat st;

	make_dir();
	ck_assert_int_eq(symlink("target", in_dir("link")), 0);
	ck_assert_int_eq(km_write_output(in_dir("link"), "new\n", 4, err, sizeof(err)), 0);
	holds("target", "new\n");
	ck_assert_int_eq(lstat(in_dir("link"), &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	/* a link to a link, relative to each link's own directory */
	ck_assert_int_eq(mkdir(in_dir("d"), 0700), 0);
	ck_assert_int_eq(symlink("../link", in_dir("d/link2")), 0);
	ck_assert_int_eq(km_write_output(in_dir("d/link2"), "again\n", 6, err, sizeof(err)), 0);
	holds("target", "again\n");
	ck_assert_int_eq(count_entries(), 3);
	unlink(in_dir("d/link2"));
	remove_dir();
}
END_TEST

START_TEST(test_output_to_a_device_writes_through)
{
	char err[512];
	struct stat st;

	make_dir();
	ck_assert_int_eq(symlink("/dev/null", in_dir("null")), 0);
	ck_assert_int_eq(km_write_output(in_dir("null"), "x\n", 2, err, sizeof(err)), 0);
	ck_assert_int_eq(stat("/dev/null", &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
	ck_assert_int_eq(count_entries(), 1);
	remove_dir();
}
END_TEST

START_TEST(test_output_to_a_directory_is_an_error_naming_it)
{
	char err[512], want[600];

	make_dir();
	ck_assert_int_eq(symlink(".", in_dir("here")), 0);
	ck_assert_int_eq(km_write_output(in_dir("here"), "x", 1, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s: %s", in_dir("here"), strerror(EISDIR));
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(count_entries(), 1);
	remove_dir();
}
END_TEST

START_TEST(test_output_in_a_link_loop_is_an_error)
{
	char err[512];

	make_dir();
	ck_assert_int_eq(symlink("b", in_dir("a")), 0);
	ck_assert_int_eq(symlink("a", in_dir("b")), 0);
	ck_assert_int_eq(km_write_output(in_dir("a"), "x", 1, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, strerror(ELOOP)));
	remove_dir();
}
END_TEST

/* ---- km_out: the outputs of one run, both written or neither ---- */

/* A copy of in_dir(@name) (in_dir's is static). */
static char *path_in(const char *name)
{
	char *p = strdup(in_dir(name));

	ck_assert_ptr_nonnull(p);
	return p;
}

START_TEST(test_outputs_are_one_file_through_links_and_dotdot)
{
	struct km_out a, b;
	char err[512], *pa, *pb, *pc, *pd, *pe;

	make_dir();
	pa = path_in("d/new"), pb = path_in("d/../d/new"), pc = path_in("d/there");
	pd = path_in("link"), pe = path_in("d/other");
	ck_assert_int_eq(mkdir(in_dir("d"), 0700), 0);
	/* not there yet: the same directory and name */
	ck_assert_int_eq(km_out_open(&a, pa, 0, err, sizeof(err)), 0);
	ck_assert_int_eq(km_out_open(&b, pb, 0, err, sizeof(err)), 0);
	ck_assert(km_out_same(&a, &b));
	km_out_close(&b);
	ck_assert_int_eq(km_out_open(&b, pe, 0, err, sizeof(err)), 0);
	ck_assert(!km_out_same(&a, &b));
	km_out_close(&a);
	km_out_close(&b);
	/* there: the same device and inode, also through a link */
	ck_assert_int_eq(km_write_file_atomic(pc, "x", 1, err, sizeof(err)), 0);
	ck_assert_int_eq(symlink("d/there", pd), 0);
	ck_assert_int_eq(km_out_open(&a, pc, 0, err, sizeof(err)), 0);
	ck_assert_int_eq(km_out_open(&b, pd, 0, err, sizeof(err)), 0);
	ck_assert(km_out_same(&a, &b));
	km_out_close(&a);
	km_out_close(&b);
	ck_assert_int_eq(count_entries(), 2);
	unlink(pc);
	free(pa), free(pb), free(pc), free(pd), free(pe);
	remove_dir();
}
END_TEST

START_TEST(test_a_second_output_failing_leaves_the_first_as_it_was)
{
	struct km_out out[2];
	char err[512], *first, *second, *full;

	make_dir();
	first = path_in("first"), second = path_in("missing/second"), full = path_in("full");
	ck_assert_int_eq(km_write_file_atomic(first, "old\n", 4, err, sizeof(err)), 0);
	/* its temporary cannot be made */
	ck_assert_int_eq(km_out_open(&out[0], first, 0, err, sizeof(err)), 0);
	ck_assert_int_eq(km_out_open(&out[1], second, 0, err, sizeof(err)), 0);
	ck_assert_int_eq(km_out_put(&out[0], "new\n", 4, err, sizeof(err)), 0);
	ck_assert_int_eq(km_out_put(&out[1], "e\n", 2, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, strerror(ENOENT)));
	km_out_close(&out[0]);
	km_out_close(&out[1]);
	holds("first", "old\n");
	ck_assert_int_eq(count_entries(), 1);
	/* a device that fails the write: written before any rename */
	ck_assert_int_eq(symlink("/dev/full", full), 0);
	ck_assert_int_eq(km_out_open(&out[0], first, 0, err, sizeof(err)), 0);
	ck_assert_int_eq(km_out_open(&out[1], full, 0, err, sizeof(err)), 0);
	ck_assert_int_eq(out[1].how, KM_OUT_THROUGH);
	ck_assert_int_eq(km_out_put(&out[0], "new\n", 4, err, sizeof(err)), 0);
	ck_assert_int_eq(km_out_put(&out[1], "e\n", 2, err, sizeof(err)), 0);
	ck_assert_int_eq(km_out_commit(out, 2, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, strerror(ENOSPC)));
	km_out_close(&out[0]);
	km_out_close(&out[1]);
	holds("first", "old\n");
	ck_assert_int_eq(count_entries(), 2);
	free(first), free(second), free(full);
	remove_dir();
}
END_TEST

START_TEST(test_a_file_only_output_refuses_a_device_and_leaves_it)
{
	struct km_out o;
	struct stat st;
	char err[512], want[600], *null;

	make_dir();
	null = path_in("null");
	ck_assert_int_eq(symlink("/dev/null", null), 0);
	ck_assert_int_eq(km_out_open(&o, null, KM_OUT_FILE_ONLY, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s: not a regular file", null);
	ck_assert_int_eq(strncmp(err, want, strlen(want)), 0);
	km_out_close(&o);
	ck_assert_int_eq(km_out_open(&o, NULL, KM_OUT_FILE_ONLY, err, sizeof(err)), -1);
	km_out_close(&o);
	ck_assert_int_eq(stat("/dev/null", &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
	free(null);
	remove_dir();
}
END_TEST

/* ---- km_read_file ---- */

START_TEST(test_read_file_fails_with_errno_for_a_missing_file)
{
	size_t len = 99;

	make_dir();
	errno = 0;
	ck_assert_ptr_null(km_read_file(in_dir("missing"), &len));
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_uint_eq(len, 99);
	remove_dir();
}
END_TEST

START_TEST(test_read_file_reads_files_without_a_size)
{
	size_t len = 0;
	char *p = km_read_file("/proc/self/status", &len);

	ck_assert_ptr_nonnull(p);
	ck_assert_uint_gt(len, 0);
	ck_assert_uint_eq(strlen(p), len);
	ck_assert_ptr_nonnull(strstr(p, "Name:"));
	free(p);
	p = km_read_file("/proc/self/status", NULL);
	ck_assert_ptr_nonnull(p);
	free(p);
}
END_TEST

static TCase *tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);

	suite_add_tcase(s, tc);
	return tc;
}

Suite *io_suite(void)
{
	Suite *s = suite_create("io");
	TCase *tc;

	tc = tcase(s, "buffers grow and report running out of memory");
	tcase_add_test(tc, test_buf_grows_and_stays_nul_terminated);
	tcase_add_test(tc, test_buf_printf_formats_long_strings_whole);
	tcase_add_test(tc, test_buf_sets_oom_and_ignores_later_appends);

	tc = tcase(s, "files appear whole or not at all");
	tcase_add_test(tc, test_atomic_write_creates_the_whole_file);
	tcase_add_test(tc, test_atomic_write_replaces_an_existing_file_whole);
	tcase_add_test(tc, test_atomic_write_into_a_missing_directory_names_the_path);
	tcase_add_test(tc, test_atomic_write_into_a_read_only_directory_leaves_nothing);
	tcase_add_test(tc, test_atomic_write_failing_at_rename_removes_its_temporary);
	tcase_add_test(tc, test_atomic_write_leaves_no_temporaries_after_many_writes);

	tc = tcase(s, "outputs are written through links and devices");
	tcase_add_test(tc, test_output_through_a_link_writes_its_target_and_keeps_the_link);
	tcase_add_test(tc, test_output_to_a_device_writes_through);
	tcase_add_test(tc, test_output_to_a_directory_is_an_error_naming_it);
	tcase_add_test(tc, test_output_in_a_link_loop_is_an_error);

	tc = tcase(s, "the outputs of one run: one file each, both written or neither");
	tcase_add_test(tc, test_outputs_are_one_file_through_links_and_dotdot);
	tcase_add_test(tc, test_a_second_output_failing_leaves_the_first_as_it_was);
	tcase_add_test(tc, test_a_file_only_output_refuses_a_device_and_leaves_it);

	tc = tcase(s, "a directory's lock");
	tcase_add_test(tc, test_dir_lock_excludes_a_second_holder_and_leaves_no_file);

	tc = tcase(s, "files read whole");
	tcase_add_test(tc, test_read_file_fails_with_errno_for_a_missing_file);
	tcase_add_test(tc, test_read_file_reads_files_without_a_size);
	return s;
}
