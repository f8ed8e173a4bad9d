// SPDX-License-Identifier: GPL-2.0
/*
 * test_companion2.c - the companion file's format version 2: the provenance
 * lines (gcc, target, plugin, kernel), each function's M line (the tree
 * walk's measures) and C line (the compiler's facts), their parse errors
 * with line numbers, version 1 read by the same parser, compaction (each
 * distinct string once, the same companion), and a seeded fuzz
 * test of version 2 text (accepted => formats back to the same bytes).
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "companion/km_companion.h"

/*
 * vcpu_run (global, record 0) with every measure and fact: its largest
 * body's frame is 152 bytes, it went to .text, its optimised CFG has 12
 * blocks and E - N + 2 = 5. cold_init (static, record 1) is in
 * .init.text, the walk measured no nloc, macro decisions or cognitive yet.
 * hdr (a header static inline, no record) was inlined everywhere: no body,
 * so no frame, section or CFG. nofacts has neither an M nor a C line.
 */
static const char v2_text[] =
	"kmetrics-graph 2\n"
	"object\tarch/x86/kvm/x86.o\n"
	"source\tarch/x86/kvm/x86.c\n"
	"cwd\t/usr/src/linux\n"
	"gcc\t12.2.0\n"
	"target\tx86_64-linux-gnu\n"
	"plugin\t0.1\n"
	"kernel\t6.1.0-kvm\t0123456789abcdef\n"
	"records\t3\t00000000000000ff\n"
	"F\t0\tvcpu_run\tG\tarch/x86/kvm/x86.c\t10\t40\t0\n"
	"M\t0\t25\t3\t14\t20\t31\t90\t75\n"
	"C\t0\t152\t0\t.text\t12\t5\n"
	"F\t1\tcold_init\tS\tarch/x86/kvm/x86.c\t42\t50\t1\n"
	"M\t1\t-\t-\t-\t4\t5\t6\t7\n"
	"C\t1\t24\t0\t.init.text\t3\t1\n"
	"F\t2\thdr\tS\tinclude/linux/kvm_host.h\t100\t104\t-\n"
	"M\t2\t4\t0\t1\t2\t2\t3\t3\n"
	"C\t2\t-\t1\t-\t-\t-\n"
	"F\t3\tnofacts\tG\tarch/x86/kvm/x86.c\t52\t53\t2\n"
	"E\t0\tc\t1\n"
	"X\t1\tc\tG\tprintk\n"
	"end\n";

static struct km_cfunc v2_funcs[4];
static struct km_cedge v2_edges[2];

static void v2_sample(struct km_companion *c)
{
	struct km_cfunc f0 = { "vcpu_run", 'G', "arch/x86/kvm/x86.c", 10, 40, 0, 1, 1,
			       { 25, 3, 14, 20, 31, 90, 75 }, { 152, 0, ".text", 12, 5 } };
	struct km_cfunc f1 = { "cold_init", 'S', "arch/x86/kvm/x86.c", 42, 50, 1, 1, 1,
			       { -1, -1, -1, 4, 5, 6, 7 }, { 24, 0, ".init.text", 3, 1 } };
	struct km_cfunc f2 = { "hdr", 'S', "include/linux/kvm_host.h", 100, 104, -1, 1, 1,
			       { 4, 0, 1, 2, 2, 3, 3 }, { -1, 1, NULL, -1, -1 } };
	struct km_cfunc f3 = { .name = "nofacts", .linkage = 'G', .file = "arch/x86/kvm/x86.c",
			       .first_line = 52, .last_line = 53, .rec = 2 };
	struct km_cedge e0 = { 0, 'c', 1, 0, NULL };
	struct km_cedge e1 = { 1, 'c', -1, 'G', "printk" };

	v2_funcs[0] = f0;
	v2_funcs[1] = f1;
	v2_funcs[2] = f2;
	v2_funcs[3] = f3;
	v2_edges[0] = e0;
	v2_edges[1] = e1;
	memset(c, 0, sizeof(*c));
	c->object = "arch/x86/kvm/x86.o";
	c->source = "arch/x86/kvm/x86.c";
	c->cwd = "/usr/src/linux";
	c->gcc = "12.2.0";
	c->target = "x86_64-linux-gnu";
	c->plugin = "0.1";
	c->has_kernel = 1;
	c->kernel_release = "6.1.0-kvm";
	c->config_hash = 0x0123456789abcdefULL;
	c->has_records = 1;
	c->nrecords = 3;
	c->records_hash = 0xff;
	c->nfuncs = 4;
	c->funcs = v2_funcs;
	c->nedges = 2;
	c->edges = v2_edges;
}

