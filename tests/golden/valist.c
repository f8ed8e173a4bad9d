/*
 * va_list, the one place where the records of one source differ between
 * targets: what the C front end builds for va_start, va_copy, va_end and
 * va_arg depends on the target's va_list type (-fdump-tree-original shows
 * it). x86-64's is an array of one struct, so `ap` is already a pointer;
 * AAPCS64's (aarch64) is a struct, which the builtins take by reference:
 *
 *   va_start(ap, n)   x86-64: (struct *) &ap      aarch64: (struct &) (struct *) &ap
 *   va_end(ap)        x86-64: (struct *) &ap      aarch64: (struct &) (struct *) &ap
 *   va_copy(d, s)     x86-64: (struct *) &d, (struct *) &s
 *                     aarch64: (struct &) (struct *) &d, s
 *   va_arg(p, int), p a va_list parameter:
 *                     x86-64: VA_ARG_EXPR <p>     aarch64: VA_ARG_EXPR <&p>
 *
 * Only written casts count (docs/measuring.md), so the conversions leave C3 alone,
 * but the '&' aarch64 adds to va_arg and drops from va_copy do not:
 * C3 (and C11 through it) differs; valist.aarch64-linux-gnu-gcc-12.expected
 * holds aarch64's records. GCC 11 and 12 build the same trees on x86-64.
 * Halstead parts (n1 n2 N1 N2) and effort E = (n1/2)(N2/n2)(N1+N2)log2(n1+n2):
 */
#include <stdarg.h>

int va_param(const char *fmt, va_list ap)
{
	return va_arg(ap, int) + *fmt;
}	/* x86-64: return + * va_arg, fmt ap: 4 2 4 2, E = 2*1*6*log2(6) = 31.02
	 * aarch64: & (address of ap) is one more kind: 5 2 5 2, E = 2.5*7*log2(7) = 49.13 */

int va_copied(int n, ...)
{
	va_list a, b;

	va_start(a, n);
	va_copy(b, a);
	n += va_arg(b, int);
	va_end(b);
	va_end(a);
	return n;
}	/* x86-64: 4 calls, 6 &, va_arg, =, +, return: n1 6, N1 14 (n += x is
	 * (SAVE_EXPR <x>, n = n + x): evaluating x first, no comma); the three
	 * builtins, a, b, n: n2 6, N2 14; E = 3*(14/6)*28*log2(12) = 702.65
	 * aarch64: 5 & (va_copy takes s as it is): 6 6 13 14, E = 677.56.
	 * signatures.c's vsum: 9 6 13 13 on both */
