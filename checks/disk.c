/* SPDX-License-Identifier: MIT */
/*
 * The disk check, gathering half (wsl-facts.md §7): /proc/self/mountinfo
 * for the root's device number, then that device's sysfs files (discard
 * limits, size in 512-byte sectors, its name), each recorded as read, and
 * statvfs of the root.  Passive: files only.  Judging is disk_judge.c.
 */
#include "config.h"

#include "checks/disk.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

#include "engine/check.h"
#include "engine/ctx.h"
#include "engine/snapshot.h"
#include "parse/mountinfo.h"
#include "util/rootfs.h"
#include "util/xalloc.h"

#define MOUNTINFO_CAP	(1024 * 1024)

static const char *const disk_settings[] = {
	"disk.discard", "experimental.sparseVhd", "wsl2.defaultVhdSize",
	"disk.usage", NULL
};

/* The device's files the judge reads (sysfs names under the device). */
static const char *const disk_files[] = {
	"queue/discard_max_bytes", "queue/discard_granularity", "size",
	"uevent", NULL
};

void
disk_sys_path(char *buf, size_t cap, unsigned major, unsigned minor,
    const char *name)
{
	snprintf(buf, cap, "/sys/dev/block/%u:%u/%s", major, minor, name);
}

static void
gather_statvfs(struct wp_ctx *ctx, json_object *disk)
{
	const char *dir = ctx->root ? ctx->root : "/";
	struct statvfs sv;
	json_object *o;

	if (statvfs(dir, &sv) != 0)
		return;
	o = snap_obj(disk, "statvfs");
	json_object_object_add(o, "size_bytes", json_object_new_int64(
	    (int64_t)((unsigned long long)sv.f_blocks * sv.f_frsize)));
	json_object_object_add(o, "free_bytes", json_object_new_int64(
	    (int64_t)((unsigned long long)sv.f_bfree * sv.f_frsize)));
	json_object_object_add(o, "avail_bytes", json_object_new_int64(
	    (int64_t)((unsigned long long)sv.f_bavail * sv.f_frsize)));
}

static int
disk_gather(struct wp_ctx *ctx, json_object *frag)
{
	json_object *disk = snap_obj(frag, "disk");
	struct mountinfo_entry e;
	struct rootfs_file f;

	rootfs_read(ctx->root, "/proc/self/mountinfo", MOUNTINFO_CAP, &f);
	snap_add_file(frag, "/proc/self/mountinfo", &f);
	if (!f.error && mountinfo_find(f.data, f.len, "/", &e) == 0) {
		for (size_t i = 0; disk_files[i]; i++) {
			struct rootfs_file d;
			char path[96];

			disk_sys_path(path, sizeof path, e.major, e.minor,
			    disk_files[i]);
			rootfs_read(ctx->root, path, 64 * 1024, &d);
			snap_add_file(frag, path, &d);
			rootfs_file_release(&d);
		}
		mountinfo_entry_release(&e);
	}
	rootfs_file_release(&f);
	gather_statvfs(ctx, disk);
	return 0;
}

const struct wp_check check_disk = {
	.name = "disk",
	.title = "the distro's disk: discard, sparseVhd, defaultVhdSize",
	.settings = disk_settings,
	.needs = WP_NEED_WSL,
	.gather = disk_gather,
	.judge = check_disk_judge,
};
