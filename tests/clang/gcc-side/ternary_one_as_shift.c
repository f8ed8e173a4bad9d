// SPDX-License-Identifier: GPL-2.0
/*
 * ternary_one_as_shift.c - a GCC plugin bug that check-clang-kvm found (the Clang plugin and
 * tests/oracle agree on the values below, the GCC plugin does not):
 *   gcc -O2 -fplugin=build/kmetrics.so -c tests/clang/gcc-side/ternary_one_as_shift.c -o /tmp/x.o; cat /tmp/x.o.kmetrics
 * Not run by any test: for the GCC plugin's owner to make a golden case of.
 */
/*
 * vmx.c's handle_ept_violation: error_code |= (q & EPT_VIOLATION_RWX_MASK)
 * ? PFERR_PRESENT_MASK : 0, where PFERR_PRESENT_MASK is (1U << 0). README's
 * readings: a ?: whose arms are the constants 1 and 0 is a truth value,
 * no decision: C2 = 1 (the GCC plugin: 2; with a literal 1 it says 1).
 */
unsigned long long f(unsigned long q, unsigned long long e)
{
	e |= (q & 0x38ul) ? (1U << 0) : 0;
	return e;
}
