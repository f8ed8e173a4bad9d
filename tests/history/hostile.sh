#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/history/hostile.sh - --history, --label-fixes, --fix-list and
# --since on hostile repositories and inputs (issue 21, items 3, 4, 9 and
# 10): a shallow clone, a repository missing one commit, a vulns directory
# whose entries are links and FIFOs, fix lists that never end, 400,000 CVE
# ids in one message, dates that do not exist.
#
#   tests/history/hostile.sh build/kmetrics-merge
#
# The repository (times 12:00 UTC, one file a.c of 12 lines a01..a12; the
# function f is lines 2-6, g lines 8-11):
#
#   K1 2021-01-01  a.c
#   K2 2021-01-02  a03 -> k2        (f)
#   K3 2021-01-03  a09 -> k3        (g)
#   K4 2021-01-04  a04 -> k4        (f)
#   K5 2021-01-05  a05 -> k5, a10 -> k5b  (f, g)        S (tag)
#   F1 2021-01-06  "Fixes: <K2>"  a02 -> f1   (f)
#   F2 2021-01-07  400,000 CVE ids, each twice, in the message; a11 -> f2 (g)
#
# A clone with --depth 4 of main holds F2 F1 K5 K4; K4 is its shallow
# boundary, a root to git: git log -L in it lists K5 and K4 for f (K4
# "adds" the whole file) and K5 and K4 for g. kmetrics must say the same
# (the oracle runs git log -L in the clone) and warn once that the clone
# is shallow; before, it gave 0 commits, exit 0, no warning. Labels in the
# clone: F1 (its Fixes: target K2 is not there: never skipped) touches f,
# F2 touches g.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
hist_setup "$1" history-hostile

# commit_at DATE MESSAGE-FILE: commit all at DATE, noon UTC (a message past ARG_MAX)
commit_at() {
	GIT_AUTHOR_DATE="${1}T12:00:00+0000" GIT_COMMITTER_DATE="${1}T12:00:00+0000" \
	GIT_AUTHOR_NAME=a GIT_AUTHOR_EMAIL=a@x GIT_COMMITTER_NAME=c GIT_COMMITTER_EMAIL=c@c \
		git commit -q -a -F "$2"
}

make_repo() {
	mkdir repo && cd repo || exit 1
	git init -q -b main . && git config commit.gpgsign false
	for i in 01 02 03 04 05 06 07 08 09 10 11 12; do echo "a$i"; done >a.c
	git add a.c
	echo K1 >msg && commit_at 2021-01-01 msg
	sed -i 's/^a03$/k2/' a.c && echo K2 >msg && commit_at 2021-01-02 msg
	sed -i 's/^a09$/k3/' a.c && echo K3 >msg && commit_at 2021-01-03 msg
	sed -i 's/^a04$/k4/' a.c && echo K4 >msg && commit_at 2021-01-04 msg
	sed -i 's/^a05$/k5/; s/^a10$/k5b/' a.c && echo K5 >msg && commit_at 2021-01-05 msg
	git tag S
	printf 'F1\n\nFixes: %s ("K2")\n' "$(git rev-parse --short=12 HEAD~3)" >msg
	sed -i 's/^a02$/f1/' a.c && commit_at 2021-01-06 msg
	awk 'BEGIN { print "F2 closes many"; print "";
		for (r = 0; r < 2; r++) for (i = 1000000; i < 1400000; i++) printf "CVE-2021-%d\n", i }' >msg
	sed -i 's/^a11$/f2/' a.c && commit_at 2021-01-07 msg
	rm msg
	git checkout -q S
	cd ..
}

# inputs DIR REPO: a sidecar with f (2-6) and g (8-11) of REPO's a.c
inputs() {
	mkdir -p "$1"
	for f in f g; do
		echo "$f : 0 : 1 : 0.0 : 0 : 1 : 0 : 0 : 0 : 0 : 1 : 1.0${R}0"
	done >"$1/a.o.kmetrics"
	printf 'kmetrics-graph 1\nobject\ta.o\nsource\ta.c\ncwd\t%s\n' "$WORK/$2" >"$1/a.o.kmetrics.graph"
	printf 'F\t0\tf\tG\ta.c\t2\t6\t0\nF\t1\tg\tG\ta.c\t8\t11\t1\nend\n' >>"$1/a.o.kmetrics.graph"
}

# --- item 3: a shallow clone is git's shallow clone, a missing commit an error
test_shallow() {
	git clone -q --depth 4 --branch main "file://$WORK/repo" shallow 2>/dev/null &&
		git -C shallow checkout -q "$(git -C repo rev-parse S)" 2>/dev/null ||
		{ fail "shallow clone setup"; return; }
	[ "$(wc -l <shallow/.git/shallow)" = 1 ] && pass || fail "the clone has one boundary commit"
	inputs sin shallow
	printf 'a.c 2 6\na.c 8 11\n' | sh "$HERE/oracle-log-L.sh" shallow |
		awk '{print $3","$4","$5","$6","$7}' >want
	[ "$(cut -d, -f1 want | tr '\n' ' ')" = "2 2 " ] && pass ||
		fail "git log -L in the clone lists K5 and K4: $(cat want)"
	merge --git=shallow --history --format=csv sin
	cols out commits authors lines_added lines_deleted last_change_days >got
	check "shallow clone: --history equals git log -L there" "$(cat want)" got
	if [ "$(grep -c 'warning' err)" = 1 ] && grep -q 'is a shallow clone' err; then
		pass
	else
		fail "shallow clone: one warning that says so"; cat err
	fi
	merge --git=shallow --label-fixes=origin/main --format=csv sin
	cols out name label fixes >got
	check "shallow clone: --label-fixes finds F1 and F2" "f,1,$(git -C repo rev-parse --short=12 main~1)
g,1,$(git -C repo rev-parse --short=12 main)" got
}

