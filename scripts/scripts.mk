# The merge tool, its tests and its benchmark (issue 3).
#
#   make build/kmetrics-merge
#   make check-graph          lib/graph.c unit suite (Check)
#   make check-merge          golden tests of kmetrics-merge (tests/merge/run.sh)
#   make check-merge-valgrind the same inputs under valgrind
#   make bench-merge          --scope=build over a synthetic build of 1M functions,
#                             as seed records and as an SQLite database

MERGE_SRCS := $(wildcard scripts/merge/*.c)
MERGE_TOOLS_CFLAGS := -std=gnu11 $(CFLAGS) $(KM_WARN) -Ilib -Iscripts

$(B)/kmetrics-merge: $(MERGE_SRCS) scripts/merge/*.h $(B)/libkmhist.a $(B)/libkm.a | deps
	@mkdir -p $(dir $@)
	$(CC) $(MERGE_TOOLS_CFLAGS) -Iscripts/merge $(MERGE_SRCS) $(B)/libkmhist.a $(B)/libkm.a \
		$(LDFLAGS) -lgit2 -lsqlite3 -lm -lpthread -o $@

$(B)/gen-synthetic: scripts/gen-synthetic.c $(B)/libkm.a | deps
	@mkdir -p $(dir $@)
	$(CC) $(MERGE_TOOLS_CFLAGS) $< $(B)/libkm.a -lm -o $@

$(B)/bench-time: scripts/bench-time.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(MERGE_TOOLS_CFLAGS) $< -o $@

$(B)/tests/unit/test_graph: tests/unit/test_graph.c $(B)/libkm.a | deps
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 $(CFLAGS) $(KM_WARN) -Ilib $< $(B)/libkm.a \
		$$(pkg-config --cflags --libs check) -o $@

.PHONY: check-graph check-merge check-merge-valgrind bench-merge
check-graph: $(B)/tests/unit/test_graph
	$(B)/tests/unit/test_graph

check-merge: $(B)/kmetrics-merge $(B)/gen-synthetic
	tests/merge/run.sh $(B)/kmetrics-merge $(B)/gen-synthetic

check-merge-valgrind: $(B)/kmetrics-merge
	KM_MERGE_VALGRIND=1 tests/merge/run.sh $(B)/kmetrics-merge

# The synthetic build is made again only when the generator changed.
BENCH_N := 1000000
$(B)/bench/synthetic.stamp: $(B)/gen-synthetic
	rm -rf $(B)/bench/synthetic
	$(B)/gen-synthetic $(BENCH_N) $(B)/bench/synthetic
	touch $@

bench-merge: $(B)/kmetrics-merge $(B)/bench-time $(B)/bench/synthetic.stamp
	@$(B)/bench-time $(B)/bench/merge-scale.time $(B)/kmetrics-merge --scope=build \
		-o $(B)/bench/merge-scale.out $(B)/bench/synthetic
	@echo "merge-scale: functions=$$(wc -l < $(B)/bench/merge-scale.out) $$(cat $(B)/bench/merge-scale.time)"
	@rm -f $(B)/bench/merge-sqlite.db
	@$(B)/bench-time $(B)/bench/merge-sqlite.time $(B)/kmetrics-merge --scope=build \
		--format=sqlite -o $(B)/bench/merge-sqlite.db $(B)/bench/synthetic
	@echo "merge-sqlite: functions=$$(sqlite3 $(B)/bench/merge-sqlite.db 'select count(*) from functions') $$(cat $(B)/bench/merge-sqlite.time)"

CHECK_TARGETS += check-graph check-merge check-merge-valgrind
BENCH_TARGETS += bench-merge

# kmetrics-diff (issue 12): a thin main over lib/dataset*.c and lib/diff*.c.
DIFF_SRCS := $(wildcard scripts/diff/*.c)

$(B)/kmetrics-diff: $(DIFF_SRCS) scripts/diff/*.h $(B)/libkm.a | deps
	@mkdir -p $(dir $@)
	$(CC) $(MERGE_TOOLS_CFLAGS) -Iscripts/diff $(DIFF_SRCS) $(B)/libkm.a $(LDFLAGS) -lsqlite3 -lm -o $@
