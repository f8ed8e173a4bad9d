// SPDX-License-Identifier: GPL-2.0
/*
 * elfembed.c - read the records and companions that -fplugin-arg-kmetrics-embed
 * put into objects (format: km_elfembed.h), from ELF objects and from ar
 * archives, GNU thin archives (built-in.a) included; and the sizes of an
 * object's function symbols, for kmetrics-merge's code_bytes.
 *
 * A minimal reader on purpose: it needs the section headers, the section
 * name table and one section's bytes, nothing libelf would add; and it
 * must also walk ar and thin archives, which libelf leaves to the caller.
 * Plain C, compiles as C11 and as C++.
 */
#include "km_elfembed.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EMB_MAX_DEPTH	8	/* archives inside archives */
#define EMB_AR_HDR	60

struct emb_walk {
	km_embed_cb cb;
	void *ctx;
	char *err;
	size_t errlen;
	int count;
	int stopped;
};

static int emb_fail(struct emb_walk *w, const char *what, const char *reason)
{
	snprintf(w->err, w->errlen, "%s: %s", what, reason);
	return -1;
}

/* The whole file, malloc'ed; NULL with errno set. */
static char *emb_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		size_t got;

		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 65536;
			char *nbuf = (char *)realloc(buf, ncap);

			if (!nbuf) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = nbuf;
			cap = ncap;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		errno = EIO;
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

/* ---- the blobs ---- */

/* A decimal at data[*pos] ended by @end; -1 when there is none or it overflows. */
static int emb_decimal(const char *data, size_t len, size_t *pos, char end, size_t *out)
{
	size_t v = 0, p = *pos;

	if (p >= len || data[p] < '0' || data[p] > '9')
		return -1;
	for (; p < len && data[p] >= '0' && data[p] <= '9'; p++) {
		if (v > (SIZE_MAX - 9) / 10)
			return -1;
		v = v * 10 + (size_t)(data[p] - '0');
	}
	if (p >= len || data[p] != end)
		return -1;
	*pos = p + 1;
	*out = v;
	return 0;
}

static int emb_blobs(struct emb_walk *w, const char *member, const char *data, size_t len)
{
	const size_t mlen = sizeof(KM_EMBED_MAGIC) - 1;
	size_t pos = 0;

	for (;;) {
		size_t version, rlen, glen;
		char why[96];

		while (pos < len && data[pos] == 0)
			pos++;
		if (pos == len)
			return 0;
		if (len - pos < mlen + 1 || memcmp(data + pos, KM_EMBED_MAGIC, mlen) ||
		    data[pos + mlen] != ' ') {
			snprintf(why, sizeof(why), "%s at byte %lu is no kmetrics-embed blob",
				 KM_EMBED_SECTION, (unsigned long)pos);
			return emb_fail(w, member, why);
		}
		pos += mlen + 1;
		if (emb_decimal(data, len, &pos, ' ', &version))
			return emb_fail(w, member, "kmetrics-embed header without a version");
		if (version != KM_EMBED_VERSION) {
			snprintf(why, sizeof(why), "kmetrics-embed version %lu, this reader knows %d",
				 (unsigned long)version, KM_EMBED_VERSION);
			return emb_fail(w, member, why);
		}
		if (emb_decimal(data, len, &pos, ' ', &rlen) ||
		    emb_decimal(data, len, &pos, '\n', &glen))
			return emb_fail(w, member, "malformed kmetrics-embed header");
		if (rlen > len - pos || glen > len - pos - rlen)
			return emb_fail(w, member, "kmetrics-embed blob is truncated");
		w->count++;
		if (w->cb(w->ctx, member, data + pos, rlen, data + pos + rlen, glen)) {
			w->stopped = 1;
			return -2;
		}
		pos += rlen + glen;
	}
}

static void emb_walk_init(struct emb_walk *w, km_embed_cb cb, void *ctx,
			  char *err, size_t errlen)
{
	memset(w, 0, sizeof(*w));
	w->cb = cb;
	w->ctx = ctx;
	w->err = err;
	w->errlen = errlen;
}

