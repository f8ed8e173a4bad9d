// SPDX-License-Identifier: GPL-2.0
/*
 * history_pack.c - blobs and trees read straight from the repository's
 * packs, with a cache of inflated objects as git's delta base cache keeps
 * them (deltas applied by history_delta.c).
 *
 * A walk of history reads each changed blob, and a packed blob is the end
 * of a delta chain up to 50 deep. libgit2 1.5 keeps 16 MiB of delta bases
 * and empties that cache whenever it is full, so most reads inflated the
 * whole chain again: six times the bytes `git log -p` inflates over the
 * same commits. Here every object resolved on the way (the bases and the
 * blob asked for) stays in one cache bounded by its size, the least
 * recently used going first; a read walks down its chain only to the
 * first object cached.
 *
 * Packs are found under the common directory's objects/pack (index
 * version 2). Whatever is not read here (a loose object, an alternate, an
 * unknown format, a damaged pack) is read by libgit2, which reports its
 * errors as before. Ids are not checked (as libgit2 with strict hash
 * verification off, and git outside fsck); zlib checks each stream.
 *
 * zlib is the one libgit2 loaded (its functions looked up with dlsym), so
 * no program that links libkmhist.a needs another library on its link
 * line; without it every blob is libgit2's. zlib.h comes with libgit2-dev.
 */
#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "km_history_int.h"

#define PK_CACHE_LIMIT	((size_t)128 << 20)	/* bytes of inflated objects kept */
#define PK_BUCKETS	65536			/* power of 2 */
#define PK_DROP		((size_t)64 << 20)	/* pack bytes read between drops */

enum { PK_COMMIT = 1, PK_TREE, PK_BLOB, PK_TAG, PK_OFS = 6, PK_REF };

struct pk_pack {
	const unsigned char *idx, *pack;
	size_t idx_len, pack_len;
	uint32_t nobj;
};

struct pk_obj {
	uint32_t pack;
	uint64_t off;
	int type;
	unsigned char *data;
	size_t size;
	unsigned pins;
	int cached;
	struct pk_obj *next;			/* hash bucket */
	struct pk_obj *older, *newer;		/* LRU list */
};

struct pk_zlib {
	int (*init)(z_stream *z, const char *version, int size);
	int (*inflate)(z_stream *z, int flush);
	int (*end)(z_stream *z);
};

struct km_packs {
	struct pk_zlib z;
	struct pk_pack *p;
	size_t np;
	struct pk_obj *bucket[PK_BUCKETS];
	struct pk_obj *newest, *oldest;
	size_t bytes;
	size_t mapped;		/* pack bytes read since the pages were last let go */
};

static uint32_t pk_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* ---- the packs ---- */

static const unsigned char *pk_map(const char *path, size_t *len)
{
	struct stat st;
	void *m;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || st.st_size <= 0) {
		close(fd);
		return NULL;
	}
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return NULL;
	*len = (size_t)st.st_size;
	return (const unsigned char *)m;
}

/*
 * The packs' pages read stay in the page cache but would count in the
 * process's memory, as much as all the packs: every 64 MiB read, the
 * mappings let them go (read again, they come back from the page cache).
 */
static void pk_read(struct km_packs *ps, size_t n)
{
	size_t i;

	ps->mapped += n;
	if (ps->mapped < PK_DROP)
		return;
	for (i = 0; i < ps->np; i++)
		madvise((void *)ps->p[i].pack, ps->p[i].pack_len, MADV_DONTNEED);
	ps->mapped = 0;
}

/* A version 2 index and its pack that agree: 0, else -1 (left to libgit2). */
static int pk_check(const struct pk_pack *k)
{
	static const unsigned char magic[8] = { 0xff, 't', 'O', 'c', 0, 0, 0, 2 };
	uint32_t n;

	if (k->idx_len < 8 + 1024 + 40 || memcmp(k->idx, magic, 8))
		return -1;
	n = pk_be32(k->idx + 8 + 255 * 4);
	if (k->idx_len < 8 + 1024 + (size_t)n * 28 + 40)
		return -1;
	if (k->pack_len < 32 || memcmp(k->pack, "PACK", 4) || pk_be32(k->pack + 8) != n)
		return -1;
	/* the index names the pack it was made for by the pack's checksum */
	if (memcmp(k->idx + k->idx_len - 40, k->pack + k->pack_len - 20, 20))
		return -1;
	return 0;
}

