/* SPDX-License-Identifier: MIT */
/*
 * Parsers of the small /proc, /sys and /etc files the environment check
 * reads.  Each takes the NUL-terminated text rootfs_read() returns (which
 * may hold any bytes, embedded NULs included) and never trusts it: all
 * are fuzzed by tests/fuzz/fuzz_procfiles.c.
 */
#ifndef WSLPROBE_PARSE_PROCPARSE_H
#define WSLPROBE_PARSE_PROCPARSE_H

#include <json-c/json.h>

/* "btime N" of /proc/stat; 0, or -1 when absent or not positive. */
int	 procparse_btime(const char *stat, long long *out);
/* The first field of /proc/uptime; 0, or -1. */
int	 procparse_uptime(const char *uptime, double *out);
/* CPUs in a sysfs list such as "0-3,6"; -1 when malformed. */
int	 procparse_cpu_list(const char *list);
/* /etc/os-release (KEY=value, maybe quoted) into MAP; TEXT is modified. */
void	 procparse_os_release(char *text, json_object *map);
/* Field 22 (starttime, clock ticks) of /proc/PID/stat; 0, or -1. */
int	 procparse_starttime(char *stat, unsigned long long *out);
/*
 * The mount point of drive LETTER in /proc/self/mountinfo (9p, virtiofs
 * or drvfs with "path=X:"), or NULL.  TEXT is modified; the result is
 * allocated.
 */
char	*procparse_drive_mount(char *mountinfo, char letter);

#endif
