/* SPDX-License-Identifier: MIT */
/* CLI parsing: every option of interface.md §2 and its errors. */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <string.h>

static void
test_defaults(void **state)
{
	struct cli_opts o;
	const char *args[] = { NULL };

	assert_int_equal(th_parse(&o, args), CLI_OK);
	assert_string_equal(o.format, "text");
	assert_int_equal(o.timeout_ms, 1500);
	assert_int_equal(o.n_host_ports, 1);
	assert_int_equal(o.host_ports[0], 135);
	assert_string_equal(o.dns_names[0], "www.msftconnecttest.com");
	assert_null(o.dns_names[1]);
	assert_int_equal(o.fail_on, WP_FAIL);
	assert_int_equal(o.redact, -1);
	assert_int_equal(o.command, CLI_RUN);
	cli_opts_release(&o);
}

static void
test_all_options(void **state)
{
	struct cli_opts o;
	const char *args[] = { "-c", "/x/.wslconfig", "--wsl-conf", "/w",
	    "-f", "json", "-o", "out.json", "--only", "env", "-t", "250",
	    "--host-port", "445", "--host-port", "13500", "--dns-name",
	    "example.test", "--proxy-url", "http://127.0.0.1:1/",
	    "--root", "/", "--watch-reclaim", "130", "--save-snapshot", "s",
	    "--redact", "--fail-on", "warn", "--color", "never", "-v", NULL };

	assert_int_equal(th_parse(&o, args), CLI_OK);
	assert_string_equal(o.config, "/x/.wslconfig");
	assert_string_equal(o.wsl_conf, "/w");
	assert_string_equal(o.format, "json");
	assert_string_equal(o.output, "out.json");
	/* A unique prefix resolves to the full check name. */
	assert_string_equal(o.only[0], "environment");
	assert_int_equal(o.timeout_ms, 250);
	assert_int_equal(o.n_host_ports, 2);
	assert_int_equal(o.host_ports[1], 13500);
	assert_string_equal(o.dns_names[0], "example.test");
	assert_string_equal(o.root, "/");
	assert_int_equal(o.watch_reclaim_s, 130);
	assert_int_equal(o.redact, 1);
	assert_int_equal(o.fail_on, WP_WARN);
	assert_int_equal(o.color, CLI_COLOR_NEVER);
	assert_true(o.verbose);
	cli_opts_release(&o);
}

static void
test_usage_errors(void **state)
{
	static const char *const bad[][4] = {
		{ "--bogus", NULL },
		{ "-x", NULL },
		{ "--format", "xml", NULL },
		{ "--timeout", "0", NULL },
		{ "--timeout", "12ms", NULL },
		{ "--timeout", "99999999999999999999", NULL },
		{ "--host-port", "65536", NULL },
		{ "--host-port", "-1", NULL },
		{ "--only", "nosuchcheck", NULL },
		{ "--skip", ",", NULL },
		{ "--fail-on", "error", NULL },
		{ "--color", "sometimes", NULL },
		{ "--watch-reclaim", "0", NULL },
		{ "--timeout", NULL },
		{ "stray", NULL },
		{ "-c", "a", "--no-config", NULL },
		{ "-q", "-v", NULL },
		{ "--root", "/nonexistent-wslprobe-root", NULL },
		{ "--dns-name", "", NULL },
	};

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct cli_opts o;

		if (th_parse(&o, bad[i]) != CLI_EXIT_USAGE)
			fail_msg("accepted: %s %s", bad[i][0],
			    bad[i][1] ? bad[i][1] : "");
		cli_opts_release(&o);
	}
}

static void
test_exit_ok_options(void **state)
{
	static const char *const ok[][2] = {
		{ "--help", NULL }, { "-h", NULL }, { "--version", NULL },
		{ "-V", NULL }, { "--list-checks", NULL },
	};

	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		struct cli_opts o;

		assert_int_equal(th_parse(&o, ok[i]), CLI_EXIT_OK);
		cli_opts_release(&o);
	}
}

static void
test_lint_subcommand(void **state)
{
	struct cli_opts o;
	const char *args[] = { "lint", "-f", "json", "my.wslconfig", NULL };
	const char *late[] = { "-f", "json", "lint", NULL };

	assert_int_equal(th_parse(&o, args), CLI_OK);
	assert_int_equal(o.command, CLI_LINT);
	assert_string_equal(o.config, "my.wslconfig");
	cli_opts_release(&o);
	/* "lint" is a subcommand only as the first word. */
	assert_int_equal(th_parse(&o, late), CLI_EXIT_USAGE);
	cli_opts_release(&o);
}

static void
test_selection(void **state)
{
	struct cli_opts o;
	const char *only[] = { "--only", "environment", NULL };
	const char *skip[] = { "--skip", "environment", NULL };

	assert_int_equal(th_parse(&o, only), CLI_OK);
	assert_true(cli_check_selected(&o, "environment"));
	assert_false(cli_check_selected(&o, "dns"));
	cli_opts_release(&o);
	assert_int_equal(th_parse(&o, skip), CLI_OK);
	assert_false(cli_check_selected(&o, "environment"));
	assert_true(cli_check_selected(&o, "dns"));
	cli_opts_release(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_all_options),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_exit_ok_options),
		cmocka_unit_test(test_lint_subcommand),
		cmocka_unit_test(test_selection),
	};

	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
