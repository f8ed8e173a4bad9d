#!/bin/bash
# tests/each-gcc.sh TEST [ARG...] - run a plugin test under every GCC whose
# plugin headers are installed: for each compiler CC of KM_GCCS, build its
# plugin (make TARGET_GCC=CC plugin) and run TEST with KM_GCC=CC and
# KM_PLUGIN set. A compiler without plugin headers is a SKIP line naming
# the package to install. Fails when TEST fails under any compiler.
#
# Environment (from tests/plugin/plugin.mk): KM_GCCS ("gcc gcc-11 ..."), KM_HOSTGCC
# (the compiler whose plugin is build/kmetrics.so), MAKE.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
hostgcc=${KM_HOSTGCC:-gcc}
failed=
for cc in ${KM_GCCS:-$hostgcc}; do
	if ! command -v "$cc" >/dev/null ||
	   [ ! -f "$("$cc" -print-file-name=plugin)/include/gcc-plugin.h" ]; then
		echo "SKIP: $(basename "$1") under $cc: no plugin headers (make deps-compilers as root installs them)"
		continue
	fi
	plugin=$top/build/$cc/kmetrics.so
	[ "$cc" = "$hostgcc" ] && plugin=$top/build/kmetrics.so
	if ! ${MAKE:-make} -s -C "$top" TARGET_GCC="$cc" plugin; then
		failed="$failed $cc"
		continue
	fi
	echo "== $1 under $cc ($("$cc" -dumpfullversion), $("$cc" -dumpmachine))"
	KM_GCC=$cc KM_PLUGIN=$plugin "$@" || failed="$failed $cc"
done
[ -z "$failed" ] || { echo "FAIL: $1 under$failed"; exit 1; }
