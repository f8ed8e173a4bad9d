/* SPDX-License-Identifier: GPL-2.0 */
/*
 * km_elfembed.h - records and companion embedded in object files
 * (-fplugin-arg-kmetrics-embed), and reading them back from objects and
 * ar archives, thin ones included; and an object's function symbols.
 *
 * The section: KM_EMBED_SECTION, ".discard.kmetrics", type PROGBITS,
 * flags SHF_EXCLUDE only (gas "e"), alignment 1. Never loaded (no
 * SHF_ALLOC). Why both the name and the flag:
 *   - the kernel's linker scripts discard .discard.* (COMMON_DISCARDS in
 *     include/asm-generic/vmlinux.lds.h, scripts/module.lds.S), so vmlinux
 *     and modules link without an orphan warning and do not grow;
 *   - GNU ld drops SHF_EXCLUDE sections from any final link, with or
 *     without a linker script, without an orphan warning; a plain
 *     non-SHF_ALLOC section would be an orphan under --orphan-handling;
 *   - `ld -r` keeps SHF_EXCLUDE sections, concatenating the inputs.
 *
 * The contents: one or more blobs, back to back (ld -r concatenates the
 * sections of its inputs); NUL bytes between blobs are padding and skipped.
 * One blob, format version 1:
 *
 *   "kmetrics-embed 1 <rlen> <glen>\n"   header, decimal byte counts
 *   <rlen bytes>                          the sidecar's records, as written
 *   <glen bytes>                          the companion (km_companion.h)
 *
 * A reader that meets another version number stops with an error naming
 * it. Plain C, compiles as C11 and as C++.
 */
#ifndef KM_ELFEMBED_H
#define KM_ELFEMBED_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KM_EMBED_SECTION	".discard.kmetrics"
#define KM_EMBED_MAGIC		"kmetrics-embed"
#define KM_EMBED_VERSION	1

/*
 * One blob. @member is the object it came from: @path itself for an
 * object file, "ARCHIVE(MEMBER)" for a member stored in an archive, the
 * member's own path (relative to the archive's directory, as ar resolves
 * it) for a member of a thin archive. @records and @graph are not
 * NUL-terminated and live only during the call. Return 0 to go on,
 * anything else to stop the walk (km_embed_read then returns -2).
 */
typedef int (*km_embed_cb)(void *ctx, const char *member, const char *records,
			   size_t rlen, const char *graph, size_t glen);

/*
 * Read every blob in @path: an ELF object (32 or 64 bit, either byte
 * order), an ar archive, or a GNU thin archive (members are read from
 * their paths; nested archives are walked). Returns the number of blobs
 * handed to @cb (0: nothing embedded, e.g. compiled without embed), -1 with
 * "reason" in @err when @path cannot be read or is malformed, -2 when @cb
 * stopped the walk.
 */
int km_embed_read(const char *path, km_embed_cb cb, void *ctx, char *err, size_t errlen);

/* 1 when @path starts like an ELF file or an ar archive, else 0. */
int km_embed_is_object(const char *path);

/*
 * Parse the blobs in one section's @data of @len bytes (what
 * km_embed_read does per object). Same returns as km_embed_read.
 */
int km_embed_parse(const char *member, const char *data, size_t len, km_embed_cb cb,
		   void *ctx, char *err, size_t errlen);

/*
 * One function symbol an object defines (STT_FUNC, not undefined): its name
 * (a clone's too: foo.isra.0, foo.cold) and st_size. Return 0 to go on.
 */
typedef int (*km_elf_func_cb)(void *ctx, const char *name, unsigned long long size);

/*
 * Every function symbol the ELF object @path (not an archive) defines, to
 * @cb. Returns 0, -1 with "path: reason" in @err, -2 when @cb stopped.
 */
int km_elf_funcs(const char *path, km_elf_func_cb cb, void *ctx, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* KM_ELFEMBED_H */
