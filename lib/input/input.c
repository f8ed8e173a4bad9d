// SPDX-License-Identifier: GPL-2.0
/*
 * input.c - what the plugin wrote, read back (km_input.h): read the
 * sidecars input_find.c found, validate every line, and read the
 * companions when they are needed. kmetrics-merge and the dataset reader (dataset.c) read
 * through it, so both take the same inputs with the same messages.
 *
 * A PATH that is a directory is searched recursively for files named
 * *.kmetrics; the files found are taken in byte-wise sorted path order.
 * Symbolic links to directories are not followed (no loops). A file met
 * twice (the same device and inode, e.g. a directory and a file inside it
 * both given) is read once, at its first place, with a warning.
 *
 * A PATH that is an ELF object or an ar archive (built-in.a, thin ones
 * included) gives the records and companions embedded in it by
 * -fplugin-arg-kmetrics-embed (lib/companion/km_elfembed.h), one sidecar's worth per
 * object, named by the object it came from: the object's path, "lib.a(x.o)"
 * for a member stored in an archive, the member's own path for a thin
 * archive's. An object made by `ld -r` holds several blobs; each is named
 * "rel.o(OBJECT)" after the object its companion names. A thin archive's
 * member met again (vmlinux.a and arch/x86/kvm/built-in.a both given) is
 * read once, too. Directories are searched for sidecars only; one without
 * any is an error (built without the plugin, or with embed and ccache: give
 * the objects), an object or archive without embedded records only a
 * warning (assembler objects, kbuild's empty built-in.a files).
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with mg_,
 * kmetrics-merge's prefix, where this code was born.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "companion/km_elfembed.h"
#include "km_input.h"
#include "io/km_io.h"
#include "io/km_text.h"

/*
 * Work split over two threads reports its first error here, so that the
 * error printed is the first one in input order, whatever the timing.
 */
static __thread char *mg_sink;
static __thread size_t mg_sink_len;

/* "PREFIX" and the message, its control characters escaped (km_text.h), into @b. */
static void mg_format(struct km_buf *b, const char *prefix, const char *fmt, va_list ap)
{
	char small[512], *msg = small;
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n >= (int)sizeof(small) && (msg = (char *)malloc((size_t)n + 1)))
		vsnprintf(msg, (size_t)n + 1, fmt, again);
	va_end(again);
	km_buf_puts(b, prefix);
	km_buf_escaped(b, n < 0 ? "?" : msg ? msg : small);
	if (msg != small)
		free(msg);
}

static void mg_vmessage(const char *prefix, const char *fmt, va_list ap)
{
	struct km_buf b;

	km_buf_init(&b);
	mg_format(&b, prefix, fmt, ap);
	km_buf_puts(&b, "\n");
	if (b.p)
		fputs(b.p, stderr);
	km_buf_free(&b);
}

void mg_errorf(const char *fmt, ...)
{
	struct km_buf b;
	va_list ap;

	va_start(ap, fmt);
	if (!mg_sink) {
		mg_vmessage("", fmt, ap);
	} else if (!mg_sink[0]) {
		km_buf_init(&b);
		mg_format(&b, "", fmt, ap);
		snprintf(mg_sink, mg_sink_len, "%s", b.p ? b.p : "");
		km_buf_free(&b);
	}
	va_end(ap);
}

const char *mg_prog = "kmetrics";

void mg_warnf(const char *fmt, ...)
{
	char prefix[64];
	va_list ap;

	snprintf(prefix, sizeof(prefix), "%s: warning: ", mg_prog);
	va_start(ap, fmt);
	mg_vmessage(prefix, fmt, ap);
	va_end(ap);
}

void mg_linef(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mg_vmessage("", fmt, ap);
	va_end(ap);
}

char *mg_read_text(const char *path, size_t max, size_t *len)
{
	size_t at = 0;
	char *data = km_read_path(path, max, KM_READ_TEXT, &at);
	char *err;
	size_t errlen;

	if (data && at >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) {
		mg_errorf("%s:1: a UTF-8 byte order mark (BOM) starts the file; kmetrics reads "
			  "UTF-8 without one", path);
		free(data);
		return NULL;
	}
	if (data) {
		*len = at;
		return data;
	}
	errlen = strlen(path) + 160;
	err = (char *)mg_alloc(errlen);
	km_read_error(err, errlen, path, errno, max, at);
	mg_errorf("%s", err);
	free(err);
	return NULL;
}

