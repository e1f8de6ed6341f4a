/* SPDX-License-Identifier: MIT */
/*
 * The localhost judge over snapshot fixtures and variations of them
 * (wsl-facts.md §3), and the concurrent TCP prober against real sockets
 * on 127.0.0.1.
 */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "checks/localhost.h"
#include "util/clock.h"
#include "engine/snapshot.h"
#include "gather/tcpprobe.h"

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
	assert_int_equal(check_localhost_judge(snap, x, &j->rs), 0);
	expect_free(x);
}

static void
release(struct judged *j)
{
	wp_results_release(&j->rs);
	json_object_put(j->snap);
}

/* Sets the outcome of the first probe of ROLE. */
static void
set_probe(json_object *snap, const char *role, const char *outcome,
    const char *host)
{
	json_object *a = snap_get(snap, "probes.localhost");

	for (size_t i = 0; i < json_object_array_length(a); i++) {
		json_object *p = json_object_array_get_idx(a, i);

		if (strcmp(snap_str(p, "role"), role) == 0) {
			snap_set_str(p, "outcome", outcome);
			json_object_object_add(p, "ms",
			    json_object_new_int(1000));
			if (host)
				snap_set_str(p, "host", host);
			return;
		}
	}
	fail_msg("no %s probe", role);
}

static void
test_mirrored(void **state)
{
	struct judged j;
	const struct wp_result *r;
	json_object *snap;

	(void)state;
	judge(th_load_snapshot("network-mirrored"), &j);
	r = th_expect(&j.rs, "localhost.host-ports", WP_PASS, NULL);
	assert_true(th_evidence_has(r, "127.0.0.1:13500 connected"));
	th_expect(&j.rs, "wsl2.localhostForwarding", WP_SKIP, NULL);
	release(&j);

	snap = th_load_snapshot("network-mirrored");
	set_probe(snap, "windows-loopback", "timeout", NULL);
	judge(snap, &j);
	r = th_expect(&j.rs, "localhost.host-ports", WP_FAIL, NULL);
	assert_non_null(strstr(r->hint, "Hyper-V firewall"));
	release(&j);

	/* §3.2: only 127.0.0.1 reaches Windows. */
	snap = th_load_snapshot("network-mirrored");
	set_probe(snap, "windows-loopback", "refused", "::1");
	judge(snap, &j);
	r = th_expect(&j.rs, "localhost.host-ports", WP_FAIL, NULL);
	assert_true(th_evidence_has(r, "only 127.0.0.1 reaches Windows"));
	release(&j);
}

/*
 * Issue 10 §4: a mirrored pass needs the mirrored loopback path (rule 1
 * lookup 127, table 127 via loopback0) and no Linux listener on the
 * port; otherwise it says what answered.
 */
