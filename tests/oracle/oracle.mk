# tests/oracle/oracle.mk - kmetrics against an independent oracle (issue 22): Clang's tree of the
# preprocessed file, measured by tests/oracle/clang/ (a Clang plugin that
# shares nothing with plugin/), compared record by record with the sidecar.
# Included by the top Makefile after kbuild-integration/kernel.mk.
#
#   make check-oracle        a handful of 6.1 kernel files (fs, net, kernel/sched,
#                            mm, drivers, kvm) and random programs at -O0/-O1/-O2/-Os
#                            (part of make check)
#   make check-oracle-kernel [ODIR=fs/ext4]   every C file of a directory of the
#                            6.1 defconfig+KVM tree (ODIR=. : the whole kernel)
#
# One file: tests/oracle/oracle.py cmd -- gcc -O2 -c foo.c   (see tests/oracle/README.md)
ORACLE_PKGS	:= clang-14 libclang-14-dev libclang-cpp14-dev llvm-14-dev csmith libcsmith-dev
ORACLE_SO	:= $(B)/oracle/km-oracle.so
ORACLE_SRCS	:= $(wildcard tests/oracle/clang/*.cpp)
ODIR		?= fs/ext4

.PHONY: oracle-deps check-oracle check-oracle-kernel

# What the oracle needs (in scripts/deps.sh's check group too, so make check
# installs it first): as root installed, as another user said.
oracle-deps: | deps
	@scripts/deps.sh $(ORACLE_PKGS)

# The oracle is a Clang plugin, C++ against Clang 14's own headers; clang-14
# loads it (-Xclang -load), resolving Clang's symbols from itself.
$(ORACLE_SO): $(ORACLE_SRCS) tests/oracle/clang/oracle.h | oracle-deps
	@mkdir -p $(dir $@)
	$(CXX) -shared -fPIC -O2 $$(llvm-config-14 --cxxflags) $(KM_WARN) $(ORACLE_SRCS) -o $@

check-oracle: $(B)/kmetrics.so $(ORACLE_SO)
	$(KM_TEST_ENV) tests/oracle/check-oracle.sh

check-oracle-kernel: $(B)/kmetrics.so $(ORACLE_SO)
	$(KM_TEST_ENV) tests/oracle/check-oracle.sh kernel $(ODIR)

CHECK_TARGETS += check-oracle
