// SPDX-License-Identifier: GPL-2.0
/*
 * test_unit.c - lib/unit/: one TU's texts from its functions (unit.c) and
 * their files (outputs.c), as both plugins use them.
 *
 * The TU of the first tests, worked out by hand:
 *   a  global, main file   calls b and ext (no body here)
 *   b  static, main file   calls a, takes c's address
 *   c  static, a header    (a node without a record)
 *   d  static, main file   not kept (unused): neither record nor node
 * Nodes a=0, b=1, c=2, then the leaf ext=3. a and b are a cycle: C5 is 0
 * for both; from a: b, c, ext reachable (C6 3), a reached from b (C7 1);
 * the same for b. C11 = 1.0 - 0.2 * [C2 > 7]: a's C2 is 9, so 0.8.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit/km_unit.h"
#include "unit/km_outputs.h"

static int keys[4];	/* a, b, c, d: their addresses are the keys */
static const char ext_key = 0;
static struct km_unit_fn fa, fb, fc, fd;
static struct km_unit_fn *fns[] = { &fa, &fb, &fc, &fd };
static int unwritten_calls;

static void fn_init(struct km_unit_fn *f, int *key, const char *name, const char *file,
		    int main_file, int kept, char linkage)
{
	memset(f, 0, sizeof(*f));
	f->key = key;
	strcpy(f->rec.name, name);
	f->rec.cyclomatic = 1;
	f->rec.nesting = 1;
	f->file = file;
	f->first_line = 10;
	f->last_line = 12;
	f->main_file = main_file;
	f->kept = kept;
	f->linkage = linkage;
	f->m.nloc = 3;
	f->m.cognitive = f->m.macro_decisions = f->m.hal_n1 = f->m.hal_n2 = 0;
	f->m.hal_N1 = f->m.hal_N2 = 0;
}

static void unwritten(void *arg, const char *name)
{
	unwritten_calls++;
}

static struct km_unit tu_init(void)
{
	struct km_unit u;

	fn_init(&fa, &keys[0], "a", "t.c", 1, 1, 'G');
	fn_init(&fb, &keys[1], "b", "t.c", 1, 1, 'S');
	fn_init(&fc, &keys[2], "c", "t.h", 0, 1, 'S');
	fn_init(&fd, &keys[3], "d", "t.c", 1, 0, 'S');
	fa.rec.cyclomatic = 9;
	ck_assert_ptr_nonnull(km_unit_add_edge(&fa, &keys[1], "b", 'c', 'S'));
	ck_assert_ptr_nonnull(km_unit_add_edge(&fa, &ext_key, "ext", 'c', 'G'));
	ck_assert_ptr_nonnull(km_unit_add_edge(&fb, &keys[0], "a", 'c', 'G'));
	ck_assert_ptr_nonnull(km_unit_add_edge(&fb, &keys[2], "c", 'a', 'S'));
	ck_assert_ptr_nonnull(km_unit_add_edge(&fd, &ext_key, "ext", 'c', 'G'));
	memset(&u, 0, sizeof(u));
	u.fns = fns;
	u.nfns = 4;
	u.object = "t.o";
	u.source = "t.c";
	u.cwd = "/tmp";
	u.compiler = "12.2.0";
	u.target = "x86_64-linux-gnu";
	u.unwritten = unwritten;
	return u;
}

static void tu_release(void)
{
	size_t i;

	for (i = 0; i < 4; i++)
		km_unit_fn_release(fns[i]);
}

START_TEST(test_an_edge_is_kept_once_per_callee_and_kind)
{
	struct km_unit_fn f;
	struct km_unit_edge *e;

	fn_init(&f, &keys[0], "f", "t.c", 1, 1, 'G');
	e = km_unit_add_edge(&f, &keys[1], "g", 'c', 'G');
	e->dead = 1;
	ck_assert_ptr_eq(km_unit_add_edge(&f, &keys[1], "g", 'c', 'G'), &f.edges[0]);
	ck_assert_int_eq(f.edges[0].dead, 1);
	ck_assert_ptr_eq(km_unit_add_edge(&f, &keys[1], "g", 'a', 'G'), &f.edges[1]);
	ck_assert_uint_eq(f.nedges, 2);
	km_unit_fn_release(&f);
	ck_assert_ptr_null(f.edges);
}
END_TEST

