// SPDX-License-Identifier: GPL-2.0
/*
 * embed.c - records and companion inside the object (-fplugin-arg-kmetrics-embed).
 * Placeholder: not implemented yet.
 */
#include "kmetrics.h"

bool km_embed(const char *records, size_t rlen, const char *graph, size_t glen,
	      char *err, size_t errlen)
{
	snprintf(err, errlen, "embedding is not implemented yet");
	return false;
}
