/* SPDX-License-Identifier: GPL-2.0 */
/*
 * diff_priv.h - what the parts of the comparison (km_diff.h) share
 * between themselves: diff.c pairs the rows, diff_paths.c makes their
 * paths comparable, diff_rules.c is the gate.
 */
#ifndef KM_DIFF_PRIV_H
#define KM_DIFF_PRIV_H

#include "km_diff.h"

/* Each row's path cleaned and without its side's root, in d->keys; roots and by_file. */
void dp_keys(struct km_diff *d);

/* OLD's rows in a file renamed in NEW get the new path as their key. */
void dp_renames(struct km_diff *d);

#endif /* KM_DIFF_PRIV_H */
