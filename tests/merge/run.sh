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
#   weak/          kvm_arch_hook: a weak default in k.o (virt/kvm/k.c:10, calls
#                  weak_helper (S) and generic_only (extern)) that x.o defines
#                  strongly (arch/x86/kvm/x.c:30, calls x86_impl (S));
#                  kvm_core (G, k.o) calls kvm_arch_hook. only_weak: weak in
#                  w1.o (calls e1) and w2.o (calls e2), no strong one;
#                  use_weak (G, w1.o) calls it. Over the build
#                  (expected/weak-build.seed), the strong hook wins and the
#                  weak body's edges are gone:
#     kvm_core      depth 1; callees kvm_arch_hook, x86_impl = 2; callers 0
#     kvm_arch_hook depth 2; callees x86_impl = 1; callers kvm_core = 1
#                   (both records: one name, one node)
#     weak_helper   depth 1; callees 0; callers 0 (only the dropped body called it)
#     x86_impl      depth 3; callees 0; callers kvm_arch_hook, kvm_core = 2
#     use_weak      depth 1; callees only_weak, e1, e2 = 3; callers 0
#     only_weak     depth 2; callees e1, e2 = 2; callers use_weak = 1 (both)
#                  and no warning.
#   facts/        a version 2 companion and an object: run_facts.sh
# Objects and archives (test_embed) carry golden/'s sidecars and companions in
# .discard.kmetrics, made with as(1) and ar(1) as the plugin's embed makes them.
# Ages for --git are worked out where the repository is made (test_git).
set -u

MERGE=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
GEN=${2:-}
[ -n "$GEN" ] && GEN=$(cd "$(dirname "$GEN")" && pwd)/$(basename "$GEN")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$ROOT/build/merge-tests
[ -n "${KM_MERGE_VALGRIND:-}" ] && WORK=$ROOT/build/merge-tests-valgrind

rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK" || exit 1
cp -r "$HERE/golden" "$HERE/fanin" "$HERE/dup" "$HERE/weak" "$HERE/facts" .

. "$HERE/../tool-lib.sh"

# Run the merge tool: stdout to out, stderr to err, status in $rc.
merge() { run_tool "${KM_MERGE_VALGRIND:-}" "$MERGE" "$@"; }

SIDECARS="golden/a/a.o.kmetrics golden/b/b.o.kmetrics golden/c/c.o.kmetrics"

test_passthrough() {
	cat $SIDECARS >cat.out
	merge golden
	expect "directory input is cat of its sorted sidecars" 0 out cat.out
	[ -s err ] && fail "a clean merge prints nothing on stderr (no debug output)" || pass
	merge golden/c/c.o.kmetrics golden/a/a.o.kmetrics
	cat golden/c/c.o.kmetrics golden/a/a.o.kmetrics >cat2.out
	expect "files are taken in the order given" 0 out cat2.out
	merge --scope=tu golden
	expect "--scope=tu keeps the records byte for byte" 0 out cat.out
	merge --format=seed -o seed.out golden
	expect "-o writes the same bytes" 0 seed.out cat.out
	merge golden golden/b/b.o.kmetrics
	expect "a sidecar given twice is read once" 0 out cat.out
	[ "$(cat err)" = "kmetrics-merge: warning: golden/b/b.o.kmetrics: the same file as golden/b/b.o.kmetrics; read once" ] &&
		pass || { fail "a sidecar in a directory and given again warns once"; cat err; }
	merge golden/c/c.o.kmetrics golden/c/c.o.kmetrics
	expect "the same sidecar named twice is read once" 0 out golden/c/c.o.kmetrics
	[ "$(cat err)" = "kmetrics-merge: warning: golden/c/c.o.kmetrics: the same file as golden/c/c.o.kmetrics; read once" ] &&
		pass || { fail "the same sidecar named twice warns once"; cat err; }
	ln -s golden/c/c.o.kmetrics link.kmetrics
	merge golden/c/c.o.kmetrics link.kmetrics
	expect "a symbolic link to a sidecar given is the same file" 0 out golden/c/c.o.kmetrics
}

