#!/bin/bash
# Sidecars appear whole or not at all.
#
#   atomic.sh [ROUNDS] [KILLS]
#
# 1. Many compiles write the same sidecar at once: 20 variants, each in
#    its own directory with -o x.o and the same absolute outdir, so the
#    objects differ and the sidecar paths collide (ROUNDS rounds, default
#    3); and the same file built 10 times at once to one -o. The final
#    sidecar must be exactly one variant's complete sidecar, the companion
#    exactly one variant's complete companion, no temporary left; and the
#    two must come from the same compile.
# 2. A compile killed with SIGKILL (the driver and cc1) never leaves a torn
#    sidecar: KILLS tries (default 10) at random moments of the compile and
#    KILLS tries right after the plugin created a temporary, 3 right
#    after the companion was renamed into place; each starts
#    from the previous complete sidecar (or none) and must end with the
#    previous one, the new complete one or none, the companion alike, and
#    a sidecar never without its companion. Leftover temporaries are
#    counted; they must not look like sidecars (end in .kmetrics or
#    .kmetrics.graph).
# Prints PASS/FAIL lines and NOTE lines with what was observed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${1:-3} kills=${2:-10}
plugin=${KM_PLUGIN:-$top/build/kmetrics.so}
killer=$top/build/robust/killer
t=$top/build/robust/atomic
rm -rf "$t"
mkdir -p "$t/src"
cd "$t" || exit 1
RANDOM=5	# the same kill times on every run

ok() { echo "PASS: atomic: $1"; }
bad() { echo "FAIL: atomic: $1"; }
check() {	# check NAME CONDITION...
	local name=$1
	shift
	if "$@"; then ok "$name"; else bad "$name"; fi
}

# which_of FILE KIND: the variant whose reference KIND file FILE equals, or ""
which_of() {
	local i
	for ((i = 0; i < 20; i++)); do
		cmp -s "$1" "ref/$i/x.o.$2" && { echo "$i"; return; }
	done
}

# ---- 1. concurrent writers ----
for ((i = 0; i < 20; i++)); do
	"$top/tests/robust/gen_big.sh" "v$i" $((40 + 10 * i)) >"src/v$i.c"
	mkdir -p "d$i"
	(cd "d$i" && gcc -O0 -fplugin="$plugin" -fplugin-arg-kmetrics-outdir="$t/ref/$i" \
		-c "../src/v$i.c" -o x.o)
done
refs_ok=1
for ((i = 0; i < 20; i++)); do
	[ -s "ref/$i/x.o.kmetrics" ] && [ -s "ref/$i/x.o.kmetrics.graph" ] || refs_ok=0
done
check "20 reference sidecars written" test "$refs_ok" = 1

mixed=0 torn=0 tmps=0 failed=0
for ((r = 0; r < rounds; r++)); do
	rm -rf out
	for ((i = 0; i < 20; i++)); do
		(cd "d$i" && rm -f x.o && gcc -O0 -fplugin="$plugin" \
			-fplugin-arg-kmetrics-outdir="$t/out" -c "../src/v$i.c" -o x.o 2>err) &
	done
	wait
	for ((i = 0; i < 20; i++)); do
		[ -s "d$i/x.o" ] && [ ! -s "d$i/err" ] || failed=$((failed + 1))
	done
	s=$(which_of out/x.o.kmetrics kmetrics)
	g=$(which_of out/x.o.kmetrics.graph kmetrics.graph)
	if [ -z "$s" ] || [ -z "$g" ]; then
		torn=$((torn + 1))
	elif [ "$s" != "$g" ]; then
		mixed=$((mixed + 1))
		echo "NOTE: atomic: round $r: sidecar of variant $s, companion of variant $g"
	fi
	n=$(ls -A out | grep -c '\.tmp\.')
	tmps=$((tmps + n))
	[ "$(ls -A out | wc -l)" = $((2 + n)) ] || torn=$((torn + 1))
done
check "20 concurrent compiles x $rounds rounds: every compile clean" test "$failed" = 0
check "20 concurrent compiles: sidecar and companion each exactly one variant's" test "$torn" = 0
check "20 concurrent compiles: no temporary left" test "$tmps" = 0
check "20 concurrent compiles: sidecar and companion from the same compile ($mixed of $rounds rounds mixed)" \
	test "$mixed" = 0

