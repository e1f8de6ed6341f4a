/* SPDX-License-Identifier: MIT */
/*
 * The memory and disk judges on built snapshots: the host's size known
 * (what powershell.exe answered, in the snapshot's windows section) and
 * not, WSL's clamps, swap's default, the reclaim watch's verdicts, and
 * snapshots with nothing gathered.
 */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/disk.h"
#include "checks/memory.h"
#include "engine/snapshot.h"

#define WSLCONFIG	"/mnt/c/Users/a/.wslconfig"
#define GIB		1073741824.0

static void
put_file(json_object *s, const char *path, const char *text)
{
	json_object *f = json_object_new_object();

	snap_set_str(f, "text", text);
	snap_set_str(f, "error", text ? NULL : "not found");
	json_object_object_add(snap_obj(s, "files"), path, f);
}

/* A WSL2 VM with this .wslconfig, MemTotal/SwapTotal (kB), nr_cpus. */
static json_object *
vm(const char *wslconfig, unsigned long mem_kb, unsigned long swap_kb,
    int cpus)
{
	json_object *s = json_object_new_object(), *wsl;
	char buf[512];

	snap_set_str(snap_obj(s, "system"), "kernel_release",
	    "5.15.167.4-microsoft-standard-WSL2");
	json_object_object_add(snap_obj(s, "system"), "uptime_s",
	    json_object_new_double(812.4));
	wsl = snap_obj(s, "wsl");
	json_object_object_add(wsl, "init_present",
	    json_object_new_boolean(1));
	json_object_object_add(wsl, "run_wsl", json_object_new_boolean(1));
	snap_set_str(wsl, "binfmt_interop", "enabled");
	snap_set_str(snap_obj(wsl, "wslinfo"), "version", "2.4.13");
	snap_set_str(wsl, "wslconfig_path", WSLCONFIG);
	put_file(s, WSLCONFIG, wslconfig);
	snprintf(buf, sizeof buf, "MemTotal:       %lu kB\nMemAvailable:   "
	    "%lu kB\nCached:          409600 kB\nSwapTotal:      %lu kB\n"
	    "SwapFree:       %lu kB\n", mem_kb, mem_kb / 2, swap_kb, swap_kb);
	put_file(s, "/proc/meminfo", buf);
	snprintf(buf, sizeof buf, "Filename Type Size Used Priority\n");
	if (swap_kb)
		snprintf(buf, sizeof buf, "Filename Type Size Used Priority\n"
		    "/dev/sdb partition %lu 0 -2\n", swap_kb);
	put_file(s, "/proc/swaps", buf);
	snprintf(buf, sizeof buf, "initrd=\\initrd.img WSL_ROOT_INIT=1 "
	    "panic=-1 nr_cpus=%d console=hvc0 debug pty.legacy_count=0 "
	    "WSL_ENABLE_CRASH_DUMP=1\n", cpus);
	put_file(s, "/proc/cmdline", buf);
	return s;
}

/*
 * What Windows answered, in the snapshot's own shape (gather/windows.c):
 * powershell.exe's name=value lines for the host's RAM and CPUs.
 */
static void
host(json_object *s, double mem, int cpus)
{
	json_object *p = snap_obj(snap_obj(snap_obj(s, "windows"),
	    "programs"), "powershell");
	char out[256] = "";

	if (mem > 0)
		snprintf(out, sizeof out, "memory=%.0f\r\n", mem);
	if (cpus > 0)
		snprintf(out + strlen(out), sizeof out - strlen(out),
		    "cpus=%d\r\n", cpus);
	json_object_object_add(p, "started", json_object_new_boolean(1));
	json_object_object_add(p, "exit", json_object_new_int(0));
	snap_set_str(p, "stdout", out);
}

static void
judge(json_object *s, struct wp_results *rs)
{
	struct wp_expect *x = expect_build(s);

	wp_results_init(rs);
	assert_int_equal(check_memory_judge(s, x, rs), 0);
	assert_int_equal(check_disk_judge(s, x, rs), 0);
	expect_free(x);
}

static void
done(json_object *s, struct wp_results *rs)
{
	wp_results_release(rs);
	json_object_put(s);
}

