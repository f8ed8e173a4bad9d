# lib/lib.mk - lib/, plain C shared by the plugin and the tools, one folder
# per concern (README, "Layout"); its tests: tests/lib/lib.mk. Included by
# the top Makefile. A file added to a folder is added to its line here.

# In the plugin, the tools (libkm.a), and the kernel's copy of the plugin
# (km-plugin-sources; in this order).
LIB_SRCS := $(addprefix lib/record/,record.c repr.c halstead.c columns.c) \
	$(addprefix lib/graph/,graph.c graph_reach.c) \
	$(addprefix lib/companion/,companion.c companion_write.c elfembed.c) \
	$(addprefix lib/unit/,unit.c outputs.c run_alone.c) \
	$(addprefix lib/io/,io.c) \
	$(addprefix lib/compile/,paths.c src.c src_scan.c lex.c skel.c skel_const.c cexpr.c)
# Only the tools link these (reading datasets, comparing them): in libkm.a,
# not in the plugin. A program that reads datasets (km_dataset_read) links
# -lsqlite3 too.
TOOL_LIB_SRCS := $(addprefix lib/io/,output.c text.c cli.c) \
	$(addprefix lib/companion/,companion_compact.c) \
	$(addprefix lib/input/,input.c input_find.c) \
	$(addprefix lib/dataset/,dataset.c dataset_read.c dataset_csv.c dataset_json.c \
		dataset_records.c dataset_sqlite.c scope.c calls.c objects.c values.c \
		git_ages.c) \
	$(addprefix lib/diff/,diff.c diff_paths.c diff_renames.c diff_rules.c)
# lib/history/: git history through libgit2 (km_history.h), in libkmhist.a;
# kmetrics-merge links it, the plugin does not.
HIST_SRCS := $(wildcard lib/history/history_*.c)

LIB_OBJS := $(LIB_SRCS:%.c=$(B)/%.o) $(TOOL_LIB_SRCS:%.c=$(B)/%.o)
LIB_PIC_OBJS := $(LIB_SRCS:%.c=$(B)/pic/%.o)
HIST_OBJS := $(HIST_SRCS:%.c=$(B)/%.o)

$(B)/lib/%.o: lib/%.c lib/*/*.h | deps
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 $(CFLAGS) $(KM_WARN) -Ilib -c $< -o $@

$(B)/pic/lib/%.o: lib/%.c lib/*/*.h | deps
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 $(CFLAGS) $(KM_WARN) -fPIC -Ilib -c $< -o $@

$(B)/libkm.a: $(LIB_OBJS) | deps
	@rm -f $@
	ar rcs $@ $^

$(B)/libkmhist.a: $(HIST_OBJS) | deps
	@rm -f $@
	ar rcs $@ $^
