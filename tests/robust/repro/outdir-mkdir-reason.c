/*
 * Reproducer: the warning for an outdir on a read-only file system gives
 * the wrong reason when the mirrored subdirectory has to be created.
 *
 *   mkdir -p /tmp/ro && mount -t tmpfs -o size=64k,ro tmpfs /tmp/ro
 *   mkdir -p sub
 *   gcc -fplugin=build/kmetrics.so -fplugin-arg-kmetrics-outdir=/tmp/ro \
 *       -c outdir-mkdir-reason.c -o sub/x.o
 *
 * prints
 *   cc1: warning: kmetrics: cannot write /tmp/ro/sub/x.o.kmetrics.graph:
 *        No such file or directory
 * The reason is mkdir's EROFS ("Read-only file system"), which
 * km_mkdirs (plugin/gcc/kmetrics.c) discards; the same with EACCES for a
 * non-root user, ENOSPC on a full disk. Expected: the reason mkdir gave.
 * (With -o x.o, no subdirectory, the reason is right.)
 * Test: tests/robust/fail.sh "read-only outdir, mirrored subdirectory".
 */
int f(int a)
{
	return a + 1;
}
