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

#include "km_cexpr.h"

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
	KM_TOK_LBRACK,		/* [ */
	KM_TOK_RBRACK,		/* ] */
	KM_TOK_LBRACE,		/* { */
	KM_TOK_RBRACE,		/* } */
	KM_TOK_COMMA,		/* , */
	KM_TOK_SEMI,		/* ; */
	KM_TOK_ZERO,		/* the integer constant 0 (0, 0u, 0UL, ...) */
	KM_TOK_ONE,		/* the integer constant 1 */
	KM_TOK_ASSIGN,		/* = (not ==, nor the = of <= += ...) */
};

/* What an identifier is to a census of && and || (km_skel_filter). */
enum km_ident {
	KM_ID_NAME,		/* a name: before '(', a call */
	KM_ID_UNEVAL,		/* sizeof, typeof, _Static_assert, ...: its operand is no code */
	KM_ID_EXPECT,		/* __builtin_expect: its first argument is the condition */
	KM_ID_KEYWORD,		/* return, case, ...: a '(' after it groups */
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

/*
 * Line @line of @path holds a token the preprocessor kept: not a directive,
 * not in a group an #if left out. Once a file has such marks, km_src_scan
 * calls back only for the tokens of the lines marked (the text of an
 * #ifndef CONFIG_X group that X's being set left out holds no token of the
 * code); the file need not be read yet. The last path is remembered by
 * pointer: one mark per line of a whole translation unit is cheap.
 */
void km_src_keep_line(struct km_src_cache *c, const char *path, long line);

/* Whether line @line of @f was marked kept, or @f has no marks at all. */
int km_src_line_kept(const struct km_src_file *f, long line);

/* Lines in @f (a last line without '\n' counts). */
long km_src_lines(const struct km_src_file *f);

/* Line @line (1-based) of @f without its line end, or NULL past the end. */
const char *km_src_line(const struct km_src_file *f, long line, size_t *len);

/* The token that starts at 1-based byte column @col of line @line. */
enum km_tok km_src_token_at(const struct km_src_file *f, long line, long col);

/* The identifier that starts at (@line,@col): its length, its first byte in *@p; 0 if none. */
size_t km_src_ident_at(const struct km_src_file *f, long line, long col, const char **p);

/* What the identifier @p (@n bytes) is to a census. */
enum km_ident km_src_ident_class(const char *p, size_t n);

/*
 * A census of && and ||: which of the tokens @t[0..@n) (@cls: the class of
 * each identifier) are operators of the stretch itself, into @keep (1 for
 * each && and || that is). Not those inside a call's arguments, brackets,
 * braces, a statement expression, the operand of sizeof, typeof and their
 * kind, nor anywhere in a level that holds a ?: that is no code: one
 * whose ':' is not @live (GCC folded its constant condition away), other
 * than c ? 1 : 0 and c ? 0 : 1 (GCC folds them into c). The first
 * argument of __builtin_expect is the condition itself; an operand @env
 * values (NULL: only the literals 0 and 1) decides a chain. @live: 1 for each
 * ':' where the compiled code still has its ?:. With @want KM_TOK_QUERY,
 * the '?' of each ?: written in the open instead (not in a call, a sizeof,
 * braces; not c ? 1 : 0), what a min or max GCC made of ?: stands for. A '(' after ')' (a cast's operand) groups. (skel.c)
 */
void km_skel_filter(const enum km_tok *t, const enum km_ident *cls, const unsigned char *live,
		    size_t n, const struct km_cexpr_env *env, enum km_tok want, unsigned char *keep);

/*
 * Which && and || of the tokens @t[0..@n) have a value known as written
 * (an operand the literal 0 or 1 decides them: 1 || x, x && 0, IS_ENABLED()
 * expanded; with @env, any operand km_cexpr_value knows), into @constant, and which tokens such a constant skips (the
 * x of 1 || x, 0 && x), into @dead (skel_const.c).
 */
void km_skel_constants(const enum km_tok *t, const enum km_ident *cls, size_t n,
		       const struct km_cexpr_env *env, unsigned char *constant, unsigned char *dead);

/*
 * The value of the tokens @t[0..@n) as one expression, as
 * km_skel_constants knows it: 0 or 1, or -1 when the text does not show it.
 */
int km_skel_value(const enum km_tok *t, const enum km_ident *cls, size_t n,
		  const struct km_cexpr_env *env);

/*
 * Calls @fn for each token from (@l1,@c1) to (@l2,@c2), both 1-based and
 * inclusive of the token starting at (@l2,@c2), outside comments (a
 * string literal or character constant is one KM_TOK_OTHER; so is each
 * character of an operator km_tok does not name). The stretch
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

/*
 * The token before (@line,@col): where it starts into *@pl, *@pc; 0 when
 * none is found in the KM_SRC_LOOK_BACK lines before (lex.c).
 */
#define KM_SRC_LOOK_BACK	40
int km_src_token_before(const struct km_src_file *f, long line, long col, long *pl, long *pc);

/*
 * Whether line @line of @f is a line directive: "#line N", "#line N
 * \"file\"", or a marker "# N \"file\" flags" as cpp -E writes them. Its
 * N into *@num, the file it names (unescaped, malloc'd; NULL when it names
 * none) into *@name, which the caller frees.
 */
int km_src_line_directive(const struct km_src_file *f, long line, long *num, char **name);

#ifdef __cplusplus
}
#endif

#endif /* KM_SRC_H */
