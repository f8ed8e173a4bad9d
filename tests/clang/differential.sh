#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tests/clang/differential.sh - GCC against Clang: the same source measured
# by the GCC plugin (build/kmetrics.so) and the Clang plugin
# (build/kmetrics-clang.so), record by record (compare.awk), every seed
# column equal except the differences tests/clang/known.txt lists with
# their cause (README, "Clang": what differs and why).
#
#   differential.sh fixtures     tests/golden/*.c and tests/clang/cases/*.c
#                                (shapes the kernel showed) at -O0 and -O2
#   differential.sh gen          tests/gen's random functions (seeds 1-3),
#                                every column but C3 and C11 equal; C3's
#                                agreement is printed (GCC folds random
#                                conditions that Clang keeps as written)
#   differential.sh kvm GCCTREE CLANGTREE   arch/x86/kvm of two built trees
#                                (check-kvm.sh): every column but C3 and
#                                C11 equal or listed in known-kvm.txt
#
# Environment: KM_PLUGIN, KM_CLANG_PLUGIN, KM_GENCODE; KM_CLANG (clang-14).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
gplugin=${KM_PLUGIN:-$top/build/kmetrics.so}
cplugin=${KM_CLANG_PLUGIN:-$top/build/kmetrics-clang.so}
clang=${KM_CLANG:-clang-14}
out=$top/build/tests/clang
fail=0
mkdir -p "$out"

# prefixed FILE OBJECT: the records of a sidecar, each "OBJECT<TAB>record"
prefixed() { sed "s|^|$2	|" "$1"; }

# both SRC DIR OPT: SRC compiled by both compilers into DIR/{gcc,clang}
both() {
	local src=$1 dir=$2 opt=$3 b
	b=$(basename "$src" .c)
	mkdir -p "$dir/gcc" "$dir/clang"
	gcc $opt -w -fplugin="$gplugin" -I"$(dirname "$src")" -c "$src" -o "$dir/gcc/$b.o" &&
		"$clang" $opt -w -fplugin="$cplugin" -I"$(dirname "$src")" -c "$src" -o "$dir/clang/$b.o"
}

fixtures() {
	local opt src b d
	for opt in -O0 -O2; do
		d=$out/fixtures$opt
		rm -rf "$d"
		: >"$d.gcc"
		: >"$d.clang"
		for src in "$top"/tests/golden/*.c "$here"/cases/*.c; do
			b=$(basename "$src" .c)
			both "$src" "$d" "$opt" || { echo "FAIL: $b $opt: compile failed"; fail=1; continue; }
			prefixed "$d/gcc/$b.o.kmetrics" "$b" >>"$d.gcc"
			prefixed "$d/clang/$b.o.kmetrics" "$b" >>"$d.clang"
		done
		echo "== golden fixtures $opt: GCC against Clang"
		awk -v known="$here/known.txt" -v opt="$opt" -f "$here/compare.awk" "$d.gcc" "$d.clang" ||
			fail=1
	done
}

gen() {
	local gencode=${KM_GENCODE:-$top/build/gen/gencode} d=$out/gen s
	rm -rf "$d"
	mkdir -p "$d"
	: >"$d/all.gcc"
	: >"$d/all.clang"
	for s in 1 2 3; do
		"$gencode" "$s" 50 "$d/s$s.c" "$d/s$s.expected" 18 || { echo "FAIL: gencode $s"; fail=1; }
		both "$d/s$s.c" "$d" -O2 || { echo "FAIL: seed $s: compile failed"; fail=1; continue; }
		prefixed "$d/gcc/s$s.o.kmetrics" "s$s" >>"$d/all.gcc"
		prefixed "$d/clang/s$s.o.kmetrics" "s$s" >>"$d/all.clang"
	done
	echo "== tests/gen seeds 1-3 at -O2: GCC against Clang (C3 and C11 not gated)"
	awk -v skip="C3 C11" -v known="$here/known.txt" -f "$here/compare.awk" "$d/all.gcc" "$d/all.clang" || fail=1
}

# kvm GCCTREE CLANGTREE: the sidecars both trees have under arch/x86/kvm and virt/kvm
kvm() {
	local g=$1 c=$2 d=$out/kvm f
	rm -rf "$d"
	mkdir -p "$d"
	: >"$d/all.gcc"
	: >"$d/all.clang"
	for f in $(cd "$g" && find arch/x86/kvm virt/kvm -name '*.o.kmetrics' | sort); do
		[ -f "$c/$f" ] || { echo "FAIL: $f: no Clang sidecar"; fail=1; continue; }
		prefixed "$g/$f" "${f%.kmetrics}" >>"$d/all.gcc"
		prefixed "$c/$f" "${f%.kmetrics}" >>"$d/all.clang"
	done
	echo "== arch/x86/kvm of 6.1: GCC against Clang (C3 and C11 not gated)"
	awk -v skip="C3 C11" -v known="$here/known-kvm.txt" -f "$here/compare.awk" "$d/all.gcc" "$d/all.clang" ||
		fail=1
}

case ${1:-} in
fixtures) fixtures ;;
gen) gen ;;
kvm) kvm "$2" "$3" ;;
*) echo "usage: differential.sh fixtures | gen | kvm GCCTREE CLANGTREE" >&2; exit 2 ;;
esac
[ $fail = 0 ] && echo "differential ${1}: passed" || echo "differential ${1}: FAILED"
[ $fail = 0 ]