/*
 * A walk that saw one operator twice and one operand (n1 1, n2 1, N1 2,
 * N2 1: V = 3 * log2(2) = 3, D = 1/2 * 1/1, E = 1.5), two decisions, two
 * levels below the body, three locals, a self-call and a cognitive 4.
 */
START_TEST(test_a_walk_fills_the_record_and_the_m_line)
{
	struct km_unit_fn f;
	struct km_unit_walk n;

	fn_init(&f, &keys[0], "f", "t.c", 1, 1, 'G');
	memset(&n, 0, sizeof(n));
	km_halstead_init(&n.hal);
	km_halstead_operator(&n.hal, 1);
	km_halstead_operator(&n.hal, 1);
	km_halstead_operand(&n.hal, 7);
	n.decisions = 2;
	n.max_depth = 2;
	n.locals = 3;
	n.self_calls = 1;
	n.macro_decisions = 1;
	n.cognitive = 4;
	ck_assert_int_eq(km_unit_measured(&f, 5, &n), 0);
	ck_assert_int_eq(f.rec.params, 5);
	ck_assert_int_eq(f.rec.cyclomatic, 3);
	ck_assert_double_eq(f.rec.halstead, 1.5);
	ck_assert_int_eq(f.rec.self_calls, 1);
	ck_assert_int_eq(f.rec.locals, 3);
	ck_assert_int_eq(f.rec.nesting, 3);
	ck_assert_int_eq(f.m.hal_n1, 1);
	ck_assert_int_eq(f.m.hal_n2, 1);
	ck_assert_int_eq(f.m.hal_N1, 2);
	ck_assert_int_eq(f.m.hal_N2, 1);
	ck_assert_int_eq(f.m.macro_decisions, 1);
	ck_assert_int_eq(f.m.cognitive, 5);	/* recursion: +1 */
	km_unit_fn_release(&f);
}
END_TEST

START_TEST(test_the_records_are_the_kept_main_file_functions_with_their_graph_columns)
{
	struct km_unit u = tu_init();
	struct km_buf rec;
	char *graph;
	size_t glen;

	km_buf_init(&rec);
	ck_assert_int_eq(km_unit_texts(&u, &rec, &graph, &glen), 0);
	ck_assert_str_eq(rec.p, "a : 0 : 9 : 0.0 : 0 : 0 : 3 : 1 : 0 : 0 : 1 : 0.8 \xef\xbc\x9a" "0\n"
				"b : 0 : 1 : 0.0 : 0 : 0 : 3 : 1 : 0 : 0 : 1 : 1.0 \xef\xbc\x9a" "0\n");
	free(graph);
	km_buf_free(&rec);
	tu_release();
}
END_TEST

START_TEST(test_the_companion_has_every_kept_function_and_each_edge)
{
	struct km_unit u = tu_init();
	struct km_companion c;
	struct km_buf rec;
	char *graph, err[256];
	size_t glen;

	km_buf_init(&rec);
	ck_assert_int_eq(km_unit_texts(&u, &rec, &graph, &glen), 0);
	ck_assert_int_eq(km_companion_parse(graph, glen, &c, err, sizeof(err)), 0);
	ck_assert_str_eq(c.gcc, "12.2.0");
	ck_assert_str_eq(c.target, "x86_64-linux-gnu");
	ck_assert_str_eq(c.object, "t.o");
	ck_assert_uint_eq(c.nrecords, 2);
	ck_assert_uint_eq(c.nfuncs, 3);
	ck_assert_str_eq(c.funcs[2].name, "c");
	ck_assert_int_eq(c.funcs[2].rec, -1);
	ck_assert_str_eq(c.funcs[2].file, "t.h");
	ck_assert_int_eq(c.funcs[1].linkage, 'S');
	ck_assert_uint_eq(c.nedges, 4);
	/* a -> b, a -> ext (X), b -> a, b -> &c */
	ck_assert_int_eq(c.edges[0].to, 1);
	ck_assert_int_eq(c.edges[1].to, -1);
	ck_assert_str_eq(c.edges[1].ext_name, "ext");
	ck_assert_int_eq(c.edges[2].to, 0);
	ck_assert_int_eq(c.edges[3].kind, 'a');
	ck_assert_int_eq(c.edges[3].to, 2);
	km_companion_free(&c);
	free(graph);
	km_buf_free(&rec);
	tu_release();
}
END_TEST

