/* SPDX-License-Identifier: MIT */
/*
 * The --watch-reclaim sampler; see reclaimwatch.h.  This is the one
 * gatherer that writes to the terminal: a watch lasts minutes, and a
 * user at a terminal must see that wslprobe is waiting on purpose.  The
 * countdown is written only when stderr is a tty, so reports, pipes and
 * logs never see it.
 */
#include "config.h"

#include "gather/reclaimwatch.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "parse/procmem.h"
#include "util/clock.h"
#include "util/rootfs.h"

#define FILE_CAP	(256 * 1024)

long
reclaim_watch_interval_ms(void)
{
	const char *v = getenv("WSLPROBE_TEST_RECLAIM_INTERVAL_MS");
	char *end;
	long ms;

	if (!v || !*v)
		return RECLAIM_INTERVAL_MS;
	ms = strtol(v, &end, 10);
	if (*end || ms < 10 || ms > 60000)
		return RECLAIM_INTERVAL_MS;
	return ms;
}

static void
add_u64(json_object *o, const char *key, int ok, unsigned long long v)
{
	json_object_object_add(o, key, ok ? json_object_new_int64(
	    v > (unsigned long long)INT64_MAX ? INT64_MAX : (int64_t)v) :
	    NULL);
}

static json_object *
sample(const char *root, long long t_ms)
{
	json_object *o = json_object_new_object();
	struct rootfs_file f;
	unsigned long long v, busy = 0, total = 0;
	int ok;

	json_object_object_add(o, "t_ms", json_object_new_int64(t_ms));
	rootfs_read(root, "/proc/vmstat", FILE_CAP, &f);
	ok = !f.error && procmem_vmstat(f.data, f.len, "drop_pagecache",
	    &v) == 0;
	add_u64(o, "drop_pagecache", ok, v);
	ok = !f.error && procmem_vmstat(f.data, f.len, "drop_slab", &v) == 0;
	add_u64(o, "drop_slab", ok, v);
	ok = !f.error && procmem_vmstat_sum(f.data, f.len, "pgsteal_", &v) ==
	    0;
	add_u64(o, "pgsteal", ok, v);
	rootfs_file_release(&f);
	rootfs_read(root, "/proc/meminfo", FILE_CAP, &f);
	ok = !f.error && procmem_meminfo(f.data, f.len, "Cached", &v) == 0;
	add_u64(o, "cached_kb", ok, v);
	rootfs_file_release(&f);
	rootfs_read(root, "/proc/stat", ROOTFS_MAX_FILE, &f);
	ok = !f.error && procmem_cpu_ticks(f.data, f.len, &busy, &total) == 0;
	add_u64(o, "cpu_busy", ok, busy);
	add_u64(o, "cpu_total", ok, total);
	rootfs_file_release(&f);
	return o;
}

static void
sleep_until(long long when)
{
	long long left = when - clock_mono_ms();
	struct timespec ts;

	if (left <= 0)
		return;
	ts.tv_sec = (time_t)(left / 1000);
	ts.tv_nsec = (long)(left % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) != 0)
		;
}

static void
progress(int tty, long long left_ms)
{
	if (!tty)
		return;
	if (left_ms < 0)
		fprintf(stderr, "\r%60s\r", "");
	else
		fprintf(stderr, "\rwslprobe: watching memory reclaim, %lld s "
		    "left ", (left_ms + 999) / 1000);
	fflush(stderr);
}

void
reclaim_watch(const char *root, long seconds, long interval_ms,
    long long deadline_ms, json_object *out)
{
	json_object *arr = json_object_new_array();
	long long start = clock_mono_ms(), end = start + seconds * 1000LL;
	int tty = isatty(STDERR_FILENO);

	if (end > deadline_ms)
		end = deadline_ms;
	json_object_object_add(out, "seconds", json_object_new_int64(seconds));
	json_object_object_add(out, "interval_ms",
	    json_object_new_int64(interval_ms));
	json_object_object_add(out, "samples", arr);
	for (long long next = start;; next += interval_ms) {
		long long now;

		sleep_until(next);
		now = clock_mono_ms();
		json_object_array_add(arr, sample(root, now - start));
		progress(tty, end - now);
		if (next + interval_ms > end)
			break;
	}
	progress(tty, -1);
}
