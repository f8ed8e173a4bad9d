#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/diff/run.sh - tests of kmetrics-diff on hand-made datasets.
#
#   tests/diff/run.sh build/kmetrics-diff build/kmetrics-merge
#   KM_DIFF_VALGRIND=1 tests/diff/run.sh ...    every diff under valgrind
#
# v1/ and v2/ are two versions of one small tree, as the plugin writes it
# (sidecars and companions), measured in two places: v1 under
# /home/dev/linux-base, v2 under /srv/ci/linux-tip (absolute paths in the
# companions), so the roots must be found to match anything. Per function
# (C2 cyclomatic, C3 halstead_effort, C10 nesting; what differs):
#   src/a.c  helper (static)  C2 2->3, C3 120.0->150.0        changed (+1)
#            grown            C2 3->5, C3 300.0->520.5, C10 2->3  changed (+2)
#            shrunk           C2 6->4, C3 900.0->610.0        changed (-2)
#            legacy           C2 30, C3 25000.5, C11 0.6, moved
#                             from line 42 to 40: a line is no column of
#                             the record                       unchanged
#            gone             only in v1                       removed (-2)
#            fresh            only in v2: C1 3, C2 9, C9 5, C10 4,
#                             C11 0.8 (C2 > 7)                 added (+9)
#   src/b.c  helper (static)  the same numbers as a.c's helper in v1:
#                             only the file tells them apart   unchanged
#            b_api                                             unchanged
#   src/old_name.c -> src/new_name.c (renamed; 3 of 3 names shared)
#            r_one, r_three                                    unchanged
#            r_two            C2 2->3, C3 40.0->55.0           changed (+1)
# So: 4 changed, 1 added, 1 removed, 5 unchanged, listed by C2 increase:
# fresh +9, grown +2, helper +1 and r_two +1 (by name), the unchanged (0,
# with --all), shrunk -2 and gone -2 (changed before removed).
#
# The gate over v1 -> v2 (a function fails when it is added and past the
# limit, or changed, past it and worse):
#   cyclomatic>3   fresh (added, 9) and grown (3->5); not shrunk (6->4 is 4
#                  > 3 but better), not legacy (30, but unchanged)
#   nesting>2      fresh (4) and grown (2->3)
#   score<0.9      fresh (0.8, new); legacy (0.6) is unchanged
#   cyclomatic>30  nothing: legacy is 30, not past it
#
# ext/ holds an older csv (the first 16 columns, a path with a space and one
# with a comma) and a newer, pretty-printed json with extended columns
# (nloc, cognitive, frame_bytes, section) and a key that is no column:
#   parse   C2 7->12, C3 4000.0->6100.25, C10 3->4, C11 1.0->0.8  changed
#   emit, init  line moved only                                   unchanged
#   tokenize (C2 4, cognitive 5), big_new (C2 9, cognitive 15)    added
# --fail-on=cognitive>10: OLD has no cognitive, so only big_new (added,
# 15) can fail and does, with a warning that OLD lacks the column;
# --fail-on=cyclomatic>10: parse (7->12).
set -u

DIFF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
MERGE=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$ROOT/build/diff-tests
[ -n "${KM_DIFF_VALGRIND:-}" ] && WORK=$ROOT/build/diff-tests-valgrind
EXP=$HERE/expected

rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK" || exit 1
cp -r "$HERE/v1" "$HERE/v2" "$HERE/ext" .

. "$HERE/../tool-lib.sh"

# Run kmetrics-diff: stdout to out, stderr to err, status in $rc.
kdiff() { run_tool "${KM_DIFF_VALGRIND:-}" "$DIFF" "$@"; }

# quiet NAME: nothing on stderr
quiet() { [ -s err ] && { fail "$1: stderr not empty"; sed 's/^/  /' err; } || pass; }

test_versions() {
	kdiff v1 v2
	expect "v1 -> v2: summary and table, largest C2 increase first" 0 out "$EXP/v.text"
	quiet "a clean diff prints nothing on stderr"
	kdiff --all v1 v2
	expect "--all lists the unchanged too" 0 out "$EXP/v-all.text"
	kdiff --format=csv v1 v2
	expect "csv: status,name,file,old_line,new_line and old_/new_ pairs" 0 out "$EXP/v.csv"
	kdiff --format=json --all v1 v2
	expect "json: one object a function, old and new with every column" 0 out "$EXP/v.json"
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' out && pass ||
		fail "the json output does not parse"
	kdiff v1 v1
	printf '0 changed, 0 added, 0 removed, 10 unchanged\n' >same.exp
	expect "a dataset against itself: all unchanged, no table" 0 out same.exp
}

