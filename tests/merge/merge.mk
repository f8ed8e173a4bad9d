# tests/merge/merge.mk - kmetrics-merge's tests. Included by the top Makefile.
#
#   make check-merge          golden tests of kmetrics-merge (tests/merge/run.sh)
#   make check-merge-valgrind the same inputs under valgrind

.PHONY: check-merge check-merge-valgrind
check-merge: $(B)/kmetrics-merge $(B)/gen-synthetic
	tests/merge/run.sh $(B)/kmetrics-merge $(B)/gen-synthetic

check-merge-valgrind: $(B)/kmetrics-merge
	KM_MERGE_VALGRIND=1 tests/merge/run.sh $(B)/kmetrics-merge

CHECK_TARGETS += check-merge check-merge-valgrind
