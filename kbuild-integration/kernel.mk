# kbuild-integration/kernel.mk - kmetrics and the Linux kernel: install,
# the demo, the kernel end-to-end tests and the build-overhead benchmark.
# Included by the top Makefile.
#
#   make install [PREFIX=/usr/local] [DESTDIR=]   so that -fplugin=kmetrics
#                      and -fplugin=kmetrics.so both work; kmetrics-merge,
#                      kmetrics-diff and kmetrics-report in PREFIX/bin, the
#                      man pages (man/*.1) in PREFIX/share/man/man1
#   make install TARGET_GCC=CC   build/CC/kmetrics.so into CC's plugin directory
#   make uninstall     the same paths, removed
#   make demo [KVER=6.1|6.12] [ARCH=arm64] [CC=clang|LLVM=1] [KDIR=tree] [KSUBDIR=arch/x86/kvm]
#                      scripts/demo.sh
#   make check-install check-kernel check-kernel-6.12 check-kernel-arm64
#        check-kbuild check-kernel-clang check-clang-kvm check-kernel-clang-arm64
#                      (make check; check-clang-kvm-like is not)
#   make bench-build   (part of make bench)
#   make bench-plugin-cost   cc1's instructions without and with the plugin
#                      (callgrind; part of make bench)
#   make bench-kernel  a whole defconfig+KVM kernel, plain and with the plugin
#   scripts/kbuild-install KDIR   CONFIG_GCC_PLUGIN_KMETRICS in a kernel tree

