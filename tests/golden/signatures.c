/* Parameter counts: (void), varargs, pointer-returning functions. */
#include <stdarg.h>

static char buffer[64];

int noargs(void)
{
	return 0;
}					/* C1=0 */

int vsum(int n, ...)
{
	va_list ap;
	int s = 0;

	va_start(ap, n);
	while (n-- > 0)
		s += va_arg(ap, int);
	va_end(ap);
	return s;
}					/* C1=1 (... not counted) C2=2 C9=2; C3 per target: valist.c */

char *first(char *a, char *b, char *c)
{
	return a ? a : b ? b : c;
}					/* C1=3 (pointer return) C2=3 */

const char **table(const char **t, unsigned long i)
{
	return t + i;
}					/* C1=2 */

char *get_buffer(void)
{
	return buffer;
}					/* C1=0 */
