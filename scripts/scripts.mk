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
