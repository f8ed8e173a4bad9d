// SPDX-License-Identifier: GPL-2.0
/*
 * textmap.c - where the text of a location physically is (textmap.h).
 *
 * A location names a file and a line as the line directives say: after
 * "#line 3 \"parser.y\"" in bison's output, or in a preprocessed .i (what
 * -save-temps, distcc and ccache's preprocessor mode compile) where every
 * token's location names the original .c or header, with the .i's
 * columns. The text the parser read is the file being read, at its own
 * line: the .c bison wrote, the .i. Reading the named file instead reads
 * other text (or none, on a distcc server).
 *
 * The preprocessor tells every change of file to its file_change callback,
 * which this file wraps (the C front end's own runs after it): the map
 * made, and through cpp_get_buffer the file being read. A change with no
 * change of that file came from a line directive in it; the directives of
 * the file are read once (km_src_line_directive) and taken in order, each
 * callback matched with the next directive that names its line and file,
 * so that a directive's own line gives the physical line of the map's
 * first line. A change of the file being read is an #include entered or
 * left: its lines are its own, or the includer's as they were.
 *
 * Each map made from then on resolves through the last record at or before
 * it (linemap_line_start adds maps of its own that carry on the numbering).
 * A map with no known text (<command-line>, a directive not found) resolves
 * to nothing: its tokens are counted as the tree's shape says.
 * Debug: -fplugin-arg-kmetrics-debug prints each record.
 */
#include "textmap.h"

#include "cpplib.h"
#include "compile/km_src.h"

struct tm_file {
	char *path;
	char *logical;		/* the name the last directive gave it */
	long *dir_line;		/* its directives: lines, numbers, names */
	long *dir_num;
	char **dir_name;
	long ndir, cursor;	/* the next directive to match */
	long delta;		/* physical line - logical line */
	bool scanned;
};

struct tm_rec {
	location_t start;	/* first location of the map */
	const char *phys;	/* NULL: no known text */
	long delta;
};

static struct km_src_cache *tm_src;
static cpp_reader *tm_reader;
static void (*tm_next)(cpp_reader *, const line_map_ordinary *);
static void (*tm_next_line)(cpp_reader *, const cpp_token *, int);
static location_t tm_line_map;	/* tm_line_change's last map, and where it resolves */
static const char *tm_line_phys;
static long tm_line_delta;
static vec<tm_file *> tm_files;
static vec<tm_rec> tm_recs;
static tm_file *tm_last;	/* the file being read at the last change */
static bool tm_debug;

static tm_file *tm_file_get(const char *path)
{
	unsigned i;
	tm_file *f;

	for (i = 0; i < tm_files.length(); i++)
		if (!strcmp(tm_files[i]->path, path))
			return tm_files[i];
	f = XCNEW(tm_file);
	f->path = xstrdup(path);
	tm_files.safe_push(f);
	return f;
}

/* The line directives of @f's text, read once. */
static void tm_scan(tm_file *f)
{
	const struct km_src_file *sf = km_src_get(tm_src, f->path);
	long line, n, cap = 0, num;
	char *name;

	f->scanned = true;
	n = sf ? km_src_lines(sf) : 0;
	for (line = 1; line <= n; line++) {
		if (!km_src_line_directive(sf, line, &num, &name))
			continue;
		if (f->ndir == cap) {
			cap = cap ? cap * 2 : 16;
			f->dir_line = XRESIZEVEC(long, f->dir_line, cap);
			f->dir_num = XRESIZEVEC(long, f->dir_num, cap);
			f->dir_name = XRESIZEVEC(char *, f->dir_name, cap);
		}
		f->dir_line[f->ndir] = line;
		f->dir_num[f->ndir] = num;
		f->dir_name[f->ndir] = name;
		f->ndir++;
	}
}

static bool tm_same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* The directive of @f that made @map, matched in order; -1 if none. */
static long tm_match(tm_file *f, const line_map_ordinary *map)
{
	const char *to = ORDINARY_MAP_FILE_NAME(map);
	long to_line = ORDINARY_MAP_STARTING_LINE_NUMBER(map), i;

	if (!f->scanned)
		tm_scan(f);
	for (i = f->cursor; i < f->ndir; i++)
		if (f->dir_num[i] == to_line &&
		    (f->dir_name[i] ? tm_same(f->dir_name[i], to) :
		     (tm_same(f->logical, to) || (!f->logical && tm_same(f->path, to)))))
			return i;
	return -1;
}

static void tm_record(const line_map_ordinary *map, const char *phys, long delta)
{
	tm_rec r;

	r.start = MAP_START_LOCATION(map);
	r.phys = phys;
	r.delta = delta;
	tm_recs.safe_push(r);
	if (tm_debug)
		fprintf(stderr, "kmetrics: text: %s:%ld is %s:%+ld\n", ORDINARY_MAP_FILE_NAME(map),
			(long)ORDINARY_MAP_STARTING_LINE_NUMBER(map), phys ? phys : "(none)", delta);
}

