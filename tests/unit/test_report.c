/* SPDX-License-Identifier: MIT */
/* JSON and text rendering of a fixed result set. */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/report.h"

static const char *const fields[] = { "check", "setting", "expected",
    "expected_source", "observed", "verdict", "evidence", "hint",
    "asked", "asked_source", "duration_ms", NULL };

static void
fill(struct wp_results *rs)
{
	struct wp_result *r;

	wp_results_init(rs);
	r = wp_results_add(rs, "environment", "environment.wsl", WP_PASS);
	wp_result_set(&r->expected, "WSL2");
	wp_result_set(&r->observed, "WSL2");
	r->duration_ms = 12;
	r = wp_results_add(rs, "dns", "wsl2.dnsTunneling", WP_FAIL);
	wp_result_set(&r->expected, "true");
	wp_result_set(&r->expected_source, ".wslconfig:7");
	wp_result_set(&r->observed, "nameserver \"1.1.1.1\"\n\t\x01 ü");
	wp_result_evidence(r, "nameserver 1.1.1.1");
	wp_result_set(&r->hint, "run wsl --shutdown from Windows");
	wp_results_add(rs, "proxy", "wsl2.autoProxy", WP_UNKNOWN);
	wp_results_add(rs, "disk", "experimental.sparseVhd", WP_SKIP);
	wp_results_add(rs, "memory", "memory", WP_ERROR);
	r = wp_results_add(rs, "network", "network.mtu", WP_WARN);
	wp_result_set(&r->hint, "lower the VPN MTU");
	r = wp_results_add(rs, "network", "wsl2.networkingMode", WP_FAIL);
	wp_result_set(&r->asked, "mirrored");
	wp_result_set(&r->asked_source, ".wslconfig:2 'networkMode=mirrored'");
	wp_result_set(&r->hint, "replace line 2 of .wslconfig with:\n"
	    "[wsl2]\nnetworkingMode=mirrored\nthen run 'wsl --shutdown'");
}

static char *
render(const char *fmt, struct wp_report *rep)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(report_find(fmt));
	assert_int_equal(report_find(fmt)->render(rep, fp), 0);
	fclose(fp);
	return buf;
}

static void
test_json_has_every_field(void **state)
{
	struct wp_results rs;
	struct wp_report rep = { 0 };
	json_object *o, *results, *r, *v, *sum;
	char *out;

	fill(&rs);
	rep.results = &rs;
	rep.mode = "replay";
	rep.generated_at = "2026-01-01T00:00:00Z";
	out = render("json", &rep);
	o = json_tokener_parse(out);
	assert_non_null(o);
	assert_true(json_object_object_get_ex(o, "schema", &v));
	assert_string_equal(json_object_get_string(v), "wslprobe-report/1");
	assert_true(json_object_object_get_ex(o, "mode", &v));
	assert_string_equal(json_object_get_string(v), "replay");
	for (const char *k = "environment"; k; k = strcmp(k, "environment")
	    == 0 ? "config" : NULL) {
		assert_true(json_object_object_get_ex(o, k, &v));
		assert_true(json_object_is_type(v, json_type_object));
	}
	assert_true(json_object_object_get_ex(o, "summary", &sum));
	assert_true(json_object_object_get_ex(sum, "fail", &v));
	assert_int_equal(json_object_get_int(v), 2);
	assert_true(json_object_object_get_ex(sum, "error", &v));
	assert_int_equal(json_object_get_int(v), 1);
	assert_true(json_object_object_get_ex(o, "results", &results));
	assert_int_equal(json_object_array_length(results), rs.n);
	for (size_t i = 0; i < rs.n; i++) {
		r = json_object_array_get_idx(results, i);
		for (size_t f = 0; fields[f]; f++)
			if (!json_object_object_get_ex(r, fields[f], &v))
				fail_msg("result %zu lacks '%s'", i, fields[f]);
	}
	/* Unknown is null, never "" or 0. */
	r = json_object_array_get_idx(results, 2);
	json_object_object_get_ex(r, "observed", &v);
	assert_null(v);
	json_object_object_get_ex(r, "duration_ms", &v);
	assert_null(v);
	json_object_object_get_ex(r, "evidence", &v);
	assert_null(v);
	/* Control bytes, quotes and UTF-8 survive the round trip. */
	r = json_object_array_get_idx(results, 1);
	json_object_object_get_ex(r, "observed", &v);
	assert_string_equal(json_object_get_string(v),
	    "nameserver \"1.1.1.1\"\n\t\x01 ü");
	assert_null(strstr(out, "\x01"));
	/* asked and asked_source: null when empty, text when set. */
	json_object_object_get_ex(r, "asked", &v);
	assert_null(v);
	r = json_object_array_get_idx(results, 6);
	json_object_object_get_ex(r, "asked", &v);
	assert_string_equal(json_object_get_string(v), "mirrored");
	json_object_object_get_ex(r, "asked_source", &v);
	assert_string_equal(json_object_get_string(v),
	    ".wslconfig:2 'networkMode=mirrored'");
	json_object_put(o);
	free(out);
	wp_results_release(&rs);
}

