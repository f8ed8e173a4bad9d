/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lib/io/ - bytes in and out, as every program of kmetrics does them:
 *   km_io.h      growing buffers; files written whole or not at all (io.c)
 *   km_output.h  the outputs a user names, written the one way (output.c)
 *   km_text.h    csv fields and json strings as the datasets write them (text.c)
 *   km_cli.h     options and bad usage as every tool takes them (cli.c)
 *
 * km_io.h - growing buffers and files that appear whole or not at all.
 * Plain C, compiles as C11 and as C++.
 */
#ifndef KM_IO_H
#define KM_IO_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct km_buf {
	char *p;
	size_t len, cap;
	int oom;		/* set once an append failed; later appends do nothing */
};

void km_buf_init(struct km_buf *b);
void km_buf_free(struct km_buf *b);
void km_buf_append(struct km_buf *b, const void *data, size_t len);
void km_buf_puts(struct km_buf *b, const char *s);
void km_buf_printf(struct km_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Write @len bytes to @path atomically: a temporary file in the same
 * directory, then rename(2). On failure nothing is left behind, returns -1
 * and puts "PATH: reason" in @err. Returns 0 on success.
 */
int km_write_file_atomic(const char *path, const void *data, size_t len,
			 char *err, size_t errlen);

/*
 * Create the empty temporary "PATH.tmp.XXXXXX" (mode 0666 less the umask)
 * that km_write_file_atomic writes and renames, for writers that write
 * their own way; its name goes to @tmp (@tmplen >= strlen(PATH) + 12).
 * Returns the open fd, or -1 with errno.
 */
int km_create_tmp(const char *path, char *tmp, size_t tmplen);

/*
 * Write @len bytes to a new temporary beside @path (km_create_tmp), and
 * close it: renaming it is the caller's. Returns 0, or -1 with errno and
 * nothing left behind.
 */
int km_write_tmp(const char *path, const void *data, size_t len, char *tmp, size_t tmplen);

/* Write all @len bytes to @fd (again after EINTR and short writes); 0, or -1 with errno. */
int km_write_all(int fd, const void *data, size_t len);

/*
 * Reading is bounded: a path can name /dev/zero, a FIFO that never ends or
 * a link to either. km_read_fd reads all of @fd, at most @max bytes
 * (malloc'ed, NUL-terminated, its length in *@len). NULL with errno on
 * failure: EFBIG when there is more than @max; with KM_READ_TEXT, EILSEQ
 * at the first NUL byte (which no text kmetrics reads holds), *@len then
 * its line; with KM_READ_REGULAR, EINVAL for anything but a regular file
 * (which km_read_path opens without waiting for a FIFO's writer).
 * km_read_error says any of them as "PATH: reason".
 */
#define KM_READ_TEXT	1
#define KM_READ_REGULAR	2

/* The most read of a sidecar, companion or dataset (csv, json, seed). */
#define KM_READ_INPUT_MAX	(sizeof(size_t) > 4 ? (size_t)4 << 30 : (size_t)1 << 30)
/* ... of a list a user writes: --labels, --fix-list=FILE. */
#define KM_READ_LIST_MAX	((size_t)256 << 20)

char *km_read_fd(int fd, size_t max, int flags, size_t *len);
char *km_read_path(const char *path, size_t max, int flags, size_t *len);
void km_read_error(char *err, size_t errlen, const char *path, int e, size_t max,
		   size_t len);

/*
 * An exclusive lock on the directory that holds @path (flock(2) on the
 * directory itself: no lock file is left behind), for writers of files
 * that go together (a sidecar and its companion). Its descriptor, or -1
 * when it cannot be taken: the caller goes on unlocked.
 */
int km_lock_dir_of(const char *path);
/* Release what km_lock_dir_of took (-1: nothing). */
void km_unlock_dir(int fd);

/* A whole file, without a bound (tests; a file kmetrics wrote itself). */
char *km_read_file(const char *path, size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* KM_IO_H */
