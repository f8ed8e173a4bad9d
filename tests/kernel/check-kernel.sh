#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tests/kernel/check-kernel.sh - end to end on a real kernel: build Debian's
# linux-source-KVER arch/ARCH/kvm/ from clean with KCFLAGS=-fplugin=ABSPATH
# and check what the plugin and the merge tool made of it:
#
#   1. every object built from a .c file has a sidecar and a companion
#      (arm64's hyp/nvhe/*.nvhe.o, linked apart into kvm_nvhe.o, included);
#   2. every line of every sidecar parses (kmetrics-merge validates them);
#   3. x86.o.kmetrics (arm64: arm.o.kmetrics) holds kvm_arch_vcpu_ioctl_run
#      and a few more, every global function of x86.c, every function of
#      x86.c left in the object's symbol table, and nothing that x86.c does
#      not define;
#   4. C1 of each x86.c record equals the parameter count of its signature
#      in the source text (ksig, which shares no code with the plugin);
#   5. the --scope=build dataset differs from the per-TU one exactly where
#      calls cross objects: only C5-C7 (and C11) change, and
#      kvm_arch_vcpu_ioctl_run, called from virt/kvm/kvm_main.c, gains callers;
#   6. (6.1 x86 only) compiler facts: x86.o built again with -fstack-usage: every emitted
#      function's frame_bytes (companion and csv) equals the largest of its
#      bodies in x86.su; code_bytes equals the sizes `nm -S` gives its
#      symbol and clones; inlined is 1 exactly where it has no symbol; the
#      section is its own symbol's (objdump -t); the SQLite database holds
#      every record, passes integrity_check, and has kvm_vcpu_ioctl
#      (kvm_main.c) calling kvm_arch_vcpu_ioctl_run (x86.c) over the build;
#   7. (6.1 x86 only) the installed plugin is loaded by the kbuild way in with both
#      KCFLAGS=-fplugin=kmetrics and KCFLAGS=-fplugin=kmetrics.so
#      (installed into the system paths, then uninstalled again);
#   8. (6.1 x86 only) a distributed build's records are a local build's:
#      x86.o, pmu.o, irq_comm.o, emulate.o, svm/avic.o and mmu/page_track.o
#      built from their .i (check-preprocessed.sh) write the sidecars the
#      .c builds wrote, but for preprocessed-known.txt's records.
#
# KM_KVER (6.1), KM_KARCH (x86; arm64 is cross-built, KM_PLUGIN then
# being the aarch64 compiler's plugin) and KM_CC (gcc; clang: LLVM=-14 and
# build/kmetrics-clang.so) pick the tree: build/linux-source-KVER,
# build/linux-arm64-KVER, build/linux-clang[-arm64]-KVER, reused when it is
# there (make demo makes the same). Steps 6 and 7 are GCC's x86 6.1 only;
# under Clang (x86), step 6 is irq.o's frame_bytes against clang's irq.su.
# Environment (from kbuild-integration/kernel.mk): KM_REPO KM_PLUGIN KM_MERGE KM_BUILD
set -e -o pipefail

