// SPDX-License-Identifier: GPL-2.0
/*
 * probe.c - compiles whose output nobody keeps get no sidecar.
 *
 * kbuild probes the compiler many times per build with KBUILD_CFLAGS, and
 * so with the plugin that KCFLAGS adds: cc-option and cc-disable-warning
 * compile /dev/null into .tmp_PID/tmp (a directory it then removes), i915's
 * header test compiles /dev/null with -S -o /dev/null -include HEADER, and
 * scripts pipe code through -o - or -o /dev/null. A sidecar named after
 * such an output lands in the current directory (-o /dev/null reaches cc1
 * as -dumpbase null, without a directory; -o - as -dumpbase -), where no
 * object was ever written. None of these compiles has a function of its
 * own to measure, so kmetrics.c writes nothing for them: neither sidecar
 * nor companion nor embedded records.
 *
 * cc1 cannot see the driver's -o for -c (it writes a temporary .s), but
 * the driver hands every option it was given to its children in
 * COLLECT_GCC_OPTIONS ('-c' '-o' '/dev/null' ...), as collect2 reads them.
 */
#include "kmetrics.h"

/* The driver was given `-o FILE` (COLLECT_GCC_OPTIONS quotes each word). */
static bool km_driver_output_is(const char *file)
{
	const char *opts = getenv("COLLECT_GCC_OPTIONS");
	char want[64];

	if (!opts)
		return false;
	snprintf(want, sizeof(want), "'-o' '%s'", file);
	return strstr(opts, want) != NULL;
}

bool km_output_discarded(void)
{
	if (main_input_filename && !strcmp(main_input_filename, HOST_BIT_BUCKET))
		return true;
	if (asm_file_name && !strcmp(asm_file_name, "-"))
		return true;
	return km_driver_output_is(HOST_BIT_BUCKET) || km_driver_output_is("-");
}
