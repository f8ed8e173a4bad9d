#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/lib/io/outputs.sh - every writer of every tool follows kmetrics-merge(1)'s -o
# rules through lib/io/output.c (issue 21, items 1 and 8):
#
#   - a device is written through, never replaced: kmetrics-merge -o (seed,
#     csv, json), --edges, kmetrics-diff -o, kmetrics-report -o, each into
#     a null device made with mknod in a scratch directory (as root; the
#     real /dev/null is never named, and is checked to be a character
#     device at the end); --format=sqlite through one is an error naming it;
#   - -o and --edges are written both or neither: the second failing (a
#     full device, a missing directory) leaves the first as it was, and no
#     temporary behind;
#   - -o and --edges naming one file (also through a link, "..", or
#     /proc/self/fd/1 with standard output redirected to it) is bad usage
#     (exit 2), and nothing is written.
# No system file is ever named: a tool that renamed over its output would
# replace the scratch directory's nodes and links only.
#
#   tests/lib/io/outputs.sh MERGE DIFF REPORT     (make check-outputs)
#
# Inputs: tests/diff/v1 and v2, sidecars with companions (so --edges works).
set -u

MERGE=$(realpath "$1")
DIFF=$(realpath "$2")
REPORT=$(realpath "$3")
top=$(cd "$(dirname "$0")/../../.." && pwd)
. "$top/tests/tool-lib.sh"
V1=$top/tests/diff/v1
V2=$top/tests/diff/v2
T=$(mktemp -d "${TMPDIR:-/tmp}/km-outputs.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T"

# still_device STATUS DEVICE NAME: the last tool exited STATUS, DEVICE is still one.
still_device() {
	if [ "$rc" != "$1" ]; then
		fail "$3: exit $rc, expected $1"; sed 's/^/  /' err; return
	fi
	if [ ! -c "$2" ]; then
		fail "$3: $2 is no longer a character device"; ls -l "$2"; return
	fi
	pass
}

# unchanged NAME FILE TEXT: FILE still holds TEXT, and no temporary beside it.
unchanged() {
	if [ "$(cat "$2" 2>/dev/null)" != "$3" ]; then
		fail "$1: $2 changed: $(head -c 80 "$2" 2>/dev/null)"; return
	fi
	if ls "$2".tmp.* >/dev/null 2>&1; then
		fail "$1: a temporary is left: $(ls "$2".tmp.*)"; return
	fi
	pass
}

if [ "$(id -u)" = 0 ]; then
	mknod null c 1 3 && mknod full c 1 7 || { echo "FAIL: mknod"; exit 1; }
	ln -s null null-link

	# --- a device is written through by every writer ---
	run_tool "" "$MERGE" -o null "$V1"
	still_device 0 null "merge -o DEVICE (seed)"
	run_tool "" "$MERGE" --format=csv -o null "$V1"
	still_device 0 null "merge --format=csv -o DEVICE"
	run_tool "" "$MERGE" --format=json -o null-link "$V1"
	still_device 0 null "merge --format=json -o LINK-TO-DEVICE"
	run_tool "" "$MERGE" --format=csv -o d.csv --edges=null "$V1"
	still_device 0 null "merge --edges=DEVICE"
	[ -s d.csv ] && pass || fail "merge --edges=DEVICE: -o not written"
	run_tool "" "$DIFF" -o null "$V1" "$V2"
	still_device 0 null "diff -o DEVICE"
	run_tool "" "$REPORT" -o null "$V1"
	still_device 0 null "report -o DEVICE"
	run_tool "" "$MERGE" --format=sqlite -o null "$V1"
	still_device 1 null "merge --format=sqlite -o DEVICE is an error"
	grep -q "^null: not a regular file" err && pass ||
		{ fail "merge --format=sqlite -o DEVICE: the message names it"; cat err; }
	run_tool "" "$MERGE" --format=sqlite -o null-link "$V1"
	still_device 1 null "merge --format=sqlite -o LINK-TO-DEVICE is an error"
	run_tool "" "$MERGE" -o full "$V1"
	still_device 1 full "merge -o FULL-DEVICE fails"
	grep -q "full: No space left on device" err && pass ||
		{ fail "merge -o FULL-DEVICE: the message names it"; cat err; }

	# --- both or neither: a failing second output ---
	echo old > kept.csv
	run_tool "" "$MERGE" --format=csv -o kept.csv --edges=full "$V1"
	[ "$rc" = 1 ] && pass || fail "merge --edges=FULL-DEVICE: exit $rc, expected 1"
	unchanged "merge --edges=FULL-DEVICE leaves -o as it was" kept.csv old
	echo old > kept.db
	run_tool "" "$MERGE" --format=sqlite -o kept.db --edges=full "$V1"
	[ "$rc" = 1 ] && pass || fail "merge sqlite --edges=FULL-DEVICE: exit $rc, expected 1"
	unchanged "merge sqlite --edges=FULL-DEVICE leaves -o as it was" kept.db old
else
	echo "outputs: SKIP: the device tests need root (mknod)"
fi

echo old > kept.csv
run_tool "" "$MERGE" --format=csv -o kept.csv --edges=nodir/e.csv "$V1"
expect_err "merge --edges into a missing directory fails" 1 "nodir/e.csv"
unchanged "merge --edges into a missing directory leaves -o as it was" kept.csv old
echo old > e.csv
run_tool "" "$MERGE" --format=csv -o nodir/d.csv --edges=e.csv "$V1"
expect_err "merge -o into a missing directory fails" 1 "nodir/d.csv"
unchanged "merge -o into a missing directory leaves --edges as it was" e.csv old

# --- one file named twice ---
run_tool "" "$MERGE" --format=csv -o same.csv --edges=same.csv "$V1"
expect_err "merge -o F --edges=F is bad usage" 2 "same.csv"
[ ! -e same.csv ] && pass || fail "merge -o F --edges=F wrote F"
echo old > there.csv
ln -s there.csv there-link
run_tool "" "$MERGE" --format=csv -o there.csv --edges=there-link "$V1"
expect_err "merge -o F --edges=LINK-TO-F is bad usage" 2 "there-link"
unchanged "merge -o F --edges=LINK-TO-F writes nothing" there.csv old
mkdir sub
run_tool "" "$MERGE" --format=csv -o sub/new.csv --edges=sub/../sub/new.csv "$V1"
expect_err "merge -o D/F --edges=D/../D/F is bad usage" 2 "sub/../sub/new.csv"
[ ! -e sub/new.csv ] && pass || fail "merge -o D/F --edges=D/../D/F wrote F"
# (a link of our own to /proc/self/fd/1, what /dev/stdout is: a tool that
# renamed over it would replace only the link, never the system's)
ln -s /proc/self/fd/1 fd1
run_tool "" "$MERGE" --edges=fd1 "$V1"
expect_err "merge --edges=/proc/self/fd/1 with the dataset on stdout is bad usage" 2 "fd1"

# --- two files: both written ---
run_tool "" "$MERGE" --format=csv --edges=e2.csv "$V1"
[ "$rc" = 0 ] && [ -s out ] && head -1 e2.csv | grep -q '^caller_file,caller,' && pass ||
	fail "merge --edges=F with the dataset on stdout: exit $rc"

if [ ! -c /dev/null ] || [ ! -L /dev/stdout ]; then
	fail "/dev/null is no longer a character device, or /dev/stdout a link"
else
	pass
fi
echo "outputs: $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
