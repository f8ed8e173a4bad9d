# compare.awk - one seed of tests/gen/run.sh: what gencode expected against
# what the plugin recorded at each -O level.
#
#   awk -v seed=S -v levels="-O0 -O1 -O2 -Os" -v src=FILE.c -f compare.awk \
#       FILE.expected SIDECAR... COMPANION...   (one sidecar and one companion per level)
#
# Expected lines: "name C1 C2 C8 C9 C10 cognitive". Records: fields 2, 3, 9,
# 10, 11 of ' : ' are C1, C2, C8, C9, C10. Companions (tab-separated) map
# an F line's index to its name and an M line (version 2) gives cognitive
# as its fifth field; without M lines cognitive is not compared (a NOTE).
# A function that known.txt names (-v known=FILE) is a known limit: its
# difference prints one XFAIL line, and its being right fails, so that the
# list stays exact. Prints the failing functions with their source, then one line
# "PASS: seed S: ..." or "FAIL: seed S: ...". Plain POSIX awk (mawk).
BEGIN {
	nl = split(levels, L, " ")
	if (known != "")	# "seed name" lines: known limits, see known.txt
		while ((getline line < known) > 0)
			if (line !~ /^#/ && split(line, k, " ") >= 2)
				isknown[k[1], k[2]] = 1
}
FNR == 1 { f++ }
f == 1 { want[$1] = $2 " " $3 " " $4 " " $5 " " $6; cog[$1] = $7; order[++n] = $1; next }
f <= 1 + nl {
	split($0, a, " : ")
	got[f - 1, a[1]] = a[2] " " a[3] " " a[9] " " a[10] " " a[11]
	next
}
{
	lv = f - 1 - nl
	split($0, t, "\t")
	if (FNR == 1)
		version[lv] = t[1]
	if (t[1] == "F")
		fname[lv, t[2]] = t[3]
	else if (t[1] == "M") {
		gotcog[lv, fname[lv, t[2]]] = t[5]
		hascog[lv] = 1
	}
}
function source(name,   line, on) {
	on = 0
	while ((getline line < src) > 0) {
		if (index(line, "/* " name ": ") == 1)
			on = 1
		if (on)
			print "    | " line
		if (on && line == "}")
			break
	}
	close(src)
}
function report(name,   l, g, c) {
	print "  " name " (seed " seed "): C1 C2 C8 C9 C10 cognitive"
	print "    expected  " want[name] " " cog[name]
	for (l = 1; l <= nl; l++) {
		g = ((l, name) in got) ? got[l, name] : "no record"
		c = hascog[l] ? gotcog[l, name] : "(not in companion)"
		print "    " sprintf("%-8s", L[l]) "  " g " " c
	}
	source(name)
}
END {
	bad = 0
	for (i = 1; i <= n; i++) {
		name = order[i]
		diff = 0
		for (l = 1; l <= nl; l++)
			if (got[l, name] != want[name] || (hascog[l] && gotcog[l, name] != cog[name]))
				diff = 1
		if (diff && ((seed, name) in isknown)) {
			print "XFAIL: seed " seed ": " name " (tests/gen/known.txt)"
		} else if (diff) {
			bad++
			report(name)
		} else if ((seed, name) in isknown) {
			bad++
			print "  " name " (seed " seed "): right now: remove it from tests/gen/known.txt"
		}
	}
	for (l = 1; l <= nl; l++)
		if (!hascog[l])
			nocog = 1
	if (nocog)
		print "NOTE: gen: cognitive complexity not compared: the companion (" version[1] ") has no M line"
	if (bad)
		print "FAIL: seed " seed ": " bad " of " n " functions differ"
	else
		print "PASS: seed " seed ": " n " functions"
}
