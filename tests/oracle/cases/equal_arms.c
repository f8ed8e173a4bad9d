/* Class S (a known limit, docs/measuring.md): a ?: whose arms GCC's front
 * end folds to one expression (the second arm a ?: of a constant
 * condition that selects the first arm's value) is folded into that
 * value when its condition has no side effects, at every -O: the tree
 * keeps no trace of the ?: or of the && and || of its condition.
 * Worked out (1 + each ?: + each && and || whose value is not constant):
 *   e1: c ? x : (0 ? f() : x): the outer ?: counts, the inner one's
 *       condition is constant: C2 = 2.
 *   e2: !(a || b == a) ? a : (0 ? f() : a): C2 = 1 + ?: + || = 3.
 * kmetrics 12.2: C2 1 for both, at every level (listed in known.txt).
 * Found by tests/oracle/gen.py (seeds 6 and 8: IS_ON(OFF) ? ext0() : p0). */
int f(void);
/* expect e1 C2=2 C10=1 fan_out=0 */
int e1(int c, int x) { return c ? x : 0 ? f() : x; }
/* expect e2 C2=3 C10=1 fan_out=0 */
int e2(int a, int b) { return !(a || b == a) ? a : 0 ? f() : a; }
