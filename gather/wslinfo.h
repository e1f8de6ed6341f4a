/* SPDX-License-Identifier: MIT */
/* wslinfo: the WSL version, live networking mode and VM id. */
#ifndef WSLPROBE_GATHER_WSLINFO_H
#define WSLPROBE_GATHER_WSLINFO_H

#include <json-c/json.h>

/*
 * Fills WSL (the snapshot's "wsl" object) with "wslinfo": {path,
 * available, version, networking_mode, vm_id, errors}; each answer null
 * when wslinfo cannot give it.
 */
void	wslinfo_gather(const char *root, long timeout_ms, json_object *wsl);

#endif
