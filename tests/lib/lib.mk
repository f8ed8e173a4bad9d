# ---------------------------------------------------------------------------
# Unit tests of lib/ (Check), one folder of tests/lib/ per folder of lib/ -
# included by the top Makefile.
#
#   make check-unit        build and run build/tests/lib/run-unit: the
#                          suites of record/, companion/, io/, compile/, unit/
#   make check-unit-asan   the same with ASan + UBSan, built under build/asan/
#   make check-lib-cxx     every lib/*/*.c compiles as C++, and lib/ compiles
#                          as one translation unit (no file-scope name clash)
#   make check-graph       graph/test_graph.c, its own runner
#   build/tests/lib/diff/test-diff   dataset/ and diff/ (make check-diff runs it)
#   make check-outputs     io/outputs.sh: every tool's outputs as lib/io/output.c
#                          writes them (devices, both or neither, one file twice)
#
# One test:  CK_RUN_SUITE=record CK_RUN_CASE="..." build/tests/lib/run-unit
# run-unit links only the plugin's part of lib/ (no libkm.a); the others link libkm.a.
# ---------------------------------------------------------------------------

# Listed, not globbed: graph/ and diff/ have runners of their own.
UNIT_SRCS	:= tests/lib/run_unit.c tests/lib/record/test_record.c \
		   tests/lib/companion/test_companion.c tests/lib/companion/test_companion2.c \
		   tests/lib/io/test_io.c tests/lib/io/test_read.c tests/lib/record/test_halstead.c \
		   tests/lib/record/test_record_check.c tests/lib/compile/test_paths.c \
		   tests/lib/compile/test_cexpr.c tests/lib/compile/test_src.c \
		   tests/lib/unit/test_unit.c
UNIT_LIB_SRCS	:= lib/record/record.c lib/record/repr.c lib/companion/companion.c lib/companion/companion_write.c \
		   lib/companion/companion_compact.c \
		   lib/io/io.c lib/io/output.c lib/io/text.c lib/record/halstead.c lib/compile/paths.c \
		   lib/compile/cexpr.c lib/compile/src.c lib/compile/src_scan.c lib/compile/lex.c \
		   lib/unit/unit.c lib/unit/outputs.c lib/graph/graph.c lib/graph/graph_reach.c
# Asked when the recipe runs (the shell's $$(...)), after deps installed check.
UNIT_CHECK_CFLAGS = $$(pkg-config --cflags check)
UNIT_CHECK_LIBS	= $$(pkg-config --libs check)
UNIT_REFERENCE	:= $(abspath tests/data/kvm-x86-records.txt)
UNIT_CFLAGS	= -std=gnu11 $(KM_WARN) -Ilib $(UNIT_CHECK_CFLAGS) \
		  -DKM_REFERENCE='"$(UNIT_REFERENCE)"'
UNIT_LOCALES	:= $(B)/tests/locale
UNIT_ENV	= LOCPATH=$(abspath $(UNIT_LOCALES)) KM_LOCALE_REQUIRED=1 CK_DEFAULT_TIMEOUT=120

$(B)/tests/lib/%.o: tests/lib/%.c lib/*/*.h | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(UNIT_CFLAGS) -c $< -o $@

$(B)/tests/lib/run-unit: $(UNIT_SRCS:%.c=$(B)/%.o) $(UNIT_LIB_SRCS:%.c=$(B)/%.o) | deps
	$(CC) $(CFLAGS) $^ $(UNIT_CHECK_LIBS) -lm -o $@

# A locale whose decimal point is ',', for the test that the float format
# ignores the locale (KM_LOCALE_REQUIRED: it fails without one; run by
# hand without that, it says "skipped"). localedef needs the locales package.
$(UNIT_LOCALES)/.stamp: | deps
	@scripts/deps.sh locales
	@mkdir -p $(dir $@)
	@localedef -i de_DE -f UTF-8 $(dir $@)de_DE.UTF-8 || \
		{ echo "kmetrics: localedef -i de_DE -f UTF-8 failed" >&2; exit 1; }
	@touch $@

check-unit: $(B)/tests/lib/run-unit $(UNIT_LOCALES)/.stamp
	$(UNIT_ENV) $<

# The same tests under AddressSanitizer and UBSan, lib/ rebuilt alongside.
ASAN_DIR	:= $(B)/asan
ASAN_CFLAGS	:= -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
		   -fno-sanitize-recover=undefined

$(ASAN_DIR)/lib/%.o: lib/%.c lib/*/*.h | deps
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 $(ASAN_CFLAGS) $(KM_WARN) -Ilib -c $< -o $@

