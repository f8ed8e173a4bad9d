# SPDX-License-Identifier: GPL-2.0
#
# tests/plugin/hardening.sh - what an adversarial run of the plugin found
# (tracker issue 16): target_clones.
#
# Sourced by tests/plugin/run.sh, in its directory, with its check helper
# and its f.c.

# compiles COMMAND...: gcc with the plugin, stderr in err16, status in rc16
compiles() {
	gcc -fplugin="$plugin" "$@" 2>err16
	rc16=$?
}
one_warning() {	# one_warning PATTERN: rc 0, exactly one warning, matching
	[ "$rc16" = 0 ] && [ "$(grep -c 'warning:' err16)" = 1 ] && grep -q -e "$1" err16
}

# ---- 3: a global with target_clones is a global node ----
printf '__attribute__((target_clones("avx2", "default")))\nint tc(int x) { return x + 1; }\n' >tc.c
printf 'int tc(int);\nint call(int x) { return tc(x); }\n' >call.c
for o in -O0 -O2; do
	compiles $o -c tc.c -o sub/tc.o
	check "target_clones ($o): tc is G in the companion" grep -q $'^F\t0\ttc\tG\t' sub/tc.o.kmetrics.graph
done
compiles -O2 -c call.c -o sub/call.o
"$top/build/kmetrics-merge" --scope=build sub/tc.o.kmetrics sub/call.o.kmetrics >tc.merged 2>&1
check "target_clones: over the build the caller in another object counts (C7 1)" \
	grep -qx 'tc : 1 : 1 : 8.0 : 0 : 2 : 0 : 1 : 0 : 0 : 1 : 1.0 ：0' tc.merged
