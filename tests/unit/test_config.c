/* SPDX-License-Identifier: MIT */
/*
 * Expectations (engine/expect.c) and the config check: defaults by WSL
 * version, file values with their line, WSL's post-parse adjustments
 * (wslconfig.md §3 "Dependencies"), problems as results, and pending
 * restarts (wsl-facts.md §9).
 */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "engine/check.h"
#include "engine/expect.h"
#include "wslconfig/wslkeys.h"
#include "engine/runner.h"
#include "engine/snapshot.h"

/* A snapshot holding a .wslconfig (and maybe a wsl.conf). */
static json_object *
snap_with(const char *wslconfig, const char *wslconf, const char *version,
    double mtime, double btime)
{
	json_object *s = snapshot_new(NULL), *frag = json_object_new_object();
	json_object *wsl = snap_obj(frag, "wsl"), *wi = snap_obj(wsl, "wslinfo");
	struct rootfs_file f = { 0 };

	if (wslconfig) {
		f.data = (char *)(uintptr_t)wslconfig;
		f.len = strlen(wslconfig);
		f.mtime = mtime;
		snap_add_file(frag, "/mnt/c/Users/me/.wslconfig", &f);
		snap_set_str(wsl, "wslconfig_path",
		    "/mnt/c/Users/me/.wslconfig");
		snap_set_str(wsl, "wslconfig_source", "guess");
	} else
		snap_set_str(wsl, "wslconfig_path", NULL);	/* none found */
	if (wslconf) {
		f.data = (char *)(uintptr_t)wslconf;
		f.len = strlen(wslconf);
		f.mtime = mtime;
		snap_add_file(frag, "/etc/wsl.conf", &f);
		snap_set_str(wsl, "wslconf_path", "/etc/wsl.conf");
	}
	snap_set_str(wi, "version", version);
	if (btime > 0) {
		json_object_object_add(snap_obj(frag, "system"), "boot_time",
		    json_object_new_double(btime));
		json_object_object_add(snap_obj(frag, "system"),
		    "init_start_s", json_object_new_double(100));
	}
	snap_set_str(wsl, "distro_name", "Ubuntu");
	snapshot_merge(s, frag);
	json_object_put(frag);
	return s;
}

static void
want(const struct wp_expect *x, const char *key, const char *value,
    const char *source_prefix)
{
	const struct wp_expect_value *v = expect_get(x, key);

	if (!v)
		fail_msg("no expectation for %s", key);
	if (!value && !v->value)
		;	/* unknown, as wanted */
	else if (!v->value || !value || strcmp(v->value, value) != 0)
		fail_msg("%s = '%s', wanted '%s'", key,
		    v->value ? v->value : "(null)", value);
	if (strncmp(v->source, source_prefix, strlen(source_prefix)) != 0)
		fail_msg("%s source '%s', wanted '%s...'", key, v->source,
		    source_prefix);
}

