# scripts/scripts.mk - what the tools' builds share, and the helpers of
# scripts/ (the generator of synthetic builds, the benchmarks' timer).
# Included by the top Makefile before each tool's .mk (scripts/*/*.mk).

MERGE_TOOLS_CFLAGS := -std=gnu11 $(CFLAGS) $(KM_WARN) -Ilib -Iscripts

$(B)/gen-synthetic: scripts/gen-synthetic.c $(B)/libkm.a | deps
	@mkdir -p $(dir $@)
	$(CC) $(MERGE_TOOLS_CFLAGS) $< $(B)/libkm.a -lm -o $@

$(B)/bench-time: scripts/bench-time.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(MERGE_TOOLS_CFLAGS) $< -o $@

# In a recipe: S of bench-time's file $(1) ("seconds=S maxrss_mib=M"), and
# the ratio of file $(1)'s seconds to file $(2)'s (the limit measured beside it).
bench_seconds = $$(sed 's/.*seconds=\([0-9.]*\).*/\1/' $(1))
bench_ratio = $$(awk -v s="$(call bench_seconds,$(1))" -v l="$(call bench_seconds,$(2))" \
	'BEGIN { printf "%.1f", (l > 0 ? s / l : 0) }')
