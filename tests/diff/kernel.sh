#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tests/diff/kernel.sh - the kernel recipe of kmetrics-diff, checked: Debian's
# linux-source-6.1 arch/x86/kvm/ measured, one `if` added to one function
# (tests/diff/kvm-setup-mce.patch), measured again, compared
# (scripts/diff-demo.sh does the work). What must hold:
#   1. exactly one function is listed, kvm_vcpu_ioctl_x86_setup_mce, and it
#      is `changed`: C2 7 -> 8 (the added if); nothing added or removed,
#      although every later function of x86.c moved down two lines;
#   2. the gate --fail-on=cyclomatic>7 fails it alone, exit 3, with one
#      gcc-style line, and its SARIF is valid with one result;
#   3. the tree is left without the patch.
# Reuses build/linux-source-6.1 as check-kernel leaves it (only x86.c is
# compiled again, twice). Environment (tests/diff/diff.mk): KM_PLUGIN KM_MERGE KM_DIFF
set -e -o pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
KDIR=$REPO/build/linux-source-6.1
OUT=$REPO/build/tests/diff-kernel
PATCH=$REPO/tests/diff/kvm-setup-mce.patch

fail() { echo "check-diff-kernel: FAIL: $*" >&2; exit 1; }
ok() { echo "check-diff-kernel: ok: $*"; }

rm -rf "$OUT"
OUT=$OUT KDIR=$KDIR "$REPO/scripts/diff-demo.sh" > "$OUT.log" 2>&1 ||
	fail "scripts/diff-demo.sh failed: $(tail -n 5 "$OUT.log")"

# 1. one function changed, and which
python3 - "$OUT/diff.json" <<'PY' || fail "the diff is not the one function (see $OUT/diff.txt)"
import json, sys
pairs = json.load(open(sys.argv[1]))
assert len(pairs) == 1, [p["name"] for p in pairs]
p = pairs[0]
assert (p["status"], p["name"]) == ("changed", "kvm_vcpu_ioctl_x86_setup_mce"), p
assert (p["old"]["cyclomatic"], p["new"]["cyclomatic"]) == (7, 8), p
assert p["file"] == "arch/x86/kvm/x86.c" and p["new_line"] == p["old_line"], p
PY
read -r nch _ nadd _ nrem _ nun _ < "$OUT/diff.txt"
[ "$nch,$nadd,$nrem" = "1,0,0" ] && [ "$nun" -ge 2000 ] ||
	fail "summary: $(head -n 1 "$OUT/diff.txt")"
ok "$(head -n 1 "$OUT/diff.txt"): kvm_vcpu_ioctl_x86_setup_mce, C2 7 -> 8"

# 2. the gate
[ "$(cat "$OUT/gate.status")" = 3 ] || fail "the gate exited $(cat "$OUT/gate.status"), not 3"
[ "$(cat "$OUT/gate.err")" = "arch/x86/kvm/x86.c:4955: warning: kvm_vcpu_ioctl_x86_setup_mce: cyclomatic 8 exceeds 7 (was 7)" ] ||
	fail "the gate says: $(cat "$OUT/gate.err")"
python3 "$REPO/tests/diff/sarif_check.py" "$OUT/gate.sarif" 1 || fail "$OUT/gate.sarif"
ok "--fail-on=cyclomatic>7 fails it alone (exit 3, one warning line, valid SARIF)"

# 3. the tree as it was
if patch -d "$KDIR" -p1 -R --dry-run -s -f < "$PATCH" > /dev/null 2>&1; then
	fail "the patch is still applied in $KDIR"
fi
ok "the patch is taken out of $KDIR again"