static void pk_add_pack(struct km_packs *ps, const char *dir, const char *name)
{
	size_t ld = strlen(dir), ln = strlen(name);
	char *path = (char *)km_hist_alloc(ld + ln + 3);	/* ".idx" becomes ".pack" */
	struct pk_pack k;

	memset(&k, 0, sizeof(k));
	sprintf(path, "%s/%s", dir, name);
	k.idx = pk_map(path, &k.idx_len);
	strcpy(path + ld + 1 + ln - 4, ".pack");
	k.pack = k.idx ? pk_map(path, &k.pack_len) : NULL;
	free(path);
	if (!k.pack || pk_check(&k)) {
		if (k.idx)
			munmap((void *)k.idx, k.idx_len);
		if (k.pack)
			munmap((void *)k.pack, k.pack_len);
		return;
	}
	k.nobj = pk_be32(k.idx + 8 + 255 * 4);
	ps->p = (struct pk_pack *)km_hist_realloc(ps->p, (ps->np + 1) * sizeof(*ps->p));
	ps->p[ps->np++] = k;
}

/* libgit2's zlib: 0, else -1 (no pack is read here). */
static int pk_zlib(struct pk_zlib *z)
{
	void *lib = dlopen("libz.so.1", RTLD_LAZY);

	if (!lib)
		return -1;
	*(void **)&z->init = dlsym(lib, "inflateInit_");
	*(void **)&z->inflate = dlsym(lib, "inflate");
	*(void **)&z->end = dlsym(lib, "inflateEnd");
	return z->init && z->inflate && z->end ? 0 : -1;
}

static struct km_packs *pk_open(struct km_hist *h)
{
	struct km_packs *ps = (struct km_packs *)km_hist_alloc(sizeof(*ps));
	const char *common = git_repository_commondir(h->repo);
	char *dir = (char *)km_hist_alloc(strlen(common) + 16);
	struct dirent *de;
	DIR *d;

	memset(ps, 0, sizeof(*ps));
	if (pk_zlib(&ps->z)) {
		free(dir);
		return ps;
	}
	sprintf(dir, "%s%sobjects/pack", common,
		common[0] && common[strlen(common) - 1] == '/' ? "" : "/");
	d = opendir(dir);
	while (d && (de = readdir(d))) {
		size_t n = strlen(de->d_name);

		if (n > 4 && !strcmp(de->d_name + n - 4, ".idx"))
			pk_add_pack(ps, dir, de->d_name);
	}
	if (d)
		closedir(d);
	free(dir);
	return ps;
}

/* @id's offset in pack @k, or -1. */
static int64_t pk_find(const struct pk_pack *k, const unsigned char *id)
{
	const unsigned char *fan = k->idx + 8, *ids = fan + 1024;
	uint32_t lo = id[0] ? pk_be32(fan + (id[0] - 1) * 4) : 0, hi = pk_be32(fan + id[0] * 4);
	const unsigned char *offs = ids + (size_t)k->nobj * 24;

	if (hi > k->nobj || lo > hi)
		return -1;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = memcmp(ids + (size_t)mid * 20, id, 20);
		uint32_t o;

		if (c < 0) {
			lo = mid + 1;
			continue;
		}
		if (c > 0) {
			hi = mid;
			continue;
		}
		o = pk_be32(offs + (size_t)mid * 4);
		if (!(o & 0x80000000u))
			return o;
		o &= 0x7fffffffu;
		if ((size_t)(offs - k->idx) + (size_t)k->nobj * 4 + (size_t)o * 8 + 8 >
		    k->idx_len - 40)
			return -1;
		return (int64_t)((uint64_t)pk_be32(offs + (size_t)k->nobj * 4 + (size_t)o * 8) << 32 |
				 pk_be32(offs + (size_t)k->nobj * 4 + (size_t)o * 8 + 4));
	}
	return -1;
}

/* ---- the cache ---- */

static size_t pk_hash(uint32_t pack, uint64_t off)
{
	return (size_t)((off * 0x9e3779b97f4a7c15ull + pack) >> 40) & (PK_BUCKETS - 1);
}

static struct pk_obj *pk_cached(struct km_packs *ps, uint32_t pack, uint64_t off)
{
	struct pk_obj *o;

	for (o = ps->bucket[pk_hash(pack, off)]; o; o = o->next)
		if (o->off == off && o->pack == pack)
			return o;
	return NULL;
}

static void pk_lru_unlink(struct km_packs *ps, struct pk_obj *o)
{
	if (o->older)
		o->older->newer = o->newer;
	else
		ps->oldest = o->newer;
	if (o->newer)
		o->newer->older = o->older;
	else
		ps->newest = o->older;
}

static void pk_lru_front(struct km_packs *ps, struct pk_obj *o)
{
	o->newer = NULL;
	o->older = ps->newest;
	if (ps->newest)
		ps->newest->newer = o;
	else
		ps->oldest = o;
	ps->newest = o;
}

