// SPDX-License-Identifier: GPL-2.0
/*
 * output.c - the outputs a user names, written the one way (km_output.h):
 * a file replaced whole through a temporary and rename(2), a device, FIFO
 * or /proc link written through, several outputs of one run committed
 * together, and two names of one file told apart from two files.
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with out_.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "km_io.h"
#include "km_output.h"

#define OUT_MAX_LINKS	40	/* as the kernel's ELOOP limit */

static void out_err(char *err, size_t errlen, const char *path, int e)
{
	if (err && errlen)
		snprintf(err, errlen, "%s: %s", path ? path : "standard output", strerror(e));
}

static char *out_strdup(const char *s)
{
	char *p = (char *)malloc(strlen(s) + 1);

	if (p)
		strcpy(p, s);
	return p;
}

/* The directory part of @path, malloc'ed ("." when it has none). */
static char *out_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n = !slash ? 0 : slash == path ? 1 : (size_t)(slash - path);
	char *d = (char *)malloc(n + 2);

	if (!d)
		return NULL;
	if (n)
		memcpy(d, path, n);
	else
		d[n++] = '.';
	d[n] = '\0';
	return d;
}

/* Where the link @cur leads, malloc'ed; a relative text is taken in @dir. */
static char *out_hop(const char *cur, const char *dir)
{
	char link[PATH_MAX], *p;
	ssize_t n = readlink(cur, link, sizeof(link) - 1);

	if (n < 0)
		return NULL;
	link[n] = '\0';
	if (link[0] == '/')
		return out_strdup(link);
	p = (char *)malloc(strlen(dir) + strlen(link) + 2);
	if (p)
		sprintf(p, "%s/%s", dir, link);
	return p;
}

/*
 * Follow @path's symbolic links by their text to a path that is no link
 * (it may not exist). When a link lies in /proc (its text, "pipe:[42]",
 * is no path to follow), sets *@fdlink and stops there. malloc'ed; NULL
 * with errno on failure.
 */
static char *out_follow(const char *path, int *fdlink)
{
	char *cur = out_strdup(path), *dir, *real, *next;
	struct stat st;
	int hops;

	for (hops = 0; cur && hops < OUT_MAX_LINKS; hops++) {
		if (lstat(cur, &st) || !S_ISLNK(st.st_mode))
			return cur;
		dir = out_dirname(cur);
		real = dir ? realpath(dir, NULL) : NULL;
		*fdlink = real && !strncmp(real, "/proc/", 6);
		next = !dir || *fdlink ? NULL : out_hop(cur, real ? real : dir);
		free(real);
		free(dir);
		free(cur);
		if (*fdlink)
			return out_strdup(path);
		cur = next;
	}
	if (cur)
		errno = ELOOP;
	free(cur);
	return NULL;
}

/* Which file @o is: an existing one by device and inode, else by its resolved name. */
static void out_identity(struct km_out *o)
{
	struct stat st;
	const char *name;
	char *dir, *real;

	if (o->how == KM_OUT_STDOUT ? !fstat(1, &st) : !stat(o->target, &st)) {
		o->exists = 1;
		o->dev = (unsigned long long)st.st_dev;
		o->ino = (unsigned long long)st.st_ino;
		return;
	}
	if (o->how == KM_OUT_STDOUT)
		return;
	name = strrchr(o->target, '/');
	name = name ? name + 1 : o->target;
	dir = out_dirname(o->target);
	real = dir ? realpath(dir, NULL) : NULL;
	o->canon = (char *)malloc((real ? strlen(real) : strlen(o->target)) + strlen(name) + 2);
	if (o->canon && real)
		sprintf(o->canon, "%s/%s", real, name);
	else if (o->canon)
		strcpy(o->canon, o->target);
	free(real);
	free(dir);
}

int km_out_open(struct km_out *o, const char *path, int flags, char *err, size_t errlen)
{
	int fdlink = 0;
	struct stat st;

	memset(o, 0, sizeof(*o));
	o->path = path;
	if (!path) {
		o->how = KM_OUT_STDOUT;
	} else {
		o->target = out_follow(path, &fdlink);
		if (!o->target) {
			out_err(err, errlen, path, errno);
			return -1;
		}
		if (fdlink) {
			o->how = KM_OUT_THROUGH;
		} else if (stat(o->target, &st) || S_ISREG(st.st_mode)) {
			o->how = KM_OUT_REPLACE;	/* not there yet, or a file */
		} else if (S_ISDIR(st.st_mode)) {
			out_err(err, errlen, path, EISDIR);
			return -1;
		} else {
			o->how = KM_OUT_THROUGH;
		}
	}
	if ((flags & KM_OUT_FILE_ONLY) && o->how != KM_OUT_REPLACE) {
		if (err && errlen)
			snprintf(err, errlen, "%s: not a regular file: this output is built in a "
				 "temporary file and renamed, which cannot go through a device, FIFO "
				 "or socket", path ? path : "standard output");
		return -1;
	}
	out_identity(o);
	return 0;
}

