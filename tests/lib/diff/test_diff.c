// SPDX-License-Identifier: GPL-2.0
/*
 * test_diff.c - Check suites of the modules kmetrics-diff and the report
 * share: km_dataset.h (csv and json read back, typed cells) and km_diff.h
 * (identity, roots, occurrence order, direction, rules). tests/diff/run.sh
 * covers the program; these cover what the program's fixtures do not reach.
 *
 *   build/tests/lib/diff/test-diff     (make check-diff runs it)
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dataset/km_dataset.h"
#include "diff/km_diff.h"

/* @n bytes of @data into a temporary file; its path (static until the next call). */
static char *tmp_bytes(const char *data, size_t n)
{
	static char path[64];
	FILE *f;

	strcpy(path, "/tmp/km-test-lib.XXXXXX");
	close(mkstemp(path));
	f = fopen(path, "w");
	fwrite(data, 1, n, f);
	fclose(f);
	return path;
}

static char *tmp_file(const char *text)
{
	return tmp_bytes(text, strlen(text));
}

static int read_text(struct km_dataset *d, const char *text)
{
	char *p = tmp_file(text);
	int r = km_dataset_read(d, &p, 1);

	unlink(p);
	return r;
}

/* A row of @d: name, file (or NULL), cyclomatic, score. */
static void add(struct km_dataset *d, const char *name, const char *file, long c2, double score)
{
	size_t row = km_ds_add_row(d, 0, 1);

	km_ds_set_text(d, row, KM_COL_NAME, name, strlen(name));
	if (file)
		km_ds_set_text(d, row, KM_COL_FILE, file, strlen(file));
	km_ds_set_int(d, row, KM_COL_CYCLOMATIC, c2);
	km_ds_set_real(d, row, KM_COL_SCORE, score);
}

static void make(struct km_dataset *d)
{
	km_ds_init(d);
	km_ds_add_src(d, "mem");
	km_ds_use(d, KM_COL_NAME);
	km_ds_use(d, KM_COL_FILE);
}

START_TEST(test_csv_quoted_fields_and_any_line_end)
{
	struct km_dataset d;
	char buf[64];

	ck_assert_int_eq(read_text(&d, "score,name,file\r\n0.4,\"a,\"\"b\",\"x\ny.c\"\n"
				   "1.0,c,\n,d,z.c"), 0);
	ck_assert_uint_eq(d.nrows, 3);
	ck_assert_str_eq(km_ds_text(&d, 0, KM_COL_NAME), "a,\"b");
	ck_assert_str_eq(km_ds_text(&d, 0, KM_COL_FILE), "x\ny.c");
	ck_assert(km_ds_null(&d, 1, KM_COL_FILE));
	ck_assert(km_ds_null(&d, 2, KM_COL_SCORE));
	ck_assert(!km_ds_has(&d, KM_COL_CYCLOMATIC));
	ck_assert_str_eq(km_ds_format(&d, 0, KM_COL_SCORE, buf, sizeof(buf)), "0.4");
	ck_assert_uint_eq(d.src_line[1], 4);	/* the quoted newline counts */
	ck_assert_uint_eq(d.src_line[2], 5);
	km_dataset_free(&d);
}
END_TEST

START_TEST(test_json_escapes_and_types)
{
	struct km_dataset d;

	ck_assert_int_eq(read_text(&d, "[ {\"name\":\"f\\u00e9\\ud83d\\ude00\\n\","
				   " \"halstead_effort\": 1e3, \"cyclomatic\": -2} ]"), 0);
	ck_assert_str_eq(km_ds_text(&d, 0, KM_COL_NAME), "f\xc3\xa9\xf0\x9f\x98\x80\n");
	ck_assert(km_ds_real(&d, 0, KM_COL_HALSTEAD_EFFORT) == 1000.0);
	ck_assert_int_eq(km_ds_int(&d, 0, KM_COL_CYCLOMATIC), -2);
	km_dataset_free(&d);
	ck_assert_int_eq(read_text(&d, "[{\"name\":\"f\",\"cyclomatic\":3.5}]"), -1);
	ck_assert_int_eq(read_text(&d, "[{\"name\":\"f\\ud800\"}]"), -1);
	ck_assert_int_eq(read_text(&d, "[{\"name\":\"f\",\"label\":true}]"), -1);
}
END_TEST

START_TEST(test_sniff_tells_the_formats_apart)
{
	char *p = tmp_file("f : 0 : 1 : 0.0 : 0 : 0 : 0 : 0 : 0 : 0 : 1 : 1.0 \xef\xbc\x9a" "0\n");

	ck_assert_int_eq(km_dataset_sniff(p), KM_DS_RECORDS);
	unlink(p);
	p = tmp_file("  \n[]");
	ck_assert_int_eq(km_dataset_sniff(p), KM_DS_JSON);
	unlink(p);
	p = tmp_file("name\r\nf\r\n");
	ck_assert_int_eq(km_dataset_sniff(p), KM_DS_CSV);
	unlink(p);
	p = tmp_bytes("SQLite format 3\0\x10\0", 18);
	ck_assert_int_eq(km_dataset_sniff(p), KM_DS_SQLITE);
	unlink(p);
	ck_assert_int_eq(km_dataset_sniff("/"), KM_DS_RECORDS);
}
END_TEST

