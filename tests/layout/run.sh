#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tests/layout/run.sh - the layout's rules (README, "Layout"; issue 24):
#   1. no two files of a program call each other, directly or around a
#      circle (circles.py over the objects; tests/layout/allowed-circles
#      lists the one that may stay);
#   2. no source file outside tests/ is over 600 lines (README.md and
#      docs/ are prose, package-lock.json is npm's);
#   3. every C file of lib/, plugin/ and scripts/ opens with a comment that
#      says what it is for (" * NAME - ...", NAME its file, folder or program);
#   4. each folder of lib/ has a header that opens with "lib/FOLDER/ - ",
#      what the folder holds.
#
#   run.sh GROUP: OBJ... [-- GROUP: OBJ...]...   (tests/layout/layout.mk)
set -e -o pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
fail=0
bad() { echo "layout: FAIL: $*"; fail=1; }

python3 tests/layout/circles.py tests/layout/allowed-circles "$@" || fail=1

# The repository's files (what git tracks; in a copy without .git, what is
# there but build/ and node_modules/).
files()
{
	if git rev-parse --git-dir >/dev/null 2>&1; then
		git ls-files
	else
		find . -path ./build -prune -o -name node_modules -prune -o -name .git -prune -o \
			-type f -print | sed 's|^\./||'
	fi
}

# 2. files over 600 lines
long=$(files | grep -v -e '^tests/' -e '^docs/' -e '\.md$' -e 'package-lock\.json$' -e '\.png$' |
	while IFS= read -r f; do
		[ -f "$f" ] && grep -Iq . "$f" 2>/dev/null || continue
		n=$(wc -l < "$f")
		[ "$n" -le 600 ] || echo "$f ($n lines)"
	done)
if [ -n "$long" ]; then
	bad "over 600 lines: $(echo $long)"
else
	echo "layout: ok: no source file outside tests/ over 600 lines"
fi

# 3. every C file opens with what it is for
n=0
for f in $(files | grep -E '^(lib|plugin|scripts)/.*\.[ch]$'); do
	n=$((n + 1))
	sed -n 2,3p "$f" | awk 'NR == 1 && $0 != "/*" { exit 1 } NR == 2 && !/^ \* [^ ]+ - / { exit 1 }' ||
		bad "$f does not open with a comment ' * NAME - what it is for' (its lines 2-3)"
done
echo "layout: checked the opening comment of $n C files"

# 4. each folder of lib/ has its face
for d in lib/*/; do
	d=${d%/}
	grep -lq "^ \* $d/ - " "$d"/*.h 2>/dev/null ||
		bad "$d/ has no header opening with ' * $d/ - ' (what the folder holds)"
done
[ $fail = 0 ] && echo "layout: all passed"
exit $fail
