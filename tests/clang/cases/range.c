// SPDX-License-Identifier: GPL-2.0
/*
 * A comparison whose value the operand's type decides is constant (GCC's
 * front end folds it: shorten_compare, fold; README: constant), so an if
 * on it is no decision and what it makes unreachable is dead: sev.c's
 * range->addr > ULONG_MAX. Each function's C2 is 1 + its one live if
 * (g()): 2; C10 2.
 */
struct range { unsigned long addr, size; };
int g(void);

int too_big(struct range *range)
{
	if (range->addr > (~0UL) || range->size > (~0UL))
		return -22;
	if (g())
		return 1;
	return 0;
}

int narrow(unsigned char c, int i)
{
	if (c == 300 || i > 2147483647 || c < 0)
		return -1;
	if (g())
		return 1;
	return 0;
}
