# kmetrics-diff's tests (issue 12) - included by the top Makefile after the
# kernel's tests, whose prepared tree the kernel recipe reuses.
#
#   make check-diff           tests/lib/diff/test_diff.c (Check: lib/dataset/
#                             and lib/diff/) and tests/diff/run.sh: hand-made
#                             versions, the gate, SARIF against the 2.1.0
#                             schema, bad input
#   make check-diff-valgrind  the same under valgrind
#   make check-diff-kernel    the kvm recipe checked (tests/diff/kernel.sh)
#   make diff-demo            the kvm recipe, printed (scripts/diff-demo.sh)

.PHONY: check-diff check-diff-valgrind check-diff-kernel diff-demo

KM_DIFF_ENV := KM_PLUGIN="$(abspath $(B)/kmetrics.so)" \
	KM_MERGE="$(abspath $(B)/kmetrics-merge)" KM_DIFF="$(abspath $(B)/kmetrics-diff)"

check-diff: $(B)/tests/lib/diff/test-diff $(B)/kmetrics-diff $(B)/kmetrics-merge
	$(B)/tests/lib/diff/test-diff
	tests/diff/run.sh $(B)/kmetrics-diff $(B)/kmetrics-merge

check-diff-valgrind: $(B)/kmetrics-diff $(B)/kmetrics-merge
	KM_DIFF_VALGRIND=1 tests/diff/run.sh $(B)/kmetrics-diff $(B)/kmetrics-merge

check-diff-kernel: $(B)/kmetrics.so $(B)/kmetrics-merge $(B)/kmetrics-diff
	$(KM_DIFF_ENV) tests/diff/kernel.sh

diff-demo: $(B)/kmetrics.so $(B)/kmetrics-merge $(B)/kmetrics-diff
	$(KM_DIFF_ENV) scripts/diff-demo.sh

CHECK_TARGETS += check-diff check-diff-valgrind check-diff-kernel