# The same comparison from what kmetrics-merge writes: csv and json keep the
# files (the same result), seed does not (names, occurrence order).
test_datasets() {
	"$MERGE" --format=csv -o v1.csv v1 && "$MERGE" --format=json -o v2.json v2 &&
		"$MERGE" -o v1.seed v1 && "$MERGE" -o v2.seed v2 || { fail "kmetrics-merge"; return; }
	kdiff v1.csv v2.json
	expect "csv against json: as the sidecars" 0 out "$EXP/v.text"
	kdiff v1.csv v2
	expect "csv against sidecars: as the sidecars" 0 out "$EXP/v.text"
	kdiff --all v1.seed v2.seed
	expect "seed against seed: by name, the two helpers in the order read" 0 out "$EXP/seed.text"
	kdiff v1.seed v2
	head -n 2 out >seed-mixed.out
	printf '4 changed, 1 added, 1 removed, 5 unchanged\nfunctions matched by name: OLD gives no source files\n' >seed-mixed.exp
	expect "seed against sidecars: by name, OLD's lack of files said" 0 seed-mixed.out seed-mixed.exp
}

test_gate() {
	kdiff --fail-on='cyclomatic>3' v1 v2
	expect "gate: exit 3, the output still written" 3 out "$EXP/v.text"
	printf '%s\n' \
		'/srv/ci/linux-tip/src/a.c:140: warning: fresh: cyclomatic 9 exceeds 3 (new function)' \
		'/srv/ci/linux-tip/src/a.c:11: warning: grown: cyclomatic 5 exceeds 3 (was 3)' >gate.exp
	expect "gate: one gcc-style line a failure; improved and unchanged never fail" 3 err gate.exp
	kdiff --fail-on='nesting>2,score<0.9' -o gate.txt v1 v2
	printf '%s\n' \
		'/srv/ci/linux-tip/src/a.c:140: warning: fresh: nesting 4 exceeds 2 (new function)' \
		'/srv/ci/linux-tip/src/a.c:140: warning: fresh: score 0.8 is below 0.9 (new function)' \
		'/srv/ci/linux-tip/src/a.c:11: warning: grown: nesting 3 exceeds 2 (was 2)' >gate2.exp
	expect "gate: several rules, '<' where smaller is worse" 3 err gate2.exp
	kdiff --fail-on='cyclomatic>30' v1 v2
	expect "gate: nothing past the limit, exit 0" 0 out "$EXP/v.text"
	kdiff --fail-on='cyclomatic>3' v1.seed v2.seed
	printf '%s\n' \
		'v2.seed:5: warning: fresh: cyclomatic 9 exceeds 3 (new function)' \
		'v2.seed:2: warning: grown: cyclomatic 5 exceeds 3 (was 3)' >gate3.exp
	expect "gate without files: the record's own file and line" 3 err gate3.exp
}

# SARIF validated against the 2.1.0 schema (sarif_check.py says where it is from).
test_sarif() {
	kdiff --format=sarif --fail-on='cyclomatic>3,nesting>2,score<0.9' v1 v2
	expect "sarif: exit 3 too" 3 out "$EXP/v.sarif"
	python3 "$HERE/sarif_check.py" out 5 >check.out 2>&1 && pass ||
		{ fail "sarif of five failures: $(cat check.out)"; }
	kdiff --format=sarif v1 v2
	python3 "$HERE/sarif_check.py" out 0 >check.out 2>&1 && pass ||
		{ fail "sarif without --fail-on: $(cat check.out)"; }
	kdiff --format=sarif --fail-on='cyclomatic>10' ext/old16.csv ext/new-ext.json
	python3 "$HERE/sarif_check.py" out 1 >check.out 2>&1 && pass ||
		{ fail "sarif of a path with a space: $(cat check.out)"; }
	grep -q '"uri": "src/my%20file.c"' out && pass || fail "sarif: the uri is percent-encoded"
	sed 's/"startLine": 140/"startLine": 0/' "$EXP/v.sarif" >bad.sarif
	python3 "$HERE/sarif_check.py" bad.sarif 5 >check.out 2>&1 &&
		fail "the schema check takes a startLine of 0" || pass
}

# An older dataset (16 columns) against a newer one (extended columns, json).
test_columns() {
	kdiff ext/old16.csv ext/new-ext.json
	expect "older csv against newer json: the columns both have" 0 out "$EXP/ext.text"
	expect_warn='kmetrics-diff: warning: ext/new-ext.json:10: key '"'"'reviewer'"'"' is not a kmetrics column; ignored'
	[ "$(cat err)" = "$expect_warn" ] && pass || { fail "one warning for an unknown key"; cat err; }
	kdiff --format=csv ext/old16.csv ext/new-ext.json
	expect "csv: old_/new_ pairs of every column either side has" 0 out "$EXP/ext.csv"
	kdiff --fail-on='cognitive>10' ext/old16.csv ext/new-ext.json
	printf '%s\n' \
		"kmetrics-diff: warning: ext/new-ext.json:10: key 'reviewer' is not a kmetrics column; ignored" \
		"kmetrics-diff: warning: ext/old16.csv: no column cognitive: only added functions can fail --fail-on on it" \
		'src/my file.c:80: warning: big_new: cognitive 15 exceeds 10 (new function)' >cog.exp
	expect "gate on a column OLD lacks: only added functions fail" 3 err cog.exp
	kdiff --fail-on='cognitive>10' ext/new-ext.json ext/old16.csv
	expect_msg "gate on a column NEW lacks: bad input" 1 \
		"kmetrics-diff: warning: ext/new-ext.json:10: key 'reviewer' is not a kmetrics column; ignored
ext/old16.csv: no column cognitive (needed by --fail-on)"
}