$(ASAN_DIR)/tests/lib/%.o: tests/lib/%.c lib/*/*.h | deps
	@mkdir -p $(dir $@)
	$(CC) $(ASAN_CFLAGS) $(UNIT_CFLAGS) -c $< -o $@

$(ASAN_DIR)/tests/lib/run-unit: $(UNIT_SRCS:%.c=$(ASAN_DIR)/%.o) \
				 $(UNIT_LIB_SRCS:%.c=$(ASAN_DIR)/%.o) | deps
	$(CC) $(ASAN_CFLAGS) $^ $(UNIT_CHECK_LIBS) -lm -o $@

check-unit-asan: $(ASAN_DIR)/tests/lib/run-unit $(UNIT_LOCALES)/.stamp
	$(UNIT_ENV) UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 $<

# lib/ is linked into the plugin, which g++ builds: each file must compile
# as C++, and all of them included into one file must not clash.
LIB_CXX_FLAGS	:= -std=gnu++11 -fno-rtti -fno-exceptions
LIB_CXX_SRCS	= $(wildcard lib/*/*.c)

check-lib-cxx: | deps
	@mkdir -p $(B)/cxx
	@set -e; for f in $(LIB_CXX_SRCS); do \
		echo "  CXX     $$f"; \
		$(CXX) -x c++ $(LIB_CXX_FLAGS) $(KM_WARN) -Ilib -c $$f \
			-o $(B)/cxx/$$(basename $$f .c).o; \
	done
	@printf '#include "$(CURDIR)/%s"\n' $(LIB_CXX_SRCS) > $(B)/cxx/lib-one-tu.c
	@echo "  CC/CXX  lib/*/*.c as one translation unit"
	@$(CC) -std=gnu11 $(KM_WARN) -Ilib -c $(B)/cxx/lib-one-tu.c -o $(B)/cxx/lib-one-tu-c.o
	@$(CXX) -x c++ $(LIB_CXX_FLAGS) $(KM_WARN) -Ilib -c $(B)/cxx/lib-one-tu.c \
		-o $(B)/cxx/lib-one-tu-cxx.o

.PHONY: check-unit check-unit-asan check-lib-cxx check-graph
CHECK_TARGETS += check-unit check-unit-asan check-lib-cxx check-graph

$(B)/tests/lib/graph/test_graph: tests/lib/graph/test_graph.c $(B)/libkm.a | deps
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 $(CFLAGS) $(KM_WARN) -Ilib $< $(B)/libkm.a \
		$$(pkg-config --cflags --libs check) -o $@

check-graph: $(B)/tests/lib/graph/test_graph
	$(B)/tests/lib/graph/test_graph

# lib/diff reads datasets with lib/dataset, whose C4 (git_ages.c) walks with lib/history
$(B)/tests/lib/diff/test-diff: tests/lib/diff/test_diff.c $(B)/libkm.a $(B)/libkmhist.a | deps
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 $(CFLAGS) $(KM_WARN) -Ilib $< $(B)/libkm.a $(B)/libkmhist.a \
		$$(pkg-config --cflags --libs check) -lgit2 -lsqlite3 -lm -o $@

.PHONY: check-outputs
check-outputs: $(B)/kmetrics-merge $(B)/kmetrics-diff $(B)/kmetrics-report
	tests/lib/io/outputs.sh $^

CHECK_TARGETS += check-outputs