# the same file built 10 times at once, same object
mkdir -p same
cp src/v3.c same/s.c
(cd same && gcc -O0 -fplugin="$plugin" -c s.c -o s.o && mv s.o.kmetrics ref && mv s.o.kmetrics.graph ref.graph)
for ((i = 0; i < 10; i++)); do
	(cd same && gcc -O0 -fplugin="$plugin" -c s.c -o s.o 2>>err) &
done
wait
check "same file built 10 times at once: sidecar whole" cmp -s same/ref same/s.o.kmetrics
check "same file built 10 times at once: companion whole" cmp -s same/ref.graph same/s.o.kmetrics.graph
check "same file built 10 times at once: no temporary, no diagnostic" \
	sh -c "! ls -A same | grep -q '\.tmp\.' && ! test -s same/err"

# ---- 2. SIGKILL ----
mkdir -p kill
"$top/tests/robust/gen_big.sh" a 2500 >kill/a.c
"$top/tests/robust/gen_big.sh" b 2500 >kill/b.c
cd kill || exit 1
for v in a b; do
	start=$(date +%s%N)
	gcc -O0 -fplugin="$plugin" -c $v.c -o k.o
	dur=$((($(date +%s%N) - start) / 1000))
	mv k.o.kmetrics ref-$v && mv k.o.kmetrics.graph ref-$v.graph
done
rm -f k.o
# kill_try MODE ARG: one interrupted compile of b.c over a's files or none
killed=0 finished=0 bad_side=0 bad_pair=0 lone=0 leftover=0 looks_like=0
states=""
kill_try() {
	local prev=${force_prev:-$((RANDOM % 2))} res s g
	rm -f k.o k.o.kmetrics* ./*.tmp.*
	[ "$prev" = 1 ] && cp ref-a k.o.kmetrics && cp ref-a.graph k.o.kmetrics.graph
	res=$("$killer" "$@" -- gcc -O0 -fplugin="$plugin" -c b.c -o k.o 2>/dev/null)
	case $res in killed) killed=$((killed + 1)) ;; *) finished=$((finished + 1)) ;; esac
	s=- g=-
	if [ -e k.o.kmetrics ]; then
		if cmp -s k.o.kmetrics ref-b; then s=b
		elif [ "$prev" = 1 ] && cmp -s k.o.kmetrics ref-a; then s=a
		else s=torn; bad_side=$((bad_side + 1)); fi
	fi
	if [ -e k.o.kmetrics.graph ]; then
		if cmp -s k.o.kmetrics.graph ref-b.graph; then g=b
		elif [ "$prev" = 1 ] && cmp -s k.o.kmetrics.graph ref-a.graph; then g=a
		else g=torn; bad_side=$((bad_side + 1)); fi
	fi
	[ "$s" != - ] && [ "$g" = - ] && lone=$((lone + 1))
	[ "$s" != - ] && [ "$g" != - ] && [ "$s" != "$g" ] && bad_pair=$((bad_pair + 1))
	states="$states $s$g"
	for f in *.tmp.*; do
		[ -e "$f" ] || continue
		leftover=$((leftover + 1))
		case $f in *.kmetrics | *.kmetrics.graph) looks_like=$((looks_like + 1)) ;; esac
	done
}
for ((k = 0; k < kills; k++)); do
	kill_try -t $((RANDOM * (dur * 11 / 10) / 32768))
done
for ((k = 0; k < kills; k++)); do
	kill_try -w . -d $((RANDOM % 3000))
done
force_prev=1	# over a's pair, between the companion's rename and the sidecar's
for ((k = 0; k < 3; k++)); do
	kill_try -w . -m k.o.kmetrics.graph -d 0
done
echo "NOTE: atomic: SIGKILL: $killed killed, $finished finished first; leftover temporaries: $leftover;" \
	"outcomes (sidecar, companion: a=previous b=new -=none):$states"
check "SIGKILL x $((2 * kills + 3)): never a torn sidecar or companion" test "$bad_side" = 0
check "SIGKILL: never a sidecar without its companion" test "$lone" = 0
check "SIGKILL: sidecar and companion from the same compile" test "$bad_pair" = 0
check "SIGKILL: leftover temporaries never named like sidecars" test "$looks_like" = 0
check "SIGKILL: at least one compile really was killed" test "$killed" -gt 0
exit 0
