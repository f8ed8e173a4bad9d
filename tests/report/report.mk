# kmetrics-report's tests and benchmark (issue 13) - included by the top
# Makefile after the kernel's tests, whose prepared tree the kvm test reuses.
#
#   make check-report          tests/report/run.sh (the generator, no browser:
#                              command line, bad input, every column against
#                              kmetrics-merge, --baseline against kmetrics-diff)
#                              and the fixture's page in headless chromium
#                              (tests/report/browser.cjs)
#   make check-report-valgrind tests/report/run.sh with the generator under valgrind
#   make check-report-kernel   the kvm report of the kernel tests in chromium:
#                              no console error, kvm_set_msr_common first by
#                              C2, a filter, a function's callers
#                              (tests/report/kernel.sh); screenshots in
#                              build/tests/report/
#   make bench-report          report-scale: 100,000 functions of the
#                              synthetic build: seconds and MiB of the page,
#                              seconds until chromium shows the table's rows

.PHONY: check-report check-report-valgrind check-report-kernel bench-report report-chromium

REPORT_T	:= $(B)/tests/report
# playwright-core from scripts/report/node_modules, chromium from Debian.
REPORT_BROWSER	:= NODE_PATH=$(abspath $(REPORT_NODE)) node tests/report/browser.cjs

report-chromium: | deps
	@scripts/deps.sh chromium

check-report: $(B)/kmetrics-report $(B)/kmetrics-merge $(B)/kmetrics-diff report-npm report-chromium
	tests/report/run.sh $(B)/kmetrics-report $(B)/kmetrics-merge $(B)/kmetrics-diff
	@mkdir -p $(REPORT_T)
	$(B)/kmetrics-report --scope=build --baseline=tests/report/old \
		--title="kmetrics report: tests/report/new against tests/report/old" \
		-o $(REPORT_T)/fixture.html tests/report/new
	$(REPORT_BROWSER) $(REPORT_T)/fixture.html $(REPORT_T)/fixture tests/report/fixture.json
	$(REPORT_BROWSER) --load $(REPORT_T)/gen/empty.html $(REPORT_T)/gen/narrow.html

check-report-valgrind: $(B)/kmetrics-report $(B)/kmetrics-merge $(B)/kmetrics-diff
	KM_REPORT_VALGRIND=1 tests/report/run.sh $(B)/kmetrics-report $(B)/kmetrics-merge $(B)/kmetrics-diff

check-report-kernel: $(B)/kmetrics.so $(B)/kmetrics-merge $(B)/kmetrics-report report-npm report-chromium
	$(KM_TEST_ENV) KM_REPORT="$(abspath $(B)/kmetrics-report)" \
		NODE_PATH="$(abspath $(REPORT_NODE))" tests/report/kernel.sh

# The synthetic build of 100,000 functions, made again when the generator changed.
REPORT_BENCH_N	:= 100000
$(B)/bench/report-synthetic.stamp: $(B)/gen-synthetic
	rm -rf $(B)/bench/report-synthetic
	$(B)/gen-synthetic $(REPORT_BENCH_N) $(B)/bench/report-synthetic > /dev/null
	touch $@

bench-report: $(B)/kmetrics-report $(B)/bench-time $(B)/bench/report-synthetic.stamp report-npm report-chromium
	@$(B)/bench-time $(B)/bench/report-scale.time $(B)/kmetrics-report --scope=build \
		-o $(B)/bench/report-scale.html $(B)/bench/report-synthetic
	@r=$$($(REPORT_BROWSER) --render $(B)/bench/report-scale.html) && \
	echo "report-scale: functions=$$(python3 tests/report/payload.py get $(B)/bench/report-scale.html functions)" \
		"$$(sed 's/ maxrss_mib=.*//' $(B)/bench/report-scale.time)" \
		"mib=$$(stat -c %s $(B)/bench/report-scale.html | awk '{ printf "%.1f", $$1 / 1048576 }')" "$$r"

CHECK_TARGETS += check-report check-report-valgrind check-report-kernel
BENCH_TARGETS += bench-report
