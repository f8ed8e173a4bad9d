#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/history/oracle-fixes.sh - the definition of --label-fixes=REV, run
# the slow way with git diff, to compare with kmetrics-merge.
#
#   oracle-fixes.sh REPO REV < spans > touched
#
# spans: "FILE FIRST LAST" a line, functions of S = HEAD of REPO.
# touched: "FILE FIRST FIX" for every fix (12 hex digits) that touches the
# function, fixes oldest first (as git rev-list --reverse lists S..REV).
# A fix: a non-merge commit of S..REV with a Fixes: trailer or a CVE id
# (the skip rule for Fixes: targets after S is not applied: the mirror's
# targets never resolve). Each span is carried to C^ through
# `git diff S C^ -- FILE` (first and last surviving line) and touched by a
# hunk of `git diff -U0 C^ C -- FILE` whose old lines overlap it, or that
# inserts after line l with first <= l < last. Renames are not followed.
set -eu
REPO=$1
REV=$2
SPANS=$(mktemp)
trap 'rm -f "$SPANS"' EXIT
cat > "$SPANS"
git -C "$REPO" rev-list --reverse --no-merges HEAD.."$REV" | while read -r c; do
	git -C "$REPO" log -1 --format=%B "$c" |
		grep -Eq '^[[:space:]]*Fixes:[[:space:]]*[0-9a-fA-F]{7}|CVE-[0-9]{4}-[0-9]{4}' ||
		continue
	git -C "$REPO" diff --no-renames --name-only "$c^" "$c" | while read -r f; do
		grep -q "^$f " "$SPANS" || continue
		{
			echo "MAP"
			git -C "$REPO" diff --no-renames HEAD "$c^" -- "$f"
			echo "FIX"
			git -C "$REPO" diff --no-renames -U0 "$c^" "$c" -- "$f"
			echo "SPANS"
			grep "^$f " "$SPANS"
		} | awk -v fix="$(echo "$c" | cut -c1-12)" '
		function hdr(s,   a) {	# "-a,b" -> hs, hc
			sub(/^[-+]/, "", s); split(s, a, ",")
			hs = a[1] + 0; hc = (2 in a) ? a[2] + 0 : 1
		}
		function mark() { hend[nh] = o; off[nh] = n - o }
		function newpos(x,   k, d) {	# old line x of S at C^
			if (x in map) return map[x]
			d = 0
			for (k = 1; k <= nh; k++) if (hend[k] <= x) d = off[k]
			return x + d
		}
		$1 == "MAP" || $1 == "FIX" || $1 == "SPANS" { mode = $1; next }
		mode == "MAP" && /^@@ / {
			nh++
			hdr($2); o = hc ? hs : hs + 1
			hdr($3); n = hc ? hs : hs + 1
			inh = 1; mark(); next
		}
		mode == "MAP" && /^diff / { inh = 0; next }
		mode == "MAP" && inh && /^ / { map[o] = n; o++; n++; mark(); next }
		mode == "MAP" && inh && /^-/ { del[o] = 1; o++; mark(); next }
		mode == "MAP" && inh && /^\+/ { n++; mark(); next }
		mode == "FIX" && /^@@ / { hdr($2); nf++; fs[nf] = hs; fc[nf] = hc; next }
		mode == "SPANS" {
			first = $2; last = $3
			while (first <= last && (first in del)) first++
			while (last >= first && (last in del)) last--
			if (first > last) next
			f1 = newpos(first); l1 = newpos(last)
			for (k = 1; k <= nf; k++)
				if (fc[k] > 0 ? (fs[k] <= l1 && fs[k] + fc[k] - 1 >= f1) :
				    (f1 <= fs[k] && fs[k] < l1)) {
					print $1, $2, fix
					break
				}
		}'
	done
done
