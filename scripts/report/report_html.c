// SPDX-License-Identifier: GPL-2.0
/*
 * report_html.c - the one HTML file: the page's script and style, which
 * esbuild bundled from web/ at build time (build/report/report.js and
 * report.css, linked into this program with .incbin), and the data as JSON
 * in a <script type="application/json"> element that the script reads.
 * Nothing is fetched: the page's Content-Security-Policy allows no source
 * but the page itself, so it opens offline, from a mail or a CI artifact.
 */
#include <string.h>

#include "companion/km_companion.h"
#include "report.h"

#ifndef KM_REPORT_JS
#error "KM_REPORT_JS names the bundled script (build/report/report.js)"
#endif
#ifndef KM_REPORT_CSS
#error "KM_REPORT_CSS names the bundled style (build/report/report.css)"
#endif

__asm__(
"	.pushsection .rodata\n"
"	.global rp_js\n"
"rp_js:\n"
"	.incbin \"" KM_REPORT_JS "\"\n"
"	.global rp_js_end\n"
"rp_js_end:\n"
"	.global rp_css\n"
"rp_css:\n"
"	.incbin \"" KM_REPORT_CSS "\"\n"
"	.global rp_css_end\n"
"rp_css_end:\n"
"	.popsection\n");

extern const char rp_js[], rp_js_end[], rp_css[], rp_css_end[];

#define RP_CSP	"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; " \
		"img-src data: blob:; font-src data:"

/* @s with &, <, >, " as entities. */
static void rp_html_text(struct km_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': km_buf_puts(b, "&amp;"); break;
		case '<': km_buf_puts(b, "&lt;"); break;
		case '>': km_buf_puts(b, "&gt;"); break;
		case '"': km_buf_puts(b, "&quot;"); break;
		default: km_buf_append(b, s, 1);
		}
	}
}

void rp_html(struct km_buf *out, const char *title, const struct km_buf *data)
{
	km_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<meta http-equiv=\"Content-Security-Policy\" content=\"" RP_CSP "\">\n"
		    "<meta name=\"generator\" content=\"" RP_PROG " " KM_VERSION "\">\n<title>");
	rp_html_text(out, title);
	km_buf_puts(out, "</title>\n<style>\n");
	km_buf_append(out, rp_css, (size_t)(rp_css_end - rp_css));
	km_buf_puts(out, "</style>\n</head>\n<body>\n<div id=\"km-app\"><noscript>This report "
		    "needs JavaScript.</noscript></div>\n"
		    "<script id=\"km-data\" type=\"application/json\">\n");
	km_buf_append(out, data->p, data->len);
	km_buf_puts(out, "</script>\n<script>\n");
	km_buf_append(out, rp_js, (size_t)(rp_js_end - rp_js));
	km_buf_puts(out, "</script>\n</body>\n</html>\n");
}
