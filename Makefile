# kmetrics - function-level metrics of C code, measured by GCC while it compiles.
#
#   make            build/kmetrics.so, build/kmetrics-merge, build/kmetrics-diff and
#                   build/kmetrics-report (its page needs npm: scripts/report/report.mk)
#   make TARGET_GCC=gcc-11        build/gcc-11/kmetrics.so, for that compiler
#                   (aarch64-linux-gnu-gcc-12: build/aarch64-linux-gnu-gcc-12/kmetrics.so)
#   make check      every test (unit, golden, merge, robustness, kernel end-to-end)
#   make demo       measure arch/x86/kvm of Debian's linux-source-6.1
#   make bench      benchmarks, printed as ratios measured side by side
#   make check-fresh  demo and check on fresh Debian 12 roots, the packages too
#   make install    PREFIX=/usr/local DESTDIR= (the man pages too)
#   make deps       the Debian packages the goals given need (scripts/deps.sh),
#                   which every other target runs first
#
# Fragments: tests/*.mk, scripts/scripts.mk, kbuild-integration/kernel.mk
# each add their targets to CHECK_TARGETS / BENCH_TARGETS.

CC	?= gcc
CXX	?= g++
HOSTGCC	?= gcc
B	:= build
CFLAGS	?= -O2 -g
KM_WARN	:= -Wall -Wextra -Wno-unused-parameter
# The compiler the plugin is built for, whose plugin headers it includes:
# `make TARGET_GCC=CC` builds build/CC/kmetrics.so (the host's gcc keeps
# build/kmetrics.so). Each GCC loads only a plugin built for itself.
TARGET_GCC ?= $(HOSTGCC)
# Evaluated when a recipe runs, after `deps` installed the compiler and
# its plugin headers: nothing deps installs is probed while make reads this.
km_plugin_dir = $(shell $(1) -print-file-name=plugin 2>/dev/null)
km_plugin_so = $(if $(filter $(HOSTGCC),$(1)),$(B)/kmetrics.so,$(B)/$(1)/kmetrics.so)
PLUGIN_DIR = $(call km_plugin_dir,$(HOSTGCC))
TARGET_PLUGIN_DIR = $(call km_plugin_dir,$(TARGET_GCC))
KM_PLUGIN_SO := $(call km_plugin_so,$(TARGET_GCC))

# The Debian packages: scripts/deps.sh installs them as root, or says what
# to install and fails. `deps` runs first: every compile, link and test
# waits for it (an order-only prerequisite), so nothing races its
# apt-get. What it installs follows the goals: the build's packages and
# TARGET_GCC's plugin headers always; everything make check and make bench
# use for those; a kernel build's packages (and its source, unless KDIR
# is there) for the demos.
km_goals = $(or $(MAKECMDGOALS),all)
KM_DEPS_NEEDS = build $(call km_gcc_pkg,$(TARGET_GCC)) \
	$(if $(filter check bench,$(km_goals)),check) \
	$(if $(filter demo diff-demo,$(km_goals)),kernel-$(KM_KARCH) $(call km_gcc_pkg,$(KM_KGCC)) \
		$(if $(wildcard $(KDIR)),,linux-source-$(KVER)))

# The other compilers make check builds and tests the plugin for, each with
# the Debian package of its plugin headers (which brings the compiler).
KM_OTHER_GCCS := gcc-11:gcc-11-plugin-dev \
	aarch64-linux-gnu-gcc-12:gcc-12-plugin-dev-aarch64-linux-gnu

LIB_SRCS := lib/record.c lib/repr.c lib/halstead.c lib/graph.c lib/graph_reach.c lib/companion.c lib/companion_write.c \
	lib/io.c lib/elfembed.c lib/columns.c lib/paths.c lib/src.c
# lib/ modules only the tools link (reading datasets, comparing them): in
# libkm.a, not in the plugin nor in the kernel's copy of it (km-plugin-sources).
# A program that reads datasets (km_dataset_read) links -lsqlite3 too.
TOOL_LIB_SRCS := lib/input.c lib/input_find.c lib/text.c lib/cli.c lib/dataset.c lib/dataset_csv.c lib/dataset_json.c \
	lib/dataset_records.c lib/dataset_sqlite.c lib/scope.c lib/calls.c lib/objects.c lib/values.c \
	lib/git_ages.c lib/diff.c lib/diff_paths.c lib/diff_rules.c
