#!/bin/bash
# The version guard: a plugin built for one GCC, loaded by another, is a
# clear error naming both (version and target), no crash, no object.
#   - build/kmetrics.so (the host's gcc) in each other installed compiler
#     of KM_OTHER_GCCS (gcc-11 needs no plugin headers for this: loading
#     only needs cc1);
#   - each other compiler's plugin (build/CC/kmetrics.so, when built: make
#     TARGET_GCC=CC) in the host's gcc, so a cross plugin of the same
#     version (12.2.0 for aarch64-linux-gnu) is refused too.
# Prints SKIP for a compiler that is not installed or a plugin not built.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
host=${KM_HOSTGCC:-gcc}
t=$top/build/robust/version
others=${KM_OTHER_GCCS:-gcc-11 aarch64-linux-gnu-gcc-12}
rm -rf "$t"
mkdir -p "$t"
cd "$t" || exit 1
printf 'int f(int a)\n{\n\treturn a;\n}\n' >f.c

# "12.2.0 for x86_64-linux-gnu", as the guard names a compiler
describe() { echo "$("$1" -dumpfullversion) for $("$1" -dumpmachine)"; }

# refuses RUNNER PLUGIN BUILT-FOR: RUNNER stops on PLUGIN with the message
refuses() {
	local cc=$1 plugin=$2 built runs rc name
	built=$(describe "$3")
	runs=$(describe "$cc")
	rm -f f.o f.o.kmetrics
	"$cc" -O2 -fplugin="$plugin" -c f.c -o f.o 2>err
	rc=$?
	name="$cc ($runs) refuses a plugin built for $built"
	if [ "$rc" = 0 ] || [ "$rc" = 4 ] || [ "$rc" -gt 128 ] || grep -q 'internal compiler error' err; then
		echo "FAIL: version: $name: exit status $rc"
	elif ! grep -q "error: kmetrics: this plugin was built for GCC $built and cannot run in GCC $runs" err; then
		echo "FAIL: version: $name: no clear message"
		sed 's/^/    /' err | head -5
	elif [ -e f.o ] || [ -e f.o.kmetrics ]; then
		echo "FAIL: version: $name: an object or sidecar was written"
	else
		echo "PASS: version: $name with a clear error"
	fi
}

for other in $others; do
	if ! command -v "$other" >/dev/null; then
		echo "SKIP: version: $other is not installed (make deps-compilers)"
		continue
	fi
	refuses "$other" "$top/build/kmetrics.so" "$host"
	if [ -f "$top/build/$other/kmetrics.so" ]; then
		refuses "$host" "$top/build/$other/kmetrics.so" "$other"
	else
		echo "SKIP: version: build/$other/kmetrics.so is not built (make TARGET_GCC=$other)"
	fi
done
