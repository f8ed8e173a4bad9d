// SPDX-License-Identifier: GPL-2.0
/*
 * test_companion.c - lib/companion/companion.c and companion_write.c: the companion
 * file's writer and its strict parser in format version 1 (what older
 * plugins wrote, still read), every parse error with its line number, and
 * a seeded fuzz test (accepted => formats back to the same bytes).
 * Version 2 has its own suite (test_companion2.c).
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "companion/km_companion.h"

/*
 * Three functions: main (global, record 0) calls helper (static,
 * record 1) and takes the address of hdr_inline (a header static inline,
 * no record); helper calls printf and takes the address of local_cb,
 * a static function declared but without a body here.
 */
static const char sample_text[] =
	"kmetrics-graph 1\n"
	"object\tarch/x86/kvm/x86.o\n"
	"source\tarch/x86/kvm/x86.c\n"
	"cwd\t/usr/src/linux\n"
	"F\t0\tmain\tG\tarch/x86/kvm/x86.c\t10\t20\t0\n"
	"F\t1\thelper\tS\tarch/x86/kvm/x86.c\t22\t30\t1\n"
	"F\t2\thdr_inline\tS\tinclude/linux/kvm_host.h\t100\t104\t-\n"
	"E\t0\tc\t1\n"
	"X\t1\tc\tG\tprintf\n"
	"E\t0\ta\t2\n"
	"X\t1\ta\tS\tlocal_cb\n"
	"end\n";

static struct km_cfunc sample_funcs[3];
static struct km_cedge sample_edges[4];

static void sample(struct km_companion *c)
{
	struct km_cfunc f0 = { .name = "main", .linkage = 'G', .file = "arch/x86/kvm/x86.c",
			       .first_line = 10, .last_line = 20, .rec = 0 };
	struct km_cfunc f1 = { .name = "helper", .linkage = 'S', .file = "arch/x86/kvm/x86.c",
			       .first_line = 22, .last_line = 30, .rec = 1 };
	struct km_cfunc f2 = { .name = "hdr_inline", .linkage = 'S',
			       .file = "include/linux/kvm_host.h", .first_line = 100,
			       .last_line = 104, .rec = -1 };
	struct km_cedge e0 = { 0, 'c', 1, 0, NULL };
	struct km_cedge e1 = { 1, 'c', -1, 'G', "printf" };
	struct km_cedge e2 = { 0, 'a', 2, 0, NULL };
	struct km_cedge e3 = { 1, 'a', -1, 'S', "local_cb" };

	sample_funcs[0] = f0;
	sample_funcs[1] = f1;
	sample_funcs[2] = f2;
	sample_edges[0] = e0;
	sample_edges[1] = e1;
	sample_edges[2] = e2;
	sample_edges[3] = e3;
	memset(c, 0, sizeof(*c));
	c->version = 1;
	c->object = "arch/x86/kvm/x86.o";
	c->source = "arch/x86/kvm/x86.c";
	c->cwd = "/usr/src/linux";
	c->nfuncs = 3;
	c->funcs = sample_funcs;
	c->nedges = 4;
	c->edges = sample_edges;
}

/* The parse error of the NUL-terminated @text, or NULL when it parses. */
const char *companion_parse_err(const char *text)
{
	static char err[256];
	struct km_companion c;

	strcpy(err, "untouched");
	if (!km_companion_parse(text, strlen(text), &c, err, sizeof(err))) {
		km_companion_free(&c);
		return NULL;
	}
	return err;
}

/* @body between the standard header and "end\n"; its parse error. */
static const char *body_err(const char *body)
{
	static char text[1024];

	snprintf(text, sizeof(text), "kmetrics-graph 1\nobject\ta.o\nsource\ta.c\n"
		 "cwd\t/w\nF\t0\tf\tG\ta.c\t1\t2\t0\nF\t1\tg\tS\ta.c\t3\t4\t-\n"
		 "%send\n", body);
	return companion_parse_err(text);
}

