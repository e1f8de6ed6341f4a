/* SPDX-License-Identifier: MIT */
/*
 * The proxy judges over snapshots (wsl-facts.md §5): the network
 * fixtures of tests/fixtures/snapshots with a proxy environment and
 * request outcomes added by hand.
 */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/proxy.h"
#include "engine/snapshot.h"
#include "gather/hostresolve.h"
#include "util/clock.h"
#include "util/xalloc.h"

struct judged {
	json_object		*snap;
	struct wp_results	 rs;
};

/* BASE's snapshot with the members of FRAGMENT (JSON text) merged in. */
static json_object *
with(const char *base, const char *fragment)
{
	json_object *snap = th_load_snapshot(base);
	json_object *f = json_tokener_parse(fragment);

	if (!f)
		fail_msg("bad fragment: %s", fragment);
	snapshot_merge(snap, f);
	json_object_put(f);
	return snap;
}

static void
judge(json_object *snap, struct judged *j)
{
	struct wp_expect *x = expect_build(snap);

	j->snap = snap;
	wp_results_init(&j->rs);
	assert_int_equal(check_proxy_judge(snap, x, &j->rs), 0);
	expect_free(x);
}

static void
release(struct judged *j)
{
	wp_results_release(&j->rs);
	json_object_put(j->snap);
}

#define NOTHING "\"proxy\": {\"redacted\": true, \"parents\": []}, " \
	"\"probes\": {\"proxy\": []}"

static void
test_not_gathered(void **state)
{
	struct judged j;

	(void)state;
	judge(th_load_snapshot("network-mirrored"), &j);
	th_expect(&j.rs, "wsl2.autoProxy", WP_UNKNOWN, NULL);
	th_expect(&j.rs, "proxy.env", WP_UNKNOWN, NULL);
	th_expect(&j.rs, "proxy.fetch", WP_UNKNOWN, NULL);
	th_expect(&j.rs, "proxy.services", WP_UNKNOWN, NULL);
	release(&j);
}

static void
test_no_variables(void **state)
{
	struct judged j;

	(void)state;
	judge(with("network-nat", "{" NOTHING "}"), &j);
	th_expect(&j.rs, "wsl2.autoProxy", WP_UNKNOWN, "no proxy variables");
	assert_true(th_mentions(&j.rs, "wsl2.autoProxy", "drops a Windows "
	    "proxy on 127.0.0.1"));
	assert_true(th_mentions(&j.rs, "wsl2.autoProxy", "reg.exe query"));
	th_expect(&j.rs, "proxy.env", WP_SKIP, NULL);
	th_expect(&j.rs, "proxy.fetch", WP_SKIP, NULL);
	release(&j);
	judge(with("network-mirrored", "{" NOTHING "}"), &j);
	th_expect(&j.rs, "wsl2.autoProxy", WP_UNKNOWN, NULL);
	assert_false(th_mentions(&j.rs, "wsl2.autoProxy", "drops"));
	release(&j);
}

/* What reg.exe answered about Windows' proxy (gather/windows.c shape). */
static json_object *
with_windows_proxy(const char *base, const char *reg)
{
	json_object *snap = with(base, "{" NOTHING "}");
	json_object *p = snap_obj(snap_obj(snap_obj(snap, "windows"),
	    "programs"), "proxy");

	json_object_object_add(p, "started", json_object_new_boolean(1));
	json_object_object_add(p, "exit", json_object_new_int(0));
	snap_set_str(p, "stdout", reg);
	return snap;
}

#define REG_HEAD "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows" \
	"\\CurrentVersion\\Internet Settings\r\n"

/* Issue 13: Windows' own proxy turns "no variables" into a verdict. */
static void
test_windows_proxy(void **state)
{
	struct judged j;

	(void)state;
	/* No Windows proxy: nothing to copy, autoProxy is fine. */
	judge(with_windows_proxy("network-nat", REG_HEAD
	    "    ProxyEnable    REG_DWORD    0x0\r\n\r\n"), &j);
	th_expect(&j.rs, "wsl2.autoProxy", WP_PASS, "no proxy variables");
	assert_true(th_mentions(&j.rs, "wsl2.autoProxy", "Windows has no "
	    "proxy"));
	release(&j);
	/* A loopback Windows proxy in NAT: WSL drops it; the cause named. */
	judge(with_windows_proxy("network-nat", REG_HEAD
	    "    ProxyEnable    REG_DWORD    0x1\r\n"
	    "    ProxyServer    REG_SZ    127.0.0.1:7890\r\n\r\n"), &j);
	th_expect(&j.rs, "wsl2.autoProxy", WP_WARN, NULL);
	assert_true(th_mentions(&j.rs, "wsl2.autoProxy", "127.0.0.1:7890"));
	assert_true(th_mentions(&j.rs, "wsl2.autoProxy", "mirrored"));
	release(&j);
	/* A LAN proxy on Windows, no variables: autoProxy did not apply. */
	judge(with_windows_proxy("network-nat", REG_HEAD
	    "    ProxyEnable    REG_DWORD    0x1\r\n"
	    "    ProxyServer    REG_SZ    proxy.corp.example:8080\r\n\r\n"),
	    &j);
	th_expect(&j.rs, "wsl2.autoProxy", WP_FAIL, NULL);
	assert_true(th_mentions(&j.rs, "wsl2.autoProxy",
	    "proxy.corp.example:8080"));
	release(&j);
}

