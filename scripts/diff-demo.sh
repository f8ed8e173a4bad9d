#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/diff-demo.sh - kmetrics-diff on a real patch: what `make diff-demo`
# runs, and what tests/diff/kernel.sh checks.
#
# The recipe, on Debian's linux-source-6.1 (build/linux-source-6.1, the tree
# make demo and make check use):
#   1. base: make arch/x86/kvm/ with KCFLAGS=-fplugin=kmetrics.so (nothing
#      to do when the tree is built already) and kmetrics-merge --scope=build
#      --format=csv of its sidecars into OUT/base.csv;
#   2. tip: the patch applied (tests/diff/kvm-setup-mce.patch, one `if` in
#      kvm_vcpu_ioctl_x86_setup_mce), make arch/x86/kvm/ again (kbuild
#      compiles x86.c alone), merged the same way into OUT/tip.csv;
#   3. the patch taken out again, whatever happens (the next build compiles
#      x86.c once more);
#   4. kmetrics-diff base.csv tip.csv, as text (OUT/diff.txt, printed), json
#      (OUT/diff.json), and the gate --fail-on=cyclomatic>7 as sarif
#      (OUT/gate.sarif, its warning lines in OUT/gate.err).
# With two worktrees of your own, steps 1 and 2 are each tree's build and
# merge; kmetrics-diff compares paths relative to each tree.
#
# Environment (make diff-demo passes them): KM_PLUGIN KM_MERGE KM_DIFF, and
#   KDIR      the tree (build/linux-source-6.1; extracted when missing)
#   KM_PATCH  the patch (tests/diff/kvm-setup-mce.patch)
#   OUT       where the datasets and outputs go (build/diff-demo)
#   KM_JOBS   make -j (number of CPUs)
set -e -o pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
. "$REPO/kbuild-integration/lib.sh"

KDIR=${KDIR:-$REPO/build/linux-source-6.1}
SUB=arch/x86/kvm
KM_PLUGIN=$(realpath "${KM_PLUGIN:-$REPO/build/kmetrics.so}")
KM_MERGE=$(realpath "${KM_MERGE:-$REPO/build/kmetrics-merge}")
KM_DIFF=$(realpath "${KM_DIFF:-$REPO/build/kmetrics-diff}")
KM_PATCH=$(realpath "${KM_PATCH:-$REPO/tests/diff/kvm-setup-mce.patch}")
OUT=${OUT:-$REPO/build/diff-demo}
start=$(km_now)

for f in "$KM_PLUGIN" "$KM_MERGE" "$KM_DIFF" "$KM_PATCH"; do
	[ -f "$f" ] || km_die "$f does not exist; run make first"
done
mkdir -p "$OUT"
rm -f "$OUT"/base.csv "$OUT"/tip.csv "$OUT"/diff.* "$OUT"/gate.*

km_install_pkgs patch
km_ensure_tree "$KDIR"
km_lock "$KDIR"
km_configure "$KDIR"

applied() { patch -d "$KDIR" -p1 -R --dry-run -s -f < "$KM_PATCH" >/dev/null 2>&1; }
unpatch() { applied && patch -d "$KDIR" -p1 -R -s -f < "$KM_PATCH" >/dev/null; return 0; }
# a run killed half-way leaves the tree patched: take it out first
unpatch
trap unpatch EXIT

# merge OUTPUT: the sidecars of the objects built, as one csv dataset
merge()
{
	local o sidecars=
	for o in $KM_BUILD_OBJECTS; do
		sidecars="$sidecars $KDIR/$o.kmetrics"
	done
	"$KM_MERGE" --scope=build --format=csv -o "$1" $sidecars
}

km_log "base: $SUB/ as it is"
km_build_with_plugin "$KDIR" "$SUB" "$KM_PLUGIN"
merge "$OUT/base.csv"

km_log "tip: $SUB/ with $(basename "$KM_PATCH")"
patch -d "$KDIR" -p1 -s -f < "$KM_PATCH" || km_die "$KM_PATCH does not apply to $KDIR"
t=$(km_now)
km_build_with_plugin "$KDIR" "$SUB" "$KM_PLUGIN"
km_log "the patched tree built in $(km_since "$t") s"
merge "$OUT/tip.csv"
unpatch

"$KM_DIFF" -o "$OUT/diff.txt" "$OUT/base.csv" "$OUT/tip.csv"
"$KM_DIFF" --format=json -o "$OUT/diff.json" "$OUT/base.csv" "$OUT/tip.csv"
status=0
"$KM_DIFF" --format=sarif --fail-on='cyclomatic>7' -o "$OUT/gate.sarif" \
	"$OUT/base.csv" "$OUT/tip.csv" 2> "$OUT/gate.err" || status=$?
echo "$status" > "$OUT/gate.status"

echo
echo "kmetrics-diff $OUT/base.csv $OUT/tip.csv"
cat "$OUT/diff.txt"
echo
echo "kmetrics-diff --fail-on='cyclomatic>7' --format=sarif ...: exit status $status"
cat "$OUT/gate.err"
km_log "diff-demo took $(km_since "$start") s; datasets and outputs in $OUT"
