/* SPDX-License-Identifier: MIT */
/*
 * Proxy values read as curl reads them, credentials redacted and
 * scrubbed, no_proxy lists rewritten for Linux (util/proxyurl.c).
 */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "util/proxyurl.h"

static void
parse_ok(const char *v, const char *scheme, const char *host, long port,
    const char *display)
{
	struct proxyurl u;

	assert_int_equal(proxyurl_parse(v, &u), 0);
	assert_null(u.problem);
	assert_string_equal(u.scheme, scheme);
	assert_string_equal(u.host, host);
	assert_int_equal(u.port, port);
	assert_string_equal(u.display, display);
	proxyurl_release(&u);
}

static void
test_parse(void **state)
{
	struct proxyurl u;

	(void)state;
	parse_ok("http://127.0.0.1:3128", "http", "127.0.0.1", 3128,
	    "http://127.0.0.1:3128");
	/* curl's defaults: no scheme is http, no port is 1080. */
	parse_ok("proxy.corp:8080", "http", "proxy.corp", 8080,
	    "http://proxy.corp:8080");
	parse_ok("http://proxy.corp/", "http", "proxy.corp", 1080,
	    "http://proxy.corp:1080");
	parse_ok("HTTPS://p.example", "https", "p.example", 443,
	    "https://p.example:443");
	parse_ok("socks5h://[::1]:1080", "socks5h", "::1", 1080,
	    "socks5h://[::1]:1080");
	assert_int_equal(proxyurl_parse("http://u:pw@h:1", &u), 0);
	assert_true(u.credentials);
	assert_string_equal(u.display, "http://h:1");
	proxyurl_release(&u);
	assert_int_equal(proxyurl_parse("h:1", &u), 0);
	assert_false(u.had_scheme);
	assert_false(u.credentials);
	proxyurl_release(&u);
}

static void
parse_bad(const char *v, const char *problem, const char *fixed)
{
	struct proxyurl u;

	assert_int_equal(proxyurl_parse(v, &u), -1);
	assert_non_null(u.problem);
	if (!strstr(u.problem, problem))
		fail_msg("'%s': problem '%s', wanted '%s'", v, u.problem,
		    problem);
	if (fixed)
		assert_string_equal(u.fixed, fixed);
	else
		assert_null(u.fixed);
	proxyurl_release(&u);
}

static void
test_parse_bad(void **state)
{
	(void)state;
	parse_bad("", "empty", NULL);
	parse_bad(NULL, "empty", NULL);
	parse_bad("\"http://h:1\"", "quotes", "http://h:1");
	parse_bad("'http://u:pw@h:1'", "quotes", "http://***@h:1");
	parse_bad(" http://h:1", "blanks", "http://h:1");
	parse_bad("http://h :1", "space", NULL);
	parse_bad("http://h:99999", "port", NULL);
	parse_bad("http://h:0", "port", NULL);
	parse_bad("http://h:x", "port", NULL);
	parse_bad("ftp://h:21", "'ftp' is not a proxy scheme", "http://h:21");
	parse_bad("http://h\n:1", "control", NULL);
	parse_bad("http://:1", "", NULL);
}

static void
redact_is(const char *v, const char *want, int had)
{
	int h = -1;
	char *r = proxyurl_redact(v, &h);

	assert_string_equal(r, want);
	assert_int_equal(h, had);
	free(r);
}

static void
test_redact(void **state)
{
	char *s;

	(void)state;
	redact_is("http://u:pw@h:1", "http://***@h:1", 1);
	redact_is("u:pw@h:1", "***@h:1", 1);
	redact_is("http://h:1", "http://h:1", 0);
	redact_is("\"http://u:p@w@h\"", "\"http://***@h\"", 1);
	/* An '@' anywhere hides everything before it: never too little. */
	redact_is("http://u:p/w@h", "http://***@h", 1);
	redact_is("@", "***@", 1);
	redact_is("", "", 0);
	assert_null(proxyurl_redact(NULL, NULL));
	s = proxyurl_scrub("connect to alice:Se%2Dcret@h failed for "
	    "Se-cret, user alice", "http://alice:Se%2Dcret@h:1");
	assert_null(strstr(s, "Se-cret"));
	assert_null(strstr(s, "Se%2Dcret"));
	assert_null(strstr(s, "alice"));
	assert_non_null(strstr(s, "***"));
	free(s);
	s = proxyurl_scrub("plain", "http://h:1");
	assert_string_equal(s, "plain");
	free(s);
	assert_null(proxyurl_scrub(NULL, "x"));
}

static void
noproxy_is(const char *list, const char *fixed, const char *windows)
{
	struct noproxy np;

	noproxy_parse(list, &np);
	if (fixed)
		assert_string_equal(np.fixed, fixed);
	else
		assert_null(np.fixed);
	if (windows)
		assert_string_equal(np.windows, windows);
	else
		assert_null(np.windows);
	noproxy_release(&np);
}

static void
test_noproxy(void **state)
{
	(void)state;
	noproxy_is("localhost,127.0.0.1", NULL, NULL);
	noproxy_is(" localhost , 127.0.0.1 ,.corp", NULL, NULL);
	noproxy_is("*", NULL, NULL);
	noproxy_is(NULL, "localhost,127.0.0.1", NULL);
	noproxy_is("", "localhost,127.0.0.1", NULL);
	noproxy_is("localhost", "localhost,127.0.0.1", NULL);
	noproxy_is("<local>,*.corp.com", ".corp.com,localhost,127.0.0.1",
	    "<local>");
	noproxy_is("a;b", "a,b,localhost,127.0.0.1", ";");
	noproxy_is("10.1.*,192.*", "10.1.0.0/16,192.0.0.0/8,localhost,"
	    "127.0.0.1", "10.1.*");
	noproxy_is("10.*.1.*", "localhost,127.0.0.1", "10.*.1.*");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_redact),
		cmocka_unit_test(test_noproxy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