START_TEST(test_companion_round_trips_the_records_line)
{
	struct km_companion c, back;
	char err[256];
	size_t len;
	char *text;

	sample(&c);
	c.has_records = 1;
	c.nrecords = 2;
	c.records_hash = km_companion_records_hash("ab", 2);
	text = km_companion_format(&c, &len);
	ck_assert_ptr_nonnull(text);
	ck_assert_ptr_nonnull(strstr(text, "cwd\t/usr/src/linux\nrecords\t2\t"));
	ck_assert_int_eq(km_companion_parse(text, len, &back, err, sizeof(err)), 0);
	ck_assert_int_eq(back.has_records, 1);
	ck_assert_uint_eq(back.nrecords, 2);
	ck_assert(back.records_hash == km_companion_records_hash("ab", 2));
	ck_assert(back.records_hash != km_companion_records_hash("ba", 2));
	km_companion_free(&back);
	free(text);
}
END_TEST

START_TEST(test_companion_checks_the_records_line)
{
	const char *head = "kmetrics-graph 1\nobject\ta.o\nsource\ta.c\ncwd\t/w\n";
	char text[256];

	snprintf(text, sizeof(text), "%srecords\t1\t00000000000000zz\nend\n", head);
	ck_assert_str_eq(companion_parse_err(text), "5: records hash must be 16 lowercase hex digits");
	snprintf(text, sizeof(text), "%srecords\t01\t0000000000000000\nend\n", head);
	ck_assert_str_eq(companion_parse_err(text), "5: records count is not a plain number");
	snprintf(text, sizeof(text), "%srecords\t1\nend\n", head);
	ck_assert_str_eq(companion_parse_err(text), "5: records line needs a count and a hash");
	snprintf(text, sizeof(text), "%srecords\t0\t0000000000000000\nend\n", head);
	ck_assert_ptr_null(companion_parse_err(text));
}
END_TEST

START_TEST(test_companion_prints_the_documented_format)
{
	struct km_companion c;
	size_t len = 0;
	char *text;

	sample(&c);
	text = km_companion_format(&c, &len);
	ck_assert_ptr_nonnull(text);
	ck_assert_str_eq(text, sample_text);
	ck_assert_uint_eq(len, strlen(sample_text));
	free(text);
}
END_TEST

START_TEST(test_companion_reads_back_what_it_printed)
{
	struct km_companion c;
	char err[128], *copy, *again;
	size_t len = strlen(sample_text);

	/* parse from a copy freed at once: the result must not point into it */
	copy = strdup(sample_text);
	ck_assert_int_eq(km_companion_parse(copy, len, &c, err, sizeof(err)), 0);
	memset(copy, 'x', len);
	free(copy);
	ck_assert_str_eq(c.object, "arch/x86/kvm/x86.o");
	ck_assert_str_eq(c.source, "arch/x86/kvm/x86.c");
	ck_assert_str_eq(c.cwd, "/usr/src/linux");
	ck_assert_uint_eq(c.nfuncs, 3);
	ck_assert_str_eq(c.funcs[1].name, "helper");
	ck_assert_int_eq(c.funcs[1].linkage, 'S');
	ck_assert_str_eq(c.funcs[2].file, "include/linux/kvm_host.h");
	ck_assert_int_eq(c.funcs[2].first_line, 100);
	ck_assert_int_eq(c.funcs[2].last_line, 104);
	ck_assert_int_eq(c.funcs[2].rec, -1);
	ck_assert_int_eq(c.funcs[0].rec, 0);
	ck_assert_uint_eq(c.nedges, 4);
	ck_assert_uint_eq(c.edges[0].from, 0);
	ck_assert_int_eq(c.edges[0].kind, 'c');
	ck_assert_int_eq(c.edges[0].to, 1);
	ck_assert_int_eq(c.edges[1].to, -1);
	ck_assert_int_eq(c.edges[1].ext_linkage, 'G');
	ck_assert_str_eq(c.edges[1].ext_name, "printf");
	ck_assert_int_eq(c.edges[2].kind, 'a');
	ck_assert_int_eq(c.edges[3].ext_linkage, 'S');
	ck_assert_ptr_nonnull(c.arena);
	again = km_companion_format(&c, &len);
	ck_assert_str_eq(again, sample_text);
	free(again);
	km_companion_free(&c);
	ck_assert_ptr_null(c.arena);
	ck_assert_ptr_null(c.funcs);
	ck_assert_uint_eq(c.nfuncs, 0);
}
END_TEST

