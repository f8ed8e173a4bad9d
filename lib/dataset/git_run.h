/* SPDX-License-Identifier: GPL-2.0 */
/*
 * git_run.h - git run without a shell, its standard output collected:
 * what git_ages.c (--git) runs, one process or several at a time
 * (git_run.c). Errors are printed with mg_errorf (km_input.h).
 */
#ifndef KM_GIT_RUN_H
#define KM_GIT_RUN_H

#include <sys/types.h>

#include "io/km_io.h"

struct gt_job {
	pid_t pid;
	int fd;
	struct km_buf out;
	size_t file;		/* the caller's: which file it blames */
};

/* Start git with @argv, stdout to a pipe. Returns 0 or -1. */
int gt_spawn(char **argv, struct gt_job *j);
/* Read what is there; 1 at end of file, 0 for more to come, -1 on error. */
int gt_read(struct gt_job *j);
/* Wait for the job; its exit status, or -1 when it did not exit normally. */
int gt_wait(struct gt_job *j);
/* Run git to the end; its output (NUL-terminated) in @out. */
int gt_run(char **argv, struct km_buf *out);

#endif /* KM_GIT_RUN_H */
