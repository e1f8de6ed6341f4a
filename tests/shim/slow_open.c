/* SPDX-License-Identifier: MIT */
/*
 * Test-only LD_PRELOAD shim: open() of a path ending in
 * $WSLPROBE_TEST_SLOW_PATH sleeps $WSLPROBE_TEST_SLOW_MS first, standing
 * in for a slow disk or a hung drvfs mount.  Used by
 * tests/scenarios/slow-gather.sh; never linked into wslprobe.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

int open(const char *, int, ...);
int open64(const char *, int, ...);
int openat(int, const char *, int, ...);

static void
maybe_sleep(const char *path)
{
	const char *want = getenv("WSLPROBE_TEST_SLOW_PATH");
	const char *ms = getenv("WSLPROBE_TEST_SLOW_MS");
	size_t n, w;
	long v;
	struct timespec ts;

	if (!want || !ms || !path)
		return;
	n = strlen(path);
	w = strlen(want);
	if (n < w || strcmp(path + n - w, want) != 0)
		return;
	v = strtol(ms, NULL, 10);
	ts.tv_sec = v / 1000;
	ts.tv_nsec = (v % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) != 0)
		;
}

static mode_t
mode_arg(int flags, va_list ap)
{
	return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
}

int
open(const char *path, int flags, ...)
{
	static int (*real)(const char *, int, ...);
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	if (!real)
		real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
	maybe_sleep(path);
	return real(path, flags, mode);
}

int
open64(const char *path, int flags, ...)
{
	static int (*real)(const char *, int, ...);
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	if (!real)
		real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT,
		    "open64");
	maybe_sleep(path);
	return real(path, flags, mode);
}

int
openat(int dir, const char *path, int flags, ...)
{
	static int (*real)(int, const char *, int, ...);
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	if (!real)
		real = (int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT,
		    "openat");
	maybe_sleep(path);
	return real(dir, path, flags, mode);
}
