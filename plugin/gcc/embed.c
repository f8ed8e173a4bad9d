// SPDX-License-Identifier: GPL-2.0
/*
 * embed.c - records and companion inside the object (-fplugin-arg-kmetrics-embed).
 *
 * Why: a ccache hit never runs cc1, and distcc/icecream run it on another
 * machine, so a sidecar is missing or lands elsewhere; the object file is
 * the one artifact that always comes back. With embed, kmetrics.c hands
 * both texts to km_embed() at PLUGIN_FINISH_UNIT, after the sidecar.
 *
 * How: PLUGIN_FINISH_UNIT runs in toplev's compile_file() after the last
 * function, the debug info and .ident are out, and right before
 * targetm.asm_out.file_end(): asm_out_file is still open. We append one
 * blob (lib/companion/km_elfembed.h has the format) to the section
 * ".discard.kmetrics", flags "e" (SHF_EXCLUDE, not SHF_ALLOC):
 * the kernel's linker scripts discard .discard.*, GNU ld drops SHF_EXCLUDE
 * sections from every final link without an orphan warning, and ld -r
 * keeps and concatenates them. .pushsection/.popsection leave GCC's own
 * idea of the current section (in_section) true.
 *
 * With -flto the front end still runs, so the slim IR object carries the
 * section too (it is a plain ELF file); the link-time compile (lto1) has
 * no front end and embeds nothing. A link never keeps the section.
 *
 * Debugging: -save-temps (or -S) shows the blob at the end of the .s file;
 * `readelf -p .discard.kmetrics foo.o` or `objcopy -O binary
 * --only-section=.discard.kmetrics foo.o /dev/stdout` show it in the object.
 */
#include "kmetrics.h"
#include "output.h"
#include "companion/km_elfembed.h"

#define KM_ASCII_CHUNK	64	/* input bytes per .ascii line */

/* One byte as gas reads it inside a string: exactly three octal digits. */
static void km_emit_byte(FILE *f, unsigned char c)
{
	if (c == '\n')
		fputs("\\n", f);
	else if (c == '\t')
		fputs("\\t", f);
	else if (c == '"' || c == '\\')
		fprintf(f, "\\%c", c);
	else if (c < 0x20 || c >= 0x7f)
		fprintf(f, "\\%03o", c);
	else
		fputc(c, f);
}

static void km_emit_bytes(FILE *f, const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (i % KM_ASCII_CHUNK == 0)
			fputs(i ? "\"\n\t.ascii\t\"" : "\t.ascii\t\"", f);
		km_emit_byte(f, (unsigned char)p[i]);
	}
	if (len)
		fputs("\"\n", f);
}

bool km_embed(const char *records, size_t rlen, const char *graph, size_t glen,
	      char *err, size_t errlen)
{
	char header[96];
	int hlen;

	/* lto1 (the plugin given at an LTO link) has no front end: nothing to add */
	if (in_lto_p)
		return true;
	if (!asm_out_file) {
		snprintf(err, errlen, "no assembler output at the end of the unit");
		return false;
	}
	hlen = snprintf(header, sizeof(header), "%s %d %lu %lu\n", KM_EMBED_MAGIC,
			KM_EMBED_VERSION, (unsigned long)rlen, (unsigned long)glen);
	if (hlen < 0 || (size_t)hlen >= sizeof(header)) {
		snprintf(err, errlen, "cannot format the header");
		return false;
	}
	fprintf(asm_out_file, "\t.pushsection\t%s,\"e\",@progbits\n", KM_EMBED_SECTION);
	km_emit_bytes(asm_out_file, header, (size_t)hlen);
	km_emit_bytes(asm_out_file, records, rlen);
	km_emit_bytes(asm_out_file, graph, glen);
	fputs("\t.popsection\n", asm_out_file);
	if (ferror(asm_out_file)) {
		snprintf(err, errlen, "cannot write the assembler output");
		return false;
	}
	return true;
}