static void pk_drop(struct km_packs *ps, struct pk_obj *o)
{
	struct pk_obj **pp = &ps->bucket[pk_hash(o->pack, o->off)];

	while (*pp != o)
		pp = &(*pp)->next;
	*pp = o->next;
	pk_lru_unlink(ps, o);
	ps->bytes -= o->size;
	free(o->data);
	free(o);
}

/* Keep @o (unpinned objects go, oldest first, past the limit). */
static void pk_keep(struct km_packs *ps, struct pk_obj *o)
{
	struct pk_obj *v = ps->oldest;

	if (o->size > PK_CACHE_LIMIT / 8)
		return;
	o->cached = 1;
	o->next = ps->bucket[pk_hash(o->pack, o->off)];
	ps->bucket[pk_hash(o->pack, o->off)] = o;
	pk_lru_front(ps, o);
	ps->bytes += o->size;
	while (ps->bytes > PK_CACHE_LIMIT && v) {
		struct pk_obj *next = v->newer;

		if (!v->pins && v != o)
			pk_drop(ps, v);
		v = next;
	}
}

static void pk_unpin(struct km_packs *ps, struct pk_obj *o)
{
	if (--o->pins || o->cached)
		return;
	free(o->data);
	free(o);
}

/* ---- objects ---- */

/* One entry's header at @off: type, inflated size, where its data starts, its base. */
struct pk_entry {
	int type;
	size_t size, data;
	uint64_t base;
};

static int pk_entry(const struct pk_pack *k, uint64_t off, struct pk_entry *e)
{
	const unsigned char *p = k->pack, *end = k->pack + k->pack_len - 20;
	uint64_t at = off, size, b;
	unsigned shift = 4;
	unsigned char c;

	if (off < 12 || off >= (uint64_t)(end - p))
		return -1;
	c = p[at++];
	e->type = (c >> 4) & 7;
	size = c & 15;
	while (c & 0x80) {
		if (at >= (uint64_t)(end - p) || shift > 57)
			return -1;
		c = p[at++];
		size |= (uint64_t)(c & 0x7f) << shift;
		shift += 7;
	}
	e->size = (size_t)size;
	if (e->type == PK_OFS) {
		if (at >= (uint64_t)(end - p))
			return -1;
		c = p[at++];
		b = c & 0x7f;
		while (c & 0x80) {
			if (at >= (uint64_t)(end - p) || b >> 56)
				return -1;
			c = p[at++];
			b = ((b + 1) << 7) | (c & 0x7f);
		}
		if (!b || b > off)
			return -1;
		e->base = off - b;
	} else if (e->type == PK_REF) {
		int64_t r;

		if (at + 20 > (uint64_t)(end - p) || (r = pk_find(k, p + at)) < 0)
			return -1;
		e->base = (uint64_t)r;
		at += 20;
	} else if (e->type < PK_COMMIT || e->type > PK_TAG) {
		return -1;
	}
	e->data = (size_t)at;
	return 0;
}

/* The zlib stream of @e into exactly e->size bytes, malloc'ed. */
static unsigned char *pk_inflate(struct km_packs *ps, const struct pk_pack *k,
				 const struct pk_entry *e)
{
	const struct pk_zlib *zl = &ps->z;
	unsigned char *out;
	z_stream z;
	int r;

	if (e->size > UINT32_MAX)
		return NULL;
	out = (unsigned char *)malloc(e->size ? e->size : 1);
	if (!out)
		return NULL;
	memset(&z, 0, sizeof(z));
	if (zl->init(&z, ZLIB_VERSION, (int)sizeof(z)) != Z_OK) {
		free(out);
		return NULL;
	}
	z.next_in = (Bytef *)(k->pack + e->data);
	z.avail_in = (uInt)(k->pack_len - 20 - e->data > UINT32_MAX ? UINT32_MAX :
			    k->pack_len - 20 - e->data);
	z.next_out = out;
	z.avail_out = (uInt)e->size;
	do {
		r = zl->inflate(&z, Z_FINISH);
	} while (r == Z_OK && z.avail_out);
	zl->end(&z);
	if (r != Z_STREAM_END || z.total_out != e->size) {
		free(out);
		return NULL;
	}
	pk_read(ps, z.total_in);
	return out;
}

static struct pk_obj *pk_new(uint32_t pack, uint64_t off, int type, unsigned char *data,
			     size_t size)
{
	struct pk_obj *o = (struct pk_obj *)km_hist_alloc(sizeof(*o));	/* zeroed */

	o->pack = pack;
	o->off = off;
	o->type = type;
	o->data = data;
	o->size = size;
	o->pins = 1;
	return o;
}

