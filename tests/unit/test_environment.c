/* SPDX-License-Identifier: MIT */
/* The environment check judged against fixture trees (tests/fixtures). */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "checks/environment.h"
#include "facts/wsl.h"
#include "util/clock.h"
#include "gather/discover.h"
#include "parse/windows_text.h"
#include "engine/runner.h"
#include "engine/snapshot.h"

struct judged {
	struct cli_opts		opts;
	json_object		*snap;
	struct wp_results	rs;
};

static void
judge_fixture(const char *name, struct judged *j, const char *const *extra)
{
	if (extra) {
		char root[4096];
		/* Passive checks only, as th_gather_fixture. */
		const char *args[16] = { "--root", root, "--only",
		    "environment,config" };
		size_t n = 4;

		snprintf(root, sizeof root, "%s/%s", FIXTURES, name);
		while (*extra && n < 15)
			args[n++] = *extra++;
		args[n] = NULL;
		assert_int_equal(th_parse(&j->opts, args), CLI_OK);
		j->snap = snapshot_new(j->opts.root);
		th_runner_gather(&j->opts, j->snap);
	} else {
		j->snap = th_gather_fixture(name, &j->opts);
	}
	wp_results_init(&j->rs);
	{
		struct wp_expect *x = expect_build(j->snap);

		th_runner_judge(&j->opts, j->snap, x, &j->rs);
		expect_free(x);
	}
}

static void
release(struct judged *j)
{
	wp_results_release(&j->rs);
	json_object_put(j->snap);
	cli_opts_release(&j->opts);
}

static void
test_wsl2_mirrored(void **state)
{
	struct judged j;

	judge_fixture("wsl2-mirrored", &j, NULL);
	th_expect(&j.rs, "environment.wsl", WP_PASS, "WSL2");
	th_expect(&j.rs, "environment.wsl-version", WP_PASS, "2.4.13");
	th_expect(&j.rs, "environment.interop", WP_PASS, "available");
	th_expect(&j.rs, "environment.wslconfig", WP_PASS,
	    "/mnt/c/Users/alice/.wslconfig");
	assert_string_equal(snap_str(j.snap, "wsl.wslinfo.networking_mode"),
	    "mirrored");
	assert_string_equal(snap_str(j.snap, "wsl.wslinfo.vm_id"),
	    "6f1e8c5a-0000-4000-8000-000000000001");
	assert_string_equal(snap_str(j.snap, "wsl.wslconfig_source"),
	    "guess");
	assert_string_equal(snap_str(j.snap,
	    "system.os_release.PRETTY_NAME"), "Ubuntu 24.04.1 LTS");
	{
		double bt = 0, n = 0;

		assert_int_equal(snap_num(j.snap, "system.boot_time", &bt), 0);
		assert_true(bt == 1732532400.0);
		assert_int_equal(snap_num(j.snap, "system.nproc", &n), 0);
		assert_true(n == 4.0);
	}
	/* The file content is in the snapshot, so replay can judge it. */
	{
		size_t len;
		char *text = snap_file_data(j.snap,
		    "/mnt/c/Users/alice/.wslconfig", &len);

		assert_non_null(text);
		assert_non_null(strstr(text, "networkingMode=mirrored"));
		free(text);
	}
	release(&j);
}

static void
test_wsl2_old_without_version_flag(void **state)
{
	struct judged j;

	judge_fixture("wsl2-old", &j, NULL);
	th_expect(&j.rs, "environment.wsl", WP_PASS, "WSL2");
	/* Builds before 2.2.3 lack --version and --wsl-version. */
	th_expect(&j.rs, "environment.wsl-version", WP_UNKNOWN, "unknown");
	assert_true(th_evidence_has(th_find(&j.rs, "environment.wsl-version"),
	    "kernel suggests WSL about 2.0 to 2.4"));
	assert_string_equal(snap_str(j.snap, "wsl.wslinfo.path"),
	    "/bin/wslinfo");
	/* Public and Default are never a user's profile. */
	th_expect(&j.rs, "environment.wslconfig", WP_PASS,
	    "/mnt/c/Users/bob/.wslconfig");
	release(&j);
}

