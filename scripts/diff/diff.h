/* SPDX-License-Identifier: GPL-2.0 */
/*
 * diff.h - what kmetrics-diff's files share:
 *
 *   diff.c         command line, reading both sides, the gate, writing
 *   diff_out.c     text, csv and json output
 *   diff_sarif.c   SARIF 2.1.0 output
 *
 * The comparison itself is lib/diff/ (km_diff.h), the datasets are
 * lib/dataset/ (km_dataset.h).
 */
#ifndef KM_DIFF_TOOL_H
#define KM_DIFF_TOOL_H

#include <stddef.h>

#include "diff/km_diff.h"
#include "io/km_io.h"

#define DF_PROG		"kmetrics-diff"

enum df_format { DF_TEXT, DF_CSV, DF_JSON, DF_SARIF };

/* One function failing one rule of --fail-on. */
struct df_failure {
	size_t pair;		/* index into km_diff.pairs */
	size_t rule;		/* index into the rules */
};

struct df_gate {
	const struct km_rule *rules;
	size_t nrules;
	const struct df_failure *fail;
	size_t nfail;
};

/* diff_out.c: the pairs (with --all the unchanged ones too) into @out. */
void df_text(const struct km_diff *d, int all, struct km_buf *out);
void df_csv(const struct km_diff *d, int all, struct km_buf *out);
void df_json(const struct km_diff *d, int all, struct km_buf *out);
/* A pair is listed: not unchanged, or --all. */
int df_listed(const struct km_dpair *p, int all);

/* diff_sarif.c: one run of tool kmetrics, a result per failure. */
void df_sarif(const struct km_diff *d, const struct df_gate *g, struct km_buf *out);

#endif /* KM_DIFF_TOOL_H */
