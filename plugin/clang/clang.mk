# plugin/clang/clang.mk - kmetrics-clang.so, the Clang plugin (README,
# "Clang"), and its tests. Included by the top Makefile.
#
#   make clang-plugin      build/kmetrics-clang.so for Debian's clang-14
#   make deps-clang        as root: clang-14, libclang-14-dev, llvm-14-dev, lld-14
#   make check-clang       golden fixtures under clang-14, arguments, probes
#
# The plugin is C-style C++ against Clang's AST headers (libclang-14-dev),
# compiled by the host's g++ with LLVM's own flags (llvm-config-14: C++14,
# no exceptions; -fno-rtti as Debian's LLVM is built), linked against
# nothing: its symbols are the clang binary's, resolved when it is loaded.

KM_CLANG	?= clang-14
KM_LLVM_CONFIG	?= llvm-config-14
KM_CLANG_PKGS	:= clang-14 libclang-14-dev llvm-14-dev lld-14
KM_CLANG_SO	:= $(B)/kmetrics-clang.so
CLANG_PLUGIN_SRCS := $(wildcard plugin/clang/*.c)
CLANG_PLUGIN_OBJS := $(CLANG_PLUGIN_SRCS:%.c=$(B)/pic/%.o)
km_clang_cxxflags = $(shell $(KM_LLVM_CONFIG) --cxxflags 2>/dev/null) -fPIC -fno-rtti \
	-Ilib -Iplugin/clang $(KM_WARN) -Wno-unused-parameter -Wno-comment

.PHONY: deps-clang clang-plugin check-clang

# Installs what is missing when run as root, otherwise says what to install.
deps-clang: | deps
	@scripts/deps.sh $(KM_CLANG_PKGS)

clang-plugin: $(KM_CLANG_SO)

$(B)/pic/plugin/clang/%.o: plugin/clang/%.c plugin/clang/*.h lib/*/*.h | deps-clang
	@mkdir -p $(dir $@)
	$(CXX) -x c++ $(CFLAGS) $(km_clang_cxxflags) -c $< -o $@

$(KM_CLANG_SO): $(CLANG_PLUGIN_OBJS) $(LIB_PIC_OBJS)
	$(CXX) -shared $(CFLAGS) $(LDFLAGS) -Wl,-e,km_run_alone $^ -o $@

# Clang's own golden records (C3 differs from GCC's only where GCC's front
# end folds: NAME.clang-14.expected), tests/gen's generator as the oracle of
# C1, C2, C8-C10 and cognitive, the plugin's behaviour, and GCC against
# Clang on the fixtures and generated functions (tests/clang/known.txt).
check-clang: $(KM_CLANG_SO) $(B)/kmetrics.so $(B)/kmetrics-merge $(B)/gen/gencode
	KM_GCC=$(KM_CLANG) KM_PLUGIN=$(abspath $(KM_CLANG_SO)) tests/golden/run.sh
	KM_CC=$(KM_CLANG) KM_PLUGIN=$(abspath $(KM_CLANG_SO)) KM_GEN_KNOWN=/dev/null tests/gen/run.sh check
	KM_CLANG=$(KM_CLANG) tests/clang/plugin.sh
	KM_CLANG=$(KM_CLANG) tests/clang/differential.sh fixtures
	KM_CLANG=$(KM_CLANG) tests/clang/differential.sh gen

CHECK_TARGETS += check-clang
