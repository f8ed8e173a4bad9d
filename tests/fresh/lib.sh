# SPDX-License-Identifier: GPL-2.0
# tests/fresh/lib.sh - fresh Debian 12 roots for tests/fresh/run.sh: make
# one with mmdebstrap, clone HEAD into it, run a command in it as root or
# as another user with a clean environment, timed, and take it down.
#
# Source it after setting REPO (the repository), WORK (where roots and logs
# go) and SUMMARY (the file each result line is appended to).

: "${KM_FRESH_SUITE:=bookworm}"
: "${KM_FRESH_MIRROR:=http://deb.debian.org/debian}"
: "${KM_FRESH_SECURITY:=http://deb.debian.org/debian-security}"
# What a user has who types `make`: make itself (minbase has no compiler,
# no git, no certificates: deps installs what kmetrics needs).
: "${KM_FRESH_INCLUDE:=make}"

fr_say() { echo "check-fresh: $*" | tee -a "$SUMMARY"; }
fr_die() { echo "check-fresh: error: $*" >&2; exit 1; }
fr_now() { date +%s; }
fr_minutes() { awk -v s="$(( $(fr_now) - $1 ))" 'BEGIN { printf "%.1f", s / 60 }'; }

# fr_mounted ROOT: the mount points at or below ROOT, deepest first
fr_mounted()
{
	awk -v r="$1" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/mounts | sort -r
}

fr_umount()
{
	local m
	for m in $(fr_mounted "$1"); do
		umount "$m" 2>/dev/null || umount -l "$m"
	done
}

# fr_remove ROOT: unmount, then delete; never deletes through a mount
fr_remove()
{
	[ -d "$1" ] || return 0
	fr_umount "$1"
	[ -z "$(fr_mounted "$1")" ] || fr_die "$1 still has mounts; not removing it"
	rm -rf --one-file-system "$1"
}

# fr_make_root ROOT: a Debian 12 root as a fresh install has it: bookworm,
# its updates and security suites, minbase plus KM_FRESH_INCLUDE; the host's
# local CA certificates and resolver, which belong to this network (an
# intercepting proxy's CA), not to Debian.
fr_make_root()
{
	local root=$1 log=$WORK/$(basename "$1")-mmdebstrap.log t
	fr_remove "$root"
	t=$(fr_now)
	mmdebstrap --variant=minbase --include="$KM_FRESH_INCLUDE" "$KM_FRESH_SUITE" "$root" \
		"deb $KM_FRESH_MIRROR $KM_FRESH_SUITE main" \
		"deb $KM_FRESH_MIRROR $KM_FRESH_SUITE-updates main" \
		"deb $KM_FRESH_SECURITY $KM_FRESH_SUITE-security main" >"$log" 2>&1 ||
		{ tail -n 20 "$log"; fr_die "mmdebstrap failed (log: $log)"; }
	if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
		mkdir -p "$root/usr/local/share/ca-certificates"
		cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
	fi
	cp -L /etc/resolv.conf "$root/etc/resolv.conf"
	mount -t proc proc "$root/proc"
	mount -t sysfs sysfs "$root/sys"
	mount --bind /dev "$root/dev"
	mount --bind /dev/pts "$root/dev/pts"
	mount -t tmpfs tmpfs "$root/dev/shm"
	fr_say "$(basename "$root"): Debian $(cat "$root/etc/debian_version") root made by mmdebstrap" \
		"(minbase + $KM_FRESH_INCLUDE) in $(fr_minutes "$t") min"
}

# fr_clone ROOT DIR [OWNER]: a clone of HEAD at ROOT/DIR, as a user's would be
fr_clone()
{
	local root=$1 dir=$2 owner=${3:-}
	git clone -q --no-local "$REPO" "$root$dir" &&
		git -C "$root$dir" checkout -q --detach "$(git -C "$REPO" rev-parse HEAD)" ||
		fr_die "cannot clone $REPO into $root$dir"
	[ -z "$owner" ] || chroot "$root" chown -R "$owner:$owner" "$dir"
}

# fr_run ROOT USER DIR LOG CMD: CMD in DIR inside ROOT as USER, with only
# HOME, PATH, USER, LOGNAME and SHELL set; its output in LOG. Returns CMD's status.
fr_run()
{
	local root=$1 user=$2 dir=$3 log=$4 cmd=$5 home=/root
	[ "$user" = root ] || home=/home/$user
	chroot --userspec="$user:$user" "$root" /usr/bin/env -i HOME="$home" USER="$user" \
		LOGNAME="$user" SHELL=/bin/sh PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		/bin/sh -c "cd '$dir' && $cmd" </dev/null >"$log" 2>&1
}

# fr_timed ROOT USER DIR NAME CMD: fr_run, and a line with the result and minutes
fr_timed()
{
	local root=$1 user=$2 dir=$3 name=$4 cmd=$5 t rc log
	log=$WORK/$(basename "$root")-$name.log
	t=$(fr_now)
	fr_run "$root" "$user" "$dir" "$log" "$cmd"
	rc=$?
	if [ $rc = 0 ]; then
		fr_say "$(basename "$root"): $user: $cmd: passed in $(fr_minutes "$t") min"
	else
		fr_say "$(basename "$root"): $user: $cmd: FAILED (exit $rc) after $(fr_minutes "$t") min (log: $log)"
		tail -n 30 "$log" | sed 's/^/    /'
	fi
	return $rc
}

# fr_packages ROOT: what dpkg has installed there, one a line
fr_packages()
{
	chroot "$1" dpkg-query -W -f='${Package} ${Version}\n' | sort
}
