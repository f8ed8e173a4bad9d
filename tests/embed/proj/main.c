#include <stdio.h>
#include "util.h"

void report(const char *what, int v)
{
	printf("%s: %d\n", what, v);	/* fullwidth colon: ：*/
}

int main(int argc, char **argv)
{
	int a = argc > 1 ? parse(argv[1]) : 3;
	int b = argc > 2 ? parse(argv[2]) : 4;

	report("score", score(a, b));
	return 0;
}
