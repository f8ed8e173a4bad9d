// SPDX-License-Identifier: GPL-2.0
/*
 * probe.c - kbuild's compiler probes get no sidecar.
 *
 * kbuild probes the compiler many times per build with KBUILD_CFLAGS, and
 * so with the plugin that KCFLAGS adds: cc-option and cc-disable-warning
 * compile /dev/null into .tmp_PID/tmp (a directory it then removes), i915's
 * header test compiles /dev/null with -include HEADER. None of these
 * compiles has a function of its own to measure, so kmetrics.c writes
 * nothing for them: neither sidecar nor companion nor embedded records.
 * (Outputs that are no file, -o /dev/null and -o -, are sidecar.c's.)
 */
#include "kmetrics.h"

bool km_probe_compile(void)
{
	return main_input_filename && !strcmp(main_input_filename, HOST_BIT_BUCKET);
}
