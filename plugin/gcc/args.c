// SPDX-License-Identifier: GPL-2.0
/*
 * args.c - the plugin's arguments, -fplugin-arg-kmetrics-KEY[=VALUE]:
 * outdir, disable, strict, debug, embed, trace (kmetrics(1), OPTIONS).
 * Each is read in one place, with a warning that names the argument when
 * it cannot be taken.
 */
#include "kmetrics.h"

/* A boolean argument: without a value true, else 0/1/yes/no/true/false. */
static void km_bool_arg(const char *base, const char *key, const char *value, bool *out)
{
	static const char *const words[] = { "0", "no", "false", "1", "yes", "true" };
	size_t i;

	if (!value) {
		*out = true;
		return;
	}
	for (i = 0; i < ARRAY_SIZE(words); i++) {
		if (!strcasecmp(value, words[i])) {
			*out = i >= 3;
			return;
		}
	}
	warning(0, "kmetrics: -fplugin-arg-%s-%s=%s ignored: not 0, 1, yes, no, true or false",
		base, key, value);
}

/* Every argument is looked at, so that disable hides no warning about the others. */
bool km_parse_args(struct plugin_name_args *info, struct km_args *args)
{
	const char *base = info->base_name;
	bool disable = false, strict = false;
	int i;

	for (i = 0; i < info->argc; i++) {
		const char *key = info->argv[i].key, *value = info->argv[i].value;

		if (!strcmp(key, "outdir")) {
			if (value && *value)
				args->outdir = value;
			else
				warning(0, "kmetrics: -fplugin-arg-%s-outdir ignored: it needs "
					"a directory (outdir=DIR)", base);
		} else if (!strcmp(key, "trace")) {
			if (value && *value)
				args->trace = value;
			else
				warning(0, "kmetrics: -fplugin-arg-%s-trace ignored: it needs "
					"a function's name (trace=NAME)", base);
		} else if (!strcmp(key, "disable")) {
			km_bool_arg(base, key, value, &disable);
		} else if (!strcmp(key, "strict")) {
			km_bool_arg(base, key, value, &strict);
		} else if (!strcmp(key, "debug")) {
			km_bool_arg(base, key, value, &args->debug);
		} else if (!strcmp(key, "embed")) {
			km_bool_arg(base, key, value, &args->embed);
		} else {
			warning(0, "kmetrics: unknown argument -fplugin-arg-%s-%s ignored",
				base, key);
		}
	}
	km_problem_strict(strict);
	return !disable;
}

