# SPDX-License-Identifier: GPL-2.0
#
# tests/merge/hardening.sh - what an adversarial run of kmetrics-merge found
# (tracker issue 16): -o onto devices, FIFOs, symbolic links and its own
# inputs; records whose columns contradict each other; UTF-8 names in
# --labels; a companion that is there but cannot be read.
#
# Sourced by tests/merge/run.sh, whose helpers (merge, expect, expect_msg,
# pass, fail) and fixtures (golden/) it uses. The device cases need root
# (mknod); without it they print SKIP.

# -o: atomic for a regular file or a new path, written through otherwise
test_outputs() {
	rm -rf outs
	mkdir outs
	cat golden/c/c.o.kmetrics >c.cat
	# a symbolic link to a file: the link stays, its target gets the output
	: >outs/target
	ln -s target outs/link
	merge -o outs/link golden/c/c.o.kmetrics
	expect "-o through a symbolic link writes its target" 0 outs/target c.cat
	[ -L outs/link ] && pass || fail "-o through a symbolic link keeps the link"
	ln -s nothing-yet outs/dangling
	merge -o outs/dangling golden/c/c.o.kmetrics
	expect "-o through a dangling link creates its target" 0 outs/nothing-yet c.cat
	[ -L outs/dangling ] && pass || fail "-o through a dangling link keeps the link"
	# /proc/self/fd/1 (what /dev/stdout is): written through, to the pipe
	ln -s /proc/self/fd/1 outs/fd1
	("$MERGE" -o outs/fd1 golden/c/c.o.kmetrics 2>err; echo $? >outs/rc) | cat >outs/piped
	rc=$(cat outs/rc)
	expect "-o a link to /proc/self/fd/1 writes to standard output" 0 outs/piped c.cat
	[ -L outs/fd1 ] && pass || fail "-o a link to /proc/self/fd/1 keeps the link"
	# /dev/stdout itself, through a link here: a regression must not replace
	# the system's (the link would go instead); /dev/fd is a link to a /proc
	# directory, so /dev/fd/1 is found the other way
	for l in /dev/stdout /dev/fd/1; do
		ln -sf $l outs/std
		"$MERGE" -o outs/std golden/c/c.o.kmetrics >outs/redirected 2>err
		rc=$?
		expect "-o a link to $l writes where standard output goes" 0 outs/redirected c.cat
		[ -L outs/std ] && pass || fail "-o a link to $l keeps the link"
	done
	# a FIFO: written through to its reader
	mkfifo outs/fifo
	cat outs/fifo >outs/from-fifo &
	merge -o outs/fifo golden/c/c.o.kmetrics
	wait
	expect "-o a FIFO writes to its reader" 0 outs/from-fifo c.cat
	[ -p outs/fifo ] && pass || fail "-o a FIFO leaves a FIFO"
	# a directory, also through a link: an error, nothing written
	ln -s . outs/dirlink
	merge -o outs/dirlink golden/c/c.o.kmetrics
	expect_msg "-o a link to a directory is an error" 1 "outs/dirlink: Is a directory"
	# an input: read whole before it is replaced
	cp golden/a/a.o.kmetrics outs/in.kmetrics
	cat golden/a/a.o.kmetrics golden/c/c.o.kmetrics >ac.cat
	merge -o outs/in.kmetrics outs/in.kmetrics golden/c/c.o.kmetrics
	expect "-o naming an input reads it before replacing it" 0 outs/in.kmetrics ac.cat
	cp golden/a/a.o.kmetrics outs/in2.kmetrics
	ln -s in2.kmetrics outs/in2link
	merge -o outs/in2link outs/in2.kmetrics golden/c/c.o.kmetrics
	expect "-o a link to an input reads it before replacing it" 0 outs/in2.kmetrics ac.cat
	test_output_devices
}

# Device nodes made here (as root): /dev/null's and /dev/full's numbers.
test_output_devices() {
	if [ "$(id -u)" != 0 ] || ! mknod outs/null c 1 3 2>/dev/null ||
	   ! mknod outs/full c 1 7 2>/dev/null; then
		echo "SKIP: -o onto a device node (needs root and mknod)"
		return
	fi
	merge -o outs/null golden/c/c.o.kmetrics
	[ "$rc" = 0 ] && [ -c outs/null ] && pass ||
		fail "-o a character device writes through and leaves the device ($rc)"
	ls outs | grep -q '^null\.tmp' && fail "-o a device: no temporary beside it" || pass
	merge -o outs/full golden/c/c.o.kmetrics
	expect_msg "-o a device that fails the write is an error naming it" 1 \
		"outs/full: No space left on device"
	[ -c outs/full ] && pass || fail "-o a failing device leaves the device"
	ln -s null outs/nulllink
	merge -o outs/nulllink golden/c/c.o.kmetrics
	[ "$rc" = 0 ] && [ -L outs/nulllink ] && [ -c outs/null ] && pass ||
		fail "-o a link to a device writes through"
	merge -o outs/null bad-on-purpose/none.kmetrics
	[ "$rc" = 1 ] && [ -c outs/null ] && pass ||
		fail "-o a device on bad input opens nothing"
}