static void
test_text_marks_and_hints(void **state)
{
	struct wp_results rs;
	struct wp_report rep = { 0 };
	char *out;

	fill(&rs);
	rep.results = &rs;
	rep.utf8 = 1;
	out = render("text", &rep);
	assert_non_null(strstr(out, "✓ environment.wsl: WSL2\n"));
	assert_non_null(strstr(out, "✗ wsl2.dnsTunneling: "));
	assert_non_null(strstr(out, "(expected true, from .wslconfig:7)"));
	assert_non_null(strstr(out, "    → run wsl --shutdown from Windows\n"));
	assert_non_null(strstr(out, "? wsl2.autoProxy"));
	assert_non_null(strstr(out, "- experimental.sparseVhd"));
	assert_non_null(strstr(out, "☠ memory"));
	assert_non_null(strstr(out, "! network.mtu"));
	assert_non_null(strstr(out,
	    "1 pass, 2 fail, 1 warn, 1 unknown, 1 skip, 1 error\n"));
	assert_null(strstr(out, "\033["));
	/* What was asked, and a multi-line fix indented as one block. */
	assert_non_null(strstr(out, "      asked mirrored at .wslconfig:2 "
	    "'networkMode=mirrored'\n"));
	assert_non_null(strstr(out, "    → replace line 2 of .wslconfig "
	    "with:\n      [wsl2]\n      networkingMode=mirrored\n      then "
	    "run 'wsl --shutdown'\n"));
	free(out);

	rep.utf8 = 0;
	rep.color = 1;
	out = render("text", &rep);
	assert_non_null(strstr(out, "[FAIL]\033[0m wsl2.dnsTunneling"));
	assert_non_null(strstr(out, "    -> run wsl --shutdown"));
	assert_null(strstr(out, "✓"));
	free(out);
	wp_results_release(&rs);
}

static void
test_text_quiet_and_verbose(void **state)
{
	struct wp_results rs;
	struct wp_report rep = { 0 };
	char *out;

	fill(&rs);
	rep.results = &rs;
	rep.quiet = 1;
	out = render("text", &rep);
	assert_string_equal(out,
	    "1 pass, 2 fail, 1 warn, 1 unknown, 1 skip, 1 error\n");
	free(out);
	rep.quiet = 0;
	rep.verbose = 1;
	out = render("text", &rep);
	assert_non_null(strstr(out, "environment.wsl: WSL2 (expected WSL2) "
	    "[12 ms]"));
	free(out);
	wp_results_release(&rs);
}

static void
test_text_environment_header(void **state)
{
	struct wp_results rs;
	struct wp_report rep = { 0 };
	json_object *env = json_object_new_object();
	char *out;

	wp_results_init(&rs);
	json_object_object_add(env, "wsl", json_object_new_string("wsl2"));
	json_object_object_add(env, "wsl_version", NULL);
	json_object_object_add(env, "uptime_s", json_object_new_double(3725));
	json_object_object_add(env, "interop", json_object_new_boolean(0));
	json_object_object_add(env, "wslconfig", NULL);
	json_object_object_add(env, "wslconfig_source",
	    json_object_new_string("none"));
	rep.results = &rs;
	rep.environment = env;
	out = render("text", &rep);
	assert_non_null(strstr(out, "  WSL                WSL2\n"));
	assert_non_null(strstr(out, "  WSL version        unknown\n"));
	assert_non_null(strstr(out, "  uptime             1h 2m\n"));
	assert_non_null(strstr(out, "  interop            unavailable\n"));
	assert_non_null(strstr(out, "not used (--no-config)"));
	free(out);
	json_object_put(env);
	wp_results_release(&rs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_has_every_field),
		cmocka_unit_test(test_text_marks_and_hints),
		cmocka_unit_test(test_text_quiet_and_verbose),
		cmocka_unit_test(test_text_environment_header),
	};

	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