/*
 * The object at @off of pack @pk, pinned: down its delta chain to the
 * first object cached (or a whole one), then each delta applied on the
 * way back up, every result kept. NULL when anything does not read.
 */
static struct pk_obj *pk_resolve(struct km_packs *ps, uint32_t pk, uint64_t off)
{
	const struct pk_pack *k = &ps->p[pk];
	struct pk_entry *chain = NULL;
	struct pk_obj *o = NULL;
	size_t n = 0, cap = 0;

	for (;;) {
		struct pk_entry e;
		unsigned char *data;

		if ((o = pk_cached(ps, pk, off))) {
			o->pins++;
			break;
		}
		if (pk_entry(k, off, &e) || n > 10000)
			goto fail;
		if (e.type != PK_OFS && e.type != PK_REF) {
			if (!(data = pk_inflate(ps, k, &e)))
				goto fail;
			o = pk_new(pk, off, e.type, data, e.size);
			pk_keep(ps, o);
			break;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			chain = (struct pk_entry *)km_hist_realloc(chain, cap * sizeof(*chain));
		}
		chain[n] = e;
		chain[n++].base = off;	/* from here on: the delta's own offset */
		off = e.base;
	}
	while (n--) {
		unsigned char *delta = pk_inflate(ps, k, &chain[n]), *t;
		size_t tn;
		struct pk_obj *up;

		if (!delta || km_hist_patch(o->data, o->size, delta, chain[n].size, &t, &tn)) {
			free(delta);
			goto fail;
		}
		free(delta);
		up = pk_new(pk, chain[n].base, o->type, t, tn);
		pk_unpin(ps, o);
		o = up;
		pk_keep(ps, o);
	}
	free(chain);
	return o;
fail:
	if (o)
		pk_unpin(ps, o);
	free(chain);
	return NULL;
}

/* ---- blobs and trees ---- */

/* Object @id of @type from the packs: 0, else -1 (not there, another type, unreadable). */
static int pk_read_packed(struct km_hist *h, const git_oid *id, int type, struct km_blob *b)
{
	size_t i;

	if (!h->packs)
		h->packs = pk_open(h);
	for (i = 0; i < h->packs->np; i++) {
		int64_t off = pk_find(&h->packs->p[i], id->id);
		struct pk_obj *o;

		if (off < 0)
			continue;
		o = pk_resolve(h->packs, (uint32_t)i, (uint64_t)off);
		if (o && o->type == type) {
			b->obj = o;
			b->p = (const char *)o->data;
			b->n = o->size;
			return 0;
		}
		if (o)
			pk_unpin(h->packs, o);
		break;
	}
	return -1;
}

int km_hist_blob(struct km_hist *h, const git_oid *id, struct km_blob *b)
{
	memset(b, 0, sizeof(*b));
	if (!pk_read_packed(h, id, PK_BLOB, b))
		return 0;
	if (git_blob_lookup(&b->gb, h->repo, id))
		return -1;
	b->p = (const char *)git_blob_rawcontent(b->gb);
	b->n = (size_t)git_blob_rawsize(b->gb);
	return 0;
}

int km_hist_tree(struct km_hist *h, const git_oid *id, struct km_blob *b)
{
	git_odb *odb;

	memset(b, 0, sizeof(*b));
	if (!pk_read_packed(h, id, PK_TREE, b))
		return 0;
	if (git_repository_odb(&odb, h->repo))
		return -1;
	if (git_odb_read(&b->raw, odb, id)) {
		git_odb_free(odb);
		return -1;
	}
	git_odb_free(odb);
	if (git_odb_object_type(b->raw) != GIT_OBJECT_TREE) {
		git_error_set_str(GIT_ERROR_OBJECT, "the object is not a tree");
		km_hist_blob_done(h, b);
		return -1;
	}
	b->p = (const char *)git_odb_object_data(b->raw);
	b->n = git_odb_object_size(b->raw);
	return 0;
}

void km_hist_blob_done(struct km_hist *h, struct km_blob *b)
{
	if (b->obj)
		pk_unpin(h->packs, (struct pk_obj *)b->obj);
	git_blob_free(b->gb);
	git_odb_object_free(b->raw);
	memset(b, 0, sizeof(*b));
}

void km_hist_packs_close(struct km_packs *ps)
{
	size_t i;

	if (!ps)
		return;
	while (ps->oldest)
		pk_drop(ps, ps->oldest);
	for (i = 0; i < ps->np; i++) {
		munmap((void *)ps->p[i].idx, ps->p[i].idx_len);
		munmap((void *)ps->p[i].pack, ps->p[i].pack_len);
	}
	free(ps->p);
	free(ps);
}
