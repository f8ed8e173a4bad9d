#include "util.h"

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

int parse(const char *s)
{
	int v = 0, neg = 0;

	if (*s == '-') {
		neg = 1;
		s++;
	}
	while (digit(*s))
		v = v * 10 + (*s++ - '0');
	return clamp(neg ? -v : v, -1000, 1000);
}
