#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/bench-build.sh - what the plugin costs a kernel build.
#
# Builds arch/x86/kvm/ of build/linux-source-6.1 (the demo's tree, extracted
# and configured when missing) from clean four times, alternating: without
# the plugin, with it, without, with. `make prepare` runs untimed before each
# build with the same KCFLAGS (kbuild rebuilds the asm-offsets when KCFLAGS
# change); the timed command is `make -jN arch/x86/kvm/`, the same both ways.
# Prints the best wall-clock time of each and their ratio:
#
#   build-overhead: plain=S1 plugin=S2 ratio=R
#
# and the same for CPU time (user+sys of make and the compilers), which
# other work on the machine disturbs less.
# Environment: KM_PLUGIN (build/kmetrics.so), KM_JOBS (CPUs), KM_BENCH_ROUNDS (2)
set -e -o pipefail

REPO=${KM_REPO:-$(cd "$(dirname "$0")/.." && pwd)}
. "$REPO/kbuild-integration/lib.sh"
KM_BUILD=${KM_BUILD:-$REPO/build}
KM_PLUGIN=${KM_PLUGIN:-$KM_BUILD/kmetrics.so}
KDIR=$KM_BUILD/linux-source-6.1
SUB=arch/x86/kvm
ROUNDS=${KM_BENCH_ROUNDS:-2}
LOG=$KM_BUILD/bench-build
mkdir -p "$LOG"

[ -f "$KM_PLUGIN" ] || km_die "$KM_PLUGIN does not exist; run make first"
# Measure one plugin throughout, even if make rebuilds build/kmetrics.so meanwhile.
cp "$KM_PLUGIN" "$LOG/kmetrics.so"
PLUGIN_KCFLAGS=$(km_kcflags "$LOG/kmetrics.so")
km_ensure_tree "$KDIR"
km_lock "$KDIR"
km_configure "$KDIR"

# run MODE ROUND: one build from clean; appends "MODE WALL CPU" to $LOG/times
run()
{
	local mode=$1 round=$2 kcflags=
	[ "$mode" = plugin ] && kcflags=$PLUGIN_KCFLAGS
	km_clean_objects "$KDIR" "$SUB"
	km_make "$KDIR" KCFLAGS="$kcflags" prepare > "$LOG/prepare-$mode-$round.log" 2>&1 ||
		km_die "make prepare failed: see $LOG/prepare-$mode-$round.log"
	km_timed_make "$LOG/times" "$mode" "$LOG/$mode-$round.log" "$KDIR" KCFLAGS="$kcflags" "$SUB/" ||
		km_die "make $SUB/ ($mode) failed: see $LOG/$mode-$round.log"
}

: > "$LOG/times"
km_log "bench-build: $SUB/ from clean, $ROUNDS x plain and $ROUNDS x plugin, alternating, make -j$KM_JOBS (logs in $LOG)"
for round in $(seq 1 "$ROUNDS"); do
	run plain "$round"
	run plugin "$round"
done
# A build with nothing to do: the part of each time that is make itself.
t=$( { TIMEFORMAT='%R'; time km_make "$KDIR" KCFLAGS="$PLUGIN_KCFLAGS" "$SUB/" > "$LOG/noop.log" 2>&1; } 2>&1 )
awk -v noop="$t" '
	{ w = $2 + 0; c = $3 + 0
	  if (!($1 in bw) || w < bw[$1]) bw[$1] = w
	  if (!($1 in bc) || c < bc[$1]) bc[$1] = c }
	END {
		printf "build-overhead: plain=%.2f plugin=%.2f ratio=%.3f\n", bw["plain"], bw["plugin"], bw["plugin"] / bw["plain"]
		printf "build-overhead-cpu: plain=%.2f plugin=%.2f ratio=%.3f\n", bc["plain"], bc["plugin"], bc["plugin"] / bc["plain"]
		printf "build-overhead: (best of each; a make of %s/ with nothing to do takes %.2f s)\n", "'"$SUB"'", noop
	}' "$LOG/times"
