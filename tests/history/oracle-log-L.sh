#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/history/oracle-log-L.sh - the definition of --history, run the slow
# way: `git log -L FIRST,LAST:FILE` once per function, to compare with
# kmetrics-merge's one walk.
#
#   oracle-log-L.sh REPO [SINCE] < spans > stats
#
# spans: "FILE FIRST LAST" a line (FILE relative to REPO's top level).
# stats: "FILE FIRST commits authors lines_added lines_deleted
# last_change_days" a line, over the non-merge commits git log -L lists:
# authors are distinct %aE lower-cased, the line counts are the '+'/'-'
# lines of its output, last_change_days is whole days from HEAD's commit
# date to the newest of them ("" when there is none). SINCE, when given,
# is passed as git log's --since.
set -eu
REPO=$1
SINCE=${2:-}
head=$(git -C "$REPO" log -1 --format=%ct HEAD)
while read -r file first last; do
	if [ -n "$SINCE" ]; then
		git -C "$REPO" log --since="$SINCE" -L"$first,$last:$file" \
			--format='KMCOMMIT %P%x09%aE%x09%ct' HEAD
	else
		git -C "$REPO" log -L"$first,$last:$file" \
			--format='KMCOMMIT %P%x09%aE%x09%ct' HEAD
	fi | awk -v file="$file" -v first="$first" -v head="$head" '
	function flush() {
		if (cur && !merge) {
			commits++; plus += p; minus += m
			if (!(mail in seen)) { seen[mail] = 1; authors++ }
			if (newest == "" || t > newest) newest = t
		}
		p = m = 0
	}
	/^KMCOMMIT / {
		flush()
		sub(/^KMCOMMIT /, "")
		split($0, f, "\t")
		merge = split(f[1], par, " ") > 1
		mail = tolower(f[2]); t = f[3]; cur = 1; hunk = 0
		next
	}
	/^diff --git / { hunk = 0; next }
	/^@@ / { hunk = 1; next }
	hunk && /^\+/ { p++ }
	hunk && /^-/ { m++ }
	END {
		flush()
		days = newest == "" ? "" : int((head - newest) / 86400)
		if (days != "" && days < 0) days = 0
		printf "%s %s %d %d %d %d %s\n", file, first, commits, authors, plus, minus, days
	}'
done