START_TEST(test_companion_round_trips_an_object_without_functions)
{
	struct km_companion c;
	char err[128], *text;
	size_t len;

	memset(&c, 0, sizeof(c));
	c.version = 1;
	text = km_companion_format(&c, &len);
	ck_assert_str_eq(text, "kmetrics-graph 1\nobject\t\nsource\t\ncwd\t\nend\n");
	ck_assert_int_eq(km_companion_parse(text, len, &c, err, sizeof(err)), 0);
	ck_assert_uint_eq(c.nfuncs, 0);
	ck_assert_uint_eq(c.nedges, 0);
	ck_assert_str_eq(c.object, "");
	km_companion_free(&c);
	free(text);
}
END_TEST

START_TEST(test_companion_refuses_to_print_tabs_and_newlines)
{
	struct km_companion c;
	size_t len = 77;

	sample(&c);
	c.cwd = "/a\tb";
	ck_assert_ptr_null(km_companion_format(&c, &len));
	ck_assert_uint_eq(len, 77);
	sample(&c);
	sample_funcs[1].name = "two\nlines";
	ck_assert_ptr_null(km_companion_format(&c, &len));
	sample(&c);
	sample_funcs[0].file = "x\ty.c";
	ck_assert_ptr_null(km_companion_format(&c, &len));
	sample(&c);
	sample_edges[1].ext_name = "pr\tintf";
	ck_assert_ptr_null(km_companion_format(&c, &len));
}
END_TEST

START_TEST(test_companion_refuses_to_print_what_it_could_not_read)
{
	struct km_companion c;
	size_t len;

	sample(&c);
	sample_funcs[0].linkage = 'L';
	ck_assert_ptr_null(km_companion_format(&c, &len));
	sample(&c);
	sample_edges[0].kind = 'x';
	ck_assert_ptr_null(km_companion_format(&c, &len));
	sample(&c);
	sample_edges[0].to = 3;
	ck_assert_ptr_null(km_companion_format(&c, &len));
	sample(&c);
	sample_edges[0].to = 0;		/* self edge */
	ck_assert_ptr_null(km_companion_format(&c, &len));
	sample(&c);
	sample_edges[2].from = 7;
	ck_assert_ptr_null(km_companion_format(&c, &len));
	sample(&c);
	sample_funcs[2].rec = -2;
	ck_assert_ptr_null(km_companion_format(&c, &len));
	sample(&c);
	sample_funcs[2].name = "";
	ck_assert_ptr_null(km_companion_format(&c, &len));
}
END_TEST

START_TEST(test_companion_requires_the_magic_line)
{
	ck_assert_str_eq(companion_parse_err("kmetrics-graph 3\nend\n"),
			 "1: companion version '3', this reader knows 1 and 2");
	ck_assert_str_eq(companion_parse_err("kmetrics-graph 1 \nend\n"),
			 "1: companion version '1 ', this reader knows 1 and 2");
	ck_assert_str_eq(companion_parse_err("kvm_handle_invpcid : 3\n"),
			 "1: not a kmetrics companion file (first line must be "
			 "'kmetrics-graph VERSION')");
	ck_assert_str_eq(companion_parse_err(""), "1: no 'end' line (file truncated)");
}
END_TEST

START_TEST(test_companion_requires_object_source_cwd_in_order)
{
	ck_assert_str_eq(companion_parse_err("kmetrics-graph 1\nsource\ta.c\n"),
			 "2: expected 'object<TAB>value'");
	ck_assert_str_eq(companion_parse_err("kmetrics-graph 1\nobject\ta.o\ncwd\t/\n"),
			 "3: expected 'source<TAB>value'");
	ck_assert_str_eq(companion_parse_err("kmetrics-graph 1\nobject\ta.o\nsource\ta.c\n"
				   "cwd\t/\tx\n"), "4: expected 'cwd<TAB>value'");
	ck_assert_str_eq(companion_parse_err("kmetrics-graph 1\nobject a.o\n"),
			 "2: expected 'object<TAB>value'");
}
END_TEST

