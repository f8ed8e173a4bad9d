#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/history/xdiff.sh - the walk's own line diff (lib/history/
# history_xdiff.c, history_xslide.c) gives libgit2's hunks on diffs made
# to reach every part of xdiff: with KM_XDIFF_CHECK set, each diff is
# made by libgit2 too and any difference is an error (exit 1).
#
#   tests/history/xdiff.sh build/kmetrics-merge
#
# a.c: 3,000 to 4,000 lines drawn from a small vocabulary (lines that
# match many others, runs of lines that match none), indented with tabs
# and spaces between blank lines (the indent heuristic), rewritten in 40
# commits that each delete, insert, duplicate and move runs of it: edit
# costs past xdiff's cut-off (256). big.c: 36,000 lines and more, four
# rewrites, one half sparse in changes and the other dense (each way): past 32,768 lines a side
# xdiff's cut-off grows to 512 and its snake heuristic (cost past 256)
# takes over. One function spans each
# whole file at S, so --history (git log -L's diff) and C4 (git blame's,
# with the indent heuristic) diff every commit; both also equal git's own
# (git log -L, git blame).
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
hist_setup "$1" history-xdiff

# mutate FILE SEED LINES MAX [DENSE]: FILE rewritten (deterministic), LINES lines
# when it was empty; DENSE 1 (2): its first (second) half barely changed,
# half the lines of the other replaced
mutate() {
	awk -v seed="$2" -v first="$3" -v max="$4" -v dense="${5:-0}" '
	function rnd() { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648 }
	function line(   k, ind, j, t) {
		k = int(rnd() * 40)
		if (k < 4) return ""
		ind = ""
		for (j = int(rnd() * 4); j > 0; j--) ind = ind (rnd() < 0.7 ? "\t" : "    ")
		if (k < 30) return ind "stmt_" k ";"
		t = ""
		for (j = 0; j < 3; j++) t = t int(rnd() * 100000) "_"
		return ind "unique_" t ";"
	}
	BEGIN { s = seed + 1 }
	{ l[n++] = $0 }
	END {
		if (n == 0) for (i = 0; i < first; i++) l[n++] = line()
		m = 0
		for (i = 0; i < n; ) {
			late = (i > n / 2) == (dense == 1)
			if (dense && late && rnd() < 0.5) { o[m++] = line(); i++; continue }
			if (dense && !late && rnd() < 0.95) { o[m++] = l[i++]; continue }
			r = rnd()
			if (r < 0.02) { i += 1 + int(rnd() * 40); continue }
			if (r < 0.04) { for (j = int(rnd() * 40); j > 0; j--) o[m++] = line() }
			if (r < 0.045) { a = int(rnd() * n); for (j = 0; j < 30 && a + j < n; j++) o[m++] = l[a + j] }
			o[m++] = l[i++]
		}
		if (m > max) m = max
		for (i = 0; i < m; i++) print o[i]
	}' "$1" >"$1.new" && mv "$1.new" "$1"
}

mkdir repo && cd repo || exit 1
git init -q -b main . && git config commit.gpgsign false
: >a.c
: >big.c
i=1
while [ $i -le 40 ]; do
	mutate a.c $i 3000 4000
	[ $((i % 10)) = 1 ] && mutate big.c $((i + 100)) 36000 40000 $((i % 20 / 10 + 1))
	git add a.c big.c
	GIT_AUTHOR_DATE="2021-01-$(printf %02d $((i % 28 + 1)))T12:00:00+0000" \
	GIT_COMMITTER_DATE="2021-01-$(printf %02d $((i % 28 + 1)))T12:00:00+0000" \
	GIT_AUTHOR_NAME=a GIT_AUTHOR_EMAIL=a@x GIT_COMMITTER_NAME=c GIT_COMMITTER_EMAIL=c@c \
		git commit -q -m "C$i"
	i=$((i + 1))
done
git repack -q -adf
cd ..

# one function a file, the whole of it
mkdir in
for f in a big; do
	n=$(wc -l <repo/$f.c)
	echo "$f : 0 : 1 : 0.0 : 0 : 1 : 0 : 0 : 0 : 0 : 1 : 1.0${R}0" >in/$f.o.kmetrics
	printf 'kmetrics-graph 1\nobject\t%s.o\nsource\t%s.c\ncwd\t%s\n' $f $f "$WORK/repo" \
		>in/$f.o.kmetrics.graph
	printf 'F\t0\t%s\tG\t%s.c\t1\t%d\t0\nend\n' $f $f "$n" >>in/$f.o.kmetrics.graph
	echo "$f.c 1 $n"
done >spans

export KM_XDIFF_CHECK=1
merge --git=repo --history --format=csv in
if [ "$rc" = 0 ]; then
	pass
else
	fail "every diff as libgit2 makes it: exit $rc"
	sed 's/^/  /' err | head -5
fi
sh "$HERE/oracle-log-L.sh" repo <spans | awk '{print $3","$4","$5","$6","$7}' >want
cols out commits authors lines_added lines_deleted last_change_days >got
check "--history equals git log -L" "$(cat want)" got
sh "$HERE/oracle-blame.sh" repo <spans | awk '{print $3}' >want
cols out age_days >got
check "C4 equals git blame" "$(cat want)" got

echo "history xdiff tests: $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
