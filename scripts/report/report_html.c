// SPDX-License-Identifier: GPL-2.0
/*
 * report_html.c - the one HTML file: the page's script and style, which
 * esbuild bundled from web/ at build time (build/report/report.js and
 * report.css, linked into this program with .incbin), and the data as JSON
 * in two <script type="application/json"> elements that the script reads:
 * the first screen's before it, the rest after it.
 * Nothing is fetched: the page's Content-Security-Policy allows no source
 * but the page itself, so it opens offline, from a mail or a CI artifact.
 * Its one script runs by its SHA-256 (report_csp.h, made with the bundle):
 * no other script, inline event handler or eval runs, no form is sent and
 * no <base> moves its links, so a name that slipped into the page as
 * markup would still be inert. The page makes every dataset string text.
 * The page is written as it is made: a column at a time reaches the sink
 * (report.c: the temporary file that replaces -o FILE at the end).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "companion/km_companion.h"
#include "report.h"
#include "report_csp.h"	/* RP_SCRIPT_SHA256, made from the bundle (report.mk) */

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

/*
 * Styles stay inline: AG Grid and ECharts set them from the script (CSS
 * cannot run script, and with default-src 'none' it cannot fetch).
 */
#define RP_CSP	"default-src 'none'; script-src 'sha256-" RP_SCRIPT_SHA256 "'; " \
		"style-src 'unsafe-inline'; img-src data: blob:; font-src data:; " \
		"base-uri 'none'; form-action 'none'"

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

void rp_html_head(struct km_buf *out, const char *title)
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
}

/* The script runs once the parser reaches it: the data's second part is still coming. */
void rp_html_script(struct km_buf *out)
{
	km_buf_puts(out, "</script>\n<script>\n");
	km_buf_append(out, rp_js, (size_t)(rp_js_end - rp_js));
	km_buf_puts(out, "</script>\n<script id=\"km-data-rest\" type=\"application/json\">\n");
}

void rp_html_tail(struct km_buf *out)
{
	km_buf_puts(out, "</script>\n</body>\n</html>\n");
}

void rp_progress(const char *what, size_t mb)
{
	if (!*what)
		fputs("\r\033[K", stderr);
	else if (mb)
		fprintf(stderr, "\r%s: %s: %zu MiB", RP_PROG, what, mb);
	else
		fprintf(stderr, "\r%s: %s...", RP_PROG, what);
	fflush(stderr);
}

/* Past this many bytes the sink hands its buffer to its file. */
#define RP_SINK_CHUNK	(4u << 20)

void rp_sink_flush(struct rp_sink *s, int all)
{
	if (!s->f || s->err || (!all && s->b.len < RP_SINK_CHUNK))
		return;
	if (s->b.len && fwrite(s->b.p, 1, s->b.len, s->f) != s->b.len)
		s->err = errno ? errno : EIO;
	s->written += s->b.len;
	s->b.len = 0;
	if (s->tty)
		rp_progress("writing the page", s->written >> 20);
}
