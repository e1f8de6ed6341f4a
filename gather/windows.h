/* SPDX-License-Identifier: MIT */
/*
 * Asking Windows through interop (issue 13): wsl.exe --version, the
 * Windows edition and build (reg.exe), the Windows proxy (reg.exe), the
 * host's logical processors (cmd.exe) and
 * memory (powershell.exe, which also answers the Hyper-V firewall state),
 * the distro's VHD (reg.exe, then fsutil.exe).  All with fixed argv, no
 * shell, stdin /dev/null, bounded output, killed at the run's deadline,
 * concurrently.  Each answer is stored raw in the snapshot's "windows"
 * object (argv, exit status, time, output) and parsed at judge time
 * (facts/windows.c).  Nothing runs with --no-windows, outside WSL2, or
 * when interop is off.
 */
#ifndef WSLPROBE_GATHER_WINDOWS_H
#define WSLPROBE_GATHER_WINDOWS_H

#include <json-c/json.h>

#include "engine/ctx.h"

/*
 * Fills WIN (the snapshot's "windows" object) under CTX's deadline.
 * INTEROP is the shared fact wsl.interop (1, 0, -1 unknown) and DISTRO
 * the distro's name (WSL_DISTRO_NAME) or NULL; both are read by the
 * caller so that this may run in a thread of its own.
 */
void	windows_gather(const struct wp_ctx *ctx, int interop,
	    const char *distro, json_object *win);

#endif
