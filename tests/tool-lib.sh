# SPDX-License-Identifier: GPL-2.0
# tests/tool-lib.sh - what the shell tests of the tools (tests/merge/run.sh,
# tests/diff/run.sh) share: running a tool with its output caught, under
# valgrind on request, and checking what it did. Sourced; each test script
# counts PASS and FAIL and prints "NAME: N passed, N failed" at its end.
#
#   run_tool VALGRIND TOOL ARGS...   stdout to out, stderr to err, status in
#                                    $rc; under valgrind when VALGRIND is set
#   expect NAME STATUS FILE EXPECTED-FILE     status and output as expected
#   expect_err NAME STATUS PATTERN   status, stderr matches, stdout empty
#   expect_msg NAME STATUS TEXT      status, stderr exactly TEXT, stdout empty

PASS=0
FAIL=0

run_tool() {
	vg=$1
	shift
	if [ -n "$vg" ]; then
		valgrind -q --error-exitcode=99 --leak-check=full \
			--errors-for-leak-kinds=definite,indirect \
			"$@" >out 2>err
	else
		"$@" >out 2>err
	fi
	rc=$?
	[ "$rc" = 99 ] && echo "  valgrind found errors:" && cat err
	return 0
}

pass() { PASS=$((PASS + 1)); }
fail() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }

expect() {
	if [ "$rc" != "$2" ]; then
		fail "$1: exit $rc, expected $2"; sed 's/^/  /' err; return
	fi
	if ! cmp -s "$3" "$4"; then
		fail "$1: output differs from $4"; diff "$4" "$3" | head -20; return
	fi
	pass
}

expect_err() {
	if [ "$rc" != "$2" ]; then
		fail "$1: exit $rc, expected $2"; sed 's/^/  /' err; return
	fi
	if ! grep -q -e "$3" err; then
		fail "$1: stderr lacks '$3'"; sed 's/^/  /' err; return
	fi
	if [ -s out ]; then
		fail "$1: wrote output on error"; return
	fi
	pass
}

expect_msg() {
	if [ "$rc" != "$2" ]; then
		fail "$1: exit $rc, expected $2"; sed 's/^/  /' err; return
	fi
	if [ "$(cat err)" != "$3" ]; then
		fail "$1: stderr is not exactly '$3'"; sed 's/^/  /' err; return
	fi
	if [ -s out ]; then
		fail "$1: wrote output on error"; return
	fi
	pass
}
