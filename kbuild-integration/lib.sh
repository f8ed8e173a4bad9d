# SPDX-License-Identifier: GPL-2.0
# kbuild-integration/lib.sh - shell helpers shared by scripts/demo.sh,
# scripts/bench-build.sh and tests/kernel/*.sh: get a configured, prepared
# kernel tree, build one directory of it with a plugin, and find the objects
# (and so the sidecars) that build produced.
#
# Source it; it sets nothing but functions and KM_* defaults:
#   KM_KVER     kernel release, Debian's linux-source-KVER (6.1; 6.12)
#   KM_KARCH    x86 (native) or arm64 (cross-built with KM_CROSS_GCC)
#   KM_TARBALL  kernel source tarball       (/usr/src/linux-source-KVER.tar.xz)
#   KM_JOBS     make -j                     (number of CPUs)
#   KM_LOCK     lock file serialising builds in one tree (KDIR/.kmetrics.lock)
#   KM_CC       gcc (the default) or clang: Debian's clang-14 builds the
#               kernel with LLVM=-14 (clang-14, ld.lld-14, llvm-ar-14, ...),
#               arm64 cross-built by clang itself, as Android builds it
# and from KM_KARCH and KM_CC: KM_KMAKE_ARGS (what every make in the tree
# is given), KM_KVM_OPTIONS, KM_KVM_DIR, KM_TREE_NAME (the tree's name under
# build/) and the packages the build needs.

: "${KM_KVER:=6.1}"
: "${KM_KARCH:=x86}"
: "${KM_TARBALL:=/usr/src/linux-source-$KM_KVER.tar.xz}"
: "${KM_JOBS:=$(nproc 2>/dev/null || echo 2)}"
: "${KM_CROSS_GCC:=aarch64-linux-gnu-gcc-12}"
: "${KM_CC:=gcc}"

# Packages a fresh Debian 12 needs for the demo (binary name or file to look for).
KM_DEMO_PKGS="gcc-12-plugin-dev g++ make bc flex bison libelf-dev libssl-dev xz-utils tar"

# Options the demo turns on: the code under KM_KVM_DIR is built only with them.
case $KM_KARCH in
arm64)
	KM_KMAKE_ARGS="ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- CC=$KM_CROSS_GCC"
	KM_KVM_OPTIONS="VIRTUALIZATION KVM"
	KM_KVM_DIR=arch/arm64/kvm
	KM_DEMO_PKGS="$KM_DEMO_PKGS gcc-12-plugin-dev-aarch64-linux-gnu binutils-aarch64-linux-gnu"
	;;
x86)
	KM_KMAKE_ARGS=
	KM_KVM_OPTIONS="VIRTUALIZATION KVM KVM_INTEL KVM_AMD"
	KM_KVM_DIR=arch/x86/kvm
	;;
*)
	echo "kmetrics: error: KM_KARCH=$KM_KARCH: only x86 and arm64 are known" >&2
	exit 1
	;;
esac
KM_TREE_NAME=linux-source-$KM_KVER
[ "$KM_KARCH" = arm64 ] && KM_TREE_NAME=linux-arm64-$KM_KVER
case $KM_CC in
gcc) ;;
clang)
	# A clang-built tree is its own tree (.config records the compiler).
	KM_KMAKE_ARGS="LLVM=-14"
	[ "$KM_KARCH" = arm64 ] && KM_KMAKE_ARGS="ARCH=arm64 LLVM=-14"
	KM_TREE_NAME=linux-clang-$KM_KVER
	[ "$KM_KARCH" = arm64 ] && KM_TREE_NAME=linux-clang-arm64-$KM_KVER
	KM_DEMO_PKGS="${KM_DEMO_PKGS/gcc-12-plugin-dev-aarch64-linux-gnu binutils-aarch64-linux-gnu/}"
	KM_DEMO_PKGS="${KM_DEMO_PKGS/gcc-12-plugin-dev/} clang-14 lld-14 llvm-14 libclang-14-dev llvm-14-dev"
	;;
*)
	echo "kmetrics: error: KM_CC=$KM_CC: only gcc and clang are known" >&2
	exit 1
	;;
esac

km_die() { echo "kmetrics: error: $*" >&2; exit 1; }
km_log() { echo "kmetrics: $*"; }
km_now() { date +%s.%N; }
# km_since START: seconds since START, one decimal.
km_since() { awk -v a="$1" -v b="$(km_now)" 'BEGIN { printf "%.1f", b - a }'; }

# km_install_pkgs PKG...: install the missing ones (as root), or say what
# to run and fail: scripts/deps.sh, the one place that runs apt-get.
km_install_pkgs()
{
	"$(dirname "${BASH_SOURCE[0]}")/../scripts/deps.sh" "$@" || exit 1
}

