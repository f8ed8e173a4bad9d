#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/history/oracle-blame.sh - the definition of C4 (SPEC.md, README's
# "--git"), run the slow way: `git blame --porcelain HEAD -- FILE` once per
# file, to compare with the ages kmetrics-merge takes from its one walk.
#
#   oracle-blame.sh REPO < spans > ages
#
# spans: "FILE FIRST LAST" a line (FILE relative to REPO's top level).
# ages: "FILE FIRST DAYS" a line: whole days from HEAD's commit date back to
# the oldest author-time among the commits blame gives lines FIRST..LAST to;
# 0 when that time is after HEAD's (as git_ages.c) or no line exists.
set -eu
REPO=$1
head=$(git -C "$REPO" log -1 --format=%ct HEAD)
sort -k1,1 -k2,2n | while read -r file first last; do
	if [ "$file" != "${cur:-}" ]; then
		cur=$file
		git -C "$REPO" blame --porcelain HEAD -- "$file" | awk '
		/^[0-9a-f]{40} / { c = $1; ln = $3; line[ln] = c; next }
		/^author-time / { t[c] = $2 }
		END { for (l in line) print l, t[line[l]] }' >"$REPO.blame.tmp"
	fi
	awk -v file="$file" -v first="$first" -v last="$last" -v head="$head" '
	$1 >= first && $1 <= last && (old == "" || $2 < old) { old = $2 }
	END {
		d = old == "" || old > head ? 0 : int((head - old) / 86400)
		print file, first, d
	}' "$REPO.blame.tmp"
done
rm -f "$REPO.blame.tmp"