START_TEST(test_companion_requires_the_end_line_last)
{
	ck_assert_ptr_null(body_err(""));
	ck_assert_str_eq(companion_parse_err("kmetrics-graph 1\nobject\ta.o\nsource\ta.c\n"
				   "cwd\t/\nF\t0\tf\tG\ta.c\t1\t2\t0\n"),
			 "6: no 'end' line (file truncated)");
	ck_assert_str_eq(companion_parse_err("kmetrics-graph 1\nobject\ta.o\nsource\ta.c\n"
				   "cwd\t/\nend"),
			 "5: last line has no newline (file truncated)");
	ck_assert_str_eq(companion_parse_err("kmetrics-graph 1\nobject\ta.o\nsource\ta.c\n"
				   "cwd\t/\nend\nend\n"),
			 "6: text after the 'end' line");
	ck_assert_str_eq(companion_parse_err("kmetrics-graph 1\nobject\ta.o\nsource\ta.c\n"
				   "cwd\t/\nend\n\n"),
			 "6: text after the 'end' line");
	ck_assert_str_eq(companion_parse_err("kmetrics-graph 1\nobject\ta.o\nsource\ta.c\n"
				   "cwd\t/\nend\t\n"),
			 "5: unknown line 'end' (expected F, E, X or end)");
}
END_TEST

START_TEST(test_companion_checks_field_counts)
{
	ck_assert_str_eq(body_err("F\t2\th\tG\ta.c\t1\t2\n"),
			 "7: 'F' line has 7 TAB-separated fields, expected 8");
	ck_assert_str_eq(body_err("F\t2\th\tG\ta.c\t1\t2\t3\t4\t5\n"),
			 "7: 'F' line has 10 TAB-separated fields, expected 8");
	ck_assert_str_eq(body_err("E\t0\tc\n"),
			 "7: 'E' line has 3 TAB-separated fields, expected 4");
	ck_assert_str_eq(body_err("X\t0\tc\tG\tputs\textra\n"),
			 "7: 'X' line has 6 TAB-separated fields, expected 5");
}
END_TEST

START_TEST(test_companion_checks_numbers)
{
	ck_assert_str_eq(body_err("F\t3\th\tG\ta.c\t1\t2\t0\n"),
			 "7: F index '3' is not the next index");
	ck_assert_str_eq(body_err("F\t02\th\tG\ta.c\t1\t2\t0\n"),
			 "7: F index '02' is not the next index");
	ck_assert_str_eq(body_err("F\t2\th\tG\ta.c\t-1\t2\t0\n"),
			 "7: first line '-1' is not a plain decimal");
	ck_assert_str_eq(body_err("F\t2\th\tG\ta.c\t1\t2x\t0\n"),
			 "7: last line '2x' is not a plain decimal");
	ck_assert_str_eq(body_err("F\t2\th\tG\ta.c\t1\t2\t\n"),
			 "7: record index '' is neither a plain decimal nor '-'");
	ck_assert_str_eq(body_err("F\t2\th\tG\ta.c\t1\t99999999999999999999\t0\n"),
			 "7: last line '99999999999999999999' is not a plain decimal");
	ck_assert_str_eq(body_err("E\tx\tc\t1\n"),
			 "7: caller index is not a plain decimal number");
	ck_assert_str_eq(body_err("E\t0\tc\t+1\n"),
			 "7: callee index is not a plain decimal number");
}
END_TEST

START_TEST(test_companion_checks_indices_are_in_range)
{
	ck_assert_str_eq(body_err("E\t2\tc\t1\n"),
			 "7: caller index is not the index of an F line");
	ck_assert_str_eq(body_err("E\t0\tc\t2\n"),
			 "7: callee index is not the index of an F line");
	ck_assert_str_eq(body_err("X\t5\tc\tG\tputs\n"),
			 "7: caller index is not the index of an F line");
	ck_assert_str_eq(body_err("E\t1\tc\t1\n"),
			 "7: self edge (C8 counts those)");
}
END_TEST

