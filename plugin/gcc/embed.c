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
 * ".discard.kmetrics", flags "e" (SHF_EXCLUDE, not SHF_ALLOC), as
 * lib/unit/km_outputs.h writes it (the Clang plugin hands the same text
 * to its code generation):
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
#include "unit/km_outputs.h"

bool km_embed(const char *records, size_t rlen, const char *graph, size_t glen,
	      char *err, size_t errlen)
{
	struct km_buf text;
	bool ok;

	/* lto1 (the plugin given at an LTO link) has no front end: nothing to add */
	if (in_lto_p)
		return true;
	if (!asm_out_file) {
		snprintf(err, errlen, "no assembler output at the end of the unit");
		return false;
	}
	km_buf_init(&text);
	km_outputs_embed_asm(&text, records, rlen, graph, glen);
	ok = !text.oom && fwrite(text.p, 1, text.len, asm_out_file) == text.len &&
	     !ferror(asm_out_file);
	if (!ok)
		snprintf(err, errlen, text.oom ? "out of memory" : "cannot write the assembler output");
	km_buf_free(&text);
	return ok;
}
