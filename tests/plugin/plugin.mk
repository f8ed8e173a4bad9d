# Plugin tests: golden sidecars at every -O level, and the plugin's behaviour
# (arguments, paths, failures that must stay warnings, kbuild's probes
# writing nothing), each under every GCC
# whose plugin headers are installed (tests/each-gcc.sh builds the plugin
# for each); deps-compilers installs gcc-11 and aarch64-linux-gnu-gcc-12 as root.
# check-instrumented: UBSAN, KASAN, KCOV, gcov, -pg, stack protector,
# auto-var-init, CET, -fopenmp leave the records as they are (host gcc);
# and #line directives, bison's output, .i inputs and -save-temps read the
# text the parser read (tests/plugin/lines.sh).
.PHONY: check-golden check-plugin check-instrumented
KM_TEST_GCCS := $(HOSTGCC) $(foreach p,$(KM_OTHER_GCCS),$(firstword $(subst :, ,$(p))))
KM_EACH_GCC := KM_GCCS="$(KM_TEST_GCCS)" KM_HOSTGCC="$(HOSTGCC)" MAKE="$(MAKE)" tests/each-gcc.sh

check-golden: $(B)/kmetrics.so deps-compilers
	$(KM_EACH_GCC) tests/golden/run.sh

check-plugin: $(B)/kmetrics.so deps-compilers
	$(KM_EACH_GCC) tests/plugin/run.sh
	$(KM_EACH_GCC) tests/plugin/probes.sh

check-instrumented: $(B)/kmetrics.so $(B)/gen/gencode
	tests/plugin/instrumented.sh
	tests/plugin/lines.sh

CHECK_TARGETS += check-golden check-plugin check-instrumented