PREFIX	?= /usr/local
DESTDIR	?=
# -fplugin=NAME (no .so) is looked up in the compiler's plugin directory.
KM_GCC_PLUGIN_DIR = $(TARGET_PLUGIN_DIR)
# -fplugin=NAME.so (no slash) is handed to dlopen as it is, which searches
# only the loader's default directories: install into the multiarch one.
# Only the host's gcc's plugin goes there: there is one such directory for
# every compiler, and each compiler loads only its own plugin.
KM_MULTIARCH	= $(shell $(HOSTGCC) -print-multiarch 2>/dev/null)
KM_LOADER_DIR	= $(if $(filter $(HOSTGCC),$(TARGET_GCC)),/usr/lib$(if $(KM_MULTIARCH),/$(KM_MULTIARCH)))
KM_BIN_DIR	:= $(PREFIX)/bin
KM_MAN_DIR	:= $(PREFIX)/share/man/man1
KM_MAN_PAGES	:= $(wildcard man/*.1)

KM_INSTALLED = $(DESTDIR)$(KM_GCC_PLUGIN_DIR)/kmetrics.so \
		$(if $(KM_LOADER_DIR),$(DESTDIR)$(KM_LOADER_DIR)/kmetrics.so) \
		$(DESTDIR)$(KM_BIN_DIR)/kmetrics-merge \
		$(DESTDIR)$(KM_BIN_DIR)/kmetrics-diff \
		$(DESTDIR)$(KM_BIN_DIR)/kmetrics-report \
		$(KM_MAN_PAGES:man/%=$(DESTDIR)$(KM_MAN_DIR)/%)

.PHONY: install uninstall demo check-install check-kernel check-kbuild bench-build bench-plugin-cost
.PHONY: km-plugin-sources
.PHONY: check-kernel-6.12 check-kernel-arm64 bench-kernel check-kernel-clang check-kernel-clang-arm64
.PHONY: check-clang-kvm check-clang-kvm-like

# The Clang plugin, when Clang's headers are there to build it, goes to the
# loader's directory: clang hands -fplugin=kmetrics-clang.so to dlopen as is.
KM_INSTALL_CLANG := $(if $(and $(KM_LOADER_DIR),$(wildcard /usr/lib/llvm-14/include/clang/AST/AST.h)),$(KM_CLANG_SO))
KM_INSTALLED += $(if $(KM_LOADER_DIR),$(DESTDIR)$(KM_LOADER_DIR)/kmetrics-clang.so)

install: $(KM_PLUGIN_SO) $(B)/kmetrics-merge $(B)/kmetrics-diff $(B)/kmetrics-report $(KM_INSTALL_CLANG)
	install -d $(DESTDIR)$(KM_GCC_PLUGIN_DIR) $(DESTDIR)$(KM_BIN_DIR)
	$(if $(KM_INSTALL_CLANG),install -d $(DESTDIR)$(KM_LOADER_DIR))
	$(if $(KM_INSTALL_CLANG),install -m 0644 $(KM_CLANG_SO) $(DESTDIR)$(KM_LOADER_DIR)/kmetrics-clang.so)
	install -m 0644 $(KM_PLUGIN_SO) $(DESTDIR)$(KM_GCC_PLUGIN_DIR)/kmetrics.so
	$(if $(KM_LOADER_DIR),install -d $(DESTDIR)$(KM_LOADER_DIR))
	$(if $(KM_LOADER_DIR),install -m 0644 $(KM_PLUGIN_SO) $(DESTDIR)$(KM_LOADER_DIR)/kmetrics.so)
	install -m 0755 $(B)/kmetrics-merge $(DESTDIR)$(KM_BIN_DIR)/kmetrics-merge
	install -m 0755 $(B)/kmetrics-diff $(DESTDIR)$(KM_BIN_DIR)/kmetrics-diff
	install -m 0755 $(B)/kmetrics-report $(DESTDIR)$(KM_BIN_DIR)/kmetrics-report
	install -d $(DESTDIR)$(KM_MAN_DIR)
	install -m 0644 $(KM_MAN_PAGES) $(DESTDIR)$(KM_MAN_DIR)

uninstall:
	rm -f $(KM_INSTALLED)

# The kernels the demo, the tests and the benchmarks build: Debian's
# linux-source-KVER, extracted once under build/ and reused, one tree for
# each release and architecture: build/linux-source-6.1 (x86),
# build/linux-source-6.12, build/linux-arm64-6.1 (cross-built with the
# aarch64 plugin; kbuild builds one architecture in a tree).
KVER	?= 6.1
KM_ARM64_GCC ?= aarch64-linux-gnu-gcc-12
KM_KARCH := $(if $(filter arm64,$(ARCH)),arm64,x86)
KM_KGCC	 := $(if $(filter arm64,$(KM_KARCH)),$(KM_ARM64_GCC),$(HOSTGCC))
km_ktree  = $(abspath $(B)/$(if $(filter arm64,$(1)),linux-arm64-$(2),linux-source-$(2)))
KDIR	?= $(call km_ktree,$(KM_KARCH),$(KVER))
KSUBDIR	?= arch/$(KM_KARCH)/kvm
# make demo CC=clang (or LLVM=1): the kernel built by Debian's clang-14
# (LLVM=-14) with build/kmetrics-clang.so, in its own tree.
KM_KCC	 := $(if $(filter clang%,$(notdir $(CC)))$(LLVM),clang,gcc)
KDIR	:= $(if $(filter clang,$(KM_KCC)),$(abspath $(B)/linux-clang$(if $(filter arm64,$(KM_KARCH)),-arm64)-$(KVER)),$(KDIR))
KM_KPLUGIN := $(if $(filter clang,$(KM_KCC)),$(abspath $(KM_CLANG_SO)),$(abspath $(call km_plugin_so,$(KM_KGCC))))
KM_KERNEL_ENV := KDIR="$(KDIR)" KSUBDIR="$(KSUBDIR)" KM_KVER="$(KVER)" KM_KARCH="$(KM_KARCH)" \
	KM_CROSS_GCC="$(KM_ARM64_GCC)" KM_PLUGIN="$(KM_KPLUGIN)" KM_CC="$(KM_KCC)" \
	KM_MERGE="$(abspath $(B)/kmetrics-merge)"

demo: $(B)/kmetrics-merge
	@case "$(ARCH)" in ""|x86|x86_64|arm64) ;; *) echo "make demo: ARCH=$(ARCH): x86 or arm64" >&2; exit 1 ;; esac
	$(if $(filter clang,$(KM_KCC)),$(MAKE) --no-print-directory CC=gcc clang-plugin,$(MAKE) --no-print-directory TARGET_GCC=$(KM_KGCC) deps plugin)
	$(KM_KERNEL_ENV) scripts/demo.sh

# The end-to-end tests use the extracted trees of build/, whatever KDIR
# says: their expectations (x86.c's functions) are about those trees.
KM_TEST_ENV := KM_REPO="$(CURDIR)" KM_PLUGIN="$(abspath $(B)/kmetrics.so)" \
	KM_MERGE="$(abspath $(B)/kmetrics-merge)" KM_BUILD="$(abspath $(B))"

$(B)/tests/kernel/ksig: tests/kernel/ksig.c | deps
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 $(CFLAGS) $(KM_WARN) $< -o $@

check-install: $(B)/kmetrics.so $(B)/kmetrics-merge $(B)/kmetrics-diff $(B)/kmetrics-report
	$(KM_TEST_ENV) KM_OTHER_GCCS="$(KM_TEST_GCCS:$(HOSTGCC)=)" tests/kernel/check-install.sh

check-kernel: $(B)/kmetrics.so $(B)/kmetrics-merge $(B)/tests/kernel/ksig
	$(KM_TEST_ENV) tests/kernel/check-kernel.sh

# 6.12's arch/x86/kvm as 6.1's, and arm64's kvm of 6.1 cross-built with the
# aarch64 compiler's plugin, each in its own tree (prepared once, reused).
check-kernel-6.12: $(B)/kmetrics.so $(B)/kmetrics-merge $(B)/tests/kernel/ksig
	$(KM_TEST_ENV) KM_KVER=6.12 tests/kernel/check-kernel.sh

KM_ARM64_PLUGIN := $(abspath $(call km_plugin_so,$(KM_ARM64_GCC)))
check-kernel-arm64: $(B)/kmetrics-merge $(B)/tests/kernel/ksig deps-compilers
	@if [ -f "$$($(KM_ARM64_GCC) -print-file-name=plugin 2>/dev/null)/include/gcc-plugin.h" ]; then \
		$(MAKE) -s TARGET_GCC=$(KM_ARM64_GCC) plugin && \
		$(KM_TEST_ENV) KM_KARCH=arm64 KM_CROSS_GCC=$(KM_ARM64_GCC) KM_PLUGIN="$(KM_ARM64_PLUGIN)" \
			tests/kernel/check-kernel.sh; \
	else echo "check-kernel-arm64: SKIP: no $(KM_ARM64_GCC) plugin headers (make deps-compilers as root)"; fi

# The Clang plugin on 6.1's kvm: x86 built with LLVM=-14, arm64 cross-built
# by clang itself (ARCH=arm64 LLVM=-14), each its own tree.
check-kernel-clang: $(KM_CLANG_SO) $(B)/kmetrics-merge $(B)/tests/kernel/ksig
	$(KM_TEST_ENV) KM_CC=clang KM_PLUGIN="$(abspath $(KM_CLANG_SO))" tests/kernel/check-kernel.sh

check-kernel-clang-arm64: $(KM_CLANG_SO) $(B)/kmetrics-merge $(B)/tests/kernel/ksig
	$(KM_TEST_ENV) KM_CC=clang KM_KARCH=arm64 KM_PLUGIN="$(abspath $(KM_CLANG_SO))" \
		tests/kernel/check-kernel.sh

# GCC against Clang on the whole of 6.1's arch/x86/kvm: the Clang tree
# check-kernel-clang left, and check-kernel's GCC tree (-like: a GCC tree
# configured like the Clang one; tests/clang/check-kvm.sh;
# tests/clang/known-kvm.txt: the differences and their causes).
check-clang-kvm check-clang-kvm-like: $(KM_CLANG_SO) $(B)/kmetrics.so $(B)/kmetrics-merge
	$(KM_TEST_ENV) KM_CLANG_PLUGIN="$(abspath $(KM_CLANG_SO))" \
		KM_KVM_LIKE=$(if $(filter %-like,$@),1,0) tests/clang/check-kvm.sh

check-kbuild: $(B)/kmetrics.so $(B)/kmetrics-merge
	$(KM_TEST_ENV) tests/kernel/check-kbuild.sh

bench-build: $(B)/kmetrics.so
	$(KM_TEST_ENV) scripts/bench-build.sh

# A whole defconfig+KVM kernel of 6.1 from clean, without and with the plugin
# (embed on): CPU cost, sidecars, the merge, vmlinux unchanged. Hours on 2
# cores, so in neither make check nor make bench.
bench-kernel: $(B)/kmetrics.so $(B)/kmetrics-merge
	$(KM_TEST_ENV) scripts/bench-kernel.sh

# cc1's instructions without and with the plugin (callgrind): its exact cost
# (CC=clang: Clang's plugin in build/linux-clang-6.1)
bench-plugin-cost: $(B)/kmetrics.so $(if $(filter clang,$(KM_KCC)),$(KM_CLANG_SO))
	$(KM_TEST_ENV) KM_CC=$(KM_KCC) $(if $(filter clang,$(KM_KCC)),KM_PLUGIN="$(abspath $(KM_CLANG_SO))") \
		scripts/bench-plugin-cost.sh

# What scripts/kbuild-install puts into a kernel's single plugin source file.
km-plugin-sources:
	@echo $(LIB_SRCS) $(PLUGIN_SRCS)

CHECK_TARGETS += check-install check-kernel check-kernel-6.12 check-kernel-arm64 check-kbuild
# after check-kernel: check-clang-kvm compares with the GCC records it left
CHECK_TARGETS += check-kernel-clang check-clang-kvm check-kernel-clang-arm64
BENCH_TARGETS += bench-build bench-plugin-cost
