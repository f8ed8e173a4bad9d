// SPDX-License-Identifier: GPL-2.0
/*
 * A library function the code declares (the kernel's string_64.h declares
 * memcpy and memset) is a callee like any other: copy reaches memcpy and
 * memset (C6 2). Clang declares them implicitly first, the code's
 * declaration after. __builtin_memset is implicitly declared: no edge.
 */
typedef unsigned long size_t;
extern void *memcpy(void *to, const void *from, size_t len);
void *memset(void *s, int c, size_t n);

void copy(char *a, const char *b, size_t n)
{
	memcpy(a, b, n);
	memset(a + n, 0, 8);
	__builtin_memset(a, 0, 2);
}