/* NAT: a loopback proxy in the variables is not WSL's (§5). */
static void
test_loopback_in_nat(void **state)
{
	struct judged j;

	(void)state;
	judge(with("network-nat", "{\"env\": {\"http_proxy\": \"http://"
	    "127.0.0.1:3128\", \"https_proxy\": \"http://127.0.0.1:3128\","
	    " \"no_proxy\": \"localhost,127.0.0.1\"}, " NOTHING "}"), &j);
	th_expect(&j.rs, "wsl2.autoProxy", WP_UNKNOWN, NULL);
	assert_true(th_mentions(&j.rs, "wsl2.autoProxy", "never sets a "
	    "loopback proxy in nat mode"));
	release(&j);
	judge(with("network-mirrored", "{\"env\": {\"http_proxy\": \"http://"
	    "127.0.0.1:3128\", \"https_proxy\": \"http://127.0.0.1:3128\","
	    " \"no_proxy\": \"localhost,127.0.0.1\"}, " NOTHING "}"), &j);
	th_expect(&j.rs, "wsl2.autoProxy", WP_PASS, NULL);
	release(&j);
}

static void
test_auto_off(void **state)
{
	struct judged j;
	json_object *snap = with("network-nat", "{\"env\": {\"http_proxy\": "
	    "\"http://10.0.0.1:3128\", \"https_proxy\": \"http://10.0.0.1:"
	    "3128\", \"no_proxy\": \"localhost,127.0.0.1\", \"WSLENV\": "
	    "\"http_proxy/u:WT_SESSION\"}, " NOTHING "}");
	json_object *files = snap_get(snap, "files");
	const char *path = snap_str(snap, "wsl.wslconfig_path");

	(void)state;
	assert_non_null(path);
	json_object_object_add(files, path, json_tokener_parse(
	    "{\"text\": \"[wsl2]\\nautoProxy=false\\n\", \"mtime\": 1}"));
	judge(snap, &j);
	th_expect(&j.rs, "wsl2.autoProxy", WP_WARN, NULL);
	assert_true(th_mentions(&j.rs, "wsl2.autoProxy", "WSLENV forwards "
	    "http_proxy"));
	th_expect(&j.rs, "proxy.env", WP_PASS, "consistent");
	release(&j);
}

/* One probe with these members (JSON text, without braces). */
static struct judged
one_probe(const char *members)
{
	struct judged j;
	char *frag = xasprintf("{\"env\": {\"http_proxy\": \"http://"
	    "127.0.0.1:3128\"}, \"proxy\": {\"redacted\": true}, \"probes\": "
	    "{\"proxy\": [{\"proxy\": \"http://127.0.0.1:3128\", \"display\": "
	    "\"http://127.0.0.1:3128\", \"vars\": \"http_proxy\", \"url\": "
	    "\"http://192.0.2.1/\", %s}]}}", members);

	judge(with("network-mirrored", frag), &j);
	free(frag);
	return j;
}

static void
fetch_is(const char *members, enum wp_verdict v, const char *observed,
    const char *mention)
{
	struct judged j = one_probe(members);

	th_expect(&j.rs, "proxy.fetch", v, observed);
	if (mention && !th_mentions(&j.rs, "proxy.fetch", mention))
		fail_msg("proxy.fetch does not mention '%s'", mention);
	release(&j);
}

static void
test_fetch(void **state)
{
	(void)state;
	fetch_is("\"kind\": \"fetch\", \"outcome\": \"connected\", "
	    "\"http_status\": 200, \"ms\": 5, \"via\": \"1.1 squid\"",
	    WP_PASS, "HTTP 200 in 5 ms", "Via: 1.1 squid");
	/* The proxy works even if the origin says 404. */
	fetch_is("\"kind\": \"fetch\", \"outcome\": \"connected\", "
	    "\"http_status\": 404, \"ms\": 5", WP_PASS, "HTTP 404 in 5 ms",
	    NULL);
	fetch_is("\"kind\": \"fetch\", \"outcome\": \"connected\", "
	    "\"http_status\": 407, \"ms\": 5", WP_WARN, NULL,
	    "wants credentials");
	fetch_is("\"kind\": \"fetch\", \"outcome\": \"connected\", "
	    "\"http_status\": 502, \"ms\": 5", WP_WARN, NULL,
	    "could not reach the origin");
	fetch_is("\"kind\": \"fetch\", \"outcome\": \"refused\", \"ms\": 0, "
	    "\"error\": \"Couldn't connect\"", WP_FAIL, "refused after 0 ms",
	    "nothing listens");
	fetch_is("\"kind\": \"fetch\", \"outcome\": \"timeout\", \"ms\": 1450",
	    WP_FAIL, "timeout after 1450 ms", "does not answer");
	fetch_is("\"kind\": \"fetch\", \"outcome\": \"dns-failure\", \"ms\": 3",
	    WP_FAIL, NULL, "does not resolve");
	fetch_is("\"kind\": \"tunnel\", \"target\": \"192.0.2.1:80\", "
	    "\"outcome\": \"connected\", \"connect_code\": 200, \"ms\": 2",
	    WP_PASS, "CONNECT answered 200 in 2 ms", "CONNECT 192.0.2.1:80");
	fetch_is("\"kind\": \"tunnel\", \"outcome\": \"connected\", "
	    "\"connect_code\": 407, \"ms\": 2", WP_WARN, NULL, "credentials");
	fetch_is("\"kind\": \"tunnel\", \"outcome\": \"connected\", "
	    "\"ms\": 2", WP_PASS, "tunnel opened in 2 ms", NULL);
	fetch_is("\"kind\": \"tunnel\", \"outcome\": \"connected\", "
	    "\"connect_code\": 403, \"ms\": 2", WP_WARN, NULL, "answer 403");
	fetch_is("\"kind\": \"fetch\", \"outcome\": \"not-run\", \"error\": "
	    "\"not run: under --root\"", WP_UNKNOWN, "not run", "--root");
	fetch_is("\"kind\": \"fetch\"", WP_UNKNOWN, NULL, "no outcome");
}