test_missing_commit() {
	cp -r repo broken
	k2=$(git -C broken rev-parse S~3)
	obj=broken/.git/objects/$(echo "$k2" | cut -c1-2)/$(echo "$k2" | cut -c3-)
	[ -f "$obj" ] && rm -f "$obj" || { fail "missing commit setup: no loose $obj"; return; }
	inputs bin broken
	merge --git=broken --history --format=csv bin
	expect_err "a missing commit: --history is an error naming it" 1 "commit $k2"
	merge --git=broken --label-fixes=main --fix-list=/dev/null --format=csv bin
	[ "$rc" = 1 ] && grep -q "$k2" err && pass ||
		fail "a missing commit: --label-fixes is an error naming it: exit $rc, $(cat err)"
}

# --- item 4: --fix-list=DIR reads only regular files under DIR ----------------
test_vulns_links() {
	k5=$(git -C repo rev-parse S)
	f1=$(git -C repo rev-parse main~1)
	echo "TOPSECRET-LINE-$$" >secret.txt
	mkdir -p vulns/cve/published/2021 outside/2022
	echo "$f1" >vulns/cve/published/2021/CVE-2021-0001.sha1
	ln -s "$WORK/secret.txt" vulns/cve/published/2021/CVE-2021-0002.sha1
	ln -s /dev/zero vulns/cve/published/2021/CVE-2021-0003.sha1
	mkfifo vulns/cve/published/2021/CVE-2021-0004.sha1
	echo "$k5" >outside/2022/CVE-2022-0001.sha1
	ln -s "$WORK/outside/2022" vulns/cve/published/2022
	inputs vin repo
	merge --git=repo --fix-list=vulns --format=csv vin
	cols out name label cves >got
	check "vulns directory with links and a FIFO: only its regular files" "f,1,CVE-2021-0001
g,0," got
	if grep -q TOPSECRET err; then fail "text from outside the directory in a message"; else pass; fi
	if grep -q '4 entries under cve/published/ are symbolic links or not regular files' err; then
		pass
	else
		fail "one warning counts what was not read"; cat err
	fi
	mkdir -p vlink && ln -s "$WORK/vulns/cve" vlink/cve
	merge --git=repo --fix-list=vlink --format=csv vin
	expect_err "vulns directory whose cve/ is a link" 1 "no cve/published/ directory"
}

test_endless_lists() {
	inputs lin repo
	merge --git=repo --fix-list=/dev/zero --format=csv lin
	expect_err "--fix-list=/dev/zero" 1 "/dev/zero:1: a NUL byte"
	mkfifo endless
	(yes "$(git -C repo rev-parse main)" >endless 2>/dev/null &)
	merge --git=repo --fix-list=endless --format=csv lin
	expect_err "--fix-list=FIFO that never ends" 1 "endless: larger than 256 MiB"
	merge --git=repo --label-fixes=main --labels=/dev/zero --format=csv lin
	expect_err "--labels=/dev/zero" 1 "/dev/zero:1: a NUL byte"
}

# --- item 9: 800,000 CVE ids in one message (each twice): one sort, not n^2
test_many_cves() {
	inputs cin repo
	merge --git=repo --label-fixes=main --format=csv cin
	if [ "$rc" != 0 ]; then
		fail "400,000 CVE ids: exit $rc (124: the watchdog)"; head -3 err; return
	fi
	cols out name cves | awk -F, '$1 == "g" { n = split($2, c, " ");
		print n, c[1], c[n] }' >got
	check "400,000 CVE ids, each once, in order" "400000 CVE-2021-1000000 CVE-2021-1399999" got
}

# --- item 10: --since takes only dates that exist ------------------------------
test_since() {
	inputs din repo
	for bad in "2020-02-30|no such day in that month" "2021-01-01 25:00|no such time of day" \
		   "2021-01-01 12:00+2500|no zone is that far" "2021-13-01|no such month" \
		   "2021-1-01|a date is YYYY-MM-DD" "@-5|@SECONDS is digits only" \
		   "@99999999999999999999|@SECONDS out of range"; do
		merge --git=repo --history --since="${bad%|*}" --format=csv din
		expect_err "--since=${bad%|*}" 1 "${bad#*|}"
	done
	merge --git=repo --history --since=2020-02-29 --format=csv din
	cols out name commits >got
	check "--since=2020-02-29 (a leap day)" "f,4
g,3" got
	for good in "2021-01-03 12:00" "2021-01-03T12:00:00Z" "2021-01-03 13:30+01:30" @1609675200; do
		merge --git=repo --history --since="$good" --format=csv din
		cols out name commits >got
		check "--since=$good" "f,2
g,2" got
	done
}

make_repo >/dev/null 2>&1 || { echo "FAIL: repository setup"; exit 1; }
test_shallow
test_missing_commit
test_vulns_links
test_endless_lists
test_many_cves
test_since
echo "history hostile tests: $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
