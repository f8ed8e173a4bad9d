#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tests/report/run.sh - kmetrics-report's generator on small inputs, no
# browser: the command line, bad input, the page's data against what
# kmetrics-merge and kmetrics-diff say of the same inputs
# (tests/report/payload.py reads it).
#
# Fixtures: tests/report/new and tests/report/old, one made-up driver in two
# versions (drv/core.o, drv/user.o; version 2 companions with provenance,
# measures and facts for core.o). In new: core_init calls core_setup, takes
# ops_read's address and calls printk (external); core_setup calls
# core_read; user.o's user_main calls core_init and core_read, user_new
# calls core_read (globals of another object: reached over the build).
# From old to new: core_read worsened (C2 8 -> 12, C3 22000 -> 31000),
# core_setup improved (11 -> 9, 3000 -> 2600.5), user_new added, user_old
# removed, the others unchanged. The records' C11 follow from their
# columns; the hand-made numbers are otherwise not the plugin's.
# Also tests/merge/facts (a version 2 companion) and tests/diff/v1, v2.
#
#   tests/report/run.sh REPORT MERGE DIFF
#   KM_REPORT_VALGRIND=1 tests/report/run.sh ...    every run under valgrind
set -u

REPORT=$(realpath "$1")
MERGE=$(realpath "$2")
DIFF=$(realpath "$3")
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
T=$REPO/build/tests/report/gen
P="python3 $HERE/payload.py"
VG=${KM_REPORT_VALGRIND:-}
. "$REPO/tests/tool-lib.sh"

rm -rf "$T"
mkdir -p "$T"
cd "$T" || exit 1
cp -r "$HERE/new" "$HERE/old" .
cp -r "$REPO/tests/merge/facts" .

# check NAME COMMAND...: passes when COMMAND does (its stderr shown when not)
check() {
	local name=$1
	shift
	if "$@" 2> check.err; then pass; else fail "$name: $(cat check.err)"; fi
}

# --- the command line ---------------------------------------------------------
run_tool "$VG" "$REPORT" --help
[ "$rc" = 0 ] && grep -q '^usage: kmetrics-report' out && pass || fail "--help"
run_tool "$VG" "$REPORT" --bogus new
expect_msg "unknown option" 2 "kmetrics-report: unknown option '--bogus'
Try 'kmetrics-report --help'."
run_tool "$VG" "$REPORT"
expect_err "no PATH" 2 "no PATH given"
run_tool "$VG" "$REPORT" --scope=all new
expect_err "bad scope" 2 "--scope must be tu or build, not 'all'"
run_tool "$VG" "$REPORT" -o
expect_err "-o without FILE" 2 "-o needs a FILE"

# --- bad input: kmetrics-merge's message, no file ----------------------------
echo old > kept.html
run_tool "$VG" "$REPORT" -o kept.html no/such
expect_msg "missing PATH" 1 "no/such: No such file or directory"
[ "$(cat kept.html)" = old ] && pass || fail "a failed run changed -o FILE"
mkdir torn
printf 'f : 0 : 1 : 0.0 : 0 : 1 : 0 : 0 : 0 : 0 : 1 : 1.0 \xef\xbc\x9a0' > torn/t.o.kmetrics
"$MERGE" torn > /dev/null 2> merge.err
run_tool "$VG" "$REPORT" -o torn.html torn
expect_msg "torn sidecar" 1 "$(cat merge.err)"
[ ! -e torn.html ] && pass || fail "torn.html written on bad input"
mkdir nocomp
cp new/drv/core.o.kmetrics nocomp/
"$MERGE" --scope=build nocomp > /dev/null 2> merge.err
run_tool "$VG" "$REPORT" --scope=build -o nocomp.html nocomp
expect_msg "--scope=build without the companion" 1 "$(cat merge.err)"

