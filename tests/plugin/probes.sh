#!/bin/bash
# kbuild's compiler probes with the plugin loaded (KCFLAGS reach cc-option
# in every directory's Makefile): they must write nothing anyone sees, fail
# or pass exactly as without the plugin, and cost next to nothing.
#
#   cc-option           -Werror FLAGS -c -x c /dev/null -o .tmp_PID/tmp
#   i915's header test  -S -o /dev/null -x c /dev/null -include HEADER
#   piped checks        -x c - -c -o /dev/null, -S -x c - -o -
#
# Then times KM_PROBE_N (100) cc-option probes without and with the plugin,
# alternating, and prints what one costs (a NOTE, never a failure: the
# machine is shared). KM_GCC names the compiler, KM_PLUGIN its plugin.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cc=${KM_GCC:-gcc}
plugin=${KM_PLUGIN:-$top/build/kmetrics.so}
n=${KM_PROBE_N:-100}
t=$top/build/plugin-tests/probes-$cc
rm -rf "$t"
mkdir -p "$t/cwd"
cd "$t/cwd" || exit 1
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "PASS: probes: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: probes: $*"; }
KFLAGS="-D__KERNEL__ -std=gnu11 -fshort-wchar -funsigned-char -fno-common -fno-PIE -fno-strict-aliasing"
printf 'static inline int hdr_twice(int x) { return 2 * x; }\n' >"$t/hdr.h"
CODE='int foo(int x) { asm goto ("" :::: bar); return x; bar: return 0; }'

# same NAME CMD...: CMD (which puts $PF into the compile) prints, fails and
# succeeds alike without and with the plugin, and leaves nothing in the
# current directory either way
same() {
	local name=$1 a b
	shift
	echo "$CODE" | PF= "$@" >"$t/plain.out" 2>"$t/plain.err"
	a=$?
	echo "$CODE" | PF="-fplugin=$plugin" "$@" >"$t/plugin.out" 2>"$t/plugin.err"
	b=$?
	if [ "$a" != "$b" ]; then bad "$name: status $a without the plugin, $b with it"
	elif ! cmp -s "$t/plain.err" "$t/plugin.err"; then bad "$name: stderr differs: $(head -c 300 "$t/plugin.err")"
	elif ! cmp -s "$t/plain.out" "$t/plugin.out"; then bad "$name: stdout differs"
	elif [ -n "$(ls -A)" ]; then bad "$name: left $(ls -A | tr '\n' ' ')"
	else ok "$name (status $a) writes nothing"
	fi
	rm -rf ./* ./.[!.]*
}

# kbuild's try-run: the probe's output in a directory removed afterwards
probe() { mkdir -p .tmp_$$ && "$cc" $PF "$@" -c -x c /dev/null -o .tmp_$$/tmp; local s=$?; rm -rf .tmp_$$; return $s; }
compile() { "$cc" $PF "$@"; }
same "cc-option (taken)" probe -Werror $KFLAGS -Wno-pointer-sign
same "cc-option (refused)" probe -Werror $KFLAGS -fno-such-option
same "cc-disable-warning" probe -Werror $KFLAGS -Wmaybe-uninitialized
same "header test -S -o /dev/null -include" compile $KFLAGS -S -o /dev/null -x c /dev/null -include "$t/hdr.h"
same "piped -c -o /dev/null" compile -x c - -c -o /dev/null
same "piped -S -o -" compile -S -x c - -o -
same "-E -o /dev/null" compile -Werror -E -x c /dev/null -o /dev/null

# what one probe costs: n of each, alternating, CPU seconds (user+sys) and wall
cost() {	# cost PLUGIN-FLAGS...: "wall cpu" of one probe in ms
	local i w c
	TIMEFORMAT='%3R %3U %3S'
	set -- $( { time for i in $(seq 1 "$n"); do PF="$*" probe -Werror $KFLAGS || exit 1; done; } 2>&1 )
	awk -v n="$n" -v w="$1" -v u="$2" -v s="$3" 'BEGIN { printf "%.2f %.2f", 1000 * w / n, 1000 * (u + s) / n }'
}
set -- $(cost) $(cost -fplugin="$plugin") $(cost) $(cost -fplugin="$plugin")
awk -v pw="$1" -v pc="$2" -v kw="$3" -v kc="$4" -v pw2="$5" -v pc2="$6" -v kw2="$7" -v kc2="$8" -v cc="$cc" -v n="$n" 'BEGIN {
	pw = pw < pw2 ? pw : pw2; pc = pc < pc2 ? pc : pc2; kw = kw < kw2 ? kw : kw2; kc = kc < kc2 ? kc : kc2
	printf "NOTE: probes (%s): one cc-option probe takes %.2f ms of CPU (%.2f ms wall), with the plugin %.2f ms (%.2f ms): %+.2f ms of CPU (best of 2 x %d each)\n", cc, pc, pw, kc, kw, kc - pc, n }'
echo "probes ($cc): $pass passed, $fail failed"
[ $fail = 0 ]
