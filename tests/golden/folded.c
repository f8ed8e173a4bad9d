/*
 * From -O1 on, GCC 12's front end folds "x == 1 || x == 2 || x == 3" into
 * one range test ((unsigned) x - 1 <= 2) before any plugin sees the body.
 * C2 stays 4 at every level: the || are counted from the source text of
 * the folded test's range. C3 cannot follow: the folded tree has other
 * operators and operands, so folded.opt.expected (-O1 and up) differs from
 * folded.expected (-O0) in C3 only. A known limit, stated in the README.
 */
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
