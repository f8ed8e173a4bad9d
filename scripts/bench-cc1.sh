#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/bench-cc1.sh - what the plugin costs cc1, counted in instructions
# by callgrind (deterministic, unlike seconds on a shared machine): one
# compile of a kernel file with the kernel's own flags, without and with
# the plugin, cc1 run under valgrind through gcc's -wrapper (as, ld and
# objtool are not counted). Prints
#
#   cc1-instructions: file=F plain=N plugin=M ratio=R
#
# and checks that the two objects are byte for byte the same.
#
#   KDIR=tree KM_PLUGIN=build/kmetrics.so scripts/bench-cc1.sh [FILE.c]
#
# FILE defaults to arch/x86/kvm/x86.c, which the kernel tests build (its
# .x86.o.cmd gives the command); about 10 minutes per compile under
# callgrind.
set -e -o pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
. "$REPO/kbuild-integration/lib.sh"
KDIR=${KDIR:-$REPO/build/linux-source-6.1}
KM_PLUGIN=${KM_PLUGIN:-$REPO/build/kmetrics.so}
SRC=${1:-arch/x86/kvm/x86.c}
OBJ=${SRC%.c}.o
CMD=$KDIR/$(dirname "$OBJ")/.$(basename "$OBJ").cmd
T=$REPO/build/bench/cc1
command -v valgrind > /dev/null || km_die "valgrind is missing (make deps)"
[ -f "$CMD" ] || km_die "no $CMD: build $OBJ first (make check-kernel or make demo)"
rm -rf "$T"
mkdir -p "$T"

# The compile command of $OBJ, without the plugin, the dependency file and
# what kbuild runs after it (objtool), writing to $T/$VAR.o.
sed -n 1p "$CMD" | sed -e 's/^cmd_[^ ]* := //' -e 's/ ;.*$//' \
	-e 's/ -fplugin[-a-z]*=[^ ]*//g' -e 's/ -DKMETRICS_PLUGIN_STAMP=[^ ]*//g' \
	-e 's/ -fstack-usage//g' -e 's/ -Wp,-MMD,[^ ]*//g' \
	-e "s# -o $OBJ # -o $T/\$VAR.o #" > "$T/cmd"
grep -q -- "-o $T/\$VAR.o" "$T/cmd" || km_die "cannot read the compile command of $OBJ"
cat > "$T/wrap" <<EOF
#!/bin/sh
case "\$(basename "\$1")" in
cc1) exec valgrind -q --tool=callgrind --callgrind-out-file=$T/\$VAR.out "\$@" ;;
*) exec "\$@" ;;
esac
EOF
chmod +x "$T/wrap"

# compile VAR [PLUGIN FLAGS]: the instructions cc1 ran
compile() {
	VAR=$1
	shift
	export VAR
	(cd "$KDIR" && eval "$(cat "$T/cmd") $* -wrapper $T/wrap") > "$T/$VAR.log" 2>&1 ||
		km_die "compiling $SRC ($VAR) failed: $(tail -n 3 "$T/$VAR.log")"
	sed -n 's/^summary: //p' "$T/$VAR.out"
}

plain=$(compile plain)
plugin=$(compile plugin "-fplugin=$KM_PLUGIN -fplugin-arg-kmetrics-outdir=$T/side")
cmp -s "$T/plain.o" "$T/plugin.o" || km_die "the plugin changed the object of $SRC"
echo "cc1-instructions: file=$SRC plain=$plain plugin=$plugin" \
	"ratio=$(awk -v a="$plain" -v b="$plugin" 'BEGIN { printf "%.4f", b / a }')"
