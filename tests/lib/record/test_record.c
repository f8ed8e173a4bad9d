// SPDX-License-Identifier: GPL-2.0
/*
 * test_record.c - lib/record/record.c: Python-repr doubles, the record writer,
 * the strict record parser (with a seeded fuzz test), C11 and Halstead.
 *
 * Expected float texts were printed by Python 3.11's repr() of the same
 * IEEE double (its bits are given where the value is not a plain literal).
 */
#include <check.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/km_record.h"

#ifndef KM_REFERENCE
#define KM_REFERENCE "tests/data/kvm-x86-records.txt"
#endif

#define FULLWIDTH_COLON	"\xef\xbc\x9a"

static double bits_to_double(uint64_t u)
{
	double d;

	memcpy(&d, &u, sizeof(d));
	return d;
}

static uint64_t double_to_bits(double d)
{
	uint64_t u;

	memcpy(&u, &d, sizeof(u));
	return u;
}

/* km_format_double of @v, in a static buffer. */
static const char *fmt(double v)
{
	static char buf[KM_DOUBLE_MAX];

	ck_assert_int_gt(km_format_double(buf, sizeof(buf), v), 0);
	return buf;
}

/* km_record_parse of a NUL-terminated line; its error, or NULL. */
static const char *parse_err(const char *line, struct km_record *r)
{
	struct km_record tmp;
	const char *err = NULL;
	int ret = km_record_parse(line, strlen(line), r ? r : &tmp, &err);

	if (ret == 0)
		ck_assert_ptr_null(err);
	else
		ck_assert_ptr_nonnull(err);
	return ret ? err : NULL;
}

static const char *good_line =
	"kvm_handle_invpcid : 3 : 15 : 37039.08889827342 : 231 : 1 : 38 : 0 : "
	"0 : 6 : 3 : 0.3999999999999999 " FULLWIDTH_COLON "0";

/* ---- km_format_double ---- */

START_TEST(test_double_prints_whole_numbers_with_a_point_zero)
{
	ck_assert_str_eq(fmt(992.0), "992.0");
	ck_assert_str_eq(fmt(1.0), "1.0");
	ck_assert_str_eq(fmt(0.0), "0.0");
	ck_assert_str_eq(fmt(-0.0), "-0.0");
	ck_assert_str_eq(fmt(-3.0), "-3.0");
	ck_assert_str_eq(fmt(100.0), "100.0");
	ck_assert_str_eq(fmt(1e15), "1000000000000000.0");
	ck_assert_str_eq(fmt(9999999999999998.0), "9999999999999998.0");
}
END_TEST

START_TEST(test_double_prints_the_shortest_text_that_reads_back)
{
	ck_assert_str_eq(fmt(331.2), "331.2");
	ck_assert_str_eq(fmt(468.00000000000006), "468.00000000000006");
	ck_assert_str_eq(fmt(0.3999999999999999), "0.3999999999999999");
	ck_assert_str_eq(fmt(0.1 + 0.2), "0.30000000000000004");
	ck_assert_str_eq(fmt(1234567890123456.8), "1234567890123456.8");
	ck_assert_str_eq(fmt(123456789012345.6), "123456789012345.6");
	ck_assert_str_eq(fmt(37039.08889827342), "37039.08889827342");
	ck_assert_str_eq(fmt(-331.2), "-331.2");
}
END_TEST

START_TEST(test_double_uses_an_exponent_below_1e_minus_4)
{
	ck_assert_str_eq(fmt(0.0001), "0.0001");
	ck_assert_str_eq(fmt(0.00012), "0.00012");
	ck_assert_str_eq(fmt(1e-05), "1e-05");
	ck_assert_str_eq(fmt(9.999999999999999e-05), "9.999999999999999e-05");
	ck_assert_str_eq(fmt(5e-324), "5e-324");
	ck_assert_str_eq(fmt(-1.5e-7), "-1.5e-07");
	ck_assert_str_eq(fmt(2.2250738585072014e-308), "2.2250738585072014e-308");
}
END_TEST

START_TEST(test_double_uses_an_exponent_from_1e16)
{
	ck_assert_str_eq(fmt(1e16), "1e+16");
	ck_assert_str_eq(fmt(1.5e16), "1.5e+16");
	ck_assert_str_eq(fmt(1e22), "1e+22");
	ck_assert_str_eq(fmt(1e23), "1e+23");
	ck_assert_str_eq(fmt(1.7976931348623157e308), "1.7976931348623157e+308");
	ck_assert_str_eq(fmt(-1e100), "-1e+100");
}
END_TEST

START_TEST(test_double_prints_inf_and_nan_as_python_does)
{
	ck_assert_str_eq(fmt(HUGE_VAL), "inf");
	ck_assert_str_eq(fmt(-HUGE_VAL), "-inf");
	ck_assert_str_eq(fmt(NAN), "nan");
	ck_assert_str_eq(fmt(-NAN), "nan");
}
END_TEST

START_TEST(test_double_fails_when_the_buffer_is_too_small)
{
	char buf[8];

	ck_assert_int_eq(km_format_double(buf, 5, 992.0), -1);
	ck_assert_int_eq(km_format_double(buf, 6, 992.0), 5);
	ck_assert_str_eq(buf, "992.0");
	ck_assert_int_eq(km_format_double(buf, 0, 1.0), -1);
}
END_TEST

/*
 * Python 3.11 repr() of these doubles. The first 46 are the powers of two
 * whose shortest text is not the correctly rounded one of that length (the
 * rounding interval below a power of two is half as wide as above); then
 * random bit patterns, random values in [0, 1e5) and [0, 1), and a few
 * well-known ones.
 */