static void
test_wsl1(void **state)
{
	struct judged j;

	judge_fixture("wsl1", &j, NULL);
	th_expect(&j.rs, "environment.wsl", WP_FAIL, "WSL1");
	assert_true(th_evidence_has(th_find(&j.rs, "environment.wsl"), "4.4.0-19041"));
	th_expect(&j.rs, "environment.wsl-version", WP_SKIP, NULL);
	th_expect(&j.rs, "environment.interop", WP_SKIP, NULL);
	release(&j);
}

static void
test_not_wsl(void **state)
{
	struct judged j;

	judge_fixture("not-wsl", &j, NULL);
	th_expect(&j.rs, "environment.wsl", WP_FAIL, "not WSL");
	/* Says why: which signals were missing. */
	assert_true(th_evidence_has(th_find(&j.rs, "environment.wsl"), "/init missing"));
	assert_true(th_evidence_has(th_find(&j.rs, "environment.wsl"),
	    "WSLInterop binfmt entry missing"));
	assert_true(th_evidence_has(th_find(&j.rs, "environment.wsl"), "/run/WSL missing"));
	assert_int_equal(snap_bool(j.snap, "active_probes"), 0);
	th_expect(&j.rs, "environment.wslconfig", WP_WARN, "not found");
	assert_true(th_evidence_has(th_find(&j.rs, "environment.wslconfig"),
	    "tried /mnt/c/Users/*/.wslconfig (guess)"));
	release(&j);
}

static void
test_interop_discovery(void **state)
{
	struct judged j;

	/* The fake cmd.exe prints UTF-16LE "C:\Users\Bob Smith". */
	judge_fixture("wsl2-interop", &j, NULL);
	th_expect(&j.rs, "environment.wslconfig", WP_PASS,
	    "/mnt/c/Users/Bob Smith/.wslconfig");
	assert_string_equal(snap_str(j.snap, "wsl.wslconfig_source"),
	    "interop");
	release(&j);
}

static void
test_no_config_and_explicit_config(void **state)
{
	struct judged j;
	const char *none[] = { "--no-config", NULL };
	char path[4096];
	const char *given[] = { "--config", path, NULL };

	judge_fixture("wsl2-mirrored", &j, none);
	th_expect(&j.rs, "environment.wslconfig", WP_SKIP, NULL);
	assert_null(snap_str(j.snap, "wsl.wslconfig_path"));
	assert_string_equal(snap_str(j.snap, "wsl.wslconfig_source"), "none");
	release(&j);

	snprintf(path, sizeof path, "%s/wsl2-old/mnt/c/Users/bob/.wslconfig",
	    FIXTURES);
	judge_fixture("wsl2-mirrored", &j, given);
	th_expect(&j.rs, "environment.wslconfig", WP_PASS, path);
	assert_string_equal(snap_str(j.snap, "wsl.wslconfig_source"),
	    "option");
	release(&j);
}

static void
test_hung_wslinfo_is_bounded(void **state)
{
	const char *slow[] = { "--timeout", "5000", NULL };
	struct judged j;
	long long start = clock_mono_ms(), took;

	/* wslinfo sleeps 30 s: the 2 s budget kills it and its child. */
	judge_fixture("wsl2-hung-wslinfo", &j, slow);
	took = clock_mono_ms() - start;
	/*
	 * Bounded by its 2 s budget: an upper bound with margin for ASan
	 * and a loaded machine, and a lower bound that proves it waited.
	 */
	assert_true(took < 2000 + 2000);
	assert_true(took >= 1900);
	th_expect(&j.rs, "environment.wsl", WP_PASS, "WSL2");
	th_expect(&j.rs, "environment.wsl-version", WP_UNKNOWN, NULL);
	assert_true(th_evidence_has(th_find(&j.rs, "environment.wsl-version"),
	    "did not finish within"));
	release(&j);
}

