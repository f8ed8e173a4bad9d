/* && and || in conditions and in plain expressions; ?: plain and folded to min/max. */
#define unlikely(x) __builtin_expect(!!(x), 0)
int probe(int);
int both(int a, int b)
{
	if (a && b)			/* if d1, && d2 */
		return 1;
	return 0;
}					/* C2=3 C10=2 */

int either(int a, int b, int c)
{
	if (a || (b && c))		/* d1 if, d2 ||, d3 && */
		return 1;
	return a > 2 || b < 3;		/* d4 || in an expression */
}					/* C2=5 */

int flags(int *p, int a)
{
	return p && *p && a;		/* d1, d2 */
}					/* C2=3 C10=1 */

int pick(int a, int b, int c)
{
	int m = a > b ? a : b;		/* folded to MAX_EXPR: still d1 */
	int n = c < m ? c : m;		/* folded to MIN_EXPR: d2 */
	int o = a ? b * 2 : c + 1;	/* plain ?: d3 */
	int z = a ? 1 : 0;		/* folded to a != 0: gone, no decision */

	return m + n + o + z;
}					/* C2=4 C9=4 C10=1 */

int hinted(int v)
{
	/* GCC distributes __builtin_expect over ||: still two || */
	if (unlikely(!probe(v) || probe(v + 1) || v > 9))
		return 0;
	return 1;
}					/* C2=4 (if, ||, ||) C6=1 */
