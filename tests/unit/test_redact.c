/* SPDX-License-Identifier: MIT */
/* reports/redact.c: placeholders, what stays readable, secrets. */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "reports/redact.h"

static void
expect(struct wp_redact *r, const char *in, const char *want)
{
	char *got = redact_str(r, in);

	assert_string_equal(got, want);
	free(got);
}

static void
test_addresses(void **state)
{
	struct wp_redact *r = redact_new(1);

	expect(r, "eth0 has 172.29.167.5/20, gateway 172.29.160.1",
	    "eth0 has <ipv4-1>/20, gateway <ipv4-2>");
	/* The same value, the same placeholder, in any later string. */
	expect(r, "default via 172.29.160.1 dev eth0",
	    "default via <ipv4-2> dev eth0");
	expect(r, "2001:db8:4a::45/64 and 2001:DB8:4A::45",
	    "<ipv6-1>/64 and <ipv6-1>");
	expect(r, "mac 00:15:5d:4f:23:d9, 00-15-5D-4F-23-D9",
	    "mac <mac-1>, <mac-1>");
	/* Loopback, link-local and WSL's fixed addresses stay readable. */
	expect(r, "127.0.0.1 10.255.255.254 169.254.73.152 ::1 fe80::1 "
	    "0.0.0.0 255.255.240.0 00:00:00:00:00:00",
	    "127.0.0.1 10.255.255.254 169.254.73.152 ::1 fe80::1 "
	    "0.0.0.0 255.255.240.0 00:00:00:00:00:00");
	/* Versions and times are not addresses. */
	expect(r, "kernel 5.15.167.4-microsoft-standard-WSL2, WSL version "
	    "2.3.26.0, v1.2.3.4, 12:34:56, 1.2.3.4.5",
	    "kernel 5.15.167.4-microsoft-standard-WSL2, WSL version "
	    "2.3.26.0, v1.2.3.4, 12:34:56, 1.2.3.4.5");
	expect(r, "udp 172.29.160.1:53", "udp <ipv4-2>:53");
	redact_free(r);
}

static void
test_names(void **state)
{
	struct wp_redact *r = redact_new(1);

	redact_seed(r, REDACT_DOMAIN, "corp.example.com");
	redact_seed(r, REDACT_HOST, "proxy.corp.example.com");
	redact_seed(r, REDACT_DISTRO, "jdoe-box");
	redact_seed(r, REDACT_HOST, "ab");	/* too short to look for */
	expect(r, "/mnt/c/Users/Jane Doe/.wslconfig and C:\\Users\\jdoe\\x",
	    "/mnt/c/Users/<user-1>/.wslconfig and C:\\Users\\<user-2>\\x");
	expect(r, "/home/jdoe/.bashrc /mnt/c/Users/Public/x",
	    "/home/<user-2>/.bashrc /mnt/c/Users/Public/x");
	expect(r, "search corp.example.com. via proxy.corp.example.com:3128",
	    "search <domain-1>. via <host-1>:3128");
	expect(r, "pc7.corp.example.com in jdoe-box; notcorp.example.com",
	    "pc7.<domain-1> in <distro-1>; notcorp.example.com");
	expect(r, "tab about", "tab about");
	redact_free(r);
}

static void
test_secrets_always_go(void **state)
{
	struct wp_redact *off = redact_new(0), *on = redact_new(1);

	expect(off, "http_proxy=http://jdoe:hunter2@10.1.2.3:3128/",
	    "http_proxy=http://jdoe:***@10.1.2.3:3128/");
	expect(NULL, "socks5h://u:p%40ss@h", "socks5h://u:***@h");
	expect(off, "http://host:3128/a@b", "http://host:3128/a@b");
	expect(off, "http://u:p@ss@host/", "http://u:***@host/");
	expect(on, "http://jdoe:hunter2@10.1.2.3:3128/",
	    "http://<user-1>:***@<ipv4-1>:3128/");
	assert_false(redact_pseudonymises(off));
	assert_true(redact_pseudonymises(on));
	assert_null(redact_str(on, NULL));
	redact_free(off);
	redact_free(on);
}

static void
test_json_and_snapshot_seeds(void **state)
{
	struct wp_redact *r = redact_new(1);
	json_object *snap = json_tokener_parse("{\"files\": {"
	    "\"/etc/resolv.conf\": {\"text\": \"nameserver 10.255.255.254\\n"
	    "search a.example.net b.example.org\\ndomain c.example\\n\"}},"
	    "\"env\": {\"HTTPS_PROXY\": \"http://u:p@px.example.net:8080\","
	    "\"no_proxy\": \"localhost,.inner.example\"},"
	    "\"wsl\": {\"distro_name\": \"Ubuntu-24.04\"}}");
	json_object *o = json_tokener_parse("{\"a\": [\"b.example.org\","
	    "\"px.example.net\"], \"n\": 1, \"d\": \"Ubuntu-24.04 "
	    "c.example www.inner.example\"}"), *c;

	redact_seed_snapshot(r, snap);
	c = redact_json(r, o);
	assert_string_equal(json_object_to_json_string_ext(c,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE),
	    "{\"a\":[\"<domain-1>\",\"<host-1>\"],\"n\":1,"
	    "\"d\":\"Ubuntu-24.04 <domain-2> www.<host-2>\"}");
	json_object_put(c);
	json_object_put(o);
	json_object_put(snap);
	redact_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_secrets_always_go),
		cmocka_unit_test(test_json_and_snapshot_seeds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
