# kmetrics-report (issue 13): the C generator and the page it embeds.
# Included by the top Makefile.
#
#   make build/kmetrics-report   the generator (scripts/report/*.c over lib/),
#                                with the page's script and style linked in
#   make report-web              only the page: build/report/report.js, .css
#
# The page (scripts/report/web/) uses npm packages pinned in
# scripts/report/package-lock.json: ag-grid-community (the table), echarts
# (the charts and the call graph), esbuild (bundles them into one script and
# one style), playwright-core (the browser tests; 1.61.1, the last that runs
# on Debian 12's Node.js 18: 1.62 wants Node.js 20). `npm ci` installs them
# into scripts/report/node_modules when that is missing or older than the
# lockfile; nothing else is downloaded (no browser: the tests drive Debian's
# chromium). Every package of the lockfile must run on Node.js 18.

REPORT_DIR	:= scripts/report
REPORT_NODE	:= $(REPORT_DIR)/node_modules
REPORT_SRCS	:= $(wildcard $(REPORT_DIR)/*.c)
REPORT_WEB	:= $(wildcard $(REPORT_DIR)/web/*.js $(REPORT_DIR)/web/*.css)
REPORT_JS	:= $(B)/report/report.js
REPORT_CSS	:= $(B)/report/report.css
REPORT_CSP	:= $(B)/report/report_csp.h

.PHONY: report-web report-npm

# npm writes node_modules/.package-lock.json on every install: its age says
# whether node_modules follows the lockfile.
$(REPORT_NODE)/.package-lock.json: $(REPORT_DIR)/package-lock.json $(REPORT_DIR)/package.json | deps
	@scripts/deps.sh nodejs npm
	cd $(REPORT_DIR) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

report-npm: $(REPORT_NODE)/.package-lock.json

# One script and one style, minified; esbuild escapes "</script" in strings,
# and the check after it makes sure neither can end its element early.
$(REPORT_JS): $(REPORT_WEB) $(REPORT_NODE)/.package-lock.json
	@mkdir -p $(dir $@)
	$(REPORT_NODE)/.bin/esbuild $(REPORT_DIR)/web/main.js --bundle --minify --format=iife \
		--target=es2020 --charset=utf8 --legal-comments=none --log-level=warning \
		--outfile=$@
	@! grep -qi '</script' $@ && ! grep -qi '</style' $(REPORT_CSS) || \
		{ echo "kmetrics: the bundle holds </script or </style" >&2; rm -f $@; exit 1; }

$(REPORT_CSS): $(REPORT_JS)

# The page's Content-Security-Policy allows its one script by its SHA-256
# (what report_html.c writes between <script> and </script>: a newline,
# then the bundle), and no other script, inline handler or eval.
$(REPORT_CSP): $(REPORT_JS)
	@h=$$({ printf '\n'; cat $(REPORT_JS); } | sha256sum | cut -c1-64 | tr a-f A-F | \
		basenc --base16 -d | base64) && [ $${#h} = 44 ] && \
		printf '#define RP_SCRIPT_SHA256 "%s"\n' "$$h" > $@

report-web: $(REPORT_JS)

$(B)/kmetrics-report: $(REPORT_SRCS) $(REPORT_DIR)/*.h $(REPORT_JS) $(REPORT_CSS) $(REPORT_CSP) $(B)/libkm.a $(B)/libkmhist.a | deps
	@mkdir -p $(dir $@)
	$(CC) $(MERGE_TOOLS_CFLAGS) -I$(REPORT_DIR) -I$(B)/report -DKM_REPORT_JS='"$(REPORT_JS)"' \
		-DKM_REPORT_CSS='"$(REPORT_CSS)"' $(REPORT_SRCS) $(B)/libkm.a $(B)/libkmhist.a $(LDFLAGS) -lgit2 -lsqlite3 -lz -lm -o $@