int km_embed_parse(const char *member, const char *data, size_t len, km_embed_cb cb,
		   void *ctx, char *err, size_t errlen)
{
	struct emb_walk w;
	int r;

	emb_walk_init(&w, cb, ctx, err, errlen);
	r = emb_blobs(&w, member, data, len);
	return r ? r : w.count;
}

/* ---- ELF ---- */

static uint64_t emb_get(const unsigned char *p, int n, int big)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < n; i++)
		v |= (uint64_t)p[big ? n - 1 - i : i] << (8 * i);
	return v;
}

struct emb_elf {
	const unsigned char *d;
	size_t len;
	int is64, big;
	uint64_t shoff, shentsize, shnum;
};

/* Field @off (@n bytes wide) of section header @i; the table is in bounds. */
static uint64_t emb_sh(const struct emb_elf *e, uint64_t i, int off, int n)
{
	return emb_get(e->d + e->shoff + i * e->shentsize + off, n, e->big);
}

static uint64_t emb_sh_name(const struct emb_elf *e, uint64_t i)
{
	return emb_sh(e, i, 0, 4);
}

static uint64_t emb_sh_flags(const struct emb_elf *e, uint64_t i)
{
	return e->is64 ? emb_sh(e, i, 8, 8) : emb_sh(e, i, 8, 4);
}

static uint64_t emb_sh_type(const struct emb_elf *e, uint64_t i)
{
	return emb_sh(e, i, 4, 4);
}

static uint64_t emb_sh_offset(const struct emb_elf *e, uint64_t i)
{
	return e->is64 ? emb_sh(e, i, 24, 8) : emb_sh(e, i, 16, 4);
}

static uint64_t emb_sh_size(const struct emb_elf *e, uint64_t i)
{
	return e->is64 ? emb_sh(e, i, 32, 8) : emb_sh(e, i, 20, 4);
}

static uint64_t emb_sh_link(const struct emb_elf *e, uint64_t i)
{
	return e->is64 ? emb_sh(e, i, 40, 4) : emb_sh(e, i, 24, 4);
}

static int emb_in_file(const struct emb_elf *e, uint64_t off, uint64_t size)
{
	return off <= e->len && size <= e->len - off;
}

#define EMB_SHT_NOBITS		8
#define EMB_SHF_COMPRESSED	0x800
#define EMB_SHN_XINDEX		0xffff

/*
 * The ELF header and the section header table of @data: filled into @e,
 * 0, or -1 after reporting why; 1 when the file has no sections at all.
 */
static int emb_elf_open(struct emb_walk *w, const char *member, const char *data,
			size_t len, struct emb_elf *e)
{
	const unsigned char *d = (const unsigned char *)data;

	memset(e, 0, sizeof(*e));
	e->d = d;
	e->len = len;
	if (len < 52 || (d[4] != 1 && d[4] != 2) || (d[5] != 1 && d[5] != 2))
		return emb_fail(w, member, "not an ELF file this reader understands");
	e->is64 = d[4] == 2;
	e->big = d[5] == 2;
	if (e->is64 && len < 64)
		return emb_fail(w, member, "truncated ELF header");
	e->shoff = e->is64 ? emb_get(d + 0x28, 8, e->big) : emb_get(d + 0x20, 4, e->big);
	e->shentsize = emb_get(d + (e->is64 ? 0x3a : 0x2e), 2, e->big);
	e->shnum = emb_get(d + (e->is64 ? 0x3c : 0x30), 2, e->big);
	if (!e->shoff)
		return 1;	/* no sections at all */
	if (e->shentsize < (e->is64 ? 64u : 40u) || !emb_in_file(e, e->shoff, e->shentsize))
		return emb_fail(w, member, "bad section header table");
	if (!e->shnum)		/* extended numbering: the count is in section 0 */
		e->shnum = emb_sh_size(e, 0);
	if (e->shnum > (e->len - e->shoff) / e->shentsize)
		return emb_fail(w, member, "section header table beyond the end of the file");
	return 0;
}

