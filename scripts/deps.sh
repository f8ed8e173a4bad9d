#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/deps.sh - the one place that installs the Debian packages kmetrics
# needs (make deps runs it, and so does every test or script that needs a
# package of its own).
#
#   scripts/deps.sh [--or-skip=WHAT] NEED...
#
# NEED is a group or a Debian package's name. What is missing is installed
# with apt-get when run as root, else the command to run is printed and the
# exit status is 1, nothing installed. With --or-skip=WHAT, another user is
# told that WHAT is skipped, and the status is 0.
#
# Installs never race: one deps.sh at a time installs (flock on
# /var/lib/dpkg), and apt-get waits for dpkg's lock (another apt-get on the
# machine) instead of failing.
#
# Groups (`scripts/deps.sh --list NEED...` prints the packages):
#   build      what make builds with: gcc, g++, make, GCC's plugin headers,
#              pkg-config, libgit2-dev, libsqlite3-dev, zlib1g-dev, Node.js
#              and npm (kmetrics-report's page)
#   check      what make check needs beyond build: the Check library,
#              valgrind, git, sqlite3, locales, chromium, ccache, distcc,
#              the other compilers, GCC's and csmith's sources, and what
#              kernel-x86 and kernel-arm64 need; linux-source-6.1 and 6.12
#              unless their trees are extracted under build/
#   kernel-x86, kernel-arm64   what a kernel build needs (make demo, ARCH=arm64)
#   kernel-clang   what a kernel built by Debian's clang-14 needs (make demo
#              LLVM=1, either architecture: clang cross-compiles itself;
#              LLVM=-14 links with ld.lld-14 and archives with llvm-ar-14)
#              and the Clang plugin's headers
set -u

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Why each package: the build needs gcc-12-plugin-dev (GCC's plugin
# headers), libgit2-dev (kmetrics-merge --history and --label-fixes read
# git objects and run git's xdiff in process), libsqlite3-dev
# (--format=sqlite, SQLite datasets as input), zlib1g-dev (kmetrics-report
# deflates its page's data blocks), nodejs and npm (npm ci of
# kmetrics-report's page, scripts/report/report.mk). make check adds check
# and pkg-config (unit tests), valgrind (the *-valgrind tests), git (--git,
# the history tests), python3-jsonschema (SARIF against its schema), patch
# (diff-demo), sqlite3 (its CLI reads the databases), locales (a ','
# decimal point for the float test), man-db (check-man renders the pages),
# chromium (the report's page), ccache and distcc (embedded records),
# gcc-11-plugin-dev and the aarch64 cross compiler's (the plugin under
# every GCC), gcc-12-source, csmith and libcsmith-dev (check-robust's
# corpus), clang-14 and its -dev packages (check-oracle's Clang plugin,
# tests/oracle/oracle.mk), and a kernel build's packages (with clang-14's
# lld-14 and llvm-14: the kernel tests built by Clang, check-kernel-clang).
GROUP_build="gcc g++ make gcc-12-plugin-dev pkg-config libgit2-dev libsqlite3-dev zlib1g-dev nodejs npm"
GROUP_kernel_x86="make gcc g++ bc flex bison libelf-dev libssl-dev xz-utils tar"
GROUP_kernel_arm64="$GROUP_kernel_x86 gcc-12-plugin-dev-aarch64-linux-gnu
	binutils-aarch64-linux-gnu"
GROUP_kernel_clang="$GROUP_kernel_x86 clang-14 lld-14 llvm-14 libclang-14-dev llvm-14-dev"
GROUP_check="check pkg-config valgrind git python3-jsonschema patch sqlite3 locales man-db
	chromium ccache distcc gcc-11-plugin-dev gcc-12-source csmith libcsmith-dev
	libclang-cpp14-dev $GROUP_kernel_arm64 $GROUP_kernel_clang"

die() { echo "kmetrics: $*" >&2; exit 1; }

# installed PKG: whether PKG is there. A command the tests run from PATH is
# looked for there (npm and node may come from elsewhere than Debian; the
# tests import jsonschema into the python3 they find); the rest dpkg says.
installed()
{
	case $1 in
	npm) command -v npm >/dev/null ;;
	nodejs) command -v node >/dev/null ;;
	python3-jsonschema) python3 -c 'import jsonschema' 2>/dev/null ;;
	*) [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ] ;;
	esac
}

# the kernel sources make check extracts, unless their trees are there
check_sources()
{
	local b=$REPO/build
	[ -d "$b/linux-source-6.1" ] && [ -d "$b/linux-arm64-6.1" ] && [ -d "$b/linux-kbuild-6.1" ] &&
		[ -d "$b/linux-clang-6.1" ] && [ -d "$b/linux-clang-arm64-6.1" ] || echo linux-source-6.1
	[ -d "$b/linux-source-6.12" ] || echo linux-source-6.12
}

# expand NEED...: the packages, groups expanded, each once, in order
expand()
{
	local n
	for n in "$@"; do
		case $n in
		build) echo $GROUP_build ;;
		check) echo $GROUP_check; check_sources ;;
		kernel-x86) echo $GROUP_kernel_x86 ;;
		kernel-arm64) echo $GROUP_kernel_arm64 ;;
		kernel-clang) echo $GROUP_kernel_clang ;;
		*) echo "$n" ;;
		esac
	done | tr ' \t' '\n\n' | awk 'NF && !seen[$0]++'
}

missing()
{
	local p
	for p in "$@"; do
		installed "$p" || echo "$p"
	done
}

# apt_get ARGS...: apt-get, waiting for dpkg's lock; its output only when it fails
apt_get()
{
	local log rc
	log=$(mktemp) || die "cannot create a temporary file"
	DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=900 "$@" >"$log" 2>&1
	rc=$?
	[ $rc = 0 ] || tail -n 20 "$log" >&2
	rm -f "$log"
	return $rc
}

install_missing()
{
	local todo
	exec 9</var/lib/dpkg || die "cannot open /var/lib/dpkg"
	flock 9 || die "cannot lock /var/lib/dpkg"
	# another deps.sh may have installed them while we waited
	todo=$(missing "$@")
	[ -n "$todo" ] || return 0
	echo "kmetrics: installing" $todo
	apt_get update || apt_get update || die "apt-get update failed"
	apt_get install $todo || die "apt-get install" $todo "failed"
	exec 9<&-
}

skip= list=
case ${1-} in
--or-skip=*) skip=${1#--or-skip=}; shift ;;
--list) list=1; shift ;;
esac
[ $# -gt 0 ] || { echo "usage: scripts/deps.sh [--or-skip=WHAT] NEED..." >&2; exit 2; }

for n in "$@"; do
	case $n in
	-*|*[!a-z0-9.+-]*) echo "kmetrics: deps.sh: '$n' is no group nor package name" >&2; exit 2 ;;
	esac
done
pkgs=$(expand "$@")
[ -z "$list" ] || { echo "$pkgs"; exit 0; }
todo=$(missing $pkgs)
[ -n "$todo" ] || exit 0
if [ "$(id -u)" = 0 ]; then
	install_missing $todo
elif [ -n "$skip" ]; then
	echo "kmetrics: $skip skipped: missing" $todo "(sudo apt-get install" $todo")"
else
	die "missing Debian packages; run: sudo apt-get install -y" $todo
fi
