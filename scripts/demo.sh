#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/demo.sh - measure a directory of a real kernel while it builds.
#
# What `make demo` runs. On a fresh Debian 12, as root:
#   1. installs the Debian packages it lacks (gcc-12-plugin-dev,
#      linux-source-KVER, bc, flex, bison, libelf-dev, libssl-dev, ...; for
#      arm64 the aarch64 cross compiler and its plugin headers);
#   2. extracts /usr/src/linux-source-KVER.tar.xz to build/linux-source-KVER
#      (build/linux-arm64-KVER for arm64), kept and reused by later runs,
#      `make check` and `make bench`;
#   3. make defconfig with VIRTUALIZATION and KVM on (x86: KVM_INTEL, KVM_AMD);
#   4. make prepare and make arch/ARCH/kvm/ with KCFLAGS=-fplugin=PLUGIN,
#      arm64 cross-built (ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
#      CC=aarch64-linux-gnu-gcc-12) with the plugin built for that compiler;
#   5. kmetrics-merge --scope=build of the sidecars of every object that build
#      made into build/demo/kvm[-ARCH-KVER].kmetrics, and prints how many
#      functions it holds and the ten with the highest C2 (cyclomatic complexity).
#
# Environment (make demo passes its variables of the same names):
#   KM_KVER   6.1 or 6.12 (make demo KVER=6.12)
#   KM_KARCH  x86 or arm64 (make demo ARCH=arm64)
#   KM_CC     gcc or clang (make demo CC=clang, or LLVM=1: Debian's clang-14,
#             the kernel built with LLVM=-14, the plugin build/kmetrics-clang.so)
#   KDIR      a kernel tree of your own (configured or not) instead of step 2
#   KSUBDIR   the directory to measure (arch/ARCH/kvm); with your own KDIR
#             and .config, the demo builds it as configured
#   KM_PLUGIN, KM_MERGE  the plugin (for the compiler that builds the kernel)
#             and merge tool (build/kmetrics.so, build/kmetrics-merge)
#   KM_OUT    the dataset (build/demo/$(basename KSUBDIR)[-ARCH-KVER].kmetrics)
#   KM_JOBS   make -j (number of CPUs)
set -e -o pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
. "$REPO/kbuild-integration/lib.sh"

DEFAULT_KDIR=$REPO/build/$KM_TREE_NAME
KDIR=${KDIR:-$DEFAULT_KDIR}
KSUBDIR=${KSUBDIR:-$KM_KVM_DIR}
KSUBDIR=${KSUBDIR%/}
KM_PLUGIN=${KM_PLUGIN:-$REPO/build/kmetrics.so}
KM_MERGE=${KM_MERGE:-$REPO/build/kmetrics-merge}
suffix=
[ "$KM_KARCH-$KM_KVER" = x86-6.1 ] || suffix=-$KM_KARCH-$KM_KVER
[ "$KM_CC" = gcc ] || suffix=-$KM_CC$suffix
KM_OUT=${KM_OUT:-$REPO/build/demo/$(basename "$KSUBDIR")$suffix.kmetrics}

start=$(km_now)

pkgs=$KM_DEMO_PKGS
[ "$KDIR" = "$DEFAULT_KDIR" ] && [ ! -d "$KDIR" ] && pkgs="$pkgs linux-source-$KM_KVER"
km_install_pkgs $pkgs

for f in "$KM_PLUGIN" "$KM_MERGE"; do
	[ -f "$f" ] || km_die "$f does not exist; run make first"
done
KM_PLUGIN=$(realpath "$KM_PLUGIN")
KM_MERGE=$(realpath "$KM_MERGE")

if [ ! -d "$KDIR" ]; then
	[ "$KDIR" = "$DEFAULT_KDIR" ] || km_die "KDIR=$KDIR does not exist"
	km_extract "$KDIR"
fi
KDIR=$(realpath "$KDIR")
km_is_kernel_tree "$KDIR" || km_die "KDIR=$KDIR is not a kernel source tree"
[ -d "$KDIR/$KSUBDIR" ] || km_die "KSUBDIR=$KSUBDIR is not a directory of $KDIR"
km_lock "$KDIR"

if [ "$KDIR" = "$DEFAULT_KDIR" ] || [ ! -f "$KDIR/.config" ]; then
	km_configure "$KDIR"
fi

km_build_with_plugin "$KDIR" "$KSUBDIR" "$KM_PLUGIN"

sidecars=
for o in $KM_BUILD_OBJECTS; do
	sidecars="$sidecars $KDIR/$o.kmetrics"
done
mkdir -p "$(dirname "$KM_OUT")"
km_log "merging $(echo "$KM_BUILD_OBJECTS" | wc -l) sidecars (--scope=build)"
"$KM_MERGE" --scope=build -o "$KM_OUT" $sidecars || km_die "kmetrics-merge failed"

n=$(wc -l < "$KM_OUT")
echo
echo "kmetrics demo: $KDIR/$KSUBDIR/ measured in $(km_since "$start") s"
echo "  dataset:   $KM_OUT"
echo "  functions: $n (from $(echo "$KM_BUILD_OBJECTS" | wc -l) objects)"
echo "  the ten with the highest C2 (cyclomatic complexity):"
printf '    %5s  %3s  %s\n' C2 C1 NAME
awk -F' : ' '{ printf "%s %s %s\n", $3, $2, $1 }' "$KM_OUT" |
	sort -k1,1nr -k3,3 | awk 'NR <= 10' |
	while read -r c2 c1 name; do
		printf '    %5s  %3s  %s\n' "$c2" "$c1" "$name"
	done
