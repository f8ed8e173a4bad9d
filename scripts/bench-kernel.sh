#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/bench-kernel.sh - what the plugin costs a whole kernel build, and
# whether a whole kernel comes out measured (make bench-kernel; not part of
# make check or make bench: it takes hours on 2 cores).
#
# Linux 6.1 (Debian's linux-source-6.1, extracted once, pristine, into
# build/linux-bench-6.1, never built in: every build is O=, from an empty
# directory), defconfig + VIRTUALIZATION KVM KVM_INTEL KVM_AMD, `make
# vmlinux modules` from clean in three modes, alternating: plain (no
# plugin), plugin (the card's command, KCFLAGS=-fplugin=build/kmetrics.so)
# and embed (the same with -fplugin-arg-kmetrics-embed), KM_BENCH_ROUNDS (1)
# times each (KM_BENCH_MODES: "plugin embed", the plugin modes to measure).
# Then kmetrics-merge --scope=build over every sidecar of the last embed
# build (or plugin build, without embed), and a line per plugin mode:
#
#   kernel-build: mode=M objects=N sidecars=N records=N plain_cpu_s=A cpu_s=B ratio=R merge_build_s=S
#
# objects: objects compiled from a .c file with the plugin on their command
# line; sidecars: *.kmetrics written; records: their lines; *_cpu_s: user+sys
# CPU seconds of make and every child (best round of each); ratio: B/A, the
# issue's limit being the plain build; merge_build_s: wall seconds of the
# merge (on the embed line). Checked after the lines, each a
# FAIL that makes the exit status 1: every such object has its sidecar, no
# kmetrics warning in the build log, and vmlinux has no kmetrics section and
# the size of the plain one (`size vmlinux`), the embedded records being
# discarded at the link.
#
# Environment: KM_PLUGIN, KM_MERGE, KM_JOBS (CPUs), KM_BENCH_ROUNDS (1), KM_BENCH_MODES,
# and for a small trial run of this script: KM_BENCH_CONFIG (defconfig;
# tinyconfig), KM_BENCH_OPTIONS (the KVM options; "" for none),
# KM_BENCH_TARGETS ("vmlinux modules"), KM_BENCH_DIR (build/bench-kernel).
set -e -o pipefail

REPO=${KM_REPO:-$(cd "$(dirname "$0")/.." && pwd)}
. "$REPO/kbuild-integration/lib.sh"
KM_BUILD=${KM_BUILD:-$REPO/build}
KM_PLUGIN=${KM_PLUGIN:-$KM_BUILD/kmetrics.so}
KM_MERGE=${KM_MERGE:-$KM_BUILD/kmetrics-merge}
SRC=$KM_BUILD/linux-bench-$KM_KVER
OUT=${KM_BENCH_DIR:-$KM_BUILD/bench-kernel}
ROUNDS=${KM_BENCH_ROUNDS:-1}
MODES=${KM_BENCH_MODES:-plugin embed}
CONFIG=${KM_BENCH_CONFIG:-defconfig}
OPTIONS=${KM_BENCH_OPTIONS-$KM_KVM_OPTIONS}
TARGETS=${KM_BENCH_TARGETS:-vmlinux modules}
# the same build identity both ways, so that vmlinux can be compared
export KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 2024" KBUILD_BUILD_VERSION=1 \
	KBUILD_BUILD_USER=kmetrics KBUILD_BUILD_HOST=bench
status=0
bad() { echo "kernel-build: FAIL: $*"; status=1; }

for f in "$KM_PLUGIN" "$KM_MERGE"; do
	[ -f "$f" ] || km_die "$f does not exist; run make first"
done
mkdir -p "$OUT"
# Measure one plugin throughout, even if make rebuilds build/kmetrics.so meanwhile.
cp "$KM_PLUGIN" "$OUT/kmetrics.so"
for m in $MODES; do
	case $m in plugin|embed) ;; *) km_die "KM_BENCH_MODES: $m is neither plugin nor embed" ;; esac
done
# the measured (last) mode: embed when it is measured
LAST=plugin
case " $MODES " in *" embed "*) LAST=embed ;; esac
km_ensure_tree "$SRC"
km_lock "$SRC"

# The configuration, made once per run in its own output directory.
km_log "bench-kernel: $CONFIG${OPTIONS:+ + $OPTIONS} of $SRC (output under $OUT)"
rm -rf "$OUT/config"
km_kmake "$SRC" -s O="$OUT/config" "$CONFIG" || km_die "make $CONFIG failed"
if [ -n "$OPTIONS" ]; then
	args=
	for s in $OPTIONS; do args="$args --enable $s"; done
	"$SRC/scripts/config" --file "$OUT/config/.config" $args
	km_kmake "$SRC" -s O="$OUT/config" olddefconfig || km_die "make olddefconfig failed"
	km_config_has "$OUT/config" $OPTIONS || km_die "the configuration does not keep $OPTIONS on"