/*
 * A name no record can hold (a space) is refused by the companion too
 * (issue 21: the companion's names are a record's, so no page or tool
 * downstream sees another): the unit writes nothing, and says so.
 */
START_TEST(test_a_name_no_record_can_hold_writes_no_unit)
{
	struct km_unit u = tu_init();
	struct km_buf rec;
	char *graph;
	size_t glen;

	strcpy(fb.rec.name, "b b");	/* a space: no record line can hold it */
	unwritten_calls = 0;
	km_buf_init(&rec);
	ck_assert_int_eq(km_unit_texts(&u, &rec, &graph, &glen), -1);
	ck_assert_int_eq(unwritten_calls, 1);
	ck_assert_ptr_null(graph);
	km_buf_free(&rec);
	tu_release();
}
END_TEST

START_TEST(test_a_tab_in_a_name_the_companion_holds_is_said_with_the_object)
{
	struct km_unit u = tu_init();
	char msg[512];

	ck_assert_int_eq(km_unit_check(&u, msg, sizeof(msg)), 0);
	u.object = "a\tb.o";
	ck_assert_int_eq(km_unit_check(&u, msg, sizeof(msg)), -1);
	ck_assert_str_eq(msg, "a\\tb.o: no sidecar written: the object's path holds a tab or "
			 "newline, which the companion's tab-separated lines cannot carry");
	u.object = "t.o";
	fc.file = "x\n.h";
	ck_assert_int_eq(km_unit_check(&u, msg, sizeof(msg)), -1);
	ck_assert_ptr_nonnull(strstr(msg, "the name of a file that defines a function"));
	tu_release();
}
END_TEST

START_TEST(test_outputs_write_both_files_under_outdir)
{
	char dir[] = "/tmp/km-unit-XXXXXX", path[256], err[512];
	struct stat st;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(km_outputs_write(dir, "/src", "sub/x.o", "r\n", 2, "g\n", 2, err,
					  sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/sub/x.o.kmetrics", dir);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_size, 2);
	snprintf(path, sizeof(path), "%s/sub/x.o.kmetrics.graph", dir);
	ck_assert_int_eq(stat(path, &st), 0);
	/* a directory where the sidecar should be: an error naming the sidecar */
	snprintf(path, sizeof(path), "%s/y.o.kmetrics", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/y.o", dir);
	ck_assert_int_eq(km_outputs_write(NULL, "/", path, "r\n", 2, "g\n", 2, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "y.o.kmetrics"));
}
END_TEST

START_TEST(test_embed_text_is_one_blob_in_its_section)
{
	struct km_buf b;

	km_buf_init(&b);
	km_outputs_embed_asm(&b, "a \"b\"\n", 6, "\t\x01", 2);
	ck_assert_str_eq(b.p, "\t.pushsection\t.discard.kmetrics,\"e\",@progbits\n"
			 "\t.ascii\t\"kmetrics-embed 1 6 2\\n\"\n"
			 "\t.ascii\t\"a \\\"b\\\"\\n\"\n"
			 "\t.ascii\t\"\\t\\001\"\n"
			 "\t.popsection\n");
	km_buf_free(&b);
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("unit");
	TCase *tc = tcase_create("unit");

	tcase_add_test(tc, test_an_edge_is_kept_once_per_callee_and_kind);
	tcase_add_test(tc, test_a_walk_fills_the_record_and_the_m_line);
	tcase_add_test(tc, test_the_records_are_the_kept_main_file_functions_with_their_graph_columns);
	tcase_add_test(tc, test_the_companion_has_every_kept_function_and_each_edge);
	tcase_add_test(tc, test_a_name_no_record_can_hold_writes_no_unit);
	tcase_add_test(tc, test_a_tab_in_a_name_the_companion_holds_is_said_with_the_object);
	tcase_add_test(tc, test_outputs_write_both_files_under_outdir);
	tcase_add_test(tc, test_embed_text_is_one_blob_in_its_section);
	suite_add_tcase(s, tc);
	return s;
}
