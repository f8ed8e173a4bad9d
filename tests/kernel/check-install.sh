#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tests/kernel/check-install.sh - make install / make uninstall.
#
#   1. make install DESTDIR=tmp lays out the tree (gcc's plugin directory,
#      the loader's multiarch directory, PREFIX/bin, the four man pages in
#      PREFIX/share/man/man1) and uninstall with the same DESTDIR empties it
#      again; PREFIX moves kmetrics-merge;
#   2. make install into the real system paths: gcc -fplugin=kmetrics and
#      gcc -fplugin=kmetrics.so (no path) both load the plugin and write a
#      sidecar, kmetrics-merge, kmetrics-diff and kmetrics-report run from
#      PREFIX/bin, man finds their pages; make uninstall removes all nine
#      files and -fplugin=kmetrics fails again;
#   3. make install TARGET_GCC=CC, for each other compiler of KM_OTHER_GCCS
#      with plugin headers: build/CC/kmetrics.so goes into CC's plugin
#      directory only (the loader's directory is the host gcc's), and
#      CC -fplugin=kmetrics loads it; make uninstall TARGET_GCC=CC removes it.
# Whatever was installed before is put back at the end, pass or fail.
# Environment (from kbuild-integration/kernel.mk): KM_REPO KM_BUILD, and
# KM_MAKE_ARGS: extra arguments to the make install/uninstall runs.
set -e -o pipefail