static void
test_mirrored_pass_needs_windows(void **state)
{
	struct judged j;
	const struct wp_result *r;
	json_object *snap, *l, *routes, *keep;

	(void)state;
	/* A Linux listener on 0.0.0.0:13500 may be what answered. */
	snap = th_load_snapshot("network-mirrored");
	l = json_object_new_object();
	snap_set_str(l, "table", "tcp");
	snap_set_str(l, "address", "0.0.0.0");
	json_object_object_add(l, "port", json_object_new_int(13500));
	json_object_array_add(snap_get(snap, "localhost.listeners"), l);
	judge(snap, &j);
	r = th_expect(&j.rs, "localhost.host-ports", WP_UNKNOWN, NULL);
	assert_true(th_evidence_has(r, "Linux's own listener on 0.0.0.0 "
	    "answered, not Windows"));
	assert_non_null(strstr(r->hint, "a port Linux does not bind"));
	release(&j);

	/* No table 127 route: 127.0.0.1 stays inside Linux. */
	snap = th_load_snapshot("network-mirrored");
	routes = snap_get(snap, "net.routes");
	keep = json_object_new_array();
	for (size_t i = 0; i < json_object_array_length(routes); i++) {
		json_object *ro = json_object_array_get_idx(routes, i);
		const char *t = snap_str(ro, "table");

		if (!t || strcmp(t, "127") != 0)
			json_object_array_add(keep, json_object_get(ro));
	}
	json_object_object_add(snap_obj(snap, "net"), "routes", keep);
	judge(snap, &j);
	r = th_expect(&j.rs, "localhost.host-ports", WP_FAIL, NULL);
	assert_true(th_evidence_has(r, "127.0.0.1 stays inside Linux"));
	release(&j);

	/* ... and a refusal there is Linux's, never "Windows refused". */
	snap = th_load_snapshot("network-mirrored");
	json_object_object_add(snap_obj(snap, "net"), "rules",
	    json_object_new_array());
	set_probe(snap, "windows-loopback", "refused", NULL);
	judge(snap, &j);
	r = th_expect(&j.rs, "localhost.host-ports", WP_FAIL, NULL);
	assert_null(strstr(r->hint, "Windows refused"));
	assert_non_null(strstr(r->hint, "Linux's own loopback answered"));
	release(&j);

	/* The listener table not gathered: no pass. */
	snap = th_load_snapshot("network-mirrored");
	json_object_object_del(snap, "localhost");
	judge(snap, &j);
	r = th_expect(&j.rs, "localhost.host-ports", WP_UNKNOWN, NULL);
	assert_true(th_evidence_has(r, "was not gathered"));
	release(&j);
}

/* §3.3: in NAT the host is at the gateway, usually firewalled. */
static void
test_nat_never_fails(void **state)
{
	static const char *const outcomes[] = { "timeout", "refused",
	    "error" };
	struct judged j;
	const struct wp_result *r;
	json_object *snap;

	(void)state;
	judge(th_load_snapshot("network-nat"), &j);
	r = th_expect(&j.rs, "localhost.host-ports", WP_UNKNOWN, NULL);
	assert_true(th_evidence_has(r, "Linux's own loopback"));
	/* The gateway is on-link in the namespace: probed (issue 10 §4). */
	assert_true(th_evidence_has(r, "172.29.160.1:13500 refused"));
	release(&j);
	for (size_t i = 0; i < 3; i++) {
		snap = th_load_snapshot("network-nat");
		set_probe(snap, "gateway", outcomes[i], NULL);
		judge(snap, &j);
		r = th_expect(&j.rs, "localhost.host-ports", WP_UNKNOWN, NULL);
		assert_true(th_evidence_has(r, "Windows Defender Firewall"));
		release(&j);
	}
	snap = th_load_snapshot("network-nat");
	set_probe(snap, "gateway", "connected", NULL);
	judge(snap, &j);
	th_expect(&j.rs, "localhost.host-ports", WP_PASS, NULL);
	release(&j);
}

static void
test_forwarding(void **state)
{
	struct judged j;
	const struct wp_result *r;
	json_object *snap, *rev;

	(void)state;
	judge(th_load_snapshot("network-nat"), &j);
	r = th_expect(&j.rs, "wsl2.localhostForwarding", WP_UNKNOWN, NULL);
	assert_non_null(strstr(r->hint, "curl.exe http://localhost:8765/"));
	release(&j);

	snap = th_load_snapshot("network-nat");
	rev = snap_get(snap, "probes.localhost_forwarding");
	snap_set_str(rev, "outcome", "connected");
	snap_set_str(rev, "why", NULL);
	json_object_object_add(rev, "port", json_object_new_int(40000));
	judge(snap, &j);
	th_expect(&j.rs, "wsl2.localhostForwarding", WP_PASS, NULL);
	release(&j);

	snap = th_load_snapshot("network-nat");
	rev = snap_get(snap, "probes.localhost_forwarding");
	snap_set_str(rev, "outcome", "timeout");
	judge(snap, &j);
	/* Issue 9 §8: a timeout proves nothing: unknown, raise --timeout. */
	r = th_expect(&j.rs, "wsl2.localhostForwarding", WP_UNKNOWN, NULL);
	assert_non_null(strstr(r->hint, "raise --timeout"));
	release(&j);

	/* Only a refusal is a failure. */
	snap = th_load_snapshot("network-nat");
	rev = snap_get(snap, "probes.localhost_forwarding");
	snap_set_str(rev, "outcome", "refused");
	judge(snap, &j);
	r = th_expect(&j.rs, "wsl2.localhostForwarding", WP_FAIL, NULL);
	assert_non_null(strstr(r->hint, "localhostForwarding=true"));
	release(&j);
}