/* A change made by a line directive of @f, the file being read. */
static void tm_directive(tm_file *f, const line_map_ordinary *map)
{
	const char *to = ORDINARY_MAP_FILE_NAME(map);
	long i = tm_match(f, map);

	if (i < 0) {
		/* the front end's own return to the main file, or no text */
		tm_record(map, tm_same(to, f->path) ? f->path : NULL, 0);
		return;
	}
	f->cursor = i + 1;
	f->delta = f->dir_line[i] + 1 - ORDINARY_MAP_STARTING_LINE_NUMBER(map);
	free(f->logical);
	f->logical = xstrdup(to);
	tm_record(map, f->path, f->delta);
}

/* An #include entered (@enter) or left: @f is now being read. */
static void tm_include(tm_file *f, const line_map_ordinary *map, bool enter)
{
	const char *to = ORDINARY_MAP_FILE_NAME(map);

	if (enter) {
		f->cursor = 0;
		f->delta = 0;
		free(f->logical);
		f->logical = NULL;
	}
	if (tm_same(to, f->path) || tm_same(to, f->logical))
		tm_record(map, f->path, f->delta);
	else
		tm_record(map, NULL, 0);
}

/* The path of the file being read, or NULL. */
static const char *tm_reading(cpp_reader *r)
{
	cpp_buffer *b = cpp_get_buffer(r);
	struct _cpp_file *cf = b ? cpp_get_file(b) : NULL;
	const char *path = cf ? cpp_get_path(cf) : NULL;

	return path && *path ? path : NULL;
}

static void tm_file_change(cpp_reader *r, const line_map_ordinary *map)
{
	const char *path = map ? tm_reading(r) : NULL;

	if (path) {
		tm_file *f = tm_file_get(path);

		if (f == tm_last)
			tm_directive(f, map);
		else
			tm_include(f, map, map->reason == LC_ENTER);
		tm_last = f;
	} else if (map) {
		tm_record(map, NULL, 0);
	}
	if (tm_next)
		tm_next(r, map);
}

/*
 * The preprocessor's line_change: a line's first token, lexed outside any
 * group an #if skips. Its physical line is marked kept (km_src_keep_line):
 * the census then reads no token of the text the preprocessor left out.
 */
static void tm_line_change(cpp_reader *r, const cpp_token *tok, int parsing_args)
{
	location_t loc = get_pure_location(tok->src_loc);
	const char *phys;
	long line;

	if (loc > BUILTINS_LOCATION && !linemap_location_from_macro_expansion_p(line_table, loc)) {
		const line_map_ordinary *m = linemap_check_ordinary(linemap_lookup(line_table, loc));
		long logical = SOURCE_LINE(m, loc);

		/* one map's lines resolve through one record: located once */
		if (MAP_START_LOCATION(m) != tm_line_map) {
			tm_line_map = MAP_START_LOCATION(m);
			tm_line_phys = NULL;
			if (km_textmap_locate(loc, ORDINARY_MAP_FILE_NAME(m), logical, &phys, &line)) {
				tm_line_phys = phys;
				tm_line_delta = line - logical;
			}
		}
		if (tm_line_phys)
			km_src_keep_line(tm_src, tm_line_phys, logical + tm_line_delta);
	}
	if (tm_next_line)
		tm_next_line(r, tok, parsing_args);
}

void km_textmap_start(cpp_reader *reader, struct km_src_cache *src, bool debug)
{
	cpp_callbacks *cb;

	if (!reader || tm_reader)
		return;
	cb = cpp_get_callbacks(reader);
	tm_reader = reader;
	tm_src = src;
	tm_debug = debug;
	tm_next = cb->file_change;
	cb->file_change = tm_file_change;
	tm_next_line = cb->line_change;
	cb->line_change = tm_line_change;
	if (tm_reading(reader))		/* the main file, being read already */
		tm_last = tm_file_get(tm_reading(reader));
}

void km_textmap_stop(void)
{
	unsigned i;
	long j;

	if (tm_reader) {
		cpp_get_callbacks(tm_reader)->file_change = tm_next;
		cpp_get_callbacks(tm_reader)->line_change = tm_next_line;
		tm_reader = NULL;
	}
	for (i = 0; i < tm_files.length(); i++) {
		tm_file *f = tm_files[i];

		for (j = 0; j < f->ndir; j++)
			free(f->dir_name[j]);
		free(f->dir_line);
		free(f->dir_num);
		free(f->dir_name);
		free(f->logical);
		free(f->path);
		free(f);
	}
	tm_files.release();
	tm_recs.release();
	tm_last = NULL;
}

bool km_textmap_locate(location_t loc, const char *file, long line, const char **phys,
		       long *pline)
{
	unsigned lo = 0, hi = tm_recs.length();

	/* the last record at or before @loc */
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;

		if (tm_recs[mid].start <= loc)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo) {		/* before the first change seen: as named */
		*phys = file;
		*pline = line;
		return file != NULL;
	}
	*phys = tm_recs[lo - 1].phys;
	*pline = line + tm_recs[lo - 1].delta;
	return *phys != NULL && *pline > 0;
}
