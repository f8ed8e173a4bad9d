// SPDX-License-Identifier: GPL-2.0
/*
 * diff_sarif.c - kmetrics-diff --format=sarif: the gate's failures as a
 * SARIF 2.1.0 log (OASIS; the JSON schema tests/diff/ validates against),
 * which code-scanning services and editors read:
 *
 *   one run, tool.driver "kmetrics", one reportingDescriptor per column
 *   named by --fail-on (id = the column's csv name), and one result per
 *   failure: ruleId, ruleIndex, level "warning", the message the stderr
 *   line carries, and the physical location (artifactLocation.uri = the
 *   source file as NEW names it, percent-encoded; region.startLine = its
 *   first line when known). An absolute path becomes a file:// URI.
 *
 * Without --fail-on, or with no failure, the run has no results.
 */
#include <string.h>

#include "diff.h"
#include "io/km_text.h"

/* Rule @k is the first of --fail-on on its column. */
static int sarif_first_of_col(const struct df_gate *g, size_t k)
{
	size_t m;

	for (m = 0; m < k; m++)
		if (g->rules[m].col == g->rules[k].col)
			return 0;
	return 1;
}

/* The index of rule @k's column among the reportingDescriptors. */
static size_t sarif_rule_index(const struct df_gate *g, size_t k)
{
	size_t m, idx = 0;

	for (m = 0; m < k; m++) {
		if (g->rules[m].col == g->rules[k].col)
			return idx;
		idx += sarif_first_of_col(g, m);
	}
	return idx;
}

static void sarif_rules(const struct df_gate *g, struct km_buf *out)
{
	const char *sep = "\n";
	size_t k;

	km_buf_puts(out, "          \"rules\": [");
	for (k = 0; k < g->nrules; k++) {
		const struct km_coldef *c = &km_cols[g->rules[k].col];

		if (!sarif_first_of_col(g, k))
			continue;
		km_buf_printf(out, "%s            {\"id\": \"%s\", \"name\": \"%s\", "
			      "\"shortDescription\": {\"text\": ", sep, c->name, c->name);
		km_buf_json_string(out, c->doc);
		km_buf_puts(out, "}, \"defaultConfiguration\": {\"level\": \"warning\"}}");
		sep = ",\n";
	}
	km_buf_puts(out, *sep == ',' ? "\n          ]\n" : "]\n");
}

/* @path as a URI reference: bytes other than unreserved ones and '/' percent-encoded. */
static void sarif_uri(const char *path, struct km_buf *b)
{
	static const char keep[] = "-._~/";
	const unsigned char *s = (const unsigned char *)path;
	struct km_buf u;

	km_buf_init(&u);
	if (*s == '/')
		km_buf_puts(&u, "file://");
	for (; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr(keep, *s))
			km_buf_append(&u, s, 1);
		else
			km_buf_printf(&u, "%%%02X", *s);
	}
	km_buf_json_string(b, u.p ? u.p : "");
	b->oom |= u.oom;
	km_buf_free(&u);
}

static void sarif_result(const struct km_diff *d, const struct df_gate *g,
			 const struct df_failure *f, struct km_buf *out)
{
	const struct km_dpair *p = &d->pairs[f->pair];
	const struct km_rule *r = &g->rules[f->rule];
	struct km_buf msg;
	long line;
	const char *file = km_diff_where(d, p, &line);

	km_buf_init(&msg);
	km_rule_message(d, p, r, &msg);
	km_buf_printf(out, "        {\"ruleId\": \"%s\", \"ruleIndex\": %zu, \"level\": \"warning\", "
		      "\"message\": {\"text\": ", km_cols[r->col].name, sarif_rule_index(g, f->rule));
	km_buf_json_string(out, msg.p ? msg.p : "");
	km_buf_puts(out, "},\n         \"locations\": [{\"physicalLocation\": "
		    "{\"artifactLocation\": {\"uri\": ");
	sarif_uri(file, out);
	km_buf_puts(out, "}");
	if (line > 0)
		km_buf_printf(out, ", \"region\": {\"startLine\": %ld}", line);
	km_buf_puts(out, "}}]}");
	out->oom |= msg.oom;
	km_buf_free(&msg);
}

void df_sarif(const struct km_diff *d, const struct df_gate *g, struct km_buf *out)
{
	size_t i;

	km_buf_puts(out, "{\n"
		    "  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
		    "  \"version\": \"2.1.0\",\n"
		    "  \"runs\": [\n"
		    "    {\n"
		    "      \"tool\": {\n"
		    "        \"driver\": {\n"
		    "          \"name\": \"kmetrics\",\n");
	sarif_rules(g, out);
	km_buf_puts(out, "        }\n"
		    "      },\n"
		    "      \"results\": [");
	for (i = 0; i < g->nfail; i++) {
		km_buf_puts(out, i ? ",\n" : "\n");
		sarif_result(d, g, &g->fail[i], out);
	}
	km_buf_puts(out, g->nfail ? "\n      ]\n" : "]\n");
	km_buf_puts(out, "    }\n"
		    "  ]\n"
		    "}\n");
}
