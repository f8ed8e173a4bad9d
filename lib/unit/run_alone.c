// SPDX-License-Identifier: GPL-2.0
/*
 * run_alone.c - what a plugin file says when it is run as a program
 * (./build/kmetrics.so --help): how to load it, exit 0 for --help and 2
 * otherwise, instead of a crash at address 0.
 *
 * Both plugins are linked with this as their ELF entry point
 * (-Wl,-e,km_run_alone); dlopen() never looks at it. Run as a program, the
 * file has no interpreter, so the kernel jumps here with nothing relocated
 * and no C library set up: the code below touches only its own stack and
 * its own read-only strings (reached PC-relative) and talks to the kernel
 * by system calls. The plugins' references to cc1's and Clang's symbols
 * are never bound, which is also why no loader could run them.
 */
#include <stddef.h>

#if defined(__linux__) && (defined(__x86_64__) || defined(__aarch64__))

/* no library call may appear: GCC must not turn a loop into strlen() */
#define KM_NO_LIBCALL __attribute__((optimize("no-tree-loop-distribute-patterns")))
#define KM_ALONE __attribute__((visibility("hidden"), used, noinline)) KM_NO_LIBCALL

static const char km_alone_text[] =
	"is a compiler plugin, not a program: load it into the compiler.\n"
	"  gcc -fplugin=/path/to/kmetrics.so ...         (after make install: -fplugin=kmetrics)\n"
	"  clang-14 -fplugin=/path/to/kmetrics-clang.so ...\n"
	"  make KCFLAGS=-fplugin=/path/to/kmetrics.so    (a kernel build)\n"
	"Its arguments are -fplugin-arg-kmetrics-KEY=VALUE; see kmetrics(1).\n";

static long km_alone_syscall3(long nr, long a, long b, long c)
{
	long ret;

#if defined(__x86_64__)
	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
#else
	register long x8 __asm__("x8") = nr, x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b, x2 __asm__("x2") = c;

	__asm__ volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
	ret = x0;
#endif
	return ret;
}

#if defined(__x86_64__)
#define KM_NR_WRITE 1
#define KM_NR_EXIT_GROUP 231
#else
#define KM_NR_WRITE 64
#define KM_NR_EXIT_GROUP 94
#endif

KM_NO_LIBCALL static size_t km_alone_len(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

KM_NO_LIBCALL static int km_alone_is(const char *s, const char *word)
{
	while (*s && *s == *word) {
		s++;
		word++;
	}
	return *s == *word;
}

KM_NO_LIBCALL static void km_alone_write(int fd, const char *s)
{
	size_t n = km_alone_len(s);
	long w;

	while (n) {
		w = km_alone_syscall3(KM_NR_WRITE, fd, (long)s, (long)n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* Called by km_run_alone with the process's argc and argv (by this name: C linkage); never returns. */
#ifdef __cplusplus
extern "C"
#endif
KM_ALONE void km_run_alone_main(long argc, char **argv);

KM_ALONE void km_run_alone_main(long argc, char **argv)
{
	int help = argc == 2 && km_alone_is(argv[1], "--help");
	int fd = help ? 1 : 2;

	km_alone_write(fd, argc > 0 && argv[0] ? argv[0] : "kmetrics.so");
	km_alone_write(fd, " ");
	km_alone_write(fd, km_alone_text);
	for (;;)
		km_alone_syscall3(KM_NR_EXIT_GROUP, help ? 0 : 2, 0, 0);
}

/* The ELF entry point: argc at the stack pointer, argv after it. */
#if defined(__x86_64__)
__asm__(".text\n"
	".globl km_run_alone\n"
	".hidden km_run_alone\n"
	".type km_run_alone, @function\n"
	"km_run_alone:\n"
	"	mov (%rsp), %rdi\n"
	"	lea 8(%rsp), %rsi\n"
	"	and $-16, %rsp\n"
	"	call km_run_alone_main\n"
	"	ud2\n"
	".size km_run_alone, .-km_run_alone\n");
#else
__asm__(".text\n"
	".globl km_run_alone\n"
	".hidden km_run_alone\n"
	".type km_run_alone, %function\n"
	"km_run_alone:\n"
	"	ldr x0, [sp]\n"
	"	add x1, sp, #8\n"
	"	bl km_run_alone_main\n"
	"	brk #0\n"
	".size km_run_alone, .-km_run_alone\n");
#endif

#endif /* Linux on x86-64 or arm64 */
