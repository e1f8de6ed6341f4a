/* SPDX-License-Identifier: MIT */
/*
 * --root file access: absolute symlinks resolve inside the root, ".."
 * never climbs out, loops end, FIFOs and devices are refused, reads are
 * capped; and helper programs are killed at their deadline.
 */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/rootfs.h"
#include "util/spawn.h"

static char root[] = "/tmp/wslprobe-test-rootfs-XXXXXX";

static void
put(const char *rel, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void
link_(const char *target, const char *rel)
{
	char path[512];

	snprintf(path, sizeof path, "%s/%s", root, rel);
	assert_int_equal(symlink(target, path), 0);
}

static int
setup(void **state)
{
	char path[512];

	if (!mkdtemp(root))
		return -1;
	snprintf(path, sizeof path, "%s/etc", root);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/mnt", root);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/mnt/wsl", root);
	mkdir(path, 0755);
	put("mnt/wsl/resolv.conf", "nameserver 10.255.255.254\n");
	link_("/mnt/wsl/resolv.conf", "etc/resolv.conf");
	link_("../mnt/wsl/resolv.conf", "etc/relative.conf");
	link_("/../../../../../etc/passwd", "etc/escape");
	link_("loop2", "etc/loop1");
	link_("loop1", "etc/loop2");
	put("etc/big", "");
	{
		char big[5000];

		memset(big, 'x', sizeof big - 1);
		big[sizeof big - 1] = '\0';
		put("etc/big", big);
	}
	snprintf(path, sizeof path, "%s/etc/fifo", root);
	mkfifo(path, 0600);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[256];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	return system(cmd);
}

static void
test_absolute_symlink_stays_in_root(void **state)
{
	struct rootfs_file f;

	rootfs_read(root, "/etc/resolv.conf", 4096, &f);
	assert_null(f.error);
	assert_string_equal(f.data, "nameserver 10.255.255.254\n");
	assert_string_equal(f.link_target, "/mnt/wsl/resolv.conf");
	assert_true(f.mtime > 0);
	rootfs_file_release(&f);
	rootfs_read(root, "/etc/relative.conf", 4096, &f);
	assert_null(f.error);
	assert_string_equal(f.data, "nameserver 10.255.255.254\n");
	rootfs_file_release(&f);
}

static void
test_dotdot_cannot_escape(void **state)
{
	char *err, *p;
	struct rootfs_file f;

	p = rootfs_resolve(root, "/../../etc/passwd", &err);
	assert_non_null(p);
	assert_true(strncmp(p, root, strlen(root)) == 0);
	free(p);
	/* The link points at /etc/passwd of the host: stays in the root. */
	rootfs_read(root, "/etc/escape", 4096, &f);
	assert_non_null(f.error);
	assert_string_equal(f.error, "not found");
	rootfs_file_release(&f);
}

static void
test_loops_fifos_dirs_caps(void **state)
{
	struct rootfs_file f;
	char *err;

	assert_null(rootfs_resolve(root, "/etc/loop1", &err));
	assert_non_null(strstr(err, "too many levels"));
	free(err);
	assert_null(rootfs_resolve(root, "relative", &err));
	free(err);
	rootfs_read(root, "/etc/fifo", 4096, &f);
	assert_non_null(strstr(f.error, "FIFO"));
	rootfs_file_release(&f);
	rootfs_read(root, "/etc", 4096, &f);
	assert_string_equal(f.error, "is a directory");
	rootfs_file_release(&f);
	rootfs_read(NULL, "/dev/null", 4096, &f);
	assert_non_null(strstr(f.error, "device"));
	rootfs_file_release(&f);
	rootfs_read(root, "/etc/big", 1000, &f);
	assert_null(f.error);
	assert_int_equal(f.len, 1000);
	assert_true(f.truncated);
	rootfs_file_release(&f);
	assert_true(rootfs_exists(root, "/etc/resolv.conf"));
	assert_false(rootfs_exists(root, "/etc/nothing"));
}

static void
test_unreadable_file(void **state)
{
	struct rootfs_file f;

	if (geteuid() == 0)
		skip();		/* root reads mode-000 files anyway */
	put("etc/secret", "x");
	{
		char path[512];

		snprintf(path, sizeof path, "%s/etc/secret", root);
		chmod(path, 0);
	}
	rootfs_read(root, "/etc/secret", 4096, &f);
	assert_non_null(strstr(f.error, "ermission"));
	rootfs_file_release(&f);
}

static void
test_spawn_bounds(void **state)
{
	struct spawn_result res;
	char sh[] = "/bin/sh", c[] = "-c";
	char hang[] = "sleep 20 & sleep 20; echo never";
	char flood[] = "yes wslprobe";
	char ok[] = "printf 'a\\nb'; echo err >&2; exit 3";
	char *argv_hang[] = { sh, c, hang, NULL };
	char *argv_flood[] = { sh, c, flood, NULL };
	char *argv_ok[] = { sh, c, ok, NULL };
	char *argv_none[] = { sh, NULL };
	long long start = clock_mono_ms();

	assert_int_equal(spawn_run("/bin/sh", argv_hang, NULL, 300, &res), -1);
	assert_true(res.timed_out);
	assert_true(clock_mono_ms() - start < 1500);
	spawn_result_release(&res);

	assert_int_equal(spawn_run("/bin/sh", argv_flood, NULL, 5000, &res),
	    -1);
	assert_true(res.truncated);
	assert_int_equal(res.out_len, SPAWN_MAX_OUTPUT);
	spawn_result_release(&res);

	assert_int_equal(spawn_run("/bin/sh", argv_ok, "/", 5000, &res), -1);
	assert_int_equal(res.exit_code, 3);
	assert_string_equal(res.out, "a\nb");
	assert_string_equal(res.err, "err\n");
	spawn_result_release(&res);

	assert_int_equal(spawn_run("/nonexistent/wslinfo", argv_none, NULL,
	    500, &res), -1);
	assert_false(res.started);
	assert_non_null(res.error);
	spawn_result_release(&res);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_absolute_symlink_stays_in_root),
		cmocka_unit_test(test_dotdot_cannot_escape),
		cmocka_unit_test(test_loops_fifos_dirs_caps),
		cmocka_unit_test(test_unreadable_file),
		cmocka_unit_test(test_spawn_bounds),
	};

	return cmocka_run_group_tests_name("rootfs", tests, setup, teardown);
}
