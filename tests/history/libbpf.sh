#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/history/libbpf.sh - --history and --label-fixes on a real history:
# libbpf (the kernel's tools/lib/bpf mirror, tests/data/libbpf-v0.3.bundle:
# its history up to v0.3, 888 commits, 4 merges, 134 with Fixes: trailers
# whose targets are kernel commits the mirror does not have; master is
# v0.3, see tests/data/README.md). Its oldest release tag, v0.0.3, is
# checked out and src/ built with the plugin; then, for every function:
#
#   --history            equals git log -L per function (oracle-log-L.sh)
#   --label-fixes=master equals git diff S C^ / git diff -U0 C^ C per fix
#                        (oracle-fixes.sh)
#   C4 (age_days)        equals git blame HEAD per file (oracle-blame.sh)
#
# C4 is checked again at master (v0.3 here: 888 commits, 4 merges),
# src/ built there too: C4's walk carries blame through the whole history.
#
# and one function checked by hand: btf__find_by_name, src/btf.c 350-366 at
# v0.0.3. git log -L lists only the mirror's "initial commit" 66684189
# (2018-10-09, yhs@fb.com, its 17 lines added): 225 days before v0.0.3
# (2019-05-23). Fix de2edae80d3a (2020-12-04, "Fixes: ba451366bf44", a
# kernel commit the mirror lacks, so not skipped) changes lines 677 and 682
# of btf.c, inside the function's span at its parent (675-691, the same 17
# lines moved down); nothing else of v0.0.3 (btf__find_by_name_kind came
# later), so fix_breadth is 1.
#
#   tests/history/libbpf.sh build/kmetrics-merge build/kmetrics.so
set -u
# every diff of the walks made by libgit2's xdiff too: a difference is an error
export KM_XDIFF_CHECK=1
MERGE=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
PLUGIN=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUNDLE=$ROOT/tests/data/libbpf-v0.3.bundle
WORK=$ROOT/build/history-libbpf
TAG=v0.0.3
FAIL=0

[ -f "$BUNDLE" ] || { echo "FAIL: $BUNDLE is missing"; exit 1; }
rm -rf "$WORK"
mkdir -p "$WORK/obj"
git clone -q "$BUNDLE" "$WORK/libbpf" && git -C "$WORK/libbpf" checkout -q "$TAG" ||
	{ echo "FAIL: cloning $BUNDLE"; exit 1; }
# GCC 12 warns where the 2019 sources expected none: no -Werror.
make -s -C "$WORK/libbpf/src" BUILD_STATIC_ONLY=y OBJDIR="$WORK/obj" CFLAGS="-g -O2" \
	CC="gcc -fplugin=$PLUGIN" >"$WORK/build.log" 2>&1 ||
	{ echo "FAIL: building libbpf $TAG"; tail "$WORK/build.log"; exit 1; }
cd "$WORK" || exit 1
"$MERGE" --git=libbpf --history --label-fixes=master --format=csv obj >out.csv 2>err ||
	{ echo "FAIL: kmetrics-merge"; cat err; exit 1; }
[ -s err ] && { echo "FAIL: kmetrics-merge warned"; cat err; FAIL=1; }

# every function's span at S, from the companions
awk -F'\t' '$1 == "F" && $8 != "-" {print "src/" $5, $6, $7}' obj/*.graph | sort -u >spans
# csv -> "src/FILE LINE commits authors added deleted days" and "src/FILE LINE FIX"
tr -d '\r' <out.csv | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) at[$i] = i; next}
	{ print "src/" $(at["file"]), $(at["line"]), $(at["commits"]), $(at["authors"]),
	  $(at["lines_added"]), $(at["lines_deleted"]), $(at["last_change_days"]) >"hist.got"
	  n = split($(at["fixes"]), fx, " ")
	  for (i = 1; i <= n; i++) print "src/" $(at["file"]), $(at["line"]), fx[i] >"fixes.got" }'
sort -u hist.got -o hist.got
sort -u fixes.got -o fixes.got
sh "$HERE/oracle-log-L.sh" libbpf <spans | sort -u >hist.want
sh "$HERE/oracle-fixes.sh" libbpf master <spans | sort -u >fixes.want
n=$(wc -l <spans)
if cmp -s hist.got hist.want; then
	echo "  libbpf $TAG: --history equals git log -L for all $n functions"
else
	echo "FAIL: libbpf --history differs from git log -L:"; diff hist.want hist.got | head
	FAIL=1
fi
if cmp -s fixes.got fixes.want; then
	echo "  libbpf $TAG: --label-fixes=master equals the diff definition" \
		"($(wc -l <fixes.want) function-fix pairs)"
else
	echo "FAIL: libbpf --label-fixes differs:"; diff fixes.want fixes.got | head
	FAIL=1
fi
# "src/FILE LINE age_days" of a csv
ages() {
	tr -d '\r' <"$1" | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) at[$i] = i; next}
		{ print "src/" $(at["file"]), $(at["line"]), $(at["age_days"]) }' | sort -u
}
# check_ages LABEL REPO CSV SPANS
check_ages() {
	ages "$3" >"$1.ages.got"
	sh "$HERE/oracle-blame.sh" "$2" <"$4" | sort -u >"$1.ages.want"
	if cmp -s "$1.ages.got" "$1.ages.want"; then
		echo "  libbpf $1: C4 equals git blame for all $(wc -l <"$4") functions"
	else
		echo "FAIL: libbpf $1: C4 differs from git blame:"
		diff "$1.ages.want" "$1.ages.got" | head
		FAIL=1
	fi
}
check_ages "$TAG" libbpf out.csv spans

git clone -q "$BUNDLE" master && git -C master checkout -q master &&
	mkdir -p master-obj &&
	make -s -C master/src BUILD_STATIC_ONLY=y OBJDIR="$WORK/master-obj" CFLAGS="-g -O2" \
		CC="gcc -fplugin=$PLUGIN" >master-build.log 2>&1 ||
	{ echo "FAIL: building libbpf master"; tail master-build.log; exit 1; }
"$MERGE" --git=master --format=csv master-obj/staticobjs >master.csv 2>err ||
	{ echo "FAIL: kmetrics-merge --git at master"; cat err; exit 1; }
awk -F'\t' '$1 == "F" && $8 != "-" {print "src/" $5, $6, $7}' master-obj/staticobjs/*.graph |
	sort -u >master.spans
check_ages master master master.csv master.spans

want="btf__find_by_name,1,de2edae80d3a,,1,1,1,17,0,225"
got=$(tr -d '\r' <out.csv | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) at[$i] = i; next}
	$1 == "btf__find_by_name" { print $1, $(at["label"]), $(at["fixes"]), $(at["cves"]),
	  $(at["fix_breadth"]), $(at["commits"]), $(at["authors"]), $(at["lines_added"]),
	  $(at["lines_deleted"]), $(at["last_change_days"]) }' OFS=,)
if [ "$got" = "$want" ]; then
	echo "  libbpf $TAG: btf__find_by_name as worked out by hand"
else
	echo "FAIL: btf__find_by_name: $got, expected $want"
	FAIL=1
fi
exit $FAIL
