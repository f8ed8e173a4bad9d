// SPDX-License-Identifier: GPL-2.0
/*
 * git_run.c - git run without a shell (posix_spawnp), its standard output
 * read through a pipe (git_run.h): to the end (gt_run), or a few jobs at
 * a time polled by the caller (gt_spawn, gt_read, gt_wait).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "git_run.h"
#include "input/km_input.h"

extern char **environ;

/* Start git with @argv, stdout to a pipe. Returns 0 or -1. */
int gt_spawn(char **argv, struct gt_job *j)
{
	posix_spawn_file_actions_t fa;
	int p[2], err;

	if (pipe(p)) {
		mg_errorf("%s: pipe: %s", mg_prog, strerror(errno));
		return -1;
	}
	/* neither end may leak into the other gits (dup2 clears it on stdout) */
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	fcntl(p[1], F_SETFD, FD_CLOEXEC);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	err = posix_spawnp(&j->pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (err) {
		close(p[0]);
		mg_errorf("%s: cannot run %s: %s", mg_prog, argv[0], strerror(err));
		return -1;
	}
	j->fd = p[0];
	km_buf_init(&j->out);
	return 0;
}

/* Read what is there; 1 at end of file, 0 for more to come, -1 on error. */
int gt_read(struct gt_job *j)
{
	char buf[65536];
	ssize_t n = read(j->fd, buf, sizeof(buf));

	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : -1;
	if (!n)
		return 1;
	km_buf_append(&j->out, buf, (size_t)n);
	return 0;
}

/* Wait for the job; its exit status, or -1 when it did not exit normally. */
int gt_wait(struct gt_job *j)
{
	int st;

	close(j->fd);
	j->fd = -1;
	while (waitpid(j->pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (!WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* Run git to the end; its output (NUL-terminated) in @out. */
int gt_run(char **argv, struct km_buf *out)
{
	struct gt_job j;
	int r;

	km_buf_init(out);
	if (gt_spawn(argv, &j))
		return -1;
	while (!(r = gt_read(&j)))
		;
	r = gt_wait(&j) || r < 0 || j.out.oom ? -1 : 0;
	km_buf_append(&j.out, "", 1);
	*out = j.out;
	return r;
}
