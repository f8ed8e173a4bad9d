/* SPDX-License-Identifier: GPL-2.0 */
/*
 * km_outputs.h - what every kmetrics compiler plugin (GCC's plugin/ and
 * Clang's plugin/clang/) does with the texts it made: write the sidecar
 * and its companion beside the object (or under outdir), put both into the
 * object as assembler text (embed), and read the kernel tree's provenance.
 * Plain C, compiles as C11 and as C++; the unit tests link it without a
 * compiler.
 */
#ifndef KM_OUTPUTS_H
#define KM_OUTPUTS_H

#include <stddef.h>

#include "companion/km_companion.h"
#include "io/km_io.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The sidecar of @object (OBJECT.kmetrics, or under @outdir mirroring the
 * object's path taken against @cwd) and its companion, each whole or not
 * at all. The old sidecar goes first, so a compile killed in between
 * leaves a companion without a sidecar (never read), not an old sidecar
 * with a new companion; two compiles writing the same object at once take
 * turns on a lock of its directory (km_lock_dir_of), so the pair left is
 * one compile's. Returns 0, or -1 with "cannot write SIDECAR:
 * reason" in @err (the companion is a detail of its sidecar).
 */
int km_outputs_write(const char *outdir, const char *cwd, const char *object,
		     const char *records, size_t rlen, const char *graph, size_t glen,
		     char *err, size_t errlen);

/*
 * Assembler text that appends one kmetrics-embed blob (km_elfembed.h) of
 * @records and @graph to the section .discard.kmetrics (flags "e",
 * SHF_EXCLUDE) between .pushsection and .popsection, so the compiler's own
 * idea of the current section stays true. Appended to @out.
 */
void km_outputs_embed_asm(struct km_buf *out, const char *records, size_t rlen,
			  const char *graph, size_t glen);

/*
 * The companion's kernel line when the compile runs at the top of a kernel
 * tree (kbuild's working directory): include/config/kernel.release into
 * @release (@len bytes) and the hash of .config. Leaves @c alone otherwise.
 */
void km_outputs_kernel(struct km_companion *c, char *release, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* KM_OUTPUTS_H */
