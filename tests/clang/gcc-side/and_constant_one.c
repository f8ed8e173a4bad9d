// SPDX-License-Identifier: GPL-2.0
/*
 * and_constant_one.c - a GCC plugin bug that check-clang-kvm found (the Clang plugin and
 * tests/oracle agree on the values below, the GCC plugin does not):
 *   gcc -O2 -fplugin=build/kmetrics.so -c tests/clang/gcc-side/and_constant_one.c -o /tmp/x.o; cat /tmp/x.o.kmetrics
 * Not run by any test: for the GCC plugin's owner to make a golden case of.
 */
#define CONFIG_ON 1
extern _Bool tdp_enabled;
void clear_cap(int c);
/*
 * cpuid.c's kvm_set_cpu_caps: if (!tdp_enabled && IS_ENABLED(CONFIG_X86_64)).
 * README's readings: an && counts when its own value is not constant;
 * !t && 1 is !t, not constant: C2 = 1 + if + && = 3, C10 = 2.
 */
void caps(void)
{
	if (!tdp_enabled && CONFIG_ON)
		clear_cap(3);
}
