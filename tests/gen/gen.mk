# Random functions against what their generator knows (issue 15): every
# && and || a real decision, through GCC's folds, at -O0/-O1/-O2/-Os.
#
#   make check-gen          fixed seeds, 450 functions (part of make check)
#   make fuzz-gen GEN_N=200 seeds 1001-1200 (part of make fuzz)
#
# One seed again: tests/gen/run.sh seed S [COUNT [SIZE]]. See tests/gen/run.sh.
GEN_N ?= 200
GEN_SRCS := tests/gen/gencode.c tests/gen/gencond.c tests/gen/genstmt.c tests/gen/genbuf.c

$(B)/gen/gencode: $(GEN_SRCS) tests/gen/gen.h | deps
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 $(CFLAGS) $(KM_WARN) $(GEN_SRCS) -o $@

.PHONY: check-gen fuzz-gen
check-gen: $(B)/kmetrics.so $(B)/gen/gencode
	tests/gen/run.sh check

fuzz-gen: $(B)/kmetrics.so $(B)/gen/gencode
	tests/gen/run.sh fuzz $(GEN_N)

fuzz: fuzz-gen
CHECK_TARGETS += check-gen