/* test_companion.c */
const char *companion_parse_err(const char *text);
int companion_fuzz(const char *text, uint64_t seed, const char *const *snippets,
		   size_t nsnippets);

/* @body after a version 2 header and one F line (line 8), then "end\n". */
static const char *v2_body_err(const char *body)
{
	static char text[1024];

	snprintf(text, sizeof(text), "kmetrics-graph 2\nobject\ta.o\nsource\ta.c\n"
		 "cwd\t/w\ngcc\t12.2.0\ntarget\tx86_64-linux-gnu\nplugin\t0.1\n"
		 "F\t0\tf\tG\ta.c\t1\t2\t0\n%send\n", body);
	return companion_parse_err(text);
}

START_TEST(test_companion2_prints_the_documented_format)
{
	struct km_companion c;
	size_t len = 0;
	char *text;

	v2_sample(&c);
	text = km_companion_format(&c, &len);
	ck_assert_ptr_nonnull(text);
	ck_assert_str_eq(text, v2_text);
	ck_assert_uint_eq(len, strlen(v2_text));
	free(text);
}
END_TEST

START_TEST(test_companion2_reads_back_provenance_measures_and_facts)
{
	struct km_companion c;
	char err[128], *again;
	size_t len;

	ck_assert_int_eq(km_companion_parse(v2_text, strlen(v2_text), &c, err, sizeof(err)), 0);
	ck_assert_int_eq(c.version, 2);
	ck_assert_str_eq(c.gcc, "12.2.0");
	ck_assert_str_eq(c.target, "x86_64-linux-gnu");
	ck_assert_str_eq(c.plugin, "0.1");
	ck_assert_int_eq(c.has_kernel, 1);
	ck_assert_str_eq(c.kernel_release, "6.1.0-kvm");
	ck_assert(c.config_hash == 0x0123456789abcdefULL);
	ck_assert_int_eq(c.funcs[0].has_measures, 1);
	ck_assert_int_eq(c.funcs[0].m.nloc, 25);
	ck_assert_int_eq(c.funcs[0].m.hal_N2, 75);
	ck_assert_int_eq(c.funcs[0].x.frame_bytes, 152);
	ck_assert_str_eq(c.funcs[0].x.section, ".text");
	ck_assert_int_eq(c.funcs[0].x.cfg_cyclomatic, 5);
	ck_assert_int_eq(c.funcs[1].m.nloc, -1);
	ck_assert_int_eq(c.funcs[1].m.cognitive, -1);
	ck_assert_int_eq(c.funcs[1].m.hal_n1, 4);
	ck_assert_int_eq(c.funcs[2].x.inlined, 1);
	ck_assert_ptr_null(c.funcs[2].x.section);
	ck_assert_int_eq(c.funcs[2].x.frame_bytes, -1);
	ck_assert_int_eq(c.funcs[3].has_measures, 0);
	ck_assert_int_eq(c.funcs[3].has_facts, 0);
	again = km_companion_format(&c, &len);
	ck_assert_str_eq(again, v2_text);
	free(again);
	km_companion_free(&c);
}
END_TEST

START_TEST(test_companion2_is_what_a_zeroed_companion_prints)
{
	struct km_companion c;
	char *text;

	memset(&c, 0, sizeof(c));
	text = km_companion_format(&c, NULL);
	ck_assert_str_eq(text, "kmetrics-graph 2\nobject\t\nsource\t\ncwd\t\n"
			 "gcc\t\ntarget\t\nplugin\t\nend\n");
	free(text);
}
END_TEST

