#!/bin/bash
# A plugin built for one GCC, loaded by another: a clear error, no crash,
# no object. Uses Debian's gcc-11 when it is installed (it need not have
# gcc-11-plugin-dev: loading only needs cc1); prints SKIP otherwise.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
plugin=${KM_PLUGIN:-$top/build/kmetrics.so}
t=$top/build/robust/version
other=${KM_OTHER_GCC:-gcc-11}
if ! command -v "$other" >/dev/null; then
	echo "SKIP: version: $other is not installed (apt-get install $other)"
	exit 0
fi
rm -rf "$t"
mkdir -p "$t"
cd "$t" || exit 1
built=$(gcc -dumpfullversion)
runs=$("$other" -dumpfullversion)
printf 'int f(int a)\n{\n\treturn a;\n}\n' >f.c
"$other" -O2 -fplugin="$plugin" -c f.c -o f.o 2>err
rc=$?
name="$other ($runs) refuses a plugin built for $built"
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
