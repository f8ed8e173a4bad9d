#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tests/clang/plugin.sh - the Clang plugin's behaviour, as tests/plugin/ checks
# the GCC plugin's: arguments (-fplugin-arg-kmetrics-KEY reaches the plugin
# registered as "kmetrics"; bad values and unknown keys are warnings that
# never fail the compile), outdir, kbuild's probes (/dev/null in or out)
# writing nothing, a failed compile writing nothing, and embed: the records
# and companion inside the object, which kmetrics-merge reads as it reads
# a sidecar.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
plugin=${KM_CLANG_PLUGIN:-$top/build/kmetrics-clang.so}
merge=${KM_MERGE:-$top/build/kmetrics-merge}
clang=${KM_CLANG:-clang-14}
t=$top/build/tests/clang/plugin
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
rm -rf "$t"
mkdir -p "$t/sub" "$t/out"
cd "$t" || exit 1
cat >sub/a.c <<'C'
static int twice(int x) { return x + x; }
int a(int x) { if (x > 1 && x < 9) return twice(x); return 0; }
C
cc() { "$clang" -O2 -fplugin="$plugin" "$@" 2>err; }

cc -c sub/a.c -o sub/a.o || bad "plain compile failed: $(cat err)"
[ -s sub/a.o.kmetrics ] && [ -s sub/a.o.kmetrics.graph ] && [ ! -s err ] && ok ||
	bad "no sidecar pair, or a message: $(cat err)"
grep -q "^a : 1 : 3 : " sub/a.o.kmetrics && grep -q "^twice : 1 : 1 : " sub/a.o.kmetrics && ok ||
	bad "records: $(cat sub/a.o.kmetrics)"
grep -q "^gcc	clang 14" sub/a.o.kmetrics.graph && ok || bad "companion does not name clang"
"$merge" sub/a.o.kmetrics >/dev/null 2>&1 && ok || bad "kmetrics-merge rejects the sidecar"

cc -fplugin-arg-kmetrics-outdir="$t/out" -c sub/a.c -o sub/b.o &&
	[ -f out/sub/b.o.kmetrics ] && [ ! -e sub/b.o.kmetrics ] && ok || bad "outdir: $(cat err)"
cc -fplugin-arg-kmetrics-disable -c sub/a.c -o sub/c.o && [ ! -e sub/c.o.kmetrics ] && ok ||
	bad "disable wrote a sidecar"
cc -fplugin-arg-kmetrics-strict=maybe -c sub/a.c -o sub/d.o &&
	grep -q "kmetrics: -fplugin-arg-kmetrics-strict=maybe ignored" err && ok ||
	bad "a bad boolean: $(cat err)"
cc -fplugin-arg-kmetrics-bogus -c sub/a.c -o sub/e.o &&
	grep -q "kmetrics: unknown argument -fplugin-arg-kmetrics-bogus ignored" err && ok ||
	bad "an unknown argument: $(cat err)"
cc -fplugin-arg-kmetrics-debug -c sub/a.c -o sub/f.o && grep -q "^kmetrics: a : 1 : 3" err && ok ||
	bad "debug: $(cat err)"

# kbuild's probes: nothing written, same status as without the plugin
mkdir -p .tmp_1
cc -Werror -c -x c /dev/null -o .tmp_1/tmp && [ -z "$(ls .tmp_1 | grep kmetrics)" ] && ok ||
	bad "a probe of /dev/null wrote $(ls .tmp_1)"
cc -c sub/a.c -o /dev/null && [ ! -e /dev/null.kmetrics ] && [ -z "$(ls | grep kmetrics)" ] && ok ||
	bad "-o /dev/null wrote a sidecar"
echo 'int broken(void) { return nosuch; }' >bad.c
! cc -c bad.c -o bad.o && [ ! -e bad.o.kmetrics ] && ok || bad "a failed compile wrote a sidecar"

# embed: the object carries both texts, the merge tool reads them
cc -fplugin-arg-kmetrics-embed -c sub/a.c -o sub/g.o || bad "embed compile failed: $(cat err)"
readelf -S sub/g.o | grep -q ".discard.kmetrics" && ok || bad "no .discard.kmetrics section"
"$merge" sub/g.o >g.merged 2>err && cmp -s g.merged sub/g.o.kmetrics && ok ||
	bad "kmetrics-merge of the object: $(cat err)"
cc -fplugin-arg-kmetrics-embed -S sub/a.c -o - >a.s && grep -q "kmetrics-embed 1" a.s &&
	[ -z "$(ls | grep '^-')" ] && ok || bad "embed into -S -o -"

# run as a program by mistake (lib/unit/run_alone.c): how to load it, exit 0 for --help, 2 otherwise
"$plugin" --help | grep -q -- "-fplugin=" && ok || bad "run as a program: --help"
"$plugin" --frobnicate 2>/dev/null; [ $? = 2 ] && ok || bad "run as a program: a usage error exits 2"

echo "clang plugin: $pass passed, $fail failed"
[ $fail = 0 ]
