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
