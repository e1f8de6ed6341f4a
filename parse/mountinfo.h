/* SPDX-License-Identifier: MIT */
/*
 * /proc/self/mountinfo (proc(5)): the mount at a given mount point, with
 * its device number and options (wsl-facts.md §7: the distro's root is
 * an ext4 VHD mounted with "discard").  Hostile input is expected: fuzzed
 * by tests/fuzz/fuzz_procmem.c.
 */
#ifndef WSLPROBE_PARSE_MOUNTINFO_H
#define WSLPROBE_PARSE_MOUNTINFO_H

#include <stddef.h>

struct mountinfo_entry {
	unsigned	 major, minor;
	char		*mount_point;	/* octal escapes (\040) decoded */
	char		*options;	/* per-mount: "rw,relatime" */
	char		*fstype;	/* "ext4" */
	char		*source;	/* "/dev/sdd" */
	char		*super_options;	/* "rw,discard,errors=remount-ro" */
};

/*
 * The last mount at MOUNT_POINT (later mounts hide earlier ones): 0 with
 * E filled (allocated strings; free with mountinfo_entry_release), or -1
 * when there is none or its line is malformed.
 */
int	 mountinfo_find(const char *text, size_t len, const char *mount_point,
	    struct mountinfo_entry *e);
void	 mountinfo_entry_release(struct mountinfo_entry *e);
/* Decodes the kernel's octal escapes (\040 for a blank) in place. */
void	 mountinfo_unescape(char *s);
/* 1 when OPTION is an item of the comma-separated list OPTS (or NULL). */
int	 mountinfo_has_option(const char *opts, const char *option);

#endif
