// SPDX-License-Identifier: GPL-2.0
/*
 * src.c - source files read once, bounded (km_src.h): the cache of files
 * by path, each file's lines, and the lines the preprocessor kept (the
 * plugin marks them; a file need not be read to be marked). src_scan.c
 * lexes their text.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src_int.h"

struct src_entry {
	char *path;		/* NULL: a free slot */
	struct km_src_file *file;	/* NULL: not readable */
	struct src_live *live;	/* km_src_keep_line's marks, or NULL */
	int loaded;		/* file was read (or found unreadable) */
};

#define SRC_RECENT	64	/* entries remembered by the pointer asked with */

struct km_src_cache {
	struct src_entry *slots;
	size_t cap, used;
	struct {
		const char *key;
		struct km_src_file *file;
	} recent[SRC_RECENT];	/* GCC asks with few, interned, pointers */
	const char *live_key;	/* the file km_src_keep_line marked last */
	struct src_live *live_last;
};

struct km_src_cache *km_src_cache_new(void)
{
	return (struct km_src_cache *)calloc(1, sizeof(struct km_src_cache));
}

static void src_file_free(struct km_src_file *f)
{
	if (!f)
		return;
	free(f->data);
	free(f->line_off);
	free(f->code);
	free(f);
}

void km_src_cache_free(struct km_src_cache *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->cap; i++) {
		free(c->slots[i].path);
		src_file_free(c->slots[i].file);
		if (c->slots[i].live)
			free(c->slots[i].live->bits);
		free(c->slots[i].live);
	}
	free(c->slots);
	free(c);
}

/* The whole of a regular file no larger than the limit, or NULL. */
static char *src_read_regular(const char *path, size_t *len)
{
	struct stat st;
	char *buf = NULL;
	size_t got = 0;
	int fd;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size > KM_SRC_MAX_BYTES)
		goto fail;
	buf = (char *)malloc((size_t)st.st_size + 1);
	if (!buf)
		goto fail;
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;		/* shrank meanwhile: take what is there */
		got += (size_t)n;
	}
	close(fd);
	buf[got] = 0;
	*len = got;
	return buf;
fail:
	free(buf);
	close(fd);
	return NULL;
}

static const char *src_end(const struct km_src_file *f)
{
	return f->data + f->len;
}

static struct km_src_file *src_load(const char *path)
{
	struct km_src_file *f = (struct km_src_file *)calloc(1, sizeof(*f));
	const char *p;
	size_t n = 1;

	if (!f)
		return NULL;
	f->data = src_read_regular(path, &f->len);
	if (!f->data)
		goto fail;
	for (p = f->data; (p = (const char *)memchr(p, '\n', src_end(f) - p)); p++)
		n++;
	f->line_off = (size_t *)malloc((n + 1) * sizeof(size_t));
	if (!f->line_off)
		goto fail;
	f->line_off[0] = 0;
	n = 1;
	for (p = f->data; (p = (const char *)memchr(p, '\n', src_end(f) - p)); p++)
		f->line_off[n++] = (size_t)(p - f->data) + 1;
	/* a final line end opens no line */
	if (f->len && f->data[f->len - 1] == '\n')
		n--;
	f->nlines = (long)n;
	f->line_off[n] = f->len;
	return f;
fail:
	src_file_free(f);
	return NULL;
}

static size_t src_hash(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static int src_grow(struct km_src_cache *c)
{
	size_t ncap = c->cap ? c->cap * 2 : 64, i;
	struct src_entry *old = c->slots, *ns;

	ns = (struct src_entry *)calloc(ncap, sizeof(*ns));
	if (!ns)
		return -1;
	for (i = 0; i < c->cap; i++) {
		size_t j;

		if (!old[i].path)
			continue;
		for (j = src_hash(old[i].path) & (ncap - 1); ns[j].path; j = (j + 1) & (ncap - 1))
			;
		ns[j] = old[i];
	}
	free(old);
	c->slots = ns;
	c->cap = ncap;
	return 0;
}

/* The entry of @path, made (without reading the file) when new; NULL: no memory. */
static struct src_entry *src_entry_get(struct km_src_cache *c, const char *path)
{
	struct src_entry *e;
	size_t j;

	if ((c->used + 1) * 2 > c->cap && src_grow(c))
		return NULL;
	for (j = src_hash(path) & (c->cap - 1); c->slots[j].path; j = (j + 1) & (c->cap - 1))
		if (!strcmp(c->slots[j].path, path))
			return &c->slots[j];
	e = &c->slots[j];
	e->path = strdup(path);
	if (!e->path)
		return NULL;
	c->used++;
	return e;
}

const struct km_src_file *km_src_get(struct km_src_cache *c, const char *path)
{
	struct src_entry *e;
	size_t r;

	if (!c || !path)
		return NULL;
	r = ((uintptr_t)path >> 4) % SRC_RECENT;
	if (c->recent[r].key == path)
		return c->recent[r].file;
	e = src_entry_get(c, path);
	if (!e)
		return NULL;
	if (!e->loaded) {
		e->file = src_load(path);
		e->loaded = 1;
		if (e->file)
			e->file->live = e->live;
	}
	c->recent[r].key = path;
	c->recent[r].file = e->file;
	return e->file;
}

/* The marks of @path, made when new. */
static struct src_live *src_live_get(struct km_src_cache *c, const char *path)
{
	struct src_entry *e = src_entry_get(c, path);

	if (!e)
		return NULL;
	if (!e->live) {
		e->live = (struct src_live *)calloc(1, sizeof(*e->live));
		if (e->live && e->file)
			e->file->live = e->live;
	}
	return e->live;
}

void km_src_keep_line(struct km_src_cache *c, const char *path, long line)
{
	struct src_live *l;

	if (!c || !path || line < 1)
		return;
	if (c->live_key != path) {
		c->live_last = src_live_get(c, path);
		c->live_key = c->live_last ? path : NULL;
	}
	l = c->live_last;
	if (!l)
		return;
	if (line >= l->cap) {
		long ncap = l->cap ? l->cap : 1024;
		unsigned char *nb;

		while (ncap <= line)
			ncap *= 2;
		nb = (unsigned char *)realloc(l->bits, (size_t)ncap / 8);
		if (!nb)
			return;
		memset(nb + l->cap / 8, 0, (size_t)(ncap - l->cap) / 8);
		l->bits = nb;
		l->cap = ncap;
	}
	l->bits[line / 8] |= (unsigned char)(1u << (line % 8));
}

int km_src_line_kept(const struct km_src_file *f, long line)
{
	const struct src_live *l = f ? f->live : NULL;

	if (!l || !l->cap)
		return 1;	/* nothing known: every line */
	return line >= 0 && line < l->cap && (l->bits[line / 8] >> (line % 8) & 1);
}

long km_src_lines(const struct km_src_file *f)
{
	return f ? f->nlines : 0;
}

const char *km_src_line(const struct km_src_file *f, long line, size_t *len)
{
	size_t end;

	if (!f || line < 1 || line > f->nlines)
		return NULL;
	end = f->line_off[line];
	if (end > f->line_off[line - 1] && f->data[end - 1] == '\n')
		end--;
	if (end > f->line_off[line - 1] && f->data[end - 1] == '\r')
		end--;
	*len = end - f->line_off[line - 1];
	return f->data + f->line_off[line - 1];
}
