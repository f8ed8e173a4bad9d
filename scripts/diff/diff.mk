# scripts/diff/diff.mk - kmetrics-diff (issue 12): a thin main over lib/dataset/
# and lib/diff/; its tests: tests/diff/diff.mk. Included by the top Makefile.

DIFF_SRCS := $(wildcard scripts/diff/*.c)

$(B)/kmetrics-diff: $(DIFF_SRCS) scripts/diff/*.h $(B)/libkm.a $(B)/libkmhist.a | deps
	@mkdir -p $(dir $@)
	$(CC) $(MERGE_TOOLS_CFLAGS) -Iscripts/diff $(DIFF_SRCS) $(B)/libkm.a $(B)/libkmhist.a $(LDFLAGS) -lgit2 -lsqlite3 -lm -o $@
