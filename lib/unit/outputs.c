// SPDX-License-Identifier: GPL-2.0
/*
 * outputs.c - a plugin's texts written out (km_outputs.h): the sidecar and
 * companion pair, the embed blob as assembler text, the kernel provenance.
 * Shared by the GCC and the Clang plugin, which differ only in how they
 * learn the object's name and how their compiler takes assembler text.
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with outputs_.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "companion/km_elfembed.h"
#include "km_outputs.h"
#include "compile/km_paths.h"

/* mkdir -p of @path's directories; the first error that matters, or 0. */
static int outputs_mkdirs(char *path)
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

static char *outputs_concat(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = (char *)malloc(la + lb + 1);

	if (!s)
		return NULL;
	memcpy(s, a, la);
	memcpy(s + la, b, lb + 1);
	return s;
}

static char *outputs_sidecar_path(const char *outdir, const char *cwd, const char *object,
				  int *mkdir_err)
{
	char *path;

	*mkdir_err = 0;
	if (!outdir)
		return outputs_concat(object, ".kmetrics");
	path = km_outdir_path(outdir, cwd, object, ".kmetrics");
	if (path)
		*mkdir_err = outputs_mkdirs(path);	/* it matters only if the write fails */
	return path;
}

int km_outputs_write(const char *outdir, const char *cwd, const char *object,
		     const char *records, size_t rlen, const char *graph, size_t glen,
		     char *err, size_t errlen)
{
	int mkdir_err, ret = -1, lock;
	char *side = outputs_sidecar_path(outdir, cwd, object, &mkdir_err);
	char *comp = side ? outputs_concat(side, KM_COMPANION_SUFFIX) : NULL;
	char why[512];

	if (!comp) {
		snprintf(err, errlen, "%s: out of memory, no sidecar written", object);
		free(side);
		return -1;
	}
	/* compiles of one object at once: one pair after another, never crossed */
	lock = km_lock_dir_of(side);
	if (unlink(side) && errno != ENOENT && errno != ENOTDIR && !mkdir_err)
		mkdir_err = errno;
	if (km_write_file_atomic(comp, graph, glen, why, sizeof(why))) {
		/* name the sidecar: the companion is a detail of it */
		const char *reason = strlen(why) > strlen(comp) + 2 ? why + strlen(comp) + 2 : why;

		snprintf(err, errlen, "cannot write %s: %s", side,
			 mkdir_err ? strerror(mkdir_err) : reason);
	} else if (km_write_file_atomic(side, records, rlen, why, sizeof(why))) {
		unlink(comp);
		if (mkdir_err)
			snprintf(err, errlen, "cannot write %s: %s", side, strerror(mkdir_err));
		else
			snprintf(err, errlen, "cannot write %s", why);
	} else {
		ret = 0;
	}
	km_unlock_dir(lock);
	free(comp);
	free(side);
	return ret;
}

/* ---- embed ---- */

#define OUTPUTS_ASCII_CHUNK	64	/* input bytes per .ascii line */

/* One byte as gas reads it inside a string: exactly three octal digits. */
static void outputs_asm_byte(struct km_buf *out, unsigned char c)
{
	if (c == '\n')
		km_buf_puts(out, "\\n");
	else if (c == '\t')
		km_buf_puts(out, "\\t");
	else if (c == '"' || c == '\\')
		km_buf_printf(out, "\\%c", c);
	else if (c < 0x20 || c >= 0x7f)
		km_buf_printf(out, "\\%03o", c);
	else
		km_buf_append(out, &c, 1);
}

static void outputs_asm_bytes(struct km_buf *out, const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (i % OUTPUTS_ASCII_CHUNK == 0)
			km_buf_puts(out, i ? "\"\n\t.ascii\t\"" : "\t.ascii\t\"");
		outputs_asm_byte(out, (unsigned char)p[i]);
	}
	if (len)
		km_buf_puts(out, "\"\n");
}

void km_outputs_embed_asm(struct km_buf *out, const char *records, size_t rlen,
			  const char *graph, size_t glen)
{
	char header[96];
	int hlen = snprintf(header, sizeof(header), "%s %d %lu %lu\n", KM_EMBED_MAGIC,
			    KM_EMBED_VERSION, (unsigned long)rlen, (unsigned long)glen);

	km_buf_printf(out, "\t.pushsection\t%s,\"e\",@progbits\n", KM_EMBED_SECTION);
	outputs_asm_bytes(out, header, (size_t)hlen);
	outputs_asm_bytes(out, records, rlen);
	outputs_asm_bytes(out, graph, glen);
	km_buf_puts(out, "\t.popsection\n");
}

/* ---- provenance ---- */

#define OUTPUTS_RELEASE_MAX	((size_t)64 << 10)	/* include/config/kernel.release */
#define OUTPUTS_CONFIG_MAX	((size_t)64 << 20)	/* .config (allyesconfig: 300 KiB) */

/* The first line of regular file @path in @buf (a FIFO or a device is none), or NULL. */
static const char *outputs_first_line(const char *path, char *buf, size_t len)
{
	size_t n;
	char *text = km_read_path(path, OUTPUTS_RELEASE_MAX, KM_READ_TEXT | KM_READ_REGULAR, &n);

	if (!text)
		return NULL;
	text[strcspn(text, "\r\n")] = 0;
	snprintf(buf, len, "%s", text);
	free(text);
	return buf[0] && !strchr(buf, '\t') ? buf : NULL;
}

/*
 * kbuild compiles from the top of the object tree, where make prepare put
 * include/config/kernel.release beside .config: the kernel line. Both are
 * read only when they are regular files, .config up to 64 MiB: a tree
 * whose .config is a FIFO or /dev/zero costs the compile nothing.
 */
void km_outputs_kernel(struct km_companion *c, char *release, size_t len)
{
	size_t clen;
	char *config;

	if (!outputs_first_line("include/config/kernel.release", release, len))
		return;
	config = km_read_path(".config", OUTPUTS_CONFIG_MAX, KM_READ_REGULAR, &clen);
	if (!config)
		return;
	c->has_kernel = 1;
	c->kernel_release = release;
	c->config_hash = km_companion_records_hash(config, clen);
	free(config);
}
