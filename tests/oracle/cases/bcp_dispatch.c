/* Class P (new, at -O1/-O2/-Os only): a condition on __builtin_constant_p
 * of something that is not constant. README ("Readings"): it is 0 at every
 * level (GCC's -O0 answer), so the dispatch is constant and its dead arm no
 * code. GCC leaves the question to later passes from -O1 on, and kmetrics
 * counts the whole dispatch there: every test_bit() (6.1's bitop(), arch/x86
 * const_test_bit or _test_bit), every this_cpu_add(x, n) of a variable
 * (percpu_add_op's pao_ID__), every max()/min() of signed values
 * (__sign_use's statically_true()). In Linux 6.1 defconfig+KVM at -O2:
 * e1000_main.c's 21 C2 differences, 17 of its fan_out (const_test_bit),
 * most of mm/page_alloc.c's and tcp_input.c's.
 * Worked out (C2 = 1 + decisions, C10 = 1 + levels, fan_out = distinct callees):
 *   tb:   test_bit(3, addr): bitop's ?: condition is bcp(3) && bcp(addr !=
 *         0) && ...: bcp(addr != 0) is 0 (addr is a parameter), so the
 *         condition is 0: only _test_bit(nr, addr) is called. if: 1
 *         decision. C2 2, C10 2, fan_out 2 (_test_bit, g).
 *   padd: pao_ID__ = (bcp(v) && (v == 1 || v == -1)) ? (int)v : 0 is 0
 *         (bcp(v) is 0), a const local with a constant initializer: both
 *         ifs constant, only the else arm runs. C2 1, C10 1, fan_out 1 (add).
 *   smax_of: __sign_use(ux) of a signed ux is 2 + statically_true(ux >= 0),
 *         statically_true = bcp(..) && (..): 0, so __types_ok is 2 & 2, the
 *         assertion's if is constant; one ?: (the max). C2 2, C10 1.
 *   clampv: 6.1's clamp() asserts statically_true(lo > hi) of two non-const
 *         locals: 0, the assertion's call is dead. C2 3 (the two ?: of
 *         min(max())), C10 1, C9 3, fan_out 0.
 * kmetrics 12.2 at -O1/-O2/-Os: tb C2 6 fan_out 3 (const_test_bit), padd
 * C2 6 C10 2 fan_out 3, smax_of C2 5 C10 2 fan_out 1, clampv C2 5 C10 2
 * fan_out 1 (the assertion's error function: in the kernel each is a
 * distinct __compiletime_assert_N, most of its fan_out differences); at -O0
 * tb, smax_of and clampv agree, padd is C2 3 C10 2 (class M, const_local.c). */
#define bitop(op, nr, addr) \
	((__builtin_constant_p(nr) && \
	  __builtin_constant_p((unsigned long)(addr) != (unsigned long)0) && \
	  (unsigned long)(addr) != (unsigned long)0 && \
	  __builtin_constant_p(*(const unsigned long *)(addr))) ? \
	 const##op(nr, addr) : op(nr, addr))
#define test_bit(nr, addr) bitop(_test_bit, nr, addr)
int const_test_bit(long nr, const volatile unsigned long *addr);
int _test_bit(long nr, const volatile unsigned long *addr);
int g(int);
void inc(int *p), dec(int *p), add(int *p, int v);
#define percpu_add_op(var, val) do { \
	const int pao_ID__ = (__builtin_constant_p(val) && ((val) == 1 || (val) == -1)) ? (int)(val) : 0; \
	if (pao_ID__ == 1) inc(&(var)); \
	else if (pao_ID__ == -1) dec(&(var)); \
	else add(&(var), val); } while (0)
#define is_signed_type(type) (((type)(-1)) < (type)1)
#define statically_true(x) (__builtin_constant_p(x) && (x))
#define __sign_use(ux) (is_signed_type(typeof(ux)) ? (2 + statically_true((long long)(ux) >= 0)) : \
	(1 + 2 * (sizeof(ux) < 4)))
void fail(void) __attribute__((__error__("signedness")));
#define smax(x, y) ({ __auto_type ux = (x); __auto_type uy = (y); \
	do { if (!(__sign_use(ux) & __sign_use(uy))) fail(); } while (0); ux > uy ? ux : uy; })
int counter;
/* expect tb C2=2 C10=2 C9=0 fan_out=2 */
int tb(unsigned long *addr) { if (test_bit(3, addr)) return g(1); return 0; }
/* expect padd C2=1 C10=1 C9=1 fan_out=1 */
void padd(int v) { percpu_add_op(counter, v); }
#define clamp(v, l, h) ({ int cv = (v), cl = (l), ch = (h); \
	do { if (__builtin_constant_p(cl > ch) && (cl > ch)) fail(); } while (0); \
	cv < cl ? cl : cv > ch ? ch : cv; })
/* expect clampv C2=3 C10=1 C9=3 fan_out=0 */
int clampv(int v) { return clamp(v, -8, 8); }
/* expect smax_of C2=2 C10=1 C9=2 fan_out=0 */
int smax_of(int a, int b) { return smax(a, b); }
