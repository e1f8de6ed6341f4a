/* SPDX-License-Identifier: MIT */
/*
 * The network classifier and judge over snapshot fixtures, one per mode
 * (tests/fixtures/snapshots/network-*.json, made in namespaces by
 * make-network-snapshots.sh from the recipes of wsl-facts.md §10), so
 * --replay judges every mode the same on any machine.
 */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/network.h"
#include "engine/snapshot.h"

struct judged {
	json_object		*snap;
	struct wp_results	 rs;
};

static void
judge(json_object *snap, struct judged *j)
{
	struct wp_expect *x = expect_build(snap);

	j->snap = snap;
	wp_results_init(&j->rs);
	assert_int_equal(check_network_judge(snap, x, &j->rs), 0);
	expect_free(x);
}

static void
release(struct judged *j)
{
	wp_results_release(&j->rs);
	json_object_put(j->snap);
}

/* The classifier names each mode from netlink alone (§2.4). */
static void
test_classify_each_mode(void **state)
{
	static const struct { const char *fx; enum net_mode m; } t[] = {
		{ "network-nat", NET_MODE_NAT },
		{ "network-fallback", NET_MODE_NAT },
		{ "network-mirrored", NET_MODE_MIRRORED },
		{ "network-mirrored-hal", NET_MODE_MIRRORED },
		{ "network-broken-mirrored", NET_MODE_LOOPBACK0_ONLY },
		{ "network-consomme", NET_MODE_CONSOMME },
		{ "network-none", NET_MODE_NONE },
		{ "network-bridged", NET_MODE_NAT_OR_BRIDGED },
	};

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		json_object *snap = th_load_snapshot(t[i].fx);
		char **why = NULL;
		enum net_mode m = network_classify(snap, &why);

		if (m != t[i].m)
			fail_msg("%s: classified %s, expected %s", t[i].fx,
			    network_mode_name(m), network_mode_name(t[i].m));
		assert_non_null(why);
		assert_non_null(why[0]);
		network_why_free(why);
		json_object_put(snap);
	}
}

static void
test_nat(void **state)
{
	struct judged j;

	(void)state;
	judge(th_load_snapshot("network-nat"), &j);
	th_expect(&j.rs, "wsl2.networkingMode", WP_PASS, "nat");
	th_expect(&j.rs, "network.mode-evidence", WP_PASS, "nat");
	assert_true(th_mentions(&j.rs, "network.mode-evidence",
	    "default via 172.29.160.1"));
	assert_true(th_mentions(&j.rs, "network.mode-evidence", "32768-60999"));
	th_expect(&j.rs, "network.interfaces", WP_PASS, NULL);
	th_expect(&j.rs, "experimental.hostAddressLoopback", WP_SKIP, NULL);
	th_expect(&j.rs, "experimental.ignoredPorts", WP_SKIP, NULL);
	th_expect(&j.rs, "wsl2.ipv6", WP_SKIP, NULL);
	th_expect(&j.rs, "wsl2.firewall", WP_UNKNOWN, NULL);
	assert_true(th_mentions(&j.rs, "wsl2.firewall",
	    "Get-NetFirewallHyperVVMSetting"));
	release(&j);
}

/* §2.1: mirrored asked for, NAT running; the hint lists the causes. */
static void
test_fallback(void **state)
{
	struct judged j;
	const struct wp_result *r;

	(void)state;
	judge(th_load_snapshot("network-fallback"), &j);
	th_expect(&j.rs, "wsl2.networkingMode", WP_FAIL, "nat");
	th_expect(&j.rs, "network.mode-evidence", WP_PASS, "nat");
	r = th_find(&j.rs, "wsl2.networkingMode");
	assert_string_equal(r->expected, "mirrored");
	assert_non_null(strstr(r->hint, "Windows 10"));
	assert_true(strstr(r->hint, "Windows 10") < strstr(r->hint, "policy"));
	assert_true(strstr(r->hint, "policy") < strstr(r->hint, "HNS"));
	assert_non_null(strstr(r->hint, "wsl --version"));
	release(&j);
}

