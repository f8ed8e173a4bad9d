#!/bin/bash
# One corpus file, compiled without and with the plugin, same flags.
#
#   one.sh TAG SOURCE [EXTRA_FLAGS...]
#
# Environment: KM_PLUGIN (the plugin), KM_CHECK (check_sidecar),
# KM_MERGE (kmetrics-merge, optional), KM_WORK (scratch directory),
# KM_TIMEOUT (seconds per compile, default 300).
#
# Prints one line: "PASS TAG", "PASS TAG (note)" or "FAIL TAG: reason;
# reason...". A file that passes leaves nothing behind; a failing one
# keeps KM_WORK/TAG/ with both objects, both stderr files and the sidecar.
#
# Criteria: same exit status with and without the plugin; no internal
# compiler error (message, exit status 4, signal or timeout) with the
# plugin; no "kmetrics: " diagnostic and otherwise the same stderr; when
# the object is produced, its sidecar and companion exist and parse
# (check_sidecar, and kmetrics-merge when built), and the object is
# byte-identical to the one built without the plugin (the plugin only
# reads the trees).
set -u
tag=$1 src=$2
shift 2
w=$KM_WORK/$tag
rm -rf "$w"
mkdir -p "$w"
flags=(-O2 -w "$@")
to=${KM_TIMEOUT:-300}

timeout -s KILL "$to" gcc "${flags[@]}" -c "$src" -o "$w/ref.o" >"$w/ref.err" 2>&1
ref=$?
timeout -s KILL "$to" gcc "${flags[@]}" -fplugin="$KM_PLUGIN" -c "$src" -o "$w/km.o" >"$w/km.err" 2>&1
km=$?

why=() notes=()
ice() {		# ice RC ERRFILE: did that compile crash?
	[ "$1" = 4 ] || [ "$1" -gt 128 ] || grep -q 'internal compiler error' "$2"
}
[ "$ref" = "$km" ] || why+=("exit status $ref without the plugin, $km with it")
if ice "$km" "$w/km.err"; then
	if ice "$ref" "$w/ref.err"; then
		notes+=("gcc crashes without the plugin too, status $ref")
	else
		why+=("internal compiler error with the plugin (status $km)")
	fi
fi
# the plugin's own messages (GCC prints "...: warning: kmetrics: ..."), not
# any line that names a path under a directory called kmetrics
if grep -Eq '(^|: )kmetrics: ' "$w/km.err"; then
	why+=("kmetrics diagnostic: $(grep -Em1 '(^|: )kmetrics: ' "$w/km.err")")
elif ! cmp -s "$w/ref.err" "$w/km.err"; then
	why+=("stderr differs: $(diff "$w/ref.err" "$w/km.err" | grep -m1 '^[<>]')")
fi
if [ -f "$w/km.o" ]; then
	side=$w/km.o.kmetrics
	if [ ! -f "$side" ]; then
		why+=("object without sidecar")
	elif [ ! -f "$side.graph" ]; then
		why+=("sidecar without companion")
	else
		"$KM_CHECK" "$side" >"$w/check.out" 2>&1 ||
			why+=("check_sidecar: $(head -1 "$w/check.out")")
		if [ -n "${KM_MERGE:-}" ] && [ -x "$KM_MERGE" ]; then
			"$KM_MERGE" "$side" >"$w/merge.out" 2>"$w/merge.err" ||
				why+=("kmetrics-merge: $(head -1 "$w/merge.err")")
		fi
	fi
	[ -f "$w/ref.o" ] && ! cmp -s "$w/ref.o" "$w/km.o" &&
		why+=("object differs from the one built without the plugin")
	ls "$w" | grep -q '\.tmp\.' && why+=("temporary file left: $(ls "$w" | grep '\.tmp\.' | head -1)")
fi

[ "$ref" = 0 ] || notes+=("rejected by gcc with and without the plugin, status $ref")
if [ ${#why[@]} = 0 ]; then
	if [ ${#notes[@]} = 0 ]; then
		echo "PASS $tag"
	else
		echo "PASS $tag ($(printf '%s; ' "${notes[@]}" | sed 's/; $//'))"
	fi
	rm -rf "$w"
else
	reasons=$(printf '%s; ' "${why[@]}")
	echo "FAIL $tag: ${reasons%; }"
fi
