#!/bin/bash
# Sidecars that cannot be written: a read-only file system, an outdir
# below a regular file, a full disk, a disk with room for the companion but
# not the sidecar, a directory where the sidecar should go. Each must be
# exactly one warning that names kmetrics, the path and the reason, the
# object still built, exit 0, nothing left behind; with
# -fplugin-arg-kmetrics-strict the same is an error and the compile fails.
#
# The file-system cases mount small tmpfs instances inside a private mount
# namespace (unshare -m), so no mount outlives the test; where mounting is
# impossible they print SKIP and only the cases without mounts run.
# Prints PASS/FAIL/SKIP lines.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "${KM_IN_NS:-}" ] && unshare -m --propagation private true 2>/dev/null; then
	KM_IN_NS=1 exec unshare -m --propagation private "$0" "$@"
fi
plugin=${KM_PLUGIN:-$top/build/kmetrics.so}
t=$top/build/robust/fail
mounts=()
cleanup() {
	local m
	for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
}
trap cleanup EXIT
for m in "$t"/*/; do umount "$m" 2>/dev/null; done	# from an interrupted run
rm -rf "$t"
mkdir -p "$t/sub"
cd "$t" || exit 1

ok() { echo "PASS: fail: $1"; }
bad() { echo "FAIL: fail: $1"; [ -f err ] && sed 's/^/    /' err | head -5; }
# mnt DIR OPTIONS: a tmpfs on DIR; 1 when mounting is impossible
mnt() {
	mkdir -p "$1"
	mount -t tmpfs -o "$2" tmpfs "$1" 2>/dev/null || return 1
	mounts+=("$1")
}
# nothing_left DIR [KEEP]: DIR holds no sidecar, companion or temporary
nothing_left() {
	[ -z "$(ls -A "$1" | grep -vx "${2:-}")" ]
}

printf 'int f(int a)\n{\n\treturn a + 1;\n}\n' >f.c
"$top/tests/robust/gen_big.sh" big 3000 >big.c

# expect_warning NAME OBJECT PATH REASON GCC_ARGS...: compile, then check
# the outcome of a sidecar that cannot be written to PATH (a prefix of the
# path the warning must name) for REASON
expect_warning() {
	local name=$1 obj=$2 path=$3 reason=$4 rc w
	shift 4
	rm -f "$obj"
	gcc -O0 -fplugin="$plugin" "$@" -o "$obj" 2>err
	rc=$?
	[ -n "${KM_VERBOSE:-}" ] && sed "s/^/    /" err
	w=$(grep -c 'warning:' err)
	if [ "$rc" != 0 ]; then bad "$name: exit status $rc"
	elif [ ! -s "$obj" ]; then bad "$name: no object"
	elif [ "$w" != 1 ] || grep -q 'error:' err; then bad "$name: $w warnings, expected 1"
	elif ! grep -q "warning: kmetrics: .*$path.*: $reason" err; then
		bad "$name: the warning does not name $path and '$reason'"
	else ok "$name"; fi
}

# expect_error NAME OBJECT ARGS...: with strict, the same is an error
expect_error() {
	local name=$1 obj=$2 rc
	shift 2
	gcc -O0 -fplugin="$plugin" -fplugin-arg-kmetrics-strict "$@" -o "$obj" 2>err
	rc=$?
	if [ "$rc" = 0 ]; then bad "$name: exit status 0 with strict"
	elif ! grep -q 'error: kmetrics: cannot write' err; then bad "$name: no kmetrics error"
	else ok "$name"; fi
}

# -- no mount needed: the outdir lies below a regular file (ENOTDIR)
: >afile
expect_warning "outdir below a regular file: one warning, object built" f.o \
	"$t/afile/out/f.o.kmetrics" "Not a directory" \
	-fplugin-arg-kmetrics-outdir="$t/afile/out" -c f.c
expect_error "outdir below a regular file, strict: an error" f.o \
	-fplugin-arg-kmetrics-outdir="$t/afile/out" -c f.c

# -- a directory stands where the sidecar goes (rename fails)
mkdir -p dir/s.o.kmetrics
expect_warning "a directory in the sidecar's place: one warning" dir/s.o \
	"dir/s.o.kmetrics" "Is a directory" -c f.c
if [ -e dir/s.o.kmetrics.graph ] || ls dir | grep -q '\.tmp\.'; then
	bad "a directory in the sidecar's place: companion or temporary left behind"
else ok "a directory in the sidecar's place: nothing left behind"; fi

# -- read-only file system
if mnt ro size=64k,ro; then
	expect_warning "read-only outdir: one warning, object built" f.o \
		"$t/ro/f.o.kmetrics" "Read-only file system" \
		-fplugin-arg-kmetrics-outdir="$t/ro" -c f.c
	expect_warning "read-only outdir, mirrored subdirectory: the reason is the read-only fs" \
		sub/f.o "$t/ro/sub/f.o.kmetrics" "Read-only file system" \
		-fplugin-arg-kmetrics-outdir="$t/ro" -c f.c
	expect_error "read-only outdir, strict: an error" f.o \
		-fplugin-arg-kmetrics-outdir="$t/ro" -c f.c
else
	echo "SKIP: fail: read-only file system (cannot mount a tmpfs here)"
fi

# -- full disk: nothing fits
if mnt full size=64k; then
	dd if=/dev/zero of=full/fill bs=4k 2>/dev/null
	expect_warning "full disk: one warning, object built" f.o \
		"$t/full/f.o.kmetrics" "No space left on device" \
		-fplugin-arg-kmetrics-outdir="$t/full" -c f.c
	if nothing_left full fill; then ok "full disk: nothing left behind"
	else bad "full disk: left behind: $(ls full | grep -vx fill | tr '\n' ' ')"; fi
	expect_warning "full disk, large sidecar torn mid-write: one warning" big.o \
		"$t/full/big.o.kmetrics" "No space left on device" \
		-fplugin-arg-kmetrics-outdir="$t/full" -c big.c
	if nothing_left full fill; then ok "full disk, large sidecar: nothing left behind"
	else bad "full disk, large sidecar: left behind: $(ls full | grep -vx fill | tr '\n' ' ')"; fi
	expect_error "full disk, strict: an error" f.o \
		-fplugin-arg-kmetrics-outdir="$t/full" -c f.c
else
	echo "SKIP: fail: full disk (cannot mount a tmpfs here)"
fi

# -- room for the companion, not for the sidecar: no companion may stay
gcc -O0 -fplugin="$plugin" -fplugin-arg-kmetrics-outdir="$t/sizes" -c big.c -o big.o
side=$(stat -c %s sizes/big.o.kmetrics 2>/dev/null || echo 0)
comp=$(stat -c %s sizes/big.o.kmetrics.graph 2>/dev/null || echo 0)
# room for the companion and half the sidecar; the 8k of slack and the
# tmpfs pages must stay well below that half
if [ "$comp" = 0 ] || [ "$side" -lt 65536 ]; then
	bad "half disk: the sidecar ($side bytes) is too small to tell half of it from the slack"
elif mnt half size=$(((comp + side / 2) / 1024 + 8))k; then
	expect_warning "room for the companion only: one warning" big.o \
		"$t/half/big.o.kmetrics" "No space left on device" \
		-fplugin-arg-kmetrics-outdir="$t/half" -c big.c
	if nothing_left half; then ok "room for the companion only: no companion without sidecar"
	else bad "room for the companion only: left behind: $(ls half | tr '\n' ' ')"; fi
else
	echo "SKIP: fail: room for the companion only (cannot mount a tmpfs here)"
fi
exit 0
