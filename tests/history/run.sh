#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/history/run.sh - --history, --since, --label-fixes and --fix-list of
# kmetrics-merge on a small repository made here with fixed dates, every
# expected number worked out by hand below; then the bad inputs.
#
#   tests/history/run.sh build/kmetrics-merge
#
# The repository (all times 12:00 UTC; committer c@c):
#
#   C1 2021-01-01 alice@x  drv/a.c = a01..a20, drv/b.c = b01, g_ren_1..3,
#                          b05, g_oth_1..3, b09
#   C2 2021-02-01 Bob@Y    a03 -> b03
#   C3 2021-03-01 alice@x  n1, n2 inserted after a09        (tag c3)
#   C5 2021-04-01 carol@z  on branch side: a18 -> c18
#   C4 2021-04-02 alice@x  on main: a02 -> d02
#   M  2021-04-03          merge side into main              (tag S)
#
# At S, a.c is a01 d02 b03 a04..a09 n1 n2 a10..a17 c18 a19 a20, and the
# companions say f_one 2-6, f_two 8-13, f_three 17-21 (a.c), g_ren 2-4,
# g_other 6-8 (b.c). What git log -L lists for each (non-merge commits;
# +/- as it prints them):
#
#   f_one   C4 (+1 -1), C2 (+1 -1), C1 (+5): M leaves it untouched against
#           its first parent. commits 3, authors alice@x bob@y = 2,
#           added 7, deleted 2, last change C4: 1 day before S.
#   f_two   C3 (+2: n1 n2 inside the span; the span at C3's parent is
#           a08 a09 a10 a11, 4 lines), C1 (+4). commits 2, authors 1,
#           added 6, deleted 0, last change 33 days.
#   f_three M touches it against C4 (c18) but not against C5, so C5 alone
#           takes it: C5 (+1 -1), C1 (+5). commits 2, authors 2, added 6,
#           deleted 1, last change 2 days.
#   g_ren, g_other  C1 (+3): 1 commit, 1 author, 3 added, 92 days.
#
# --since=2021-03-15 (or --since=c3) keeps C4 and C5 only: f_one 1 1 1 1 1,
# f_two 0 0 0 0 (empty), f_three 1 1 1 1 2, g_* 0.
#
# After S, on main (S is checked out, REV = main):
#
#   F1 2021-05-01 "Fixes: 0123456789ab" (no such commit: not skipped)
#                 inserts ins1 after b03: strictly inside f_one
#   F2 2021-05-02 "Fixes: 0123456789ab" inserts edge1 after a06, the last
#                 line of f_one at F2^ (2-7 there): not inside; and ins2
#                 after a08, the first line of f_two (9-14 there): inside
#   F3 2021-05-03 "Fixes: <F1>": its bug came after S, skipped (it edits
#                 a17 in f_three)
#   F4 2021-05-04 "CVE-2021-12345" only: edits a05 (f_one), a16 (f_three)
#   N1 2021-05-05 no trailer: edits a19 (f_three): not a fix
#   R1 2021-05-06 git mv drv/b.c drv/b2.c
#   F5 2021-05-07 "Fixes: 0123456" edits g_ren_2 in b2.c: followed back to
#                 b.c at S through the rename
#   F6 2021-05-08 "cleanup" edits g_oth_2: a fix only when the vulns-layout
#                 directory lists it (cve/published/2021/CVE-2021-99999.sha1,
#                 beside an id the repository does not have: one warning)
#
# Labels: f_one F1 F4 (breadth min(1, 2) = 1, CVE-2021-12345), f_two F2
# (1), f_three F4 (2, CVE-2021-12345), g_ren F5 (1), g_other F6 with the
# vulns directory only (1, CVE-2021-99999).
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
hist_setup "$1" history-tests

# commit_at DATE EMAIL MESSAGE [git commit args]: commit all at DATE, noon UTC
commit_at() {
	d=$1 mail=$2 msg=$3
	shift 3
	GIT_AUTHOR_DATE="${d}T12:00:00+0000" GIT_COMMITTER_DATE="${d}T12:00:00+0000" \
	GIT_AUTHOR_NAME="${mail%@*}" GIT_AUTHOR_EMAIL="$mail" \
	GIT_COMMITTER_NAME=c GIT_COMMITTER_EMAIL=c@c \
		git commit -q -a -m "$msg" "$@"
}