START_TEST(test_an_out_of_tree_build_matches_by_its_root)
{
	struct km_dataset a, b;
	struct km_diff df;

	make(&a);
	make(&b);
	add(&a, "f", "arch/x86/kvm/x86.c", 3, 1.0);
	add(&a, "g", "./virt/kvm/../kvm/kvm_main.c", 2, 1.0);
	add(&b, "f", "../linux/arch/x86/kvm/x86.c", 4, 1.0);
	add(&b, "g", "../linux/virt/kvm/kvm_main.c", 2, 1.0);
	km_diff_compute(&df, &a, &b);
	ck_assert(df.by_file);
	ck_assert_str_eq(df.old_root, "");
	ck_assert_str_eq(df.new_root, "../linux");
	ck_assert_uint_eq(df.count[KM_DIFF_CHANGED], 1);
	ck_assert_uint_eq(df.count[KM_DIFF_UNCHANGED], 1);
	ck_assert_uint_eq(df.npairs, 2);
	km_diff_free(&df);
	km_dataset_free(&a);
	km_dataset_free(&b);
}
END_TEST

START_TEST(test_names_without_files_pair_in_the_order_read)
{
	struct km_dataset a, b;
	struct km_diff df;
	struct km_dpair *p;

	make(&a);
	make(&b);
	add(&a, "h", NULL, 1, 1.0);
	add(&a, "h", NULL, 5, 1.0);
	add(&b, "h", NULL, 1, 1.0);
	add(&b, "h", NULL, 6, 0.8);
	add(&b, "h", NULL, 2, 1.0);
	km_diff_compute(&df, &a, &b);
	km_diff_sort(&df);
	ck_assert(!df.by_file);
	ck_assert_uint_eq(df.npairs, 3);
	p = &df.pairs[0];	/* +2: the third h is added */
	ck_assert_int_eq(p->status, KM_DIFF_ADDED);
	ck_assert_int_eq(p->new_row, 2);
	p = &df.pairs[1];	/* +1: the second h, 5 -> 6 */
	ck_assert_int_eq(p->status, KM_DIFF_CHANGED);
	ck_assert_int_eq(p->old_row, 1);
	ck_assert_int_eq(km_diff_worse(&df, p, KM_COL_CYCLOMATIC), 1);
	ck_assert_int_eq(km_diff_worse(&df, p, KM_COL_SCORE), 1);	/* 1.0 -> 0.8 */
	ck_assert_int_eq(km_diff_trend(&df, p), 1);
	ck_assert_int_eq(df.new_pair[1], 1);
	km_diff_free(&df);
	km_dataset_free(&a);
	km_dataset_free(&b);
}
END_TEST

START_TEST(test_rules_parse_and_say_what_is_wrong)
{
	struct km_rule *r;
	char err[256];

	ck_assert_int_eq(km_rules_parse("cyclomatic>25,score<0.5,halstead_effort>2e4", &r, err,
					sizeof(err)), 3);
	ck_assert_int_eq(r[0].col, KM_COL_CYCLOMATIC);
	ck_assert_int_eq(r[1].op, '<');
	ck_assert(r[2].limit == 20000.0);
	ck_assert_str_eq(r[2].limit_text, "2e4");
	free(r);
	ck_assert_int_eq(km_rules_parse("nesting>", &r, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "the limit '' is not a number in 'nesting>'");
	ck_assert_int_eq(km_rules_parse(">3", &r, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "'>3' is not COLUMN>LIMIT or COLUMN<LIMIT");
	ck_assert_int_eq(km_rules_parse("", &r, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "an empty rule");
}
END_TEST

static Suite *lib_suite(void)
{
	Suite *s = suite_create("diff-lib");
	TCase *ds = tcase_create("dataset");
	TCase *df = tcase_create("diff");

	tcase_add_test(ds, test_csv_quoted_fields_and_any_line_end);
	tcase_add_test(ds, test_json_escapes_and_types);
	tcase_add_test(ds, test_sniff_tells_the_formats_apart);
	tcase_add_test(df, test_an_out_of_tree_build_matches_by_its_root);
	tcase_add_test(df, test_names_without_files_pair_in_the_order_read);
	tcase_add_test(df, test_rules_parse_and_say_what_is_wrong);
	suite_add_tcase(s, ds);
	suite_add_tcase(s, df);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(lib_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
