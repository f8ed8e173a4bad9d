# compare.awk - GCC's records against Clang's, record by record.
#
#   awk -f compare.awk [-v known=KNOWN] [-v skip="C3 C11"] GCC.kmetrics CLANG.kmetrics
#
# Each input is seed-format records, optionally prefixed "OBJECT<TAB>" (as
# tests/clang/differential.sh writes them); records pair by object, name
# and occurrence. Prints one line per column: how many pairs agree, and
# then every disagreement "object name Ck=gcc/clang" that KNOWN (lines
# "name Ck cause...", '#' comments) does not explain, and the known ones
# that no longer differ (fixed: remove them). Exit 1 on an unexplained
# difference, a known one that is gone, or a function only one side has
# that KNOWN does not list as "name only-gcc|only-clang cause".
BEGIN {
	FS = "\t"
	if (known != "") {
		while ((getline line < known) > 0) {
			if (line ~ /^[ \t]*(#|$)/)
				continue
			split(line, kw, /[ \t]+/)
			expl[kw[1] " " kw[2]] = 1
		}
	}
}
function key(obj, name,   m) { m = ++seen[FILENAME, obj, name]; return obj "\t" name "\t" m }
{
	obj = NF > 1 ? $1 : "-"
	rec = NF > 1 ? $2 : $1
	split(rec, f, / : | \357\274\232/)
	k = key(obj, f[1])
	if (FILENAME == ARGV[ARGC - 2]) { g[k] = rec; order[++n] = k }
	else c[k] = rec
}
END {
	bad = 0
	for (i = 1; i <= n; i++) {
		k = order[i]
		split(k, id, "\t")
		if (!(k in c)) {
			if (!((id[2] " only-gcc") in expl) && !((id[1] "/" id[2] " only-gcc") in expl)) {
				print "only GCC: " id[1] " " id[2]; bad = 1
			}
			continue
		}
		pairs++
		split(g[k], a, / : | \357\274\232/)
		split(c[k], b, / : | \357\274\232/)
		for (col = 1; col <= 12; col++) {
			if (a[col + 1] == b[col + 1]) { agree[col]++; continue }
			dk = id[2] " C" col
			if ((id[1] "/" dk) in expl)
				dk = id[1] "/" dk
			if (dk in expl) { used[dk] = 1; knowndiff[col]++; continue }
			if (index(" " skip " ", " C" col " ")) { ungated[col]++; continue }
			print "differs: " id[1] " " id[2] " C" col "=" a[col + 1] "/" b[col + 1]
			bad = 1
		}
		done[k] = 1
	}
	for (k in c)
		if (!(k in g)) {
			split(k, id, "\t")
			if (!((id[2] " only-clang") in expl) && !((id[1] "/" id[2] " only-clang") in expl)) {
				print "only Clang: " id[1] " " id[2]; bad = 1
			}
		}
	names = "C1 C2 C3 C4 C5 C6 C7 C8 C9 C10 C11 LABEL"
	split(names, cn, " ")
	for (col = 1; col <= 12; col++)
		printf "%s: %d of %d equal%s%s\n", cn[col], agree[col], pairs,
			knowndiff[col] ? sprintf(", %d listed differences", knowndiff[col]) : "",
			ungated[col] ? sprintf(", %d differ (not gated)", ungated[col]) : ""
	exit bad
}