START_TEST(test_companion2_reads_version_1_without_measures_or_facts)
{
	static const char v1[] = "kmetrics-graph 1\nobject\ta.o\nsource\ta.c\ncwd\t/w\n"
				 "F\t0\tf\tG\ta.c\t1\t2\t0\nend\n";
	struct km_companion c;
	char err[128], *again;

	ck_assert_int_eq(km_companion_parse(v1, strlen(v1), &c, err, sizeof(err)), 0);
	ck_assert_int_eq(c.version, 1);
	ck_assert_ptr_null(c.gcc);
	ck_assert_int_eq(c.has_kernel, 0);
	ck_assert_int_eq(c.funcs[0].has_measures, 0);
	ck_assert_int_eq(c.funcs[0].has_facts, 0);
	again = km_companion_format(&c, NULL);
	ck_assert_str_eq(again, v1);
	free(again);
	km_companion_free(&c);
}
END_TEST

START_TEST(test_companion2_version_1_cannot_say_version_2_things)
{
	struct km_companion c;

	v2_sample(&c);
	c.version = 1;
	ck_assert_ptr_null(km_companion_format(&c, NULL));
	v2_sample(&c);
	c.version = 3;
	ck_assert_ptr_null(km_companion_format(&c, NULL));
	ck_assert_str_eq(companion_parse_err("kmetrics-graph 1\nobject\ta.o\nsource\ta.c\ncwd\t/w\n"
				      "F\t0\tf\tG\ta.c\t1\t2\t0\nM\t0\t1\t1\t1\t1\t1\t1\t1\nend\n"),
			 "6: M line in a version 1 companion");
	ck_assert_str_eq(companion_parse_err("kmetrics-graph 1\nobject\ta.o\nsource\ta.c\ncwd\t/w\n"
				      "kernel\t6.1\t0123456789abcdef\nend\n"),
			 "5: unknown line 'kernel' (expected F, E, X or end)");
}
END_TEST

START_TEST(test_companion2_refuses_to_print_what_it_could_not_read)
{
	struct km_companion c;

	v2_sample(&c);
	v2_funcs[0].x.inlined = 2;
	ck_assert_ptr_null(km_companion_format(&c, NULL));
	v2_sample(&c);
	v2_funcs[0].x.section = "-";
	ck_assert_ptr_null(km_companion_format(&c, NULL));
	v2_sample(&c);
	v2_funcs[0].x.section = "";
	ck_assert_ptr_null(km_companion_format(&c, NULL));
	v2_sample(&c);
	v2_funcs[0].x.frame_bytes = -2;
	ck_assert_ptr_null(km_companion_format(&c, NULL));
	v2_sample(&c);
	v2_funcs[1].m.hal_n2 = -5;
	ck_assert_ptr_null(km_companion_format(&c, NULL));
	v2_sample(&c);
	c.target = "x86\t64";
	ck_assert_ptr_null(km_companion_format(&c, NULL));
	v2_sample(&c);
	c.kernel_release = "6.1\n";
	ck_assert_ptr_null(km_companion_format(&c, NULL));
}
END_TEST

START_TEST(test_companion2_requires_the_provenance_in_order)
{
	ck_assert_str_eq(companion_parse_err("kmetrics-graph 2\nobject\ta.o\nsource\ta.c\ncwd\t/w\n"
				      "F\t0\tf\tG\ta.c\t1\t2\t0\nend\n"),
			 "5: expected 'gcc<TAB>value'");
	ck_assert_str_eq(companion_parse_err("kmetrics-graph 2\nobject\ta.o\nsource\ta.c\ncwd\t/w\n"
				      "gcc\t12\nplugin\t0.1\nend\n"),
			 "6: expected 'target<TAB>value'");
	ck_assert_str_eq(companion_parse_err("kmetrics-graph 2\nobject\ta.o\nsource\ta.c\ncwd\t/w\n"
				      "gcc\t12\ntarget\tt\nend\n"),
			 "7: expected 'plugin<TAB>value'");
	ck_assert_str_eq(v2_body_err("kernel\t6.1\t0123456789abcdef\n"),
			 "9: unknown line 'kernel' (expected F, M, C, E, X or end)");
}
END_TEST

