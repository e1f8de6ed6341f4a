/* SPDX-License-Identifier: MIT */
/*
 * The kernel log, read without root where WSL allows it (WSL sets
 * kernel.dmesg_restrict=0, wsl-facts.md §1.1): syslog(2)'s non-
 * destructive READ_ALL, bounded.  Live system only: a --root tree has no
 * kernel log of its own.
 */
#ifndef WSLPROBE_GATHER_KERNLOG_H
#define WSLPROBE_GATHER_KERNLOG_H

/*
 * The last line of the kernel log containing NEEDLE (allocated), or NULL
 * with *status "not found" or why the log could not be read.
 */
char	*kernlog_find(const char *needle, const char **status);

#endif
