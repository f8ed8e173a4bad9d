/* SPDX-License-Identifier: GPL-2.0 */
/*
 * km_output.h - the outputs a user names (-o FILE, --edges=FILE, standard
 * output), written the one way every tool writes them (kmetrics-merge(1), -o):
 *
 *   - a regular file, or a path not there yet, is replaced whole: the
 *     bytes go to a temporary beside it, renamed over it at the end;
 *   - a symbolic link is followed by its text and its target written so
 *     (the link stays, a missing target is created);
 *   - a device, FIFO or socket, and every link through /proc (/dev/stdout,
 *     /dev/fd/N), is opened and written through, as a shell redirection
 *     would, never renamed over; a regular file reached that way is
 *     truncated first;
 *   - a directory is an error; so is a device for a writer that must build
 *     a file of its own (SQLite: KM_OUT_FILE_ONLY).
 *
 * Several outputs of one run are written both or none: each is opened
 * (nothing touched yet), given its bytes (a file's go to its temporary
 * now), and then all are committed together: the writes through devices
 * and standard output first, the renames last, so that a failure anywhere
 * renames no temporary and leaves every file as it was.
 *
 *   struct km_out out[2];          (each km_out_close'd in the end, always)
 *   km_out_open(&out[0], path, 0, err, errlen), the same for out[1];
 *   km_out_same(&out[0], &out[1])             (the same file twice: refuse)
 *   km_out_put(&out[0], data, len, err, errlen), the same for out[1];
 *   km_out_commit(out, 2, err, errlen);
 *
 * Errors are "PATH: reason" in the caller's buffer ("standard output:
 * reason" for it). Plain C, compiles as C11 and as C++.
 */
#ifndef KM_OUTPUT_H
#define KM_OUTPUT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum km_out_how {
	KM_OUT_STDOUT,		/* no path: standard output */
	KM_OUT_REPLACE,		/* a regular file or none: temporary, then rename */
	KM_OUT_THROUGH,		/* a device, FIFO, socket or /proc link: written through */
};

/* km_out_open's flags */
#define KM_OUT_FILE_ONLY	1	/* the writer builds a file (km_out_tmpfile) */

struct km_out {
	const char *path;	/* as the user named it; NULL: standard output */
	enum km_out_how how;
	char *target;		/* REPLACE: the file replaced; THROUGH: what is opened */
	char *tmp;		/* REPLACE: its temporary, once km_out_put or km_out_tmpfile made it */
	const char *data;	/* THROUGH, STDOUT: what km_out_commit writes (the caller's) */
	size_t len;
	int exists;		/* the target exists: dev and ino say which file it is */
	unsigned long long dev, ino;
	char *canon;		/* else: its directory resolved, and its name */
};

/*
 * How @path (NULL: standard output) is written; nothing is created or
 * opened yet. Returns 0, or -1 with "PATH: reason" in @err (a directory;
 * with KM_OUT_FILE_ONLY, anything but a regular file or a new path).
 * km_out_close it either way.
 */
int km_out_open(struct km_out *o, const char *path, int flags, char *err, size_t errlen);

/* @a and @b are one file (also through links, "..", or two /dev/fd names). */
int km_out_same(const struct km_out *a, const struct km_out *b);

/*
 * The bytes of @o: a REPLACE output writes them to its temporary now; the
 * others keep @data (which must live until km_out_commit) and write it then.
 */
int km_out_put(struct km_out *o, const void *data, size_t len, char *err, size_t errlen);

/*
 * A REPLACE output's empty temporary, for a writer that fills a file its
 * own way (SQLite); its name, or NULL with the reason in @err.
 */
const char *km_out_tmpfile(struct km_out *o, char *err, size_t errlen);

/*
 * Commit the @n outputs at @outs, each given its bytes: writes through
 * first, in order, then the renames. On a failure no further output is
 * written and no temporary renamed; returns -1 with the reason in @err.
 */
int km_out_commit(struct km_out *outs, int n, char *err, size_t errlen);

/* Its temporary removed if still there, its memory freed. */
void km_out_close(struct km_out *o);

/* One output: @len bytes of @data to @path (NULL: standard output). */
int km_write_output(const char *path, const void *data, size_t len,
		    char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* KM_OUTPUT_H */
