# plugin/gcc/gcc.mk - the GCC plugin: build/kmetrics.so for the host's gcc,
# build/CC/kmetrics.so for TARGET_GCC=CC, each over LIB_SRCS (lib/lib.mk).
# Its tests: tests/plugin/plugin.mk. Included by the top Makefile.

PLUGIN_SRCS := $(wildcard plugin/gcc/*.c)

# The plugin is C-style code compiled as C++ (the host's g++) against the
# target GCC's plugin headers, as the kernel's scripts/gcc-plugins/ are;
# plugin/gcc/gcc-compat.h absorbs what differs between GCC versions.
km_plugin_cxxflags = -std=gnu++11 -fPIC -fno-rtti -fno-exceptions -fasynchronous-unwind-tables \
	-I$(call km_plugin_dir,$(1))/include -Ilib -Iplugin/gcc -Wno-narrowing \
	-DKM_BUILT_GCC_VERSION='"$(shell $(1) -dumpfullversion)"'
# The Debian package of CC's plugin headers: gcc-N-plugin-dev for gcc-N,
# gcc-N-plugin-dev-TRIPLET for TRIPLET-gcc-N, gcc-12-plugin-dev for gcc.
km_gcc_pkg = $(or $(patsubst $(1):%,%,$(filter $(1):%,$(KM_OTHER_GCCS))),$(shell echo '$(1)' | \
	sed -e 's/^gcc$$/gcc-12/' -e 's/^gcc-\([0-9]*\)$$/gcc-\1-plugin-dev/' \
	    -e 's/^\(.*\)-gcc-\([0-9]*\)$$/gcc-\2-plugin-dev-\1/' -e 's/^gcc-12$$/gcc-12-plugin-dev/'))

# km_plugin_rules CC DIR: DIR/kmetrics.so for compiler CC, objects under DIR/pic.
define km_plugin_rules
$(2)/pic/plugin/gcc/%.o: plugin/gcc/%.c plugin/gcc/*.h lib/*/*.h | deps
	@mkdir -p $$(dir $$@)
	$$(CXX) -x c++ $$(CFLAGS) $$(call km_plugin_cxxflags,$(1)) -c $$< -o $$@

$(2)/kmetrics.so: $(PLUGIN_SRCS:%.c=$(2)/pic/%.o) $(LIB_PIC_OBJS) plugin/gcc/exports.map | deps
	$$(CXX) -shared $$(CFLAGS) $$(LDFLAGS) -Wl,--version-script=plugin/gcc/exports.map -Wl,-e,km_run_alone \
		$$(filter %.o,$$^) -o $$@
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
