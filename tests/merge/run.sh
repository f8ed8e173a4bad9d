#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/merge/run.sh - golden tests of kmetrics-merge.
#
#   tests/merge/run.sh build/kmetrics-merge [build/gen-synthetic]
#   KM_MERGE_VALGRIND=1 tests/merge/run.sh ...   every run under valgrind
#
# Inputs are hand-written sidecars and companions:
#
#   golden/a/a.o   main_a (G) calls helper (S), hdr_inline (S, header static
#                  inline, no record) and b_api (extern); helper calls log_msg
#                  (defined nowhere)
#   golden/b/b.o   b_api (G) calls helper (S: a second static "helper") and
#                  takes the address of b_core (G); b_core calls c_leaf (extern)
#   golden/c/c.o   c_leaf (G) calls sd (declared static, not defined: a leaf
#                  private to c.o)
#
# Their records hold the per-TU numbers (what the plugin writes). Over the
# build the chain main_a -> b_api -> b_core -> c_leaf -> sd links up, and each
# helper stays in its own object. Worked out by hand (expected/build.seed):
#   main_a  depth 1 (entry); callees a.helper, hdr_inline, b_api, log_msg,
#           b.helper, b_core, c_leaf, sd = 8; callers 0
#   a.helper depth 2; callees log_msg = 1; callers main_a = 1
#   b_api   depth 2; callees b.helper, b_core, c_leaf, sd = 4; callers 1
#   b.helper depth 3; callees 0; callers b_api, main_a = 2
#   b_core  depth 3; callees c_leaf, sd = 2; callers b_api, main_a = 2
#   c_leaf  depth 4; callees sd = 1; callers b_core, b_api, main_a = 3
# (in the TU records: main_a 1 4 0, b_api 1 3 0, b.helper 2 0 1, c_leaf 1 1 0)
#   fanin/         p1 p2 p3 (p.o) and q1 q2 q3 (q.o) call shared (s.o): over
#                  the build shared has 6 callers > 5, so C11 = 1.0 - 0.2 = 0.8
#   dup/           "twice" defined in x.o (x.c:1), y.o (y.c:5) and z.o (x.c:1
#                  again): one function with callees e1 and e2 (2) for all
#                  three records, one warning for the y.o definition only.
# Ages for --git are worked out where the repository is made (test_git).
set -u

MERGE=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
GEN=${2:-}
[ -n "$GEN" ] && GEN=$(cd "$(dirname "$GEN")" && pwd)/$(basename "$GEN")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$ROOT/build/merge-tests
[ -n "${KM_MERGE_VALGRIND:-}" ] && WORK=$ROOT/build/merge-tests-valgrind
PASS=0
FAIL=0

rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK" || exit 1
cp -r "$HERE/golden" "$HERE/fanin" "$HERE/dup" .

# Run the merge tool: stdout to out, stderr to err, status in $rc.
merge() {
	if [ -n "${KM_MERGE_VALGRIND:-}" ]; then
		valgrind -q --error-exitcode=99 --leak-check=full \
			--errors-for-leak-kinds=definite,indirect \
			"$MERGE" "$@" >out 2>err
	else
		"$MERGE" "$@" >out 2>err
	fi
	rc=$?
	[ "$rc" = 99 ] && echo "  valgrind found errors:" && cat err
	return 0
}

pass() { PASS=$((PASS + 1)); }
fail() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }

# expect NAME STATUS FILE EXPECTED-FILE: status and output both as expected
expect() {
	if [ "$rc" != "$2" ]; then
		fail "$1: exit $rc, expected $2"; sed 's/^/  /' err; return
	fi
	if ! cmp -s "$3" "$4"; then
		fail "$1: output differs from $4"; diff "$4" "$3" | head -20; return
	fi
	pass
}