START_TEST(test_companion2_checks_the_kernel_line)
{
	const char *head = "kmetrics-graph 2\nobject\ta.o\nsource\ta.c\ncwd\t/w\n"
			   "gcc\t12\ntarget\tt\nplugin\t0.1\n";
	char text[512];

	snprintf(text, sizeof(text), "%skernel\t6.1\nend\n", head);
	ck_assert_str_eq(companion_parse_err(text), "8: kernel line needs a release and a .config hash");
	snprintf(text, sizeof(text), "%skernel\t6.1\t0123456789ABCDEF\nend\n", head);
	ck_assert_str_eq(companion_parse_err(text), "8: .config hash must be 16 lowercase hex digits");
	snprintf(text, sizeof(text), "%srecords\t0\t0000000000000000\n"
		 "kernel\t6.1\t0123456789abcdef\nend\n", head);
	ck_assert_str_eq(companion_parse_err(text),
			 "9: unknown line 'kernel' (expected F, M, C, E, X or end)");
	snprintf(text, sizeof(text), "%skernel\t6.1\t0123456789abcdef\n"
		 "kernel\t6.1\t0123456789abcdef\nend\n", head);
	ck_assert_str_eq(companion_parse_err(text),
			 "9: unknown line 'kernel' (expected F, M, C, E, X or end)");
	snprintf(text, sizeof(text), "%skernel\t6.1\t0123456789abcdef\n"
		 "records\t0\t0000000000000000\nend\n", head);
	ck_assert_ptr_null(companion_parse_err(text));
}
END_TEST

START_TEST(test_companion2_m_and_c_lines_follow_their_f_line)
{
	ck_assert_ptr_null(v2_body_err("M\t0\t-\t-\t-\t-\t-\t-\t-\nC\t0\t-\t1\t-\t-\t-\n"));
	ck_assert_ptr_null(v2_body_err("C\t0\t8\t0\t.text\t1\t1\n"));
	ck_assert_str_eq(v2_body_err("C\t0\t8\t0\t.text\t1\t1\nM\t0\t1\t1\t1\t1\t1\t1\t1\n"),
			 "10: M line is not right after its F line");
	ck_assert_str_eq(v2_body_err("M\t0\t1\t1\t1\t1\t1\t1\t1\nM\t0\t1\t1\t1\t1\t1\t1\t1\n"),
			 "10: M line is not right after its F line");
	ck_assert_str_eq(v2_body_err("F\t1\tg\tS\ta.c\t3\t4\t-\nC\t0\t8\t0\t.text\t1\t1\n"),
			 "10: C line is not right after its F line");
	ck_assert_str_eq(v2_body_err("E\t0\ta\t0\n"), "9: self edge (C8 counts those)");
	ck_assert_str_eq(v2_body_err("X\t0\tc\tG\tputs\nC\t0\t8\t0\t.text\t1\t1\n"),
			 "10: C line is not right after its F line");
}
END_TEST

START_TEST(test_companion2_checks_the_fields_of_m_and_c)
{
	ck_assert_str_eq(v2_body_err("M\t0\t1\t1\t1\t1\t1\t1\n"),
			 "9: 'M' line has 8 TAB-separated fields, expected 9");
	ck_assert_str_eq(v2_body_err("C\t0\t8\t0\t.text\t1\n"),
			 "9: 'C' line has 6 TAB-separated fields, expected 7");
	ck_assert_str_eq(v2_body_err("M\t0\t01\t1\t1\t1\t1\t1\t1\n"),
			 "9: nloc '01' is neither a plain decimal nor '-'");
	ck_assert_str_eq(v2_body_err("M\t0\t1\t1\t1\t1\t1\t1\t-1\n"),
			 "9: N2 '-1' is neither a plain decimal nor '-'");
	ck_assert_str_eq(v2_body_err("C\t0\tx\t0\t.text\t1\t1\n"),
			 "9: frame bytes 'x' is neither a plain decimal nor '-'");
	ck_assert_str_eq(v2_body_err("C\t0\t8\t-\t.text\t1\t1\n"), "9: inlined must be 0 or 1");
	ck_assert_str_eq(v2_body_err("C\t0\t8\t0\t\t1\t1\n"),
			 "9: empty section name (none is '-')");
	ck_assert_str_eq(v2_body_err("C\t0\t8\t0\t.text\t1\t\n"),
			 "9: cfg cyclomatic '' is neither a plain decimal nor '-'");
}
END_TEST

/*
 * Compaction (what the tools keep of a whole build's companions): the same
 * companion, formatted back to the same bytes, each distinct string once.
 */
