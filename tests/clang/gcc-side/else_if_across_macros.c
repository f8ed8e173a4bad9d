// SPDX-License-Identifier: GPL-2.0
/*
 * else_if_across_macros.c - a GCC plugin bug that check-clang-kvm found (the Clang plugin and
 * tests/oracle agree on the values below, the GCC plugin does not):
 *   gcc -O2 -fplugin=build/kmetrics.so -c tests/clang/gcc-side/else_if_across_macros.c -o /tmp/x.o; cat /tmp/x.o.kmetrics
 * Not run by any test: for the GCC plugin's owner to make a golden case of.
 */
struct sp { struct sp *next; int gfn, obs; };
void zap(struct sp *s);
#define for_each_valid(_s, _head) \
	for (_s = (_head); _s; _s = _s->next) \
		if ((_s)->obs) { \
		} else
#define for_each_gfn_valid(_s, _head, _gfn) \
	for_each_valid(_s, _head) \
		if ((_s)->gfn != (_gfn)) {} else
/*
 * mmu.c's for_each_gfn_valid_sp_with_gptes: one macro's "else" is
 * followed by the other's "if": an else-if chain (SPEC C10) whatever
 * macros wrote it. Only the for and the first if enclose zap(): C10 = 3.
 */
void unprotect(struct sp *head, int gfn)
{
	struct sp *s;

	for_each_gfn_valid(s, head, gfn) {
		zap(s);
	}
}