static const struct {
	uint64_t bits;
	const char *repr;
} python_reprs[] = {
	{ 0x0060000000000000ULL, "7.120236347223045e-307" },
	{ 0x0100000000000000ULL, "7.291122019556398e-304" },
	{ 0x0420000000000000ULL, "8.209073602596753e-289" },
	{ 0x0660000000000000ULL, "5.641232424577593e-278" },
	{ 0x0d70000000000000ULL, "5.858190679279809e-244" },
	{ 0x0e80000000000000ULL, "7.678447687145631e-239" },
	{ 0x0eb0000000000000ULL, "6.142758149716505e-238" },
	{ 0x0f50000000000000ULL, "6.290184345309701e-235" },
	{ 0x13e0000000000000ULL, "5.940911144672375e-213" },
	{ 0x1480000000000000ULL, "6.083493012144512e-210" },
	{ 0x1690000000000000ULL, "5.225680706521042e-200" },
	{ 0x1730000000000000ULL, "5.351097043477547e-197" },
	{ 0x1da0000000000000ULL, "5.426657103235053e-166" },
	{ 0x2020000000000000ULL, "5.966672584960166e-154" },
	{ 0x20f0000000000000ULL, "4.887898181599368e-150" },
	{ 0x2160000000000000ULL, "6.256509672447191e-148" },
	{ 0x2800000000000000ULL, "5.075883674631299e-116" },
	{ 0x2910000000000000ULL, "6.653062250012736e-111" },
	{ 0x2d70000000000000ULL, "7.854549544476363e-90" },
	{ 0x3730000000000000ULL, "7.174648137343064e-43" },
	{ 0x39e0000000000000ULL, "6.310887241768095e-30" },
	{ 0x3b20000000000000ULL, "6.617444900424222e-24" },
	{ 0x3d30000000000000ULL, "5.684341886080802e-14" },
	{ 0x3e70000000000000ULL, "5.960464477539063e-08" },
	{ 0x4580000000000000ULL, "6.189700196426902e+26" },
	{ 0x4790000000000000ULL, "5.316911983139664e+36" },
	{ 0x4830000000000000ULL, "5.444517870735016e+39" },
	{ 0x4ab0000000000000ULL, "5.986310706507379e+51" },
	{ 0x4b50000000000000ULL, "6.129982163463556e+54" },
	{ 0x5120000000000000ULL, "6.070840288205404e+82" },
	{ 0x5300000000000000ULL, "6.518515124270356e+91" },
	{ 0x5580000000000000ULL, "7.167183174968974e+103" },
	{ 0x5790000000000000ULL, "6.156563468186638e+113" },
	{ 0x58d0000000000000ULL, "6.455624695217272e+119" },
	{ 0x5940000000000000ULL, "8.263199609878108e+121" },
	{ 0x5e00000000000000ULL, "6.243497100631985e+144" },
	{ 0x6150000000000000ULL, "5.623642243178996e+160" },
	{ 0x61f0000000000000ULL, "5.758609657015292e+163" },
	{ 0x6290000000000000ULL, "5.896816288783659e+166" },
	{ 0x63d0000000000000ULL, "6.183260036827614e+172" },
	{ 0x6510000000000000ULL, "6.483618076376552e+178" },
	{ 0x6c50000000000000ULL, "5.386379163185535e+213" },
	{ 0x7220000000000000ULL, "5.334411546303884e+241" },
	{ 0x75e0000000000000ULL, "6.150157786156811e+259" },
	{ 0x77f0000000000000ULL, "5.282945311356653e+269" },
	{ 0x7cf0000000000000ULL, "6.386688990511104e+293" },
	{ 0x4164d8399f767c45ULL, "10928588.983213553" },
	{ 0x5bc8fbbcbde5c099ULL, "1.4186613525849614e+134" },
	{ 0xb0c11fdecb91ce37ULL, "-7.571968556055867e-74" },
	{ 0xd76d4330f1446beaULL, "-1.4074705188261364e+113" },
	{ 0xa6eb8c9ebd69fe29ULL, "-3.3339745473042614e-121" },
	{ 0x87b0b125ec1d7da0ULL, "-1.2342180766211395e-271" },
	{ 0xd7210dff076ce2efULL, "-5.126864004244935e+111" },
	{ 0xc6a5387777330bdbULL, "-2.1520217579844227e+32" },
	{ 0x3fc1ea36f17fd374ULL, "0.1399601630397701" },
	{ 0x0d464138a6233255ULL, "1.01853664031722e-244" },
	{ 0x2827688de6a16a3bULL, "2.9704598186234577e-115" },
	{ 0x5f2dd97f1cfb10f6ULL, "3.0534183338726823e+150" },
	{ 0xde5271007814e8a2ULL, "-2.3027782228163463e+146" },
	{ 0x617959ce3f1f65a8ULL, "3.56409621163656e+161" },
	{ 0x1a1afe878b33e968ULL, "6.352929017207453e-183" },
	{ 0x3fd4235992edcf45ULL, "0.3146575865605324" },
	{ 0xbb2edb20035b7399ULL, "-1.2761724801771812e-23" },
	{ 0x687c966c377b9aa2ULL, "2.0868668176225336e+195" },
	{ 0x2e9c82b1478c281dULL, "3.66898827745704e-84" },
	{ 0xde11cc9dea959c21ULL, "-1.389122273370197e+145" },
	{ 0x63b229f1c4069545ULL, "1.7548715433165102e+172" },
	{ 0xc30d8b7628dbd25eULL, "-1039514241563211.8" },
	{ 0x126a1e48cc11d357ULL, "5.7804021771411506e-220" },
	{ 0x9e30691c238642eaULL, "-2.8497478716107576e-163" },
	{ 0x71e0c07e9e115e4bULL, "3.490691392124745e+240" },
	{ 0x21da8978206f5c66ULL, "1.3282314387596086e-145" },
	{ 0xf8eb18b900745130ULL, "-2.9317061175715426e+274" },
	{ 0x015c33b2df1461aaULL, "4.1124768973349897e-302" },
	{ 0xc60a3cab359eeefbULL, "-2.5983853818656714e+29" },
	{ 0xf5cae3bf3729c619ULL, "-2.5839922981649337e+259" },
	{ 0x2a759159fb7ff337ULL, "3.7615508677292285e-104" },
	{ 0x2a9eba0cdf561d80ULL, "2.1435728770450893e-103" },
	{ 0x504b74ba4a0fe75dULL, "6.3583676891104784e+78" },
	{ 0x32ea6928f6236bf2ULL, "2.0062829023357212e-63" },
	{ 0xe049548e8a0a8c96ULL, "-6.792475937705741e+155" },
	{ 0xa02fdaa1ad864c44ULL, "-1.1878910286585398e-153" },
	{ 0x2e81d66d346c6e2bULL, "1.1477511623364303e-84" },
	{ 0xf7f35634f0e3cd97ULL, "-6.384685499984821e+269" },
	{ 0x3266aa3bb0cde917ULL, "6.725524671613862e-66" },
	{ 0xf7108e96f770c226ULL, "-3.3367034274052276e+265" },
	{ 0x40f5d1e2af22a4b3ULL, "89374.16775764785" },
	{ 0x40dd2db8f23e682aULL, "29878.889785386775" },
	{ 0x40e1a2dfca864aafULL, "36118.99347223841" },
	{ 0x40d034e6c4005a20ULL, "16595.60571297456" },
	{ 0x40cc7518712ed317ULL, "14570.190954068252" },
	{ 0x40b971f8a9942e54ULL, "6513.971337567626" },
	{ 0x40dd6dfa3eb3603fULL, "30135.91007694625" },
	{ 0x40ed72dffde05881ULL, "60310.99974076544" },
	{ 0x407524fdb21bca02ULL, "338.31193743567576" },
	{ 0x40f08d16cc9d5f3aULL, "67793.42495476911" },
	{ 0x40e07fb5f50ba8faULL, "33789.686162786515" },
	{ 0x40de44f2c3237913ULL, "30995.793160312878" },
	{ 0x40f3fbbceb601cdaULL, "81851.80746470709" },
	{ 0x40e7795098e327ecULL, "48074.518663003895" },
	{ 0x40ded6d3e09e6a97ULL, "31579.310584644405" },
	{ 0x40e77f3ad6015756ULL, "48121.83862368639" },
	{ 0x40f1342e9d581804ULL, "70466.91341409093" },
	{ 0x40b64417cbce45d4ULL, "5700.092953578995" },
	{ 0x40f7ce5f4d105a5cULL, "97509.95631442353" },
	{ 0x40a1dd1cd6aa82f8ULL, "2286.5563252720713" },
	{ 0x3fe7fe52216e3a3eULL, "0.7497950222912733" },
	{ 0x3feb0943a59dff44ULL, "0.8448808893881297" },
	{ 0x3f92804bc647cae0ULL, "0.01806753537853012" },
	{ 0x3fe93526f5ace10cULL, "0.7877383039804342" },
	{ 0x3fd76f910302cbdeULL, "0.36618447584186054" },
	{ 0x3fe28339eb5d6c78ULL, "0.5785188290568746" },
	{ 0x3f8297b073ec28c0ULL, "0.009078386819528439" },
	{ 0x3fa7ec9ded4be940ULL, "0.04672711869894153" },
	{ 0x3fc7285ea9faba80ULL, "0.18091948795104784" },
	{ 0x3fee90d56fd14cc9ULL, "0.9551798995911663" },
	{ 0x3fb999999999999aULL, "0.1" },
	{ 0x3fc999999999999aULL, "0.2" },
	{ 0x3fe6666666666666ULL, "0.7" },
	{ 0x3fd5555555555555ULL, "0.3333333333333333" },
	{ 0x3fe5555555555555ULL, "0.6666666666666666" },
	{ 0x4059000000000000ULL, "100.0" },
	{ 0x430c6bf526340000ULL, "1000000000000000.0" },
	{ 0x3f1a36e2eb1c432dULL, "0.0001" },
	{ 0x3f1a36e2eb1c432cULL, "9.999999999999999e-05" },
	{ 0x405edd2f1a9fbe77ULL, "123.456" },
	{ 0x0000000000000001ULL, "5e-324" },
	{ 0x0010000000000000ULL, "2.2250738585072014e-308" },
	{ 0x000fffffffffffffULL, "2.225073858507201e-308" },
	{ 0x7fefffffffffffffULL, "1.7976931348623157e+308" },
	{ 0x4480f0cf064dd592ULL, "1e+22" },
	{ 0x44b52d02c7e14af6ULL, "1e+23" },
	{ 0x4340000000000000ULL, "9007199254740992.0" },
	{ 0x3fe0000000000000ULL, "0.5" },
	{ 0x3e7ad7f29abcaf48ULL, "1e-07" },
	{ 0x4011666666666666ULL, "4.35" },
	{ 0x40e215e2d8413120ULL, "37039.08889827342" },
};

