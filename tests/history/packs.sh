#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/history/packs.sh - the walk reads blobs straight from the packs
# (lib/history/history_pack.c): whatever way a history is stored, its
# --git --history --label-fixes output is the same.
#
#   tests/history/packs.sh build/kmetrics-merge
#
# One file a.c of 300 lines, 60 commits each changing two lines of it (f
# is lines 2-120, g 150-280 at S, main~10), so the packs hold delta chains
# up to 50 deep. The history is read loose (libgit2 reads every blob),
# packed with offset deltas (git repack -adf), with deltas naming their
# base by id (repack.useDeltaBaseOffset=false), in two packs, and in
# another repository's pack (a clone with alternates); each gives the
# loose repository's output byte for byte. A pack damaged inside
# an old version's delta is an error that says a blob did not read, with
# no output, as it was before.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
hist_setup "$1" history-packs

commit_at() {
	d=$(date -u -d "2021-01-01 12:00 +0000 $1 days" +%Y-%m-%dT%H:%M:%S+0000)
	GIT_AUTHOR_DATE="$d" GIT_COMMITTER_DATE="$d" \
	GIT_AUTHOR_NAME=a GIT_AUTHOR_EMAIL="a$(($1 % 3))@x" \
	GIT_COMMITTER_NAME=c GIT_COMMITTER_EMAIL=c@c \
		git commit -q -a -m "$2"
}

make_repo() {
	mkdir repo && cd repo || exit 1
	git init -q -b main . && git config commit.gpgsign false && git config gc.auto 0
	awk 'BEGIN { for (i = 1; i <= 300; i++) printf "line %03d of a file long enough to delta\n", i }' >a.c
	git add a.c && commit_at 0 "C0"
	i=1
	while [ $i -le 60 ]; do
		a=$(((i * 37) % 290 + 2)) b=$(((i * 91) % 290 + 2))
		sed -i "${a}s/\$/ c$i/; ${b}s/\$/ d$i/" a.c
		if [ $i = 50 ]; then
			commit_at $i "C$i"
			git tag S
		elif [ $i -gt 50 ] && [ $((i % 3)) = 0 ]; then
			commit_at $i "F$i

Fixes: $(git rev-parse --short=12 HEAD~$((i - 40)))"
		else
			commit_at $i "C$i"
		fi
		i=$((i + 1))
	done
	git checkout -q S
	cd ..
}

inputs() {
	mkdir -p in
	for f in f g; do
		echo "$f : 0 : 1 : 0.0 : 0 : 1 : 0 : 0 : 0 : 0 : 1 : 1.0${R}0"
	done >in/a.o.kmetrics
	printf 'kmetrics-graph 1\nobject\ta.o\nsource\ta.c\ncwd\t%s\n' "$WORK/$1" >in/a.o.kmetrics.graph
	printf 'F\t0\tf\tG\ta.c\t2\t120\t0\nF\t1\tg\tG\ta.c\t150\t280\t1\nend\n' \
		>>in/a.o.kmetrics.graph
}

# run REPO: the walk over a copy of the repository, into REPO.csv
run() {
	rm -rf in && inputs "$1"
	merge --git="$1" --history --label-fixes=main --format=csv in
	cp out "$1.csv"
}

# same NAME REPO: REPO's output is the loose one's
same() {
	run "$2"
	if [ "$rc" = 0 ] && cmp -s loose.csv "$2.csv"; then
		pass
	else
		fail "$1: exit $rc, output differs from the loose repository's"
		diff loose.csv "$2.csv" | head -5
	fi
}

make_repo
cp -r repo loose
run loose
[ "$rc" = 0 ] && [ "$(wc -l <loose.csv)" = 3 ] && pass || fail "loose: exit $rc, $(cat err)"
[ -z "$(ls loose/.git/objects/pack)" ] && pass || fail "loose: no pack"

cp -r repo ofs && git -C ofs repack -q -adf --depth=50 --window=250
depth=$(git verify-pack -v ofs/.git/objects/pack/*.idx | sed -n 's/^chain length = \([0-9]*\):.*/\1/p' | tail -1)
[ "${depth:-0}" -ge 20 ] && pass || fail "ofs: delta chains up to ${depth:-0} deep, expected 20 or more"
same "offset deltas" ofs

cp -r repo ref && git -C ref -c repack.useDeltaBaseOffset=false repack -q -adf --depth=50 --window=250
same "deltas naming their base by id" ref

cp -r repo two && git -C two repack -q -d && git -C two checkout -q main &&
	printf 'line\n' >>two/a.c && git -C two commit -q -a -m more && git -C two checkout -q S &&
	git -C two repack -q -d
[ "$(ls two/.git/objects/pack/*.pack | wc -l)" = 2 ] && pass || fail "two: two packs"
run two
# one commit more after S: the fixes search sees it, nothing labels it
[ "$rc" = 0 ] && cmp -s loose.csv two.csv && pass || fail "two packs: exit $rc, differs"

# objects in another repository (alternates): read by libgit2
git clone -q --shared ofs shared 2>/dev/null && git -C shared checkout -q "$(git -C ofs rev-parse S)" &&
	git -C shared branch -q -f main "$(git -C ofs rev-parse main)" 2>/dev/null
[ -s shared/.git/objects/info/alternates ] && [ -z "$(ls shared/.git/objects/pack)" ] && pass ||
	fail "shared: a clone with alternates and no pack of its own"
same "objects in an alternate" shared

# a delta 40 deep in a.c's chain (a version older than S), damaged inside its zlib data
cp -r ofs damaged
pack=$(ls damaged/.git/objects/pack/*.pack)
base=$(git verify-pack -v "${pack%.pack}.idx" |
	awk '$2 == "blob" && NF == 7 && $6 == 40 { print $5, $4; exit }')
chmod u+w "$pack"
printf '\377\377\377\377' | dd of="$pack" bs=1 seek=$((${base% *} + ${base#* } / 2)) \
	conv=notrunc 2>/dev/null
rm -rf in && inputs damaged
merge --git=damaged --history --label-fixes=main --format=csv in
expect_err "a damaged pack: an error, no output" 1 "reading a blob"

echo "history pack tests: $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