static void
test_skips(void **state)
{
	struct judged j;
	json_object *snap = th_load_snapshot("network-mirrored");

	(void)state;
	json_object_object_add(snap, "active_probes",
	    json_object_new_boolean(0));
	judge(snap, &j);
	th_expect(&j.rs, "localhost.host-ports", WP_SKIP, NULL);
	th_expect(&j.rs, "wsl2.localhostForwarding", WP_SKIP, NULL);
	release(&j);
	judge(th_load_snapshot("network-none"), &j);
	th_expect(&j.rs, "localhost.host-ports", WP_SKIP, NULL);
	th_expect(&j.rs, "wsl2.localhostForwarding", WP_SKIP, NULL);
	release(&j);
	judge(th_load_snapshot("network-broken-mirrored"), &j);
	th_expect(&j.rs, "localhost.host-ports", WP_FAIL, NULL);
	release(&j);
}

/* The prober against real sockets on 127.0.0.1 only. */
static void
test_tcpprobe(void **state)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof sa;
	int lfd = socket(AF_INET, SOCK_STREAM, 0), cfd, open_port, closed;
	struct tcpprobe v[4];
	char port_a[8];
	long long t0;

	(void)state;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(lfd, (struct sockaddr *)(void *)&sa,
	    sizeof sa), 0);
	assert_int_equal(listen(lfd, 4), 0);
	assert_int_equal(getsockname(lfd, (struct sockaddr *)(void *)&sa,
	    &len), 0);
	open_port = ntohs(sa.sin_port);
	/* A port that was just free: bound and closed again. */
	cfd = socket(AF_INET, SOCK_STREAM, 0);
	sa.sin_port = 0;
	assert_int_equal(bind(cfd, (struct sockaddr *)(void *)&sa,
	    sizeof sa), 0);
	len = sizeof sa;
	assert_int_equal(getsockname(cfd, (struct sockaddr *)(void *)&sa,
	    &len), 0);
	closed = ntohs(sa.sin_port);
	close(cfd);
	snprintf(port_a, sizeof port_a, "%d", open_port);
	v[0] = (struct tcpprobe){ .host = "127.0.0.1", .port = open_port };
	v[1] = (struct tcpprobe){ .host = "127.0.0.1", .port = closed };
	v[2] = (struct tcpprobe){ .host = "not-an-address", .port = 80 };
	v[3] = (struct tcpprobe){ .host = "127.0.0.1", .port = 0 };
	t0 = clock_mono_ms();
	tcpprobe_run(v, 4, clock_mono_ms() + 2000);
	assert_true(clock_mono_ms() - t0 < 1000);
	assert_string_equal(v[0].outcome, "connected");
	assert_string_equal(v[1].outcome, "refused");
	assert_string_equal(v[2].outcome, "error");
	assert_string_equal(v[3].outcome, "error");
	assert_true(v[0].ms >= 0 && v[0].ms < 1000);
	/* A deadline already past: nothing pending is left unsettled. */
	v[0] = (struct tcpprobe){ .host = "127.0.0.1", .port = open_port };
	tcpprobe_run(v, 1, clock_mono_ms() - 1);
	assert_non_null(v[0].outcome);
	close(lfd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mirrored),
		cmocka_unit_test(test_nat_never_fails),
		cmocka_unit_test(test_mirrored_pass_needs_windows),
		cmocka_unit_test(test_forwarding),
		cmocka_unit_test(test_skips),
		cmocka_unit_test(test_tcpprobe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