START_TEST(test_double_prints_what_python_repr_prints)
{
	size_t i;

	for (i = 0; i < sizeof(python_reprs) / sizeof(python_reprs[0]); i++)
		ck_assert_str_eq(fmt(bits_to_double(python_reprs[i].bits)),
				 python_reprs[i].repr);
}
END_TEST

static uint64_t rng_state;

static uint64_t rng(void)
{
	/* xorshift64*, seeded by each test: the same sequence every run */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* Digits in the mantissa of a repr text: "331.2" -> 4, "5e-324" -> 1. */
static int significant_digits(const char *s)
{
	int n = 0, lead = 1;

	for (; *s && *s != 'e'; s++) {
		if (*s < '0' || *s > '9')
			continue;
		if (lead && *s == '0')
			continue;
		lead = 0;
		n++;
	}
	return n;
}

START_TEST(test_double_round_trips_random_doubles_bit_for_bit)
{
	char buf[KM_DOUBLE_MAX];
	double v, back;
	int i, n;

	rng_state = 0x6b6d6574726963ULL;
	for (i = 0; i < 20000; i++) {
		v = bits_to_double(rng());
		if (!isfinite(v))
			continue;
		n = km_format_double(buf, sizeof(buf), v);
		ck_assert_int_gt(n, 0);
		ck_assert_int_eq((int)strlen(buf), n);
		back = strtod(buf, NULL);
		ck_assert_msg(double_to_bits(back) == double_to_bits(v),
			      "%s does not read back", buf);
		ck_assert_int_le(significant_digits(buf), 17);
	}
}
END_TEST

START_TEST(test_double_ignores_the_locale_decimal_point)
{
	static const char *const comma_locales[] = {
		"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
		"nl_NL.UTF-8", "de_DE", NULL,
	};
	struct km_record r;
	char line[KM_LINE_MAX];
	const char *got = NULL;
	int i;

	for (i = 0; comma_locales[i] && !got; i++)
		got = setlocale(LC_NUMERIC, comma_locales[i]);
	if (!got || strcmp(localeconv()->decimal_point, ",")) {
		setlocale(LC_NUMERIC, "C");
		/* make check-unit built one (KM_LOCALE_REQUIRED): it must be there */
		ck_assert_msg(!getenv("KM_LOCALE_REQUIRED"),
			      "no locale with a ',' decimal point in LOCPATH=%s",
			      getenv("LOCPATH") ? getenv("LOCPATH") : "");
		fprintf(stderr, "skipped: no locale with a ',' decimal point "
			"(make check-unit builds one under build/ with localedef)\n");
		return;
	}
	ck_assert_str_eq(fmt(331.2), "331.2");
	ck_assert_str_eq(fmt(468.00000000000006), "468.00000000000006");
	ck_assert_str_eq(fmt(1.5e16), "1.5e+16");
	ck_assert_str_eq(fmt(2.2250738585072014e-308), "2.2250738585072014e-308");
	ck_assert_ptr_null(parse_err(good_line, &r));
	ck_assert(r.halstead == 37039.08889827342);
	ck_assert(r.score == 0.3999999999999999);
	ck_assert_int_gt(km_record_format(line, sizeof(line), &r), 0);
	ck_assert_int_eq(strncmp(line, good_line, strlen(good_line)), 0);
	setlocale(LC_NUMERIC, "C");
}
END_TEST

/* ---- km_record_format ---- */

static void sample_record(struct km_record *r)
{
	memset(r, 0, sizeof(*r));
	strcpy(r->name, "kvm_handle_invpcid");
	r->params = 3;
	r->cyclomatic = 15;
	r->halstead = 37039.08889827342;
	r->age_days = 231;
	r->depth = 1;
	r->callees = 38;
	r->callers = 0;
	r->self_calls = 0;
	r->locals = 6;
	r->nesting = 3;
	r->score = 1.0 - 0.2 * 3;
	r->label = 0;
}

START_TEST(test_record_prints_the_reference_line_layout)
{
	struct km_record r;
	char buf[KM_LINE_MAX];
	int n;

	sample_record(&r);
	n = km_record_format(buf, sizeof(buf), &r);
	ck_assert_int_eq(n, (int)strlen(good_line) + 1);
	ck_assert_int_eq(strncmp(buf, good_line, strlen(good_line)), 0);
	ck_assert_int_eq(buf[n - 1], '\n');
}
END_TEST

START_TEST(test_record_prints_fullwidth_colon_before_label)
{
	struct km_record r;
	char buf[KM_LINE_MAX];
	const char *p;
	int n, seps = 0;

	sample_record(&r);
	r.label = 1;
	n = km_record_format(buf, sizeof(buf), &r);
	ck_assert_int_gt(n, 6);
	/* " \xef\xbc\x9a" "1\n": space, U+FF1A as EF BC 9A, label, LF */
	ck_assert_int_eq(memcmp(buf + n - 6, " \xef\xbc\x9a" "1\n", 6), 0);
	ck_assert_str_eq(KM_LABEL_SEP, " " FULLWIDTH_COLON);
	for (p = buf; (p = strstr(p, " : ")); p += 3)
		seps++;
	ck_assert_int_eq(seps, 11);
	ck_assert_ptr_null(strstr(buf, " :0"));
}
END_TEST

START_TEST(test_record_refuses_what_the_parser_would_not_read_back)
{
	struct km_record r;
	char buf[KM_LINE_MAX];

	sample_record(&r);
	r.name[0] = '\0';
	ck_assert_int_eq(km_record_format(buf, sizeof(buf), &r), -1);
	ck_assert_str_eq(buf, "");
	sample_record(&r);
	strcpy(r.name, "two words");
	ck_assert_int_eq(km_record_format(buf, sizeof(buf), &r), -1);
	strcpy(r.name, "a:b");
	ck_assert_int_eq(km_record_format(buf, sizeof(buf), &r), -1);
	strcpy(r.name, "tab\there");
	ck_assert_int_eq(km_record_format(buf, sizeof(buf), &r), -1);
	strcpy(r.name, "bad\xff");
	ck_assert_int_eq(km_record_format(buf, sizeof(buf), &r), -1);
	sample_record(&r);
	r.locals = -1;
	ck_assert_int_eq(km_record_format(buf, sizeof(buf), &r), -1);
	sample_record(&r);
	r.label = 2;
	ck_assert_int_eq(km_record_format(buf, sizeof(buf), &r), -1);
	sample_record(&r);
	r.halstead = NAN;
	ck_assert_int_eq(km_record_format(buf, sizeof(buf), &r), -1);
	sample_record(&r);
	memset(r.name, 'x', sizeof(r.name));	/* no NUL */
	ck_assert_int_eq(km_record_format(buf, sizeof(buf), &r), -1);
}
END_TEST

START_TEST(test_record_fails_when_the_buffer_is_too_small)
{
	struct km_record r;
	char buf[KM_LINE_MAX];
	int n;

	sample_record(&r);
	n = km_record_format(buf, sizeof(buf), &r);
	ck_assert_int_eq(km_record_format(buf, n, &r), -1);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(km_record_format(buf, n + 1, &r), n);
}
END_TEST

START_TEST(test_record_write_puts_the_line_on_a_stream)
{
	struct km_record r;
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	ck_assert_ptr_nonnull(f);
	sample_record(&r);
	ck_assert_int_eq(km_record_write(f, &r), 0);
	r.label = 1;
	strcpy(r.name, "second");
	ck_assert_int_eq(km_record_write(f, &r), 0);
	r.name[0] = '\0';
	ck_assert_int_eq(km_record_write(f, &r), -1);
	fclose(f);
	ck_assert_int_eq(strncmp(text, good_line, strlen(good_line)), 0);
	ck_assert_str_eq(text + strlen(good_line),
			 "\nsecond : 3 : 15 : 37039.08889827342 : 231 : 1 : 38 : "
			 "0 : 0 : 6 : 3 : 0.3999999999999999 " FULLWIDTH_COLON "1\n");
	free(text);
}
END_TEST

/* ---- km_record_parse ---- */

START_TEST(test_parse_reads_every_field)
{
	struct km_record r;

	memset(&r, 0x5a, sizeof(r));
	ck_assert_ptr_null(parse_err(
		"f\xc3\xa9 : 1 : 2 : 331.2 : 4 : 5 : 6 : 7 : 8 : 9 : 10 : 0.8 "
		FULLWIDTH_COLON "1", &r));
	ck_assert_str_eq(r.name, "f\xc3\xa9");
	ck_assert_int_eq(r.params, 1);
	ck_assert_int_eq(r.cyclomatic, 2);
	ck_assert(r.halstead == 331.2);
	ck_assert_int_eq(r.age_days, 4);
	ck_assert_int_eq(r.depth, 5);
	ck_assert_int_eq(r.callees, 6);
	ck_assert_int_eq(r.callers, 7);
	ck_assert_int_eq(r.self_calls, 8);
	ck_assert_int_eq(r.locals, 9);
	ck_assert_int_eq(r.nesting, 10);
	ck_assert(r.score == 0.8);
	ck_assert_int_eq(r.label, 1);
}
END_TEST

START_TEST(test_parse_reads_every_reference_line_back_byte_identically)
{
	FILE *f = fopen(KM_REFERENCE, "r");
	char line[4096], out[KM_LINE_MAX];
	struct km_record r;
	const char *err;
	size_t len;
	int n = 0;

	ck_assert_msg(f != NULL, "%s: %s", KM_REFERENCE, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		n++;
		len = strlen(line);
		ck_assert_msg(len && line[len - 1] == '\n', "line %d has no LF", n);
		err = NULL;
		ck_assert_msg(!km_record_parse(line, len - 1, &r, &err),
			      "%s:%d: %s", KM_REFERENCE, n, err);
		ck_assert_int_eq(km_record_format(out, sizeof(out), &r), (int)len);
		ck_assert_str_eq(out, line);
	}
	fclose(f);
	ck_assert_int_eq(n, 311);
}
END_TEST

START_TEST(test_parse_takes_the_largest_long)
{
	struct km_record r;

	ck_assert_ptr_null(parse_err(
		"f : 9223372036854775807 : 0 : 0.0 : 0 : 0 : 0 : 0 : 0 : 0 : 0 "
		": 1.0 " FULLWIDTH_COLON "0", &r));
	ck_assert_int_eq(r.params, 9223372036854775807L);
}
END_TEST

START_TEST(test_parse_rejects_lines_that_are_not_utf8)
{
	ck_assert_str_eq(parse_err(
		"f\xff : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : 10 : 0.8 "
		FULLWIDTH_COLON "1", NULL), "line is not valid UTF-8");
	/* overlong '/', a surrogate, a truncated sequence */
	ck_assert_str_eq(parse_err("\xc0\xaf", NULL), "line is not valid UTF-8");
	ck_assert_str_eq(parse_err("\xed\xa0\x80", NULL), "line is not valid UTF-8");
	ck_assert_str_eq(parse_err("f \xef\xbc", NULL), "line is not valid UTF-8");
}
END_TEST

START_TEST(test_parse_rejects_an_ascii_colon_before_label)
{
	const char *want = "missing ' " FULLWIDTH_COLON "' before LABEL "
			   "(an ASCII ':' is not the fullwidth colon)";

	ck_assert_str_eq(parse_err(
		"f : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : 10 : 0.8 :1", NULL), want);
	ck_assert_str_eq(parse_err(
		"f : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : 10 : 0.8 : 1", NULL), want);
	ck_assert_str_eq(parse_err(
		"f : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : 10 : 0.8" FULLWIDTH_COLON
		"1", NULL), want);
	ck_assert_str_eq(parse_err("", NULL), want);
}
END_TEST

START_TEST(test_parse_counts_the_fields)
{
	ck_assert_str_eq(parse_err(
		"f : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : 0.8 " FULLWIDTH_COLON "1",
		NULL), "expected 13 fields, found 12");
	ck_assert_str_eq(parse_err(
		"f : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : 10 : 11 : 0.8 "
		FULLWIDTH_COLON "1", NULL), "expected 13 fields, found 14");
	ck_assert_str_eq(parse_err(" " FULLWIDTH_COLON "1", NULL),
			 "expected 13 fields, found 2");
	ck_assert_str_eq(parse_err(
		"f : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : 10 :  : 0.8 "
		FULLWIDTH_COLON "1", NULL), "expected 13 fields, found 14");
}
END_TEST

START_TEST(test_parse_requires_label_0_or_1)
{
	ck_assert_str_eq(parse_err(
		"f : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : 10 : 0.8 " FULLWIDTH_COLON
		"2", NULL), "LABEL must be 0 or 1");
	ck_assert_str_eq(parse_err(
		"f : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : 10 : 0.8 " FULLWIDTH_COLON,
		NULL), "LABEL must be 0 or 1");
	ck_assert_str_eq(parse_err(
		"f : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : 10 : 0.8 " FULLWIDTH_COLON
		" 1", NULL), "LABEL must be 0 or 1");
}
END_TEST

START_TEST(test_parse_rejects_trailing_text_after_label)
{
	ck_assert_str_eq(parse_err(
		"f : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : 10 : 0.8 " FULLWIDTH_COLON
		"1 ", NULL), "trailing text after LABEL");
	ck_assert_str_eq(parse_err(
		"f : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : 10 : 0.8 " FULLWIDTH_COLON
		"0\r", NULL), "trailing text after LABEL");
	ck_assert_str_eq(parse_err(
		"f : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : 10 : 0.8 " FULLWIDTH_COLON
		"10", NULL), "trailing text after LABEL");
}
END_TEST

/* @c3 in place of C3 of an otherwise good line; the parse error. */
static const char *c3_err(const char *c3)
{
	char line[256];

	snprintf(line, sizeof(line), "f : 1 : 2 : %s : 4 : 5 : 6 : 7 : 8 : 9 : "
		 "10 : 0.8 " FULLWIDTH_COLON "1", c3);
	return parse_err(line, NULL);
}

START_TEST(test_parse_requires_floats_in_repr_form)
{
	static const char *const bad[] = {
		"1e3", "1000", "3.70e4", "37039.088898273420", "0.80", "08.0",
		".5", "1.", "+1.0", " 1.0", "1.0 ", "inf", "nan", "-nan", "1e+3",
		"1E+16", "1e16", "1.0e+16", "1e-5", "0.00001", "0x1p3", "1,5",
		"1e+016", "", "-", "1e999", "5e-325", "1.2.3",
		"0.30000000000000004441", "468.000000000000057",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(c3_err(bad[i]) &&
			      !strcmp(c3_err(bad[i]), "field C3: not a float in repr form"),
			      "C3 '%s' accepted or wrong error", bad[i]);
	ck_assert_ptr_null(c3_err("1e+16"));
	ck_assert_ptr_null(c3_err("-0.0"));
	ck_assert_ptr_null(c3_err("5e-324"));
	ck_assert_ptr_null(c3_err("468.00000000000006"));
	ck_assert_str_eq(parse_err(
		"f : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : 10 : .8 " FULLWIDTH_COLON
		"1", NULL), "field C11: not a float in repr form");
}
END_TEST

START_TEST(test_parse_requires_plain_decimal_integers)
{
	const char *msg = "field C1: not a plain decimal integer "
			  "(digits only, no sign, no leading zero)";

	ck_assert_str_eq(parse_err("f : 01 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : "
				   "10 : 0.8 " FULLWIDTH_COLON "1", NULL), msg);
	ck_assert_str_eq(parse_err("f : +1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : "
				   "10 : 0.8 " FULLWIDTH_COLON "1", NULL), msg);
	ck_assert_str_eq(parse_err("f : -1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : "
				   "10 : 0.8 " FULLWIDTH_COLON "1", NULL), msg);
	ck_assert_str_eq(parse_err("f : 1.0 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : "
				   "10 : 0.8 " FULLWIDTH_COLON "1", NULL), msg);
	ck_assert_str_eq(parse_err("f :  : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : "
				   "10 : 0.8 " FULLWIDTH_COLON "1", NULL), msg);
	ck_assert_str_eq(parse_err("f : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : "
				   "1x : 0.8 " FULLWIDTH_COLON "1", NULL),
			 "field C10: not a plain decimal integer "
			 "(digits only, no sign, no leading zero)");
	ck_assert_str_eq(parse_err("f : 1 : 2 : 3.0 : 9223372036854775808 : 5 : 6 : "
				   "7 : 8 : 9 : 10 : 0.8 " FULLWIDTH_COLON "1", NULL),
			 "field C4: does not fit in a long");
	ck_assert_str_eq(parse_err("f : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : "
				   "99999999999999999999999 : 10 : 0.8 "
				   FULLWIDTH_COLON "1", NULL),
			 "field C9: does not fit in a long");
}
END_TEST

START_TEST(test_parse_requires_a_name_without_spaces_or_colons)
{
	char line[1024];

	ck_assert_str_eq(parse_err(" : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : "
				   "10 : 0.8 " FULLWIDTH_COLON "1", NULL),
			 "field NAME: empty");
	ck_assert_str_eq(parse_err("a b : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : "
				   "10 : 0.8 " FULLWIDTH_COLON "1", NULL),
			 "field NAME: contains a space, a control character or ':'");
	ck_assert_str_eq(parse_err("a:b : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : "
				   "10 : 0.8 " FULLWIDTH_COLON "1", NULL),
			 "field NAME: contains a space, a control character or ':'");
	ck_assert_str_eq(parse_err(" f : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : "
				   "10 : 0.8 " FULLWIDTH_COLON "1", NULL),
			 "field NAME: contains a space, a control character or ':'");
	memset(line, 'n', 512);
	strcpy(line + 512, " : 1 : 2 : 3.0 : 4 : 5 : 6 : 7 : 8 : 9 : 10 : 0.8 "
	       FULLWIDTH_COLON "1");
	ck_assert_str_eq(parse_err(line, NULL), "field NAME: longer than 511 bytes");
	ck_assert_ptr_null(parse_err(line + 1, NULL));
}
END_TEST

START_TEST(test_parse_leaves_the_record_alone_on_error)
{
	struct km_record r, before;
	const char *err = NULL;

	memset(&r, 0x5a, sizeof(r));
	before = r;
	ck_assert_int_eq(km_record_parse(good_line, strlen(good_line) - 1, &r,
					 &err), -1);
	ck_assert_int_eq(memcmp(&r, &before, sizeof(r)), 0);
	ck_assert_int_eq(km_record_parse(good_line, strlen(good_line), &r,
					 NULL), 0);
	ck_assert_str_eq(r.name, "kvm_handle_invpcid");
}
END_TEST

START_TEST(test_parse_reads_only_len_bytes)
{
	struct km_record r;
	char buf[512];
	const char *err;

	snprintf(buf, sizeof(buf), "%s\nGARBAGE", good_line);
	ck_assert_int_eq(km_record_parse(buf, strlen(good_line), &r, &err), 0);
	ck_assert_int_eq(km_record_parse(buf, strlen(good_line) + 1, &r, &err), -1);
	ck_assert_str_eq(err, "trailing text after LABEL");
}
END_TEST

/* ---- fuzz: accepted => formats back to the very same line ---- */

static const char *const fuzz_seeds[] = {
	"kvm_handle_invpcid : 3 : 15 : 37039.08889827342 : 231 : 1 : 38 : 0 : "
	"0 : 6 : 3 : 0.3999999999999999 " FULLWIDTH_COLON "0",
	"kvm_is_user_mode : 1 : 2 : 537.5999999999999 : 4046 : 1 : 1 : 0 : 0 : "
	"1 : 1 : 1.0 " FULLWIDTH_COLON "1",
	"f : 0 : 1 : 0.0 : 0 : 0 : 0 : 0 : 0 : 0 : 1 : 1.0 " FULLWIDTH_COLON "0",
	"big : 9 : 99 : 1.5e+16 : 10 : 0 : 120 : 7 : 2 : 12 : 9 : "
	"0.19999999999999996 " FULLWIDTH_COLON "1",
	"\xc3\xa9t\xc3\xa9 : 2 : 3 : 5e-05 : 4 : 5 : 6 : 7 : 8 : 9 : 10 : 0.6 "
	FULLWIDTH_COLON "0",
};

static const char *const fuzz_snippets[] = {
	" : ", " ", ":", " :", ": ", FULLWIDTH_COLON, " " FULLWIDTH_COLON, "0",
	"1", "9", ".", "-", "+", "e", "e+", "e-0", ".0", "00", "\xff", "\xc0\x80",
	"\xed\xa0\x80", "\x80", "\xef\xbc", "\t", "\r", "\n", "nan", "inf",
	"9223372036854775808", "1e+16", "0.6000000000000001",
};

static size_t fuzz_pick(size_t n)
{
	return n ? (size_t)(rng() % n) : 0;
}

/* Positions of every KM_SEP / KM_LABEL_SEP in @s; how many. */
static size_t fuzz_seps(const char *s, size_t len, size_t *pos, size_t max,
			const char *sep)
{
	size_t i, n = 0, sl = strlen(sep);

	for (i = 0; i + sl <= len && n < max; i++)
		if (!memcmp(s + i, sep, sl))
			pos[n++] = i;
	return n;
}

static void fuzz_insert(char *s, size_t *len, size_t at, const char *ins,
			size_t n, size_t cap)
{
	if (*len + n > cap)
		return;
	memmove(s + at + n, s + at, *len - at);
	memcpy(s + at, ins, n);
	*len += n;
}

static void fuzz_delete(char *s, size_t *len, size_t at, size_t n)
{
	if (at + n > *len)
		n = *len - at;
	memmove(s + at, s + at + n, *len - at - n);
	*len -= n;
}

static void fuzz_mutate(char *s, size_t *len, size_t cap)
{
	size_t pos[32], n, at = fuzz_pick(*len + 1);
	const char *sn;
	char c;

	switch (rng() % 10) {
	case 0:		/* flip one bit */
		if (*len)
			s[fuzz_pick(*len)] ^= (char)(1 << (rng() % 8));
		break;
	case 1:		/* delete a few bytes */
		fuzz_delete(s, len, at, 1 + fuzz_pick(3));
		break;
	case 2:		/* insert a random byte */
		c = (char)rng();
		fuzz_insert(s, len, at, &c, 1, cap);
		break;
	case 3:		/* insert a snippet */
		sn = fuzz_snippets[fuzz_pick(sizeof(fuzz_snippets) /
					     sizeof(fuzz_snippets[0]))];
		fuzz_insert(s, len, at, sn, strlen(sn), cap);
		break;
	case 4:		/* duplicate a separator */
		n = fuzz_seps(s, *len, pos, 32, KM_SEP);
		if (n)
			fuzz_insert(s, len, pos[fuzz_pick(n)], KM_SEP, 3, cap);
		break;
	case 5:		/* remove a separator */
		n = fuzz_seps(s, *len, pos, 32, KM_SEP);
		if (n)
			fuzz_delete(s, len, pos[fuzz_pick(n)], 3);
		break;
	case 6:		/* ASCII ':' for the fullwidth one */
		n = fuzz_seps(s, *len, pos, 32, FULLWIDTH_COLON);
		if (n) {
			at = pos[fuzz_pick(n)];
			fuzz_delete(s, len, at, 3);
			fuzz_insert(s, len, at, ":", 1, cap);
		}
		break;
	case 7:		/* truncate */
		*len = at;
		break;
	case 8:		/* a non-UTF-8 byte */
		c = (char)(0x80 | (rng() & 0x7f));
		fuzz_insert(s, len, at, &c, 1, cap);
		break;
	case 9:		/* change one digit */
		if (*len) {
			at = fuzz_pick(*len);
			if (s[at] >= '0' && s[at] <= '9')
				s[at] = (char)('0' + rng() % 10);
		}
		break;
	}
}

START_TEST(test_parse_accepts_only_lines_it_would_write_under_fuzzing)
{
	char work[KM_LINE_MAX], out[KM_LINE_MAX + 1];
	struct km_record r;
	const char *err;
	size_t len, nseeds = sizeof(fuzz_seeds) / sizeof(fuzz_seeds[0]);
	int i, m, accepted = 0, rejected = 0, n;
	char *exact;

	rng_state = 0x5eed5eed12345678ULL;
	for (i = 0; i < 20000; i++) {
		const char *seed = fuzz_seeds[i % nseeds];

		len = strlen(seed);
		memcpy(work, seed, len);
		for (m = 1 + fuzz_pick(3); m > 0; m--)
			fuzz_mutate(work, &len, sizeof(work));
		/* an exact-size copy, so a read past @len is a sanitizer error */
		exact = (char *)malloc(len ? len : 1);
		ck_assert_ptr_nonnull(exact);
		memcpy(exact, work, len);
		err = NULL;
		if (km_record_parse(exact, len, &r, &err)) {
			ck_assert_msg(err && *err, "rejected without a reason");
			rejected++;
			free(exact);
			continue;
		}
		accepted++;
		n = km_record_format(out, sizeof(out), &r);
		ck_assert_msg(n == (int)len + 1 && !memcmp(out, exact, len) &&
			      out[len] == '\n',
			      "case %d: accepted '%.*s' but it formats as '%s'",
			      i, (int)len, exact, out);
		free(exact);
	}
	ck_assert_int_gt(accepted, 100);
	ck_assert_int_gt(rejected, 10000);
}
END_TEST

/* ---- C11 and C3 ---- */

START_TEST(test_score_is_one_minus_a_fifth_per_threshold_crossed)
{
	/* Python: [repr(1.0 - 0.2*k) for k in range(6)] */
	static const char *const want[6] = {
		"1.0", "0.8", "0.6", "0.3999999999999999", "0.19999999999999996",
		"0.0",
	};
	struct km_record r;
	int k;

	memset(&r, 0, sizeof(r));
	for (k = 0; k <= 5; k++) {
		r.cyclomatic = k > 0 ? 8 : 7;
		r.halstead = k > 1 ? 20000.000000000004 : 20000.0;
		r.callers = k > 2 ? 6 : 5;
		r.locals = k > 3 ? 11 : 10;
		r.params = k > 4 ? 8 : 7;
		ck_assert_str_eq(fmt(km_score(&r)), want[k]);
	}
}
END_TEST

START_TEST(test_score_counts_each_threshold_alone)
{
	struct km_record r;

	memset(&r, 0, sizeof(r));
	r.params = 8;
	ck_assert_str_eq(fmt(km_score(&r)), "0.8");
	r.params = 0;
	r.callers = 6;
	ck_assert_str_eq(fmt(km_score(&r)), "0.8");
	r.callers = 0;
	r.halstead = 20001.0;
	ck_assert_str_eq(fmt(km_score(&r)), "0.8");
	r.halstead = 0.0;
	r.locals = 11;
	r.cyclomatic = 8;
	ck_assert_str_eq(fmt(km_score(&r)), "0.6");
}
END_TEST

START_TEST(test_halstead_effort_is_difficulty_times_volume)
{
	/*
	 * n1=2 n2=3 N1=4 N2=5: D = (2/2) * (5/3) = 1.6666666666666667,
	 * N = 9, n = 5, V = 9 * log2(5) = 20.89735285398626,
	 * E = D * V = 34.82892142331043 (Python, same order of operations).
	 */
	ck_assert_str_eq(fmt(km_halstead_effort(2, 3, 4, 5)), "34.82892142331043");
	/* n1=10 n2=7 N1=30 N2=25: D = 17.857142857142858, V = 55 * log2(17) */
	ck_assert_str_eq(fmt(km_halstead_effort(10, 7, 30, 25)), "4014.472433370869");
}
END_TEST

START_TEST(test_halstead_effort_is_zero_without_operands)
{
	ck_assert_str_eq(fmt(km_halstead_effort(5, 0, 9, 0)), "0.0");
	ck_assert_str_eq(fmt(km_halstead_effort(0, 0, 0, 0)), "0.0");
	/* n = 1: log2(1) = 0 */
	ck_assert_str_eq(fmt(km_halstead_effort(0, 1, 0, 3)), "0.0");
	/* no operators: D = 0 */
	ck_assert_str_eq(fmt(km_halstead_effort(0, 4, 0, 4)), "0.0");
}
END_TEST

static TCase *tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);

	suite_add_tcase(s, tc);
	return tc;
}

