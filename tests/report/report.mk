# kmetrics-report's tests and benchmark (issue 13) - included by the top
# Makefile after the kernel's tests, whose prepared tree the kvm test reuses.
#
#   make check-report          tests/report/run.sh (the generator, no browser:
#                              command line, bad input, every column against
#                              kmetrics-merge, --baseline against kmetrics-diff)
#                              and the fixture's page in headless chromium
#                              (tests/report/browser.cjs); tests/report/hostile's
#                              page (names that are markup) hovered there: they
#                              stay text, the CSP holds (issue 21); the
#                              page's decoder (web/decode.js, under Node.js:
#                              tests/report/decode.mjs) and the page in
#                              chromium (browser.cjs --rows: rows picked and
#                              read back) against kmetrics-merge's csv, on the
#                              fixture and on gen-synthetic's 30,000
#                              functions (past the size where the table
#                              opens in stages)
#   make check-report-valgrind tests/report/run.sh with the generator under valgrind
#   make check-report-kernel   the kvm report of the kernel tests in chromium:
#                              no console error, kvm_set_msr_common first by
#                              C2, a filter, a function's callers
#                              (tests/report/kernel.sh); screenshots in
#                              build/tests/report/
#   make bench-report          report-scale: the synthetic build of 1M
#                              functions (bench-merge's, an allyesconfig-sized
#                              build): the generator's seconds and maxrss_mib,
#                              the page's page_mb (10^6 bytes), and in
#                              chromium first_row_seconds (navigation to the
#                              frame that paints the first rows), seen_seconds
#                              (until the test sees them) and charts_seconds,
#                              against the limit of writing the page's data
#                              once (cat of the sidecars and companions into
#                              one file: cat_seconds; ratio = seconds /
#                              cat_seconds)

.PHONY: check-report check-report-valgrind check-report-kernel bench-report report-chromium

REPORT_T	:= $(B)/tests/report
# playwright-core from scripts/report/node_modules, chromium from Debian.
REPORT_BROWSER	:= NODE_PATH=$(abspath $(REPORT_NODE)) node tests/report/browser.cjs

report-chromium: | deps
	@scripts/deps.sh chromium

# The decoder's test as esbuild bundles it for Node.js (web/ is ES modules).
$(REPORT_T)/decode.mjs: tests/report/decode.mjs tests/report/csv.cjs $(REPORT_WEB) $(REPORT_NODE)/.package-lock.json
	@mkdir -p $(dir $@)
	$(REPORT_NODE)/.bin/esbuild tests/report/decode.mjs --bundle --platform=node --format=esm \
		--log-level=warning --outfile=$@

REPORT_SYN	:= $(REPORT_T)/synthetic

check-report: $(B)/kmetrics-report $(B)/kmetrics-merge $(B)/kmetrics-diff $(B)/gen-synthetic \
		$(REPORT_T)/decode.mjs report-npm report-chromium
	tests/report/run.sh $(B)/kmetrics-report $(B)/kmetrics-merge $(B)/kmetrics-diff
	node $(REPORT_T)/decode.mjs $(REPORT_T)/gen/new.html $(REPORT_T)/gen/new-tu.csv
	python3 tests/report/payload.py get $(REPORT_T)/gen/facts.html calls > $(REPORT_T)/facts-calls.json
	node $(REPORT_T)/decode.mjs $(REPORT_T)/gen/facts.html $(REPORT_T)/gen/facts.csv $(REPORT_T)/facts-calls.json
	rm -rf $(REPORT_SYN) && $(B)/gen-synthetic 30000 $(REPORT_SYN) > /dev/null
	$(B)/kmetrics-merge --scope=build --format=csv -o $(REPORT_SYN).csv $(REPORT_SYN)
	$(B)/kmetrics-report --scope=build -o $(REPORT_SYN).html $(REPORT_SYN)
	python3 tests/report/payload.py columns $(REPORT_SYN).html $(REPORT_SYN).csv
	python3 tests/report/payload.py get $(REPORT_SYN).html calls > $(REPORT_SYN)-calls.json
	node $(REPORT_T)/decode.mjs $(REPORT_SYN).html $(REPORT_SYN).csv $(REPORT_SYN)-calls.json
	$(REPORT_BROWSER) --rows $(REPORT_T)/gen/new.html $(REPORT_T)/gen/new-tu.csv
	$(REPORT_BROWSER) --rows $(REPORT_SYN).html $(REPORT_SYN).csv 25
	@mkdir -p $(REPORT_T)
	$(B)/kmetrics-report --scope=build --baseline=tests/report/old \
		--title="kmetrics report: tests/report/new against tests/report/old" \
		-o $(REPORT_T)/fixture.html tests/report/new
	$(REPORT_BROWSER) $(REPORT_T)/fixture.html $(REPORT_T)/fixture tests/report/fixture.json
	$(REPORT_BROWSER) --load $(REPORT_T)/gen/empty.html $(REPORT_T)/gen/narrow.html
	$(B)/kmetrics-report -o $(REPORT_T)/hostile.html tests/report/hostile
	$(REPORT_BROWSER) --hostile $(REPORT_T)/hostile.html

check-report-valgrind: $(B)/kmetrics-report $(B)/kmetrics-merge $(B)/kmetrics-diff
	KM_REPORT_VALGRIND=1 tests/report/run.sh $(B)/kmetrics-report $(B)/kmetrics-merge $(B)/kmetrics-diff

check-report-kernel: $(B)/kmetrics.so $(B)/kmetrics-merge $(B)/kmetrics-report report-npm report-chromium
	$(KM_TEST_ENV) KM_REPORT="$(abspath $(B)/kmetrics-report)" \
		NODE_PATH="$(abspath $(REPORT_NODE))" tests/report/kernel.sh

bench-report: $(B)/kmetrics-report $(B)/bench-time $(B)/bench/synthetic.stamp report-npm report-chromium
	@$(B)/bench-time $(B)/bench/report-cat.time sh -c \
		'find "$$1" -type f -print0 | xargs -0 cat >"$$2"' sh $(B)/bench/synthetic $(B)/bench/report-cat.out
	@rm -f $(B)/bench/report-cat.out
	@$(B)/bench-time $(B)/bench/report-scale.time $(B)/kmetrics-report --scope=build \
		-o $(B)/bench/report-scale.html $(B)/bench/synthetic
	@r=$$($(REPORT_BROWSER) --render $(B)/bench/report-scale.html) && \
	echo "report-scale: functions=$$(python3 tests/report/payload.py get $(B)/bench/report-scale.html functions)" \
		"$$(cat $(B)/bench/report-scale.time)" \
		"page_mb=$$(stat -c %s $(B)/bench/report-scale.html | awk '{ printf "%.1f", $$1 / 1e6 }')" "$$r" \
		"cat_seconds=$(call bench_seconds,$(B)/bench/report-cat.time)" \
		"ratio=$(call bench_ratio,$(B)/bench/report-scale.time,$(B)/bench/report-cat.time)"

CHECK_TARGETS += check-report check-report-valgrind check-report-kernel
BENCH_TARGETS += bench-report
