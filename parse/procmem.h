/* SPDX-License-Identifier: MIT */
/*
 * Parsers of the memory files of /proc (wsl-facts.md §6): /proc/meminfo
 * ("Key:   N kB"), /proc/vmstat ("name N") and /proc/swaps (a header,
 * then one row per swap area).  Each takes the bytes rootfs_read()
 * returns with their length, embedded NULs included, and never trusts
 * them: all are fuzzed by tests/fuzz/fuzz_procmem.c.
 */
#ifndef WSLPROBE_PARSE_PROCMEM_H
#define WSLPROBE_PARSE_PROCMEM_H

#include <stddef.h>

/*
 * The value of KEY ("MemTotal") in /proc/meminfo, in kB as written:
 * 0 and *kb, or -1 when the line is absent or malformed.
 */
int	 procmem_meminfo(const char *text, size_t len, const char *key,
	    unsigned long long *kb);
/* The counter NAME ("drop_pagecache") of /proc/vmstat: 0, or -1. */
int	 procmem_vmstat(const char *text, size_t len, const char *name,
	    unsigned long long *v);
/* The sum of every counter whose name starts with PREFIX: 0, or -1. */
int	 procmem_vmstat_sum(const char *text, size_t len, const char *prefix,
	    unsigned long long *v);

struct procmem_swap {
	char			 name[128];	/* "/dev/sdb", cut to fit */
	char			 type[16];	/* "partition", "file" */
	unsigned long long	 size_kb, used_kb;
	long			 priority;
};

/*
 * The rows of /proc/swaps (the header line skipped): stores up to MAX in
 * OUT and returns how many rows there are, or -1 when a row is malformed
 * or the header is missing.
 */
int	 procmem_swaps(const char *text, size_t len, struct procmem_swap *out,
	    size_t max);

/*
 * The aggregate "cpu " line of /proc/stat: *busy and *total in clock
 * ticks (idle and iowait count as idle, as WSL's reclaim thread counts
 * them).  0, or -1.
 */
int	 procmem_cpu_ticks(const char *text, size_t len,
	    unsigned long long *busy, unsigned long long *total);

#endif