test_scope_build() {
	merge --scope=build golden
	expect "--scope=build links the chain and keeps statics apart" 0 out "$HERE/expected/build.seed"
	[ -s err ] && fail "--scope=build prints nothing on stderr" || pass
	for o in a b c; do
		merge --scope=build golden/$o/$o.o.kmetrics
		expect "--scope=build of one object gives its TU numbers ($o)" 0 out golden/$o/$o.o.kmetrics
	done
	merge --scope=build fanin
	expect "--scope=build recomputes C11 from the new callers" 0 out "$HERE/expected/fanin-build.seed"
	merge --scope=build dup
	expect "a global defined thrice is one function" 0 out "$HERE/expected/dup-build.seed"
	if [ "$(cat err)" != "kmetrics-merge: warning: global twice is defined in dup/x.o (dup/x.c:1) and in dup/y.o (dup/y.c:5); taken as one function" ]; then
		fail "a global defined in two places warns once, naming both"; cat err
	else
		pass
	fi
}

test_weak() {
	merge --scope=build weak
	expect "a strong definition overrides a weak one; several weak are one" 0 out "$HERE/expected/weak-build.seed"
	[ -s err ] && fail "weak definitions give no warning" && cat err || pass
	merge --scope=build weak/x.o.kmetrics weak/w2.o.kmetrics weak/w1.o.kmetrics weak/k.o.kmetrics
	# the same records and numbers in any order (strong before weak here)
	sort out >weak-rev.sorted
	sort "$HERE/expected/weak-build.seed" >weak.sorted
	expect "the strong definition wins in any input order" 0 weak-rev.sorted weak.sorted
	for o in k x w1 w2; do
		merge --scope=build weak/$o.o.kmetrics
		expect "--scope=build of one object with weak definitions gives its TU numbers ($o)" \
			0 out weak/$o.o.kmetrics
	done
	mkdir -p weak2
	cp weak/x.o.kmetrics weak2/x2.o.kmetrics
	sed 's|arch/x86/kvm/x\.|arch/arm64/kvm/y.|; s|\t30\t40\t|\t50\t60\t|' weak/x.o.kmetrics.graph \
		>weak2/x2.o.kmetrics.graph
	merge --scope=build weak weak2
	expect_warn="kmetrics-merge: warning: global kvm_arch_hook is defined in arch/x86/kvm/x.o (arch/x86/kvm/x.c:30) and in arch/arm64/kvm/y.o (arch/arm64/kvm/y.c:50); taken as one function"
	[ "$rc" = 0 ] && [ "$(cat err)" = "$expect_warn" ] && pass ||
		{ fail "two strong definitions beside a weak one warn about the strong ones only"; cat err; }
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

# test_facts, test_su and test_sqlite: the extended dataset, version 2 companions
. "$HERE/run_facts.sh"

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

# Bad input (issue 5): exit 1, exactly one message naming file and line,
# nothing on stdout, no -o file and no temporary left.
test_errors() {
	R=$(printf ' \357\274\232')
	GOOD="c_leaf : 0 : 1 : 12.0 : 0 : 1 : 1 : 0 : 0 : 0 : 1 : 1.0${R}0"
	mkdir -p bad
	sed '2s/ \xef\xbc\x9a/ :/' golden/a/a.o.kmetrics >bad/a.o.kmetrics
	merge -o bad-out.txt bad golden
	expect_msg "an ASCII colon before LABEL names file and line" 1 \
		"bad/a.o.kmetrics:2: missing ' ：' before LABEL (an ASCII ':' is not the fullwidth colon)"
	[ -e bad-out.txt ] && fail "no output file on error" || pass
	ls -a | grep -q 'bad-out.txt' && fail "no temporary left on error" || pass
	printf '%s\n' "$GOOD" "$(echo "$GOOD" | sed "s/${R}0\$/ : 0/")" >bad/ascii2.kmetrics
	merge bad/ascii2.kmetrics
	expect_msg "' : ' before LABEL is the ASCII colon too" 1 \
		"bad/ascii2.kmetrics:2: missing ' ：' before LABEL (an ASCII ':' is not the fullwidth colon)"
	printf '%s\n%s' "$GOOD" "c_leaf : 0 : 1 : 12.0 : 0 : 1 : 1 : 0 : 0 : 0 : 1 : 1.0${R}0" >bad/trunc.kmetrics
	merge bad/trunc.kmetrics
	expect_msg "a last line without newline is a torn file, even when it parses" 1 \
		"bad/trunc.kmetrics:2: no newline at the end of the file (truncated?)"
	printf '%s\n%s' "$GOOD" "c_leaf : 0 : 1 : 12.0 : 0 : 1" >bad/torn.kmetrics
	merge bad/torn.kmetrics
	expect_msg "a file cut in the middle of a line is a torn file" 1 \
		"bad/torn.kmetrics:2: no newline at the end of the file (truncated?)"
	printf '%s\n' "$GOOD" "c_leaf : 0 : 1 : 12.0 : 0 : 1 : 1 : 0 : 0 : 1 : 1.0${R}0" >bad/missing.kmetrics
	merge bad/missing.kmetrics
	expect_msg "a field missing" 1 "bad/missing.kmetrics:2: expected 13 fields, found 12"
	printf '%s\n' "c_leaf : 0 : 1 : 12.0 : 0 : 1 : 1 : 0 : 0 : 0 : 0 : 1 : 1.0${R}0" >bad/extra.kmetrics
	merge bad/extra.kmetrics
	expect_msg "a field too many" 1 "bad/extra.kmetrics:1: expected 13 fields, found 14"
	printf '%s\n' "$GOOD" "$GOOD" "${GOOD}1" >bad/label.kmetrics
	merge bad/label.kmetrics
	expect_msg "text after LABEL" 1 "bad/label.kmetrics:3: trailing text after LABEL"
	printf '%s\n' "$GOOD" >bad/latin1.kmetrics
	printf 'c_l\351af : 0 : 1 : 12.0 : 0 : 1 : 1 : 0 : 0 : 0 : 1 : 1.0%s0\n' "$R" >>bad/latin1.kmetrics
	merge bad/latin1.kmetrics
	expect_msg "text that is not UTF-8 (Latin-1 e-acute)" 1 "bad/latin1.kmetrics:2: line is not valid UTF-8"
	printf '%s\n\n' "$GOOD" >bad/blank.kmetrics
	merge bad/blank.kmetrics
	expect_msg "an empty line" 1 "bad/blank.kmetrics:2: empty line"
	printf '%s\r\n' "$GOOD" >bad/crlf.kmetrics
	merge bad/crlf.kmetrics
	expect_msg "CRLF line ends" 1 "bad/crlf.kmetrics:1: carriage return before the newline (CRLF line ends?)"
	printf '%s\n' "$GOOD" | sed 's/ : 12.0 : / : 12 : /' >bad/float.kmetrics
	merge bad/float.kmetrics
	expect_msg "a C3 that is not in repr form" 1 "bad/float.kmetrics:1: field C3: not a float in repr form"
	# the first bad file in input order wins, and only one message is printed
	merge bad/extra.kmetrics bad/missing.kmetrics
	expect_msg "the first error in input order, alone" 1 "bad/extra.kmetrics:1: expected 13 fields, found 14"
	mkdir -p nograph
	cp golden/c/c.o.kmetrics nograph/
	merge --scope=build nograph
	expect_msg "--scope=build without a companion names it" 1 \
		"nograph/c.o.kmetrics.graph: No such file or directory (the companion of nograph/c.o.kmetrics, needed by --scope=build)"
	mkdir -p badgraph
	cp golden/c/c.o.kmetrics badgraph/
	sed 's/^F\t0\tc_leaf\tG/F\t0\tc_leaf\tQ/' golden/c/c.o.kmetrics.graph >badgraph/c.o.kmetrics.graph
	merge --scope=build badgraph
	expect_err "a corrupt companion names file and line" 1 "^badgraph/c.o.kmetrics.graph:5"
	sed 's/c_leaf/c_other/' golden/c/c.o.kmetrics.graph >badgraph/c.o.kmetrics.graph
	merge --scope=build badgraph
	expect_err "a companion of another sidecar is refused" 1 "badgraph/c.o.kmetrics.graph: function 0 is c_other"
	# the records line (count, FNV-1a 64 of the sidecar) ties a companion to its sidecar
	mkdir -p recline
	cp golden/c/c.o.kmetrics recline/
	sed 's/^cwd.*/&\nrecords\t1\t42f4abc3227480c0/' golden/c/c.o.kmetrics.graph >recline/c.o.kmetrics.graph
	merge --scope=build recline
	expect "a companion whose records line matches its sidecar" 0 out golden/c/c.o.kmetrics
	sed 's/^c_leaf : 0 : 1 : 12.0 /c_leaf : 0 : 1 : 13.0 /' golden/c/c.o.kmetrics >recline/c.o.kmetrics
	merge --scope=build recline
	expect_msg "a sidecar and a companion of two different compiles" 1 \
		"recline/c.o.kmetrics.graph: not the companion of this recline/c.o.kmetrics (two compiles crossed? records line 1 42f4abc3227480c0, sidecar 1 5289810abee91bfb)"
	head -c 60 golden/a/a.o.kmetrics.graph >badgraph/c.o.kmetrics.graph
	merge --scope=build badgraph
	expect_err "a torn companion names file and line" 1 "^badgraph/c.o.kmetrics.graph:[0-9]*: "
	merge no/such/dir
	expect_msg "a missing PATH is an error" 1 "no/such/dir: No such file or directory"
	merge -o no/such/dir/out golden
	expect_err "an unwritable -o is an error" 1 "no/such/dir/out"
	mkdir -p nosidecars/sub
	echo notes >nosidecars/sub/README
	merge nosidecars golden
	expect_msg "a directory without sidecars is an error" 1 \
		"nosidecars: no sidecar (*.kmetrics) in this directory or below"
	mkdir -p emptydir/deeper
	merge -o empty-out.txt emptydir
	expect_msg "an empty directory is an error" 1 \
		"emptydir: no sidecar (*.kmetrics) in this directory or below"
	[ -e empty-out.txt ] && fail "no output file for an empty directory" || pass
}

# Empty sidecars are valid: an object without functions gets one.
test_empty() {
	: >empty.out
	: >zero.kmetrics
	merge zero.kmetrics
	expect "an empty sidecar gives an empty dataset" 0 out empty.out
	[ -s err ] && fail "an empty sidecar gives no message" || pass
	mkdir -p zerodir/sub
	: >zerodir/sub/z.o.kmetrics
	printf 'kmetrics-graph 1\nobject\tz.o\nsource\tz.c\ncwd\t/t\nend\n' >zerodir/sub/z.o.kmetrics.graph
	merge zerodir
	expect "a directory of empty sidecars gives an empty dataset" 0 out empty.out
	merge --scope=build --format=csv zerodir
	printf 'name,params,cyclomatic,halstead_effort,age_days,depth,callees,callers,self_calls,locals,nesting,score,label,file,line,object,last_line,nloc,fan_in,fan_out,macro_decisions,halstead_n1,halstead_n2,halstead_N1,halstead_N2,halstead_volume,halstead_difficulty,frame_bytes,code_bytes,inlined,section,cognitive,cfg_blocks,cfg_cyclomatic\r\n' >hdr.out
	expect "empty csv is the header alone" 0 out hdr.out
	merge --format=json zero.kmetrics
	echo '[]' >ej.out
	expect "empty json is an empty array" 0 out ej.out
	merge -o empty-o.out zero.kmetrics
	[ "$rc" = 0 ] && [ -f empty-o.out ] && [ ! -s empty-o.out ] && pass ||
		fail "-o with an empty dataset writes an empty file"
	merge zero.kmetrics golden
	expect "empty sidecars among others add nothing" 0 out cat.out
}

# embed_obj OBJ SIDECAR: an object holding SIDECAR's records and its companion
# in .discard.kmetrics, as -fplugin-arg-kmetrics-embed makes it (km_elfembed.h)
embed_obj() {
	{
		printf 'kmetrics-embed 1 %s %s\n' "$(wc -c <"$2")" "$(wc -c <"$2.graph")"
		cat "$2" "$2.graph"
	} >"$1.blob"
	printf '\t.section .discard.kmetrics,"e",@progbits\n\t.incbin "%s"\n' "$1.blob" >"$1.s"
	as "$1.s" -o "$1" && rm -f "$1.blob" "$1.s"
}

# Objects, archives, thin archives and `ld -r` objects as PATH.
test_embed() {
	if ! command -v as >/dev/null || ! command -v ar >/dev/null || ! command -v ld >/dev/null; then
		echo "SKIP: objects and archives (binutils missing)"
		return 0
	fi
	mkdir -p a b c
	for o in a b c; do
		embed_obj $o/$o.o golden/$o/$o.o.kmetrics || { fail "as makes an object"; return; }
	done
	merge a/a.o b/b.o c/c.o
	expect "objects give their embedded records byte for byte" 0 out cat.out
	merge --format=csv a/a.o b/b.o c/c.o
	expect "csv of objects: file and line from the embedded companion" 0 out "$HERE/expected/tu.csv"
	merge --scope=build a/a.o b/b.o c/c.o
	expect "--scope=build over objects" 0 out "$HERE/expected/build.seed"
	ar cDPrST built-in.a a/a.o b/b.o c/c.o
	merge --scope=build built-in.a
	expect "--scope=build over a thin archive (kbuild's built-in.a)" 0 out "$HERE/expected/build.seed"
	merge --format=csv built-in.a
	expect "a thin archive's members are named by their own paths" 0 out "$HERE/expected/tu.csv"
	(cd b && ar cDPrST sub.a b.o ../c/c.o) && ar cDPrST nested.a a/a.o b/sub.a
	merge --scope=build nested.a
	expect "a thin archive inside a thin archive" 0 out "$HERE/expected/build.seed"
	merge --scope=build built-in.a b/b.o
	expect "an object also in a thin archive given before is read once" 0 out "$HERE/expected/build.seed"
	[ "$(cat err)" = "kmetrics-merge: warning: b/b.o: already read as a member of an archive given before; read once" ] &&
		pass || { fail "an object read before in an archive warns"; cat err; }
	merge b/b.o built-in.a
	cat golden/b/b.o.kmetrics golden/a/a.o.kmetrics golden/c/c.o.kmetrics >bac.out
	expect "a thin archive's member given before is skipped in the archive" 0 out bac.out
	[ "$(cat err)" = "kmetrics-merge: warning: built-in.a: b/b.o was read before; read once" ] &&
		pass || { fail "a member read before warns, naming the archive"; cat err; }
	merge built-in.a nested.a
	expect "an archive whose members were all read is read once" 0 out cat.out
	[ "$(cat err)" = "kmetrics-merge: warning: nested.a: 3 objects in it were read before (the first: a/a.o); read once" ] &&
		pass || { fail "members read before are counted in one warning"; cat err; }
	mkdir -p moved
	cp a/a.o moved/renamed.o
	merge --format=json moved/renamed.o
	grep -q '"object":"moved/renamed.o",' out && ! grep -q '"object":"a/a.o"' out && pass ||
		{ fail "the object is where the records were found, not what the companion says (ccache)"; cat out; }
	ar rcs lib.a a/a.o b/b.o c/c.o
	ld -r a/a.o b/b.o -o rel.o
	merge --format=csv lib.a rel.o c/c.o
	expect "archive members are ARCHIVE(MEMBER), ld -r blobs OBJECT(companion's object)" 0 out "$HERE/expected/archive.csv"
	ar rcs libc.a c/c.o
	merge --scope=build golden/a/a.o.kmetrics b/b.o libc.a
	expect "sidecars, objects and archives mix on one command line" 0 out "$HERE/expected/build.seed"
	printf '\t.text\nnop\n' >asm.s && as asm.s -o asm.o
	merge asm.o golden/c/c.o.kmetrics
	expect "an object without embedded records adds nothing" 0 out golden/c/c.o.kmetrics
	[ "$(cat err)" = "kmetrics-merge: warning: asm.o: no embedded records (compiled without -fplugin-arg-kmetrics-embed?)" ] &&
		pass || { fail "an object without embedded records warns"; cat err; }
	mkdir -p objdir
	cp a/a.o objdir/
	merge objdir
	expect_msg "a directory is searched for sidecars only" 1 \
		"objdir: no sidecar (*.kmetrics) in this directory or below"
	mkdir -p badobj
	cp bad/a.o.kmetrics badobj/a.kmetrics
	cp golden/a/a.o.kmetrics.graph badobj/a.kmetrics.graph
	embed_obj badobj/bad.o badobj/a.kmetrics
	merge -o badobj.out golden badobj/bad.o
	expect_msg "a bad embedded record names the object and the line" 1 \
		"badobj/bad.o:2: missing ' ：' before LABEL (an ASCII ':' is not the fullwidth colon)"
	[ -e badobj.out ] && fail "no output file on a bad object" || pass
	ar rcs badobj/bad.a badobj/bad.o
	merge badobj/bad.a
	expect_msg "a bad record in an archive member names ARCHIVE(MEMBER)" 1 \
		"badobj/bad.a(bad.o):2: missing ' ：' before LABEL (an ASCII ':' is not the fullwidth colon)"
	cp golden/c/c.o.kmetrics badobj/cg.kmetrics
	sed 's/^F\t0\tc_leaf\tG/F\t0\tc_leaf\tQ/' golden/c/c.o.kmetrics.graph >badobj/cg.kmetrics.graph
	embed_obj badobj/cg.o badobj/cg.kmetrics
	merge --scope=build badobj/cg.o
	expect_err "a bad embedded companion names the object" 1 "^badobj/cg.o (embedded companion):5: "
	printf '\t.section .discard.kmetrics,"e",@progbits\n\t.ascii "kmetrics-embed 1 500 3\\nab"\n' >trunc.s && as trunc.s -o trunc.o
	merge trunc.o
	expect_msg "a truncated blob" 1 "trunc.o: kmetrics-embed blob is truncated"
	printf '\t.section .discard.kmetrics,"e",@progbits\n\t.ascii "kmetrics-embed 2 0 0\\n"\n' >v2.s && as v2.s -o v2.o
	merge v2.o
	expect_msg "a future format version" 1 "v2.o: kmetrics-embed version 2, this reader knows 1"
	cp c/c.o gone.o && ar cDPrST gone.a gone.o && rm gone.o
	merge gone.a
	expect_msg "a thin archive's missing member" 1 "gone.o: No such file or directory"
}

test_usage() {
	merge
	expect_err "no PATH is bad usage" 2 "no PATH given"
	merge --bogus golden
	expect_err "an unknown option is bad usage" 2 "unknown option '--bogus'"
	merge --scope=world golden
	expect_err "a bad --scope is bad usage" 2 "scope must be tu or build"
	merge --format=xml golden
	expect_err "a bad --format is bad usage" 2 "format must be seed, csv, json or sqlite"
	merge -o
	expect_err "-o without FILE is bad usage" 2 "-o needs a FILE"
	merge --help
	if [ "$rc" = 0 ] && grep -q "one JSON array of objects" out && grep -q "^usage: kmetrics-merge" out &&
	   grep -q "^Exit status: 0 done" out && grep -q "^stdout), 2 bad usage" out; then
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

. "$HERE/hardening.sh"

test_passthrough
test_scope_build
test_weak
test_formats
test_facts
test_su
test_sqlite
test_labels
test_git
test_errors
test_empty
test_embed
test_usage
test_outputs
test_contradictions
test_labels_utf8
test_companion_unreadable
[ -z "${KM_MERGE_VALGRIND:-}" ] && test_synthetic

echo "merge: $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