static void
test_wslinfo_budget_follows_timeout(void **state)
{
	struct judged j;
	const char *fast[] = { "--timeout", "300", NULL };
	long long start = clock_mono_ms(), took;

	judge_fixture("wsl2-hung-wslinfo", &j, fast);
	took = clock_mono_ms() - start;
	assert_true(took < 900);
	release(&j);
}

static void
test_kind_decisions(void **state)
{
	static const struct {
		const char *json;
		enum env_kind kind;
	} cases[] = {
		{ "{\"system\":{\"kernel_release\":"
		    "\"6.6.87.2-microsoft-standard-WSL2\"}}", ENV_WSL2 },
		{ "{\"system\":{\"kernel_release\":"
		    "\"4.19.128-microsoft-standard\"}}", ENV_WSL2 },
		{ "{\"system\":{\"kernel_release\":\"4.4.0-22000-Microsoft\"}}",
		    ENV_WSL1 },
		{ "{\"system\":{\"kernel_release\":\"6.1.0-26-amd64\"}}",
		    ENV_NOT_WSL },
		/* A custom kernel= (xanmod) with WSL's init signals. */
		{ "{\"system\":{\"kernel_release\":\"6.12.1-x64v3-xanmod1\"},"
		    "\"wsl\":{\"init_present\":true,\"run_wsl\":true,"
		    "\"binfmt_interop\":\"enabled\","
		    "\"distro_name\":\"Ubuntu\"}}", ENV_WSL2 },
		/* /init alone (a container) is not WSL. */
		{ "{\"system\":{\"kernel_release\":\"6.1.0\"},"
		    "\"wsl\":{\"init_present\":true}}", ENV_NOT_WSL },
		{ "{\"system\":{\"kernel_release\":"
		    "\"5.15.1-microsoft-standard-WSL2\"},\"wsl\":{\"wslinfo\":"
		    "{\"networking_mode\":\"wsl1\"}}}", ENV_WSL1 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		json_object *s = json_tokener_parse(cases[i].json);
		char **why;

		assert_non_null(s);
		if (facts_wsl_kind(s, &why) != cases[i].kind)
			fail_msg("case %zu: wrong kind", i);
		assert_non_null(why);
		facts_why_free(why);
		json_object_put(s);
	}
}

static void
test_path_translation(void **state)
{
	char root[4096], *p;

	snprintf(root, sizeof root, "%s/wsl2-mirrored", FIXTURES);
	p = discover_windows_to_linux(root, "C:\\Users\\me");
	assert_string_equal(p, "/mnt/c/Users/me");
	free(p);
	/* D: has no mount in the fixture: the default automount root. */
	p = discover_windows_to_linux(root, "D:\\Profiles\\me");
	assert_string_equal(p, "/mnt/d/Profiles/me");
	free(p);
	assert_null(discover_windows_to_linux(root, "\\\\server\\share"));
	assert_null(discover_windows_to_linux(root, "C:"));
	p = win_decode("\xff\xfe" "J\0o\0s\0\xe9\0=\xd8\x00\xde", 14,
	    NULL, NULL);
	assert_string_equal(p, "José😀");
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wsl2_mirrored),
		cmocka_unit_test(test_wsl2_old_without_version_flag),
		cmocka_unit_test(test_wsl1),
		cmocka_unit_test(test_not_wsl),
		cmocka_unit_test(test_interop_discovery),
		cmocka_unit_test(test_no_config_and_explicit_config),
		cmocka_unit_test(test_hung_wslinfo_is_bounded),
		cmocka_unit_test(test_wslinfo_budget_follows_timeout),
		cmocka_unit_test(test_kind_decisions),
		cmocka_unit_test(test_path_translation),
	};

	return cmocka_run_group_tests_name("environment", tests, NULL, NULL);
}
