// SPDX-License-Identifier: GPL-2.0
/*
 * or_after_constant_zero.c - a GCC plugin bug that check-clang-kvm found (the Clang plugin and
 * tests/oracle agree on the values below, the GCC plugin does not):
 *   gcc -O2 -fplugin=build/kmetrics.so -c tests/clang/gcc-side/or_after_constant_zero.c -o /tmp/x.o; cat /tmp/x.o.kmetrics
 * Not run by any test: for the GCC plugin's owner to make a golden case of.
 */
#define IS_ENABLED_OFF 0
extern _Bool tdp_enabled;
_Bool allocated(void *kvm);
/*
 * page_track.c's kvm_page_track_write_tracking_enabled: IS_ENABLED() of
 * an option that is off, then two more operands. README's readings: an
 * || counts when its own value is not constant: (0 || !t) is !t, not
 * constant, so it counts, and so does the outer ||: C2 = 1 + 2 = 3.
 */
_Bool enabled(void *kvm)
{
	return IS_ENABLED_OFF ||
	       !tdp_enabled || allocated(kvm);
}
