/* Class R (new, from -O1 on): a condition whose range tests contradict or
 * complete each other (x > 5 && x < 2, x > 5 || x <= 5, x == 4 && !x) is
 * folded to a constant by GCC's front end from -O1 on (fold_range_test),
 * not at -O0: kmetrics then counts no decision and drops the branch, so
 * C2, C10 and fan_out change with the level. The oracle reads a variable:
 * no constant (README: constant is what GCC folds at every level, plus the
 * const variables and __builtin_constant_p taken at every level).
 * Worked out (1 + if + && or ||; the if's body one level; g called):
 *   r1, r2, r3: C2 3, C10 2, fan_out 1.
 * kmetrics 12.2: right at -O0; at -O1/-O2/-Os C2 1, C10 1, fan_out 0 (r3
 * keeps its call: the always-true if's branch is live). Found by
 * tests/oracle/gen.py (its BOTH(p0 == 4, !p0)). */
int g(int);
/* expect r1 C2=3 C10=2 fan_out=1 */
int r1(int x) { if (x == 4 && !x) return g(1); return 0; }
/* expect r2 C2=3 C10=2 fan_out=1 */
int r2(int x) { if (x > 5 && x < 2) return g(1); return 0; }
/* expect r3 C2=3 C10=2 fan_out=1 */
int r3(int x) { if (x > 5 || x <= 5) return g(1); return 0; }