static int emb_elf(struct emb_walk *w, const char *member, const char *data, size_t len)
{
	const char *want = KM_EMBED_SECTION;
	uint64_t strndx, stroff, strsize, i;
	struct emb_elf e;
	int r = emb_elf_open(w, member, data, len, &e);

	if (r)
		return r < 0 ? r : 0;
	strndx = emb_get(e.d + (e.is64 ? 0x3e : 0x32), 2, e.big);
	if (strndx == EMB_SHN_XINDEX)
		strndx = emb_sh_link(&e, 0);
	if (strndx >= e.shnum)
		return emb_fail(w, member, "no section name table");
	stroff = emb_sh_offset(&e, strndx);
	strsize = emb_sh_size(&e, strndx);
	if (!emb_in_file(&e, stroff, strsize))
		return emb_fail(w, member, "section name table beyond the end of the file");
	for (i = 1; i < e.shnum; i++) {
		uint64_t name = emb_sh_name(&e, i), off, size;
		size_t wl = strlen(want) + 1;

		if (name >= strsize || strsize - name < wl || memcmp(e.d + stroff + name, want, wl))
			continue;
		if (emb_sh_type(&e, i) == EMB_SHT_NOBITS)
			continue;
		if (emb_sh_flags(&e, i) & EMB_SHF_COMPRESSED)
			return emb_fail(w, member, KM_EMBED_SECTION " is compressed");
		off = emb_sh_offset(&e, i);
		size = emb_sh_size(&e, i);
		if (!emb_in_file(&e, off, size))
			return emb_fail(w, member, KM_EMBED_SECTION " beyond the end of the file");
		r = emb_blobs(w, member, data + off, (size_t)size);
		if (r)
			return r;
	}
	return 0;
}

/* ---- function symbols (kmetrics-merge's code_bytes) ---- */

#define EMB_SHT_SYMTAB		2
#define EMB_STT_FUNC		2

/* Symbol @i of the table at @off: its name offset, type, section and size. */
static void emb_sym(const struct emb_elf *e, uint64_t off, uint64_t i, uint64_t *name,
		    int *type, uint64_t *shndx, uint64_t *size)
{
	const unsigned char *p = e->d + off + i * (e->is64 ? 24 : 16);

	*name = emb_get(p, 4, e->big);
	*type = (e->is64 ? p[4] : p[12]) & 0xf;
	*shndx = emb_get(p + (e->is64 ? 6 : 14), 2, e->big);
	*size = e->is64 ? emb_get(p + 16, 8, e->big) : emb_get(p + 8, 4, e->big);
}

/* The defined function symbols of symbol table section @i, to @cb. */
static int emb_symtab(struct emb_walk *w, const char *path, const struct emb_elf *e,
		      uint64_t i, km_elf_func_cb cb, void *ctx)
{
	uint64_t off = emb_sh_offset(e, i), size = emb_sh_size(e, i);
	uint64_t link = emb_sh_link(e, i), stroff, strsize, n, k;

	if (link >= e->shnum || !emb_in_file(e, off, size))
		return emb_fail(w, path, "bad symbol table");
	stroff = emb_sh_offset(e, link);
	strsize = emb_sh_size(e, link);
	if (!emb_in_file(e, stroff, strsize) || !strsize || e->d[stroff + strsize - 1])
		return emb_fail(w, path, "bad symbol name table");
	n = size / (e->is64 ? 24 : 16);
	for (k = 1; k < n; k++) {
		uint64_t name, shndx, sz;
		int type;

		emb_sym(e, off, k, &name, &type, &shndx, &sz);
		if (type != EMB_STT_FUNC || !shndx || name >= strsize)
			continue;
		if (cb(ctx, (const char *)e->d + stroff + name, (unsigned long long)sz))
			return -2;
	}
	return 0;
}