LIB_OBJS := $(LIB_SRCS:%.c=$(B)/%.o) $(TOOL_LIB_SRCS:%.c=$(B)/%.o)
LIB_PIC_OBJS := $(LIB_SRCS:%.c=$(B)/pic/%.o)
PLUGIN_SRCS := $(wildcard plugin/*.c)
PLUGIN_OBJS := $(PLUGIN_SRCS:%.c=$(B)/pic/%.o)

CHECK_TARGETS :=
BENCH_TARGETS :=

.PHONY: all deps deps-compilers plugins-other plugin check bench clean
all: deps $(KM_PLUGIN_SO) $(B)/kmetrics-merge $(B)/kmetrics-diff $(B)/kmetrics-report
plugin: $(KM_PLUGIN_SO)

deps:
	@scripts/deps.sh $(KM_DEPS_NEEDS)

$(B)/lib/%.o: lib/%.c lib/*.h | deps
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 $(CFLAGS) $(KM_WARN) -Ilib -c $< -o $@

$(B)/pic/lib/%.o: lib/%.c lib/*.h | deps
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 $(CFLAGS) $(KM_WARN) -fPIC -Ilib -c $< -o $@

# The plugin is C-style code compiled as C++ (the host's g++) against the
# target GCC's plugin headers, as the kernel's scripts/gcc-plugins/ are;
# plugin/gcc-compat.h absorbs what differs between GCC versions.
km_plugin_cxxflags = -std=gnu++11 -fPIC -fno-rtti -fno-exceptions -fasynchronous-unwind-tables \
	-I$(call km_plugin_dir,$(1))/include -Ilib -Iplugin -Wno-narrowing \
	-DKM_BUILT_GCC_VERSION='"$(shell $(1) -dumpfullversion)"'
# The Debian package of CC's plugin headers: gcc-N-plugin-dev for gcc-N,
# gcc-N-plugin-dev-TRIPLET for TRIPLET-gcc-N, gcc-12-plugin-dev for gcc.
km_gcc_pkg = $(or $(patsubst $(1):%,%,$(filter $(1):%,$(KM_OTHER_GCCS))),$(shell echo '$(1)' | \
	sed -e 's/^gcc$$/gcc-12/' -e 's/^gcc-\([0-9]*\)$$/gcc-\1-plugin-dev/' \
	    -e 's/^\(.*\)-gcc-\([0-9]*\)$$/gcc-\2-plugin-dev-\1/' -e 's/^gcc-12$$/gcc-12-plugin-dev/'))

# km_plugin_rules CC DIR: DIR/kmetrics.so for compiler CC, objects under DIR/pic.
define km_plugin_rules
$(2)/pic/plugin/%.o: plugin/%.c plugin/*.h lib/*.h | deps
	@mkdir -p $$(dir $$@)
	$$(CXX) -x c++ $$(CFLAGS) $$(call km_plugin_cxxflags,$(1)) -c $$< -o $$@

$(2)/kmetrics.so: $(PLUGIN_SRCS:%.c=$(2)/pic/%.o) $(LIB_PIC_OBJS) | deps
	$$(CXX) -shared $$(CFLAGS) $$(LDFLAGS) $$^ -o $$@
endef
$(foreach cc,$(sort $(HOSTGCC) $(TARGET_GCC) $(foreach p,$(KM_OTHER_GCCS),$(firstword $(subst :, ,$(p))))),\
	$(eval $(call km_plugin_rules,$(cc),$(patsubst %/kmetrics.so,%,$(call km_plugin_so,$(cc))))))

# The other compilers' plugin headers (and so the compilers) that make
# check tests the plugin with; another user is told, and their tests skip.
deps-compilers: | deps
	@scripts/deps.sh --or-skip="the plugin's tests under $(foreach p,$(KM_OTHER_GCCS),$(firstword $(subst :, ,$(p))))" \
		$(foreach p,$(KM_OTHER_GCCS),$(word 2,$(subst :, ,$(p))))

# The other compilers' plugins, built one after the other before the tests
# that load them (each-gcc.sh, check-install, the version guard, arm64's
# kernel): under make -j2 two of those would otherwise build build/CC/ at once.
plugins-other: deps-compilers
	@for p in $(KM_OTHER_GCCS); do \
		cc=$${p%%:*}; \
		[ -f "$$($$cc -print-file-name=plugin 2>/dev/null)/include/gcc-plugin.h" ] || continue; \
		$(MAKE) --no-print-directory TARGET_GCC=$$cc plugin || exit 1; \
	done

$(B)/libkm.a: $(LIB_OBJS) | deps
	@rm -f $@
	ar rcs $@ $^

# lib/history_*.c: git history through libgit2 (km_history.h); kmetrics-merge
# links it, the plugin does not.
HIST_SRCS := $(wildcard lib/history_*.c)
HIST_OBJS := $(HIST_SRCS:%.c=$(B)/%.o)

$(B)/libkmhist.a: $(HIST_OBJS) | deps
	@rm -f $@
	ar rcs $@ $^

-include tests/tests.mk
-include tests/plugin.mk
-include tests/robust.mk
-include tests/gen.mk
-include tests/history.mk
-include scripts/scripts.mk
-include scripts/report/report.mk
-include kbuild-integration/kernel.mk
# after the kernel's tests: its arch/x86/kvm part reuses their prepared tree
-include tests/embed.mk
-include tests/diff.mk
-include tests/report.mk
-include tests/man.mk
-include tests/fresh.mk

# Every test and benchmark waits for deps too (those that build nothing first).
$(CHECK_TARGETS) $(BENCH_TARGETS): | deps
check-golden check-plugin check-robust check-install check-kernel-arm64: plugins-other

check: all $(CHECK_TARGETS)
	@echo "kmetrics: all checks passed"

bench: all $(BENCH_TARGETS)

clean:
	rm -rf $(B)/lib $(B)/pic $(B)/tests $(B)/asan $(B)/cxx $(B)/kmetrics.so $(B)/kmetrics-merge $(B)/kmetrics-diff \
		$(B)/kmetrics-report $(B)/report \
		$(B)/libkm.a $(B)/libkmhist.a $(B)/golden $(B)/plugin-tests $(B)/gen \
		$(foreach p,$(KM_OTHER_GCCS),$(B)/$(firstword $(subst :, ,$(p)))) \
		$(if $(filter-out $(HOSTGCC),$(TARGET_GCC)),$(B)/$(TARGET_GCC))
