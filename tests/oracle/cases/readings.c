/* The oracle's readings where GCC folds what Clang's evaluator does not
 * (tests/oracle/README.md), each worked out here; kmetrics agrees at every
 * -O. The oracle checks itself against these values (oracle.py cases).
 *   dax:   IS_DAX() with S_DAX 0 (FS_DAX off): x & 0 is 0, the if is
 *          constant, its branch dead: C2 1, fan_out 0.
 *   hwp:   unlikely(page->flags & 0) (__PG_HWPOISON without
 *          MEMORY_FAILURE): the same through __builtin_expect: C2 1.
 *   er32:  c ? R : R (e1000's er32(STATUS), one offset on every chip) is
 *          R, a plain expression (SPEC: a ?: folded into one is gone):
 *          C2 1, fan_out 1 (rd).
 *   cmpx:  a switch on sizeof whose cases are blocks ending in break
 *          (cmpxchg): only case 8's block; default's call is dead:
 *          C2 1, C10 1, fan_out 1 (x8).
 *   known: f() || 1 is 1 although f() runs: the || decides nothing, the if
 *          on it is a decision (f() runs): C2 2, C10 2, fan_out 2.
 *   orone: x || 1 with x a plain read is 1: a constant if, no decision;
 *          the code after its return is walked (no reading of reachability
 *          but constant conditions): C2 1, fan_out 1 (g).
 *   elifc: an else if on a constant is an else holding the chosen branch:
 *          C2 2 (if), C10 2, fan_out 1 (g: g(2) and g(3) are one callee).
 *   const_loop: for (;;) and do { } while (0) add no level or decision;
 *          while (0)'s body is dead: C2 2 (if), C10 2, C9 1, fan_out 1.
 *   stmt_cond: an if inside a statement expression in an if's condition
 *          sits at the outer if's level: C2 3, C10 2, C9 1.
 *   strlen_lit: strlen("abcd") is 4, no call left (GCC and Clang fold
 *          it): fan_out 0; strlen_var: fan_out 1.
 *   guarded: a variable with __attribute__((cleanup(unlock))) calls
 *          unlock when its scope ends (the kernel's guard()): fan_out 1.
 *   no_types: i < 0 for an unsigned i is 0 (GCC folds it at every level):
 *          the loop is dead; v >= 0 is 1 for an unsigned enum, so the &&
 *          is v < 1's: C2 2, C10 1, C9 1, fan_out 0. */
int g(int), f(void), rd(unsigned long);
void x1(void), x8(void), wrong_size(void);
int x, y;
struct inode { unsigned int i_flags; };
#define S_DAX 0
#define IS_DAX(inode) ((inode)->i_flags & S_DAX)
#define unlikely(x) __builtin_expect(!!(x), 0)
/* expect dax C2=1 C10=1 fan_out=0 */
int dax(struct inode *inode) { if (IS_DAX(inode)) return g(1); return 0; }
/* expect hwp C2=1 C10=1 fan_out=0 */
int hwp(struct inode *inode) { if (unlikely(inode->i_flags & 0)) return g(2); return 0; }
/* expect er32 C2=1 fan_out=1 */
int er32(int mac_type) { return rd(8 + (mac_type >= 2 ? 0x8 : 0x8)); }
/* expect cmpx C2=1 C10=1 fan_out=1 */
void cmpx(long *p)
{
	switch (sizeof(*p)) {
	case 1: { x1(); break; }
	case 8: { x8(); break; }
	default: wrong_size();
	}
}
/* expect known C2=2 C10=2 fan_out=2 */
int known(void) { if (f() || 1) return g(1); return 0; }
/* expect orone C2=1 C10=1 fan_out=1 */
int orone(void) { if (x || 1) return 0; return g(1); }
/* expect elifc C2=2 C10=2 fan_out=1 */
int elifc(int a) { if (a) return g(1); else if (sizeof(long) == 8) return g(2); else return g(3); }
/* expect const_loop C2=2 C10=2 C9=1 fan_out=1 */
int const_loop(int a)
{
	for (;;) {
		int t = a;
		do { if (t) g(t); } while (0);
		while (0) f();
		break;
	}
	return 0;
}
/* expect stmt_cond C2=3 C10=2 C9=1 fan_out=1 */
int stmt_cond(int a) { if (({ int t = a; if (t > 2) t = 2; t; })) return g(a); return 0; }
unsigned long strlen(const char *);
void unlock(int *);
enum kind { K0, K1 };
/* expect strlen_lit C2=1 fan_out=0 */
int strlen_lit(void) { return strlen("abcd"); }
/* expect strlen_var C2=1 fan_out=1 */
int strlen_var(const char *s) { return strlen(s); }
/* expect guarded C2=1 C9=1 fan_out=1 */
int guarded(void) { int l __attribute__((cleanup(unlock))) = 1; return l; }
/* expect no_types C2=2 C10=1 C9=1 fan_out=0 */
int no_types(enum kind v)
{
	unsigned long i;

	for (i = 0; i < 0; i++)
		g(i);
	return v >= 0 && v < 1;
}