int km_elf_funcs(const char *path, km_elf_func_cb cb, void *ctx, char *err, size_t errlen)
{
	struct emb_walk w;
	struct emb_elf e;
	size_t len = 0;
	uint64_t i;
	char *data;
	int r;

	emb_walk_init(&w, NULL, NULL, err, errlen);
	data = emb_slurp(path, &len);
	if (!data)
		return emb_fail(&w, path, strerror(errno));
	r = len >= 4 && !memcmp(data, "\177ELF", 4) ? emb_elf_open(&w, path, data, len, &e)
						   : emb_fail(&w, path, "not an ELF object");
	for (i = 1; !r && i < e.shnum; i++)
		if (emb_sh_type(&e, i) == EMB_SHT_SYMTAB)
			r = emb_symtab(&w, path, &e, i, cb, ctx);
	free(data);
	return r < 0 ? r : 0;
}

/* ---- ar and thin archives ---- */

static int emb_any(struct emb_walk *w, const char *member, const char *dir,
		   const char *data, size_t len, int depth);
static int emb_path(struct emb_walk *w, const char *path, int depth);

/* "DIR/" of @path, "" when it has none; malloc'ed. */
static char *emb_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) + 1 : 0;
	char *dir = (char *)malloc(n + 1);

	if (dir) {
		memcpy(dir, path, n);
		dir[n] = 0;
	}
	return dir;
}

static char *emb_join(const char *a, const char *b, size_t blen, const char *c)
{
	size_t alen = strlen(a), clen = strlen(c);
	char *s = (char *)malloc(alen + blen + clen + 1);

	if (s) {
		memcpy(s, a, alen);
		memcpy(s + alen, b, blen);
		memcpy(s + alen + blen, c, clen + 1);
	}
	return s;
}

struct emb_ar {
	const char *name;	/* the archive, for messages */
	const char *data;
	size_t len;
	const char *longnames;	/* the "//" member */
	size_t longlen;
};

/*
 * The name of the member whose header is @h, into @name/@nlen (not
 * terminated); 1 for a special member (symbol table, long names) to skip,
 * 0 for a member, -1 for a malformed name. BSD "#1/N" names: @skip is the
 * number of name bytes in front of the data.
 */
static int emb_ar_name(struct emb_ar *a, const char *h, const char *body, size_t size,
		       const char **name, size_t *nlen, size_t *skip)
{
	size_t n = 16;

	*skip = 0;
	if (h[0] == '/' && (h[1] == ' ' || h[1] == '/' || !memcmp(h, "/SYM64/", 7))) {
		if (h[1] == '/' && h[2] == ' ') {
			a->longnames = body;
			a->longlen = size;
		}
		return 1;
	}
	if (!memcmp(h, "__.SYMDEF", 9))
		return 1;
	if (h[0] == '/' && h[1] >= '0' && h[1] <= '9') {
		size_t off = 0, i, end;

		for (i = 1; i < 16 && h[i] >= '0' && h[i] <= '9'; i++)
			off = off * 10 + (size_t)(h[i] - '0');
		if (!a->longnames || off >= a->longlen)
			return -1;
		for (end = off; end < a->longlen && a->longnames[end] != '\n'; end++)
			;
		if (end > off && a->longnames[end - 1] == '/')
			end--;
		*name = a->longnames + off;
		*nlen = end - off;
		return 0;
	}
	if (!memcmp(h, "#1/", 3)) {
		size_t i;

		*skip = 0;
		for (i = 3; i < 16 && h[i] >= '0' && h[i] <= '9'; i++)
			*skip = *skip * 10 + (size_t)(h[i] - '0');
		if (*skip > size)
			return -1;
		*name = body;
		*nlen = *skip;
		while (*nlen && body[*nlen - 1] == 0)
			(*nlen)--;
		return 0;
	}
	while (n && h[n - 1] == ' ')
		n--;
	if (n && h[n - 1] == '/')
		n--;
	*name = h;
	*nlen = n;
	return 0;
}

