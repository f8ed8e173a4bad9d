# SPDX-License-Identifier: GPL-2.0
# tests/plugin/lib.sh - what the plugin's host-gcc test scripts share
# (lines.sh, instrumented.sh): sourced after `set -u` with the test's NAME,
# it sets top, plugin (KM_PLUGIN or build/kmetrics.so) and t, a fresh
# build/plugin-tests/NAME that it cds into, and the PASS/FAIL counters
# with ok and bad.
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
plugin=${KM_PLUGIN:-$top/build/kmetrics.so}
t=$top/build/plugin-tests/$1
rm -rf "$t"
mkdir -p "$t"
cd "$t" || exit 1
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "PASS: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
