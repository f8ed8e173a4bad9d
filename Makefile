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
# Fragments, one .mk per folder, included below: lib/lib.mk, plugin/gcc/gcc.mk,
# scripts/scripts.mk and scripts/*/*.mk (the tools), kbuild-integration/kernel.mk,
# tests/*/*.mk (each folder's tests); each adds its targets to CHECK_TARGETS /
# BENCH_TARGETS.

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
# use for those and for any one test or benchmark (check-*, bench-*, fuzz*;
# check-fresh needs only its own); a kernel build's packages (and its
# source, unless KDIR is there) for the demos.
km_goals = $(or $(MAKECMDGOALS),all)
KM_DEPS_NEEDS = build $(call km_gcc_pkg,$(TARGET_GCC)) \
	$(if $(filter check check-% bench bench-% fuzz%,$(filter-out check-fresh,$(km_goals))),check) \
	$(if $(filter demo diff-demo,$(km_goals)),$(if $(filter clang,$(KM_KCC)),kernel-clang, \
		kernel-$(KM_KARCH) $(call km_gcc_pkg,$(KM_KGCC))) $(if $(wildcard $(KDIR)),,linux-source-$(KVER)))

# The other compilers make check builds and tests the plugin for, each with
# the Debian package of its plugin headers (which brings the compiler).
KM_OTHER_GCCS := gcc-11:gcc-11-plugin-dev \
	aarch64-linux-gnu-gcc-12:gcc-12-plugin-dev-aarch64-linux-gnu

CHECK_TARGETS :=
BENCH_TARGETS :=

.PHONY: all deps deps-compilers plugins-other plugin check bench clean
all: deps $(KM_PLUGIN_SO) $(B)/kmetrics-merge $(B)/kmetrics-diff $(B)/kmetrics-report
plugin: $(KM_PLUGIN_SO)

deps:
	@scripts/deps.sh $(KM_DEPS_NEEDS)

include lib/lib.mk
include plugin/gcc/gcc.mk
-include plugin/clang/clang.mk
-include tests/lib/lib.mk
-include tests/plugin/plugin.mk
-include tests/robust/robust.mk
-include tests/gen/gen.mk
-include tests/history/history.mk
include scripts/scripts.mk
include scripts/merge/merge.mk
include scripts/diff/diff.mk
include scripts/report/report.mk
-include tests/merge/merge.mk
-include kbuild-integration/kernel.mk
# after the kernel's tests: its arch/x86/kvm part reuses their prepared tree
-include tests/embed/embed.mk
-include tests/diff/diff.mk
-include tests/report/report.mk
-include tests/layout/layout.mk
-include tests/man/man.mk
-include tests/fresh/fresh.mk
# last: its kernel files reuse kernel.mk's tree and KM_TEST_ENV, and while
# kmetrics differs from the oracle (issue 22) every other check runs first
-include tests/oracle/oracle.mk

# Every test and benchmark waits for deps too (those that build nothing first).
$(CHECK_TARGETS) $(BENCH_TARGETS): | deps
check-golden check-plugin check-robust check-install check-kernel-arm64: plugins-other

check: all $(CHECK_TARGETS)
	@echo "kmetrics: all checks passed"

bench: all $(BENCH_TARGETS)

clean:
	rm -rf $(B)/lib $(B)/pic $(B)/tests $(B)/asan $(B)/cxx $(B)/kmetrics.so $(B)/kmetrics-merge $(B)/kmetrics-diff \
		$(B)/kmetrics-report $(B)/report \
		$(B)/libkm.a $(B)/libkmhist.a $(B)/golden $(B)/plugin-tests $(B)/gen $(B)/oracle \
		$(foreach p,$(KM_OTHER_GCCS),$(B)/$(firstword $(subst :, ,$(p)))) \
		$(if $(filter-out $(HOSTGCC),$(TARGET_GCC)),$(B)/$(TARGET_GCC))
