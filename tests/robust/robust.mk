# Robustness (tracker issue 5, the compiler side): the plugin never breaks
# a build. check-robust runs a fixed sample in make check (under 3 minutes
# on 2 cores); fuzz runs the whole gcc.c-torture/compile corpus plus N
# csmith seeds (make fuzz N=50). See tests/robust/run.sh.
N ?= 200
ROBUST_TOOLS := $(B)/robust/check_sidecar $(B)/robust/killer

$(B)/robust/check_sidecar: tests/robust/check_sidecar.c $(B)/libkm.a lib/*/*.h | deps
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 $(CFLAGS) $(KM_WARN) -Ilib $< $(B)/libkm.a -lm -o $@

$(B)/robust/killer: tests/robust/killer.c | deps
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 $(CFLAGS) $(KM_WARN) $< -o $@

.PHONY: check-robust fuzz
check-robust: $(B)/kmetrics.so $(ROBUST_TOOLS)
	tests/robust/run.sh check

fuzz: $(B)/kmetrics.so $(ROBUST_TOOLS)
	tests/robust/run.sh fuzz $(N)

CHECK_TARGETS += check-robust