make_repo() {
	mkdir -p repo/drv && cd repo || exit 1
	git init -q -b main . && git config commit.gpgsign false
	for i in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
		echo "a$i"
	done >drv/a.c
	printf 'b01\ng_ren_1\ng_ren_2\ng_ren_3\nb05\ng_oth_1\ng_oth_2\ng_oth_3\nb09\n' >drv/b.c
	git add drv && commit_at 2021-01-01 alice@x C1
	sed -i 's/^a03$/b03/' drv/a.c && commit_at 2021-02-01 Bob@Y C2
	sed -i '/^a09$/a n1\nn2' drv/a.c && commit_at 2021-03-01 alice@x C3 && git tag c3
	git checkout -q -b side
	sed -i 's/^a18$/c18/' drv/a.c && commit_at 2021-04-01 carol@z C5
	git checkout -q main
	sed -i 's/^a02$/d02/' drv/a.c && commit_at 2021-04-02 alice@x C4
	GIT_AUTHOR_DATE="2021-04-03T12:00:00+0000" GIT_COMMITTER_DATE="2021-04-03T12:00:00+0000" \
	GIT_AUTHOR_NAME=m GIT_AUTHOR_EMAIL=m@m GIT_COMMITTER_NAME=c GIT_COMMITTER_EMAIL=c@c \
		git merge -q --no-ff -m M side && git tag S
	sed -i '/^b03$/a ins1' drv/a.c && commit_at 2021-05-01 dave@w "F1

Fixes: 0123456789ab (\"gone\")"
	sed -i -e '/^a06$/a edge1' -e '/^a08$/a ins2' drv/a.c &&
		commit_at 2021-05-02 dave@w "F2

Fixes: 0123456789ab (\"gone\")"
	f1=$(git rev-parse --short=12 HEAD~1)
	sed -i 's/^a17$/F3/' drv/a.c && commit_at 2021-05-03 dave@w "F3

Fixes: $f1 (\"F1\")"
	sed -i 's/^a05$/F4/; s/^a16$/F4b/' drv/a.c &&
		commit_at 2021-05-04 dave@w "F4 closes CVE-2021-12345"
	sed -i 's/^a19$/N1/' drv/a.c && commit_at 2021-05-05 dave@w "N1 tidy"
	git mv drv/b.c drv/b2.c && commit_at 2021-05-06 dave@w "R1 rename"
	sed -i 's/^g_ren_2$/F5/' drv/b2.c && commit_at 2021-05-07 dave@w "F5

    Fixes: 0123456"
	sed -i 's/^g_oth_2$/F6/' drv/b2.c && commit_at 2021-05-08 dave@w "F6 cleanup"
	git checkout -q S
	cd ..
}

make_inputs() {
	mkdir -p in
	for f in f_one f_two f_three; do
		echo "$f : 0 : 1 : 0.0 : 0 : 1 : 0 : 0 : 0 : 0 : 1 : 1.0${R}0"
	done >in/a.o.kmetrics
	for f in g_ren g_other; do
		echo "$f : 0 : 1 : 0.0 : 0 : 1 : 0 : 0 : 0 : 0 : 1 : 1.0${R}0"
	done >in/b.o.kmetrics
	printf 'kmetrics-graph 1\nobject\tdrv/a.o\nsource\tdrv/a.c\ncwd\t%s\n' "$WORK/repo" \
		>in/a.o.kmetrics.graph
	printf 'F\t0\tf_one\tG\tdrv/a.c\t2\t6\t0\nF\t1\tf_two\tG\tdrv/a.c\t8\t13\t1\n' \
		>>in/a.o.kmetrics.graph
	printf 'F\t2\tf_three\tG\tdrv/a.c\t17\t21\t2\nend\n' >>in/a.o.kmetrics.graph
	printf 'kmetrics-graph 1\nobject\tdrv/b.o\nsource\tb.c\ncwd\t%s\n' "$WORK/repo/drv" \
		>in/b.o.kmetrics.graph
	printf 'F\t0\tg_ren\tS\tb.c\t2\t4\t0\nF\t1\tg_other\tS\tb.c\t6\t8\t1\nend\n' \
		>>in/b.o.kmetrics.graph
	mkdir -p vulns/cve/published/2021 vulns/cve/published/2020
	{ git -C repo rev-parse main; echo 1111111111111111111111111111111111111111; } \
		>vulns/cve/published/2021/CVE-2021-99999.sha1
	echo "not a sha1 file" >vulns/cve/published/2021/README
}

id() { git -C repo rev-parse --short=12 "$1"; }

test_history() {
	merge --git=repo --history --format=csv in
	cols out name commits authors lines_added lines_deleted last_change_days >got
	check "history" "f_one,3,2,7,2,1
f_two,2,1,6,0,33
f_three,2,2,6,1,2
g_ren,1,1,3,0,92
g_other,1,1,3,0,92" got
	for since in 2021-03-15 c3; do
		merge --git=repo --history --since=$since --format=csv in
		cols out name commits authors lines_added lines_deleted last_change_days >got
		check "history --since=$since" "f_one,1,1,1,1,1
f_two,0,0,0,0,
f_three,1,1,1,1,2
g_ren,0,0,0,0,
g_other,0,0,0,0," got
	done
}

# The definition itself: git log -L per function gives the same numbers.
test_history_oracle() {
	printf 'drv/a.c 2 6\ndrv/a.c 8 13\ndrv/a.c 17 21\ndrv/b.c 2 4\ndrv/b.c 6 8\n' |
		sh "$HERE/oracle-log-L.sh" repo | awk '{print $3","$4","$5","$6","$7}' >want
	merge --git=repo --history --format=csv in
	cols out commits authors lines_added lines_deleted last_change_days >got
	check "history equals git log -L" "$(cat want)" got
}

test_fixes() {
	f1=$(id main~7) f2=$(id main~6) f4=$(id main~4) f5=$(id main~1) f6=$(id main)
	merge --git=repo --label-fixes=main --format=csv in
	cols out name label fixes cves fix_breadth >got
	check "label-fixes" "f_one,1,$f1 $f4,CVE-2021-12345,1
f_two,1,$f2,,1
f_three,1,$f4,CVE-2021-12345,2
g_ren,1,$f5,,1
g_other,0,,," got
	merge --git=repo --label-fixes=main --fix-list=vulns --format=csv in
	cols out name label fixes cves fix_breadth >got
	check "label-fixes with a vulns directory" "f_one,1,$f1 $f4,CVE-2021-12345,1
f_two,1,$f2,,1
f_three,1,$f4,CVE-2021-12345,2
g_ren,1,$f5,,1
g_other,1,$f6,CVE-2021-99999,1" got
	if [ "$(grep -c 'warning' err)" != 1 ] ||
	   ! grep -q '1 of the 2 fixing commits it lists are not in' err; then
		fail "vulns directory: one summary warning"; cat err
	else
		pass
	fi
	merge --git=repo --fix-list=vulns --format=csv in
	cols out name label fixes cves >got
	check "fix-list alone" "f_one,0,,
f_two,0,,
f_three,0,,
g_ren,0,,
g_other,1,$f6,CVE-2021-99999" got
	merge --git=repo --label-fixes=main in
	awk -F"$(printf '\357\274\232')" '{print $2}' out | tr '\n' ' ' >got
	check "seed output: only LABEL changes" "1 1 1 1 0 " got
}

test_json() {
	merge --git=repo --history --label-fixes=main --format=json in
	sed -n 6p out | sed 's/.*"object":"drv\/b.o",.*"fixes":/"fixes":/' >got
	check "json: fixes, history, null when empty" "\"fixes\":\"\",\"cves\":\"\",\"fix_breadth\":null,\"commits\":1,\"authors\":1,\"lines_added\":3,\"lines_deleted\":0,\"last_change_days\":92}" got
}

test_bad_input() {
	merge --git=repo --label-fixes=nosuch -o out.csv in
	expect_err "REV that does not resolve" 1 "--label-fixes=nosuch: no such commit in"
	printf '%s CVE-2021-12345\nnot-a-commit\n' "$(id main)" >list.txt
	merge --git=repo --fix-list=list.txt -o out.csv in
	expect_err "fix list: a line that is not a commit id" 1 \
		"list.txt:2: not a commit id: 'not-a-commit'"
	printf '# fixes\n\nabcdef1234567  # gone\n' >list.txt
	merge --git=repo --fix-list=list.txt -o out.csv in
	expect_err "fix list: an id that does not resolve" 1 \
		"list.txt:3: abcdef1234567: no such commit in"
	printf '%s CVE-12\n' "$(id main)" >list.txt
	merge --git=repo --fix-list=list.txt -o out.csv in
	expect_err "fix list: a bad CVE id" 1 "list.txt:1: not a CVE id: 'CVE-12'"
	merge --history in
	expect_err "--history without --git" 2 "need --git=DIR"
	merge --git=repo --since=yesterday-ish --history in
	expect_err "--since that is neither" 1 "--since=yesterday-ish: neither a commit"
	merge --git=repo --label-fixes=S --format=csv in
	cols out label fixes >got
	check "S is the tip: no fixes" "0,
0,
0,
0,
0," got
	if [ "$(grep -c warning err)" = 1 ] && grep -q 'no commit after S' err; then
		pass
	else
		fail "S is the tip: one warning"; cat err
	fi
}

test_untracked() {
	mkdir -p unt
	for f in u_one u_two u_three; do
		echo "$f : 0 : 1 : 0.0 : 0 : 1 : 0 : 0 : 0 : 0 : 1 : 1.0${R}0"
	done >unt/u.o.kmetrics
	printf 'kmetrics-graph 1\nobject\tu.o\nsource\tgen.c\ncwd\t%s\n' "$WORK/repo" \
		>unt/u.o.kmetrics.graph
	printf 'F\t0\tu_one\tG\tgen.c\t1\t3\t0\nF\t1\tu_two\tG\tgen.c\t5\t9\t1\n' \
		>>unt/u.o.kmetrics.graph
	printf 'F\t2\tu_three\tG\tgen.c\t10\t12\t2\nend\n' >>unt/u.o.kmetrics.graph
	merge --git=repo --history --label-fixes=main --format=csv unt
	cols out name commits last_change_days label >got
	check "a file S does not track" "u_one,0,,0
u_two,0,,0
u_three,0,,0" got
	if [ "$(grep -c 'gen.c: not a file of HEAD' err)" = 1 ] && [ "$(wc -l <err)" = 1 ]; then
		pass
	else
		fail "a file S does not track: one warning"; cat err
	fi
}

make_repo >/dev/null 2>&1 || { echo "FAIL: repository setup"; exit 1; }
make_inputs
test_history
test_history_oracle
test_fixes
test_json
test_bad_input
test_untracked
echo "history tests: $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
