/* SPDX-License-Identifier: MIT */
/*
 * Allocation helpers that abort on failure (tmux xmalloc.c, htop XUtils.h):
 * no caller carries an out-of-memory path.  wslprobe exits with status 4
 * when memory runs out, as interface.md says.
 */
#ifndef WSLPROBE_UTIL_XALLOC_H
#define WSLPROBE_UTIL_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t) __attribute__((malloc));
void	*xcalloc(size_t, size_t) __attribute__((malloc));
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *) __attribute__((malloc));
char	*xstrndup(const char *, size_t) __attribute__((malloc));
/* Returns a newly allocated string; the caller frees it. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));

#endif
