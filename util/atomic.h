/* SPDX-License-Identifier: MIT */
/*
 * Writing an output file atomically: a temporary file beside it, checked
 * for write errors (git's run_builtin), then renamed over the target.
 */
#ifndef WSLPROBE_UTIL_ATOMIC_H
#define WSLPROBE_UTIL_ATOMIC_H

#include <stdio.h>

/*
 * Calls WRITER(fp, ARG) on a temporary file and renames it to PATH (the
 * file a symlink PATH points at; an existing file keeps its mode).  A
 * PATH that exists and is not a regular file (/dev/null, a FIFO, a
 * terminal) is written in place instead: renaming over it would replace
 * the device.  Returns 0, or -1 with an allocated message in *error.
 */
int	atomic_write(const char *path, int (*writer)(FILE *, void *),
	    void *arg, char **error);

#endif
