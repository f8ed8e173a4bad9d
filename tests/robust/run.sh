#!/bin/bash
# Never break a build (tracker issue 5, the compiler side).
#
#   run.sh check     a fixed sample: every 10th gcc.c-torture/compile file,
#                    csmith seeds 1-5, unwritable sidecars, concurrent and
#                    killed compiles, the GCC version guard (under 3 minutes)
#   run.sh fuzz [N]  the whole torture corpus, csmith seeds 1-N (200), and
#                    the concurrent/killed compiles with more rounds
#
# Each corpus file is compiled without and with the plugin (-O2 -w, plus
# -I/usr/include/csmith for csmith) by one.sh, two at a time; the
# per-file lines go to build/robust/MODE/results.txt, failures and
# notes to the terminal. Ends with "robust: N passed, M failed"; exits 1
# when anything failed.
#
# The torture files come from Debian's gcc-12-source tarball, extracted
# once into build/torture/compile/; csmith programs are generated once per
# seed into build/robust/csmith/. Missing packages (gcc-12-source, csmith,
# libcsmith-dev) are installed when running as root.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
mode=${1:-check}
nseeds=${2:-200}
B=$top/build
r=$B/robust
torture=$B/torture/compile
tarball=/usr/src/gcc-12/gcc-12.2.0-dfsg.tar.xz
jobs=${KM_JOBS:-2}

case $mode in
check) every=10 nseeds=5 rounds=2 kills=10 ;;
fuzz) every=1 rounds=10 kills=20 ;;
*) echo "usage: run.sh check | fuzz [N]" >&2; exit 2 ;;
esac
out=$r/$mode
rm -rf "$out"
mkdir -p "$out" "$r/csmith"
log=$out/log.txt
: >"$log"
start=$(date +%s)

need() {	# need FILE PACKAGE: install PACKAGE when FILE is missing
	[ -e "$1" ] && return 0
	"$top/scripts/deps.sh" "$2" && [ -e "$1" ] && return 0
	echo "FAIL: robust: $1 missing; apt-get install $2" | tee -a "$log"
	return 1
}

# ---- the corpus ----
if [ ! -d "$torture" ] && need "$tarball" gcc-12-source; then
	rm -rf "$B/torture/.x"
	mkdir -p "$B/torture/.x"
	tar -xJf "$tarball" -C "$B/torture/.x" --strip-components=4 \
		--wildcards '*/gcc/testsuite/gcc.c-torture/compile/' &&
		mv "$B/torture/.x/compile" "$torture"
	rm -rf "$B/torture/.x"
fi
if [ -d "$torture" ]; then
	(cd "$torture" && ls | LC_ALL=C sort | grep '\.c$' | awk -v e="$every" 'NR % e == 1 || e == 1') |
		while read -r f; do echo "torture/$f $torture/$f"; done >"$out/jobs"
fi
if need /usr/bin/csmith csmith && need /usr/include/csmith/csmith.h libcsmith-dev; then
	# in its own directory: csmith leaves a platform.info where it runs
	seq 1 "$nseeds" | while read -r s; do
		[ -s "$r/csmith/seed-$s.c" ] || echo "$s"
	done | xargs -r -P"$jobs" -I{} sh -c \
		'cd "$1" && csmith --seed {} -o "seed-{}.c.tmp" >/dev/null && mv "seed-{}.c.tmp" "seed-{}.c"' \
		sh "$r/csmith"
	for ((s = 1; s <= nseeds; s++)); do
		[ -s "$r/csmith/seed-$s.c" ] &&
			echo "csmith/seed-$s.c $r/csmith/seed-$s.c -I/usr/include/csmith"
	done >>"$out/jobs"
fi
KM_PLUGIN=${KM_PLUGIN:-$B/kmetrics.so} KM_CHECK=$r/check_sidecar KM_WORK=$out/work \
KM_MERGE=$B/kmetrics-merge \
	xargs -P"$jobs" -L1 "$top/tests/robust/one.sh" <"$out/jobs" >"$out/results.txt"
files=$(wc -l <"$out/jobs")
done_=$(wc -l <"$out/results.txt")
objs=$(grep -c '^PASS [^ ]*$' "$out/results.txt")
rejected=$(grep -c '^PASS .*(.*rejected by gcc' "$out/results.txt")
grep -v '^PASS [^ ]*$' "$out/results.txt" | grep -v '^PASS [^ ]* (rejected by gcc with and without the plugin, status 1)$' |
	sed 's/^FAIL /FAIL: corpus: /; s/^PASS /NOTE: corpus: /'
echo "NOTE: corpus: $files files ($(grep -c '^torture' "$out/jobs") torture, $(grep -c '^csmith' "$out/jobs") csmith)" \
	"each compiled without and with the plugin: $objs objects identical with valid sidecars," \
	"$rejected rejected by gcc both ways"
[ "$done_" = "$files" ] || echo "FAIL: corpus: $done_ results for $files files"
grep '^PASS' "$out/results.txt" | sed 's/^PASS /PASS: corpus: /' >>"$log"
grep '^FAIL' "$out/results.txt" | sed 's/^FAIL /FAIL: corpus: /' >>"$log"

# ---- failure handling, atomicity, version guard ----
"$top/tests/robust/fail.sh" | tee -a "$log" | grep -v '^PASS'
"$top/tests/robust/atomic.sh" "$rounds" "$kills" | tee -a "$log" | grep -v '^PASS'
"$top/tests/robust/version.sh" | tee -a "$log" | grep -v '^PASS'

pass=$(grep -c '^PASS' "$log")
fail=$(grep -c '^FAIL' "$log")
[ "$done_" = "$files" ] || fail=$((fail + 1))
echo "robust: $mode took $(($(date +%s) - start)) s; results in ${out#$top/}/"
echo "robust: $pass passed, $fail failed"
[ "$fail" = 0 ]
