/* Macros: do { } while (0), statement expressions with locals, constant conditions. */
#define SWAP(a, b) do { int __tmp = (a); (a) = (b); (b) = __tmp; } while (0)
#define MAX3(a, b, c) ({ int __m = (a); if ((b) > __m) __m = (b); if ((c) > __m) __m = (c); __m; })
#define CONFIG_FOO 0
#define IS_ENABLED(x) (x)

void trace(int);
void never(int);

int macro_user(int x, int y, int z)
{
	int r;

	SWAP(x, y);			/* no decision, no level; local __tmp */
	r = MAX3(x, y, z);		/* two ifs: d1, d2 (level 1); local __m */
	if (IS_ENABLED(CONFIG_FOO))	/* constant: no decision, no call */
		never(r);
	if (0)
		never(x);
	else
		trace(r);		/* live: a call edge */
	return r;
}					/* C2=3 C8=0 C9=3 (r, __tmp, __m) C10=2 */

int counter(void)
{
	static int calls;		/* static locals count */
	static int limit = 10;

	if (calls < limit)		/* d1 */
		calls++;
	return calls;
}					/* C1=0 C2=2 C9=2 C10=2 */

/*
 * The kernel's nested-VM consistency checks (arch/x86/kvm/svm/nested.c):
 * CC names another macro, a statement expression with an if of its own.
 * The || between two CCs takes its left operand's range from inside the
 * macro (the && inside the first must count once, not again from there).
 */
#define CHECK_ONE(check) ({ _Bool failed = (check); if (failed) trace(__LINE__); failed; })
#define CC CHECK_ONE
int check_save(unsigned long cr0, unsigned long cr4)
{
	if (CC((cr0 & (1UL << 30)) == 0 && (cr4 & (1UL << 29))) ||	/* if, &&, ||, if failed */
	    CC(cr0 & ~0xffffffffUL))					/* if failed */
		return 0;
	if (CC(!(cr4 & 32)))						/* if, if failed */
		return 0;
	return 1;
}	/* C2 = 1 + 7 = 8; C9 = 3 (failed, per expansion); C10 = 2 (the if in CC's ({ }) sits in the
	 * condition, not in the body: one level, as MAX3's) */

/*
 * The kernel's printk_once (DO_ONCE_LITE_IF, __ONCE_LITE_IF) under an if
 * whose condition ends in a macro with a long name: GCC keeps that
 * macro's expansion point with its range (an ad-hoc location), which must
 * not be read as an offset (reprogram_counter in arch/x86/kvm/pmu.c).
 */
#define ONCE_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define ONCE_LITE_IF(c) ({ static _Bool done; _Bool rc = !!(c); _Bool ro = 0;	\
	if (ONCE_UNLIKELY(rc && !done)) { done = 1; ro = 1; } ONCE_UNLIKELY(ro); })
#define DO_ONCE_LITE(f, ...) ({ _Bool rd = !!(1);					\
	if (ONCE_LITE_IF(rd)) f(__VA_ARGS__); ONCE_UNLIKELY(rd); })
#define EVENTSEL_PIN_CONTROL_OF_THE_COUNTER	(1ULL << 19)
int pin_once(unsigned long sel)
{
	if (sel & EVENTSEL_PIN_CONTROL_OF_THE_COUNTER)	/* if */
		DO_ONCE_LITE(trace, 1);			/* if, if, && */
	return 0;
}	/* C2 = 1 + 4 = 5; C9 = 4 (done, rc, ro, rd); C10 = 3 (trace () in two ifs) */