REPO=${KM_REPO:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$REPO/kbuild-integration/lib.sh"
KM_BUILD=${KM_BUILD:-$REPO/build}
T=$KM_BUILD/tests/kernel/check-install
PLUGIN_DIR=$(gcc -print-file-name=plugin)
LOADER_DIR=/usr/lib/$(gcc -print-multiarch)
PREFIX=/usr/local
MAN_PAGES="kmetrics kmetrics-merge kmetrics-diff kmetrics-report"

fail() { echo "check-install: FAIL: $*" >&2; exit 1; }
ok() { echo "check-install: ok: $*"; }
kmake() { make -C "$REPO" --no-print-directory -s $KM_MAKE_ARGS "$@"; }

rm -rf "$T"
mkdir -p "$T/src"
# The system paths are shared with check-kernel: one at a time.
exec 8>"$KM_BUILD/.kmetrics-install.lock"
flock 8

# --- 1. DESTDIR -------------------------------------------------------------
D=$T/destdir
kmake install DESTDIR="$D" > "$T/install.log" 2>&1 || fail "make install DESTDIR=$D: $(tail -n 5 "$T/install.log")"
for f in "$PLUGIN_DIR/kmetrics.so" "$LOADER_DIR/kmetrics.so" "$PREFIX/bin/kmetrics-merge" \
	 "$PREFIX/bin/kmetrics-diff" "$PREFIX/bin/kmetrics-report" \
	 $(for p in $MAN_PAGES; do echo "$PREFIX/share/man/man1/$p.1"; done); do
	[ -f "$D$f" ] || fail "make install DESTDIR=$D did not install $D$f"
done
for f in kmetrics-merge kmetrics-diff kmetrics-report; do
	[ -x "$D$PREFIX/bin/$f" ] || fail "$D$PREFIX/bin/$f is not executable"
done
cmp -s "$D$PLUGIN_DIR/kmetrics.so" "$KM_BUILD/kmetrics.so" || fail "the installed plugin is not build/kmetrics.so"
# 9 files, and the Clang plugin beside the loader's when Clang's headers are there (kernel.mk)
want=9
[ -f /usr/lib/llvm-14/include/clang/AST/AST.h ] && want=10
n=$(find "$D" -type f | wc -l)
[ "$n" = $want ] || fail "make install DESTDIR= installed $n files, not $want: $(find "$D" -type f)"
kmake uninstall DESTDIR="$D" > "$T/install.log" 2>&1 || fail "make uninstall DESTDIR=$D failed"
n=$(find "$D" -type f | wc -l)
[ "$n" = 0 ] || fail "make uninstall DESTDIR= left $(find "$D" -type f)"
kmake install DESTDIR="$D" PREFIX=/opt/km > "$T/install.log" 2>&1 || fail "make install PREFIX=/opt/km failed"
[ -x "$D/opt/km/bin/kmetrics-merge" ] || fail "PREFIX=/opt/km: no $D/opt/km/bin/kmetrics-merge"
ok "DESTDIR install lays out $PLUGIN_DIR, $LOADER_DIR, PREFIX/bin and PREFIX/share/man; uninstall empties it"

# --- 2. the real system paths -----------------------------------------------
installed="$PLUGIN_DIR/kmetrics.so $LOADER_DIR/kmetrics.so $PREFIX/bin/kmetrics-merge $PREFIX/bin/kmetrics-diff
	$PREFIX/bin/kmetrics-report $(for p in $MAN_PAGES; do echo "$PREFIX/share/man/man1/$p.1"; done)"
km_keep_installed "$T/backup" $installed

cat > "$T/src/t.c" <<'EOF'
static int twice(int x) { return 2 * x; }
int km_install_probe(int a, int b) { return a > b ? twice(a) : b; }
EOF
kmake install > "$T/install.log" 2>&1 || fail "make install: $(tail -n 5 "$T/install.log")"
for form in kmetrics kmetrics.so; do
	rm -f "$T/src/t.o"*
	(cd "$T/src" && gcc -O2 -fplugin=$form -c t.c -o t.o) 2> "$T/gcc.err" ||
		fail "gcc -fplugin=$form after make install: $(head -n 3 "$T/gcc.err")"
	grep -q '^km_install_probe : 2 : 2 : ' "$T/src/t.o.kmetrics" 2>/dev/null ||
		fail "gcc -fplugin=$form wrote no (or a wrong) t.o.kmetrics"
	ok "gcc -fplugin=$form loads the installed plugin"
done
PATH=$PREFIX/bin:$PATH kmetrics-merge -o "$T/merged" "$T/src/t.o.kmetrics" 2> "$T/merge.err" ||
	fail "the installed kmetrics-merge fails: $(head -n 3 "$T/merge.err")"
[ "$(wc -l < "$T/merged")" = 2 ] || fail "the installed kmetrics-merge wrote $(wc -l < "$T/merged") records, not 2"
ok "kmetrics-merge runs from $PREFIX/bin"
PATH=$PREFIX/bin:$PATH kmetrics-diff "$T/merged" "$T/src/t.o.kmetrics" > "$T/diff.out" 2>&1 ||
	fail "the installed kmetrics-diff fails: $(head -n 3 "$T/diff.out")"
[ "$(head -n 1 "$T/diff.out")" = "0 changed, 0 added, 0 removed, 2 unchanged" ] ||
	fail "the installed kmetrics-diff says: $(head -n 1 "$T/diff.out")"
ok "kmetrics-diff runs from $PREFIX/bin"
PATH=$PREFIX/bin:$PATH kmetrics-report -o "$T/report.html" "$T/src/t.o.kmetrics" 2> "$T/report.err" ||
	fail "the installed kmetrics-report fails: $(head -n 3 "$T/report.err")"
# the page's data is deflated (format 2): read it as tests/report does
python3 "$REPO/tests/report/payload.py" names "$T/report.html" | grep -qx km_install_probe ||
	fail "the installed kmetrics-report's page lacks km_install_probe"
ok "kmetrics-report runs from $PREFIX/bin (its page is inside it)"
if command -v man >/dev/null; then
	for p in $MAN_PAGES; do
		# realpath: Debian's /usr/local/man is a link to share/man
		[ "$(realpath "$(man -w "$p" 2>/dev/null)")" = "$PREFIX/share/man/man1/$p.1" ] ||
			fail "man -w $p gives '$(man -w "$p" 2>&1)', not $PREFIX/share/man/man1/$p.1"
	done
	ok "man finds the installed pages: $MAN_PAGES"
fi

kmake uninstall > "$T/install.log" 2>&1 || fail "make uninstall failed"
for f in $installed; do
	[ ! -e "$f" ] || fail "make uninstall left $f"
done
if (cd "$T/src" && gcc -fplugin=kmetrics -c t.c -o t2.o) 2> /dev/null; then
	fail "gcc -fplugin=kmetrics still works after make uninstall"
fi
ok "make uninstall removes all nine; -fplugin=kmetrics no longer loads"
km_restore_installed
trap - EXIT

# --- 3. other compilers ------------------------------------------------------
for cc in ${KM_OTHER_GCCS:-gcc-11 aarch64-linux-gnu-gcc-12}; do
	dir=$("$cc" -print-file-name=plugin 2>/dev/null) && [ -f "$dir/include/gcc-plugin.h" ] || {
		echo "check-install: SKIP: make install TARGET_GCC=$cc: no $cc plugin headers"
		continue
	}
	D=$T/destdir-$cc
	kmake install TARGET_GCC="$cc" DESTDIR="$D" > "$T/install.log" 2>&1 ||
		fail "make install TARGET_GCC=$cc DESTDIR=$D: $(tail -n 5 "$T/install.log")"
	[ "$(find "$D" -type f | sort)" = "$(printf '%s\n' "$D$PREFIX/bin/kmetrics-merge" "$D$PREFIX/bin/kmetrics-diff" \
		"$D$PREFIX/bin/kmetrics-report" "$D$dir/kmetrics.so" \
		$(for p in $MAN_PAGES; do echo "$D$PREFIX/share/man/man1/$p.1"; done) | sort)" ] ||
		fail "make install TARGET_GCC=$cc DESTDIR= installed $(find "$D" -type f | tr '\n' ' ')"
	cmp -s "$D$dir/kmetrics.so" "$KM_BUILD/$cc/kmetrics.so" || fail "the installed plugin is not build/$cc/kmetrics.so"
	km_keep_installed "$T/backup-$cc" "$dir/kmetrics.so"
	kmake install TARGET_GCC="$cc" > "$T/install.log" 2>&1 || fail "make install TARGET_GCC=$cc failed"
	rm -f "$T/src/t.o"*
	(cd "$T/src" && "$cc" -O2 -fplugin=kmetrics -c t.c -o t.o) 2> "$T/gcc.err" ||
		fail "$cc -fplugin=kmetrics after make install TARGET_GCC=$cc: $(head -n 3 "$T/gcc.err")"
	grep -q '^km_install_probe : 2 : 2 : ' "$T/src/t.o.kmetrics" 2>/dev/null ||
		fail "$cc -fplugin=kmetrics wrote no (or a wrong) t.o.kmetrics"
	kmake uninstall TARGET_GCC="$cc" > "$T/install.log" 2>&1 || fail "make uninstall TARGET_GCC=$cc failed"
	[ ! -e "$dir/kmetrics.so" ] || fail "make uninstall TARGET_GCC=$cc left $dir/kmetrics.so"
	km_restore_installed
	trap - EXIT
	ok "make install TARGET_GCC=$cc: $dir/kmetrics.so, which $cc -fplugin=kmetrics loads; uninstall removes it"
done
echo "check-install: passed"
