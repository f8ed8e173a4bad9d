/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lib/compile/ - what the plugin reads of the compile it runs in, plain C so
 * that the unit tests try it without GCC:
 *   km_paths.h  which object the compile writes, where its sidecar goes (paths.c)
 *   km_src.h    the source files' text, read once, and the little lexing the
 *               plugin needs of it (src.c)
 *
 * km_paths.h - which object a compile writes and where its sidecar goes.
 *
 * The plugin runs inside cc1, which the driver (gcc) hands only the names
 * it needs itself (-dumpdir, -dumpbase, the .s to write); the object the
 * user asked for is in COLLECT_GCC_OPTIONS, which the driver sets for every
 * program it runs: "'-c' '-o' 'sub/x.o' ...", each option quoted, a quote
 * inside written '\''. These functions are plain C, so the unit tests can
 * try every spelling without GCC; compiles as C11 and as C++.
 */
#ifndef KM_PATHS_H
#define KM_PATHS_H

#ifdef __cplusplus
extern "C" {
#endif

/* What the driver's options say about the output of this compile. */
struct km_driver_opts {
	int compile_only;	/* -c: stop at the object */
	int asm_only;		/* -S: stop at the assembler file (wins over -c) */
	char *output;		/* the -o argument (malloc'ed), NULL without one */
};

/*
 * Parse @env, a COLLECT_GCC_OPTIONS value, into @o. Returns 0, or -1 when
 * it is not in the driver's quoting (then @o holds nothing to free).
 */
int km_driver_opts_parse(const char *env, struct km_driver_opts *o);
void km_driver_opts_free(struct km_driver_opts *o);

/*
 * Whether @path names no file a sidecar could sit beside: "-" (standard
 * output), or an existing path that is not a regular file once symbolic
 * links are followed (/dev/null, /dev/stdout, a FIFO, a directory).
 */
int km_path_is_special(const char *path);

/*
 * The sidecar of @object under @outdir: OUTDIR/OBJECT@suffix, OBJECT's
 * path normalised by its text ("." and empty components dropped, "d/.."
 * folded away). An absolute path is mirrored below OUTDIR; a relative one
 * that still climbs out of the working directory ("../b.o") is taken
 * against @cwd first and mirrored as an absolute one, so that nothing
 * lands outside OUTDIR. malloc'ed; NULL when out of memory.
 */
char *km_outdir_path(const char *outdir, const char *cwd, const char *object,
		     const char *suffix);

#ifdef __cplusplus
}
#endif

#endif /* KM_PATHS_H */
