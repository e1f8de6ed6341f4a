/* SPDX-License-Identifier: MIT */
/* The small-file parsers of parse/procparse.c, on real and hostile text. */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "parse/procparse.h"

static void
test_btime_and_uptime(void **state)
{
	long long bt = 0;
	double up = 0;

	assert_int_equal(procparse_btime("cpu 1 2\nbtime 1732532400\n", &bt),
	    0);
	assert_true(bt == 1732532400);
	/* Only at the start of a line. */
	assert_int_equal(procparse_btime("xbtime 5\n", &bt), -1);
	assert_int_equal(procparse_btime("btime 5\n", &bt), 0);
	assert_int_equal(procparse_btime("btime -5\n", &bt), -1);
	assert_int_equal(procparse_btime("btime x\n", &bt), -1);
	assert_int_equal(procparse_btime("", &bt), -1);
	assert_int_equal(procparse_uptime("812.44 3120.80\n", &up), 0);
	assert_true(up > 812.43 && up < 812.45);
	assert_int_equal(procparse_uptime("nan 1", &up), -1);
	assert_int_equal(procparse_uptime("-1 1", &up), -1);
	assert_int_equal(procparse_uptime("", &up), -1);
}

static void
test_cpu_list(void **state)
{
	assert_int_equal(procparse_cpu_list("0-3\n"), 4);
	assert_int_equal(procparse_cpu_list("0-3,6,8-11"), 9);
	assert_int_equal(procparse_cpu_list("0"), 1);
	assert_int_equal(procparse_cpu_list(""), -1);
	assert_int_equal(procparse_cpu_list("3-0"), -1);
	assert_int_equal(procparse_cpu_list("0-"), -1);
	assert_int_equal(procparse_cpu_list("-1"), -1);
	assert_int_equal(procparse_cpu_list("0,,1"), -1);
	assert_int_equal(procparse_cpu_list("0-3x"), -1);
	/* Many wide ranges must not overflow the count. */
	{
		char *big = malloc(200000), *p = big;

		for (int i = 0; i < 10000; i++)
			p += sprintf(p, "%s0-65535", i ? "," : "");
		assert_int_equal(procparse_cpu_list(big), -1);
		free(big);
	}
	assert_int_equal(procparse_cpu_list("99999999999999999999"), -1);
}

static void
test_os_release(void **state)
{
	char text[] = "PRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\nID=ubuntu\n"
	    "# comment=x\n=novalue\nNOEQUALS\nBAD=\xff\xfe\nQ='single'\n"
	    "HALF=\"open\n";
	json_object *map = json_object_new_object(), *v;

	procparse_os_release(text, map);
	assert_true(json_object_object_get_ex(map, "PRETTY_NAME", &v));
	assert_string_equal(json_object_get_string(v), "Ubuntu 24.04.1 LTS");
	assert_true(json_object_object_get_ex(map, "Q", &v));
	assert_string_equal(json_object_get_string(v), "single");
	assert_true(json_object_object_get_ex(map, "HALF", &v));
	assert_string_equal(json_object_get_string(v), "\"open");
	/* Invalid UTF-8 is dropped, comments and junk lines ignored. */
	assert_false(json_object_object_get_ex(map, "BAD", &v));
	assert_false(json_object_object_get_ex(map, "# comment", &v));
	assert_int_equal(json_object_object_length(map), 4);
	json_object_put(map);
}

static void
test_starttime(void **state)
{
	char ok[] = "1 (systemd (init)) S 0 1 1 0 -1 4194560 1 2 3 4 5 6 7 8 "
	    "20 0 1 0 424 1 2\n";
	char short_[] = "1 (init) S 0 1";
	char noparen[] = "1 init S 0 1 1 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 "
	    "0 424";
	char bad[] = "1 (x) S 0 1 1 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0 4x4";
	unsigned long long t = 0;

	/* The command name holds ') ' : the last ')' counts. */
	assert_int_equal(procparse_starttime(ok, &t), 0);
	assert_true(t == 424);
	assert_int_equal(procparse_starttime(short_, &t), -1);
	assert_int_equal(procparse_starttime(noparen, &t), -1);
	assert_int_equal(procparse_starttime(bad, &t), -1);
}

static void
test_drive_mount(void **state)
{
	char info[] = "61 63 8:48 / / rw - ext4 /dev/sdd rw\n"
	    "95 61 0:52 / /mnt/my\\040drives/c rw - 9p C:\\134 "
	    "rw,aname=drvfs;path=C:\\;uid=1000\n"
	    "96 61 0:53 / /mnt/d rw - virtiofs drvfsD rw,path=D:\\\n";
	char copy[sizeof info], *m;

	memcpy(copy, info, sizeof info);
	m = procparse_drive_mount(copy, 'c');
	assert_string_equal(m, "/mnt/my drives/c");
	free(m);
	memcpy(copy, info, sizeof info);
	m = procparse_drive_mount(copy, 'D');
	assert_string_equal(m, "/mnt/d");
	free(m);
	memcpy(copy, info, sizeof info);
	assert_null(procparse_drive_mount(copy, 'e'));
	{
		char junk[] = " - \n - 9p\n1 2 3 4 - 9p x path=C:\n";

		assert_null(procparse_drive_mount(junk, 'c'));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_btime_and_uptime),
		cmocka_unit_test(test_cpu_list),
		cmocka_unit_test(test_os_release),
		cmocka_unit_test(test_starttime),
		cmocka_unit_test(test_drive_mount),
	};

	return cmocka_run_group_tests_name("procparse", tests, NULL, NULL);
}