void *mg_alloc(size_t n)
{
	void *p = calloc(n ? n : 1, 1);

	if (!p) {
		mg_errorf("%s: out of memory", mg_prog);
		exit(1);
	}
	return p;
}

char *mg_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = (char *)mg_alloc(n);

	memcpy(p, s, n);
	return p;
}

char *mg_path_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = (char *)mg_alloc(a + b + 2);

	memcpy(p, dir, a);
	if (a && dir[a - 1] != '/')
		p[a++] = '/';
	memcpy(p + a, name, b + 1);
	return p;
}

static void mg_rec_put(struct mg_rec *m, const struct km_record *r)
{
	m->params = r->params;
	m->cyclomatic = r->cyclomatic;
	m->halstead = r->halstead;
	m->age_days = r->age_days;
	m->depth = r->depth;
	m->callees = r->callees;
	m->callers = r->callers;
	m->self_calls = r->self_calls;
	m->locals = r->locals;
	m->nesting = r->nesting;
	m->score = r->score;
	m->label = r->label;
}

void mg_rec_get(const struct mg_rec *m, struct km_record *r)
{
	memcpy(r->name, m->text, m->name_len);
	r->name[m->name_len] = 0;
	r->params = m->params;
	r->cyclomatic = m->cyclomatic;
	r->halstead = m->halstead;
	r->age_days = m->age_days;
	r->depth = m->depth;
	r->callees = m->callees;
	r->callers = m->callers;
	r->self_calls = m->self_calls;
	r->locals = m->locals;
	r->nesting = m->nesting;
	r->score = m->score;
	r->label = m->label;
}

struct mg_recvec {
	struct mg_rec *r;
	size_t n, cap;
};

static struct mg_rec *mg_new_rec(struct mg_recvec *v)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 1024;
		v->r = (struct mg_rec *)realloc(v->r, v->cap * sizeof(*v->r));
		if (!v->r) {
			fprintf(stderr, "%s: out of memory\n", mg_prog);
			exit(1);
		}
	}
	return &v->r[v->n++];
}

/* Every line must be a record, and the file must end with a newline. */
static int mg_load_side(struct mg_set *set, uint32_t si, struct mg_recvec *v)
{
	struct mg_side *s = &set->sides[si];
	struct km_record r;
	size_t pos = 0, line = 0;
	char msg[160];

	if (!s->embedded)
		s->data = mg_read_text(s->path, KM_READ_INPUT_MAX, &s->len);
	if (!s->data)
		return -1;
	s->rec0 = v->n;
	while (pos < s->len) {
		const char *p = s->data + pos;
		const char *nl = (const char *)memchr(p, '\n', s->len - pos);
		size_t len = nl ? (size_t)(nl - p) : s->len - pos;
		const char *err = NULL;
		struct mg_rec *m;

		line++;
		/* the plugin ends every record with '\n': without it, a torn file */
		if (!nl) {
			mg_errorf("%s:%zu: no newline at the end of the file (truncated?)",
				  s->path, line);
			return -1;
		}
		if (!len)
			err = "empty line";
		else if (p[len - 1] == '\r')
			err = "carriage return before the newline (CRLF line ends?)";
		if (err || km_record_parse(p, len, &r, &err)) {
			mg_errorf("%s:%zu: %s", s->path, line, err ? err : "not a record");
			return -1;
		}
		if (km_record_check(&r, msg, sizeof(msg))) {
			mg_errorf("%s:%zu: %s", s->path, line, msg);
			return -1;
		}
		m = mg_new_rec(v);
		m->text = p;
		m->len = (uint32_t)len;
		m->name_len = (uint32_t)strlen(r.name);
		m->side = si;
		m->func = -1;
		m->fan_in = m->fan_out = m->code_bytes = m->su_frame = -1;
		mg_rec_put(m, &r);
		pos += len + 1;
	}
	s->nrec = v->n - s->rec0;
	return 0;
}

/*
 * Reading a million records takes seconds: the sidecars (and later the
 * companions) are split in two halves, each read on its own thread.
 */
#define MG_SPLIT	1000

