/* Class S (new): a local declared straight in the body of a switch on a
 * constant, in an arm that is not taken, is counted in C9. SPEC: code a
 * constant condition makes unreachable (the other arms of a
 * switch (sizeof(x))) contributes nothing, no locals. GCC keeps the
 * declarations of the switch body's block in one list whatever the arm,
 * and kmetrics counts them all. Found by tests/oracle/gen.py.
 * Worked out: switch (sizeof(long)) on x86-64 runs case 8 to its return:
 *   s1: l0 only: C9 1 (l1 is in case 1: dead), C2 1, fan_out 2 (ext1, ext0)
 *   s2: l0 in a block of case 1: dead, C9 0 (kmetrics agrees: a block's
 *       own list) - the control.
 * kmetrics 12.2 at every -O: s1 C9 2, s2 C9 0. */
int ext1(int), ext0(void);
int gv[4];
/* expect s1 C2=1 C9=1 fan_out=2 */
int s1(int p)
{
	switch (sizeof(long)) {
	case 8:
		;
		int l0 = ext1(p) + 3;
		return ext0() + l0;
	case 1:
		;
		int l1 = 3;
		gv[0] = l1;
		break;
	}
	return 0;
}
/* expect s2 C2=1 C9=0 fan_out=1 */
int s2(int p)
{
	switch (sizeof(long)) {
	case 8:
		return ext1(p);
	case 1: {
		int l0 = 3;
		gv[0] = l0;
		break;
	}
	}
	return 0;
}
