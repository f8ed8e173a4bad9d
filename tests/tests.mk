# ---------------------------------------------------------------------------
# Unit tests of lib/ (record, companion, io, paths) - included by the top Makefile.
#
#   make check-unit        build and run build/tests/unit/run-unit (Check)
#   make check-unit-asan   the same with ASan + UBSan, built under build/asan/
#   make check-lib-cxx     every lib/*.c compiles as C++, and lib/ compiles
#                          as one translation unit (no file-scope name clash)
#
# One test:  CK_RUN_SUITE=record CK_RUN_CASE="..." build/tests/unit/run-unit
# The unit tests link record.o, repr.o, companion.o, io.o, halstead.o and paths.o (graph.o has its own runner).
# ---------------------------------------------------------------------------

# Listed, not globbed: other modules' tests (test_graph.c)
# live in tests/unit/ too and are built by their own rules.
UNIT_SRCS	:= tests/unit/run_unit.c tests/unit/test_record.c \
		   tests/unit/test_companion.c tests/unit/test_companion2.c tests/unit/test_io.c \
		   tests/unit/test_halstead.c tests/unit/test_record_check.c \
		   tests/unit/test_paths.c
UNIT_LIB_SRCS	:= lib/record.c lib/repr.c lib/companion.c lib/companion_write.c lib/io.c lib/halstead.c \
		   lib/paths.c
# Asked when the recipe runs (the shell's $$(...)), after deps installed check.
UNIT_CHECK_CFLAGS = $$(pkg-config --cflags check)
UNIT_CHECK_LIBS	= $$(pkg-config --libs check)
UNIT_REFERENCE	:= $(abspath tests/data/kvm-x86-records.txt)
UNIT_CFLAGS	= -std=gnu11 $(KM_WARN) -Ilib $(UNIT_CHECK_CFLAGS) \
		  -DKM_REFERENCE='"$(UNIT_REFERENCE)"'
UNIT_LOCALES	:= $(B)/tests/locale
UNIT_ENV	= LOCPATH=$(abspath $(UNIT_LOCALES)) KM_LOCALE_REQUIRED=1 CK_DEFAULT_TIMEOUT=120

$(B)/tests/unit/%.o: tests/unit/%.c lib/*.h | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(UNIT_CFLAGS) -c $< -o $@

$(B)/tests/unit/run-unit: $(UNIT_SRCS:%.c=$(B)/%.o) $(UNIT_LIB_SRCS:%.c=$(B)/%.o) | deps
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

check-unit: $(B)/tests/unit/run-unit $(UNIT_LOCALES)/.stamp
	$(UNIT_ENV) $<

# The same tests under AddressSanitizer and UBSan, lib/ rebuilt alongside.
ASAN_DIR	:= $(B)/asan
ASAN_CFLAGS	:= -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
		   -fno-sanitize-recover=undefined

$(ASAN_DIR)/lib/%.o: lib/%.c lib/*.h | deps
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 $(ASAN_CFLAGS) $(KM_WARN) -Ilib -c $< -o $@

$(ASAN_DIR)/tests/unit/%.o: tests/unit/%.c lib/*.h | deps
	@mkdir -p $(dir $@)
	$(CC) $(ASAN_CFLAGS) $(UNIT_CFLAGS) -c $< -o $@

$(ASAN_DIR)/tests/unit/run-unit: $(UNIT_SRCS:%.c=$(ASAN_DIR)/%.o) \
				 $(UNIT_LIB_SRCS:%.c=$(ASAN_DIR)/%.o) | deps
	$(CC) $(ASAN_CFLAGS) $^ $(UNIT_CHECK_LIBS) -lm -o $@

check-unit-asan: $(ASAN_DIR)/tests/unit/run-unit $(UNIT_LOCALES)/.stamp
	$(UNIT_ENV) UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 $<

# lib/ is linked into the plugin, which g++ builds: each file must compile
# as C++, and all of them included into one file must not clash.
LIB_CXX_FLAGS	:= -std=gnu++11 -fno-rtti -fno-exceptions
LIB_CXX_SRCS	= $(wildcard lib/*.c)

check-lib-cxx: | deps
	@mkdir -p $(B)/cxx
	@set -e; for f in $(LIB_CXX_SRCS); do \
		echo "  CXX     $$f"; \
		$(CXX) -x c++ $(LIB_CXX_FLAGS) $(KM_WARN) -Ilib -c $$f \
			-o $(B)/cxx/$$(basename $$f .c).o; \
	done
	@printf '#include "$(CURDIR)/%s"\n' $(LIB_CXX_SRCS) > $(B)/cxx/lib-one-tu.c
	@echo "  CC/CXX  lib/*.c as one translation unit"
	@$(CC) -std=gnu11 $(KM_WARN) -Ilib -c $(B)/cxx/lib-one-tu.c -o $(B)/cxx/lib-one-tu-c.o
	@$(CXX) -x c++ $(LIB_CXX_FLAGS) $(KM_WARN) -Ilib -c $(B)/cxx/lib-one-tu.c \
		-o $(B)/cxx/lib-one-tu-cxx.o

.PHONY: check-unit check-unit-asan check-lib-cxx
CHECK_TARGETS += check-unit check-unit-asan check-lib-cxx

# ---- end of the unit-test block; golden-test rules follow below ----------
