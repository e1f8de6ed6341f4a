/* SPDX-License-Identifier: MIT */
/*
 * The disk check (wsl-facts.md §7): the distro's root block device found
 * through /proc/self/mountinfo and /sys/dev/block/M:m, online discard,
 * experimental.sparseVhd (not observable from inside), and
 * wsl2.defaultVhdSize against the VHD's virtual size.
 */
#ifndef WSLPROBE_CHECKS_DISK_H
#define WSLPROBE_CHECKS_DISK_H

#include <json-c/json.h>

#include "engine/expect.h"
#include "engine/result.h"

#define DISK_CHECK	"disk"

/* The sysfs file NAME ("queue/discard_max_bytes") of block device
 * MAJOR:MINOR, as recorded: "/sys/dev/block/8:48/queue/...". */
void	disk_sys_path(char *buf, size_t cap, unsigned major, unsigned minor,
	    const char *name);
int	check_disk_judge(json_object *snap, const struct wp_expect *,
	    struct wp_results *);

#endif
