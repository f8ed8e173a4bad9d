/* SPDX-License-Identifier: GPL-2.0 */
/*
 * km_cli.h - the command-line habits the kmetrics tools share: options
 * written --name=VALUE, and bad usage reported the same way with exit
 * status 2 ("PROG: unknown option '--bogus'", then "Try 'PROG --help'.").
 * Plain C, compiles as C11 and as C++.
 */
#ifndef KM_CLI_H
#define KM_CLI_H

#ifdef __cplusplus
extern "C" {
#endif

/* The VALUE of @arg when it is "@opt=VALUE", else NULL. */
const char *km_option_value(const char *arg, const char *opt);

/* "PROG: " @fmt (with @arg) and the --help hint on stderr; returns 2. */
int km_usage_error(const char *prog, const char *fmt, const char *arg);

#ifdef __cplusplus
}
#endif

#endif /* KM_CLI_H */