/* The default: 50% of the host, judged exactly once the host is known. */
static void
test_memory_default(void **state)
{
	struct wp_results rs;
	json_object *s;

	(void)state;
	s = vm("[wsl2]\n", 8024464, 2097152, 8);
	judge(s, &rs);
	th_expect(&rs, "wsl2.memory", WP_UNKNOWN, NULL);
	assert_true(th_mentions(&rs, "wsl2.memory",
	    "host with about 16 GiB"));
	th_expect(&rs, "wsl2.processors", WP_UNKNOWN, "8");
	/* Swap's default from MemTotal alone: 2 GiB. */
	th_expect(&rs, "wsl2.swap", WP_PASS, "2147483648 bytes (2GB)");
	done(s, &rs);

	s = vm("[wsl2]\n", 8024464, 2097152, 8);
	host(s, 16 * GIB, 8);
	judge(s, &rs);
	th_expect(&rs, "wsl2.memory", WP_PASS,
	    "MemTotal 8217051136 bytes (7.65GB)");
	th_expect(&rs, "wsl2.processors", WP_PASS, "8");
	done(s, &rs);

	/* A 32 GiB host would give 16 GiB: 8 is not the default. */
	s = vm("[wsl2]\n", 8024464, 4194304, 4);
	host(s, 32 * GIB, 8);
	judge(s, &rs);
	th_expect(&rs, "wsl2.memory", WP_FAIL, NULL);
	th_expect(&rs, "wsl2.processors", WP_FAIL, "4");
	th_expect(&rs, "wsl2.swap", WP_PASS, NULL);
	done(s, &rs);
}

/* WSL's clamps: at least 256MB, at most the host's RAM and CPUs. */
static void
test_clamps(void **state)
{
	struct wp_results rs;
	const struct wp_result *r;
	json_object *s;

	(void)state;
	s = vm("[wsl2]\nmemory=12GB\nprocessors=32\n", 8024464, 3145728, 8);
	host(s, 8 * GIB, 8);
	judge(s, &rs);
	r = th_expect(&rs, "wsl2.memory", WP_PASS, NULL);
	assert_string_equal(r->expected, "8589934592 bytes (8GB)");
	assert_non_null(strstr(r->expected_source, "clamped to the host"));
	r = th_expect(&rs, "wsl2.processors", WP_PASS, "8");
	assert_true(th_evidence_has(r, "caps processors=32 at the host's 8"));
	/* Swap's default follows the final (clamped) memory: 2 GiB. */
	th_expect(&rs, "wsl2.swap", WP_FAIL, NULL);
	done(s, &rs);

	s = vm("[wsl2]\nmemory=100MB\nswap=0\n", 232000, 0, 2);
	judge(s, &rs);
	r = th_expect(&rs, "wsl2.memory", WP_PASS, NULL);
	assert_string_equal(r->expected, "268435456 bytes (256MB)");
	th_expect(&rs, "wsl2.swap", WP_PASS, "0 bytes");
	done(s, &rs);

	/* Odd MiB round down to even; MemTotal above the size fails. */
	s = vm("[wsl2]\nmemory=4097M\n", 4196000, 1048576, 2);
	judge(s, &rs);
	r = th_expect(&rs, "wsl2.memory", WP_FAIL, NULL);
	assert_string_equal(r->expected, "4294967296 bytes (4096M)");
	done(s, &rs);

	/* Swap's default from a memory the file sets: 6GB/4 -> 2 GiB. */
	s = vm("[wsl2]\nmemory=6GB\n", 6070000, 2097152, 2);
	judge(s, &rs);
	th_expect(&rs, "wsl2.swap", WP_PASS, NULL);
	done(s, &rs);
}

/* Nothing gathered: unknown, never a verdict, never a crash. */
static void
test_not_gathered(void **state)
{
	struct wp_results rs;
	json_object *s = vm("[wsl2]\nmemory=4GB\nswap=0\n", 1, 0, 1);
	json_object *files = snap_get(s, "files");

	(void)state;
	json_object_object_del(files, "/proc/meminfo");
	json_object_object_del(files, "/proc/swaps");
	json_object_object_del(files, "/proc/cmdline");
	judge(s, &rs);
	for (size_t i = 0; i < rs.n; i++)
		if (strcmp(rs.v[i].setting, "disk.usage") != 0)
			assert_int_equal(rs.v[i].verdict, WP_UNKNOWN);
	done(s, &rs);
}

