# tests/layout/layout.mk - the layout's rules checked (README, "Layout"):
# no two files of a program call each other, no source file over 600 lines
# outside tests/, every C file and every lib/ folder says what it is for.
# Included by the top Makefile after every program's .mk.
#
#   make check-layout     tests/layout/run.sh over the objects of the plugin
#                         and of each tool (each tool's files compiled one by
#                         one under build/tests/layout/, for their symbols)

.PHONY: check-layout
LAYOUT_T := $(B)/tests/layout
LAYOUT_TOOL_SRCS := $(MERGE_SRCS) $(DIFF_SRCS) $(REPORT_SRCS)

$(LAYOUT_T)/%.o: %.c lib/*/*.h $(REPORT_JS) $(REPORT_CSS) $(REPORT_CSP) | deps
	@mkdir -p $(dir $@)
	@$(CC) $(MERGE_TOOLS_CFLAGS) -O0 -I$(dir $<) -I$(B)/report -DKM_REPORT_JS='"$(REPORT_JS)"' \
		-DKM_REPORT_CSS='"$(REPORT_CSS)"' -c $< -o $@

layout_objs = $(patsubst %.c,$(LAYOUT_T)/%.o,$(1))
LAYOUT_PLUGIN_OBJS := $(PLUGIN_SRCS:%.c=$(B)/pic/%.o) $(LIB_PIC_OBJS)
LAYOUT_MERGE_OBJS := $(call layout_objs,$(MERGE_SRCS)) $(LIB_OBJS) $(HIST_OBJS)
LAYOUT_DIFF_OBJS := $(call layout_objs,$(DIFF_SRCS)) $(LIB_OBJS)
LAYOUT_REPORT_OBJS := $(call layout_objs,$(REPORT_SRCS)) $(LIB_OBJS)

check-layout: $(KM_PLUGIN_SO) $(LAYOUT_PLUGIN_OBJS) $(LAYOUT_MERGE_OBJS) $(LAYOUT_DIFF_OBJS) \
		$(LAYOUT_REPORT_OBJS)
	tests/layout/run.sh plugin: $(LAYOUT_PLUGIN_OBJS) -- kmetrics-merge: $(LAYOUT_MERGE_OBJS) \
		-- kmetrics-diff: $(LAYOUT_DIFF_OBJS) -- kmetrics-report: $(LAYOUT_REPORT_OBJS)

CHECK_TARGETS += check-layout
