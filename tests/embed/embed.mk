# Embedded records (issue 6): the extractor (a stand-in for kmetrics-merge
# reading objects) and the tests: section, archives, links, ccache, distcc,
# arch/x86/kvm. The reader module lib/companion/elfembed.c is compiled here directly,
# it needs no entry in LIB_SRCS for these tests.
.PHONY: check-embed
EMBED_DEPS_PKGS := ccache distcc

$(B)/km-embed-extract: tests/embed/extract.c lib/companion/elfembed.c lib/companion/km_elfembed.h | deps
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(CFLAGS) $(KM_WARN) -Ilib tests/embed/extract.c lib/companion/elfembed.c -o $@

# lib/companion/elfembed.c must also compile as C++ (project rule)
$(B)/embed/elfembed-cxx.o: lib/companion/elfembed.c lib/companion/km_elfembed.h | deps
	@mkdir -p $(dir $@)
	$(CXX) -x c++ -std=c++11 $(CFLAGS) $(KM_WARN) -Ilib -c $< -o $@

check-embed: $(B)/kmetrics.so $(B)/km-embed-extract $(B)/embed/elfembed-cxx.o
	@scripts/deps.sh --or-skip="check-embed's ccache and distcc parts" $(EMBED_DEPS_PKGS)
	tests/embed/run.sh

CHECK_TARGETS += check-embed