fi

# build MODE ROUND: TARGETS from an empty O=OUT/MODE; appends "MODE WALL CPU" to OUT/times
build()
{
	local mode=$1 round=$2 kcflags=
	[ "$mode" = plain ] || kcflags="-fplugin=$OUT/kmetrics.so"
	[ "$mode" = embed ] && kcflags="$kcflags -fplugin-arg-kmetrics-embed"
	rm -rf "${OUT:?}/$mode"
	mkdir -p "$OUT/$mode"
	cp "$OUT/config/.config" "$OUT/$mode/.config"
	km_timed_make "$OUT/times" "$mode" "$OUT/$mode-$round.log" \
		"$SRC" O="$OUT/$mode" KCFLAGS="$kcflags" $TARGETS ||
		km_die "make $TARGETS ($mode) failed: see $OUT/$mode-$round.log"
}

: > "$OUT/times"
for round in $(seq 1 "$ROUNDS"); do
	build plain "$round"
	for m in $MODES; do
		build "$m" "$round"
	done
done

# What the last build of the measured mode measured.
cd "$OUT/$LAST"
find . -name '*.o' | sed 's|^\./||' | sort | km_from_c |
	while read -r o; do
		if grep -qF -- "-fplugin=$OUT/kmetrics.so" "$(dirname "$o")/.$(basename "$o").cmd"; then
			echo "$o"
		fi
	done > "$OUT/objects"
objects=$(wc -l < "$OUT/objects")
find . -name '*.kmetrics' -type f | sort > "$OUT/sidecars"
sidecars=$(wc -l < "$OUT/sidecars")
records=$(tr '\n' '\0' < "$OUT/sidecars" | xargs -0 cat | wc -l)
# the objects' sidecars: kbuild's -S generators (bounds.s, asm-offsets.s,
# devicetable-offsets.s) each define a main of their own, and are no kernel
mapfile -t objsc < <(grep '\.o\.kmetrics$' "$OUT/sidecars")
t=$(km_now)
"$KM_MERGE" --scope=build -o "$OUT/kernel.kmetrics" "${objsc[@]}" 2> "$OUT/merge.err" ||
	bad "kmetrics-merge: $(head -n 3 "$OUT/merge.err")"
merge_s=$(km_since "$t")
cd "$REPO"

for m in $MODES; do
	awk -v mode="$m" -v last="$LAST" -v o="$objects" -v s="$sidecars" -v r="$records" -v ms="$merge_s" '
		{ if (!($1 in best) || $3 < best[$1]) best[$1] = $3 }
		END {
			printf "kernel-build: mode=%s objects=%d sidecars=%d records=%d plain_cpu_s=%.1f cpu_s=%.1f ratio=%.3f merge_build_s=%s\n",
				mode, o, s, r, best["plain"], best[mode], best[mode] / best["plain"],
				mode == last ? ms : "-"
		}' "$OUT/times"
done
awk '{ printf "kernel-build: %s wall %s s, CPU %s s\n", $1, $2, $3 }' "$OUT/times"

missing=$(while read -r o; do [ -f "$OUT/$LAST/$o.kmetrics" ] || echo "$o"; done < "$OUT/objects")
[ -z "$missing" ] || bad "$(echo "$missing" | wc -l) objects without a sidecar: $(echo $missing | cut -c1-300)"
n=$(cat "$OUT"/plugin-*.log "$OUT"/embed-*.log 2>/dev/null | grep -c 'kmetrics: ' || true)
[ "$n" = 0 ] || bad "$n kmetrics lines in the build logs: $(cat "$OUT"/plugin-*.log "$OUT"/embed-*.log 2>/dev/null | grep -m 3 'kmetrics: ')"
echo "kernel-build: merged the ${#objsc[@]} sidecars of objects into $OUT/kernel.kmetrics" \
	"($(wc -l < "$OUT/kernel.kmetrics") records), $(grep -c warning "$OUT/merge.err" || true) warnings (in $OUT/merge.err)"
for m in $MODES; do
	size "$OUT/plain/vmlinux" "$OUT/$m/vmlinux" | sed 's/^/kernel-build: /'
	[ "$(size "$OUT/plain/vmlinux" | tail -n 1 | cut -f1-4)" = "$(size "$OUT/$m/vmlinux" | tail -n 1 | cut -f1-4)" ] ||
		bad "vmlinux differs in size with the plugin ($m)"
	if readelf -S "$OUT/$m/vmlinux" | grep -q kmetrics; then bad "vmlinux keeps a kmetrics section ($m)"; fi
done
if [ "$LAST" = embed ]; then
	readelf -S "$OUT/embed/vmlinux.o" 2>/dev/null | grep -q kmetrics ||
		bad "vmlinux.o holds no embedded records (was embed on?)"
fi
exit $status
