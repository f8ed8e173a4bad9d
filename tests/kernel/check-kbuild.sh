#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tests/kernel/check-kbuild.sh - the kbuild way in: scripts/kbuild-install on a
# real kernel tree, then only .config changes.
#
#   1. kbuild-install fails clearly, touching nothing, on what is not a
#      kernel tree;
#   2. on build/linux-kbuild-6.1 (its own copy of linux-source-6.1, extracted
#      once and reused) it adds the option; a second run changes nothing;
#   3. scripts/config --enable GCC_PLUGIN_KMETRICS + olddefconfig keeps it on;
#      make arch/x86/kvm/ (no KCFLAGS) builds scripts/gcc-plugins/kmetrics_plugin.so
#      and every object from a .c file gets its sidecar; the records equal
#      those build/kmetrics.so writes in build/linux-source-6.1 (brought up
#      to date under its lock: a no-op after check-kernel);
#   4. KCFLAGS=-fplugin-arg-kmetrics_plugin-disable turns it off for a build;
#   5. make M=arch/x86/kvm clean removes that directory's sidecars, and the
#      top-level make clean all of them.
# Environment (from kbuild-integration/kernel.mk): KM_REPO KM_PLUGIN KM_BUILD
set -e -o pipefail

REPO=${KM_REPO:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$REPO/kbuild-integration/lib.sh"
KM_BUILD=${KM_BUILD:-$REPO/build}
KM_PLUGIN=${KM_PLUGIN:-$KM_BUILD/kmetrics.so}
KDIR=$KM_BUILD/linux-kbuild-6.1
MAIN=$KM_BUILD/linux-source-6.1
SUB=arch/x86/kvm
T=$KM_BUILD/tests/kernel/check-kbuild
INSTALL=$REPO/scripts/kbuild-install
start=$(km_now)

fail() { echo "check-kbuild: FAIL: $*" >&2; exit 1; }
ok() { echo "check-kbuild: ok: $*"; }
sidecars_under() { find "$@" \( -name '*.kmetrics' -o -name '*.kmetrics.*' \) -type f | wc -l; }

rm -rf "$T"
mkdir -p "$T/notakernel"

# 1. not a kernel tree
"$INSTALL" > /dev/null 2>&1 && fail "kbuild-install without KDIR succeeds"
"$INSTALL" "$T/nonexistent" 2> "$T/err" && fail "kbuild-install on a missing directory succeeds"
grep -q "no such directory" "$T/err" || fail "unclear error for a missing directory: $(cat "$T/err")"
echo 'all:' > "$T/notakernel/Makefile"
"$INSTALL" "$T/notakernel" 2> "$T/err" && fail "kbuild-install on a non-kernel directory succeeds"
grep -q "not a kernel source tree" "$T/err" || fail "unclear error for a non-kernel directory: $(cat "$T/err")"
[ "$(ls -A "$T/notakernel")" = Makefile ] || fail "kbuild-install left files in a non-kernel directory"
ok "kbuild-install refuses what is not a kernel tree: $(cat "$T/err")"

# km_extract of a tree another test extracted meanwhile (make -j2 check)
# leaves that tree as it is: a tarball of a three-file "kernel", twice
mkdir -p "$T/fake/linux-x/scripts/kconfig"
printf 'VERSION = 6\n' > "$T/fake/linux-x/Makefile"
: > "$T/fake/linux-x/Kconfig"
tar -C "$T/fake" -cJf "$T/fake.tar.xz" linux-x
(KM_TARBALL=$T/fake.tar.xz && km_extract "$T/tree" && km_extract "$T/tree") > "$T/extract.log" ||
	fail "km_extract twice failed: $(cat "$T/extract.log")"
[ "$(ls -A "$T/tree" | tr '\n' ' ')" = "Kconfig Makefile scripts " ] && [ -z "$(ls -A "$T" | grep '^\.extract')" ] ||
	fail "km_extract twice left: $(ls -A "$T/tree" "$T")"
ok "km_extract into a tree extracted meanwhile uses it (nothing extracted inside it)"

# 2. install, twice
km_ensure_tree "$KDIR"
km_lock "$KDIR"
files="Makefile scripts/Makefile.gcc-plugins scripts/gcc-plugins/Kconfig scripts/gcc-plugins/kmetrics_plugin.c"
"$INSTALL" "$KDIR" > "$T/install1.log" || fail "kbuild-install $KDIR failed"
(cd "$KDIR" && md5sum $files) > "$T/sums1"
"$INSTALL" "$KDIR" > "$T/install2.log" || fail "kbuild-install $KDIR failed the second time"
(cd "$KDIR" && md5sum $files) > "$T/sums2"
cmp -s "$T/sums1" "$T/sums2" || fail "a second kbuild-install changed: $(diff "$T/sums1" "$T/sums2")"
grep -qE 'wrote|added|now removes' "$T/install2.log" && fail "the second kbuild-install says it changed something"
for f in $files; do
	[ -z "$(find "$KDIR/$(dirname "$f")" -maxdepth 1 -name "$(basename "$f").*" -newer "$T/sums1")" ] ||
		fail "kbuild-install left a temporary beside $f"
done
ok "kbuild-install adds the option; a second run changes nothing"

# 3. enable it in .config and build
km_configure "$KDIR"
"$KDIR/scripts/config" --file "$KDIR/.config" --enable GCC_PLUGIN_KMETRICS
make -C "$KDIR" -s olddefconfig || fail "make olddefconfig failed"
km_config_has "$KDIR" GCC_PLUGINS GCC_PLUGIN_KMETRICS ||
	fail "CONFIG_GCC_PLUGIN_KMETRICS does not stay on after olddefconfig"
ok "CONFIG_GCC_PLUGIN_KMETRICS=y survives olddefconfig"

km_clean_objects "$KDIR" "$SUB"
t=$(km_now)
km_make "$KDIR" "$SUB/" 2>&1 | tee "$T/build.log" || fail "make $SUB/ failed with CONFIG_GCC_PLUGIN_KMETRICS=y"
[ -f "$KDIR/scripts/gcc-plugins/kmetrics_plugin.so" ] || fail "kbuild did not build scripts/gcc-plugins/kmetrics_plugin.so"
objs=$(km_objects "$KDIR" "$SUB")
[ "$(echo "$objs" | wc -l)" -ge 30 ] || fail "only $(echo "$objs" | wc -l) objects from .c files"
missing=$(km_missing_sidecars "$KDIR" $objs)
[ -z "$missing" ] || fail "no sidecar for: $(echo $missing)"
grep -q -- '-fplugin=./scripts/gcc-plugins/kmetrics_plugin.so' "$KDIR/$SUB/.x86.o.cmd" ||
	fail "x86.o was not compiled with -fplugin=./scripts/gcc-plugins/kmetrics_plugin.so"
ok "make $SUB/ ($(km_since "$t") s): all $(echo "$objs" | wc -l) objects from .c files have sidecars, no KCFLAGS needed"

# The same records as build/kmetrics.so's on build/linux-source-6.1, that
# tree brought up to date and compared under its own lock: other tests build
# in it (make -j2 check runs them beside this one), and check-diff-kernel
# leaves x86.o compiled from its patched x86.c, the source put back; taken
# as it was, x86.o.kmetrics differed. A subshell, so that fd 9 keeps
# $KDIR's lock and the tree's lock ends with it (set -e: a failure ends both).
(
	km_ensure_tree "$MAIN"
	km_lock "$MAIN"
	km_configure "$MAIN"
	km_build_with_plugin "$MAIN" "$SUB" "$KM_PLUGIN" > "$T/main-build.log" 2>&1 ||
		fail "building $SUB/ of $MAIN with $KM_PLUGIN failed: $(tail -n 5 "$T/main-build.log")"
	for o in $objs; do
		cmp -s "$KDIR/$o.kmetrics" "$MAIN/$o.kmetrics" ||
			fail "$o.kmetrics differs between kmetrics_plugin.so (kbuild) and $KM_PLUGIN"
	done
)
ok "the records equal those of build/kmetrics.so for all $(echo "$objs" | wc -l) objects"

# 4. DISABLE
rm -f "$KDIR/$SUB/irq.o" "$KDIR/$SUB/irq.o.kmetrics" "$KDIR/$SUB/irq.o.kmetrics.graph"
km_make "$KDIR" KCFLAGS=-fplugin-arg-kmetrics_plugin-disable "$SUB/irq.o" > "$T/disable.log" 2>&1 ||
	fail "make KCFLAGS=-fplugin-arg-kmetrics_plugin-disable failed: $(tail -n 5 "$T/disable.log")"
[ -f "$KDIR/$SUB/irq.o" ] && [ ! -e "$KDIR/$SUB/irq.o.kmetrics" ] ||
	fail "-fplugin-arg-kmetrics_plugin-disable still wrote irq.o.kmetrics"
km_make "$KDIR" "$SUB/irq.o" > "$T/disable.log" 2>&1 || fail "rebuilding irq.o failed"
[ -f "$KDIR/$SUB/irq.o.kmetrics" ] || fail "rebuilding irq.o wrote no sidecar"
ok "KCFLAGS=-fplugin-arg-kmetrics_plugin-disable turns it off"

# 5. make clean
n=$(sidecars_under "$KDIR/$SUB")
make -C "$KDIR" -s M="$SUB" clean || fail "make M=$SUB clean failed"
[ "$(sidecars_under "$KDIR/$SUB")" = 0 ] || fail "make M=$SUB clean left $(sidecars_under "$KDIR/$SUB") sidecar files"
[ "$(sidecars_under "$KDIR/virt/kvm")" -gt 0 ] || fail "make M=$SUB clean removed virt/kvm's sidecars too"
make -C "$KDIR" -s clean || fail "make clean failed"
[ "$(sidecars_under "$KDIR")" = 0 ] || fail "make clean left $(sidecars_under "$KDIR") sidecar files"
ok "make M=$SUB clean removes its $n sidecar files, make clean every one"

echo "check-kbuild: passed in $(km_since "$start") s"
