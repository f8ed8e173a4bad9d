#!/bin/bash
# Golden tests: compile each fixture with the plugin at every -O level and
# compare the sidecar (and the companion, without its cwd and provenance
# lines and its C lines of compiler facts, which depend on -O) byte for
# byte with the expected files, whose numbers were worked out by hand from
# SPEC.md (see the comments in each fixture). A fixture with a
# NAME.facts.expected has its compiler facts checked at -O2: each
# function's C line, and every frame against -fstack-usage's NAME.su.
#
#   tests/golden/run.sh [--update]    (--update rewrites the expected files)
#
# KM_GCC names the compiler (gcc), KM_PLUGIN the plugin built for it
# (build/kmetrics.so). The records are the same under every compiler; where
# a C front end really differs, NAME.CC.expected (and NAME.CC.graph.expected)
# hold what compiler CC gives instead, explained in the fixture. KM_GCC=clang-14
# with KM_PLUGIN=build/kmetrics-clang.so runs them under the Clang plugin:
# NAME.clang-14.expected where GCC's front end folds what Clang keeps as
# written (C3 only; tests/clang/known.txt says which and why).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cc=${KM_GCC:-gcc}
plugin=${KM_PLUGIN:-$top/build/kmetrics.so}
out=$top/build/golden/$cc
update=0
[ "${1:-}" = --update ] && update=1
pass=0 fail=0
rm -rf "$out"
mkdir -p "$out"

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

for src in "$here"/*.c; do
	name=$(basename "$src" .c)
	for opt in -O0 -O1 -O2 -Os "-O2 -g"; do
		dir=$out/$(echo "$opt" | tr -d ' -')
		mkdir -p "$dir"
		cp "$src" "$here"/*.h "$dir/"
		if ! (cd "$dir" && "$cc" $opt -Wall -Wno-unused-function -fplugin="$plugin" \
			-c "$name.c" -o "$name.o") 2>"$dir/$name.err"; then
			bad "$name $opt: compile failed: $(head -3 "$dir/$name.err")"
			continue
		fi
		if grep -Eq '(^|: )kmetrics: ' "$dir/$name.err"; then
			bad "$name $opt: plugin warned: $(grep -E '(^|: )kmetrics: ' "$dir/$name.err" | head -2)"
		fi
		sed '/^\(cwd\|gcc\|target\|plugin\|kernel\|C\)\t/d' \
			"$dir/$name.o.kmetrics.graph" >"$dir/$name.graph" 2>/dev/null
		want=$here/$name.expected
		gwant=$here/$name.graph.expected
		# a fixture whose tree GCC folds from -O1 on has a second expectation
		# (Clang folds nothing before the plugin: its records are the same at every -O)
		if [ "$opt" != -O0 ] && [ -f "$here/$name.opt.expected" ] && [ "${cc#clang}" = "$cc" ]; then
			want=$here/$name.opt.expected
			gwant=$here/$name.opt.graph.expected
		fi
		# a compiler's own sidecar (C3 only): its companion differs only in
		# the records line and the Halstead parts of the M lines
		if [ -f "${want%.expected}.$cc.expected" ]; then
			want=${want%.expected}.$cc.expected
			# (and its own edges where a reading of SPEC removes a call)
			[ -f "$here/$name.$cc.graph.expected" ] && gwant=$here/$name.$cc.graph.expected
			sed -i '/^records\t/d; /^M\t/d' "$dir/$name.graph"
			sed '/^records\t/d; /^M\t/d' "$gwant" >"$dir/$name.graph.want"
			gwant=$dir/$name.graph.want
		fi
		if [ $update = 1 ]; then
			[ "$opt" = -O0 ] && cp "$dir/$name.o.kmetrics" "$want"
			[ "$opt" = -O0 ] && cp "$dir/$name.graph" "$here/$name.graph.expected"
		fi
		if cmp -s "$dir/$name.o.kmetrics" "$want"; then ok
		else bad "$name $opt: sidecar differs:"; diff "$want" "$dir/$name.o.kmetrics" | head -10; fi
		if cmp -s "$dir/$name.graph" "$gwant"; then ok
		else bad "$name $opt: companion differs:"; diff "$gwant" "$dir/$name.graph" | head -10; fi
	done
done
# facts_of GRAPH: "name frame inlined section blocks cyclomatic" of each C line
facts_of() {
	awk -F'\t' '$1 == "F" { name[$2] = $3 }
		$1 == "C" { print name[$2] "\t" $3 "\t" $4 "\t" $5 "\t" $6 "\t" $7 }' "$1"
}

# su_frames SU: "name frame" per function, clones (foo.isra, foo.part.0) as
# foo, the largest frame of each
su_frames() {
	awk -F'\t' '{ n = split($1, p, ":"); name = p[n]; sub(/\..*/, "", name)
		if (!(name in max) || $2 + 0 > max[name]) max[name] = $2 + 0 }
		END { for (f in max) print f "\t" max[f] }' "$1" | sort
}

# Compiler facts are the target's (frames, sections): the host gcc's only.
for want in "$here"/*.facts.expected; do
	[ -e "$want" ] && [ "$cc" = gcc ] || continue
	name=$(basename "$want" .facts.expected)
	dir=$out/facts
	mkdir -p "$dir"
	cp "$here/$name.c" "$here"/*.h "$dir/"
	if ! (cd "$dir" && gcc -O2 -fstack-usage -fplugin="$plugin" -c "$name.c" -o "$name.o") \
		2>"$dir/$name.err"; then
		bad "$name facts: compile failed: $(head -3 "$dir/$name.err")"
		continue
	fi
	facts_of "$dir/$name.o.kmetrics.graph" >"$dir/$name.facts"
	[ $update = 1 ] && cp "$dir/$name.facts" "$want"
	if cmp -s "$dir/$name.facts" "$want"; then ok
	else bad "$name -O2: compiler facts differ:"; diff "$want" "$dir/$name.facts"; fi
	awk -F'\t' '$2 != "-" { print $1 "\t" $2 }' "$dir/$name.facts" | sort >"$dir/$name.frames"
	if su_frames "$dir/$name.su" | cmp -s - "$dir/$name.frames"; then ok
	else bad "$name -O2: frames differ from -fstack-usage:"
		su_frames "$dir/$name.su" | diff - "$dir/$name.frames"; fi
	# the same records as at -O0, the facts aside
	if cmp -s "$dir/$name.o.kmetrics" "$here/$name.expected"; then ok
	else bad "$name -O2 -fstack-usage: the records changed"; fi
done

# Where GCC folds from -O1 on, everything but C3 (and so C11) stays.
for opt in "$here"/*.opt.expected; do
	[ -e "$opt" ] || continue
	[ "$(basename "$opt")" = limits.opt.expected ] && continue	# differ by design
	base=${opt%.opt.expected}.expected
	if cmp -s <(cut -d: -f1-3,5-11 "$base") <(cut -d: -f1-3,5-11 "$opt"); then ok
	else bad "$(basename "$opt"): columns other than C3 and C11 differ from -O0"; fi
done
echo "golden ($cc): $pass passed, $fail failed"
[ $fail = 0 ]
