#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/bench-plugin-cost.sh - the plugin's own cost, exactly: instructions
# cc1 executes compiling one kernel file without and with the plugin.
# With KM_CC=clang (make bench-plugin-cost CC=clang) the same for Clang's
# plugin, in build/linux-clang-6.1: clang-14 compiles in one process (its
# cc1 is in the driver), so the whole compile runs under callgrind.
#
# Wall or CPU time on a shared machine moves by several per cent between
# runs; an instruction count does not. The file is compiled with the
# kernel's own command line (from its .cmd file, after a plain build of the
# object in the demo's tree), and only cc1 runs under callgrind, through
# gcc's -wrapper. Prints, for each file:
#
#   plugin-cost: file=F ir_plain=N ir_plugin=M ratio=R
#
# Environment: KM_PLUGIN (build/kmetrics.so; build/kmetrics-clang.so under
# KM_CC=clang), KM_COST_FILES (the objects, default net/ipv4/tcp_input.o),
# KM_BUILD (build), KM_CC (gcc or clang).
set -e -o pipefail

REPO=${KM_REPO:-$(cd "$(dirname "$0")/.." && pwd)}
. "$REPO/kbuild-integration/lib.sh"
KM_BUILD=${KM_BUILD:-$REPO/build}
KM_PLUGIN=${KM_PLUGIN:-$KM_BUILD/kmetrics.so}
KDIR=$KM_BUILD/linux-source-6.1
[ "$KM_CC" = clang ] && KDIR=$KM_BUILD/linux-clang-6.1
FILES=${KM_COST_FILES:-net/ipv4/tcp_input.o}
OUT=$KM_BUILD/bench-plugin-cost
mkdir -p "$OUT"

[ -f "$KM_PLUGIN" ] || km_die "$KM_PLUGIN does not exist; run make first"
command -v valgrind >/dev/null || km_install_pkgs valgrind
km_ensure_tree "$KDIR"
km_lock "$KDIR"
km_configure "$KDIR"

# The wrapper gcc runs each subprocess through: callgrind for cc1 only.
cat > "$OUT/wrap.sh" <<'EOF'
#!/bin/sh
case "$(basename "$1")" in
cc1) exec valgrind -q --tool=callgrind --callgrind-out-file="$KM_CG_OUT" "$@" ;;
*) exec "$@" ;;
esac
EOF
chmod +x "$OUT/wrap.sh"

# compile_cmd OBJ: the command kbuild used for OBJ, without dependency output,
# the objtool step, or any plugin.
compile_cmd()
{
	local obj=$1 cmdf
	cmdf="$KDIR/$(dirname "$obj")/.$(basename "$obj").cmd"
	[ -f "$cmdf" ] || km_make "$KDIR" "$obj" >/dev/null
	sed -n '1s/^cmd_[^ ]* := //p' "$cmdf" |
		sed 's/;.*//; s/-Wp,-MMD,[^ ]*//; s/-fplugin[^ ]*//g; s/-DKMETRICS_PLUGIN_STAMP=[^ ]*//'
}

# instructions MODE CMD...: cc1's instruction count for one compile
instructions()
{
	local mode=$1 out
	out=$OUT/callgrind.$mode
	shift
	rm -f "$out"
	if [ "$KM_CC" = clang ]; then
		(cd "$KDIR" && eval "valgrind -q --tool=callgrind --callgrind-out-file=$out $*") >/dev/null 2>&1
	else
		(cd "$KDIR" && KM_CG_OUT=$out eval "$* -wrapper $OUT/wrap.sh") >/dev/null 2>&1
	fi || km_die "compiling with callgrind failed ($mode)"
	awk '/^summary:/ { print $2 }' "$out"
}

cp "$KM_PLUGIN" "$OUT/$(basename "$KM_PLUGIN")"
for obj in $FILES; do
	cmd=$(compile_cmd "$obj")
	cmd=${cmd/ -o $obj / -o $OUT/cost.o }
	plain=$(instructions plain "$cmd")
	plugin=$(instructions plugin "$cmd -fplugin=$OUT/$(basename "$KM_PLUGIN")")
	awk -v f="${obj%.o}.c" -v a="$plain" -v b="$plugin" -v cc="$KM_CC" \
		'BEGIN { printf "plugin-cost: cc=%s file=%s ir_plain=%d ir_plugin=%d ratio=%.4f\n", cc, f, a, b, b / a }'
done
