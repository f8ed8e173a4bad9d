/*
 * From -O1 on, GCC 12's front end folds "x == 1 || x == 2 || x == 3" into
 * one range test ((unsigned) x - 1 <= 2) before any plugin sees the body.
 * C2 stays 4 at every level: the || are counted from the source text of
 * the folded test's range. C3 cannot follow: the folded tree has other
 * operators and operands, so folded.opt.expected (-O1 and up) differs from
 * folded.expected (-O0) in C3 only. A known limit, stated in docs/measuring.md.
 * run.sh checks that C2 (and every column but C3 and C11) agree.
 */
#define unlikely(x) __builtin_expect(!!(x), 0)
#define likely(x) __builtin_expect(!!(x), 1)
int range(int x)
{
	/* -O2 folds this into one range test; the || are counted from its text */
	if (x == 1 || x == 2 || x == 3)
		return 1;
	return 0;
}					/* C2=4 */

int commented(int c)
{
	/* the comment's && is no operator */
	if (c == 'a' /* && never */ || c == 'b' || c == '|')
		return 1;
	return 0;
}					/* C2=4: if and two || */

/* Each C2 worked out by hand: 1 + if/loops + every && and || written. */
int not_and(int a, int b) { if (!(a && b)) return 1; return 0; }		/* 3 */
int not_or_and(int a, int b, int c) { if (!(a || b) && c) return 1; return 0; }	/* 4 */
int and_eq_zero(int a, int b) { return (a && b) == 0; }				/* 2 */
int not_ptr(int *q) { return !(q && *q); }					/* 2 */
int hints(int a, int b, int c)
{
	if (likely(a && b) || unlikely(c > 3 && a < 2))				/* 5 */
		return 1;
	return 0;
}
int lower(unsigned x) { if (x >= 'a' && x <= 'z') return 1; return 0; }	/* 3 */
int odd(int x) { return x == 1 || x == 3 || x == 5 || x == 7; }			/* 4 */
int loop_or(int a, int b)
{
	while (a > 0 && b > 0) {						/* 5 */
		a--;
		if (a == 3 || b == 2)
			break;
	}
	return a;
}
int space(int c)
{
	if (unlikely(c == ' ' || c == '\t' || c == '\n'))			/* 4 */
		return 1;
	return 0;
}