test_errors() {
	kdiff no/such v2
	expect_msg "missing OLD" 1 "no/such: No such file or directory"
	mkdir -p bad/src && cp v2/src/b.o.kmetrics bad/src/ &&
		sed -i '2s/ : 4 : / : /' bad/src/b.o.kmetrics
	kdiff v1 bad
	expect_msg "a bad line names file and line" 1 "bad/src/b.o.kmetrics:2: expected 13 fields, found 12"
	printf 'name,cyclomatic\r\nf,3\r\ng,x\r\n' >bad.csv
	kdiff bad.csv v2
	expect_msg "a bad csv value names file, line and column" 1 \
		"bad.csv:3: column cyclomatic: 'x' is not an integer"
	printf 'name,cyclomatic\r\nf,3,4\r\n' >bad2.csv
	kdiff v1 bad2.csv
	expect_msg "a csv row of the wrong width" 1 "bad2.csv:2: expected 2 fields, found 3"
	printf '[\n{"name": "f", "cyclomatic": 3},\n{"name": "g", "cyclomatic": "3"}\n]\n' >bad.json
	kdiff bad.json v2
	expect_msg "a json value of the wrong type" 1 "bad.json:3: column cyclomatic: a string, not a number"
	printf '[\n{"name": "f"},\n{"cyclomatic": 2}\n]\n' >noname.json
	kdiff noname.json v2
	expect_msg "a json object without a name" 1 "noname.json:3: an object without a name"
	printf '[{"name": "f"}] x\n' >trail.json
	kdiff trail.json v2
	expect_msg "text after the json array" 1 "trail.json:1: text after the array"
	printf 'SQLite format 3\000' >x.sqlite
	kdiff x.sqlite v2
	expect_msg "an sqlite file that is none: said, not misread" 1 "x.sqlite: sqlite: file is not a database"
	echo keep >kept.txt
	kdiff -o kept.txt v1 bad
	[ "$rc" = 1 ] && [ "$(cat kept.txt)" = keep ] && [ -z "$(ls kept.txt.tmp.* 2>/dev/null)" ] &&
		pass || fail "-o FILE is left alone on bad input"
	kdiff -o made.txt v1 v2
	[ "$rc" = 0 ] && cmp -s made.txt "$EXP/v.text" && [ ! -s out ] && pass ||
		fail "-o FILE gets the whole output and stdout nothing"
}

test_usage() {
	kdiff --fail-on='nosuch>3' v1 v2
	expect_msg "unknown column in a rule" 2 "kmetrics-diff: --fail-on: unknown column 'nosuch' in 'nosuch>3'
Try 'kmetrics-diff --help'."
	kdiff --fail-on='cyclomatic>x' v1 v2
	expect_msg "a limit that is no number" 2 "kmetrics-diff: --fail-on: the limit 'x' is not a number in 'cyclomatic>x'
Try 'kmetrics-diff --help'."
	kdiff --fail-on='name>3' v1 v2
	expect_msg "a text column in a rule" 2 "kmetrics-diff: --fail-on: column 'name' is not a number in 'name>3'
Try 'kmetrics-diff --help'."
	kdiff --fail-on='cyclomatic>3,' v1 v2
	expect_msg "an empty rule" 2 "kmetrics-diff: --fail-on: an empty rule
Try 'kmetrics-diff --help'."
	kdiff --fail-on='cyclomatic=3' v1 v2
	expect_msg "no operator" 2 "kmetrics-diff: --fail-on: 'cyclomatic=3' is not COLUMN>LIMIT or COLUMN<LIMIT
Try 'kmetrics-diff --help'."
	kdiff --format=xml v1 v2
	expect_msg "unknown format" 2 "kmetrics-diff: --format must be text, csv, json or sarif, not 'xml'
Try 'kmetrics-diff --help'."
	kdiff v1
	expect_msg "one PATH" 2 "kmetrics-diff: needs OLD and NEW
Try 'kmetrics-diff --help'."
	kdiff v1 v2 v1
	expect_msg "three PATHs" 2 "kmetrics-diff: one OLD and one NEW, not a third PATH 'v1'
Try 'kmetrics-diff --help'."
	kdiff --help
	[ "$rc" = 0 ] && grep -q '^  cyclomatic  *C2: McCabe' out && grep -q '^  cognitive ' out &&
		! grep -q '^  file ' out && pass || fail "--help lists the number columns for --fail-on"
}

test_versions
test_datasets
test_gate
test_sarif
test_columns
test_errors
test_usage

echo "diff: $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
