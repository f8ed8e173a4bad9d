/* Class M at -O0, for const locals: a const local integer with a constant
 * initializer is its value (README, "Readings": GCC folds it from -O1 on).
 * The kernel's this_cpu_inc(x) and this_cpu_dec(x) are percpu_add_op with
 * val 1 or -1, whose pao_ID__ is such a local: at -O0 kmetrics counts its
 * if and else if (two decisions, a level) and walks the dead arms.
 * Worked out: pao_ID__ = (bcp(1) && (1 == 1 || 1 == -1)) ? 1 : 0 = 1;
 * if (1) inc(): the else arms are dead.
 *   pinc: C2 1, C10 1, C9 1 (pao_ID__), fan_out 1 (inc)
 *   lim:  n = 4 is constant: if (n > 8) is dead: C2 1, C10 1, C9 1, fan_out 0
 * kmetrics 12.2 at -O0: pinc C2 3 C10 2 fan_out 3, lim C2 2 C10 2 fan_out 1;
 * from -O1 on it agrees. */
void inc(int *p), dec(int *p), add(int *p, int v);
int g(int);
#define percpu_add_op(var, val) do { \
	const int pao_ID__ = (__builtin_constant_p(val) && ((val) == 1 || (val) == -1)) ? (int)(val) : 0; \
	if (pao_ID__ == 1) inc(&(var)); \
	else if (pao_ID__ == -1) dec(&(var)); \
	else add(&(var), val); } while (0)
#define this_cpu_inc(x) percpu_add_op(x, 1)
int counter;
/* expect pinc C2=1 C10=1 C9=1 fan_out=1 */
void pinc(void) { this_cpu_inc(counter); }
/* expect lim C2=1 C10=1 C9=1 fan_out=0 */
int lim(void) { const int n = 4; if (n > 8) return g(n); return n; }