# km_is_kernel_tree DIR: DIR looks like the top of a Linux source tree.
km_is_kernel_tree()
{
	[ -f "$1/Makefile" ] && [ -f "$1/Kconfig" ] && [ -d "$1/scripts/kconfig" ] &&
		grep -q '^VERSION = ' "$1/Makefile"
}

# km_extract KDIR: unpack KM_TARBALL so that its top directory becomes KDIR.
# A partial extraction never takes KDIR's name, and never lands inside it.
km_extract()
{
	local kdir=$1 parent tmp top
	[ -f "$KM_TARBALL" ] || km_die "no kernel source tarball $KM_TARBALL (apt-get install linux-source-$KM_KVER)"
	parent=$(dirname "$kdir")
	mkdir -p "$parent"
	tmp=$(mktemp -d "$parent/.extract.XXXXXX") || km_die "cannot create a directory in $parent"
	km_log "extracting $KM_TARBALL into $kdir (about 10 s)"
	if ! tar -xf "$KM_TARBALL" -C "$tmp"; then
		rm -rf "$tmp"
		km_die "extracting $KM_TARBALL failed"
	fi
	top=$(ls "$tmp")
	if [ "$(echo "$top" | wc -l)" != 1 ] || ! km_is_kernel_tree "$tmp/$top"; then
		rm -rf "$tmp"
		km_die "$KM_TARBALL does not hold one kernel source tree"
	fi
	# Two tests may extract one tree at once (make -j2 check): the first
	# to finish names it, the other's copy is dropped.
	if ! mv -T "$tmp/$top" "$kdir" 2>/dev/null; then
		rm -rf "$tmp"
		km_is_kernel_tree "$kdir" || km_die "cannot move the tree to $kdir"
		km_log "$kdir was extracted meanwhile by another build; using it"
		return 0
	fi
	rmdir "$tmp" || km_die "cannot remove $tmp"
}

# km_config_has KDIR SYM...: every CONFIG_SYM is y or m in KDIR/.config.
km_config_has()
{
	local kdir=$1 s
	shift
	for s in "$@"; do
		grep -Eq "^CONFIG_$s=[ym]$" "$kdir/.config" 2>/dev/null || return 1
	done
}

# km_configure KDIR [force]: with no .config, or with "force", make defconfig;
# then make sure KM_KVM_OPTIONS are on. A tree someone configured keeps its
# configuration apart from those options.
km_configure()
{
	local kdir=$1 force=$2 s args=
	if [ ! -f "$kdir/.config" ] || [ "$force" = force ]; then
		km_log "make defconfig in $kdir"
		km_kmake "$kdir" -s defconfig || km_die "make defconfig failed in $kdir"
	fi
	km_config_has "$kdir" $KM_KVM_OPTIONS && return 0
	for s in $KM_KVM_OPTIONS; do
		args="$args --enable $s"
	done
	km_log "enabling $KM_KVM_OPTIONS in $kdir/.config"
	"$kdir/scripts/config" --file "$kdir/.config" $args &&
		km_kmake "$kdir" -s olddefconfig || km_die "configuring $kdir failed"
	km_config_has "$kdir" $KM_KVM_OPTIONS ||
		km_die "$kdir/.config does not keep $KM_KVM_OPTIONS on (does the compiler support them?)"
}

# What a .config says of its compiler, assembler and linker (their names,
# versions and probed options): what two compilers' configurations of one
# tree may differ in.
KM_TOOLCHAIN_SYMS='^CONFIG_(CC|GCC|CLANG|AS|LD|LLD|RUSTC|PAHOLE|TOOLS|HAS_LTO|HAVE_KMSAN)_'

# km_config_syms CONFIG: the symbols that CONFIG sets (y, m or a value),
# toolchain ones aside, one "CONFIG_X=v" a line, sorted.
km_config_syms()
{
	grep '^CONFIG_' "$1" | grep -Ev "$KM_TOOLCHAIN_SYMS" | sort
}

