/* SPDX-License-Identifier: MIT */
/*
 * The setting the user meant (engine/asked.c, issue 10 §3 and §5): a line
 * WSL does not apply as written fails the setting it was meant for, with
 * what was asked, the corrected line as the hint and the restart after
 * it; config.<kind> results that map to a setting fail, others warn; a
 * hint never repeats the evidence, a key from the other file is sent
 * there, and a key already in its section is never "written under" it.
 */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "engine/asked.h"
#include "engine/check.h"
#include "engine/expect.h"
#include "engine/runner.h"
#include "engine/snapshot.h"

#define WSLCONFIG	"/mnt/c/Users/alice/.wslconfig"

/* FIXTURE's snapshot with its .wslconfig replaced by TEXT. */
static json_object *
with_wslconfig(const char *fixture, const char *text)
{
	json_object *snap = th_load_snapshot(fixture);
	json_object *frag = json_object_new_object();
	struct rootfs_file f = { 0 };

	f.data = (char *)(uintptr_t)text;
	f.len = strlen(text);
	f.mtime = 1;	/* long before the VM booted */
	snap_add_file(frag, WSLCONFIG, &f);
	snap_set_str(snap_obj(frag, "wsl"), "wslconfig_path", WSLCONFIG);
	snapshot_merge(snap, frag);
	json_object_put(frag);
	return snap;
}

/* Judges SNAP as main does: the registry, then what was asked. */
static void
judge(json_object *snap, struct wp_results *rs)
{
	struct wp_params p;
	struct wp_expect *x = expect_build(snap);

	wp_params_init(&p);
	wp_results_init(rs);
	runner_judge(wp_checks, &p, snap, x, rs);
	asked_judge(snap, x, rs);
	expect_free(x);
	wp_params_release(&p);
}

static void
test_typo_fails_the_setting(void **state)
{
	json_object *snap = with_wslconfig("network-nat",
	    "[wsl2]\nnetworkMode=mirrored\n");
	struct wp_results rs;
	const struct wp_result *r;

	(void)state;
	judge(snap, &rs);
	r = th_expect(&rs, "wsl2.networkingMode", WP_FAIL, "nat");
	/* expected keeps meaning what WSL applies. */
	assert_string_equal(r->expected, "nat");
	assert_string_equal(r->asked, "mirrored");
	assert_string_equal(r->asked_source,
	    ".wslconfig:2 'networkMode=mirrored'");
	assert_true(th_evidence_has(r, "Unknown key 'wsl2.networkMode'"));
	assert_non_null(strstr(r->hint, "wsl --shutdown"));
	assert_non_null(strstr(r->hint, ":\nnetworkingMode=mirrored"));
	/* The config result maps to a setting: fail, not warn. */
	r = th_expect(&rs, "config.unknown-key", WP_FAIL, NULL);
	assert_string_equal(r->asked, "mirrored");
	wp_results_release(&rs);
	json_object_put(snap);
}

static void
test_no_section_fails_the_setting(void **state)
{
	json_object *snap = with_wslconfig("network-nat",
	    "networkingMode=mirrored\n[wsl2]\n");
	struct wp_results rs;
	const struct wp_result *r;

	(void)state;
	judge(snap, &rs);
	r = th_expect(&rs, "wsl2.networkingMode", WP_FAIL, "nat");
	assert_string_equal(r->asked_source,
	    ".wslconfig:1 'networkingMode=mirrored'");
	assert_non_null(strstr(r->hint, "[wsl2]\nnetworkingMode=mirrored"));
	th_expect(&rs, "config.unknown-key", WP_FAIL, NULL);
	wp_results_release(&rs);
	json_object_put(snap);
}

/* The file alone proves WSL ignores the line: not gathered still fails. */
static void
test_fail_stands_when_not_gathered(void **state)
{
	json_object *snap = with_wslconfig("network-nat",
	    "[wsl2]\nnetworking_mode=mirrored\n");
	struct wp_results rs;
	const struct wp_result *r;

	(void)state;
	json_object_object_del(snap, "net");
	json_object_object_del(snap_obj(snap, "wsl"), "wslinfo");
	judge(snap, &rs);
	r = th_expect(&rs, "wsl2.networkingMode", WP_FAIL, NULL);
	assert_string_equal(r->asked, "mirrored");
	assert_true(th_evidence_has(r, "not gathered"));
	/* A malformed line gets the same fix as a misspelt key. */
	assert_non_null(strstr(r->hint, "networkingMode=mirrored"));
	th_expect(&rs, "config.malformed-line", WP_FAIL, NULL);
	wp_results_release(&rs);
	json_object_put(snap);
}

/* WSL's default is what was asked: the line is still wrong, a warning. */
static void
test_default_equals_asked_warns(void **state)
{
	json_object *snap = with_wslconfig("network-nat",
	    "[wsl2]\nnetworkMode=nat\n");
	struct wp_results rs;
	const struct wp_result *r;

	(void)state;
	judge(snap, &rs);
	r = th_expect(&rs, "wsl2.networkingMode", WP_WARN, "nat");
	assert_true(th_evidence_has(r, "default is what was asked"));
	wp_results_release(&rs);
	json_object_put(snap);
}

