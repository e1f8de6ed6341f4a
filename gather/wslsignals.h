/* SPDX-License-Identifier: MIT */
/*
 * The fast WSL signals (wsl-facts.md §1.1): kernel release and version,
 * /init, /run/WSL, the WSLInterop binfmt entry, WSL_DISTRO_NAME and
 * WSL_INTEROP.  Microseconds of reads under /proc and the root, never
 * under /mnt: whether this is WSL2, whether active probes may run and
 * exit status 3 are decided from these alone, so a slow read elsewhere
 * can never turn a WSL2 VM into "not WSL".
 */
#ifndef WSLPROBE_GATHER_WSLSIGNALS_H
#define WSLPROBE_GATHER_WSLSIGNALS_H

#include <json-c/json.h>

#include "engine/ctx.h"

/* Fills FRAGMENT's system.{kernel_release,proc_version} and wsl.{...}. */
int	wslsignals_gather(struct wp_ctx *, json_object *fragment);
/* Reads a small file under ROOT, trailing space trimmed; NULL if
 * unreadable or not UTF-8.  Allocated. */
char	*wslsignals_read_small(const char *root, const char *path);

#endif
