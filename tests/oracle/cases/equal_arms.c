/* A ?: whose arms the front end folds to one expression (the second arm a
 * ?: of a constant condition that selects the first arm's value) is
 * folded into that value: SPEC's C2, "one it folds into a plain
 * expression ... is gone and does not count", as the oracle's c ? x : x
 * (tests/oracle/clang/constant.cpp, km_is_plain_ternary). GCC drops its
 * condition with it when that has no side effects, at every -O: that
 * condition is never evaluated, no code, and an && or || in it does not
 * count (docs/measuring.md, the readings; until 2026-12-07 a known limit,
 * "class S", which counted them).
 * Worked out (1 + each ?: not folded + each && and || whose value is not
 * constant):
 *   e1: c ? x : (0 ? f() : x) is x: C2 = 1.
 *   e2: !(a || b == a) ? a : (0 ? f() : a) is a; its condition is
 *       dropped, its || with it: C2 = 1.
 *   e3: c ? x : (d ? x : (0 ? f() : x)): both ?: fold into x: C2 = 1.
 * Found by tests/oracle/gen.py (seeds 6 and 8: IS_ON(OFF) ? ext0() : p0). */
int f(void);
/* expect e1 C2=1 C10=1 fan_out=0 */
int e1(int c, int x) { return c ? x : 0 ? f() : x; }
/* expect e2 C2=1 C10=1 fan_out=0 */
int e2(int a, int b) { return !(a || b == a) ? a : 0 ? f() : a; }
/* expect e3 C2=1 C10=1 fan_out=0 */
int e3(int c, int d, int x) { return c ? x : d ? x : 0 ? f() : x; }