/* No field of any result holds S. */
static void
no_secret(const struct wp_results *rs, const char *s)
{
	for (size_t i = 0; i < rs->n; i++) {
		const struct wp_result *r = &rs->v[i];
		const char *f[] = { r->expected, r->expected_source,
		    r->observed, r->hint };

		for (size_t k = 0; k < 4; k++)
			if (f[k] && strstr(f[k], s))
				fail_msg("'%s' in %s: %s", s, r->setting, f[k]);
		for (size_t k = 0; k < r->n_evidence; k++)
			if (strstr(r->evidence[k], s))
				fail_msg("'%s' in %s evidence: %s", s,
				    r->setting, r->evidence[k]);
	}
}

/* A --no-redact snapshot: the judges still never show the password. */
static void
test_no_redact_snapshot(void **state)
{
	struct judged j;

	(void)state;
	judge(with("network-mirrored", "{\"env\": {\"http_proxy\": \"http://"
	    "bob:Pw-123@127.0.0.1:3128\", \"HTTP_PROXY\": \"http://bob:Pw-124"
	    "@127.0.0.1:3128\", \"https_proxy\": \"'http://bob:Pw-125@h:1'\", "
	    "\"no_proxy\": \"bob:Pw-126@x\"}, \"proxy\": {\"redacted\": false, "
	    "\"parents\": [{\"pid\": 9, \"comm\": \"sh\", \"vars\": "
	    "{\"http_proxy\": \"http://bob:Pw-127@h:1\"}}]}, \"probes\": "
	    "{\"proxy\": [{\"proxy\": \"http://bob:Pw-123@127.0.0.1:3128\", "
	    "\"kind\": \"fetch\", \"vars\": \"http_proxy\", \"outcome\": "
	    "\"error\", \"error\": \"failed: bob:Pw-123 at Pw-123\"}]}}"), &j);
	for (int i = 3; i <= 7; i++) {
		char pw[16];

		snprintf(pw, sizeof pw, "Pw-12%d", i);
		no_secret(&j.rs, pw);
	}
	no_secret(&j.rs, "bob");
	th_expect(&j.rs, "proxy.fetch", WP_FAIL, NULL);
	release(&j);
}

/* Hosts-file-only resolution (--root): an answer or "not found", fast. */
static void
test_hostresolve_files(void **state)
{
	struct hostq q[2];
	long long t0 = clock_mono_ms();
	int v4 = 0;

	(void)state;
	{
		FILE *h = fopen("/etc/hosts", "r");
		char line[256];
		int found = 0;

		while (h && fgets(line, sizeof line, h))
			found |= strncmp(line, "127.0.0.1", 9) == 0 &&
			    strstr(line, "localhost") != NULL;
		if (h)
			fclose(h);
		if (!found)
			skip();	/* this machine's hosts file lacks localhost */
	}
	memset(q, 0, sizeof q);
	q[0].name = "localhost";
	q[1].name = "no-such-host.invalid";
	hostresolve_run(q, 2, 1, t0 + 1000);
	assert_true(clock_mono_ms() - t0 < 500);
	assert_string_equal(q[0].outcome, "resolved");
	for (size_t i = 0; i < q[0].n_addrs; i++)
		v4 |= strcmp(q[0].addrs[i], "127.0.0.1") == 0;
	assert_true(v4);
	assert_int_equal(q[1].n_addrs, 0);
	assert_string_not_equal(q[1].outcome, "resolved");
	hostresolve_release(&q[0]);
	hostresolve_release(&q[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_gathered),
		cmocka_unit_test(test_no_variables),
		cmocka_unit_test(test_windows_proxy),
		cmocka_unit_test(test_auto_off),
		cmocka_unit_test(test_loopback_in_nat),
		cmocka_unit_test(test_fetch),
		cmocka_unit_test(test_no_redact_snapshot),
		cmocka_unit_test(test_hostresolve_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
