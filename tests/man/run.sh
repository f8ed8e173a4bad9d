#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/man/run.sh - the man pages (man/*.1) against the programs they
# describe:
#
#   - each page renders with man(1) without a warning (groff's -ww, as
#     lintian asks it);
#   - kmetrics-merge, kmetrics-diff and kmetrics-report: --help names the
#     page, and the long options of --help's usage are exactly the options
#     the page's SYNOPSIS gives;
#   - kmetrics(1): its OPTIONS are exactly the arguments the plugin
#     (plugin/gcc/) takes (-fplugin-arg-kmetrics-KEY).
#
#   tests/man/run.sh BUILD-DIR
set -u
B=$1
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$B/tests/man
PASS=0 FAIL=0
pass() { PASS=$((PASS + 1)); }
fail() { echo "FAIL: $*"; FAIL=$((FAIL + 1)); }
mkdir -p "$T"

for page in "$ROOT"/man/*.1; do
	name=$(basename "$page" .1)
	LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" \
		>/dev/null 2>"$T/$name.warnings"
	[ ! -s "$T/$name.warnings" ] && pass ||
		fail "$name(1) renders with warnings: $(head -n 3 "$T/$name.warnings")"
done

# long_opts: the --options of a text, sorted, one a line
long_opts() { grep -o -- '--[a-z][a-z-]*' | sort -u; }

# the page's SYNOPSIS, as text
synopsis() {
	LC_ALL=C.UTF-8 MANWIDTH=200 man -l "$ROOT/man/$1.1" 2>/dev/null |
		sed -n '/^SYNOPSIS/,/^DESCRIPTION/p'
}

for tool in kmetrics-merge kmetrics-diff kmetrics-report; do
	"$B/$tool" --help >"$T/$tool.help" 2>&1 || fail "$tool --help exits non-zero"
	grep -q "man $tool" "$T/$tool.help" && pass || fail "$tool --help does not name man $tool"
	sed '/^$/q' "$T/$tool.help" | long_opts >"$T/$tool.usage"
	echo --help >>"$T/$tool.usage"
	sort -u -o "$T/$tool.usage" "$T/$tool.usage"
	{ synopsis "$tool"; echo --help; } | long_opts >"$T/$tool.synopsis"
	if cmp -s "$T/$tool.usage" "$T/$tool.synopsis"; then
		pass
	else
		fail "$tool: --help's options and $tool(1)'s SYNOPSIS differ:" \
			"$(diff "$T/$tool.usage" "$T/$tool.synopsis" | grep '^[<>]' | tr '\n' ' ')"
	fi
done

# the plugin's arguments: the keys plugin/gcc/ compares an argument's with
cat "$ROOT"/plugin/gcc/*.c | grep -o 'strcmp(key, "[a-z]*")' | sed 's/.*"\(.*\)")/\1/' |
	sort -u >"$T/plugin.keys"
LC_ALL=C.UTF-8 MANWIDTH=200 man -l "$ROOT/man/kmetrics.1" 2>/dev/null |
	sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | grep -o -- '-fplugin-arg-kmetrics-[a-z]*' |
	sed 's/-fplugin-arg-kmetrics-//' | sort -u >"$T/plugin.synopsis"
# the tag of each .TP of the OPTIONS section (.B key, .BI key= DIR)
sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$ROOT/man/kmetrics.1" |
	awk 'tp { sub(/^\.BI? /, ""); sub(/[= ].*/, ""); print; tp = 0 } /^\.TP/ { tp = 1 }' |
	sort -u >"$T/plugin.options"
if [ -s "$T/plugin.keys" ] && cmp -s "$T/plugin.keys" "$T/plugin.synopsis" &&
   cmp -s "$T/plugin.keys" "$T/plugin.options"; then
	pass
else
	fail "kmetrics(1) and the plugin's arguments differ: code: $(tr '\n' ' ' <"$T/plugin.keys")," \
		"SYNOPSIS: $(tr '\n' ' ' <"$T/plugin.synopsis"), OPTIONS: $(tr '\n' ' ' <"$T/plugin.options")"
fi

echo "man: $PASS passed, $FAIL failed"
[ $FAIL = 0 ]
