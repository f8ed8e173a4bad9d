# SPDX-License-Identifier: GPL-2.0
# tests/history/lib.sh - what the history tests share (run.sh, hostile.sh):
# their work directory, counting, running kmetrics-merge and reading its
# csv. Sourced after setting HERE (the tests' folder) and the arguments.
#
#   hist_setup MERGE NAME   MERGE made absolute, cd into build/NAME (emptied)
#   merge ARGS...           stdout to out, stderr to err, status in $rc; a
#                           watchdog: a run past two minutes fails (124)
#   cols FILE NAMES...      the named columns of a csv, comma-separated
#   check NAME EXPECTED FILE   exit 0 and FILE holding EXPECTED
#   expect_err NAME STATUS TEXT   status, TEXT in stderr, no output, no out.csv

PASS=0
FAIL=0
R=$(printf ' \357\274\232')

pass() { PASS=$((PASS + 1)); }
fail() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }

hist_setup() {
	MERGE=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
	ROOT=$(cd "$HERE/../.." && pwd)
	WORK=$ROOT/build/$2
	rm -rf "$WORK"
	mkdir -p "$WORK"
	cd "$WORK" || exit 1
}

merge() {
	timeout 120 "$MERGE" "$@" >out 2>err
	rc=$?
}

cols() {
	f=$1
	shift
	tr -d '\r' <"$f" | awk -F, -v want="$*" '
	NR == 1 { n = split(want, w, " "); for (i = 1; i <= NF; i++) at[$i] = i; next }
	{ s = ""; for (i = 1; i <= n; i++) s = s (i > 1 ? "," : "") $(at[w[i]]); print s }'
}

check() {
	if [ "$rc" != 0 ]; then
		fail "$1: exit $rc"; sed 's/^/  /' err | head -5; return
	fi
	if [ "$2" != "$(cat "$3")" ]; then
		fail "$1"; echo "  expected:"; echo "$2" | sed 's/^/    /'
		echo "  got:"; sed 's/^/    /' "$3"; return
	fi
	pass
}

expect_err() {
	if [ "$rc" != "$2" ] || ! grep -qF -e "$3" err || [ -s out ] || [ -e out.csv ]; then
		fail "$1: exit $rc, expected $2 and '$3'"; sed 's/^/  /' err | head -5; return
	fi
	pass
}
