// SPDX-License-Identifier: GPL-2.0
/*
 * sidecar.c - which object this compile writes, and writing its sidecar
 * and companion beside it (or under -fplugin-arg-kmetrics-outdir).
 *
 * The object: cc1 sees only what the driver hands it ("-dumpdir sub/
 * -dumpbase x.c" for "-c ... -o sub/x.o"; for "-o /dev/null" or "-o -"
 * just "-dumpbase a.c", and with -save-temps it writes a.s itself), so
 * the object the user named is read from the driver's COLLECT_GCC_OPTIONS
 * (lib/compile/km_paths.h) and the dump names are only the fallback when cc1 runs
 * without a driver. An object that is no regular file (/dev/null, "-",
 * a FIFO: configure scripts and kbuild's probes compile to /dev/null)
 * gets no sidecar, so that it never overwrites the sidecar of a real
 * object that happens to share the dump names.
 *
 * Debugging: `gcc -v` prints COLLECT_GCC_OPTIONS as the driver sets it;
 * -fplugin-arg-kmetrics-debug says when an object gets no sidecar.
 */
#include "kmetrics.h"
#include "compile/km_paths.h"

/* The object from the dump names: @kind 'o' or 's', or 0 to guess as cc1 alone can. */
static char *km_dump_object(char kind)
{
	/* toplev usually has put the directory in front of the base already */
	const char *dir = dump_dir_name && !dump_base_name_prefixed ? dump_dir_name : "";
	const char *base = dump_base_name ? dump_base_name : main_input_filename;
	const char *ext = dump_base_ext ? dump_base_ext : "";
	const char *dot;
	size_t blen, elen = strlen(ext);
	char *obj;

	if (!base)
		return NULL;
	blen = strlen(base);
	dot = strrchr(base, '.');
	if (elen && blen > elen && !strcmp(base + blen - elen, ext))
		blen -= elen;
	else if (dot && !strchr(dot, '/'))
		blen = dot - base;
	obj = XNEWVEC(char, strlen(dir) + blen + 3);
	sprintf(obj, "%s%.*s.%c", dir, (int)blen, base, kind ? kind : 'o');
	if (!kind && asm_file_name) {
		obj[strlen(obj) - 1] = 's';
		if (strcmp(obj, asm_file_name))	/* unless -S: the .s is the output */
			obj[strlen(obj) - 1] = 'o';
	}
	return obj;
}

/*
 * The object this compile writes: the driver's -o with -c (the .s with -S),
 * else the name the dump names give (a link's temporary object).
 */
char *km_object_path(void)
{
	const char *env = getenv("COLLECT_GCC_OPTIONS");
	struct km_driver_opts d;
	char *obj;

	if (!env || km_driver_opts_parse(env, &d))
		return km_dump_object(0);
	if (d.output && (d.compile_only || d.asm_only))
		obj = xstrdup(d.output);
	else if (d.asm_only && asm_file_name)
		obj = xstrdup(asm_file_name);
	else
		obj = km_dump_object(d.asm_only ? 's' : 'o');
	km_driver_opts_free(&d);
	return obj;
}

/* mkdir -p of @path's directories; the first error that matters, or 0. */
static int km_mkdirs(char *path)
{
	int err = 0;
	char *p;

	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(path, 0777) && errno != EEXIST && !err)
			err = errno;
		*p = '/';
	}
	return err;
}

static char *km_sidecar_path(const char *outdir, const char *object, int *mkdir_err)
{
	char *path;

	*mkdir_err = 0;
	if (!outdir)
		return concat(object, ".kmetrics", NULL);
	path = km_outdir_path(outdir, getpwd(), object, ".kmetrics");
	if (path)
		*mkdir_err = km_mkdirs(path);	/* it matters only if the write fails */
	return path;
}

/*
 * The sidecar and its companion, each whole or not at all. The old sidecar
 * goes first, so a compile killed in between leaves a companion without a
 * sidecar (never read), not an old sidecar with a new companion. Two
 * compiles writing the same object at once take turns on a lock of the
 * directory, so the pair left is one compile's; where the lock cannot be
 * taken, the companion's records line tells the merge tool they crossed.
 */
void km_write_outputs(const char *outdir, const char *records, size_t rlen,
		      const char *graph, size_t glen, const char *object)
{
	int mkdir_err;
	char *side = km_sidecar_path(outdir, object, &mkdir_err);
	char *comp;
	char err[512];
	int lock;

	if (!side) {
		km_problem("kmetrics: %s: out of memory, no sidecar written%s", object, "");
		return;
	}
	comp = concat(side, KM_COMPANION_SUFFIX, NULL);
	/* compiles of one object at once: one pair after another, never crossed */
	lock = km_lock_dir_of(side);
	if (unlink(side) && errno != ENOENT && errno != ENOTDIR && !mkdir_err)
		mkdir_err = errno;
	if (km_write_file_atomic(comp, graph, glen, err, sizeof(err))) {
		/* name the sidecar: the companion is a detail of it */
		const char *reason = strlen(err) > strlen(comp) + 2 ? err + strlen(comp) + 2 : err;

		km_problem("kmetrics: cannot write %s: %s", side,
			   mkdir_err ? xstrerror(mkdir_err) : reason);
	} else if (km_write_file_atomic(side, records, rlen, err, sizeof(err))) {
		unlink(comp);
		if (mkdir_err)
			snprintf(err, sizeof(err), "%s: %s", side, xstrerror(mkdir_err));
		km_problem("kmetrics: cannot write %s%s", err, "");
	}
	km_unlock_dir(lock);
	free(comp);
	free(side);
}
