# kbuild-integration/kernel.mk - kmetrics and the Linux kernel: install,
# the demo, the kernel end-to-end tests and the build-overhead benchmark.
# Included by the top Makefile.
#
#   make install [PREFIX=/usr/local] [DESTDIR=]   so that -fplugin=kmetrics
#                      and -fplugin=kmetrics.so both work; kmetrics-merge and
#                      kmetrics-diff in PREFIX/bin
#   make uninstall     the same paths, removed
#   make demo [KDIR=tree] [KSUBDIR=arch/x86/kvm]   scripts/demo.sh
#   make check-install check-kernel check-kbuild   (part of make check)
#   make bench-build   (part of make bench)
#   make bench-plugin-cost   cc1's instructions without and with the plugin
#                      (callgrind; part of make bench)
#   scripts/kbuild-install KDIR   CONFIG_GCC_PLUGIN_KMETRICS in a kernel tree

PREFIX	?= /usr/local
DESTDIR	?=
# -fplugin=NAME (no .so) is looked up in gcc's plugin directory.
KM_GCC_PLUGIN_DIR := $(PLUGIN_DIR)
# -fplugin=NAME.so (no slash) is handed to dlopen as it is, which searches
# only the loader's default directories: install into the multiarch one.
KM_MULTIARCH	:= $(shell $(HOSTGCC) -print-multiarch 2>/dev/null)
KM_LOADER_DIR	:= /usr/lib$(if $(KM_MULTIARCH),/$(KM_MULTIARCH))
KM_BIN_DIR	:= $(PREFIX)/bin

KM_INSTALLED := $(DESTDIR)$(KM_GCC_PLUGIN_DIR)/kmetrics.so \
		$(DESTDIR)$(KM_LOADER_DIR)/kmetrics.so \
		$(DESTDIR)$(KM_BIN_DIR)/kmetrics-merge \
		$(DESTDIR)$(KM_BIN_DIR)/kmetrics-diff

.PHONY: install uninstall demo check-install check-kernel check-kbuild bench-build bench-plugin-cost km-plugin-sources

install: $(B)/kmetrics.so $(B)/kmetrics-merge $(B)/kmetrics-diff
	install -d $(DESTDIR)$(KM_GCC_PLUGIN_DIR) $(DESTDIR)$(KM_LOADER_DIR) $(DESTDIR)$(KM_BIN_DIR)
	install -m 0644 $(B)/kmetrics.so $(DESTDIR)$(KM_GCC_PLUGIN_DIR)/kmetrics.so
	install -m 0644 $(B)/kmetrics.so $(DESTDIR)$(KM_LOADER_DIR)/kmetrics.so
	install -m 0755 $(B)/kmetrics-merge $(DESTDIR)$(KM_BIN_DIR)/kmetrics-merge
	install -m 0755 $(B)/kmetrics-diff $(DESTDIR)$(KM_BIN_DIR)/kmetrics-diff

uninstall:
	rm -f $(KM_INSTALLED)

# The kernel the demo, the tests and the benchmark build: Debian's
# linux-source-6.1, extracted once under build/ and reused.
KDIR	?= $(abspath $(B)/linux-source-6.1)
KSUBDIR	?= arch/x86/kvm
KM_KERNEL_ENV := KDIR="$(KDIR)" KSUBDIR="$(KSUBDIR)" \
	KM_PLUGIN="$(abspath $(B)/kmetrics.so)" KM_MERGE="$(abspath $(B)/kmetrics-merge)"

demo: $(B)/kmetrics.so $(B)/kmetrics-merge
	$(KM_KERNEL_ENV) scripts/demo.sh

# The end-to-end tests always use the extracted 6.1 tree: their expectations
# (x86.c's functions) are about that tree.
KM_TEST_ENV := KM_REPO="$(CURDIR)" KM_PLUGIN="$(abspath $(B)/kmetrics.so)" \
	KM_MERGE="$(abspath $(B)/kmetrics-merge)" KM_BUILD="$(abspath $(B))"

$(B)/tests/kernel/ksig: tests/kernel/ksig.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 $(CFLAGS) $(KM_WARN) $< -o $@

check-install: $(B)/kmetrics.so $(B)/kmetrics-merge $(B)/kmetrics-diff
	$(KM_TEST_ENV) tests/kernel/check-install.sh

check-kernel: $(B)/kmetrics.so $(B)/kmetrics-merge $(B)/tests/kernel/ksig
	$(KM_TEST_ENV) tests/kernel/check-kernel.sh

check-kbuild: $(B)/kmetrics-merge
	$(KM_TEST_ENV) tests/kernel/check-kbuild.sh

bench-build: $(B)/kmetrics.so
	$(KM_TEST_ENV) scripts/bench-build.sh

# cc1's instructions without and with the plugin (callgrind): its exact cost
bench-plugin-cost: $(B)/kmetrics.so
	$(KM_TEST_ENV) scripts/bench-plugin-cost.sh

# What scripts/kbuild-install puts into a kernel's single plugin source file.
km-plugin-sources:
	@echo $(LIB_SRCS) $(PLUGIN_SRCS)

CHECK_TARGETS += check-install check-kernel check-kbuild
BENCH_TARGETS += bench-build bench-plugin-cost
