#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tests/clang/check-kvm.sh - GCC against Clang on a whole kernel directory:
# 6.1's arch/x86/kvm (and the virt/kvm objects it builds) compiled by
# Debian's clang-14 with build/kmetrics-clang.so and by gcc-12 with
# build/kmetrics.so, both with one configuration, then every seed column
# compared record by record (differential.sh kvm; tests/clang/known-kvm.txt
# lists each difference with its cause).
#
# The configuration: a kernel's .config records what its compiler can do,
# and 6.1's defconfig under gcc-12 turns on RETHUNK, CPU_UNRET_ENTRY,
# CPU_SRSO and MITIGATION_ITS, which clang-14 cannot build (no
# -mfunction-return=thunk-extern). Those options change no record of
# arch/x86/kvm (measured: the 2825 records of a GCC tree configured like
# the Clang one, km_configure_like, equal those of the defconfig tree), so
# make check compares with check-kernel's build/linux-source-6.1 as it is
# left (one more kvm build saved). With KM_KVM_LIKE=1 (make
# check-clang-kvm-like) GCC builds a tree of its own,
# build/linux-gcc-as-clang-6.1, configured like the Clang tree: only the
# toolchain's own symbols differ (CC_IS_*, versions, CC_HAS_* probes),
# printed here. The Clang tree is check-kernel-clang's
# build/linux-clang-6.1, reused as it is left. A tree built with another
# plugin than the one given is rebuilt first (the plugin's checksum is in
# KCFLAGS), an unchanged one recompiles nothing.
#
# Environment: KM_REPO KM_BUILD KM_PLUGIN (GCC's) KM_CLANG_PLUGIN KM_MERGE KM_KVM_LIKE
set -e -o pipefail

REPO=${KM_REPO:-$(cd "$(dirname "$0")/../.." && pwd)}
KM_BUILD=${KM_BUILD:-$REPO/build}
GPLUGIN=${KM_PLUGIN:-$KM_BUILD/kmetrics.so}
CPLUGIN=${KM_CLANG_PLUGIN:-$KM_BUILD/kmetrics-clang.so}
CTREE=$KM_BUILD/linux-clang-6.1
GTREE=$KM_BUILD/linux-source-6.1
[ "${KM_KVM_LIKE:-0}" = 1 ] && GTREE=$KM_BUILD/linux-gcc-as-clang-6.1

# build CC TREE PLUGIN [REFCONFIG]: arch/x86/kvm/ of TREE by CC with PLUGIN
build()
{
	(
		KM_CC=$1 KM_KVER=6.1 KM_KARCH=x86
		. "$REPO/kbuild-integration/lib.sh"
		km_ensure_tree "$2"
		km_lock "$2"
		km_configure "$2"
		if [ -n "${4:-}" ]; then
			km_log "configuring $2 like $4; what still differs:"
			km_configure_like "$2" "$4"
		fi
		km_build_with_plugin "$2" "$KM_KVM_DIR" "$3"
	)
}

for f in "$GPLUGIN" "$CPLUGIN"; do
	[ -f "$f" ] || { echo "check-clang-kvm: FAIL: $f is missing (run make)" >&2; exit 1; }
done
build clang "$CTREE" "$CPLUGIN"
if [ "${KM_KVM_LIKE:-0}" = 1 ]; then
	build gcc "$GTREE" "$GPLUGIN" "$CTREE/.config"
else
	build gcc "$GTREE" "$GPLUGIN"
fi
KM_PLUGIN=$GPLUGIN KM_CLANG_PLUGIN=$CPLUGIN "$REPO/tests/clang/differential.sh" kvm "$GTREE" "$CTREE"