static int emb_ar(struct emb_walk *w, const char *archive, const char *dir,
		  const char *data, size_t len, int thin, int depth)
{
	struct emb_ar a;
	size_t pos = 8;

	memset(&a, 0, sizeof(a));
	a.name = archive;
	a.data = data;
	a.len = len;
	while (pos < len) {
		const char *h = data + pos, *name = NULL;
		size_t size = 0, nlen = 0, skip, i, stored;
		int special, r;

		if (len - pos < EMB_AR_HDR || h[58] != '`' || h[59] != '\n')
			return emb_fail(w, archive, "malformed archive member header");
		for (i = 48; i < 58 && h[i] >= '0' && h[i] <= '9'; i++)
			size = size * 10 + (size_t)(h[i] - '0');
		pos += EMB_AR_HDR;
		/* a thin archive stores only its symbol table and long names */
		special = emb_ar_name(&a, h, data + pos, size <= len - pos ? size : 0,
				      &name, &nlen, &skip);
		stored = (!thin || special == 1) ? size : 0;
		if (stored > len - pos)
			return emb_fail(w, archive, "archive member beyond the end of the file");
		if (special < 0)
			return emb_fail(w, archive, "archive member with a bad name");
		if (special == 0 && thin) {
			char *path = name[0] == '/' ? emb_join("", name, nlen, "")
						    : emb_join(dir, name, nlen, "");

			if (!path)
				return emb_fail(w, archive, "out of memory");
			r = emb_path(w, path, depth + 1);
			free(path);
			if (r)
				return r;
		} else if (special == 0) {
			char *member = emb_join(archive, "(", 1, "");
			char *full = member ? emb_join(member, name, nlen, ")") : NULL;

			free(member);
			if (!full)
				return emb_fail(w, archive, "out of memory");
			r = emb_any(w, full, dir, data + pos + skip, size - skip, depth + 1);
			free(full);
			if (r)
				return r;
		}
		pos += stored + (stored & 1);
	}
	return 0;
}

/* @data is an ELF object or an archive; @dir is where thin members are found. */
static int emb_any(struct emb_walk *w, const char *member, const char *dir,
		   const char *data, size_t len, int depth)
{
	if (depth > EMB_MAX_DEPTH)
		return emb_fail(w, member, "archives nested too deep");
	if (len >= 8 && !memcmp(data, "!<arch>\n", 8))
		return emb_ar(w, member, dir, data, len, 0, depth);
	if (len >= 8 && !memcmp(data, "!<thin>\n", 8))
		return emb_ar(w, member, dir, data, len, 1, depth);
	if (len >= 4 && !memcmp(data, "\177ELF", 4))
		return emb_elf(w, member, data, len);
	return emb_fail(w, member, "neither an ELF object nor an ar archive");
}

static int emb_path(struct emb_walk *w, const char *path, int depth)
{
	size_t len = 0;
	char *data, *dir;
	int r;

	data = emb_slurp(path, &len);
	if (!data)
		return emb_fail(w, path, strerror(errno));
	dir = emb_dirname(path);
	r = dir ? emb_any(w, path, dir, data, len, depth) : emb_fail(w, path, "out of memory");
	free(dir);
	free(data);
	return r;
}

int km_embed_read(const char *path, km_embed_cb cb, void *ctx, char *err, size_t errlen)
{
	struct emb_walk w;
	int r;

	emb_walk_init(&w, cb, ctx, err, errlen);
	r = emb_path(&w, path, 0);
	return r ? r : w.count;
}

int km_embed_is_object(const char *path)
{
	FILE *f = fopen(path, "rb");
	char magic[8];
	size_t n;

	if (!f)
		return 0;
	n = fread(magic, 1, sizeof(magic), f);
	fclose(f);
	if (n >= 4 && !memcmp(magic, "\177ELF", 4))
		return 1;
	return n == 8 && (!memcmp(magic, "!<arch>\n", 8) || !memcmp(magic, "!<thin>\n", 8));
}