/* A .wslconfig newer than the boot puts the restart first (§9.2). */
static void
test_fallback_restart_pending(void **state)
{
	struct judged j;
	json_object *snap = th_load_snapshot("network-fallback");
	json_object *f = snap_file(snap, "/mnt/c/Users/alice/.wslconfig");
	const struct wp_result *r;
	double bt;

	(void)state;
	assert_int_equal(snap_num(snap, "system.boot_time", &bt), 0);
	json_object_object_add(f, "mtime", json_object_new_double(bt + 600));
	judge(snap, &j);
	r = th_find(&j.rs, "wsl2.networkingMode");
	assert_non_null(r->hint);
	assert_true(strstr(r->hint, "changed after this VM booted") <
	    strstr(r->hint, "Windows 10"));
	release(&j);

	/*
	 * Issue 10 §4: an mtime later than the snapshot's own taken_at
	 * (2024-11-25T11:13:32Z) is clock skew, not an edit: no restart is
	 * blamed, whatever the wall clock says when it is judged.
	 */
	snap = th_load_snapshot("network-fallback");
	f = snap_file(snap, "/mnt/c/Users/alice/.wslconfig");
	json_object_object_add(f, "mtime", json_object_new_double(
	    1732533212.0 + 3600));
	judge(snap, &j);
	r = th_find(&j.rs, "wsl2.networkingMode");
	assert_int_equal(r->verdict, WP_FAIL);
	assert_null(strstr(r->hint, "changed after this VM booted (run"));
	assert_true(th_evidence_has(r, "clock skew, not an edit"));
	release(&j);
}

static void
test_mirrored(void **state)
{
	struct judged j;

	(void)state;
	judge(th_load_snapshot("network-mirrored"), &j);
	th_expect(&j.rs, "wsl2.networkingMode", WP_PASS, "mirrored");
	th_expect(&j.rs, "network.mode-evidence", WP_PASS, "mirrored");
	assert_true(th_mentions(&j.rs, "network.mode-evidence",
	    "via 169.254.73.152 dev loopback0"));
	assert_true(th_mentions(&j.rs, "network.mode-evidence", "noprefixroute"));
	assert_true(th_mentions(&j.rs, "network.mode-evidence", "4096 ports"));
	th_expect(&j.rs, "experimental.hostAddressLoopback", WP_PASS, "false");
	th_expect(&j.rs, "experimental.ignoredPorts", WP_UNKNOWN, NULL);
	th_expect(&j.rs, "network.interfaces", WP_PASS, NULL);
	release(&j);
	judge(th_load_snapshot("network-mirrored-hal"), &j);
	th_expect(&j.rs, "experimental.hostAddressLoopback", WP_PASS, "true");
	release(&j);
}

/*
 * Issue 10 §1: without the .wslconfig entry or wsl.wslconfig_path the
 * expectation is not known: unknown, never "expected nat" (a default).
 */
static void
test_wslconfig_not_gathered(void **state)
{
	struct judged j;
	json_object *snap = th_load_snapshot("network-fallback");
	const struct wp_result *r;

	(void)state;
	json_object_object_del(snap_obj(snap, "files"),
	    "/mnt/c/Users/alice/.wslconfig");
	judge(snap, &j);
	r = th_expect(&j.rs, "wsl2.networkingMode", WP_UNKNOWN, NULL);
	assert_null(r->expected);
	assert_true(th_evidence_has(r, "not gathered: .wslconfig"));
	release(&j);

	snap = th_load_snapshot("network-fallback");
	json_object_object_del(snap_obj(snap, "wsl"), "wslconfig_path");
	judge(snap, &j);
	th_expect(&j.rs, "wsl2.networkingMode", WP_UNKNOWN, NULL);
	release(&j);

	/* A JSON null is "none found": WSL's defaults, a real verdict. */
	snap = th_load_snapshot("network-fallback");
	snap_set_str(snap_obj(snap, "wsl"), "wslconfig_path", NULL);
	judge(snap, &j);
	r = th_expect(&j.rs, "wsl2.networkingMode", WP_PASS, NULL);
	assert_string_equal(r->expected, "nat");
	release(&j);
}

