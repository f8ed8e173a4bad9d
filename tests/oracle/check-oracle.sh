#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tests/oracle/check-oracle.sh - kmetrics against the independent oracle
# (tests/oracle/README.md) on real kernel files and on random programs.
#
#   check-oracle.sh               make check-oracle: FILES below of Debian's
#                                 linux-source-6.1 (defconfig+KVM, the tree the
#                                 kernel tests prepare, build/linux-source-6.1),
#                                 the cases of tests/oracle/cases/ (the oracle
#                                 against their worked-out values, then kmetrics),
#                                 then ORACLE_GEN generated files and
#                                 ORACLE_CSMITH csmith programs at -O0 -O1 -O2 -Os
#   check-oracle.sh kernel DIR    make check-oracle-kernel ODIR=DIR: every object
#                                 DIR/ builds from a .c file (DIR "." : the whole
#                                 kernel, vmlinux and modules)
#
# The kernel objects are built by kbuild with the plugin (KCFLAGS as the
# kernel tests give it, so the tree is shared with them); the oracle reads
# each object's command from its .cmd file and the sidecar the build wrote.
# Exit 1 on any difference not listed in tests/oracle/known.txt.
# Environment (tests/oracle/oracle.mk): KM_REPO KM_PLUGIN KM_BUILD; ORACLE_JOBS.
set -e -o pipefail

REPO=${KM_REPO:-$(cd "$(dirname "$0")/../.." && pwd)}
KM_KVER=6.1
KM_KARCH=x86
. "$REPO/kbuild-integration/lib.sh"
KM_BUILD=${KM_BUILD:-$REPO/build}
KM_PLUGIN=${KM_PLUGIN:-$KM_BUILD/kmetrics.so}
KDIR=$KM_BUILD/linux-source-$KM_KVER
ORACLE="python3 $REPO/tests/oracle/oracle.py --plugin $KM_PLUGIN --oracle $KM_BUILD/oracle/km-oracle.so"
ORACLE_JOBS=${ORACLE_JOBS:-$KM_JOBS}
: "${ORACLE_GEN:=8}" "${ORACLE_CSMITH:=2}"
FILES="fs/ext4/inode.c net/ipv4/tcp_input.c kernel/sched/fair.c mm/page_alloc.c
	drivers/net/ethernet/intel/e1000/e1000_main.c arch/x86/kvm/x86.c"
T=$KM_BUILD/oracle
start=$(km_now)

mkdir -p "$T"
km_ensure_tree "$KDIR"
km_lock "$KDIR"
km_configure "$KDIR"
kcflags=$(km_kcflags "$KM_PLUGIN")
km_log "make prepare in $KDIR"
km_make "$KDIR" KCFLAGS="$kcflags" prepare > "$T/prepare.log" 2>&1 ||
	km_die "make prepare failed in $KDIR (log: $T/prepare.log)"

# kernel_objects DIR: the objects DIR/ builds from .c files, with their sidecars
kernel_objects()
{
	local dir=${1%/}
	if [ "$dir" = . ]; then
		km_log "make vmlinux modules with the plugin (log: $T/kernel.log)" >&2
		km_make "$KDIR" KCFLAGS="$kcflags" vmlinux modules > "$T/kernel.log" 2>&1 ||
			km_die "make vmlinux modules failed (log: $T/kernel.log)"
	else
		km_log "make $dir/ with the plugin (log: $T/kernel.log)" >&2
		km_make "$KDIR" KCFLAGS="$kcflags" "$dir/" > "$T/kernel.log" 2>&1 ||
			km_die "make $dir/ failed (log: $T/kernel.log)"
	fi
	# objects from .c files that the plugin measured (not host programs)
	km_c_objects_under "$KDIR" "$dir" | while read -r o; do
		[ -f "$KDIR/$o.kmetrics" ] && echo "$o"
	done
}

status=0
if [ "$1" = kernel ]; then
	[ -n "$2" ] || km_die "usage: check-oracle.sh kernel DIR"
	objs=$(kernel_objects "$2")
	[ -n "$objs" ] || km_die "no object with a sidecar under $2/"
	km_log "oracle on $(echo "$objs" | wc -l) objects of $2/ (-j$ORACLE_JOBS)"
	t=$(km_now)
	$ORACLE -j "$ORACLE_JOBS" --work "$T/kernel-work" kobj --sidecars "$KDIR" $objs || status=$?
	km_log "oracle took $(km_since "$t") s for $(echo "$objs" | wc -l) objects"
else
	objs=$(for f in $FILES; do echo "${f%.c}.o"; done)
	km_log "make $(echo $objs) with the plugin"
	km_make "$KDIR" KCFLAGS="$kcflags" $objs > "$T/kernel.log" 2>&1 ||
		km_die "building the kernel files failed (log: $T/kernel.log)"
	$ORACLE -j "$ORACLE_JOBS" --work "$T/kernel-work" kobj --sidecars "$KDIR" $objs || status=$?
	$ORACLE -j "$ORACLE_JOBS" --work "$T/cases-work" cases || status=$?
	$ORACLE -j "$ORACLE_JOBS" --work "$T/gen-work" gen --count "$ORACLE_GEN" --csmith "$ORACLE_CSMITH" ||
		status=$?
fi
km_log "check-oracle took $(km_since "$start") s"
[ $status = 0 ] || echo "check-oracle: FAIL: differences from the oracle (above)" >&2
exit $status
