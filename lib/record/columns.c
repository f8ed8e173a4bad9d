// SPDX-License-Identifier: GPL-2.0
/*
 * columns.c - the table of dataset columns (km_columns.h): one entry per
 * column, in output order, with the one-line meaning kmetrics-merge(1)'s
 * COLUMNS and the tools' --help print.
 */
#include <string.h>
#include <strings.h>

#include "km_columns.h"

#define BASE	KM_GROUP_BASE
#define FIXES	KM_GROUP_FIXES
#define HIST	KM_GROUP_HISTORY
#define I	KM_TYPE_INT
#define R	KM_TYPE_REAL
#define T	KM_TYPE_TEXT

const struct km_coldef km_cols[KM_NCOLS] = {
	[KM_COL_NAME] = { "name", T, BASE, 1, "the function's source name (NAME)" },
	[KM_COL_PARAMS] = { "params", I, BASE, 1, "C1: declared parameters" },
	[KM_COL_CYCLOMATIC] = { "cyclomatic", I, BASE, 1,
		"C2: McCabe, 1 + if, ?:, loops, case labels, && and || as written" },
	[KM_COL_HALSTEAD_EFFORT] = { "halstead_effort", R, BASE, 1, "C3: Halstead effort D*V" },
	[KM_COL_AGE_DAYS] = { "age_days", I, BASE, 1,
		"C4: days from the function's oldest line to the newest commit (--git)" },
	[KM_COL_DEPTH] = { "depth", I, BASE, 1,
		"C5: longest call chain from an entry down to it, 0 on or below a cycle" },
	[KM_COL_CALLEES] = { "callees", I, BASE, 1, "C6: functions reachable from it" },
	[KM_COL_CALLERS] = { "callers", I, BASE, 1, "C7: functions it is reachable from" },
	[KM_COL_SELF_CALLS] = { "self_calls", I, BASE, 1, "C8: direct self-call sites" },
	[KM_COL_LOCALS] = { "locals", I, BASE, 1, "C9: named local variables" },
	[KM_COL_NESTING] = { "nesting", I, BASE, 1, "C10: 1 + deepest nesting of control structures" },
	[KM_COL_SCORE] = { "score", R, BASE, 1, "C11: 1.0 - 0.2*k over SPEC's five thresholds" },
	[KM_COL_LABEL] = { "label", I, BASE, 1,
		"LABEL: 1 when a fix touched it or --labels names it" },
	[KM_COL_FILE] = { "file", T, BASE, 0, "source file of the definition, as the compiler named it" },
	[KM_COL_LINE] = { "line", I, BASE, 0, "first line of the function's span" },
	[KM_COL_OBJECT] = { "object", T, BASE, 0, "the object its record came from" },
	[KM_COL_LAST_LINE] = { "last_line", I, BASE, 0, "last line of the function's span" },
	[KM_COL_NLOC] = { "nloc", I, BASE, 0,
		"lines of the span holding code: not blank, not only comment" },
	[KM_COL_FAN_IN] = { "fan_in", I, BASE, 0,
		"distinct functions in scope with a direct edge to it" },
	[KM_COL_FAN_OUT] = { "fan_out", I, BASE, 0,
		"distinct functions (external ones too) it has a direct edge to" },
	[KM_COL_MACRO_DECISIONS] = { "macro_decisions", I, BASE, 0,
		"decisions of C2 whose token comes from a macro expansion" },
	[KM_COL_HALSTEAD_N1] = { "halstead_n1", I, BASE, 0, "distinct operators" },
	[KM_COL_HALSTEAD_N2] = { "halstead_n2", I, BASE, 0, "distinct operands" },
	[KM_COL_HALSTEAD_BIG_N1] = { "halstead_N1", I, BASE, 0, "operator occurrences" },
	[KM_COL_HALSTEAD_BIG_N2] = { "halstead_N2", I, BASE, 0, "operand occurrences" },
	[KM_COL_HALSTEAD_VOLUME] = { "halstead_volume", R, BASE, 0, "V = N * log2(n)" },
	[KM_COL_HALSTEAD_DIFFICULTY] = { "halstead_difficulty", R, BASE, 0,
		"D = n1/2 * N2/n2" },
	[KM_COL_FRAME_BYTES] = { "frame_bytes", I, BASE, 0,
		"static stack frame (-fstack-usage) of its body, the largest clone's" },
	[KM_COL_CODE_BYTES] = { "code_bytes", I, BASE, 0,
		"summed symbol sizes of its body and clones in the object" },
	[KM_COL_INLINED] = { "inlined", I, BASE, 0, "1 when no out-of-line body was emitted" },
	[KM_COL_SECTION] = { "section", T, BASE, 0, "section of its own-name body" },
	[KM_COL_COGNITIVE] = { "cognitive", I, BASE, 0, "SonarSource Cognitive Complexity" },
	[KM_COL_CFG_BLOCKS] = { "cfg_blocks", I, BASE, 0,
		"basic blocks of the optimised CFG of its own-name body" },
	[KM_COL_CFG_CYCLOMATIC] = { "cfg_cyclomatic", I, BASE, 0,
		"E - N + 2 of that CFG" },
	[KM_COL_FIXES] = { "fixes", T, FIXES, 0,
		"fix commits that touched it, 12-digit ids, oldest first" },
	[KM_COL_CVES] = { "cves", T, FIXES, 0, "CVE ids of those fixes" },
	[KM_COL_FIX_BREADTH] = { "fix_breadth", I, FIXES, 0,
		"fewest functions any one of its fixes touched" },
	[KM_COL_COMMITS] = { "commits", I, HIST, 0, "non-merge commits that changed its span" },
	[KM_COL_AUTHORS] = { "authors", I, HIST, 0, "distinct author e-mails of those commits" },
	[KM_COL_LINES_ADDED] = { "lines_added", I, HIST, 0, "lines those commits added in its span" },
	[KM_COL_LINES_DELETED] = { "lines_deleted", I, HIST, 0,
		"lines those commits deleted in its span" },
	[KM_COL_LAST_CHANGE_DAYS] = { "last_change_days", I, HIST, 0,
		"days from its newest change to the measured commit" },
};

#undef BASE
#undef FIXES
#undef HIST
#undef I
#undef R
#undef T

int km_col_lookup(const char *name)
{
	int c;

	for (c = 0; c < KM_NCOLS; c++)
		if (!strcmp(km_cols[c].name, name))
			return c;
	return -1;
}

int km_col_lookup_nocase(const char *name)
{
	int c, found = -1;

	for (c = 0; c < KM_NCOLS; c++) {
		if (strcasecmp(km_cols[c].name, name))
			continue;
		if (found >= 0)
			return -1;
		found = c;
	}
	return found;
}

int km_col_present(int c, unsigned groups)
{
	if (c < 0 || c >= KM_NCOLS)
		return 0;
	return km_cols[c].group == KM_GROUP_BASE || (km_cols[c].group & groups);
}

const char *km_col_sql_name(int c, char *buf, unsigned long len)
{
	const char *s = km_cols[c].name;
	unsigned long n = 0;

	for (; *s && n + 5 < len; s++) {
		if (*s >= 'A' && *s <= 'Z') {
			memcpy(buf + n, "big_", 4);
			n += 4;
			buf[n++] = (char)(*s - 'A' + 'a');
		} else {
			buf[n++] = *s;
		}
	}
	buf[n] = 0;
	return buf;
}