START_TEST(test_companion_checks_linkage_and_kind)
{
	ck_assert_str_eq(body_err("F\t2\th\tg\ta.c\t1\t2\t0\n"),
			 "7: linkage must be S, G or W");
	ck_assert_str_eq(body_err("X\t0\tc\tW\tputs\n"),
			 "7: linkage must be S or G");
	ck_assert_str_eq(body_err("X\t0\tc\tGG\tputs\n"),
			 "7: linkage must be S or G");
	ck_assert_str_eq(body_err("E\t0\tC\t1\n"), "7: edge kind must be c or a");
	ck_assert_str_eq(body_err("X\t0\t\tG\tputs\n"), "7: edge kind must be c or a");
}
END_TEST

START_TEST(test_companion_checks_names_and_line_order)
{
	ck_assert_str_eq(body_err("F\t2\t\tG\ta.c\t1\t2\t0\n"),
			 "7: empty function name");
	ck_assert_str_eq(body_err("X\t0\tc\tG\t\n"), "7: empty callee name");
	ck_assert_str_eq(body_err("E\t0\tc\t1\nF\t2\th\tG\ta.c\t1\t2\t0\n"),
			 "8: F line after the first edge line");
	ck_assert_str_eq(body_err("Q\t1\n"),
			 "7: unknown line 'Q' (expected F, E, X or end)");
	ck_assert_str_eq(body_err("\n"),
			 "7: unknown line '' (expected F, E, X or end)");
}
END_TEST

START_TEST(test_companion_rejects_nul_bytes)
{
	static const char text[] = "kmetrics-graph 1\nobject\ta\0.o\nsource\ta.c\n"
				   "cwd\t/\nend\n";
	struct km_companion c;
	char err[128];

	ck_assert_int_eq(km_companion_parse(text, sizeof(text) - 1, &c, err,
					    sizeof(err)), -1);
	ck_assert_str_eq(err, "2: NUL byte in line");
}
END_TEST