/* A watch: N samples, 10 s apart, each with its counters. */
static void
watch(json_object *s, int n, const int *busy, const int *drops,
    const long *cached_kb)
{
	json_object *arr = json_object_new_array();
	long long b = 0, t = 0;

	for (int i = 0; i < n; i++) {
		json_object *o = json_object_new_object();

		if (i) {
			b += busy[i] ? 100 : 1;	/* of 1000 ticks */
			t += 1000;
		}
		json_object_object_add(o, "t_ms",
		    json_object_new_int64(10000LL * i));
		json_object_object_add(o, "drop_pagecache",
		    json_object_new_int(drops[i]));
		json_object_object_add(o, "cached_kb",
		    json_object_new_int64(cached_kb[i]));
		json_object_object_add(o, "cpu_busy", json_object_new_int64(b));
		json_object_object_add(o, "cpu_total",
		    json_object_new_int64(t));
		json_object_array_add(arr, o);
	}
	json_object_object_add(snap_obj(snap_obj(s, "memory"),
	    "reclaim_watch"), "samples", arr);
}

static enum wp_verdict
reclaim(const char *mode, int n, const int *busy, const int *drops,
    const long *cached)
{
	char conf[128];
	struct wp_results rs;
	enum wp_verdict v;
	json_object *s;

	snprintf(conf, sizeof conf, "[experimental]\nautoMemoryReclaim=%s\n",
	    mode);
	s = vm(conf, 8024464, 2097152, 8);
	watch(s, n, busy, drops, cached);
	judge(s, &rs);
	v = th_find(&rs, "experimental.autoMemoryReclaim")->verdict;
	done(s, &rs);
	return v;
}

static void
test_reclaim_watch(void **state)
{
	/* 17 samples: busy in the first interval, then 150 s idle. */
	int busy[17] = { 0, 1 }, none[17] = { 0 }, drop[17] = { 0 };
	long flat[17], steps[17], plunge[17];

	(void)state;
	for (int i = 0; i < 17; i++) {
		flat[i] = 2000000;
		steps[i] = i < 14 ? 2000000 : 2000000 - (i - 13) * 500000;
		plunge[i] = i < 14 ? 3000000 : 131072;
		drop[i] = i >= 14;
	}
	/* dropCache: idle >= 130 s without a drop fails; a drop passes. */
	assert_int_equal(reclaim("dropCache", 17, busy, none, flat), WP_FAIL);
	assert_int_equal(reclaim("dropCache", 17, busy, drop, flat), WP_PASS);
	/* An idle period that began before the watch proves nothing. */
	assert_int_equal(reclaim("dropCache", 17, none, none, flat),
	    WP_UNKNOWN);
	/* Too short a watch: unknown. */
	assert_int_equal(reclaim("dropCache", 6, busy, none, flat),
	    WP_UNKNOWN);
	/* gradual: steps of at most 1 GiB pass; one big drop fails. */
	assert_int_equal(reclaim("gradual", 17, busy, none, steps), WP_PASS);
	assert_int_equal(reclaim("gradual", 17, busy, drop, plunge), WP_FAIL);
	assert_int_equal(reclaim("gradual", 17, busy, none, flat), WP_FAIL);
	/* disabled: quiet idle passes; a drop is a warning. */
	assert_int_equal(reclaim("disabled", 17, busy, none, flat), WP_PASS);
	assert_int_equal(reclaim("disabled", 17, busy, drop, flat), WP_WARN);
}

static void
test_size_text(void **state)
{
	char *t;

	(void)state;
	t = facts_mem_size_text(4294967296ULL, "GB");
	assert_string_equal(t, "4294967296 bytes (4GB)");
	free(t);
	t = facts_mem_size_text(8217051136ULL, "G");
	assert_string_equal(t, "8217051136 bytes (7.65G)");
	free(t);
	t = facts_mem_size_text(1000, "");
	assert_string_equal(t, "1000 bytes");
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memory_default),
		cmocka_unit_test(test_clamps),
		cmocka_unit_test(test_not_gathered),
		cmocka_unit_test(test_reclaim_watch),
		cmocka_unit_test(test_size_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
