/* SPDX-License-Identifier: GPL-2.0 */
/*
 * km_src.h - source files as kmetrics reads them, and the little lexing it
 * needs of their text.
 *
 * The plugin reads source text for two things only: what token stands at a
 * location (an && or || that GCC's folding merged leaves only its location
 * behind), and which lines of a function hold code (nloc). GCC's own file
 * cache would do, but it rescans a file's lines for every lookup and reads
 * whatever a #line names (/dev/zero, /dev/stdin). This cache reads each
 * file once, whole, only when it is a regular file no larger than
 * KM_SRC_MAX_BYTES, and indexes its lines: a lookup is an array access.
 *
 * Plain C, compiles as C and C++; the unit tests link it without GCC.
 * Part of lib/compile/ (km_paths.h says what the folder holds).
 */
#ifndef KM_SRC_H
#define KM_SRC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KM_SRC_MAX_BYTES	(64L << 20)	/* larger files are not read */

struct km_src_file;
struct km_src_cache;

/* Token kinds the plugin asks about. */
enum km_tok {
	KM_TOK_NONE,		/* nothing there: past the line, blank, a comment */
	KM_TOK_ANDAND,		/* && */
	KM_TOK_OROR,		/* || */
	KM_TOK_QUERY,		/* ? */
	KM_TOK_COLON,		/* : */
	KM_TOK_NOT,		/* ! (not !=) */
	KM_TOK_IDENT,		/* an identifier or a keyword */
	KM_TOK_LPAREN,		/* ( */
	KM_TOK_RPAREN,		/* ) */
	KM_TOK_OTHER,		/* any other token */
};

struct km_src_cache *km_src_cache_new(void);
void km_src_cache_free(struct km_src_cache *c);

/*
 * The file @path, read on first use. NULL when it is not a regular file,
 * cannot be read, or is larger than KM_SRC_MAX_BYTES; that answer is cached
 * too. @path is compared by pointer first (GCC interns file names), then
 * by content.
 */
const struct km_src_file *km_src_get(struct km_src_cache *c, const char *path);

/* Lines in @f (a last line without '\n' counts). */
long km_src_lines(const struct km_src_file *f);

/* Line @line (1-based) of @f without its line end, or NULL past the end. */
const char *km_src_line(const struct km_src_file *f, long line, size_t *len);

/* The token that starts at 1-based byte column @col of line @line. */
enum km_tok km_src_token_at(const struct km_src_file *f, long line, long col);

/*
 * Calls @fn for each && and || token and each identifier from (@l1,@c1) to
 * (@l2,@c2), both 1-based and inclusive of the token starting at (@l2,@c2),
 * outside comments, string literals and character constants. The stretch
 * must start outside a comment or literal (an expression's first token
 * does). When @fn returns nonzero for an identifier, a parenthesised group
 * right after it (a function-like macro's arguments) is skipped.
 */
typedef int (*km_src_tok_fn)(void *arg, enum km_tok kind, long line, long col);
void km_src_scan(const struct km_src_file *f, long l1, long c1, long l2, long c2,
		 km_src_tok_fn fn, void *arg);

/*
 * The ')' that closes the first '(' at or after (@line,@col), skipping
 * comments and literals, into (*@eline,*@ecol); false when there is none.
 */
int km_src_match_paren(const struct km_src_file *f, long line, long col,
		       long *eline, long *ecol);

/*
 * Lines of @first..@last (1-based, inclusive) that hold code: not blank and
 * not only comment, block comments that open before @first included.
 */
long km_src_nloc(const struct km_src_file *f, long first, long last);

#ifdef __cplusplus
}
#endif

#endif /* KM_SRC_H */
