/* SPDX-License-Identifier: GPL-2.0 */
/*
 * km_cexpr.h - the value of a stretch of tokens that is an integer constant
 * expression as written: literals, sizeof and casts of types spelled with
 * keywords, and C's operators (cexpr.c). What a census of && and || needs
 * to know which operands GCC's front end folded (skel_const.c).
 */
#ifndef KM_CEXPR_H
#define KM_CEXPR_H

#include <stddef.h>

#define KM_CEXPR_MAX_TOKENS 256	/* a longer stretch is taken as unknown */

/* The target's sizes in bytes, and whether plain char is signed. */
struct km_cexpr_target {
	unsigned size_short, size_int, size_long, size_llong, size_ptr;
	int char_signed;
};

/*
 * Token @i of the stretch as spelled: its first byte into *@p and the
 * bytes left on its line into *@len; 0 when its text cannot be read.
 */
typedef int (*km_cexpr_spell_fn)(void *ctx, size_t i, const char **p, size_t *len);

struct km_cexpr_env {
	km_cexpr_spell_fn spell;
	void *ctx;
	struct km_cexpr_target target;
};

/*
 * The value of tokens @s..@e-1 when they are one integer constant
 * expression that needs no declaration: 1 with it in *@value, else 0.
 */
int km_cexpr_value(const struct km_cexpr_env *env, size_t s, size_t e, long long *value);

#endif
