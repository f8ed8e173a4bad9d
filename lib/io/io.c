// SPDX-License-Identifier: GPL-2.0
/*
 * io.c - growing buffers, and files that appear whole or not at all.
 *
 * km_write_file_atomic writes "PATH.tmp.XXXXXX" in PATH's directory
 * (created with O_EXCL, mode 0666 less the umask, like any file the
 * compiler writes), writes everything, closes it and renames it over
 * PATH. Readers, parallel make -j jobs and interrupted builds see the old
 * file or the new one, never a torn one. On any failure the temporary
 * is unlinked. km_lock_dir_of serialises writers of files that go
 * together in one directory.
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with io_.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "km_io.h"

#define IO_TMP_TRIES	100

/* ---- a directory's lock ---- */

int km_lock_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd;

	if (!slash)
		dir = strdup(".");
	else if (slash == path)
		dir = strdup("/");
	else
		dir = strndup(path, slash - path);
	if (!dir)
		return -1;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return -1;
	while (flock(fd, LOCK_EX)) {
		if (errno != EINTR) {
			close(fd);
			return -1;
		}
	}
	return fd;
}

void km_unlock_dir(int fd)
{
	if (fd >= 0)
		close(fd);	/* the lock goes with the descriptor */
}

/* ---- growing buffer ---- */

void km_buf_init(struct km_buf *b)
{
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	b->oom = 0;
}

void km_buf_free(struct km_buf *b)
{
	free(b->p);
	km_buf_init(b);
}

/* Room for @extra more bytes and a NUL; 0, or -1 (and oom set). */
static int io_buf_reserve(struct km_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->oom)
		return -1;
	if (extra > SIZE_MAX - 1 - b->len)
		goto oom;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	p = (char *)realloc(b->p, cap);
	if (!p)
		goto oom;
	b->p = p;
	b->cap = cap;
	return 0;
oom:
	b->oom = 1;
	return -1;
}

void km_buf_append(struct km_buf *b, const void *data, size_t len)
{
	if (io_buf_reserve(b, len))
		return;
	if (len)
		memcpy(b->p + b->len, data, len);
	b->len += len;
	b->p[b->len] = '\0';
}

void km_buf_puts(struct km_buf *b, const char *s)
{
	km_buf_append(b, s, strlen(s));
}

void km_buf_printf(struct km_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->oom)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || io_buf_reserve(b, (size_t)n)) {
		b->oom = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += n;
}

/* ---- atomic write ---- */

static void io_err(char *err, size_t errlen, const char *path, int e)
{
	if (err && errlen)
		snprintf(err, errlen, "%s: %s", path, strerror(e));
}

/* Six characters for a temporary's name, different on each call. */
static void io_tmp_suffix(char *out)
{
	static const char chars[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static unsigned long counter;
	struct timespec ts;
	unsigned long long x;
	int i;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	x = (unsigned long long)getpid() * 0x9e3779b97f4a7c15ULL;
	x ^= (unsigned long long)ts.tv_nsec * 0xbf58476d1ce4e5b9ULL;
	x ^= (unsigned long long)++counter * 0x94d049bb133111ebULL;
	x ^= x >> 31;
	for (i = 0; i < 6; i++) {
		out[i] = chars[x % (sizeof(chars) - 1)];
		x /= sizeof(chars) - 1;
	}
	out[6] = '\0';
}

int km_create_tmp(const char *path, char *tmp, size_t tmplen)
{
	int i, fd;

	for (i = 0; i < IO_TMP_TRIES; i++) {
		char suffix[8];

		io_tmp_suffix(suffix);
		snprintf(tmp, tmplen, "%s.tmp.%s", path, suffix);
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

int km_write_all(int fd, const void *data, size_t len)
{
	const char *p = (const char *)data;
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int km_write_tmp(const char *path, const void *data, size_t len, char *tmp, size_t tmplen)
{
	int fd = km_create_tmp(path, tmp, tmplen), e;

	if (fd < 0)
		return -1;
	if (km_write_all(fd, data, len)) {
		e = errno;
		close(fd);
		goto fail;
	}
	if (close(fd)) {
		e = errno;
		goto fail;
	}
	return 0;
fail:
	unlink(tmp);
	errno = e;
	return -1;
}

int km_write_file_atomic(const char *path, const void *data, size_t len,
			 char *err, size_t errlen)
{
	size_t tmplen = strlen(path) + 16;
	char *tmp = (char *)malloc(tmplen);
	int e;

	if (!tmp) {
		io_err(err, errlen, path, ENOMEM);
		return -1;
	}
	if (km_write_tmp(path, data, len, tmp, tmplen)) {
		e = errno;
		goto fail;
	}
	if (rename(tmp, path)) {
		e = errno;
		unlink(tmp);
		goto fail;
	}
	free(tmp);
	return 0;
fail:
	free(tmp);
	io_err(err, errlen, path, e);
	errno = e;
	return -1;
}

/* ---- reading ---- */

static char *io_read_fd(int fd, size_t *len)
{
	struct stat st;
	size_t cap = 4096, n = 0;
	ssize_t got;
	char *p, *q;

	if (!fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (unsigned long long)st.st_size < SIZE_MAX - 2)
		cap = (size_t)st.st_size + 2;	/* room to see EOF at once */
	p = (char *)malloc(cap);
	if (!p)
		return NULL;
	for (;;) {
		if (n + 1 >= cap) {
			if (cap > SIZE_MAX / 2) {
				errno = ENOMEM;
				goto fail;
			}
			q = (char *)realloc(p, cap * 2);
			if (!q)
				goto fail;
			p = q;
			cap *= 2;
		}
		got = read(fd, p + n, cap - 1 - n);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	p[n] = '\0';
	if (len)
		*len = n;
	return p;
fail:
	free(p);
	return NULL;
}

char *km_read_file(const char *path, size_t *len)
{
	int fd, e;
	char *p;

	do
		fd = open(path, O_RDONLY | O_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return NULL;
	p = io_read_fd(fd, len);
	e = errno;
	close(fd);
	if (!p)
		errno = e;
	return p;
}