int km_out_same(const struct km_out *a, const struct km_out *b)
{
	if (a->exists && b->exists)
		return a->dev == b->dev && a->ino == b->ino;
	return !a->exists && !b->exists && a->canon && b->canon && !strcmp(a->canon, b->canon);
}

const char *km_out_tmpfile(struct km_out *o, char *err, size_t errlen)
{
	size_t len;
	int fd;

	if (o->how != KM_OUT_REPLACE) {
		out_err(err, errlen, o->path, EINVAL);
		return NULL;
	}
	len = strlen(o->target) + 16;
	o->tmp = (char *)malloc(len);
	if (!o->tmp) {
		out_err(err, errlen, o->target, ENOMEM);
		return NULL;
	}
	fd = km_create_tmp(o->target, o->tmp, len);
	if (fd < 0 || close(fd)) {
		out_err(err, errlen, o->target, errno);
		free(o->tmp);
		o->tmp = NULL;
		return NULL;
	}
	return o->tmp;
}

int km_out_put(struct km_out *o, const void *data, size_t len, char *err, size_t errlen)
{
	size_t tmplen;

	if (o->how != KM_OUT_REPLACE) {
		o->data = (const char *)data;
		o->len = len;
		return 0;
	}
	tmplen = strlen(o->target) + 16;
	o->tmp = (char *)malloc(tmplen);
	if (!o->tmp || km_write_tmp(o->target, data, len, o->tmp, tmplen)) {
		out_err(err, errlen, o->target, o->tmp ? errno : ENOMEM);
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	return 0;
}

/* Open @o's target as it is (no new file, no rename) and write its bytes. */
static int out_through(const struct km_out *o, char *err, size_t errlen)
{
	const char *path = o->path;
	struct stat st;
	int flags = O_WRONLY | O_NOCTTY | O_CLOEXEC, fd, e;

	if (!stat(path, &st) && S_ISREG(st.st_mode))
		flags |= O_TRUNC;	/* /dev/stdout redirected to a file */
	do
		fd = open(o->target, flags);
	while (fd < 0 && errno == EINTR);
	if (fd < 0 || km_write_all(fd, o->data ? o->data : "", o->len)) {
		e = errno;
		if (fd >= 0)
			close(fd);
		out_err(err, errlen, path, e);
		return -1;
	}
	if (close(fd) && errno != EINTR) {
		out_err(err, errlen, path, errno);
		return -1;
	}
	return 0;
}

static int out_stdout(const struct km_out *o, char *err, size_t errlen)
{
	if ((o->len && fwrite(o->data, 1, o->len, stdout) != o->len) || fflush(stdout)) {
		out_err(err, errlen, NULL, errno);
		return -1;
	}
	return 0;
}

int km_out_commit(struct km_out *outs, int n, char *err, size_t errlen)
{
	int i;

	for (i = 0; i < n; i++) {
		if (outs[i].how == KM_OUT_REPLACE && !outs[i].tmp) {
			out_err(err, errlen, outs[i].path, EINVAL);
			return -1;
		}
	}
	for (i = 0; i < n; i++) {
		if (outs[i].how == KM_OUT_THROUGH && out_through(&outs[i], err, errlen))
			return -1;
		if (outs[i].how == KM_OUT_STDOUT && out_stdout(&outs[i], err, errlen))
			return -1;
	}
	for (i = 0; i < n; i++) {
		if (outs[i].how != KM_OUT_REPLACE)
			continue;
		if (rename(outs[i].tmp, outs[i].target)) {
			out_err(err, errlen, outs[i].target, errno);
			return -1;
		}
		free(outs[i].tmp);
		outs[i].tmp = NULL;
	}
	return 0;
}

void km_out_close(struct km_out *o)
{
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->target);
	free(o->canon);
	memset(o, 0, sizeof(*o));
}

int km_write_output(const char *path, const void *data, size_t len,
		    char *err, size_t errlen)
{
	struct km_out o;
	int r;

	r = km_out_open(&o, path, 0, err, errlen) || km_out_put(&o, data, len, err, errlen) ||
	    km_out_commit(&o, 1, err, errlen) ? -1 : 0;
	km_out_close(&o);
	return r;
}
