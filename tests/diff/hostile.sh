#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/diff/hostile.sh - kmetrics-diff against hostile inputs (issue 21,
# items 5, 6, 9 and 10): each check failed on the main of before the fix.
#
#   tests/diff/hostile.sh build/kmetrics-diff build/kmetrics-merge
#
# hostile/frame-{old,new}.csv (hand-made): the seed columns of each
# function are the same on both sides, frame_bytes moves: grows 400->4000
# (past 512 and worse: fails frame_bytes>512), steady 600->600 (past, not
# worse), shrinks 900->700 (past, better). So 0 changed and one failure.
#
# Renamed files are made by gen_moved: N files drivers/oldI/dev.c become
# drivers/x/newI.c, each defining probe and remove, the odd ones also
# devI_init, the one name that tells which file became which. Every pair of
# files voting (the old pairing) needed 24 bytes a pair of files for each
# of probe and remove: 20,000 files, about 19 GB; the test runs in 1 GB.
set -u

DIFF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
MERGE=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$ROOT/build/diff-hostile

rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK" || exit 1
cp "$HERE"/hostile/* .
cp -r "$HERE/v1" .

. "$HERE/../tool-lib.sh"

kdiff() { run_tool "" "$DIFF" "$@"; }

# Item 5: the rule's column decides whether a function got worse.
test_gate_columns() {
	kdiff --fail-on='frame_bytes>512' frame-old.csv frame-new.csv
	printf 'src/f.c:10: warning: grows: frame_bytes 4000 exceeds 512 (was 400)\n' >frame.exp
	expect "gate: frame_bytes 400->4000 with the seed columns the same fails" 3 err frame.exp
	grep -q '^0 changed, 0 added, 0 removed, 3 unchanged$' out && pass ||
		fail "gate: the functions are still unchanged"
}

# N files moved and renamed: OLD's csv (old) or NEW's (new).
gen_moved() {
	awk -v n="$1" -v side="$2" 'BEGIN {
		print "name,cyclomatic,file,line"
		for (i = 0; i < n; i++) {
			f = side == "old" ? "drivers/old" i "/dev.c" : "drivers/x/new" i ".c"
			printf "probe,2,%s,10\nremove,1,%s,20\n", f, f
			if (i % 2)
				printf "dev%d_init,1,%s,30\n", i, f
		}
	}'
}

# Item 9: pairing renamed files costs memory in the functions, not files squared.
test_renames() {
	gen_moved 20000 old >moved-old.csv
	gen_moved 20000 new >moved-new.csv
	(ulimit -v 1000000; "$DIFF" --all --format=csv moved-old.csv moved-new.csv >out 2>err)
	rc=$?
	[ "$rc" = 0 ] && [ ! -s err ] && pass ||
		{ fail "20,000 renamed files in 1 GB: exit $rc"; head -3 err; return; }
	tr -d '\r' <out | awk -F, 'NR > 1 {
		o = $8; n = $9
		sub(/^drivers\/old/, "", o); sub(/\/dev\.c$/, "", o)
		sub(/^drivers\/x\/new/, "", n); sub(/\.c$/, "", n)
		rows++
		if ($1 != "unchanged") other++
		if (o % 2 && o != n) wrong++
	} END { print rows + 0, other + 0, wrong + 0 }' >pairs.out
	[ "$(cat pairs.out)" = "50000 0 0" ] && pass ||
		fail "renames: every function unchanged, each odd file paired by its init (rows, other, wrong: $(cat pairs.out))"
}

# N files dI/main.c of OLD become eI/main.c, each defining probe, remove
# and initI, and in NEW also xI: no file the same, every file main.c; the
# names only one pair holds find the pairs, which then count probe and
# remove too (3 of 3 shared).
gen_grown() {
	awk -v n="$1" -v side="$2" 'BEGIN {
		print "name,cyclomatic,file,line"
		for (i = 0; i < n; i++) {
			f = side == "old" ? "a/d" i "/main.c" : "b/e" i "/main.c"
			printf "probe,2,%s,10\nremove,1,%s,20\ninit%d,1,%s,30\n", f, f, i, f
			if (side == "new")
				printf "x%d,1,%s,40\n", i, f
		}
	}'
}

test_renames_grown() {
	gen_grown 20000 old >grown-old.csv
	gen_grown 20000 new >grown-new.csv
	(ulimit -v 1000000; "$DIFF" --format=csv grown-old.csv grown-new.csv >out 2>err)
	rc=$?
	[ "$rc" = 0 ] && pass || { fail "20,000 moved main.c in 1 GB: exit $rc"; return; }
	tr -d '\r' <out | awk -F, 'NR > 1 { n[$1]++ } END { print n["added"] + 0, n["removed"] + 0 }' >grown.out
	[ "$(cat grown.out)" = "20000 0" ] && pass ||
		fail "moved main.c: only the x functions added (added, removed: $(cat grown.out))"
	"$DIFF" --all --format=csv grown-old.csv grown-new.csv | tr -d '\r' |
		awk -F, '$2 ~ /^init/ { i = substr($2, 5); if ($8 != "a/d" i "/main.c" || $9 != "b/e" i "/main.c") bad++; n++ }
			END { print n + 0, bad + 0 }' >grown-pairs.out
	[ "$(cat grown-pairs.out)" = "20000 0" ] && pass ||
		fail "moved main.c: each paired by its init (inits, wrong: $(cat grown-pairs.out))"
}

# Item 10: names and paths reach the terminal and the gate lines escaped.
test_escapes() {
	printf 'name,cyclomatic,file,line\n"evil\033[2J",3,"a\n::error file=x::forged.c",5\n' >esc-old.csv
	printf 'name,cyclomatic,file,line\n"evil\033[2J",9,"a\n::error file=x::forged.c",5\n' >esc-new.csv
	kdiff --fail-on='cyclomatic>5' esc-old.csv esc-new.csv
	printf '%s\n' 'a\n::error file=x::forged.c:5: warning: evil\x1b[2J: cyclomatic 9 exceeds 5 (was 3)' >esc.exp
	expect "gate line: a newline and an escape in it are escaped" 3 err esc.exp
	grep -q '^changed    evil\\x1b\[2J  a\\n::error file=x::forged.c:5  ' out &&
		[ "$(wc -l <out)" = 4 ] && ! grep -q "$(printf '\033')" out && pass ||
		{ fail "text output: one line a function, escapes shown as text"; cat -A out; }
	printf 'src/e\033[2Jvil.c:helper\n' >esc-labels.txt
	run_tool "" "$MERGE" --labels=esc-labels.txt --format=csv v1
	printf '%s\n' 'esc-labels.txt:1: warning: src/e\x1b[2Jvil.c:helper matches no function' >esc-labels.exp
	[ "$rc" = 0 ] && cmp -s err esc-labels.exp && pass ||
		{ fail "kmetrics-merge --labels: a label that matches nothing, escaped"; cat -A err; }
}

# Item 10: a limit is a finite number, and a long one is said to be long.
test_limits() {
	kdiff --fail-on='cyclomatic>1e999' esc-old.csv esc-new.csv
	expect_msg "a limit past the largest double" 2 "kmetrics-diff: --fail-on: the limit '1e999' is out of range in 'cyclomatic>1e999' (past the largest number)
Try 'kmetrics-diff --help'."
	long=$(printf '1%.0s' $(seq 70))
	kdiff --fail-on="cyclomatic>$long" esc-old.csv esc-new.csv
	[ "$rc" = 0 ] && pass || fail "a 70-digit limit is a number: exit $rc"
	long=$(printf '1%.0s' $(seq 90))
	kdiff --fail-on="cyclomatic>$long" esc-old.csv esc-new.csv
	expect_err "a 90-digit limit: too long, said so" 2 "is longer than 79 characters"
}

# Item 6: a database is read as anyone's. Each is kmetrics-merge's of v1
# (whose functions id 2 is a real function) changed by the sqlite3 CLI.
test_sqlite() {
	"$MERGE" --format=sqlite -o v1.db v1 || { fail "kmetrics-merge --format=sqlite"; return; }
	cp v1.db inf.db
	sqlite3 inf.db 'UPDATE functions SET halstead_effort = 9e999 WHERE id = 2'
	kdiff --format=json inf.db v1.db
	expect_msg "sqlite: an Inf is refused, naming the id and the column" 1 \
		"inf.db: functions id 2: column halstead_effort: Inf is not a finite number"
	cp v1.db view.db
	sqlite3 view.db 'ALTER TABLE functions RENAME TO f0;
		CREATE VIEW functions AS WITH RECURSIVE r(id) AS
			(SELECT 1 UNION ALL SELECT id + 1 FROM r)
		SELECT id, 1 AS object_id, '"'f'"' || id AS name FROM r'
	run_tool "" timeout 60 "$DIFF" view.db v1.db
	expect_msg "sqlite: functions as an endless view is refused, not read" 1 \
		"view.db: functions is a view, not a table: not a database kmetrics-merge wrote"
	cp v1.db gen.db
	sqlite3 gen.db 'ALTER TABLE functions ADD COLUMN extra INTEGER AS (cyclomatic * 2)'
	kdiff gen.db v1.db
	expect_msg "sqlite: a computed column is refused" 1 \
		"gen.db: column 'extra' of functions is computed, not stored: not a database kmetrics-merge wrote"
	cp v1.db trig.db
	sqlite3 trig.db 'CREATE TABLE log(x);
		CREATE TRIGGER t AFTER INSERT ON functions BEGIN INSERT INTO log VALUES (1); END'
	kdiff trig.db v1.db
	[ "$rc" = 0 ] && [ ! -s err ] && pass || fail "sqlite: a trigger that cannot fire is harmless"
}

# Item 10: a BOM, a header in capitals and a NUL byte said as what they are.
test_messages() {
	printf '\357\273\277name,cyclomatic\r\nf,3\r\n' >bom.csv
	kdiff bom.csv bom.csv
	expect_msg "a csv with a UTF-8 BOM: said, not 'CRLF'" 1 \
		"bom.csv:1: a UTF-8 byte order mark (BOM) starts the file; kmetrics reads UTF-8 without one"
	printf '\357\273\277[{"name": "f"}]\n' >bom.json
	kdiff bom.json bom.json
	expect_msg "a json with a UTF-8 BOM: said, not 'truncated'" 1 \
		"bom.json:1: a UTF-8 byte order mark (BOM) starts the file; kmetrics reads UTF-8 without one"
	printf 'NAME,cyclomatic\nf,3\n' >upper.csv
	kdiff upper.csv upper.csv
	expect_msg "a NAME header: read as a csv, the case said" 1 \
		"upper.csv:1: column 'NAME' is not a kmetrics column: names are spelt in lower case, as 'name'"
	printf 'name,cyclomatic\n"f"\000,3\n' >nul.csv
	kdiff nul.csv nul.csv
	expect_msg "a NUL byte: binary data, not a quote" 1 "nul.csv:2: a NUL byte: binary data, not text"
	run_tool "" timeout 60 "$DIFF" /dev/zero nul.csv
	expect_msg "/dev/zero as a PATH: one read, not until memory runs out" 1 \
		"/dev/zero:1: a NUL byte: binary data, not text"
}

# Item 9: unknown json keys and csv columns cost a warning each only for the first 16.
test_unknown_keys() {
	awk 'BEGIN { printf "[{\"name\": \"f\""; for (i = 0; i < 20000; i++) printf ", \"k%d\": %d", i, i; print "}]" }' >keys.json
	kdiff keys.json keys.json
	[ "$rc" = 0 ] && [ "$(grep -c "is not a kmetrics column" err)" = 32 ] &&
		[ "$(grep -c "more keys that are not kmetrics columns" err)" = 2 ] &&
		[ "$(wc -l <err)" = 34 ] && pass ||
		{ fail "20,000 unknown keys: 16 named and one line more a file (exit $rc, $(wc -l <err) lines)"; }
	awk 'BEGIN { printf "name"; for (i = 0; i < 20000; i++) printf ",c%d", i; printf "\nf"
		for (i = 0; i < 20000; i++) printf ",1"; print "" }' >wide.csv
	kdiff wide.csv wide.csv
	[ "$rc" = 0 ] && [ "$(grep -c "more columns that are not kmetrics columns" err)" = 2 ] &&
		[ "$(wc -l <err)" = 34 ] && pass ||
		{ fail "20,000 unknown csv columns: 16 named and one line more a file (exit $rc, $(wc -l <err) lines)"; }
}

test_gate_columns
test_messages
test_unknown_keys
test_sqlite
test_renames
test_renames_grown
test_escapes
test_limits

echo "diff-hostile: $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
