// SPDX-License-Identifier: GPL-2.0
/*
 * objects.c - code_bytes: the bytes of code each function became,
 * read from the object its records came from.
 *
 * The object of a sidecar foo.o.kmetrics is foo.o beside it; an object
 * given on the command line (records embedded by -fplugin-arg-kmetrics-embed,
 * a thin archive's member) is itself. A stored archive member (lib.a(x.o))
 * or an `ld -r` object holding several (rel.o(x.o)) is not a file of its
 * own: its functions get no code_bytes, nor do those of a sidecar whose
 * object is not beside it (-fplugin-arg-kmetrics-outdir) or is no ELF file.
 *
 * A function's code_bytes is the sum of st_size over the object's function
 * symbols (STT_FUNC, defined) named after it: its own name and the clones
 * GCC makes of it, NAME followed by '.' and a suffix made of the words
 * isra, constprop, part, cold, clone, lto_priv and numbers (foo.isra.0,
 * foo.constprop.1, foo.part.0.cold). Other suffixes (foo.localalias, an
 * alias of the same bytes) do not count. A function without any such
 * symbol, inlined everywhere, has none (-1).
 *
 * A function's su_frame is what -fstack-usage wrote of it in the .su file
 * beside the object (foo.su for foo.o: `make KCFLAGS=-fstack-usage`), the
 * largest of its bodies' frames (clones as above); values.c gives it as
 * frame_bytes where the companion has no C line (Clang's objects: Clang
 * counts the frame without the return address, GCC with it). A line is
 * FILE:LINE[:COL]:NAME, a tab, the bytes, a tab, the kind; one of another
 * form is skipped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "companion/km_elfembed.h"
#include "km_set.h"

/* One word of a clone suffix: a number or a word GCC names clones with. */
static int ob_clone_word(const char *w, size_t n)
{
	static const char *const words[] = {
		"isra", "constprop", "part", "cold", "clone", "lto_priv",
	};
	size_t i;

	if (n && strspn(w, "0123456789") >= n)
		return 1;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && !memcmp(words[i], w, n))
			return 1;
	return 0;
}

/* ".isra.0", ".cold", ...: a suffix of clones; "" (the own name) too. */
static int ob_clone_suffix(const char *s)
{
	while (*s) {
		size_t n;

		if (*s != '.')
			return 0;
		s++;
		n = strcspn(s, ".");
		if (!ob_clone_word(s, n))
			return 0;
		s += n;
	}
	return 1;
}

/* The records of one object by name: an open-addressing table. */
struct ob_object {
	struct mg_set *set;
	const struct mg_side *side;
	size_t *slot;		/* record index + 1; 0 empty */
	size_t cap;
};

static uint64_t ob_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	while (n--) {
		h ^= (unsigned char)*s++;
		h *= 0x100000001b3ull;
	}
	return h;
}

static size_t *ob_find(struct ob_object *o, const char *name, size_t n)
{
	size_t j = ob_hash(name, n) & (o->cap - 1);

	while (o->slot[j]) {
		const struct mg_rec *r = &o->set->recs[o->slot[j] - 1];

		if (r->name_len == n && !memcmp(r->text, name, n))
			return &o->slot[j];
		j = (j + 1) & (o->cap - 1);
	}
	return &o->slot[j];
}

static int ob_symbol(void *ctx, const char *name, unsigned long long size)
{
	struct ob_object *o = (struct ob_object *)ctx;
	size_t n = strcspn(name, "."), *slot;
	struct mg_rec *r;

	if (!ob_clone_suffix(name + n))
		return 0;
	slot = ob_find(o, name, n);
	if (!*slot)
		return 0;
	r = &o->set->recs[*slot - 1];
	r->code_bytes = (r->code_bytes < 0 ? 0 : r->code_bytes) + (long)size;
	return 0;
}

/* One line of a .su file: the frame of the record it names, if larger. */
static void ob_su_line(struct ob_object *o, char *line)
{
	char *tab = strchr(line, '\t'), *name, *end;
	size_t n, *slot;
	long bytes;

	if (!tab)
		return;
	*tab = 0;
	name = strrchr(line, ':');
	name = name ? name + 1 : line;
	bytes = strtol(tab + 1, &end, 10);
	n = strcspn(name, ".");
	if (end == tab + 1 || *end != '\t' || bytes < 0 || !n || !ob_clone_suffix(name + n))
		return;
	slot = ob_find(o, name, n);
	if (*slot && o->set->recs[*slot - 1].su_frame < bytes)
		o->set->recs[*slot - 1].su_frame = bytes;
}

/* The .su file beside the object @path (foo.o: foo.su), when there is one. */
static void ob_stack_usage(struct ob_object *o, const char *path)
{
	size_t n = strlen(path);
	char *su, line[4096];
	int cut = 0;
	FILE *f;

	if (n < 3 || strcmp(path + n - 2, ".o"))
		return;
	su = (char *)mg_alloc(n + 2);
	memcpy(su, path, n - 1);
	strcpy(su + n - 1, "su");
	f = fopen(su, "r");
	free(su);
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		int whole = strchr(line, '\n') || feof(f);

		if (whole && !cut)
			ob_su_line(o, line);
		cut = !whole;	/* a line longer than line[]: skipped to its end */
	}
	fclose(f);
}

/* The object file of @s, malloc'ed, or NULL when it has none of its own. */
static char *ob_path(const struct mg_side *s)
{
	size_t n = strlen(s->path), k = strlen(MG_SUFFIX);
	struct stat st;
	char *p;

	if (s->embedded)
		return !stat(s->path, &st) && S_ISREG(st.st_mode) ? mg_strdup(s->path) : NULL;
	if (n <= k || strcmp(s->path + n - k, MG_SUFFIX))
		return NULL;
	p = mg_strdup(s->path);
	p[n - k] = 0;
	if (stat(p, &st) || !S_ISREG(st.st_mode)) {
		free(p);
		return NULL;
	}
	return p;
}

static void ob_side(struct mg_set *set, const struct mg_side *s)
{
	struct ob_object o;
	char err[256], *path = ob_path(s);
	size_t i;

	if (!path || !s->nrec) {
		free(path);
		return;
	}
	memset(&o, 0, sizeof(o));
	o.set = set;
	o.side = s;
	for (o.cap = 16; o.cap < 2 * s->nrec; o.cap *= 2)
		;
	o.slot = (size_t *)mg_alloc(o.cap * sizeof(size_t));
	for (i = 0; i < s->nrec; i++) {
		const struct mg_rec *r = &set->recs[s->rec0 + i];
		size_t *slot = ob_find(&o, r->text, r->name_len);

		if (!*slot)
			*slot = s->rec0 + i + 1;
	}
	km_elf_funcs(path, ob_symbol, &o, err, sizeof(err));	/* no ELF: no code_bytes */
	ob_stack_usage(&o, path);
	free(o.slot);
	free(path);
}

void mg_code_bytes(struct mg_set *set)
{
	size_t si;

	for (si = 0; si < set->nsides; si++)
		ob_side(set, &set->sides[si]);
}
