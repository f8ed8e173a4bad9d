#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tests/kernel/check-preprocessed.sh - a distributed build's records are a
# local build's (issue 22): every object of a kernel directory built from
# its .c, then from the .i its own command preprocesses (what distcc's
# servers, ccache's preprocessor mode and -save-temps compile), with the
# plugin; the two sidecars of each object must be byte for byte equal.
#
#   check-preprocessed.sh KDIR SUBDIR PLUGIN OUT [OBJ...]
#
# KDIR is a configured, prepared kernel tree whose SUBDIR was built (its
# .cmd files give each object's command); nothing is written into it:
# objects, .i files and sidecars go under OUT. OBJ... (paths under KDIR)
# limit the run to those objects. Prints one line per object that differs
# (with the first differing records) and a summary; exits 1 when a record
# differs that tests/kernel/preprocessed-known.txt does not list for its
# object (docs/measuring.md's known limit: .i lines past GCC's 4096 columns).
set -u
kdir=$1 sub=$2 plugin=$3 out=$4
shift 4
only=" $* "
known=$(cd "$(dirname "$0")" && pwd)/preprocessed-known.txt
fail() { echo "check-preprocessed: FAIL: $*" >&2; exit 1; }
[ -f "$plugin" ] || fail "no plugin $plugin"
[ -d "$kdir/$sub" ] || fail "no $kdir/$sub"
rm -rf "$out"
mkdir -p "$out"
n=0 same=0 bad=0 kn=0 recs=0
cd "$kdir" || exit 1
for cmdf in $(find "$sub" -name '.*.o.cmd' | sort); do
	obj=$(dirname "$cmdf")/$(basename "$cmdf" .cmd | sed 's/^\.//')
	[ "$only" = "  " ] || case "$only" in *" $obj "*) ;; *) continue ;; esac
	line=$(grep -m1 '^cmd_' "$cmdf") || continue
	cmd=${line#*:= }
	cmd=${cmd%% ; *}	# the compile alone (kbuild may run objtool after it)
	case "$cmd" in *" -c -o "*|*" -c "*) ;; *) continue ;; esac
	src=$(echo "$cmd" | awk '{print $NF}')
	case "$src" in *.c) ;; *) continue ;; esac
	# the object's command: no dependency file, no plugin of its own, output under OUT
	cmd=$(echo "$cmd" | sed -e 's/ -Wp,-MMD,[^ ]*//' -e 's/ -fplugin[^ ]*//g' -e 's# -c -o [^ ]* # -c -o OUT #')
	mkdir -p "$out/src/$(dirname "$obj")" "$out/pp/$(dirname "$obj")"
	a=$out/src/$obj b=$out/pp/$obj
	n=$((n + 1))
	eval "${cmd/OUT/$a} -fplugin=$plugin" 2>"$a.err" || { echo "  $obj: the .c did not compile: $(tail -1 "$a.err")"; bad=$((bad + 1)); continue; }
	eval "${cmd/ -c -o OUT / -E -o ${b%.o}.i }" 2>"$b.err" || { echo "  $obj: -E failed"; bad=$((bad + 1)); continue; }
	eval "$(echo "${cmd/ -c -o OUT / -c -o $b }" | sed "s# $src *\$# ${b%.o}.i#") -fplugin=$plugin" 2>>"$b.err" ||
		{ echo "  $obj: the .i did not compile: $(tail -1 "$b.err")"; bad=$((bad + 1)); continue; }
	recs=$((recs + $(wc -l <"$a.kmetrics")))
	if cmp -s "$a.kmetrics" "$b.kmetrics"; then
		same=$((same + 1))
		continue
	fi
	# the functions whose records differ, each listed for this object or not
	d=$(diff "$a.kmetrics" "$b.kmetrics" | grep '^[<>]')
	unlisted=$(echo "$d" | sed -n 's/^[<>] \([^ ]*\) :.*/\1/p' | sort -u |
		while read -r fn; do
			grep -q "^$obj $fn " "$known" || echo "$fn"
		done)
	ndiff=$(echo "$d" | grep -c '^<')
	if [ -z "$unlisted" ]; then
		kn=$((kn + 1))
		echo "  $obj: $ndiff records differ, each listed in preprocessed-known.txt"
		continue
	fi
	bad=$((bad + 1))
	echo "  $obj: $ndiff records differ ($(echo $unlisted) not listed), e.g.:"
	echo "$d" | head -4 | sed 's/^/    /'
done
echo "check-preprocessed: $sub: $n objects, $recs records: $same objects equal, $kn differ as listed, $bad differ"
[ "$bad" = 0 ] && [ "$n" -gt 0 ]
