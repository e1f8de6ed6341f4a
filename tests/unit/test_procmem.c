/* SPDX-License-Identifier: MIT */
/* The memory and disk parsers of parse/procmem.c and parse/mountinfo.c. */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <string.h>

#include "parse/mountinfo.h"
#include "parse/procmem.h"

#define S(x)	x, sizeof(x) - 1

static void
test_meminfo(void **state)
{
	static const char mi[] = "MemTotal:        8024464 kB\n"
	    "MemTotalX:       1 kB\nCached:           512344 kB\n"
	    "HugePages_Total:       0\nBad:   12 MB\nSwapTotal: x kB\n";
	unsigned long long kb = 0;

	(void)state;
	assert_int_equal(procmem_meminfo(S(mi), "MemTotal", &kb), 0);
	assert_true(kb == 8024464);
	assert_int_equal(procmem_meminfo(S(mi), "Cached", &kb), 0);
	assert_true(kb == 512344);
	assert_int_equal(procmem_meminfo(S(mi), "HugePages_Total", &kb), 0);
	assert_true(kb == 0);
	/* Another unit, no number, absent: not a value. */
	assert_int_equal(procmem_meminfo(S(mi), "Bad", &kb), -1);
	assert_int_equal(procmem_meminfo(S(mi), "SwapTotal", &kb), -1);
	assert_int_equal(procmem_meminfo(S(mi), "MemFree", &kb), -1);
	/* A NUL ends the line; the length bounds the text. */
	assert_int_equal(procmem_meminfo(S("MemTotal:\0 5 kB\n"), "MemTotal",
	    &kb), -1);
	assert_int_equal(procmem_meminfo("MemTotal: 5 kB", 5, "MemTotal",
	    &kb), -1);
	assert_int_equal(procmem_meminfo(S("MemTotal: "
	    "99999999999999999999999 kB\n"), "MemTotal", &kb), -1);
	assert_int_equal(procmem_meminfo(NULL, 0, "MemTotal", &kb), -1);
}

static void
test_vmstat(void **state)
{
	static const char vs[] = "drop_pagecache_x 9\ndrop_pagecache 3\n"
	    "drop_slab 2\npgsteal_kswapd 10\npgsteal_direct 5\nbad 1x\n";
	unsigned long long v = 0;

	(void)state;
	assert_int_equal(procmem_vmstat(S(vs), "drop_pagecache", &v), 0);
	assert_true(v == 3);
	assert_int_equal(procmem_vmstat(S(vs), "drop_slab", &v), 0);
	assert_true(v == 2);
	assert_int_equal(procmem_vmstat_sum(S(vs), "pgsteal_", &v), 0);
	assert_true(v == 15);
	assert_int_equal(procmem_vmstat(S(vs), "bad", &v), -1);
	assert_int_equal(procmem_vmstat(S(vs), "pgscan", &v), -1);
}

static void
test_swaps(void **state)
{
	static const char sw[] = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\t"
	    "Priority\n/dev/sdb                                partition\t"
	    "2097152\t\t0\t\t-2\n/swap\\040file file 1024 12 -3\n";
	struct procmem_swap rows[1];

	(void)state;
	assert_int_equal(procmem_swaps(S(sw), rows, 1), 2);
	assert_string_equal(rows[0].name, "/dev/sdb");
	assert_string_equal(rows[0].type, "partition");
	assert_true(rows[0].size_kb == 2097152 && rows[0].used_kb == 0);
	assert_int_equal(rows[0].priority, -2);
	assert_int_equal(procmem_swaps(S("Filename Type\n"), rows, 1), 0);
	assert_int_equal(procmem_swaps(S("/dev/sdb partition 1 0 -2\n"), rows,
	    1), -1);
	assert_int_equal(procmem_swaps(S("Filename\n/dev/sdb partition x 0 "
	    "-2\n"), rows, 1), -1);
	assert_int_equal(procmem_swaps(S("Filename\n/dev/sdb partition 1 0 "
	    "-2z\n"), rows, 1), -1);
}

static void
test_cpu_ticks(void **state)
{
	unsigned long long busy = 0, total = 0;

	(void)state;
	assert_int_equal(procmem_cpu_ticks(S("cpu0 1 1 1 1\ncpu  10 1 5 100 "
	    "20 2 3 4 0 0\n"), &busy, &total), 0);
	/* idle (100) and iowait (20) are idle. */
	assert_true(busy == 25 && total == 145);
	assert_int_equal(procmem_cpu_ticks(S("cpu  1 2\n"), &busy, &total),
	    -1);
	assert_int_equal(procmem_cpu_ticks(S("intr 1\n"), &busy, &total), -1);
}

static void
test_mountinfo(void **state)
{
	static const char mi[] =
	    "61 63 8:48 / / rw,relatime - ext4 /dev/sdd rw,discard,errors="
	    "remount-ro,data=ordered\n"
	    "70 61 0:5 / /mnt/my\\040disk rw shared:1 - 9p C:\\134 rw\n"
	    "junk\n"
	    "80 61 8:64 / / rw,discard master:2 - ext4 /dev/sde rw\n";
	struct mountinfo_entry e;

	(void)state;
	/* The last mount at / hides the earlier one; optional fields. */
	assert_int_equal(mountinfo_find(S(mi), "/", &e), 0);
	assert_true(e.major == 8 && e.minor == 64);
	assert_string_equal(e.source, "/dev/sde");
	assert_true(mountinfo_has_option(e.options, "discard"));
	assert_false(mountinfo_has_option(e.super_options, "discard"));
	mountinfo_entry_release(&e);
	assert_int_equal(mountinfo_find(S(mi), "/mnt/my disk", &e), 0);
	assert_string_equal(e.fstype, "9p");
	assert_string_equal(e.source, "C:\\");
	mountinfo_entry_release(&e);
	assert_int_equal(mountinfo_find(S(mi), "/nowhere", &e), -1);
	assert_int_equal(mountinfo_find(S("1 2 8:1x / / rw - ext4 a b\n"),
	    "/", &e), -1);
	assert_int_equal(mountinfo_find(S("1 2 8:1 / / rw ext4 a b c\n"),
	    "/", &e), -1);
	assert_false(mountinfo_has_option("nodiscard,x", "discard"));
	assert_true(mountinfo_has_option("x,discard", "discard"));
	assert_false(mountinfo_has_option(NULL, "discard"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_meminfo),
		cmocka_unit_test(test_vmstat),
		cmocka_unit_test(test_swaps),
		cmocka_unit_test(test_cpu_ticks),
		cmocka_unit_test(test_mountinfo),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
