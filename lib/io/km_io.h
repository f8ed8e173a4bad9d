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
 * An exclusive lock on the directory that holds @path (flock(2) on the
 * directory itself: no lock file is left behind), for writers of files
 * that go together (a sidecar and its companion). Its descriptor, or -1
 * when it cannot be taken: the caller goes on unlocked.
 */
int km_lock_dir_of(const char *path);
/* Release what km_lock_dir_of took (-1: nothing). */
void km_unlock_dir(int fd);

/* Read a whole file (malloc'ed, NUL-terminated). NULL with errno on failure. */
char *km_read_file(const char *path, size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* KM_IO_H */
