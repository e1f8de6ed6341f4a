/* SPDX-License-Identifier: MIT */
/*
 * Snapshot round trip (gather a fixture → save → load → judge gives the
 * same results) and hostile snapshot files (clear error, never a crash).
 */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/encoding.h"
#include "engine/runner.h"
#include "engine/snapshot.h"
#include "checks/environment.h"
#include "reports/report.h"

static char tmpdir[] = "/tmp/wslprobe-test-snapshot-XXXXXX";

static int
setup(void **state)
{
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[256];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd);
}

static char *
results_json(struct cli_opts *o, json_object *snap)
{
	struct wp_expect *x;
	struct wp_results rs;
	json_object *arr = json_object_new_array();
	char *s;

	wp_results_init(&rs);
	x = expect_build(snap);
	th_runner_judge(o, snap, x, &rs);
	expect_free(x);
	for (size_t i = 0; i < rs.n; i++)
		json_object_array_add(arr, report_result_json(&rs.v[i]));
	s = strdup(json_object_to_json_string(arr));
	json_object_put(arr);
	wp_results_release(&rs);
	return s;
}

static void
test_round_trip(void **state)
{
	static const char *const fixtures[] = { "wsl2-mirrored", "wsl2-old",
	    "wsl1", "not-wsl", "wsl2-interop" };

	for (size_t i = 0; i < sizeof fixtures / sizeof *fixtures; i++) {
		struct cli_opts o;
		json_object *snap = th_gather_fixture(fixtures[i], &o), *back;
		char path[512], *err = NULL, *live, *replay;

		snprintf(path, sizeof path, "%s/%s.json", tmpdir, fixtures[i]);
		assert_int_equal(snapshot_save(snap, path, &err), 0);
		back = snapshot_load(path, &err);
		if (!back)
			fail_msg("%s: %s", fixtures[i], err);
		live = results_json(&o, snap);
		replay = results_json(&o, back);
		assert_string_equal(live, replay);
		assert_non_null(strstr(live, "environment.wsl"));
		free(live);
		free(replay);
		json_object_put(snap);
		json_object_put(back);
		cli_opts_release(&o);
	}
}

/*
 * Judging is a pure function of the snapshot: every fixture snapshot
 * judged twice, with the wall clock moved by a day (and by a year)
 * between the runs, gives the same results.
 */
static void
test_replay_ignores_the_clock(void **state)
{
	static const char *const trees[] = { "wsl2-mirrored", "wsl2-old",
	    "wsl2-nat", "wsl1", "not-wsl", "dns-tunnel" };
	const char *args[] = { NULL };
	struct cli_opts o;
	char cmd[1024];
	FILE *ls;
	char name[256];
	size_t n = 0;

	assert_int_equal(th_parse(&o, args), CLI_OK);
	snprintf(cmd, sizeof cmd, "ls '%s/snapshots' | grep '\\.json$'",
	    FIXTURES);
	ls = popen(cmd, "r");
	assert_non_null(ls);
	while (fgets(name, sizeof name, ls)) {
		json_object *snap;
		char *a, *b, *c;

		name[strcspn(name, "\n")] = '\0';
		name[strlen(name) - 5] = '\0';	/* .json */
		snap = th_load_snapshot(name);
		clock_test_shift(0);
		a = results_json(&o, snap);
		clock_test_shift(86400);
		b = results_json(&o, snap);
		clock_test_shift(-365 * 86400.0);
		c = results_json(&o, snap);
		clock_test_shift(0);
		if (strcmp(a, b) != 0 || strcmp(a, c) != 0)
			fail_msg("%s: results depend on the wall clock", name);
		free(a);
		free(b);
		free(c);
		json_object_put(snap);
		n++;
	}
	pclose(ls);
	/* And snapshots gathered from fixture trees (files with mtimes). */
	for (size_t i = 0; i < sizeof trees / sizeof *trees; i++) {
		struct cli_opts g;
		json_object *snap = th_gather_fixture(trees[i], &g);
		char *a, *b, *c;

		a = results_json(&g, snap);
		clock_test_shift(86400);
		b = results_json(&g, snap);
		clock_test_shift(-365 * 86400.0);
		c = results_json(&g, snap);
		clock_test_shift(0);
		if (strcmp(a, b) != 0 || strcmp(a, c) != 0)
			fail_msg("%s: results depend on the wall clock",
			    trees[i]);
		free(a);
		free(b);
		free(c);
		json_object_put(snap);
		cli_opts_release(&g);
		n++;
	}
	assert_true(n >= 10);
	cli_opts_release(&o);
}

static void
test_binary_file_survives_as_base64(void **state)
{
	json_object *frag = json_object_new_object(), *snap;
	struct rootfs_file f = { 0 };
	char bytes[] = { 'a', 0, (char)0xff, '\n' }, *back, *err;
	char path[512];
	size_t len;

	f.data = bytes;
	f.len = sizeof bytes;
	f.mtime = 5;
	snap_add_file(frag, "/etc/x", &f);
	snap = snapshot_new(NULL);
	snapshot_merge(snap, frag);
	snprintf(path, sizeof path, "%s/bin.json", tmpdir);
	assert_int_equal(snapshot_save(snap, path, &err), 0);
	json_object_put(snap);
	snap = snapshot_load(path, &err);
	assert_non_null(snap);
	back = snap_file_data(snap, "/etc/x", &len);
	assert_non_null(back);
	assert_int_equal(len, sizeof bytes);
	assert_memory_equal(back, bytes, sizeof bytes);
	assert_non_null(snap_str(snap_file(snap, "/etc/x"), "text_b64"));
	free(back);
	json_object_put(snap);
	json_object_put(frag);
}

