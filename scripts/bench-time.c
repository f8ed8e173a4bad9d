// SPDX-License-Identifier: GPL-2.0
/*
 * bench-time - run a command, then write "seconds=S maxrss_mib=M" to a file.
 *
 *   bench-time OUTFILE COMMAND [ARG...]
 *
 * Wall-clock seconds (CLOCK_MONOTONIC) and the child's peak resident set
 * (wait4's ru_maxrss) in MiB, rounded up. No shell, no GNU time needed.
 * Exits with the command's status (1 if it did not exit normally); the
 * file is written only when the command succeeded.
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	double secs;
	pid_t pid;
	FILE *f;
	int st, err;

	if (argc < 3) {
		fprintf(stderr, "usage: bench-time OUTFILE COMMAND [ARG...]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	err = posix_spawnp(&pid, argv[2], NULL, NULL, argv + 2, environ);
	if (err) {
		fprintf(stderr, "bench-time: %s: %s\n", argv[2], strerror(err));
		return 1;
	}
	while (wait4(pid, &st, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("bench-time: wait4");
			return 1;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		fprintf(stderr, "bench-time: %s failed\n", argv[2]);
		return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
	}
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	f = fopen(argv[1], "w");
	if (!f || fprintf(f, "seconds=%.2f maxrss_mib=%ld\n", secs,
			  (ru.ru_maxrss + 1023) / 1024) < 0 || fclose(f)) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
