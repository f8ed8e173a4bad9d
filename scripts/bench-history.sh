#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# scripts/bench-history.sh - make bench-history: what --history and
# --label-fixes cost.
#
#   bench-history.sh MERGE PLUGIN GEN-HISTORY BENCH-TIME
#
# history-scale: libbpf's oldest release tag (v0.0.3 of
#   tests/data/libbpf-v0.3.bundle), src/ built with the plugin: seconds of
#   `kmetrics-merge --git --history` over every function (best of 3), against
#   `git log -L FIRST,LAST:FILE` run per function, timed on every 8th
#   function and scaled to all of them; ratio = gitlog_L_seconds / seconds.
# history-synthetic: a kernel-shaped repository from gen-history (50,000
#   commits, 2,000 files, 20% with Fixes:, merges), S at commit 40,000:
#   `--git --history --label-fixes=main` against `--git` alone, whose
#   time is C4's git blame of every file.
set -u
MERGE=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
PLUGIN=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
GEN=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
BT=$(cd "$(dirname "$4")" && pwd)/$(basename "$4")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$ROOT/build/bench/history
mkdir -p "$WORK"
cd "$WORK" || exit 1

now() { date +%s.%N; }

# best SECONDS-FILE CMD...: the least of three runs' seconds, into $best
best() {
	out=$1
	shift
	best=
	for i in 1 2 3; do
		"$BT" "$out" "$@" >/dev/null || return 1
		s=$(sed 's/.*seconds=\([0-9.]*\).*/\1/' "$out")
		best=$(awk -v a="$best" -v b="$s" 'BEGIN { print (a == "" || b < a) ? b : a }')
	done
}

scale() {
	if [ ! -d libbpf ]; then
		git clone -q "$ROOT/tests/data/libbpf-v0.3.bundle" libbpf &&
		git -C libbpf checkout -q v0.0.3 || return 1
	fi
	if [ ! -f obj/.built ]; then
		rm -rf obj && mkdir -p obj
		make -s -C libbpf/src BUILD_STATIC_ONLY=y OBJDIR="$WORK/obj" CFLAGS="-g -O2" \
			CC="gcc -fplugin=$PLUGIN" >build.log 2>&1 && touch obj/.built || return 1
	fi
	best scale.time "$MERGE" --git=libbpf --history -o scale.out obj || return 1
	n=$(cat obj/*.kmetrics | wc -l)
	awk -F'\t' '$1 == "F" && $8 != "-" {print "src/" $5, $6, $7}' obj/*.graph |
		awk 'NR % 8 == 1' >sample
	t0=$(now)
	while read -r f a b; do
		git -C libbpf log -L"$a,$b:$f" HEAD >/dev/null
	done <sample
	t1=$(now)
	awk -v n="$n" -v k="$(wc -l <sample)" -v t0="$t0" -v t1="$t1" -v s="$best" 'BEGIN {
		g = (t1 - t0) * n / k
		printf "history-scale: functions=%d seconds=%.3f gitlog_L_seconds=%.2f ratio=%.1f\n",
			n, s, g, g / s }'
}

synthetic() {
	if [ ! -f syn.stamp ]; then
		rm -rf syn syn-out && git init -q syn &&
		"$GEN" 50000 2000 40000 "$WORK/syn" "$WORK/syn-out" |
			git -C syn fast-import --quiet && git -C syn checkout -q S &&
			touch syn.stamp || return 1
	fi
	"$BT" syn-c4.time "$MERGE" --git=syn -o syn-c4.out syn-out || return 1
	"$BT" syn.time "$MERGE" --git=syn --history --label-fixes=main --format=csv \
		-o syn.csv syn-out || return 1
	echo "history-synthetic: commits=50000 files=2000 functions=$(($(wc -l <syn.csv) - 1))" \
		"$(cat syn.time) c4_only_$(cut -d' ' -f1 syn-c4.time)"
}

scale || { echo "history-scale: failed"; exit 1; }
synthetic || { echo "history-synthetic: failed"; exit 1; }
