# scripts/merge/merge.mk - kmetrics-merge (issue 3) and its benchmark; its
# tests: tests/merge/merge.mk. Included by the top Makefile.
#
#   make build/kmetrics-merge
#   make bench-merge          --scope=build over a synthetic build of 1M functions,
#                             as seed records and as an SQLite database, against
#                             the limit of any merge: reading the same sidecars
#                             and companions once (cat_seconds; ratio = seconds /
#                             cat_seconds)

MERGE_SRCS := $(wildcard scripts/merge/*.c)

$(B)/kmetrics-merge: $(MERGE_SRCS) scripts/merge/*.h $(B)/libkmhist.a $(B)/libkm.a | deps
	@mkdir -p $(dir $@)
	$(CC) $(MERGE_TOOLS_CFLAGS) -Iscripts/merge $(MERGE_SRCS) $(B)/libkmhist.a $(B)/libkm.a \
		$(LDFLAGS) -lgit2 -lsqlite3 -lm -lpthread -o $@

# The synthetic build is made again only when the generator changed.
BENCH_N := 1000000
$(B)/bench/synthetic.stamp: $(B)/gen-synthetic
	rm -rf $(B)/bench/synthetic
	$(B)/gen-synthetic $(BENCH_N) $(B)/bench/synthetic
	touch $@

.PHONY: bench-merge
bench-merge: $(B)/kmetrics-merge $(B)/bench-time $(B)/bench/synthetic.stamp
	@$(B)/bench-time $(B)/bench/merge-cat.time sh -c \
		'find "$$1" -type f -print0 | xargs -0 cat >/dev/null' sh $(B)/bench/synthetic
	@$(B)/bench-time $(B)/bench/merge-scale.time $(B)/kmetrics-merge --scope=build \
		-o $(B)/bench/merge-scale.out $(B)/bench/synthetic
	@echo "merge-scale: functions=$$(wc -l < $(B)/bench/merge-scale.out) $$(cat $(B)/bench/merge-scale.time)" \
		"cat_seconds=$(call bench_seconds,$(B)/bench/merge-cat.time)" \
		"ratio=$(call bench_ratio,$(B)/bench/merge-scale.time,$(B)/bench/merge-cat.time)"
	@rm -f $(B)/bench/merge-sqlite.db
	@$(B)/bench-time $(B)/bench/merge-sqlite.time $(B)/kmetrics-merge --scope=build \
		--format=sqlite -o $(B)/bench/merge-sqlite.db $(B)/bench/synthetic
	@echo "merge-sqlite: functions=$$(sqlite3 $(B)/bench/merge-sqlite.db 'select count(*) from functions') $$(cat $(B)/bench/merge-sqlite.time)"

BENCH_TARGETS += bench-merge