# km_configure_like KDIR REF: KDIR's configuration made REF's (another
# compiler's .config of the same release and architecture) as far as
# KDIR's compiler allows: the options REF sets are set, those it leaves off
# are turned off (clang-14 has no RETHUNK, so neither has the GCC tree then),
# until olddefconfig changes nothing more. Prints what still differs
# besides the toolchain's own symbols (KM_TOOLCHAIN_SYMS).
km_configure_like()
{
	local kdir=$1 ref=$2 i args sym val
	for i in 1 2 3 4 5; do
		args=$(comm -3 <(km_config_syms "$kdir/.config") <(km_config_syms "$ref") |
			sed 's/^\t//' | while IFS== read -r sym val; do
				sym=${sym#CONFIG_}
				if grep -q "^CONFIG_$sym=" "$ref"; then
					val=$(grep "^CONFIG_$sym=" "$ref" | cut -d= -f2-)
					case $val in
					y) echo "--enable $sym" ;;
					m) echo "--module $sym" ;;
					*) echo "--set-val $sym $val" ;;
					esac
				else
					echo "--disable $sym"
				fi
			done | sort -u)
		[ -n "$args" ] || break
		"$kdir/scripts/config" --file "$kdir/.config" $args &&
			km_kmake "$kdir" -s olddefconfig || km_die "configuring $kdir like $ref failed"
	done
	comm -3 <(km_config_syms "$kdir/.config") <(km_config_syms "$ref") | sed 's/^\t/  other: /; s/^C/  this:  C/'
}

# km_kcflags PLUGIN [EXTRA...]: KCFLAGS that load PLUGIN. The -D names the
# plugin's content, so kbuild, which rebuilds an object when its command line
# changes, rebuilds every object once the plugin itself has changed.
km_kcflags()
{
	local plugin=$1 stamp
	shift
	stamp=$(cksum < "$plugin" | cut -d' ' -f1) || km_die "cannot read $plugin"
	echo "-fplugin=$plugin -DKMETRICS_PLUGIN_STAMP=$stamp $*"
}

# km_kmake KDIR ARGS...: make in KDIR for KM_KARCH, whatever the make that
# runs us was given: its command-line variables (make demo ARCH=arm64
# KVER=6.12) reach us in MAKEFLAGS and ARCH in the environment, and x86's
# defconfig with ARCH=x86 would be i386_defconfig.
km_kmake()
{
	local kdir=$1
	shift
	env -u MAKEFLAGS -u MFLAGS -u ARCH -u CROSS_COMPILE \
		make -C "$kdir" --no-print-directory $KM_KMAKE_ARGS "$@"
}

# km_make KDIR ARGS...: km_kmake -jKM_JOBS, with kbuild's usual progress lines.
km_make()
{
	local kdir=$1
	shift
	km_kmake "$kdir" -j"$KM_JOBS" "$@"
}

# km_timed_make TIMES MODE LOG KDIR ARGS...: km_make KDIR ARGS... with its
# output in LOG, timed: appends "MODE WALL CPU" to TIMES (CPU: user+sys
# seconds of make and every child) and says it. Fails when make does.
km_timed_make()
{
	local times=$1 mode=$2 log=$3 t
	shift 3
	t=$( { TIMEFORMAT='%R %U %S'; time km_make "$@" > "$log" 2>&1; } 2>&1 ) || return 1
	set -- $t
	echo "$mode $1 $(awk -v u="$2" -v s="$3" 'BEGIN { printf "%.2f", u + s }')" >> "$times"
	km_log "$mode: $1 s wall, $(tail -n 1 "$times" | cut -d' ' -f3) s CPU (log: $log)"
}

# km_objects KDIR KSUBDIR: every object (path relative to KDIR, one a line,
# sorted) that building KSUBDIR/ put into its built-in.a, lib.a or a module,
# and that was compiled from a .c file. Objects of other directories that
# KSUBDIR's Makefile names (arch/x86/kvm/ builds virt/kvm/*.o) are included.
km_objects()
{
	local kdir=$1 sub=${2%/}
	(
		cd "$kdir" || exit 1
		{
			for a in $(find "$sub" -name built-in.a -o -name lib.a); do
				ar t "$a"
			done
			find "$sub" -name '*.mod' -exec cat {} + 2>/dev/null | tr ' ' '\n'
		} | grep '\.o$' | while read -r o; do
			realpath -m --relative-to=. "$o"
		done | sort -u | km_from_c
	)
}

# km_from_c: of the objects on stdin (paths from the tree's top, which is
# the current directory), those compiled from a .c file, as kbuild's .cmd
# file of each says.
km_from_c()
{
	local o cmd
	while read -r o; do
		cmd="$(dirname "$o")/.$(basename "$o").cmd"
		if [ -f "$cmd" ] && grep -q '^source_.* := .*\.c$' "$cmd"; then
			echo "$o"
		fi
	done
}

# km_c_objects_under KDIR KSUBDIR: every object under KSUBDIR compiled from
# a .c file, also those kbuild links apart from built-in.a (arm64's
# hyp/nvhe/*.nvhe.o, linked into kvm_nvhe.o).
km_c_objects_under()
{
	(cd "$1" && find "${2%/}" -name '*.o' | sort | km_from_c)
}