expect_err() {	# NAME STATUS PATTERN: status, stderr matches, stdout empty
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

SIDECARS="golden/a/a.o.kmetrics golden/b/b.o.kmetrics golden/c/c.o.kmetrics"

test_passthrough() {
	cat $SIDECARS >cat.out
	merge golden
	expect "directory input is cat of its sorted sidecars" 0 out cat.out
	merge golden/c/c.o.kmetrics golden/a/a.o.kmetrics
	cat golden/c/c.o.kmetrics golden/a/a.o.kmetrics >cat2.out
	expect "files are taken in the order given" 0 out cat2.out
	merge --scope=tu golden
	expect "--scope=tu keeps the records byte for byte" 0 out cat.out
	merge --format=seed -o seed.out golden
	expect "-o writes the same bytes" 0 seed.out cat.out
	merge golden golden/b/b.o.kmetrics
	expect "a sidecar given twice is read once" 0 out cat.out
	grep -q "golden/b/b.o.kmetrics: the same file as golden/b/b.o.kmetrics; read once" err ||
		fail "a sidecar given twice warns"
}

test_scope_build() {
	merge --scope=build golden
	expect "--scope=build links the chain and keeps statics apart" 0 out "$HERE/expected/build.seed"
	for o in a b c; do
		merge --scope=build golden/$o/$o.o.kmetrics
		expect "--scope=build of one object gives its TU numbers ($o)" 0 out golden/$o/$o.o.kmetrics
	done
	merge --scope=build fanin
	expect "--scope=build recomputes C11 from the new callers" 0 out "$HERE/expected/fanin-build.seed"
	merge --scope=build dup
	expect "a global defined thrice is one function" 0 out "$HERE/expected/dup-build.seed"
	if [ "$(grep -c warning err)" != 1 ] ||
	   ! grep -q "global twice is defined in dup/x.o (dup/x.c:1) and in dup/y.o (dup/y.c:5)" err; then
		fail "a global defined in two places warns once, naming both"; cat err
	else
		pass
	fi
}

test_formats() {
	merge --format=csv golden
	expect "csv has a header, CRLF, file, line and object" 0 out "$HERE/expected/tu.csv"
	merge --format=json --scope=build golden
	expect "json is one array of objects" 0 out "$HERE/expected/build.json"
	mkdir -p nocomp/sub
	cp golden/c/c.o.kmetrics nocomp/sub/
	merge --format=json nocomp
	expect "json without a companion has null file and line" 0 out "$HERE/expected/nocomp.json"
	merge --format=csv nocomp
	expect "csv without a companion has empty file and line" 0 out "$HERE/expected/nocomp.csv"
	mkdir -p quote
	printf 'kmetrics-graph 1\nobject\tq,"x".o\nsource\tq.c\ncwd\t/t\nF\t0\tc_leaf\tG\tdir with "q",x.c\t4\t9\t0\nend\n' \
		>quote/q.o.kmetrics.graph
	cp golden/c/c.o.kmetrics quote/q.o.kmetrics
	merge --format=csv quote
	expect "csv quotes commas and doubles quotes" 0 out "$HERE/expected/quote.csv"
	merge --format=json quote
	expect "json escapes quotes" 0 out "$HERE/expected/quote.json"
}

test_labels() {
	cat >labels.txt <<-'EOF'
	# functions touched by fixes

	main_a
	  b/b.c:helper   # only b.o's static helper
	nosuch
	a.c:b_api
	c_leaf
	EOF
	merge --labels=labels.txt golden
	expect "labels mark names and path:name picks one static" 0 out "$HERE/expected/labels.seed"
	if ! grep -q "^labels.txt:5: warning: nosuch matches no function" err ||
	   ! grep -q "^labels.txt:6: warning: a.c:b_api matches no function" err ||
	   [ "$(wc -l <err)" != 2 ]; then
		fail "unmatched labels are warnings naming file and line"; cat err
	else
		pass
	fi
	printf 'main_a\nbad name\n' >badlabels.txt
	merge --labels=badlabels.txt golden
	expect_err "a label line that is no name is an error" 1 "^badlabels.txt:2: not a function name"
	mkdir -p nocomp2
	cp golden/c/c.o.kmetrics nocomp2/
	printf 'c/c.c:c_leaf\n' >pathlabels.txt
	merge --labels=pathlabels.txt nocomp2
	expect_err "path:name labels need the companion" 1 "nocomp2/c.o.kmetrics.graph: No such file"
	printf 'c_leaf\n' >namelabels.txt
	merge --labels=namelabels.txt nocomp2
	sed 's/ ：0$/ ：1/' golden/c/c.o.kmetrics >c-labelled.out
	expect "name labels need no companion" 0 out c-labelled.out
}

# A repository with fixed dates. HEAD's commit date is 2020-02-01 12:00 UTC
# (1580558400). src.c lines 1-10 come from commit 1 (authored 2020-01-01
# 00:00, 1577836800), lines 6-7 were rewritten by commit 2 (2020-01-11
# 00:00, 1578700800), lines 11-12 added by commit 3 (2020-01-30 18:00,
# 1580407200). Ages, floor(seconds / 86400):
#   f_old  lines 1-5:  2721600 s -> 31        f_mid  lines 6-7: 1857600 s -> 21
#   f_mix  lines 5-12: oldest is commit 1 -> 31
#   f_new  lines 11-12: 151200 s -> 1          f_out  lines 40-50 (past the end) -> 0
#   f_abs  lines 6-7 of the same file named by absolute path -> 21
#   f_untracked in untracked.c -> 0
test_git() {
	repo=$WORK/repo
	mkdir -p "$repo/sub"
	(
		cd "$repo" || exit 1
		git init -q . && git config user.name t && git config user.email t@t &&
		git config commit.gpgsign false || exit 1
		for i in 1 2 3 4 5 6 7 8 9 10; do echo "line $i"; done >sub/src.c
		git add sub/src.c
		GIT_AUTHOR_DATE="2020-01-01T00:00:00+0000" GIT_COMMITTER_DATE="2020-01-01T00:00:00+0000" \
			git commit -q -m one || exit 1
		sed -i 's/^line 6$/LINE 6/; s/^line 7$/LINE 7/' sub/src.c
		GIT_AUTHOR_DATE="2020-01-11T00:00:00+0000" GIT_COMMITTER_DATE="2020-01-11T00:00:00+0000" \
			git commit -q -a -m two || exit 1
		printf 'line 11\nline 12\n' >>sub/src.c
		GIT_AUTHOR_DATE="2020-01-30T18:00:00+0000" GIT_COMMITTER_DATE="2020-02-01T12:00:00+0000" \
			git commit -q -a -m three || exit 1
		echo "not tracked" >sub/untracked.c
		echo "uncommitted change" >>sub/src.c
	) >/dev/null 2>&1 || { fail "git repository setup"; return; }
	mkdir -p gitin
	R=$(printf ' \357\274\232')
	for f in f_old f_mid f_mix f_new f_out f_abs; do
		echo "$f : 0 : 1 : 0.0 : 99 : 1 : 0 : 0 : 0 : 0 : 1 : 1.0${R}0"
	done >gitin/src.o.kmetrics
	cat >gitin/src.o.kmetrics.graph <<-EOF
	kmetrics-graph 1
	object	sub/src.o
	source	sub/src.c
	cwd	/elsewhere/build
	F	0	f_old	G	sub/src.c	1	5	0
	F	1	f_mid	G	sub/src.c	6	7	1
	F	2	f_mix	G	sub/src.c	5	12	2
	F	3	f_new	G	sub/src.c	11	12	3
	F	4	f_out	G	sub/src.c	40	50	4
	F	5	f_abs	G	$repo/sub/./src.c	6	7	5
	end
	EOF
	echo "f_untracked : 0 : 1 : 0.0 : 99 : 1 : 0 : 0 : 0 : 0 : 1 : 1.0${R}0" >gitin/u.o.kmetrics
	printf 'kmetrics-graph 1\nobject\tsub/u.o\nsource\tsub/untracked.c\ncwd\t%s\nF\t0\tf_untracked\tS\tsub/untracked.c\t1\t1\t0\nend\n' \
		"$repo" >gitin/u.o.kmetrics.graph
	{
		for p in "f_old 31" "f_mid 21" "f_mix 31" "f_new 1" "f_out 0" "f_abs 21" "f_untracked 0"; do
			set -- $p
			echo "$1 : 0 : 1 : 0.0 : $2 : 1 : 0 : 0 : 0 : 0 : 1 : 1.0${R}0"
		done
	} >git.expected
	merge --git="$repo" gitin
	expect "--git ages are whole days from the oldest blamed line to HEAD" 0 out git.expected
	merge --git="$repo/sub" gitin
	expect "--git works from a subdirectory of the work tree" 0 out git.expected
	norepo=$(mktemp -d)
	GIT_CEILING_DIRECTORIES=$(dirname "$norepo") merge --git="$norepo" gitin
	rmdir "$norepo"
	expect_err "--git outside a repository is an error" 1 "not in a git work tree"
}

test_errors() {
	mkdir -p bad
	sed '2s/ \xef\xbc\x9a/ :/' golden/a/a.o.kmetrics >bad/a.o.kmetrics
	merge -o bad-out.txt bad golden
	expect_err "an ASCII colon before LABEL names file and line" 1 "^bad/a.o.kmetrics:2: "
	[ -e bad-out.txt ] && fail "no output file on error" || pass
	ls -a | grep -q 'bad-out.txt.tmp' && fail "no temporary left on error" || pass
	printf 'c_leaf : 0 : 1 : 12.0 : 0 : 1 : 1 : 0 : 0 : 0 : 1 : 1.0 \357\274\2320' >bad/trunc.kmetrics
	merge bad/trunc.kmetrics
	expect_err "a last line without newline is an error" 1 "^bad/trunc.kmetrics:1: no newline"
	printf 'c_leaf : 0 : 1 : 12.0 : 0 : 1 : 1 : 0 : 0 : 0 : 1 : 1.0 \357\274\2320\n\n' >bad/blank.kmetrics
	merge bad/blank.kmetrics
	expect_err "an empty line is an error" 1 "^bad/blank.kmetrics:2: "
	mkdir -p nograph
	cp golden/c/c.o.kmetrics nograph/
	merge --scope=build nograph
	expect_err "--scope=build without a companion names it" 1 "nograph/c.o.kmetrics.graph: No such file.*--scope=build"
	mkdir -p badgraph
	cp golden/c/c.o.kmetrics badgraph/
	sed 's/^F\t0\tc_leaf\tG/F\t0\tc_leaf\tQ/' golden/c/c.o.kmetrics.graph >badgraph/c.o.kmetrics.graph
	merge --scope=build badgraph
	expect_err "a corrupt companion names file and line" 1 "^badgraph/c.o.kmetrics.graph:5"
	sed 's/c_leaf/c_other/' golden/c/c.o.kmetrics.graph >badgraph/c.o.kmetrics.graph
	merge --scope=build badgraph
	expect_err "a companion of another sidecar is refused" 1 "badgraph/c.o.kmetrics.graph: function 0 is c_other"
	merge no/such/dir
	expect_err "a missing PATH is an error" 1 "^no/such/dir: No such file"
	merge -o no/such/dir/out golden
	expect_err "an unwritable -o is an error" 1 "no/such/dir/out"
}

test_empty() {
	mkdir -p empty/deeper
	: >empty.out
	merge empty
	expect "an empty directory gives an empty dataset" 0 out empty.out
	: >zero.kmetrics
	merge zero.kmetrics
	expect "an empty sidecar gives an empty dataset" 0 out empty.out
	merge --scope=build --format=csv empty
	printf 'name,params,cyclomatic,halstead_effort,age_days,depth,callees,callers,self_calls,locals,nesting,score,label,file,line,object\r\n' >hdr.out
	expect "empty csv is the header alone" 0 out hdr.out
	merge --format=json empty
	echo '[]' >ej.out
	expect "empty json is an empty array" 0 out ej.out
	merge -o empty-o.out empty
	[ "$rc" = 0 ] && [ -f empty-o.out ] && [ ! -s empty-o.out ] && pass ||
		fail "-o with an empty dataset writes an empty file"
}

test_usage() {
	merge
	expect_err "no PATH is bad usage" 2 "no PATH given"
	merge --bogus golden
	expect_err "an unknown option is bad usage" 2 "unknown option '--bogus'"
	merge --scope=world golden
	expect_err "a bad --scope is bad usage" 2 "scope must be tu or build"
	merge --format=xml golden
	expect_err "a bad --format is bad usage" 2 "format must be seed, csv or json"
	merge -o
	expect_err "-o without FILE is bad usage" 2 "-o needs a FILE"
	merge --help
	if [ "$rc" = 0 ] && grep -q "one JSON array of objects" out && grep -q "^usage: kmetrics-merge" out; then
		pass
	else
		fail "--help prints usage and exits 0"
	fi
}

test_synthetic() {
	[ -n "$GEN" ] || return 0
	"$GEN" 600 syn1 && "$GEN" 600 syn2 || { fail "gen-synthetic runs"; return; }
	if diff -r syn1 syn2 >/dev/null; then pass; else fail "gen-synthetic is deterministic"; fi
	n=$(find syn1 -name '*.kmetrics' | wc -l)
	[ "$n" = 30 ] && pass || fail "gen-synthetic writes N/20 objects ($n)"
	merge --scope=build syn1
	lines=$(wc -l <out)
	[ "$rc" = 0 ] && [ "$lines" = 600 ] && pass || fail "--scope=build over a synthetic build ($rc, $lines)"
	merge syn1
	find syn1 -name '*.kmetrics' | LC_ALL=C sort | xargs cat >syn.cat
	expect "synthetic sidecars pass through unchanged" 0 out syn.cat
	# 1200 objects: read on two threads; the first bad line in input order wins
	"$GEN" 24000 syn3 || { fail "gen-synthetic runs"; return; }
	find syn3 -name '*.kmetrics' | LC_ALL=C sort >syn3.list
	first=$(sed -n 100p syn3.list)
	second=$(sed -n 1100p syn3.list)
	sed -i '3s/ : / ; /' "$second"
	sed -i '2s/ : / ; /' "$first"
	merge --scope=build syn3
	expect_err "with two threads the first bad line in input order is reported" 1 "^$first:2: "
	[ "$(wc -l <err)" = 1 ] && pass || fail "only one error is reported"
}

test_passthrough
test_scope_build
test_formats
test_labels
test_git
test_errors
test_empty
test_usage
[ -z "${KM_MERGE_VALGRIND:-}" ] && test_synthetic

echo "merge: $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