/* A valid line elsewhere is what WSL applies: nothing is asked. */
static void
test_valid_line_wins(void **state)
{
	json_object *snap = with_wslconfig("network-nat",
	    "[wsl2]\nnetworkingMode=nat\nnetworkMode=mirrored\n");
	struct wp_results rs;
	const struct wp_result *r;

	(void)state;
	judge(snap, &rs);
	r = th_expect(&rs, "wsl2.networkingMode", WP_PASS, "nat");
	assert_null(r->asked);
	wp_results_release(&rs);
	json_object_put(snap);
}

/* config.<kind> that maps to nothing stays a warning. */
static void
test_unmapped_problem_warns(void **state)
{
	json_object *snap = with_wslconfig("network-nat",
	    "[wsl2]\nfrobnicate=1\n");
	struct wp_results rs;
	const struct wp_result *r;

	(void)state;
	judge(snap, &rs);
	r = th_expect(&rs, "config.unknown-key", WP_WARN, NULL);
	assert_null(r->asked);
	assert_non_null(strstr(r->hint, "delete line 2 of .wslconfig"));
	wp_results_release(&rs);
	json_object_put(snap);
}

/* A key of the other file: that file's name and the lines to write. */
static void
test_wrong_file_hint(void **state)
{
	json_object *snap = with_wslconfig("network-nat",
	    "[boot]\nsystemd=true\n");
	struct wp_results rs;
	const struct wp_result *r;

	(void)state;
	judge(snap, &rs);
	r = th_expect(&rs, "config.unknown-key", WP_FAIL, NULL);
	assert_non_null(strstr(r->hint, "move line 2 of .wslconfig to "
	    "/etc/wsl.conf in the distro"));
	assert_non_null(strstr(r->hint, "wsl --terminate"));
	assert_non_null(strstr(r->hint, ":\n[boot]\nsystemd=true"));
	assert_null(strstr(r->hint, "replace"));
	wp_results_release(&rs);
	json_object_put(snap);
}

/* No hint of any config result repeats one of its evidence lines. */
static void
test_hint_never_repeats_evidence(void **state)
{
	static const char *const files[] = {
		"[wsl2]\nnetworkMode=mirrored\n",
		"[wsl2]\nfrobnicate=1\n[foo]\nbar=1\n",
		"[boot]\nsystemd=true\n",
		"[wsl2]\nautoMemoryReclaim=gradual\npageReporting=false\n",
		"[wsl2]\nmemory=4gb\nmemory=8GB\n",
		"[wsl2]\nnetworking_mode=mirrored\n; comment\n",
		"[experimental]\nhostAddressLoopback=true\n",
		NULL
	};

	(void)state;
	for (size_t f = 0; files[f]; f++) {
		json_object *snap = with_wslconfig("network-nat", files[f]);
		struct wp_results rs;

		judge(snap, &rs);
		for (size_t i = 0; i < rs.n; i++) {
			const struct wp_result *r = &rs.v[i];

			for (size_t e = 0; r->hint && e < r->n_evidence; e++)
				if (strstr(r->hint, r->evidence[e]))
					fail_msg("%s: hint repeats '%s'",
					    r->setting, r->evidence[e]);
		}
		wp_results_release(&rs);
		json_object_put(snap);
	}
}

/* "write it under [experimental]" for a key already there (§5). */
static void
test_key_already_there(void **state)
{
	json_object *snap = with_wslconfig("network-mirrored",
	    "[wsl2]\nnetworkingMode=mirrored\n"
	    "[experimental]\nhostAddressLoopback=true\n");
	struct wp_expect *x = expect_build(snap);
	struct wp_results rs;
	struct wp_result *r;

	(void)state;
	wp_results_init(&rs);
	r = wp_results_add(&rs, "network", "experimental.hostAddressLoopback",
	    WP_FAIL);
	wp_result_set(&r->hint, "write hostAddressLoopback=true under "
	    "[experimental] (not [wsl2]) and run 'wsl --shutdown'");
	asked_judge(snap, x, &rs);
	assert_null(strstr(rs.v[0].hint, "write "));
	assert_non_null(strstr(rs.v[0].hint, ".wslconfig:4 already sets "
	    "hostAddressLoopback=true"));
	wp_results_release(&rs);
	expect_free(x);
	json_object_put(snap);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typo_fails_the_setting),
		cmocka_unit_test(test_no_section_fails_the_setting),
		cmocka_unit_test(test_fail_stands_when_not_gathered),
		cmocka_unit_test(test_default_equals_asked_warns),
		cmocka_unit_test(test_valid_line_wins),
		cmocka_unit_test(test_unmapped_problem_warns),
		cmocka_unit_test(test_wrong_file_hint),
		cmocka_unit_test(test_hint_never_repeats_evidence),
		cmocka_unit_test(test_key_already_there),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