# --- the page and its data ----------------------------------------------------
run_tool "$VG" "$REPORT" -o new.html new
[ "$rc" = 0 ] && [ ! -s out ] && [ ! -s err ] && pass || fail "report of new: exit $rc, $(cat err)"
check "self-contained page" $P html new.html
"$MERGE" --format=csv -o new-tu.csv new
check "every column as kmetrics-merge --format=csv" $P columns new.html new-tu.csv
check "core_init's calls" $P calls new.html core_init core_setup ops_read printk
check "user_main's calls, per TU" $P calls new.html user_main core_init core_read
[ "$($P get new.html provenance)" = '[{"gcc": "12.2.0", "kernel": "6.1.0", "objects": 2, "plugin": "0.1", "target": "x86_64-linux-gnu"}]' ] &&
	pass || fail "provenance: $($P get new.html provenance)"
[ "$($P get new.html objects),$($P get new.html functions),$($P get new.html scope)" = '2,6,"tu"' ] &&
	pass || fail "objects, functions, scope"
[ "$($P get new.html limits)" = '{"callers": 5, "cyclomatic": 7, "halstead_effort": 20000, "locals": 10, "params": 7}' ] &&
	pass || fail "C11's limits: $($P get new.html limits)"

run_tool "$VG" "$REPORT" --scope=build -o build.html new
"$MERGE" --scope=build --format=csv -o new-build.csv new
check "--scope=build: every column as kmetrics-merge --scope=build" $P columns build.html new-build.csv
check "--scope=build: user_main calls the globals of core.o" $P calls build.html user_main core_init core_read

run_tool "$VG" "$REPORT" -o facts.html facts
"$MERGE" --format=csv -o facts.csv facts
check "facts: every column" $P columns facts.html facts.csv
check "facts: run's calls and the address of printk" $P calls facts.html run spill hdr printk printk
[ "$($P get facts.html calls | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["addr"], c["ext"])')" = \
	"[3] {'file': ['facts/h.h', None], 'name': ['hdr', 'printk']}" ] && pass || fail "facts: ext and addr"

"$MERGE" --scope=build --format=csv -o in.csv new
run_tool "$VG" "$REPORT" -o csv.html in.csv
check "a csv dataset as input" $P columns csv.html new-build.csv
"$MERGE" --format=json -o in.json new
run_tool "$VG" "$REPORT" -o json.html in.json
check "a json dataset as input" $P columns json.html new-tu.csv
[ "$($P get csv.html scope),$($P get csv.html has_calls)" = "null,false" ] && pass ||
	fail "a csv dataset: scope and calls not known"
"$MERGE" --scope=build --format=sqlite -o in.db new
run_tool "$VG" "$REPORT" -o db.html in.db
check "an sqlite database as input" $P columns db.html new-build.csv
check "an sqlite database: its calls" $P calls db.html user_main core_init core_read
[ "$($P get db.html scope),$($P get db.html objects),$($P get db.html provenance)" = \
	'"build",2,[{"gcc": "12.2.0", "kernel": "6.1.0", "objects": 2, "plugin": "0.1", "target": "x86_64-linux-gnu"}]' ] &&
	pass || fail "an sqlite database: scope, objects, provenance"
"$DIFF" in.db new-build.csv > db-diff.txt
[ "$(head -n 1 db-diff.txt)" = "0 changed, 0 added, 0 removed, 6 unchanged" ] && pass ||
	fail "kmetrics-diff: the database and the csv of one build differ: $(head -n 1 db-diff.txt)"
sqlite3 in.db 'PRAGMA user_version = 7'
run_tool "$VG" "$REPORT" -o db7.html in.db
expect_msg "an sqlite database of another schema" 1 "in.db: a database of schema version 7; kmetrics-report reads version 1"

