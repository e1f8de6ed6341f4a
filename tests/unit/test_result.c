/* SPDX-License-Identifier: MIT */
/* The result model: ownership, evidence, summary and ordering. */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <stdlib.h>
#include <string.h>

static int
rank(const char *check)
{
	return strcmp(check, "environment") == 0 ? 0 :
	    strcmp(check, "dns") == 0 ? 1 : 2;
}

static void
test_add_copies_strings(void **state)
{
	struct wp_results rs;
	struct wp_result *r;
	char check[] = "dns", setting[] = "dns.server";

	wp_results_init(&rs);
	r = wp_results_add(&rs, check, setting, WP_FAIL);
	check[0] = setting[0] = 'X';
	wp_result_set(&r->observed, "%s", "timeout");
	wp_result_set(&r->observed, "%d ms", 1500);
	wp_result_evidence(r, "server %s", "127.0.0.1");
	wp_result_evidence(r, "udp");
	assert_string_equal(rs.v[0].check, "dns");
	assert_string_equal(rs.v[0].setting, "dns.server");
	assert_string_equal(rs.v[0].observed, "1500 ms");
	assert_int_equal(rs.v[0].n_evidence, 2);
	assert_string_equal(rs.v[0].evidence[0], "server 127.0.0.1");
	assert_null(rs.v[0].hint);
	assert_int_equal(rs.v[0].duration_ms, -1);
	wp_result_set(&r->observed, NULL);
	assert_null(rs.v[0].observed);
	wp_results_release(&rs);
	assert_int_equal(rs.n, 0);
}

static void
test_summary_and_growth(void **state)
{
	struct wp_results rs;
	struct wp_summary s;

	wp_results_init(&rs);
	for (int i = 0; i < 100; i++)
		wp_results_add(&rs, "c", "s", (enum wp_verdict)(i % 6));
	wp_results_summary(&rs, &s);
	for (int v = 0; v < WP_VERDICT_COUNT; v++)
		assert_int_equal(s.count[v], v < 4 ? 17 : 16);
	wp_results_release(&rs);
}

static void
test_sort_is_stable_by_check_then_setting(void **state)
{
	struct wp_results rs;

	wp_results_init(&rs);
	wp_result_evidence(wp_results_add(&rs, "dns", "dns.server", WP_PASS),
	    "first");
	wp_results_add(&rs, "other", "a.b", WP_PASS);
	wp_results_add(&rs, "environment", "environment.wsl", WP_PASS);
	wp_result_evidence(wp_results_add(&rs, "dns", "dns.server", WP_FAIL),
	    "second");
	wp_results_add(&rs, "dns", "dns.a", WP_PASS);
	wp_results_sort(&rs, rank);
	assert_string_equal(rs.v[0].setting, "environment.wsl");
	assert_string_equal(rs.v[1].setting, "dns.a");
	assert_string_equal(rs.v[2].evidence[0], "first");
	assert_string_equal(rs.v[3].evidence[0], "second");
	assert_string_equal(rs.v[4].check, "other");
	wp_results_release(&rs);
}

static void
test_verdict_names(void **state)
{
	static const char *const names[] = { "pass", "fail", "warn",
	    "unknown", "skip", "error" };

	for (int i = 0; i < WP_VERDICT_COUNT; i++) {
		assert_string_equal(wp_verdict_name((enum wp_verdict)i),
		    names[i]);
		assert_int_equal(wp_verdict_parse(names[i]), i);
	}
	assert_int_equal(wp_verdict_parse("PASS"), -1);
	assert_int_equal(wp_verdict_parse(NULL), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_copies_strings),
		cmocka_unit_test(test_summary_and_growth),
		cmocka_unit_test(test_sort_is_stable_by_check_then_setting),
		cmocka_unit_test(test_verdict_names),
	};

	return cmocka_run_group_tests_name("result", tests, NULL, NULL);
}