# km_lock KDIR: hold an exclusive lock on KDIR for the rest of the calling
# shell, so that demo, tests and benchmark never build one tree at once.
km_lock()
{
	exec 9>"$1/.kmetrics.lock" || km_die "cannot create $1/.kmetrics.lock"
	if ! flock -n 9; then
		km_log "waiting for another kmetrics build in $1"
		flock 9
	fi
}

# km_missing_sidecars KDIR OBJECT...: the objects without a complete sidecar pair.
km_missing_sidecars()
{
	local kdir=$1 o
	shift
	for o in "$@"; do
		[ -f "$kdir/$o.kmetrics" ] && [ -f "$kdir/$o.kmetrics.graph" ] || echo "$o"
	done
}

# km_build_with_plugin KDIR KSUBDIR PLUGIN: make prepare and KSUBDIR/ with
# PLUGIN loaded into every compile; afterwards every object of km_objects has
# its sidecar, or this fails. Sets KM_BUILD_OBJECTS (newline-separated).
km_build_with_plugin()
{
	local kdir=$1 sub=${2%/} plugin=$3 kcflags t missing
	kcflags=$(km_kcflags "$plugin")
	t=$(km_now)
	km_log "make prepare in $kdir (KCFLAGS=$kcflags)"
	km_make "$kdir" KCFLAGS="$kcflags" prepare || km_die "make prepare failed in $kdir"
	km_log "prepare took $(km_since "$t") s"
	t=$(km_now)
	km_log "make $sub/ with the plugin"
	km_make "$kdir" KCFLAGS="$kcflags" "$sub/" || km_die "make $sub/ failed in $kdir"
	KM_BUILD_OBJECTS=$(km_objects "$kdir" "$sub")
	[ -n "$KM_BUILD_OBJECTS" ] || km_die "building $sub/ produced no object from a .c file (is it enabled in $kdir/.config?)"
	missing=$(km_missing_sidecars "$kdir" $KM_BUILD_OBJECTS)
	if [ -n "$missing" ]; then
		# Objects that were up to date from an earlier build, their
		# sidecars since removed: compile them once more.
		km_log "recompiling $(echo "$missing" | wc -l) object(s) whose sidecar is missing"
		(cd "$kdir" && rm -f $missing)
		km_make "$kdir" KCFLAGS="$kcflags" "$sub/" || km_die "make $sub/ failed in $kdir"
		missing=$(km_missing_sidecars "$kdir" $KM_BUILD_OBJECTS)
		[ -z "$missing" ] || km_die "no sidecar for: $(echo $missing)"
	fi
	km_log "$sub/ took $(km_since "$t") s: $(echo "$KM_BUILD_OBJECTS" | wc -l) objects from .c files, each with its sidecar"
}

# km_clean_objects KDIR KSUBDIR: remove what building KSUBDIR/ made (objects
# from .c files, their sidecars, the archives), so the next build compiles
# everything again. Objects of other directories are included (virt/kvm/).
km_clean_objects()
{
	local kdir=$1 sub=${2%/} o
	for o in $(km_objects "$kdir" "$sub"); do
		rm -f "$kdir/$o" "$kdir/$o.kmetrics" "$kdir/$o.kmetrics.graph"
	done
	find "$kdir/$sub" \( -name '*.o' -o -name '*.a' -o -name '*.kmetrics' -o -name '*.kmetrics.graph' \) \
		-type f -exec rm -f {} +
}

# km_ensure_tree KDIR: the packages a kernel build needs are installed
# (apt-get as root) and KDIR holds the extracted KM_TARBALL.
km_ensure_tree()
{
	local pkgs=$KM_DEMO_PKGS
	[ -d "$1" ] || [ -f "$KM_TARBALL" ] || pkgs="$pkgs linux-source-$KM_KVER"
	km_install_pkgs $pkgs
	[ -d "$1" ] || km_extract "$1"
}

# km_keep_installed BACKUPDIR FILE...: save the files now, put them back
# (or remove what was not there) when the calling script exits.
km_keep_installed()
{
	KM_KEEP_BACKUP=$1
	shift
	KM_KEEP_FILES="$*"
	mkdir -p "$KM_KEEP_BACKUP"
	for f in $KM_KEEP_FILES; do
		[ -e "$f" ] && cp -a "$f" "$KM_KEEP_BACKUP/$(echo "$f" | tr / _)"
	done
	trap km_restore_installed EXIT
}

km_restore_installed()
{
	for f in $KM_KEEP_FILES; do
		rm -f "$f"
		[ -e "$KM_KEEP_BACKUP/$(echo "$f" | tr / _)" ] &&
			cp -a "$KM_KEEP_BACKUP/$(echo "$f" | tr / _)" "$f"
	done
	return 0
}
