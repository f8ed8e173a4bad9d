/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gcc-compat.h - what differs between the GCC versions kmetrics is built
 * for, in one place (as the kernel's scripts/gcc-plugins/gcc-common.h), so
 * that kmetrics.c and walk.c carry no #if on the GCC version.
 *
 * Supported: GCC 11 and 12, native or cross (Debian's gcc-11-plugin-dev,
 * gcc-12-plugin-dev, gcc-12-plugin-dev-aarch64-linux-gnu). `make
 * TARGET_GCC=CC` compiles the plugin against CC's headers; the plugin then
 * runs only in that CC (plugin_init's version guard), and this header
 * names a compiler in the guard's message.
 *
 * What each version needs here, and why:
 *   - GCC 11 is the oldest: kmetrics.c names the object from
 *     dump_base_ext and dump_base_name_prefixed, which GCC 11's rework of
 *     -dumpbase/-dumpdir introduced; GCC 10 and older are refused here.
 *   - GCC 11 and 12 need no shim for the trees, call graph and line maps
 *     the plugin reads: the same code compiles and measures the same
 *     (tests/golden/ under each compiler; docs/measuring.md, "Compilers").
 *   - A native and a cross GCC of one version differ only in their
 *     configure arguments; km_gcc_describe() adds the target, so the guard
 *     does not say "built for GCC 12.2.0 and cannot run in GCC 12.2.0".
 *
 * When a new GCC breaks the build, the shim goes here, named after what it
 * does, and the supported range above grows.
 */
#ifndef KM_GCC_COMPAT_H
#define KM_GCC_COMPAT_H

/* plugin-version.h has no include guard: kmetrics.h includes it, then this */
#include "gcc-plugin.h"
#ifndef GCCPLUGIN_VERSION_MAJOR
#error "include plugin-version.h before gcc-compat.h"
#endif

#if GCCPLUGIN_VERSION_MAJOR < 11
#error "kmetrics needs the plugin headers of GCC 11 or later (dump_base_ext)"
#endif

/*
 * "12.2.0 for aarch64-linux-gnu": version and target of the GCC @v
 * describes (the target from its --target= configure argument; the
 * version alone when there is none), into @buf.
 */
static inline const char *km_gcc_describe(const struct plugin_gcc_version *v,
					  char *buf, size_t len)
{
	const char *args = v->configuration_arguments ? v->configuration_arguments : "";
	const char *t = strstr(args, "--target=");
	size_t n;

	if (!t) {
		snprintf(buf, len, "%s", v->basever);
		return buf;
	}
	t += strlen("--target=");
	n = strcspn(t, " ");
	snprintf(buf, len, "%s for %.*s", v->basever, (int)n, t);
	return buf;
}

#endif /* KM_GCC_COMPAT_H */