START_TEST(test_companion_parse_leaves_the_result_alone_on_error)
{
	struct km_companion c;
	char err[8];

	memset(&c, 0x5a, sizeof(c));
	ck_assert_int_eq(km_companion_parse("x\n", 2, &c, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "1: not ");	/* truncated to its buffer */
	ck_assert_int_eq(((unsigned char *)&c)[0], 0x5a);
	ck_assert_int_eq(km_companion_parse("x\n", 2, &c, NULL, 0), -1);
}
END_TEST

/* ---- fuzz (also of version 2, test_companion2.c) ---- */

static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* Insert a random one of @snippets (or a NUL byte for "") at @at. */
static void comp_fuzz_insert(char *s, size_t *len, size_t cap, size_t at,
			     const char *const *snippets, size_t nsnippets)
{
	const char *sn = snippets[rng() % nsnippets];
	size_t n = *sn ? strlen(sn) : 1;

	if (*len + n > cap)
		return;
	memmove(s + at + n, s + at, *len - at);
	memcpy(s + at, sn, n);
	*len += n;
}

static void comp_fuzz_mutate(char *s, size_t *len, size_t cap,
			     const char *const *snippets, size_t nsnippets)
{
	size_t at = *len ? (size_t)(rng() % (*len + 1)) : 0, n;

	switch (rng() % 5) {
	case 0:
		if (*len)
			s[rng() % *len] ^= (char)(1 << (rng() % 8));
		break;
	case 1:
		n = 1 + rng() % 4;
		if (at + n > *len)
			n = *len - at;
		memmove(s + at, s + at + n, *len - at - n);
		*len -= n;
		break;
	case 2:
		comp_fuzz_insert(s, len, cap, at, snippets, nsnippets);
		break;
	case 3:
		*len = at;
		break;
	case 4:
		if (*len && s[at % *len] >= '0' && s[at % *len] <= '9')
			s[at % *len] = (char)('0' + rng() % 10);
		break;
	}
}

/*
 * 5000 mutations of @text (seeded with @seed, snippets from @snippets):
 * each either fails with a line number or prints back to its own bytes,
 * compacted too.
 * Returns how many were accepted.
 */
int companion_fuzz(const char *text, uint64_t seed, const char *const *snippets,
		   size_t nsnippets)
{
	char work[2048], err[256], *exact, *again;
	struct km_companion c;
	size_t len, againlen;
	int i, m, accepted = 0;

	rng_state = seed;
	for (i = 0; i < 5000; i++) {
		len = strlen(text);
		memcpy(work, text, len);
		for (m = 1 + (int)(rng() % 3); m > 0; m--)
			comp_fuzz_mutate(work, &len, sizeof(work), snippets, nsnippets);
		exact = (char *)malloc(len ? len : 1);
		ck_assert_ptr_nonnull(exact);
		memcpy(exact, work, len);
		if (km_companion_parse(exact, len, &c, err, sizeof(err))) {
			ck_assert_msg(err[0] >= '1' && err[0] <= '9' && strstr(err, ": "),
				      "error without a line number: '%s'", err);
			free(exact);
			continue;
		}
		accepted++;
		again = km_companion_format(&c, &againlen);
		ck_assert_msg(again && againlen == len && !memcmp(again, exact, len),
			      "case %d: accepted text that prints differently", i);
		free(again);
		ck_assert_int_eq(km_companion_compact(&c), 0);
		again = km_companion_format(&c, &againlen);
		ck_assert_msg(again && againlen == len && !memcmp(again, exact, len),
			      "case %d: compacted, prints differently", i);
		free(again);
		km_companion_free(&c);
		free(exact);
	}
	return accepted;
}

START_TEST(test_companion_accepts_only_what_it_would_print_under_fuzzing)
{
	static const char *const snippets[] = {
		"\t", "\n", "F\t", "E\t0\tc\t1\n", "X\t0\ta\tS\tz\n", "end\n", "-",
		"0", "9", "G", "S", "c", "a", "\t-\n", "",
	};

	ck_assert_int_gt(companion_fuzz(sample_text, 0xc0ffee1234abcdefULL, snippets,
					sizeof(snippets) / sizeof(snippets[0])), 50);
}
END_TEST

static TCase *tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);

	suite_add_tcase(s, tc);
	return tc;
}

Suite *companion_suite(void)
{
	Suite *s = suite_create("companion");
	TCase *tc;

	tc = tcase(s, "the companion round-trips");
	tcase_add_test(tc, test_companion_prints_the_documented_format);
	tcase_add_test(tc, test_companion_reads_back_what_it_printed);
	tcase_add_test(tc, test_companion_round_trips_the_records_line);
	tcase_add_test(tc, test_companion_checks_the_records_line);
	tcase_add_test(tc, test_companion_round_trips_an_object_without_functions);

	tc = tcase(s, "the writer refuses what cannot be read back");
	tcase_add_test(tc, test_companion_refuses_to_print_tabs_and_newlines);
	tcase_add_test(tc, test_companion_refuses_to_print_what_it_could_not_read);

	tc = tcase(s, "the parser names the line and the reason");
	tcase_add_test(tc, test_companion_requires_the_magic_line);
	tcase_add_test(tc, test_companion_requires_object_source_cwd_in_order);
	tcase_add_test(tc, test_companion_requires_the_end_line_last);
	tcase_add_test(tc, test_companion_checks_field_counts);
	tcase_add_test(tc, test_companion_checks_numbers);
	tcase_add_test(tc, test_companion_checks_indices_are_in_range);
	tcase_add_test(tc, test_companion_checks_linkage_and_kind);
	tcase_add_test(tc, test_companion_checks_names_and_line_order);
	tcase_add_test(tc, test_companion_rejects_nul_bytes);
	tcase_add_test(tc, test_companion_parse_leaves_the_result_alone_on_error);

	tc = tcase(s, "the parser survives fuzzing");
	tcase_add_test(tc, test_companion_accepts_only_what_it_would_print_under_fuzzing);
	return s;
}