REPO=${KM_REPO:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$REPO/kbuild-integration/lib.sh"
KM_BUILD=${KM_BUILD:-$REPO/build}
KM_PLUGIN=${KM_PLUGIN:-$KM_BUILD/kmetrics.so}
KM_MERGE=${KM_MERGE:-$KM_BUILD/kmetrics-merge}
KSIG=$KM_BUILD/tests/kernel/ksig
KDIR=$KM_BUILD/$KM_TREE_NAME
MAINC=x86
MUST="kvm_arch_vcpu_ioctl_run kvm_handle_invpcid vcpu_enter_guest"
MINDEFS=400
if [ "$KM_KARCH" = arm64 ]; then
	MAINC=arm
	MUST="kvm_arch_vcpu_ioctl_run kvm_arch_vcpu_ioctl kvm_arch_init"
	MINDEFS=80
fi
SUB=$KM_KVM_DIR
NAME=check-kernel
[ "$KM_KARCH-$KM_KVER" = x86-6.1 ] || NAME=check-kernel-$KM_KARCH-$KM_KVER
[ "$KM_CC" = gcc ] || NAME=check-kernel-$KM_CC-$KM_KARCH-$KM_KVER
T=$KM_BUILD/tests/kernel/$NAME
start=$(km_now)

fail() { echo "$NAME: FAIL: $*" >&2; exit 1; }
ok() { echo "$NAME: ok: $*"; }

for f in "$KM_PLUGIN" "$KM_MERGE" "$KSIG"; do
	[ -x "$f" ] || [ -f "$f" ] || fail "$f is missing (run make)"
done
rm -rf "$T"
mkdir -p "$T"

km_ensure_tree "$KDIR"
km_lock "$KDIR"
km_configure "$KDIR"

# --- the build, from clean ---------------------------------------------------
km_clean_objects "$KDIR" "$SUB"
km_build_with_plugin "$KDIR" "$SUB" "$KM_PLUGIN"
objs=$KM_BUILD_OBJECTS
nobj=$(echo "$objs" | wc -l)
[ "$nobj" -ge 30 ] || fail "only $nobj objects from .c files in $SUB/"

# 1. every object from a .c file has its sidecar and companion, also those
# linked apart (arm64's hyp/nvhe/*.nvhe.o)
allobjs=$( { echo "$objs"; km_c_objects_under "$KDIR" "$SUB"; } | sort -u)
for o in $allobjs; do
	[ -f "$KDIR/$o.kmetrics" ] || fail "no sidecar for $o"
	g=$KDIR/$o.kmetrics.graph
	[ -f "$g" ] || fail "no companion for $o"
	[ "$(head -n 1 "$g")" = "kmetrics-graph 2" ] && [ "$(tail -n 1 "$g")" = end ] ||
		fail "$g is not a complete companion"
done
ok "$(echo "$allobjs" | wc -l) objects from .c files (virt/kvm/ included), each with sidecar and companion"

# 2. every line parses
all=
for o in $allobjs; do
	all="$all $KDIR/$o.kmetrics"
done
"$KM_MERGE" -o "$T/all.kmetrics" $all 2> "$T/merge-all.err" ||
	fail "kmetrics-merge rejects a sidecar: $(head -n 5 "$T/merge-all.err")"
sidecars=
nlines=0
for o in $objs; do
	sidecars="$sidecars $KDIR/$o.kmetrics"
	nlines=$((nlines + $(wc -l < "$KDIR/$o.kmetrics")))
done
"$KM_MERGE" --scope=tu -o "$T/tu.kmetrics" $sidecars 2> "$T/merge-tu.err" ||
	fail "kmetrics-merge rejects a sidecar: $(head -n 5 "$T/merge-tu.err")"
[ "$(wc -l < "$T/tu.kmetrics")" = "$nlines" ] ||
	fail "kmetrics-merge --scope=tu wrote $(wc -l < "$T/tu.kmetrics") records of $nlines"
cat $sidecars | cmp -s - "$T/tu.kmetrics" ||
	fail "--scope=tu output differs from the concatenated sidecars"
ok "all $(wc -l < "$T/all.kmetrics") records of the $(echo "$allobjs" | wc -l) sidecars parse"

# 3. the functions of x86.c (arm64: arm.c; the files keep x86's names)
X=$KDIR/$SUB/$MAINC.o
km_make "$KDIR" KCFLAGS="$(km_kcflags "$KM_PLUGIN")" "$SUB/$MAINC.i" > "$T/cpp.log" ||
	fail "make $SUB/$MAINC.i failed: $(tail -n 5 "$T/cpp.log")"
"$KSIG" "$KDIR/$SUB/$MAINC.i" "$SUB/$MAINC.c" > "$T/x86.sig" || fail "ksig failed on $MAINC.i"
[ "$(wc -l < "$T/x86.sig")" -ge $MINDEFS ] || fail "ksig found only $(wc -l < "$T/x86.sig") definitions in $MAINC.c"
awk -F' : ' '{ print $1 "\t" $2 }' "$X.kmetrics" > "$T/x86.rec"
for f in $MUST; do
	grep -q "^$f	" "$T/x86.rec" || fail "$MAINC.o.kmetrics has no record of $f"
done
awk -F'\t' 'NR == FNR { def[$1] = 1; next } !($1 in def) { print $1 }' \
	"$T/x86.sig" "$T/x86.rec" > "$T/nodef"
[ ! -s "$T/nodef" ] || fail "records of functions $MAINC.c does not define: $(head -n 5 "$T/nodef" | tr '\n' ' ')"
awk -F'\t' 'NR == FNR { rec[$1] = 1; next } $3 == "G" && !($1 in rec) { print $1 }' \
	"$T/x86.rec" "$T/x86.sig" > "$T/noglobal"
[ ! -s "$T/noglobal" ] || fail "global functions of $MAINC.c without a record: $(head -n 5 "$T/noglobal" | tr '\n' ' ')"
# what the object's symbol table still has (clones named foo.isra.0, foo.cold)
nm "$X" | awk '$2 ~ /^[tTwW]$/ { sub(/\..*/, "", $3); print $3 }' | sort -u > "$T/x86.nm"
awk -F'\t' 'NR == FNR { def[$1] = 1; next } ($1 in def)' "$T/x86.sig" "$T/x86.nm" |
	awk -F'\t' 'NR == FNR { rec[$1] = 1; next } !($1 in rec)' "$T/x86.rec" - > "$T/nosym"
[ ! -s "$T/nosym" ] || fail "functions of $MAINC.c in $MAINC.o's symbols without a record: $(head -n 5 "$T/nosym" | tr '\n' ' ')"
ndef=$(wc -l < "$T/x86.sig")
nrec=$(wc -l < "$T/x86.rec")
ndup=$(cut -f1 "$T/x86.rec" | sort | uniq -d | wc -l)
[ "$ndup" = 0 ] || fail "$MAINC.o.kmetrics has $ndup names twice"
ok "$MAINC.o.kmetrics: $nrec records; $MAINC.c defines $ndef functions, the $((ndef - nrec)) without a record are static ones the compiler dropped"

# 4. C1 = the parameters of the source signature
awk -F'\t' -v m="$MAINC" 'NR == FNR { p[$1] = $2; line[$1] = $4; next }
	p[$1] != $2 { printf "%s (%s.c:%s): C1=%s, signature has %s\n", $1, m, line[$1], $2, p[$1] }' \
	"$T/x86.sig" "$T/x86.rec" > "$T/c1"
[ ! -s "$T/c1" ] || fail "C1 differs from the signature: $(head -n 5 "$T/c1")"
ok "C1 of all $nrec $MAINC.c records equals the parameter count of its signature"

# 5. build scope against TU scope
"$KM_MERGE" --scope=build -o "$T/build.kmetrics" $sidecars 2> "$T/merge-build.err" ||
	fail "kmetrics-merge --scope=build failed: $(head -n 5 "$T/merge-build.err")"
[ "$(wc -l < "$T/build.kmetrics")" = "$nlines" ] || fail "--scope=build wrote a different number of records"
paste -d '\n' "$T/tu.kmetrics" "$T/build.kmetrics" | awk -F' : ' '
	NR % 2 == 1 { split($0, tu, / : | \357\274\232/); next }
	{
		split($0, b, / : | \357\274\232/)
		if (tu[1] != b[1]) { printf "order: %s against %s\n", tu[1], b[1]; bad = 1; exit }
		for (i = 2; i <= 13; i++)
			if (tu[i] != b[i] && i != 6 && i != 7 && i != 8 && i != 12) {
				printf "%s: column %d changed from %s to %s\n", b[1], i - 1, tu[i], b[i]; bad = 1
			}
		if (tu[6] != b[6] || tu[7] != b[7] || tu[8] != b[8])
			changed++
	}
	END { print "changed", changed + 0 > "/dev/stderr"; exit bad }' > "$T/scope" 2> "$T/scope.n" ||
	fail "build scope against TU scope: $(head -n 5 "$T/scope")"
changed=$(awk '{ print $2 }' "$T/scope.n")
[ "$changed" -gt 0 ] || fail "--scope=build changed no record: calls across objects were not linked"
c7() { grep "^kvm_arch_vcpu_ioctl_run : " "$1" | awk -F' : ' '{ print $8 }'; }
tu7=$(c7 "$T/tu.kmetrics")
b7=$(c7 "$T/build.kmetrics")
[ -n "$tu7" ] && [ -n "$b7" ] && [ "$b7" -gt "$tu7" ] ||
	fail "kvm_arch_vcpu_ioctl_run (called from kvm_main.c) has C7=$b7 in build scope, $tu7 per TU"
ok "--scope=build: $changed records change in C5-C7 only; kvm_arch_vcpu_ioctl_run callers $tu7 -> $b7"

if [ "$NAME" = check-kernel ]; then
	# 6. compiler facts against -fstack-usage, nm and objdump; the SQLite form
	"$REPO/tests/kernel/check-facts.sh" "$KDIR" "$SUB" "$KM_PLUGIN" "$KM_MERGE" "$T" $sidecars ||
		fail "compiler facts of $SUB/x86.o"
fi
if [ "$KM_CC-$KM_KARCH" = clang-x86 ]; then
	# 6. (Clang) frame_bytes as clang's -fstack-usage gives it: irq.o again
	# with it, the records unchanged; kmetrics-merge's frame_bytes of each
	# record is its irq.su line's (Clang writes no C line), empty where it
	# has none (inlined everywhere)
	I=$KDIR/$SUB/irq
	cp "$I.o.kmetrics" "$T/irq.before"
	rm -f "$I.su" "$I.o"
	km_make "$KDIR" KCFLAGS="$(km_kcflags "$KM_PLUGIN" -fstack-usage)" "$SUB/irq.o" > "$T/su.log" 2>&1 ||
		fail "make $SUB/irq.o with -fstack-usage: $(tail -n 5 "$T/su.log")"
	[ -s "$I.su" ] || fail "no $I.su"
	cmp -s "$T/irq.before" "$I.o.kmetrics" || fail "-fstack-usage changed the records of irq.o"
	awk -F'\t' '{ n = split($1, p, ":"); print p[n] "\t" $2 }' "$I.su" | LC_ALL=C sort > "$T/su.frames"
	"$KM_MERGE" --format=csv "$I.o.kmetrics" | tr -d '\r' | awk -F, '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ print $c["name"] "\t" $c["frame_bytes"] }' | LC_ALL=C sort > "$T/csv.frames"
	cut -f1 "$T/csv.frames" | LC_ALL=C join -t "$(printf '\t')" -a 1 - "$T/su.frames" |
		awk -F'\t' '{ print $1 "\t" $2 }' | cmp -s - "$T/csv.frames" ||
		fail "frame_bytes of irq.o's records are not irq.su's: $(head -n 5 "$T/csv.frames" | tr '\n' ' ')"
	ok "frame_bytes of irq.o's $(awk -F'\t' '$2 != ""' "$T/csv.frames" | wc -l) records with a body = irq.su (Clang's -fstack-usage)"
	km_make "$KDIR" KCFLAGS="$(km_kcflags "$KM_PLUGIN")" "$SUB/irq.o" > "$T/su.log" 2>&1 ||
		fail "rebuilding irq.o failed"
	rm -f "$I.su"
fi
if [ "$NAME" = check-kernel ]; then
	# 7. the installed forms, through kbuild (one object each)
	echo "check-kernel: the installed plugin with make KCFLAGS=-fplugin=kmetrics and =kmetrics.so"
	exec 8>"$KM_BUILD/.kmetrics-install.lock"
	flock 8
	km_keep_installed "$T/system-backup" "$(gcc -print-file-name=plugin)/kmetrics.so" \
		"/usr/lib/$(gcc -print-multiarch)/kmetrics.so"
	install -m 0644 "$KM_PLUGIN" "$(gcc -print-file-name=plugin)/kmetrics.so"
	install -m 0644 "$KM_PLUGIN" "/usr/lib/$(gcc -print-multiarch)/kmetrics.so"
	cp "$KDIR/$SUB/irq.o.kmetrics" "$T/irq.expected"
	for form in kmetrics kmetrics.so; do
		rm -f "$KDIR/$SUB/irq.o" "$KDIR/$SUB/irq.o.kmetrics" "$KDIR/$SUB/irq.o.kmetrics.graph"
		km_make "$KDIR" KCFLAGS="-fplugin=$form" "$SUB/irq.o" > "$T/form.log" 2>&1 ||
			fail "make KCFLAGS=-fplugin=$form $SUB/irq.o failed: $(tail -n 5 "$T/form.log")"
		cmp -s "$KDIR/$SUB/irq.o.kmetrics" "$T/irq.expected" ||
			fail "KCFLAGS=-fplugin=$form: irq.o.kmetrics missing or unlike the one of -fplugin=$KM_PLUGIN"
		ok "make KCFLAGS=-fplugin=$form $SUB/irq.o writes the same irq.o.kmetrics"
	done
	km_restore_installed
	trap - EXIT
	# leave irq.o as the plugin build made it
	km_make "$KDIR" KCFLAGS="$(km_kcflags "$KM_PLUGIN")" "$SUB/irq.o" > "$T/form.log" 2>&1 ||
		fail "rebuilding irq.o failed"
fi
if [ "$NAME" = check-kernel ]; then
	# 8. from the .i, as distcc's servers and ccache's preprocessor mode compile
	pp=""
	for o in x86 pmu irq_comm emulate svm/avic mmu/page_track; do pp="$pp $SUB/$o.o"; done
	"$REPO/tests/kernel/check-preprocessed.sh" "$KDIR" "$SUB" "$KM_PLUGIN" "$T/preprocessed" $pp \
		> "$T/preprocessed.log" 2>&1 || fail "built from the .i: $(cat "$T/preprocessed.log")"
	ok "$(tail -n 1 "$T/preprocessed.log" | sed 's/^check-preprocessed: //')"
fi

echo "$NAME: passed in $(km_since "$start") s"
