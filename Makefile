# kmetrics - function-level metrics of C code, measured by GCC while it compiles.
#
#   make            build/kmetrics.so, build/kmetrics-merge, build/kmetrics-diff and
#                   build/kmetrics-report (its page needs npm: scripts/report/report.mk)
#   make TARGET_GCC=gcc-11        build/gcc-11/kmetrics.so, for that compiler
#                   (aarch64-linux-gnu-gcc-12: build/aarch64-linux-gnu-gcc-12/kmetrics.so)
#   make check      every test (unit, golden, merge, robustness, kernel end-to-end)
#   make demo       measure arch/x86/kvm of Debian's linux-source-6.1
#   make bench      benchmarks, printed as ratios measured side by side
#   make install    PREFIX=/usr/local DESTDIR=
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
km_plugin_dir = $(shell $(1) -print-file-name=plugin 2>/dev/null)
km_plugin_so = $(if $(filter $(HOSTGCC),$(1)),$(B)/kmetrics.so,$(B)/$(1)/kmetrics.so)
PLUGIN_DIR := $(call km_plugin_dir,$(HOSTGCC))
TARGET_PLUGIN_DIR := $(call km_plugin_dir,$(TARGET_GCC))
KM_PLUGIN_SO := $(call km_plugin_so,$(TARGET_GCC))

# Debian packages the build and the tests need; `make deps` installs them.
# libgit2-dev: kmetrics-merge's --history and --label-fixes read git objects
# and run git's own xdiff in process (README, "History and fixes").
# libsqlite3-dev, sqlite3: --format=sqlite, and the tests that open it.
DEPS_PKGS := gcc-12-plugin-dev check pkg-config valgrind git python3-jsonschema patch libgit2-dev \
	libsqlite3-dev sqlite3
# The other compilers make check builds and tests the plugin for, each with
# the Debian package of its plugin headers (which brings the compiler).
KM_OTHER_GCCS := gcc-11:gcc-11-plugin-dev \
	aarch64-linux-gnu-gcc-12:gcc-12-plugin-dev-aarch64-linux-gnu

CHECK_TARGETS :=
BENCH_TARGETS :=

.PHONY: all deps deps-compilers plugin check bench clean
all: deps $(KM_PLUGIN_SO) $(B)/kmetrics-merge $(B)/kmetrics-diff $(B)/kmetrics-report
plugin: $(KM_PLUGIN_SO)

# km_apt_missing: shell that installs the packages in $$missing when run as
# root, otherwise says what to install (the end of a deps recipe line).
km_apt_missing = if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "kmetrics: installing$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
		else \
			echo "kmetrics: missing packages; run: sudo apt-get install -y$$missing" >&2; exit 1; \
		fi; \
	fi
# km_apt_pkgs PKGS: a recipe line that installs those of the Debian
# packages PKGS not yet installed (km_apt_missing).
km_apt_pkgs = @missing=""; \
	for p in $(1); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || \
			missing="$$missing $$p"; \
	done; \
	$(km_apt_missing)

# Installs what is missing when run as root, otherwise says what to install.
deps:
	@missing=""; \
	[ -f "$(PLUGIN_DIR)/include/gcc-plugin.h" ] || missing="$$missing gcc-12-plugin-dev"; \
	[ -f "$(TARGET_PLUGIN_DIR)/include/gcc-plugin.h" ] || \
		missing="$$missing $(call km_gcc_pkg,$(TARGET_GCC))"; \
	[ -f /usr/include/check.h ] || missing="$$missing check"; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	command -v valgrind >/dev/null || missing="$$missing valgrind"; \
	command -v git >/dev/null || missing="$$missing git"; \
	python3 -c 'import jsonschema' 2>/dev/null || missing="$$missing python3-jsonschema"; \
	command -v patch >/dev/null || missing="$$missing patch"; \
	[ -f /usr/include/git2.h ] || missing="$$missing libgit2-dev"; \
	[ -f /usr/include/sqlite3.h ] || missing="$$missing libsqlite3-dev"; \
	command -v sqlite3 >/dev/null || missing="$$missing sqlite3"; \
	$(km_apt_missing)

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
# last: its kernel files reuse kernel.mk's tree and KM_TEST_ENV, and while
# kmetrics differs from the oracle (issue 22) every other check runs first
-include tests/oracle/oracle.mk

check: all $(CHECK_TARGETS)
	@echo "kmetrics: all checks passed"

bench: all $(BENCH_TARGETS)

clean:
	rm -rf $(B)/lib $(B)/pic $(B)/tests $(B)/asan $(B)/cxx $(B)/kmetrics.so $(B)/kmetrics-merge $(B)/kmetrics-diff \
		$(B)/kmetrics-report $(B)/report \
		$(B)/libkm.a $(B)/libkmhist.a $(B)/golden $(B)/plugin-tests $(B)/gen $(B)/oracle \
		$(foreach p,$(KM_OTHER_GCCS),$(B)/$(firstword $(subst :, ,$(p)))) \
		$(if $(filter-out $(HOSTGCC),$(TARGET_GCC)),$(B)/$(TARGET_GCC))
