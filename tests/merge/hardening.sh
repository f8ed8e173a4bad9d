# SPDX-License-Identifier: GPL-2.0
#
# tests/merge/hardening.sh - what an adversarial run of kmetrics-merge found
# (tracker issue 16): records whose columns contradict each other; UTF-8
# names in --labels; a companion that is there but cannot be read.
#
# Sourced by tests/merge/run.sh, whose helpers (merge, expect, expect_msg,
# pass, fail) and fixtures (golden/) it uses.

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