# Columns that contradict each other: refused with file and line
test_contradictions() {
	R=$(printf ' \357\274\232')
	mkdir -p contra
	ok="f : 1 : 1 : 8.0 : 0 : 1 : 0 : 0 : 0 : 0 : 1 : 1.0${R}0"
	for c in \
	    "C2|f : 1 : 0 : 8.0 : 0 : 1 : 0 : 0 : 0 : 0 : 1 : 1.0${R}0|field C2: 0, but cyclomatic complexity is 1 + decisions, at least 1" \
	    "C10|f : 1 : 1 : 8.0 : 0 : 1 : 0 : 0 : 0 : 0 : 0 : 1.0${R}0|field C10: 0, but nesting is 1 + levels, at least 1" \
	    "C3|f : 1 : 1 : -0.0 : 0 : 1 : 0 : 0 : 0 : 0 : 1 : 1.0${R}0|field C3: -0.0, but Halstead effort is never negative" \
	    "C3neg|f : 1 : 1 : -8.5 : 0 : 1 : 0 : 0 : 0 : 0 : 1 : 1.0${R}0|field C3: -8.5, but Halstead effort is never negative" \
	    "C11|f : 1 : 1 : 8.0 : 0 : 1 : 0 : 0 : 0 : 0 : 1 : 0.8${R}0|field C11: 0.8, but C1, C2, C3, C7 and C9 give 1.0" \
	    "C11all|f : 8 : 8 : 20000.5 : 0 : 1 : 0 : 6 : 0 : 11 : 1 : 0.19999999999999996${R}0|field C11: 0.19999999999999996, but C1, C2, C3, C7 and C9 give 0.0"; do
		name=${c%%|*}
		rest=${c#*|}
		printf '%s\n%s\n' "$ok" "${rest%%|*}" >contra/$name.kmetrics
		merge contra/$name.kmetrics
		expect_msg "a record contradicting itself ($name) is refused with file:line" 1 \
			"contra/$name.kmetrics:2: ${rest#*|}"
	done
	printf 'f : 8 : 8 : 20000.5 : 0 : 1 : 0 : 6 : 0 : 11 : 1 : 0.0%s0\n' "$R" >contra/k5.kmetrics
	merge contra/k5.kmetrics
	expect "a record crossing all five thresholds has C11 0.0" 0 out contra/k5.kmetrics
}

# --labels takes the names the plugin records, UTF-8 ones included
test_labels_utf8() {
	R=$(printf ' \357\274\232')
	mkdir -p utf8
	printf 'gr\303\266\303\237e : 1 : 1 : 8.0 : 0 : 1 : 0 : 0 : 0 : 0 : 1 : 1.0%s0\n' "$R" \
		>utf8/u.kmetrics
	printf 'gr\303\266\303\237e\n' >utf8/labels.txt
	sed 's/0$/1/' utf8/u.kmetrics >utf8/labelled
	merge --labels=utf8/labels.txt utf8/u.kmetrics
	expect "a UTF-8 function name is a label" 0 out utf8/labelled
	printf 'gr\303\266\303\237e(\n' >utf8/paren.txt
	merge --labels=utf8/paren.txt utf8/u.kmetrics
	expect_err "ASCII punctuation in a label is still no name" 1 "^utf8/paren.txt:1: not a function name"
	printf 'gr\303e\n' >utf8/broken.txt
	merge --labels=utf8/broken.txt utf8/u.kmetrics
	expect_err "a label that is not UTF-8 is no name" 1 "^utf8/broken.txt:1: not a function name"
}

# A companion that is there but cannot be read: says who read it
test_companion_unreadable() {
	mkdir -p unread
	cp golden/c/c.o.kmetrics unread/
	mkdir unread/c.o.kmetrics.graph
	for f in csv json; do
		merge --format=$f unread
		expect_msg "an unreadable companion names what read it (--format=$f)" 1 \
			"unread/c.o.kmetrics.graph: Is a directory (the companion of unread/c.o.kmetrics, read for --format=$f)"
	done
}
