/* SPDX-License-Identifier: GPL-2.0 */
/*
 * textmap.h - the file and line that hold a location's text as the parser
 * read it, through #line directives and the line markers of a
 * preprocessed input (textmap.c).
 */
#ifndef KM_TEXTMAP_H
#define KM_TEXTMAP_H

#include "kmetrics.h"

struct km_src_cache;

/*
 * Follows the preprocessor's changes of file from now on (call it before
 * the main file is parsed); @src reads the files' directives.
 */
void km_textmap_start(cpp_reader *reader, struct km_src_cache *src, bool debug);
void km_textmap_stop(void);

/*
 * The physical file and line of the ordinary location @loc, which names
 * @file and @line: false when its text is not known.
 */
bool km_textmap_locate(location_t loc, const char *file, long line, const char **phys,
		       long *pline);

#endif /* KM_TEXTMAP_H */