Suite *record_suite(void)
{
	Suite *s = suite_create("record");
	TCase *tc;

	tc = tcase(s, "doubles print as Python repr");
	tcase_add_test(tc, test_double_prints_whole_numbers_with_a_point_zero);
	tcase_add_test(tc, test_double_prints_the_shortest_text_that_reads_back);
	tcase_add_test(tc, test_double_uses_an_exponent_below_1e_minus_4);
	tcase_add_test(tc, test_double_uses_an_exponent_from_1e16);
	tcase_add_test(tc, test_double_prints_inf_and_nan_as_python_does);
	tcase_add_test(tc, test_double_fails_when_the_buffer_is_too_small);
	tcase_add_test(tc, test_double_prints_what_python_repr_prints);
	tcase_add_test(tc, test_double_round_trips_random_doubles_bit_for_bit);
	tcase_add_test(tc, test_double_ignores_the_locale_decimal_point);

	tc = tcase(s, "records print in the reference layout");
	tcase_add_test(tc, test_record_prints_the_reference_line_layout);
	tcase_add_test(tc, test_record_prints_fullwidth_colon_before_label);
	tcase_add_test(tc, test_record_refuses_what_the_parser_would_not_read_back);
	tcase_add_test(tc, test_record_fails_when_the_buffer_is_too_small);
	tcase_add_test(tc, test_record_write_puts_the_line_on_a_stream);

	tc = tcase(s, "the parser accepts exactly what the writer prints");
	tcase_add_test(tc, test_parse_reads_every_field);
	tcase_add_test(tc, test_parse_reads_every_reference_line_back_byte_identically);
	tcase_add_test(tc, test_parse_takes_the_largest_long);
	tcase_add_test(tc, test_parse_rejects_lines_that_are_not_utf8);
	tcase_add_test(tc, test_parse_rejects_an_ascii_colon_before_label);
	tcase_add_test(tc, test_parse_counts_the_fields);
	tcase_add_test(tc, test_parse_requires_label_0_or_1);
	tcase_add_test(tc, test_parse_rejects_trailing_text_after_label);
	tcase_add_test(tc, test_parse_requires_floats_in_repr_form);
	tcase_add_test(tc, test_parse_requires_plain_decimal_integers);
	tcase_add_test(tc, test_parse_requires_a_name_without_spaces_or_colons);
	tcase_add_test(tc, test_parse_leaves_the_record_alone_on_error);
	tcase_add_test(tc, test_parse_reads_only_len_bytes);

	tc = tcase(s, "the parser survives fuzzing");
	tcase_add_test(tc, test_parse_accepts_only_lines_it_would_write_under_fuzzing);

	tc = tcase(s, "score and Halstead effort");
	tcase_add_test(tc, test_score_is_one_minus_a_fifth_per_threshold_crossed);
	tcase_add_test(tc, test_score_counts_each_threshold_alone);
	tcase_add_test(tc, test_halstead_effort_is_difficulty_times_volume);
	tcase_add_test(tc, test_halstead_effort_is_zero_without_operands);
	return s;
}
