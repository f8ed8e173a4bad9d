/* Operands GCC's front end folds while parsing, inside conditions kmetrics
 * reads as text (docs/measuring.md: an && or || counts when its own value
 * is not constant). Found by tests/oracle/gen.py (seeds 2, 4, 6, 7, 8),
 * each kmetrics 12.2 one short or one over at every -O before the fix.
 * Worked out by hand: 1, plus each if and ?: whose condition is not
 * constant, plus each && and || whose own value is not constant.
 *
 *   c1: sizeof(long) == 8 is constant (1 on x86-64 and arm64), so
 *       !(... || ...) is 0 and x() && 0 has the constant value 0 (x()
 *       still runs); 0 || gv[0] || p leaves two || of unknown value.
 *       C2 = 1 + if + 2 || = 4; C10 2 (the if's body); fan_out x, g.
 *   c2: (a && b) && 0: the if's condition is constant 0 (no decision, the
 *       call dead), but a && b runs and is not constant: C2 = 1 + 1 = 2.
 *   c3: (a && c) || 1 || b: constant 1 (b never runs), a && c runs:
 *       C2 = 2; an always-true if is no decision and its body no level
 *       (C10 1), its call live (fan_out 1).
 *   c4: likely (0 || unlikely (a != b)): the || is a != b's truth, not
 *       constant: C2 = 1 + if + || = 3.
 *   c5: ((1 && unlikely (f(a))) || 0): && and || both f(a)'s truth:
 *       C2 = 1 + if + && + || = 4.
 *   c6: unlikely (likely (a != b) || !1) as a statement ?:: C2 = 1 + ?: +
 *       || = 3; a statement ?: is no C10 level.
 *   c7: a constant the text spells ((unsigned char)256 is 0, and
 *       1UL << 12 > 4096 is 0): a && 0 has the value 0, the if is
 *       constant and its body dead: C2 = 1, C10 1, fan_out 0.
 *   c8: (ON && a) || OFF (the audit's k2): both a's truth: C2 = 1 + if +
 *       && + || = 4 (GCC leaves a != 0 at the '||').
 *   c9: (a || OFF) ? 1 : 0: a truth value (no decision) of a || whose value
 *       is a's: C2 = 2 (GCC leaves a != 0 at the ':').
 *   c10: (!(OFF) && likely(!a)) ? 1 : 0: the same through likely(): C2 = 2.
 *   c11: !(ON || b) ? x : (!(likely(a) || unlikely(!a)) ? 1 : 0): the
 *       first ?: is on a constant (no decision), the second a truth value:
 *       only its || counts: C2 = 2.
 *   c12: while (likely(a <= b && !b && OFF)): a constant loop (no
 *        decision, its body dead), but a <= b && !b runs: C2 = 2.
 *   c13: else if ((a >= 4 || b < -2) && !(ON)): a constant else if (no
 *        decision, its body dead), its || runs: C2 = 1 + if + || = 3.
 */
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define ON 1
#define OFF 0
int x(void), y(void), f(int), g(int);
extern int gv[4];
/* expect c1 C2=4 C10=2 fan_out=2 */
int c1(int p) { if ((x() && !(sizeof(long) == 8 || sizeof(long) == 4)) || gv[0] || p) return g(1); return 0; }
/* expect c2 C2=2 C10=1 fan_out=0 */
int c2(int a, int b) { if ((!a && !b) && 0) return g(1); return 0; }
/* expect c3 C2=2 C10=1 fan_out=1 */
int c3(int a, int b, int c) { if ((a && c) || 1 || b) return g(1); return 0; }
/* expect c4 C2=3 C10=2 fan_out=1 */
int c4(int a, int b) { if (likely(!(sizeof(int) == 4) || unlikely(a != b))) return g(1); return 0; }
/* expect c5 C2=4 C10=2 fan_out=2 */
int c5(int a) { if (((sizeof(int) == 4 || sizeof(int) == 8) && unlikely(f(a))) || 0) return g(1); return 0; }
/* expect c6 C2=3 C10=1 fan_out=2 */
int c6(int a, int b) { (unlikely((likely(a != b) || !(1)))) ? x() : y(); return 0; }
/* expect c7 C2=1 C10=1 fan_out=0 */
int c7(int a) { if (a && (unsigned char)256 + (1UL << 12 > 4096)) return g(1); return 0; }
/* expect c8 C2=4 C10=2 fan_out=1 */
int c8(int a) { if ((ON && a) || OFF) return g(1); return 0; }
/* expect c9 C2=2 C10=1 fan_out=0 */
int c9(int a) { return (a || OFF) ? 1 : 0; }
/* expect c10 C2=2 C10=1 fan_out=0 */
int c10(int a) { return (!(OFF) && likely(!a)) ? 1 : 0; }
/* expect c11 C2=2 C10=1 fan_out=0 */
int c11(int a, int b, int x) { return !(ON || b) ? x : (!(likely(a) || unlikely(!a))) ? 1 : 0; }
/* expect c12 C2=2 C10=1 fan_out=0 */
int c12(int a, int b) { while (likely(a <= b && !b && OFF)) g(1); return 0; }
/* expect c13 C2=3 C10=2 fan_out=1 */
int c13(int a, int b) { if (a) g(1); else if ((a >= 4 || b < -2) && !(ON)) x(); return 0; }
