/* Comparisons that the operand's type decides, and ?: that are one of
 * their operands whatever the condition: GCC's front end folds them at
 * every level (shorten_compare and fold: gcc -Wtype-limits warns of most),
 * so they are no decision (SPEC.md: a condition folded to a constant, a ?:
 * folded into a plain expression). Worked out from C's types: an s64 is
 * never > S64_MAX (6.1's do_timens_ktime_to_host: if (unlikely(tim >
 * KTIME_MAX))), an unsigned char never > 300 nor == 300, a 3-bit unsigned
 * bit-field never > 7, a 4-bit signed one never < -8, a _Bool never > 1 nor
 * == 2, an enum of 0 and 1 (unsigned int) never < 0, an unsigned short
 * always <= 65535, an int always >= INT_MIN; each function C2 = 1. But a
 * signed char against 200u is converted to unsigned: -1 becomes UINT_MAX,
 * so c < 200u is a real test: C2 2.
 * sel: !ret ? 0 : ret is ret (6.1's request_any_context_irq), a == b ? b :
 * a is a, e < ULONG_MAX ? e : ULONG_MAX is e (6.1's fill_ac): C2 1; but
 * a < b ? a : b is a minimum, a decision: C2 2.
 * kmetrics agrees; the oracle before range.cpp counted every one. */
typedef long long s64;
struct bf { unsigned a:3; int b:4; _Bool c; };
enum e { E0, E1 };
/* expect t1 C2=1 C10=1 */
int t1(s64 x) { if (__builtin_expect(x > 0x7fffffffffffffffLL, 0)) x = 0; return x; }
/* expect t2 C2=1 C10=1 */
int t2(unsigned char c) { return (c > 300 || c == 300) ? 7 : 9; }
/* expect t4 C2=1 C10=1 */
int t4(struct bf *p) { if (p->a > 7 || p->b < -8) return 1; return 0; }
/* expect t6 C2=1 C10=1 */
int t6(_Bool c, struct bf *p) { while (c > 1 || p->c == 2) c++; return c; }
/* expect t7 C2=1 C10=1 */
int t7(enum e v, unsigned short s, int i) { if (v < 0) return 1; return s <= 65535 && i >= -2147483647-1; }
/* expect t8 C2=2 C10=2 */
int t8(signed char c) { if (c < 200u) return 1; return 0; }
/* expect sel C2=1 C10=1 */
unsigned long sel(int ret, int a, int b, unsigned long long e)
{
	return (!ret ? 0 : ret) + (a == b ? b : a) +
	       (e < (unsigned long)-1l ? (unsigned long)e : (unsigned long)-1l);
}
/* expect mn C2=2 C10=1 */
int mn(int a, int b) { return a < b ? a : b; }
/* A one-bit field is a one-bit test (6.1's __do_sys_sched_getscheduler:
 * p->sched_reset_on_fork ? SCHED_RESET_ON_FORK : 0): GCC folds
 * b ? 64 : 0 into (word << 6) & 64 at every level, so C2 1 for ob; a
 * two-bit field, b ? 0 : 64 and b ? 3 : 0 stay ?: (C2 2 each, 4 for nb). */
struct flags { unsigned a:1, b:2; int c:1; };
/* expect ob C2=1 C10=1 */
int ob(struct flags *p) { return (p->a ? 64 : 0) | (p->c ? 0x40000000 : 0) | (p->a != 0 ? 2 : 0); }
/* expect nb C2=4 C10=1 */
int nb(struct flags *p) { return (p->b ? 64 : 0) | (p->a ? 0 : 64) | (p->a ? 3 : 0); }
/* x & 0 is 0 whatever x is (6.1's IS_ALIGNED(offset, UPROBE_SWBP_INSN_SIZE)
 * with the size 1 on x86: (offset & ((typeof(offset))1 - 1)) == 0): the if
 * is on a constant, no decision; C2 1. */
#define IS_ALIGNED(x, a) (((x) & ((typeof(x))(a) - 1)) == 0)
/* expect al C2=1 C10=1 */
int al(long long off) { if (!IS_ALIGNED(off, 1)) return -22; return 0; }
/* x | C with C not 0 is never 0 (GCC's tree_expr_nonzero_p; csmith's
 * if ((... | 18446744073709551606UL) | 1L)): the if is on a constant, its
 * else is dead: C2 1. A ?: folded into its one arm (c ? x : x) drops its
 * condition when nothing in it runs: the && in it is gone too (a generated
 * do (!(a > 8 && b)) ? p : p; while (...)): C2 1 + while = 2. */
/* expect nz C2=2 C10=2 */
int nz(unsigned long x, int p, int a)
{
	if ((x | 18446744073709551606UL) | 1L)
		p++;
	else if (a && p)
		p--;
	do
		(!(a > 8 && p >= 2)) ? p : p;
	while (--a);
	return p;
}
/* One value compared with itself, through casts that keep it (6.1's
 * md.c: if (sector != (sector_t)sector) with sector an unsigned long long
 * and sector_t a u64): GCC folds it to 0, the if is on a constant: C2 1.
 * x < y stays a test (C2 2 for sd). */
typedef unsigned long long u64;
/* expect ss C2=1 C10=1 */
int ss(unsigned long long s) { if (s != (u64)s) return -22; return 0; }
/* expect sd C2=2 C10=2 */
int sd(unsigned long long s, u64 t) { if (s < t) return -22; return 0; }
/* But a compound literal is an object read, not a constant, to GCC's
 * front end (6.1's jump_label_init: BUILD_BUG_ON((int)ATOMIC_INIT(0) != 0),
 * ATOMIC_INIT(i) being { (i) }): the if stays, C2 2. */
/* expect cl C2=2 C10=2 */
int cl(int a) { if ((int){ (0) } != 0) return a; return 0; }