/* Issue 10 §5: never "write it under [experimental]" when it is there. */
static void
test_hal_hint(void **state)
{
	struct judged j;
	json_object *snap = th_load_snapshot("network-mirrored");
	json_object *f = snap_file(snap, "/mnt/c/Users/alice/.wslconfig");
	const struct wp_result *r;

	(void)state;
	snap_set_str(f, "text", "[wsl2]\nnetworkingMode=mirrored\n"
	    "[experimental]\nhostAddressLoopback=true\n");
	judge(snap, &j);
	r = th_expect(&j.rs, "experimental.hostAddressLoopback", WP_FAIL,
	    "false");
	assert_null(strstr(r->hint, "under [experimental]"));
	assert_non_null(strstr(r->hint, "wsl --shutdown"));
	assert_non_null(strstr(r->hint, ".wslconfig:4"));
	release(&j);
}

static void
test_broken_mirrored(void **state)
{
	struct judged j;

	(void)state;
	judge(th_load_snapshot("network-broken-mirrored"), &j);
	/* wslinfo says mirrored; the kernel lacks the rules. */
	th_expect(&j.rs, "wsl2.networkingMode", WP_PASS, "mirrored");
	th_expect(&j.rs, "network.mode-evidence", WP_WARN,
	    "loopback0 without the mirrored rules");
	release(&j);
}

static void
test_without_wslinfo(void **state)
{
	struct judged j;

	(void)state;
	judge(th_load_snapshot("network-mirrored-nowslinfo"), &j);
	th_expect(&j.rs, "wsl2.networkingMode", WP_PASS, "mirrored");
	th_expect(&j.rs, "network.mode-evidence", WP_UNKNOWN, "mirrored");
	release(&j);
	judge(th_load_snapshot("network-nat-nowslinfo-mirrored"), &j);
	th_expect(&j.rs, "wsl2.networkingMode", WP_FAIL, "nat");
	assert_true(th_mentions(&j.rs, "wsl2.networkingMode",
	    "the netlink classification"));
	release(&j);
	judge(th_load_snapshot("network-bridged-nowslinfo"), &j);
	th_expect(&j.rs, "network.mode-evidence", WP_UNKNOWN, "nat or bridged");
	release(&j);
}

static void
test_consomme_none_bridged(void **state)
{
	struct judged j;

	(void)state;
	judge(th_load_snapshot("network-consomme"), &j);
	th_expect(&j.rs, "wsl2.networkingMode", WP_PASS, "consomme");
	th_expect(&j.rs, "network.mode-evidence", WP_PASS, "consomme");
	release(&j);
	judge(th_load_snapshot("network-none"), &j);
	th_expect(&j.rs, "wsl2.networkingMode", WP_PASS, "none");
	th_expect(&j.rs, "network.interfaces", WP_SKIP, NULL);
	assert_true(th_mentions(&j.rs, "network.mode-evidence",
	    "initialisation probably failed"));
	release(&j);
	judge(th_load_snapshot("network-bridged"), &j);
	th_expect(&j.rs, "wsl2.networkingMode", WP_PASS, "bridged");
	th_expect(&j.rs, "network.mode-evidence", WP_PASS, "nat or bridged");
	th_expect(&j.rs, "wsl2.ipv6", WP_PASS, "false");
	release(&j);
}

