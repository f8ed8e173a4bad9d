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
# history-synthetic: a kernel-shaped repository from gen-history (COMMITS
#   commits, 2,000 files, 20% with Fixes:, merges), S at 80% of them:
#   seconds of `--git --history --label-fixes=main` against the limit that
#   any history walk meets, reading every diff of S's history once:
#   `git log -p --no-renames S` (gitlog_p_seconds; ratio = seconds /
#   gitlog_p_seconds); c4_only_seconds: `--git` alone (C4's ages).
#   KM_BENCH_HIST_COMMITS: the sizes, "50000" unless told ("50000 200000"
#   to see how time grows); each repository is made once and kept.
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

# synthetic COMMITS: one history-synthetic line
synthetic() {
	c=$1
	d=syn$( [ "$c" = 50000 ] || echo "-$c")
	if [ ! -f "$d.stamp" ]; then
		rm -rf "$d" "$d-out" && git init -q "$d" &&
		"$GEN" "$c" 2000 $((c * 4 / 5)) "$WORK/$d" "$WORK/$d-out" |
			git -C "$d" fast-import --quiet && git -C "$d" checkout -q S &&
			touch "$d.stamp" || return 1
	fi
	"$BT" "$d-gitlog.time" sh -c 'git -C "$1" log -p --no-renames S >/dev/null' sh "$d" ||
		return 1
	"$BT" "$d-c4.time" "$MERGE" --git="$d" -o "$d-c4.out" "$d-out" || return 1
	"$BT" "$d.time" "$MERGE" --git="$d" --history --label-fixes=main --format=csv \
		-o "$d.csv" "$d-out" || return 1
	s=$(sed 's/.*seconds=\([0-9.]*\).*/\1/' "$d.time")
	g=$(sed 's/.*seconds=\([0-9.]*\).*/\1/' "$d-gitlog.time")
	echo "history-synthetic: commits=$c files=2000 functions=$(($(wc -l <"$d.csv") - 1))" \
		"$(cat "$d.time") gitlog_p_seconds=$g ratio=$(awk -v s="$s" -v g="$g" \
		'BEGIN { printf "%.1f", (g > 0 ? s / g : 0) }')" \
		"c4_only_$(cut -d' ' -f1 "$d-c4.time")"
}

scale || { echo "history-scale: failed"; exit 1; }
for c in ${KM_BENCH_HIST_COMMITS:-50000}; do
	synthetic "$c" || { echo "history-synthetic: commits=$c failed"; exit 1; }
done
