#!/bin/bash
# Random functions measured at every -O level against what their generator
# knows (tests/gen/gencode.c: it wrote the code, so it knows each
# function's C1, C2, C8, C9, C10 and cognitive complexity).
#
#   run.sh check        seeds 1-5 (50 functions each) and 6-7 (100 short
#                       ones each): make check-gen, about 20 s on 2 cores
#   run.sh fuzz [N]     seeds 1001-(1000+N), N=200 by default, 50 functions
#                       each (make fuzz-gen; 200 seeds take about 6 minutes)
#   run.sh seed S [C [SIZE]]  one seed, C functions (50) of SIZE (gencode's
#                       argument, 18): to reproduce a failure, or to find
#                       short failing functions (SIZE 2 or 3)
#
# Each seed's file is compiled with the plugin at -O0, -O1, -O2 and -Os;
# the records' C1, C2, C8, C9, C10 (fields 2, 3, 9, 10, 11) must equal the
# expected file's at every level. Cognitive complexity is not in the
# record: it is compared when the companion carries it (an M line, version
# 2: "M idx nloc macro_decisions cognitive ..."), else a note says it was
# not. A failure prints the function, its expected values and what each
# level gave. Files in build/gen/MODE/ (sNNN.c, sNNN.expected, sidecars).
# KM_PLUGIN: another plugin to test, KM_CC its compiler (gcc; clang-14 with
# build/kmetrics-clang.so), KM_GEN_KNOWN its known failures (known.txt,
# the GCC plugin's; /dev/null for Clang's); KM_JOBS: parallel seeds (2).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
plugin=${KM_PLUGIN:-$top/build/kmetrics.so}
gencode=$top/build/gen/gencode
levels="-O0 -O1 -O2 -Os"

# One seed: generate, compile at each level, compare; prints PASS/FAIL lines.
one() {
	local seed=$1 count=$2 size=$3 s=$4/s$1 opt
	"$gencode" "$seed" "$count" "$s.c" "$s.expected" "$size" ||
		{ echo "FAIL: seed $seed: gencode failed"; return; }
	for opt in $levels; do
		if ! ${KM_CC:-gcc} $opt -w -fplugin="$plugin" -c "$s.c" -o "$s$opt.o" 2>"$s$opt.err" ||
			grep -Eq '(^|: )kmetrics: ' "$s$opt.err"; then
			echo "FAIL: seed $seed $opt: $(head -3 "$s$opt.err")"
			return
		fi
	done
	awk -v seed="$seed" -v levels="$levels" -v src="$s.c" -v known="${KM_GEN_KNOWN:-$here/known.txt}" \
		-f "$here/compare.awk" \
		"$s.expected" "$s-O0.o.kmetrics" "$s-O1.o.kmetrics" "$s-O2.o.kmetrics" \
		"$s-Os.o.kmetrics" "$s-O0.o.kmetrics.graph" "$s-O1.o.kmetrics.graph" \
		"$s-O2.o.kmetrics.graph" "$s-Os.o.kmetrics.graph"
}

if [ "${1:-}" = --one ]; then		# --one SEED COUNT SIZE DIR, run by xargs
	one "$2" "$3" "$4" "$5" >"$5/s$2.report"
	exit 0
fi

mode=${1:-check}
case $mode in			# one job a line: seed count size
check) jobs=$(seq 1 5 | sed 's/$/ 50 18/'; seq 6 7 | sed 's/$/ 100 3/') ;;
fuzz) jobs=$(seq 1001 $((1000 + ${2:-200})) | sed 's/$/ 50 18/') ;;
seed) jobs="$2 ${3:-50} ${4:-18}" ;;
*) echo "usage: run.sh check | fuzz [N] | seed S [COUNT [SIZE]]" >&2; exit 2 ;;
esac
seeds=$(echo "$jobs" | cut -d' ' -f1)
[ -x "$gencode" ] || { echo "FAIL: gen: $gencode not built (make build/gen/gencode)"; exit 1; }
out=$top/build/gen/$mode
rm -rf "$out"
mkdir -p "$out"
start=$(date +%s)
echo "$jobs" | xargs -P"${KM_JOBS:-2}" -L1 sh -c '"$0" --one "$2" "$3" "$4" "$1"' "$0" "$out"
for s in $seeds; do cat "$out/s$s.report"; done >"$out/results.txt"
grep -v '^PASS' "$out/results.txt" | grep -v '^NOTE\|^XFAIL'
grep '^NOTE' "$out/results.txt" | sort -u
xfail=$(grep -c '^XFAIL' "$out/results.txt")
[ "$xfail" = 0 ] || echo "gen: $xfail known limits (tests/gen/known.txt), each still as listed"
nseeds=$(echo "$seeds" | wc -w)
fns=$(cat "$out"/s*.expected 2>/dev/null | wc -l)
pass=$(grep -c '^PASS' "$out/results.txt")
fail=$(grep -c '^FAIL' "$out/results.txt")
wrong=$(sed -n 's/^FAIL: seed [0-9]*: \([0-9]*\) of .*/\1/p' "$out/results.txt" | awk '{ n += $1 } END { print n + 0 }')
[ "$((pass + fail))" -ge "$nseeds" ] || { echo "FAIL: gen: results for $((pass + fail)) of $nseeds seeds"; fail=$((fail + 1)); }
echo "gen: $mode: $nseeds seeds, $fns functions at $(echo $levels | wc -w) levels in $(($(date +%s) - start)) s;" \
	"$pass seeds passed, $fail failed ($wrong functions wrong)"
[ "$fail" = 0 ]
