// SPDX-License-Identifier: GPL-2.0
/*
 * paths.c - which object a compile writes and where its sidecar goes
 * (km_paths.h): the driver's COLLECT_GCC_OPTIONS read back, outputs that
 * are no file (/dev/null, "-", a FIFO), and the sidecar's path under an
 * outdir, normalised so that no ".." leads out of it.
 *
 * Plain C, compiles as C11 and as C++; file-scope names start with paths_.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "km_paths.h"

/* ---- COLLECT_GCC_OPTIONS ---- */

/*
 * One option at *@pp into @out: quoted parts ('...') and \' glued
 * together up to an unquoted space. Returns 0, or -1 for an unclosed quote.
 */
static int paths_token(const char **pp, char *out)
{
	const char *p = *pp;

	while (*p && *p != ' ') {
		if (*p == '\\' && p[1] == '\'') {
			*out++ = '\'';
			p += 2;
		} else if (*p == '\'') {
			for (p++; *p && *p != '\''; p++)
				*out++ = *p;
			if (!*p)
				return -1;
			p++;
		} else {
			*out++ = *p++;
		}
	}
	*out = '\0';
	*pp = p;
	return 0;
}

/* Options whose argument follows as a separate word and may start with '-'. */
static int paths_takes_word(const char *opt)
{
	return !strcmp(opt, "-Xlinker") || !strcmp(opt, "-Xassembler") ||
	       !strcmp(opt, "-Xpreprocessor");
}

int km_driver_opts_parse(const char *env, struct km_driver_opts *o)
{
	char *word = (char *)malloc(strlen(env) + 1);
	const char *p = env;
	int want = 0;		/* 'o': the next word is the output; 's': skip it */

	memset(o, 0, sizeof(*o));
	if (!word)
		return -1;
	for (;;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		if (paths_token(&p, word))
			goto bad;
		if (want == 'o') {
			free(o->output);
			o->output = (char *)malloc(strlen(word) + 1);
			if (!o->output)
				goto bad;
			strcpy(o->output, word);
		} else if (!want) {
			o->compile_only |= !strcmp(word, "-c");
			o->asm_only |= !strcmp(word, "-S");
			want = !strcmp(word, "-o") ? 'o' : paths_takes_word(word) ? 's' : 0;
			continue;
		}
		want = 0;
	}
	free(word);
	if (want != 'o')
		return 0;
	km_driver_opts_free(o);
	return -1;
bad:
	free(word);
	km_driver_opts_free(o);
	return -1;
}

void km_driver_opts_free(struct km_driver_opts *o)
{
	free(o->output);
	memset(o, 0, sizeof(*o));
}

/* ---- outputs that are no file ---- */

int km_path_is_special(const char *path)
{
	struct stat st;

	if (!strcmp(path, "-"))
		return 1;
	if (stat(path, &st))
		return 0;	/* not there yet (or unreadable): a file to be */
	return !S_ISREG(st.st_mode);
}

/* ---- sidecars under an outdir ---- */

/*
 * @path's components into @out, '/'-joined, without "." and empty ones,
 * each "d/.." folded away. A ".." with nothing before it is dropped when
 * @rooted (at "/" it stays at "/"), otherwise kept and counted in *@ups.
 * @out has room for strlen(@path) + 1 bytes.
 */
static void paths_norm(const char *path, int rooted, char *out, int *ups)
{
	size_t n = 0, len;
	int comps = 0;
	const char *c;

	*ups = 0;
	out[0] = '\0';
	while (*path) {
		while (*path == '/')
			path++;
		c = path;
		len = strcspn(c, "/");
		path += len;
		if (!len || (len == 1 && c[0] == '.'))
			continue;
		if (len == 2 && c[0] == '.' && c[1] == '.') {
			if (comps > *ups) {	/* fold "d/.." */
				char *cut = strrchr(out, '/');

				n = cut ? (size_t)(cut - out) : 0;
				out[n] = '\0';
				comps--;
				continue;
			}
			if (rooted)
				continue;
			(*ups)++;
		}
		if (n)
			out[n++] = '/';
		memcpy(out + n, c, len);
		n += len;
		out[n] = '\0';
		comps++;
	}
}

char *km_outdir_path(const char *outdir, const char *cwd, const char *object,
		     const char *suffix)
{
	size_t room = strlen(object) + (cwd ? strlen(cwd) : 0) + 2;
	char *norm = (char *)malloc(room), *full = NULL, *res = NULL;
	int ups;

	if (!norm)
		return NULL;
	paths_norm(object, object[0] == '/', norm, &ups);
	if (ups && cwd && cwd[0] == '/') {	/* "../b.o": where it really is */
		full = (char *)malloc(room);
		if (!full)
			goto out;
		strcpy(full, cwd);
		strcat(full, "/");
		strcat(full, object);
		paths_norm(full, 1, norm, &ups);
	} else if (ups) {			/* no directory to take it against */
		paths_norm(object, 1, norm, &ups);
	}
	res = (char *)malloc(strlen(outdir) + strlen(norm) + strlen(suffix) + 2);
	if (res) {
		strcpy(res, outdir);
		strcat(res, "/");
		strcat(res, norm);
		strcat(res, suffix);
	}
out:
	free(full);
	free(norm);
	return res;
}
