#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tests/fresh/run.sh - make check-fresh: the README's two commands, and the
# Debian packages, on fresh Debian 12 roots made by mmdebstrap from a clone
# of HEAD (commit first: what is not committed is not tested). Downloads
# packages, takes an hour or more on 2 cores: not part of make check.
#
#   tests/fresh/run.sh [PHASE...]     (default: user demo-check check deb)
#
#   user        root A, another user (kmuser, with its own clone): make demo
#               and make check each exit non-zero, say what to install
#               (`sudo apt-get install ...`), install nothing, build nothing
#   demo-check  root A, as root: make demo, then make check
#   check       root B, as root: make -j2 check alone
#   deb         root C: apt-get build-dep, dpkg-buildpackage -us -uc -b and
#               lintian; root D: apt-get install ./*.deb, then a kernel's
#               arch/x86/kvm built with KCFLAGS=-fplugin=kmetrics,
#               kmetrics-merge --scope=build and kmetrics-report on it
#
# Each command's result and minutes are printed and kept in
# build/fresh/summary.txt; logs in build/fresh/. Roots are removed when
# done (KM_FRESH_KEEP=1 keeps them). Runs as root (mmdebstrap, chroot).
set -u
REPO=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$REPO/tests/fresh
WORK=${KM_FRESH_WORK:-$REPO/build/fresh}
SUMMARY=$WORK/summary.txt
. "$HERE/lib.sh"

[ "$(id -u)" = 0 ] || fr_die "run as root (mmdebstrap and chroot)"
command -v mmdebstrap >/dev/null || fr_die "mmdebstrap is missing (make check-fresh installs it)"
mkdir -p "$WORK"
: >"$SUMMARY"
FAIL=0
ROOTS=
trap 'for r in $ROOTS; do fr_umount "$r"; done' EXIT

# done_with ROOT: remove it unless KM_FRESH_KEEP
done_with()
{
	if [ -n "${KM_FRESH_KEEP:-}" ]; then
		fr_umount "$1"
		echo "check-fresh: kept $1"
	else
		fr_remove "$1"
	fi
}

# root_a_for_user: another user's make demo and make check
phase_user()
{
	local root=$1 cmd before after log
	id_in_root() { chroot "$root" id -u kmuser >/dev/null 2>&1; }
	id_in_root || chroot "$root" useradd -m -s /bin/sh kmuser || fr_die "useradd failed"
	fr_clone "$root" /home/kmuser/kmetrics kmuser
	before=$(fr_packages "$root")
	for cmd in "make demo" "make check"; do
		log=$WORK/$(basename "$root")-user-${cmd#make }.log
		if fr_run "$root" kmuser /home/kmuser/kmetrics "$log" "$cmd"; then
			fr_say "$(basename "$root"): kmuser: $cmd: FAILED: passed without the packages"
			FAIL=1
		elif ! grep -q 'run: sudo apt-get install -y ' "$log"; then
			fr_say "$(basename "$root"): kmuser: $cmd: FAILED: does not say what to install (log: $log)"
			FAIL=1
		else
			fr_say "$(basename "$root"): kmuser: $cmd: stops (exit non-zero) and says:" \
				"$(grep -o 'run: sudo apt-get install -y .*' "$log" | cut -c1-72)..."
		fi
	done
	after=$(fr_packages "$root")
	if [ "$before" = "$after" ]; then
		fr_say "$(basename "$root"): kmuser: installed nothing ($(echo "$before" | wc -l) packages before and after)"
	else
		fr_say "$(basename "$root"): kmuser: FAILED: the packages changed"
		FAIL=1
	fi
	if [ -e "$root/home/kmuser/kmetrics/build" ]; then
		fr_say "$(basename "$root"): kmuser: FAILED: build/ was made"
		FAIL=1
	fi
}

phase_demo_check()
{
	local root=$1
	[ -d "$root/root/kmetrics" ] || fr_clone "$root" /root/kmetrics
	fr_timed "$root" root /root/kmetrics demo "make demo" || FAIL=1
	fr_timed "$root" root /root/kmetrics check "make check" || FAIL=1
}

phase_check()
{
	local root=$WORK/root-b
	ROOTS="$ROOTS $root"
	fr_make_root "$root"
	fr_clone "$root" /root/kmetrics
	fr_timed "$root" root /root/kmetrics check-j2 "make -j2 check" || FAIL=1
	done_with "$root"
}

phase_deb()
{
	local build=$WORK/root-c use=$WORK/root-d debs=$WORK/debs
	ROOTS="$ROOTS $build $use"
	fr_make_root "$build"
	fr_clone "$build" /root/kmetrics
	fr_timed "$build" root /root/kmetrics build-dep \
		"apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get build-dep -y -q ./" || FAIL=1
	fr_timed "$build" root /root/kmetrics dpkg-buildpackage "dpkg-buildpackage -us -uc -b" || FAIL=1
	fr_timed "$build" root /root lintian \
		"DEBIAN_FRONTEND=noninteractive apt-get install -y -q lintian >/dev/null &&
		 lintian --fail-on error --display-info ./*.changes" || FAIL=1
	sed -n 's/^/    /p' "$WORK/root-c-lintian.log" | tail -n 40
	rm -rf "$debs"
	mkdir -p "$debs"
	cp "$build"/root/*.deb "$debs/" 2>/dev/null || { fr_say "root-c: FAILED: no .deb built"; FAIL=1; }
	done_with "$build"
	[ -n "$(ls "$debs")" ] || return

	fr_make_root "$use"
	mkdir -p "$use/root/debs"
	cp "$debs"/*.deb "$use/root/debs/"
	fr_timed "$use" root /root/debs install \
		"apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q ./*.deb" || FAIL=1
	cp "$HERE/kvm.sh" "$use/root/kvm.sh"
	fr_timed "$use" root /root kvm "sh /root/kvm.sh" || FAIL=1
	sed -n '/^kvm:/p' "$WORK/root-d-kvm.log" | tee -a "$SUMMARY"
	done_with "$use"
}

phases=${*:-user demo-check check deb}
for p in $phases; do
	case $p in
	user|demo-check)
		root=$WORK/root-a
		case " $ROOTS " in
		*" $root "*) ;;
		*) ROOTS="$ROOTS $root"; fr_make_root "$root" ;;
		esac
		if [ $p = user ]; then phase_user "$root"; else phase_demo_check "$root"; fi
		;;
	check) phase_check ;;
	deb) phase_deb ;;
	*) fr_die "unknown phase '$p' (user, demo-check, check, deb)" ;;
	esac
done
case " $ROOTS " in *" $WORK/root-a "*) done_with "$WORK/root-a" ;; esac

echo "check-fresh: ---- summary (build/fresh/summary.txt) ----"
cat "$SUMMARY"
[ $FAIL = 0 ] && echo "check-fresh: passed" || echo "check-fresh: FAILED"
exit $FAIL
