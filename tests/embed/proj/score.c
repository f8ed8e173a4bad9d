#include "util.h"

static int fib(int n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int score(int a, int b)
{
	int i, s = 0;

	for (i = 0; i < a; i++) {
		switch (i % 3) {
		case 0: s += fib(i % 10); break;
		case 1: s -= b; break;
		default: s ^= i;
		}
	}
	return s;
}