START_TEST(test_companion2_compacts_to_the_same_companion_sharing_strings)
{
	static const char text[] =
		"kmetrics-graph 2\n"
		"object\ta.o\nsource\ta.c\ncwd\t/src\ngcc\t12.2.0\n"
		"target\tx86_64-linux-gnu\nplugin\t0.1\n"
		"F\t0\tf\tG\ta.c\t1\t5\t0\n"
		"C\t0\t8\t0\t.text\t1\t1\n"
		"F\t1\tg\tS\ta.c\t7\t9\t1\n"
		"C\t1\t8\t0\t.text\t1\t1\n"
		"F\t2\th\tS\th.h\t1\t2\t-\n"
		"E\t0\tc\t1\n"
		"X\t0\tc\tG\tprintk\n"
		"X\t1\tc\tG\tprintk\n"
		"X\t1\ta\tS\tg\n"
		"end\n";
	struct km_companion c, v;
	char err[128], *again;
	size_t len;

	ck_assert_int_eq(km_companion_parse(text, sizeof(text) - 1, &c, err, sizeof(err)), 0);
	ck_assert_int_eq(km_companion_compact(&c), 0);
	again = km_companion_format(&c, &len);
	ck_assert_str_eq(again, text);
	free(again);
	ck_assert_ptr_eq(c.funcs[0].file, c.funcs[1].file);
	ck_assert_ptr_eq(c.funcs[0].file, c.source);
	ck_assert_ptr_eq(c.funcs[0].x.section, c.funcs[1].x.section);
	ck_assert_ptr_null(c.funcs[2].x.section);
	ck_assert_ptr_eq(c.edges[1].ext_name, c.edges[2].ext_name);
	ck_assert_ptr_eq(c.edges[3].ext_name, c.funcs[1].name);
	ck_assert_ptr_null(c.edges[0].ext_name);
	ck_assert_ptr_null(c.kernel_release);
	km_companion_free(&c);
	v2_sample(&v);
	ck_assert_int_eq(km_companion_parse(v2_text, sizeof(v2_text) - 1, &c, err,
					    sizeof(err)), 0);
	ck_assert_int_eq(km_companion_compact(&c), 0);
	again = km_companion_format(&c, &len);
	ck_assert_str_eq(again, v2_text);
	free(again);
	ck_assert_str_eq(c.kernel_release, v.kernel_release);
	km_companion_free(&c);
}
END_TEST

START_TEST(test_companion2_accepts_only_what_it_would_print_under_fuzzing)
{
	static const char *const snippets[] = {
		"\t", "\n", "M\t0\t-\t-\t-\t-\t-\t-\t-\n", "C\t2\t-\t1\t-\t-\t-\n", "\t-",
		"kernel\t6\t0000000000000000\n", "-", "0", "1", ".text", "C\t", "M\t",
	};

	ck_assert_int_gt(companion_fuzz(v2_text, 0x5eed2bad0c0ffee1ULL, snippets,
					sizeof(snippets) / sizeof(snippets[0])), 50);
}
END_TEST

static TCase *v2_tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);

	suite_add_tcase(s, tc);
	return tc;
}

Suite *companion2_suite(void)
{
	Suite *s = suite_create("companion2");
	TCase *tc;

	tc = v2_tcase(s, "version 2 round-trips");
	tcase_add_test(tc, test_companion2_prints_the_documented_format);
	tcase_add_test(tc, test_companion2_reads_back_provenance_measures_and_facts);
	tcase_add_test(tc, test_companion2_is_what_a_zeroed_companion_prints);

	tc = v2_tcase(s, "version 1 is still read");
	tcase_add_test(tc, test_companion2_reads_version_1_without_measures_or_facts);
	tcase_add_test(tc, test_companion2_version_1_cannot_say_version_2_things);

	tc = v2_tcase(s, "version 2 errors name the line and the reason");
	tcase_add_test(tc, test_companion2_refuses_to_print_what_it_could_not_read);
	tcase_add_test(tc, test_companion2_requires_the_provenance_in_order);
	tcase_add_test(tc, test_companion2_checks_the_kernel_line);
	tcase_add_test(tc, test_companion2_m_and_c_lines_follow_their_f_line);
	tcase_add_test(tc, test_companion2_checks_the_fields_of_m_and_c);

	tc = v2_tcase(s, "version 2 survives fuzzing");
	tcase_add_test(tc, test_companion2_compacts_to_the_same_companion_sharing_strings);
	tcase_add_test(tc, test_companion2_accepts_only_what_it_would_print_under_fuzzing);
	return s;
}