# --git=DIR: C4 as kmetrics-merge --git gives it (core.c in 2020, user.c in 2024)
mkdir -p repo/drv
seq 1 130 > repo/drv/core.c
seq 1 60 > repo/drv/user.c
(cd repo && git init -q && git add drv/core.c &&
	GIT_AUTHOR_DATE=2020-01-01T00:00:00Z GIT_COMMITTER_DATE=2020-01-01T00:00:00Z \
	git -c user.name=t -c user.email=t@t commit -q -m core &&
	git add drv/user.c && GIT_AUTHOR_DATE=2024-01-01T00:00:00Z GIT_COMMITTER_DATE=2024-01-01T00:00:00Z \
	git -c user.name=t -c user.email=t@t commit -q -m user)
"$MERGE" --git=repo --format=csv -o git.csv new
run_tool "$VG" "$REPORT" --git=repo -o git.html new
check "--git: C4 as kmetrics-merge --git" $P columns git.html git.csv
[ "$($P get git.html values | python3 -c 'import json,sys; print(json.load(sys.stdin)["age_days"])')" = \
	"[1461, 1461, 1461, 1461, 0, 0]" ] && pass || fail "--git: the ages"

# --- --baseline: kmetrics-diff's comparison -----------------------------------
run_tool "$VG" "$REPORT" --scope=build --baseline=old -o base.html new
[ "$rc" = 0 ] && pass || fail "--baseline: exit $rc, $(cat err)"
"$DIFF" --all --format=json -o diff.json old new
check "--baseline: the statuses of kmetrics-diff" $P diff base.html diff.json
[ "$($P get base.html baseline | python3 -c 'import json,sys; b=json.load(sys.stdin); print(b["status"], b["counts"])')" = \
	"uiwuuar {'added': 1, 'changed': 0, 'improved': 1, 'removed': 1, 'unchanged': 3, 'worsened': 1}" ] &&
	pass || fail "--baseline: status and counts"
[ "$($P get base.html baseline | python3 -c 'import json,sys; o=json.load(sys.stdin)["old"]; print(o["rows"], o["values"]["cyclomatic"], o["values"]["halstead_effort"])')" = \
	"[1, 2] [11, 8] [3000.0, 22000.0]" ] && pass || fail "--baseline: old values"
"$DIFF" --all --format=json -o vdiff.json "$REPO/tests/diff/v1" "$REPO/tests/diff/v2"
run_tool "$VG" "$REPORT" --baseline="$REPO/tests/diff/v1" -o v.html "$REPO/tests/diff/v2"
check "--baseline: tests/diff's versions (a renamed file, two helpers)" $P diff v.html vdiff.json

# --- what the page must not let through ----------------------------------------
run_tool "$VG" "$REPORT" --title='<b> & "x"' -o title.html new
grep -q '<title>&lt;b&gt; &amp; &quot;x&quot;</title>' title.html && pass || fail "--title is not escaped"
mkdir -p evil/drv
cp new/drv/core.o.kmetrics evil/drv/
sed 's|drv/core\.c|drv/</script><script>alert(1)</script>.c|' new/drv/core.o.kmetrics.graph > evil/drv/core.o.kmetrics.graph
run_tool "$VG" "$REPORT" -o evil.html evil
check "a file named </script> stays in the data" $P html evil.html
[ "$($P get evil.html values | python3 -c 'import json,sys; print(json.load(sys.stdin)["file"][0])')" = \
	'drv/</script><script>alert(1)</script>.c' ] && pass || fail "the file name read back"

# --- little data: pages browser.cjs --load opens (tests/report/report.mk) --------
mkdir -p empty
: > empty/e.o.kmetrics
run_tool "$VG" "$REPORT" -o empty.html empty
[ "$rc" = 0 ] && [ "$($P get empty.html functions)" = 0 ] && pass || fail "an empty dataset: exit $rc"
cut -d, -f1,2 new-tu.csv > narrow.csv
run_tool "$VG" "$REPORT" -o narrow.html narrow.csv
[ "$rc" = 0 ] && [ "$($P get narrow.html columns | python3 -c 'import json,sys; print([c["key"] for c in json.load(sys.stdin)])')" = "['name', 'params']" ] &&
	pass || fail "a csv of name and params: exit $rc"

echo "report: $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
