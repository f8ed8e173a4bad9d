#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tests/report/kernel.sh - the kvm report in a real browser: Debian's
# linux-source-6.1 arch/x86/kvm/ (build/linux-source-6.1, as check-kernel
# leaves it: built with the plugin; built here when it is not), its sidecars
# made into one page with --scope=build, then opened in headless chromium
# (tests/report/browser.cjs), which must show:
#   1. no console error, no page error, no request that leaves the file;
#   2. the table sorted by C2 with kvm_set_msr_common first: the function
#      whose C2 is the highest in kmetrics-merge --scope=build's csv of the
#      same sidecars (checked here too, so a plugin that ranks another
#      first says so) - and by C3, x86_emulate_insn first;
#   3. a filter ('vmx_', then C2 >= 20) that narrows the rows, every row
#      left matching;
#   4. kvm_set_msr_common clicked: its record, arch/x86/kvm/x86.c:LINE and
#      its callers vmx_set_msr and svm_set_msr (the vendor modules' MSR
#      writes, across objects), with the call graph drawn.
# Screenshots: build/tests/report/kvm-*.png (overview, filter, function,
# picked: the one docs/report-kvm.png was taken from).
# Environment (tests/report/report.mk): KM_REPO KM_PLUGIN KM_MERGE KM_BUILD
# KM_REPORT, and NODE_PATH (where playwright-core is: scripts/report/node_modules)
set -e -o pipefail

REPO=${KM_REPO:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$REPO/kbuild-integration/lib.sh"
KM_BUILD=${KM_BUILD:-$REPO/build}
KDIR=$KM_BUILD/linux-source-6.1
SUB=arch/x86/kvm
T=$KM_BUILD/tests/report

fail() { echo "check-report-kernel: FAIL: $*" >&2; exit 1; }
ok() { echo "check-report-kernel: ok: $*"; }

mkdir -p "$T"
km_ensure_tree "$KDIR"
km_lock "$KDIR"
km_configure "$KDIR"
km_build_with_plugin "$KDIR" "$SUB" "$KM_PLUGIN" > "$T/kvm-build.log" 2>&1 ||
	fail "building $SUB/: $(tail -n 5 "$T/kvm-build.log")"
KM_BUILD_OBJECTS=$(km_objects "$KDIR" "$SUB")
sidecars=
for o in $KM_BUILD_OBJECTS; do
	sidecars="$sidecars $o.kmetrics"
done
cd "$KDIR"	# the page names its inputs as given: relative to the tree

"$KM_MERGE" --scope=build --format=csv -o "$T/kvm.csv" $sidecars
top=$(python3 - "$T/kvm.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
print(max(rows, key=lambda r: int(r['cyclomatic']))['name'])
PY
)
[ "$top" = kvm_set_msr_common ] || fail "kmetrics-merge ranks $top first by C2, not kvm_set_msr_common"
ok "kmetrics-merge --scope=build ranks kvm_set_msr_common first by C2"

"$KM_REPORT" --scope=build --title="kmetrics report: Linux 6.1 arch/x86/kvm" -o "$T/kvm.html" $sidecars
python3 "$REPO/tests/report/payload.py" columns "$T/kvm.html" "$T/kvm.csv" ||
	fail "the kvm report's columns differ from kmetrics-merge's csv"
ok "the kvm report ($(du -k "$T/kvm.html" | cut -f1) KiB) holds every column of kmetrics-merge's csv"

cat > "$T/kvm.json" <<'JSON'
{"first": "kvm_set_msr_common", "sort": "halstead_effort", "sortFirst": "x86_emulate_insn",
 "filter": "vmx_", "range": ["cyclomatic", 20],
 "pick": "kvm_set_msr_common", "callers": ["vmx_set_msr", "svm_set_msr"], "shoot": true}
JSON
cd "$REPO"
node "$REPO/tests/report/browser.cjs" "$T/kvm.html" "$T/kvm" "$T/kvm.json"
ok "screenshots: $T/kvm-overview.png, kvm-filter.png, kvm-function.png, kvm-picked.png"
