/* A ?: the front end folds into a MIN_EXPR after narrowing its comparison
 * (an int against sizeof: (int) MIN ((unsigned) len, 128), with no
 * location on either node) is a min folded from a ?: (SPEC: C2 counts it).
 * 6.1's ptrace_readdata: this_len = (len > sizeof(buf)) ? sizeof(buf) : len.
 * Worked out: m1 C2 = 1 + ?: = 2; m2 = 1 + while + ?: = 3 (fan_out acc).
 * kmetrics 12.2: one short, at every level. */
int acc(char *, int);
/* expect m1 C2=2 C10=1 fan_out=0 */
int m1(int len) { return (len > sizeof(long)) ? sizeof(long) : len; }
/* expect m2 C2=3 C10=2 fan_out=1 */
int m2(int len)
{
	int copied = 0;

	while (len > 0) {
		char buf[128];
		int this_len = (len > sizeof(buf)) ? sizeof(buf) : len;

		copied += acc(buf, this_len);
		len -= this_len;
	}
	return copied;
}
