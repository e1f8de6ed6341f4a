/* SPDX-License-Identifier: MIT */
/*
 * --watch-reclaim (wsl-facts.md §6.4): samples the counters that show
 * autoMemoryReclaim at work (drop_pagecache and drop_slab of
 * /proc/vmstat, Cached of /proc/meminfo, and the CPU time of /proc/stat
 * that tells idle periods) at a fixed interval for the seconds asked.
 * The samples go into the snapshot, so a replay judges them.
 */
#ifndef WSLPROBE_GATHER_RECLAIMWATCH_H
#define WSLPROBE_GATHER_RECLAIMWATCH_H

#include <json-c/json.h>

#define RECLAIM_INTERVAL_MS	10000	/* as WSL's own reclaim thread */

/*
 * The sample interval: RECLAIM_INTERVAL_MS, or for tests only the
 * environment variable WSLPROBE_TEST_RECLAIM_INTERVAL_MS (10..60000).
 * Never an option: users always sample as WSL does.
 */
long	reclaim_watch_interval_ms(void);
/*
 * Samples under ROOT every INTERVAL_MS for SECONDS (stopping early at
 * DEADLINE_MS, monotonic) into OUT: {seconds, interval_ms, samples: [{
 * t_ms, drop_pagecache, drop_slab, pgsteal, cached_kb, cpu_busy,
 * cpu_total}]}, a member null when its file could not be read.  On a
 * terminal, a one-line countdown goes to stderr; nothing otherwise.
 */
void	reclaim_watch(const char *root, long seconds, long interval_ms,
	    long long deadline_ms, json_object *out);

#endif