/* A hostile or hand-made snapshot judges as unknown, never crashes. */
static void
test_hostile_snapshots(void **state)
{
	static const char *const texts[] = {
		"{\"active_probes\": true}",
		"{\"active_probes\": true, \"net\": 7}",
		"{\"active_probes\": true, \"net\": {\"links\": {}, "
		    "\"rules\": [1, null, {\"priority\": \"x\"}]}}",
		"{\"active_probes\": true, \"net\": {\"links\": [null, 3, "
		    "{\"ifname\": 5, \"flags\": 9}, {\"ifname\": \"eth0\", "
		    "\"flags\": [1, \"UP\"], \"mtu\": 100}], \"addrs\": "
		    "[{\"ifname\": \"eth0\", \"addr_info\": [7, {\"family\": "
		    "\"inet\"}]}], \"routes\": [{\"dst\": \"default\", "
		    "\"table\": 5}]}, \"files\": {\"/proc/sys/net/ipv4/"
		    "ip_local_port_range\": {\"text\": 7}}}",
		"{\"active_probes\": true, \"wsl\": {\"wslinfo\": "
		    "{\"networking_mode\": \"banana\"}}, \"net\": "
		    "{\"links\": []}}",
	};

	(void)state;
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct judged j;
		json_object *snap = json_tokener_parse(texts[i]);

		assert_non_null(snap);
		judge(snap, &j);
		assert_non_null(th_find(&j.rs, "wsl2.networkingMode"));
		release(&j);
	}
}

static void
test_not_wsl2(void **state)
{
	struct judged j;
	json_object *snap = th_load_snapshot("network-mirrored");

	(void)state;
	json_object_object_add(snap, "active_probes",
	    json_object_new_boolean(0));
	judge(snap, &j);
	for (size_t i = 0; i < j.rs.n; i++)
		assert_int_equal(j.rs.v[i].verdict, WP_SKIP);
	release(&j);
}

static void
test_port_range(void **state)
{
	static const struct { const char *t; int ok; long lo, hi; } t[] = {
		{ "32768\t60999\n", 1, 32768, 60999 },
		{ "60536 64631", 1, 60536, 64631 },
		{ "  1   2  \n\n", 1, 1, 2 },
		{ "", 0, 0, 0 }, { "\n", 0, 0, 0 }, { "5", 0, 0, 0 },
		{ "9 8", 0, 0, 0 }, { "1 65536", 0, 0, 0 },
		{ "1 2 3", 0, 0, 0 }, { "-1 2", 0, 0, 0 },
		{ "99999999999999999999 1", 0, 0, 0 }, { "1 2x", 0, 0, 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		long lo = -1, hi = -1;
		int rc = network_port_range(t[i].t, strlen(t[i].t), &lo, &hi);

		if ((rc == 0) != t[i].ok)
			fail_msg("'%s': rc %d", t[i].t, rc);
		if (t[i].ok && (lo != t[i].lo || hi != t[i].hi))
			fail_msg("'%s': %ld-%ld", t[i].t, lo, hi);
	}
	/* An embedded NUL ends nothing: the length rules. */
	assert_int_equal(network_port_range("1\0002", 3, &(long){0},
	    &(long){0}), -1);
}

static void
test_mode_parse(void **state)
{
	(void)state;
	assert_int_equal(network_mode_parse("VirtioProxy"), NET_MODE_CONSOMME);
	assert_int_equal(network_mode_parse("Mirrored"), NET_MODE_MIRRORED);
	assert_int_equal(network_mode_parse("wsl1"), NET_MODE_UNKNOWN);
	assert_int_equal(network_mode_parse(NULL), NET_MODE_UNKNOWN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify_each_mode),
		cmocka_unit_test(test_nat),
		cmocka_unit_test(test_fallback),
		cmocka_unit_test(test_fallback_restart_pending),
		cmocka_unit_test(test_mirrored),
		cmocka_unit_test(test_hal_hint),
		cmocka_unit_test(test_wslconfig_not_gathered),
		cmocka_unit_test(test_broken_mirrored),
		cmocka_unit_test(test_without_wslinfo),
		cmocka_unit_test(test_consomme_none_bridged),
		cmocka_unit_test(test_hostile_snapshots),
		cmocka_unit_test(test_not_wsl2),
		cmocka_unit_test(test_port_range),
		cmocka_unit_test(test_mode_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