static void
write_file(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
}

static void
test_hostile_snapshots(void **state)
{
	static const struct {
		const char *name, *data;
		size_t len;
		const char *error;
	} cases[] = {
		{ "empty", "", 0, "not valid JSON" },
		{ "truncated", "{\"schema\": \"wslprobe-snap", 25,
		    "unexpected end of file" },
		{ "array", "[1,2]", 5, "not a JSON object" },
		{ "garbage", "\xff\xfe{", 3, "not valid JSON" },
		{ "nul", "{\"schema\":\0\"x\"}", 15, "not valid JSON" },
		{ "trailing", "{\"schema\":\"wslprobe-snapshot/1\"} x", 34,
		    "trailing data" },
		{ "noschema", "{}", 2, "not a wslprobe snapshot" },
		{ "newer", "{\"schema\":\"wslprobe-snapshot/2\"}", 32,
		    "newer than this wslprobe" },
		{ "badschema", "{\"schema\":\"wslprobe-snapshot/x\"}", 32,
		    "unknown snapshot schema" },
		{ "deep", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
		    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", 80, "not valid JSON" },
	};
	char path[512], *err;

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		snprintf(path, sizeof path, "%s/%s.json", tmpdir,
		    cases[i].name);
		write_file(path, cases[i].data, cases[i].len);
		assert_null(snapshot_load(path, &err));
		if (!strstr(err, cases[i].error))
			fail_msg("%s: '%s' lacks '%s'", cases[i].name, err,
			    cases[i].error);
		free(err);
	}
	snprintf(path, sizeof path, "%s/fifo", tmpdir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_null(snapshot_load(path, &err));
	assert_non_null(strstr(err, "FIFO"));
	free(err);
	assert_null(snapshot_load(tmpdir, &err));
	assert_non_null(strstr(err, "directory"));
	free(err);
	assert_null(snapshot_load("/nonexistent/wslprobe.json", &err));
	assert_non_null(strstr(err, "not found"));
	free(err);
}

static void
test_missing_and_mistyped_parts_judge(void **state)
{
	static const char *const snaps[] = {
		"{\"schema\":\"wslprobe-snapshot/1\"}",
		"{\"schema\":\"wslprobe-snapshot/1\",\"system\":5,\"wsl\":[],"
		    "\"files\":\"x\",\"timings\":{\"environment\":\"x\"}}",
		"{\"schema\":\"wslprobe-snapshot/1\",\"wsl\":{\"wslinfo\":"
		    "{\"errors\":{}},\"wslconfig_tried\":[1,null],"
		    "\"wslconfig_path\":\"/x\",\"interop\":\"yes\"},"
		    "\"system\":{\"kernel_release\":\"5.15.1-microsoft\","
		    "\"boot_time\":\"x\",\"uptime_s\":1e308}}",
	};

	for (size_t i = 0; i < sizeof snaps / sizeof *snaps; i++) {
		struct cli_opts o;
		const char *none[] = { NULL };
		json_object *snap = json_tokener_parse(snaps[i]), *env;
		char *res;

		assert_non_null(snap);
		assert_int_equal(th_parse(&o, none), CLI_OK);
		res = results_json(&o, snap);
		assert_non_null(strstr(res, "environment.wsl"));
		env = environment_summary(snap);
		assert_non_null(env);
		json_object_put(env);
		free(res);
		json_object_put(snap);
		cli_opts_release(&o);
	}
}

static void
test_base64(void **state)
{
	static const char *const in[] = { "", "f", "fo", "foo", "foob",
	    "fooba", "foobar" };
	static const char *const out[] = { "", "Zg==", "Zm8=", "Zm9v",
	    "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy" };
	size_t len;

	for (size_t i = 0; i < 7; i++) {
		char *e = base64_encode(in[i], strlen(in[i])), *d;

		assert_string_equal(e, out[i]);
		d = base64_decode(e, &len);
		assert_int_equal(len, strlen(in[i]));
		assert_memory_equal(d, in[i], len);
		free(e);
		free(d);
	}
	assert_null(base64_decode("Zm9", &len));
	assert_null(base64_decode("Z=9v", &len));
	assert_null(base64_decode("Zm9!", &len));
	assert_true(utf8_valid("ü€𝄞", strlen("ü€𝄞")));
	assert_false(utf8_valid("\xc0\xaf", 2));	/* overlong */
	assert_false(utf8_valid("\xed\xa0\x80", 3));	/* surrogate */
	assert_false(utf8_valid("\xe2\x82", 2));	/* truncated */
	assert_false(utf8_valid("a\0b", 3));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_binary_file_survives_as_base64),
		cmocka_unit_test(test_replay_ignores_the_clock),
		cmocka_unit_test(test_hostile_snapshots),
		cmocka_unit_test(test_missing_and_mistyped_parts_judge),
		cmocka_unit_test(test_base64),
	};

	return cmocka_run_group_tests_name("snapshot", tests, setup,
	    teardown);
}
