// SPDX-License-Identifier: GPL-2.0
/*
 * killer.c - run a compile and SIGKILL it (the driver and cc1, the whole
 * process group) at a chosen moment, to test that interrupted compiles
 * never leave a torn sidecar.
 *
 *   killer -t USEC -- COMMAND...
 *	kill USEC microseconds after the start
 *   killer -w DIR -d USEC -- COMMAND...
 *	kill USEC microseconds after a temporary file (a name holding
 *	".tmp.") is created in DIR: right inside the window in which the
 *	plugin writes its files
 *   killer -w DIR -m NAME -d USEC -- COMMAND...
 *	kill USEC microseconds after a file is renamed to NAME in DIR
 *
 * Prints "killed" when the signal was sent before COMMAND ended, or
 * "exited N" when it finished first. Exits 0, or 2 on usage errors.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <poll.h>

static long kl_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

static int kl_usage(void)
{
	fprintf(stderr, "usage: killer -t USEC -- COMMAND...\n"
			"       killer -w DIR [-m NAME] -d USEC -- COMMAND...\n");
	return 2;
}

/* Did the child end? Reaps it; its status in *@status. */
static int kl_ended(pid_t pid, int *status)
{
	return waitpid(pid, status, WNOHANG) == pid;
}

/*
 * Wait for a temporary to appear in the watched directory (or, with
 * @moved, a file renamed to that name), or the child to end.
 */
static int kl_wait_tmp(int fd, const char *moved, pid_t pid, int *status)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	struct pollfd p = { fd, POLLIN, 0 };

	for (;;) {
		ssize_t n;
		char *q;

		if (kl_ended(pid, status))
			return 0;
		if (poll(&p, 1, 5) <= 0)
			continue;
		n = read(fd, buf, sizeof(buf));
		for (q = buf; n > 0 && q < buf + n;) {
			struct inotify_event *ev = (struct inotify_event *)q;

			if (ev->len && (moved ? (ev->mask & IN_MOVED_TO) && !strcmp(ev->name, moved)
					      : (ev->mask & IN_CREATE) && strstr(ev->name, ".tmp.") != NULL))
				return 1;
			q += sizeof(*ev) + ev->len;
		}
	}
}

int main(int argc, char **argv)
{
	long delay = -1, start;
	const char *dir = NULL, *moved = NULL;
	int opt, status = 0, fd = -1, killed = 0;
	pid_t pid;

	while ((opt = getopt(argc, argv, "t:w:d:m:")) != -1) {
		if (opt == 't' || opt == 'd')
			delay = atol(optarg);
		else if (opt == 'w')
			dir = optarg;
		else if (opt == 'm')
			moved = optarg;
		else
			return kl_usage();
	}
	if (delay < 0 || optind >= argc)
		return kl_usage();
	if (dir) {
		fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
		if (fd < 0 || inotify_add_watch(fd, dir, IN_CREATE | IN_MOVED_TO) < 0) {
			perror(dir);
			return 2;
		}
	}
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 2;
	}
	if (pid == 0) {
		setpgid(0, 0);
		execvp(argv[optind], argv + optind);
		perror(argv[optind]);
		_exit(127);
	}
	setpgid(pid, pid);
	if (dir && !kl_wait_tmp(fd, moved, pid, &status))
		goto exited;
	start = kl_now_us();
	for (;;) {
		long left = delay - (kl_now_us() - start);

		if (kl_ended(pid, &status))
			goto exited;
		if (left <= 0)
			break;
		usleep(left < 2000 ? left : 2000);
	}
	kill(-pid, SIGKILL);
	killed = 1;
	waitpid(pid, &status, 0);
	usleep(20000);		/* let the rest of the group die */
exited:
	if (killed)
		printf("killed\n");
	else
		printf("exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return 0;
}
