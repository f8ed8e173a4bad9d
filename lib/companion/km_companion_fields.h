/* SPDX-License-Identifier: GPL-2.0 */
/*
 * km_companion_fields.h - what one field of a companion line may hold,
 * shared by its writer (companion_write.c) and its parser (companion.c), so
 * that the writer prints only what the parser reads back.
 * Plain C, compiles as C11 and as C++.
 */
#ifndef KM_COMPANION_FIELDS_H
#define KM_COMPANION_FIELDS_H

#include <string.h>

#include "km_companion.h"

/* A string that fits in one field: no TAB, no LF. NULL counts as "". */
static inline int kmc_str_ok(const char *s)
{
	return !s || !strpbrk(s, "\t\n");
}

static inline int kmc_name_ok(const char *s)
{
	return s && *s && kmc_str_ok(s);
}

static inline int kmc_linkage_ok(char c)
{
	return c == 'S' || c == 'G';
}

/* A definition may also be weak: a global that a strong one overrides. */
static inline int kmc_def_linkage_ok(char c)
{
	return kmc_linkage_ok(c) || c == 'W';
}

static inline int kmc_kind_ok(char c)
{
	return c == 'c' || c == 'a';
}

/* A number of an M or C line: a count, or -1 printed as '-'. */
static inline int kmc_opt_ok(long v)
{
	return v >= -1;
}

/* A section name of a C line: a name that is not the '-' of "none". */
static inline int kmc_section_ok(const char *s)
{
	return !s || (kmc_name_ok(s) && strcmp(s, "-"));
}

static inline int kmc_measures_ok(const struct km_cmeasures *m)
{
	return kmc_opt_ok(m->nloc) && kmc_opt_ok(m->macro_decisions) &&
	       kmc_opt_ok(m->cognitive) && kmc_opt_ok(m->hal_n1) &&
	       kmc_opt_ok(m->hal_n2) && kmc_opt_ok(m->hal_N1) && kmc_opt_ok(m->hal_N2);
}

static inline int kmc_facts_ok(const struct km_cfacts *x)
{
	return kmc_opt_ok(x->frame_bytes) && (x->inlined == 0 || x->inlined == 1) &&
	       kmc_section_ok(x->section) && kmc_opt_ok(x->cfg_blocks) &&
	       kmc_opt_ok(x->cfg_cyclomatic);
}

#endif /* KM_COMPANION_FIELDS_H */
