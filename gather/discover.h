/* SPDX-License-Identifier: MIT */
/*
 * Finding the .wslconfig WSL reads (wsl-facts.md §9.3), from inside the
 * distro: --config, then $USERPROFILE, then %USERPROFILE% through
 * interop (cmd.exe), then a guess under the C: drive's Users folder.
 */
#ifndef WSLPROBE_GATHER_DISCOVER_H
#define WSLPROBE_GATHER_DISCOVER_H

#include <json-c/json.h>

#include "engine/ctx.h"

/*
 * Fills WSL (the snapshot's "wsl" object) with wslconfig_path,
 * wslconfig_source and wslconfig_tried, and records the file it found in
 * FRAGMENT's "files".  INTEROP_OK says whether running cmd.exe may work.
 */
void	discover_wslconfig(struct wp_ctx *ctx, json_object *fragment,
	    json_object *wsl, int interop_ok);

/* The mount point of drive LETTER ('c') as seen inside the root. */
char	*discover_drive_mount(const char *root, char letter);

/*
 * Turns "C:\Users\me" into "/mnt/c/Users/me" with the drive's mount
 * point; NULL when the path is not a drive path.  Allocated.
 */
char	*discover_windows_to_linux(const char *root, const char *winpath);

#endif