struct mg_part {
	struct mg_set *set;
	size_t from, to;
	struct mg_recvec v;
	int need;
	const char *why;
	int failed;
	char err[2048];
};

static void *mg_load_part(void *arg)
{
	struct mg_part *pt = (struct mg_part *)arg;
	size_t i;

	mg_sink = pt->err;
	mg_sink_len = sizeof(pt->err);
	for (i = pt->from; i < pt->to && !pt->failed; i++)
		pt->failed = mg_load_side(pt->set, (uint32_t)i, &pt->v) != 0;
	mg_sink = NULL;
	return NULL;
}

static int mg_load_companion(struct mg_set *set, struct mg_side *s, int need,
			     const char *why);

static void *mg_comp_part(void *arg)
{
	struct mg_part *pt = (struct mg_part *)arg;
	size_t i;

	mg_sink = pt->err;
	mg_sink_len = sizeof(pt->err);
	for (i = pt->from; i < pt->to && !pt->failed; i++)
		if (!pt->set->sides[i].has_comp)
			pt->failed = mg_load_companion(pt->set, &pt->set->sides[i],
						       pt->need, pt->why) != 0;
	mg_sink = NULL;
	return NULL;
}

/* Run @fn over both halves of the sidecars; 0, or -1 after printing the first error. */
static int mg_split(struct mg_set *set, void *(*fn)(void *), struct mg_part *pt)
{
	pthread_t t;
	int threaded = 0, k;

	for (k = 0; k < 2; k++) {
		pt[k].set = set;
		pt[k].failed = 0;
		pt[k].err[0] = 0;
		memset(&pt[k].v, 0, sizeof(pt[k].v));
	}
	pt[0].from = 0;
	pt[0].to = pt[1].from = set->nsides > MG_SPLIT ? set->nsides / 2 : set->nsides;
	pt[1].to = set->nsides;
	if (pt[1].from < pt[1].to && !pthread_create(&t, NULL, fn, &pt[1]))
		threaded = 1;
	fn(&pt[0]);
	if (threaded)
		pthread_join(t, NULL);
	else if (!pt[0].failed)
		fn(&pt[1]);
	for (k = 0; k < 2; k++) {
		if (pt[k].failed) {
			fprintf(stderr, "%s\n", pt[k].err);
			return -1;
		}
	}
	return 0;
}

int mg_load(struct mg_set *set)
{
	struct mg_part pt[2];
	size_t i;
	int ret = mg_split(set, mg_load_part, pt);

	if (!ret) {
		set->nrecs = pt[0].v.n + pt[1].v.n;
		set->recs = (struct mg_rec *)mg_alloc((set->nrecs + 1) * sizeof(*set->recs));
		if (pt[0].v.n)
			memcpy(set->recs, pt[0].v.r, pt[0].v.n * sizeof(*set->recs));
		if (pt[1].v.n)
			memcpy(set->recs + pt[0].v.n, pt[1].v.r, pt[1].v.n * sizeof(*set->recs));
		for (i = pt[1].from; i < pt[1].to; i++)
			set->sides[i].rec0 += pt[0].v.n;
	}
	free(pt[0].v.r);
	free(pt[1].v.r);
	return ret;
}