static void
test_defaults_by_version(void **state)
{
	struct {
		const char *version, *tunneling, *source;
	} cases[] = {
		/* dnsTunneling: on since 2.2.1, off in 2.1.1 (§3 [ver]). */
		{ "2.4.13", "true", "default (WSL 2.4.13)" },
		{ "2.2.1", "true", "default (WSL 2.2.1)" },
		{ "2.1.1", "false", "default (WSL 2.1.1)" },
		{ "2.0.14", "false", "default (WSL 2.0.14)" },
		/* Unknown version: the default changed, so it is unknown. */
		{ NULL, NULL, "default unknown: it changed between WSL" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		json_object *s = snap_with(NULL, NULL, cases[i].version, -1, 0);
		struct wp_expect *x = expect_build(s);

		want(x, "wsl2.dnsTunneling", cases[i].tunneling,
		    cases[i].source);
		want(x, "wsl2.networkingMode", "nat", "default");
		want(x, "experimental.autoMemoryReclaim", "dropcache",
		    "default");
		assert_false(expect_get(x, "wsl2.networkingMode")->from_file);
		assert_null(expect_get(x, "wsl2.nosuchkey"));
		/* Computed on Windows: no value, the rule as text. */
		assert_null(expect_get(x, "wsl2.memory")->value);
		assert_non_null(strstr(expect_get(x, "wsl2.memory")->source,
		    "50%"));
		expect_free(x);
		json_object_put(s);
	}
}

static void
test_file_values_and_aliases(void **state)
{
	/* The tutorial's shape: keys under [experimental], inline #. */
	json_object *s = snap_with("[wsl2]\nmemory=8GB\n"
	    "[experimental]\nnetworkingMode=Mirrored # 开启镜像网络\n"
	    "autoMemoryReclaim=gradual\nhostAddressLoopback=true\n"
	    "dnsTunneling=maybe\n",
	    "[network]\ngenerateResolvConf=false\n", "2.4.13", -1, 0);
	struct wp_expect *x = expect_build(s);

	want(x, "wsl2.memory", "8589934592", ".wslconfig:2");
	want(x, "wsl2.networkingMode", "mirrored", ".wslconfig:4");
	want(x, "experimental.autoMemoryReclaim", "gradual", ".wslconfig:5");
	want(x, "experimental.hostAddressLoopback", "true", ".wslconfig:6");
	/* An invalid value keeps the default (§2). */
	want(x, "wsl2.dnsTunneling", "true", "default");
	want(x, "network.generateResolvConf", "false", "wsl.conf:2");
	assert_true(expect_get(x, "wsl2.networkingMode")->from_file);
	expect_free(x);
	json_object_put(s);
}

static void
test_post_parse_adjustments(void **state)
{
	json_object *s;
	struct wp_expect *x;

	/* safeMode forces mode none and swap 0 (§3 step 4). */
	s = snap_with("[wsl2]\nsafeMode=true\nnetworkingMode=mirrored\n",
	    NULL, "2.4.13", -1, 0);
	x = expect_build(s);
	want(x, "wsl2.networkingMode", "none", "adjusted: safeMode=true");
	want(x, "wsl2.swap", "0", "adjusted: safeMode=true");
	/* ... and mode none turns tunneling off (step 6). */
	want(x, "wsl2.dnsTunneling", "false", "adjusted");
	expect_free(x);
	json_object_put(s);

	/* Bridged: no tunneling, so no tunneling address (steps 6-7). */
	s = snap_with("[wsl2]\nnetworkingMode=bridged\n[experimental]\n"
	    "dnsTunnelingIpAddress=10.1.2.3\n", NULL, "2.4.13", -1, 0);
	x = expect_build(s);
	want(x, "wsl2.dnsTunneling", "false", "adjusted: DNS tunneling "
	    "needs NAT");
	want(x, "experimental.dnsTunnelingIpAddress", "", "adjusted");
	expect_free(x);
	json_object_put(s);

	/* Not mirrored: hostAddressLoopback and ignoredPorts dropped. */
	s = snap_with("[experimental]\nhostAddressLoopback=true\n"
	    "ignoredPorts=80,443\n", NULL, "2.4.13", -1, 0);
	x = expect_build(s);
	want(x, "experimental.hostAddressLoopback", "false",
	    "adjusted: only used in mirrored mode");
	want(x, "experimental.ignoredPorts", "", "adjusted");
	expect_free(x);
	json_object_put(s);

	/* Consomme without virtio falls back to NAT (step 5). */
	s = snap_with("[wsl2]\nnetworkingMode=VirtioProxy\nvirtio=false\n",
	    NULL, "2.4.13", -1, 0);
	x = expect_build(s);
	want(x, "wsl2.networkingMode", "nat", "adjusted: consomme needs "
	    "virtio");
	expect_free(x);
	json_object_put(s);

	/* An invalid tunneling address turns tunneling off (§2). */
	s = snap_with("[experimental]\ndnsTunnelingIpAddress=10.0.0\n",
	    NULL, "2.4.13", -1, 0);
	x = expect_build(s);
	want(x, "wsl2.dnsTunneling", "false", ".wslconfig:2");
	expect_free(x);
	json_object_put(s);

	/* A fatal macAddress: WSL applies nothing. */
	s = snap_with("[wsl2]\nnetworkingMode=mirrored\nmacAddress=zz\n",
	    NULL, "2.4.13", -1, 0);
	x = expect_build(s);
	want(x, "wsl2.networkingMode", "nat", "default");
	expect_free(x);
	json_object_put(s);
}

static void
test_restart_pending(void **state)
{
	static const struct {
		double mtime, btime;
		int pending;
	} cases[] = {
		{ 1000, 2000, 0 },	/* edited before boot */
		{ 2004, 2000, 0 },	/* within the clock tolerance */
		{ 2600, 2000, 1 },	/* edited 10 min after boot */
		{ -1, 2000, -1 },	/* no mtime: unknown */
		{ 2600, 0, -1 },	/* no btime: unknown */
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		json_object *s = snap_with("[wsl2]\n", NULL, "2.4.13",
		    cases[i].mtime, cases[i].btime);
		struct wp_expect *x = expect_build(s);

		if (expect_restart_pending(x) != cases[i].pending)
			fail_msg("case %zu: %d", i, expect_restart_pending(x));
		expect_free(x);
		json_object_put(s);
	}
}

static struct wp_results
judge(json_object *s)
{
	struct cli_opts o;
	const char *args[] = { "--only", "config", NULL };
	struct wp_expect *x = expect_build(s);
	struct wp_results rs;

	assert_int_equal(th_parse(&o, args), CLI_OK);
	wp_results_init(&rs);
	th_runner_judge(&o, s, x, &rs);
	expect_free(x);
	cli_opts_release(&o);
	return rs;
}

static void
test_config_check_results(void **state)
{
	json_object *s = snap_with("[wsl2]\nautoMemoryReclaim=gradual\n"
	    "memory=4gb\nmemory=4GB\nnetworkingMod=mirrored\n"
	    "[experimental]\nhostAddressLoopback=true\n",
	    "[network]\ngenerateResolvConf=false\n", "2.4.13", 2600, 2000);
	struct wp_results rs = judge(s);
	const struct wp_result *r;

	/* One result per problem, file:line in evidence, fix in hint. */
	r = th_find(&rs, "config.unknown-key");
	assert_non_null(r);
	assert_int_equal(r->verdict, WP_FAIL);
	assert_string_equal(r->evidence[0], ".wslconfig:2: Unknown key "
	    "'wsl2.autoMemoryReclaim' in .wslconfig:2");
	assert_non_null(strstr(r->hint, "[experimental]"));
	r = th_find(&rs, "config.invalid-value");
	assert_non_null(r);
	assert_int_equal(r->verdict, WP_FAIL);
	assert_non_null(strstr(r->hint, "memory=4GB"));
	/* First occurrence wins even when invalid (§1.4). */
	r = th_find(&rs, "config.duplicate-key");
	assert_non_null(r);
	assert_int_equal(r->verdict, WP_WARN);
	r = th_find(&rs, "config.not-applicable");
	assert_non_null(r);
	assert_int_equal(r->verdict, WP_WARN);
	/* A typo gets a did-you-mean fix. */
	{
		int typo = 0;

		for (size_t i = 0; i < rs.n; i++)
			for (size_t j = 0; j < rs.v[i].n_evidence; j++)
				typo |= strstr(rs.v[i].evidence[j],
				    "diagnosis: typo") != NULL &&
				    strstr(rs.v[i].hint, "networkingMode=");
		assert_true(typo);
	}
	/* .wslconfig edited 600 s after boot; wsl.conf after the distro. */
	r = th_find(&rs, "restart.pending");
	assert_non_null(r);
	assert_int_equal(r->verdict, WP_WARN);
	assert_string_equal(r->observed,
	    ".wslconfig changed 600 s after the VM booted");
	assert_non_null(strstr(r->hint, "wsl --shutdown"));
	assert_non_null(strstr(rs.v[rs.n - 1].hint,
	    "wsl --terminate Ubuntu"));
	assert_string_equal(rs.v[rs.n - 1].observed,
	    "wsl.conf changed 500 s after the distro started");
	wp_results_release(&rs);
	json_object_put(s);
}

static void
test_config_clean_and_fatal(void **state)
{
	json_object *s = snap_with("[wsl2]\nmemory=4GB\n", NULL, "2.4.13",
	    1000, 2000);
	struct wp_results rs = judge(s);
	const struct wp_result *r = th_find(&rs, "restart.pending");

	assert_int_equal(rs.n, 1);
	assert_int_equal(r->verdict, WP_PASS);
	wp_results_release(&rs);
	json_object_put(s);

	s = snap_with("[wsl2]\nmacAddress=00:11\n", NULL, "2.4.13", -1, 0);
	rs = judge(s);
	r = th_find(&rs, "config.fatal");
	assert_non_null(r);
	assert_int_equal(r->verdict, WP_FAIL);
	r = th_find(&rs, "restart.pending");
	assert_int_equal(r->verdict, WP_UNKNOWN);
	wp_results_release(&rs);
	json_object_put(s);
}

/*
 * Every setting a check names is a key WSL knows (wslconfig/wslkeys.c) or
 * one of wslprobe's own findings: --list-checks cannot drift from the
 * table (as git's t0450 holds -h to the docs).
 */
static void
test_check_settings_exist(void **state)
{
	static const char *const findings[] = { "environment.", "config.",
	    "restart.pending", "network.mode-evidence", "network.interfaces",
	    "network.mtu", "localhost.", "dns.", "proxy.", "memory.", "disk.",
	    NULL };

	for (size_t i = 0; wp_checks[i]; i++) {
		const char *const *s = wp_checks[i]->settings;

		for (; s && *s; s++) {
			size_t f;

			if (wslkey_find(*s))
				continue;
			for (f = 0; findings[f]; f++)
				if (strncmp(*s, findings[f],
				    strlen(findings[f])) == 0)
					break;
			if (!findings[f])
				fail_msg("check %s names '%s', which WSL does "
				    "not know", wp_checks[i]->name, *s);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_by_version),
		cmocka_unit_test(test_file_values_and_aliases),
		cmocka_unit_test(test_post_parse_adjustments),
		cmocka_unit_test(test_restart_pending),
		cmocka_unit_test(test_config_check_results),
		cmocka_unit_test(test_config_clean_and_fatal),
		cmocka_unit_test(test_check_settings_exist),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