/* The companion must describe the sidecar: each record is one F of its name. */
static int mg_check_companion(struct mg_set *set, struct mg_side *s,
			      const char *cpath)
{
	const struct km_companion *c = &s->comp;
	size_t i;

	/* written with another sidecar: two compiles of one object crossed */
	if (c->has_records && (c->nrecords != s->nrec ||
			       c->records_hash != km_companion_records_hash(s->data, s->len))) {
		mg_errorf("%s: not the companion of this %s (two compiles crossed? "
			  "records line %lu %016llx, sidecar %zu %016llx)", cpath, s->path, c->nrecords,
			  (unsigned long long)c->records_hash, s->nrec,
			  (unsigned long long)km_companion_records_hash(s->data, s->len));
		return -1;
	}
	for (i = 0; i < c->nfuncs; i++) {
		const struct km_cfunc *f = &c->funcs[i];
		struct mg_rec *m;

		if (f->rec < 0)
			continue;
		if ((size_t)f->rec >= s->nrec) {
			mg_errorf("%s: function %zu (%s) has record %ld, but %s has %zu records",
				  cpath, i, f->name, f->rec, s->path, s->nrec);
			return -1;
		}
		m = &set->recs[s->rec0 + f->rec];
		if (m->func >= 0) {
			mg_errorf("%s: functions %ld and %zu both have record %ld",
				  cpath, m->func, i, f->rec);
			return -1;
		}
		if (strlen(f->name) != m->name_len || memcmp(f->name, m->text, m->name_len)) {
			mg_errorf("%s: function %zu is %s, but record %ld (%s:%ld) is %.*s",
				  cpath, i, f->name, f->rec, s->path, f->rec + 1,
				  (int)m->name_len, m->text);
			return -1;
		}
		m->func = (long)i;
	}
	for (i = 0; i < c->nedges; i++) {
		const struct km_cedge *e = &c->edges[i];

		if (e->from >= c->nfuncs || (e->to >= 0 && (size_t)e->to >= c->nfuncs)) {
			mg_errorf("%s: edge %zu leads to a function that is not there", cpath, i);
			return -1;
		}
	}
	for (i = 0; i < s->nrec; i++) {
		if (set->recs[s->rec0 + i].func < 0) {
			mg_errorf("%s:%zu: record without a function in %s", s->path,
				  i + 1, cpath);
			return -1;
		}
	}
	return 0;
}

static int mg_load_companion(struct mg_set *set, struct mg_side *s, int need,
			     const char *why)
{
	static const char emb_name[] = " (embedded companion)";
	char *cpath = (char *)mg_alloc(strlen(s->path) + sizeof(KM_COMPANION_SUFFIX) +
				       sizeof(emb_name));
	char err[256];
	size_t len = 0;
	char *data;
	int ret = -1;

	strcpy(cpath, s->path);
	if (s->embedded) {	/* in the object: no file to read */
		strcat(cpath, emb_name);
		data = s->comp_data;
		len = s->comp_len;
		s->comp_data = NULL;
	} else {
		strcat(cpath, KM_COMPANION_SUFFIX);
		data = km_read_path(cpath, KM_READ_INPUT_MAX, KM_READ_TEXT, &len);
	}
	if (!data) {
		size_t rdlen = strlen(cpath) + 160;
		char *rd = (char *)mg_alloc(rdlen);
		int e = errno;

		if (e == ENOENT && !need) {
			free(rd);
			free(cpath);
			return 0;
		}
		km_read_error(rd, rdlen, cpath, e, KM_READ_INPUT_MAX, len);
		mg_errorf("%s (the companion of %s, %s %s)", rd, s->path,
			  need ? "needed by" : "read for", why);
		free(rd);
		goto out;
	}
	err[0] = 0;
	if (km_companion_parse(data, len, &s->comp, err, sizeof(err))) {
		mg_errorf("%s:%s", cpath, err);
		goto out;
	}
	if (km_companion_compact(&s->comp)) {
		mg_errorf("%s: out of memory", mg_prog);
		goto out;
	}
	s->has_comp = 1;
	/*
	 * An embedded companion names the object and directory of the compile
	 * that made it: after a ccache hit the first compile's, after distcc
	 * the server's temporary. The object is where the records were found.
	 */
	if (s->embedded)
		s->comp.object = s->path;
	ret = mg_check_companion(set, s, cpath);
out:
	free(data);
	free(cpath);
	return ret;
}

int mg_load_companions(struct mg_set *set, int need, const char *why)
{
	struct mg_part pt[2];

	pt[0].need = pt[1].need = need;
	pt[0].why = pt[1].why = why;
	return mg_split(set, mg_comp_part, pt);
}

const struct km_cfunc *mg_rec_func(const struct mg_set *set, const struct mg_rec *m)
{
	const struct mg_side *s = &set->sides[m->side];

	if (!s->has_comp || m->func < 0)
		return NULL;
	return &s->comp.funcs[m->func];
}

void mg_set_free(struct mg_set *set)
{
	size_t i;

	for (i = 0; i < set->nsides; i++) {
		free(set->sides[i].path);
		free(set->sides[i].data);
		free(set->sides[i].comp_data);
		free(set->sides[i].object);
		if (set->sides[i].has_comp)
			km_companion_free(&set->sides[i].comp);
	}
	free(set->sides);
	free(set->recs);
	memset(set, 0, sizeof(*set));
}
