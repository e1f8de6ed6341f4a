/* SPDX-License-Identifier: MIT */
/*
 * The localhost check (wsl-facts.md §3): can Linux reach a Windows port
 * on 127.0.0.1 (mirrored and consomme), or the Windows host at the NAT
 * gateway, and does Windows reach Linux through localhost forwarding.
 * Gathering connects only to 127.0.0.1 and to the gateway of the live
 * routing table (under --root only when this namespace reaches it
 * on-link: gather/onlink.h, the one rule of every active probe), on the
 * ports given with --host-port, all at once under the run's deadline.
 */
#include "config.h"

#include "checks/localhost.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/check.h"
#include "engine/params.h"
#include "gather/netlink.h"
#include "gather/onlink.h"
#include "engine/snapshot.h"
#include "facts/netmode.h"
#include "gather/tcpprobe.h"
#include "gather/winconnect.h"
#include "parse/procnet.h"
#include "util/rootfs.h"
#include "util/xalloc.h"

#define CHECK		"localhost"
#define LOOPBACK	"127.0.0.1"
#define MAX_LISTENERS	64
#define FIREWALL_CMD	"Get-NetFirewallHyperVVMSetting -PolicyStore " \
	"ActiveStore -Name '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}'"

/* The setting it judges, then its finding (--list-checks). */
static const char *const localhost_settings[] = {
	"wsl2.localhostForwarding", "localhost.host-ports", NULL
};

static json_object *
probe_json(const char *host, int port, const char *role,
    const char *outcome, long ms, int err)
{
	json_object *o = json_object_new_object();

	snap_set_str(o, "host", host);
	json_object_object_add(o, "port", json_object_new_int(port));
	snap_set_str(o, "role", role);
	snap_set_str(o, "outcome", outcome);
	json_object_object_add(o, "ms", ms >= 0 ?
	    json_object_new_int64(ms) : NULL);
	if (err)
		snap_set_str(o, "error", strerror(err));
	return o;
}

static json_object *
not_run_json(const char *host, int port, const char *role, const char *why)
{
	json_object *o = probe_json(host, port, role, "not-run", -1, 0);

	snap_set_str(o, "error", why);
	return o;
}

struct scan_arg {
	json_object	*arr;
	const char	*table;
};

static void
add_listener(void *arg, const struct procnet_row *row)
{
	struct scan_arg *a = arg;
	json_object *o;

	if (row->state != PROCNET_TCP_LISTEN ||
	    json_object_array_length(a->arr) >= MAX_LISTENERS)
		return;
	o = json_object_new_object();
	snap_set_str(o, "table", a->table);
	snap_set_str(o, "address", row->local);
	json_object_object_add(o, "port", json_object_new_int((int)row->port));
	json_object_array_add(a->arr, o);
}

/*
 * Linux's own TCP listeners on the --host-port ports, from
 * /proc/net/tcp and tcp6 (read under the root): in mirrored mode a
 * connection to 127.0.0.1 on such a port may be answered by Linux.
 */
static void
gather_listeners(struct wp_ctx *ctx, const struct wp_params *o,
    json_object *frag)
{
	static const char *const tables[] = { "tcp", "tcp6" };
	json_object *lh = snap_obj(frag, "localhost");
	json_object *pn = snap_obj(lh, "procnet");
	struct scan_arg a = { json_object_new_array(), NULL };

	json_object_object_add(lh, "listeners", a.arr);
	for (int i = 0; i < 2; i++) {
		char path[32];
		struct rootfs_file f;
		long ok = 0;

		snprintf(path, sizeof path, "/proc/net/%s", tables[i]);
		rootfs_read(ctx->root, path, ROOTFS_MAX_FILE, &f);
		a.table = tables[i];
		for (size_t k = 0; !f.error && ok >= 0 && o &&
		    k < o->n_host_ports; k++)
			ok = procnet_scan(f.data, f.len,
			    (unsigned)o->host_ports[k], add_listener, &a);
		snap_set_str(pn, tables[i], f.error ? f.error : ok < 0 ?
		    "not a /proc/net table" : "read");
		rootfs_file_release(&f);
	}
}

struct revjob {
	const struct wp_ctx	*ctx;
	json_object		*out;
};

static void *
reverse_run(void *arg)
{
	struct revjob *j = arg;

	winconnect_run(j->ctx, j->out);
	return NULL;
}

static int
localhost_gather(struct wp_ctx *ctx, json_object *frag)
{
	const struct wp_params *o = ctx->params;
	json_object *probes = snap_obj(frag, "probes");
	json_object *arr = json_object_new_array(), *rev;
	size_t np = o ? o->n_host_ports : 0, n = 0, nlb;
	struct tcpprobe *v = xcalloc(2 * np + 1, sizeof *v);
	char gw[64] = "";
	enum net_mode cls;

	/* The routing table (a shared fact) says where Windows is (NAT). */
	cls = network_classify(ctx->shared, NULL);
	if (network_default_gateway(ctx->shared) && (cls == NET_MODE_NAT ||
	    cls == NET_MODE_NAT_OR_BRIDGED || cls == NET_MODE_CONSOMME))
		snprintf(gw, sizeof gw, "%s",
		    network_default_gateway(ctx->shared));
	gather_listeners(ctx, o, frag);
	json_object_object_add(probes, "localhost", arr);
	rev = json_object_new_object();
	json_object_object_add(probes, "localhost_forwarding", rev);
	if (!ctx->active_allowed) {
		for (size_t i = 0; i < np; i++)
			json_object_array_add(arr, not_run_json(LOOPBACK,
			    o->host_ports[i], "windows-loopback",
			    "not run: not WSL2, no packet is sent"));
		snap_set_str(rev, "outcome", "not-run");
		snap_set_str(rev, "why", "not a WSL2 VM");
		free(v);
		return 0;
	}
	/* One rule for every target (gather/onlink.h). */
	for (size_t i = 0; i < np; i++) {
		v[n].host = LOOPBACK;
		v[n++].port = o->host_ports[i];
	}
	nlb = n;
	for (size_t i = 0; gw[0] && i < np; i++) {
		const char *why = onlink_refusal(ctx->root, ctx->shared, gw);

		if (why) {
			json_object_array_add(arr, not_run_json(gw,
			    o->host_ports[i], "gateway", why));
			continue;
		}
		v[n].host = gw;
		v[n++].port = o->host_ports[i];
	}
	/* Both run at once until the same deadline: one timeout in all. */
	{
		struct revjob job = { ctx, rev };
		pthread_t tid;
		int threaded = pthread_create(&tid, NULL, reverse_run,
		    &job) == 0;

		tcpprobe_run(v, n, ctx->deadline_ms);
		if (threaded)
			pthread_join(tid, NULL);
		else
			winconnect_run(ctx, rev);
	}
	for (size_t i = 0; i < n; i++)
		json_object_array_add(arr, probe_json(v[i].host, v[i].port,
		    i < nlb ? "windows-loopback" : "gateway", v[i].outcome,
		    v[i].ms, v[i].err));
	free(v);
	return 0;
}

/* --- judging --- */

struct seen {
	int	 total, connected, refused, timeout;
};

static void
list_probes(json_object *snap, const char *role, struct wp_result *r,
    struct seen *s)
{
	json_object *a = snap_get(snap, "probes.localhost");

	memset(s, 0, sizeof *s);
	for (size_t i = 0; a && json_object_is_type(a, json_type_array) &&
	    i < json_object_array_length(a); i++) {
		json_object *p = json_object_array_get_idx(a, i);
		const char *host = net_member_str(p, "host");
		const char *out = net_member_str(p, "outcome");
		const char *rl = net_member_str(p, "role");
		double port = -1, ms = -1;

		if (!host || !out || !rl || strcmp(rl, role) ||
		    snap_num(p, "port", &port) < 0)
			continue;
		(void)snap_num(p, "ms", &ms);
		if (strcmp(out, "not-run") == 0) {
			const char *why = net_member_str(p, "error");

			wp_result_evidence(r, "%s:%.0f %s", host, port, why ?
			    why : "not probed");
			continue;
		}
		s->total++;
		s->connected += strcmp(out, "connected") == 0;
		s->refused += strcmp(out, "refused") == 0;
		s->timeout += strcmp(out, "timeout") == 0;
		wp_result_evidence(r, "%s:%.0f %s (%.0f ms)", host, port, out,
		    ms);
		if (strcmp(role, "windows-loopback") == 0 &&
		    strcmp(host, LOOPBACK) != 0)
			wp_result_evidence(r, "%s: only 127.0.0.1 reaches "
			    "Windows; ::1 and 127.0.0.2+ stay inside Linux "
			    "(microsoft/WSL#11766)", host);
	}
}

/*
 * 1 when 127.0.0.1 leaves for Windows (wsl-facts.md §2.3): a priority-1
 * rule looks up table 127 and table 127 sends 127.0.0.1 via loopback0;
 * 0 when not; -1 when the rules or routes were not gathered.
 */
static int
mirrored_path(json_object *snap, struct wp_result *r)
{
	json_object *rules = net_array(snap, "rules");
	json_object *routes = net_array(snap, "routes");
	int rule = 0, route = 0;

	if (!rules || !routes) {
		wp_result_evidence(r, "not gathered: the rules and table 127 "
		    "that send 127.0.0.1 to Windows");
		return -1;
	}
	for (size_t i = 0; i < json_object_array_length(rules); i++) {
		json_object *ru = json_object_array_get_idx(rules, i);
		double prio = -1;

		if (snap_num(ru, "priority", &prio) == 0 && prio == 1 &&
		    net_member_str(ru, "table") &&
		    strcmp(net_member_str(ru, "table"), "127") == 0)
			rule = 1;
	}
	for (size_t i = 0; i < json_object_array_length(routes); i++) {
		json_object *ro = json_object_array_get_idx(routes, i);
		const char *t = net_member_str(ro, "table");
		const char *dst = net_member_str(ro, "dst");
		const char *dev = net_member_str(ro, "dev");

		if (t && strcmp(t, "127") == 0 && dst && dev &&
		    (strcmp(dst, LOOPBACK) == 0 ||
		    strcmp(dst, "127.0.0.1/32") == 0) &&
		    strcmp(dev, "loopback0") == 0)
			route = 1;
	}
	if (rule && route)
		wp_result_evidence(r, "127.0.0.1 leaves through loopback0 "
		    "(rule 1 lookup 127, table 127 via loopback0)");
	else
		wp_result_evidence(r, "127.0.0.1 stays inside Linux: %s",
		    !rule ? "no rule looks up table 127" : "table 127 has no "
		    "127.0.0.1 route via loopback0");
	return rule && route;
}

/*
 * The Linux listener on PORT that takes connections to 127.0.0.1
 * (127.0.0.1, 0.0.0.0, ::, ::1... of /proc/net/tcp and tcp6), or NULL;
 * *KNOWN is 0 when those tables were not read.
 */
static const char *
linux_listener(json_object *snap, double port, int *known)
{
	json_object *ls = snap_get(snap, "localhost.listeners");
	const char *t4 = snap_str(snap, "localhost.procnet.tcp");
	const char *t6 = snap_str(snap, "localhost.procnet.tcp6");

	*known = ls && json_object_is_type(ls, json_type_array) && t4 &&
	    strcmp(t4, "read") == 0 && t6 && (strcmp(t6, "read") == 0 ||
	    strcmp(t6, "not found") == 0);
	for (size_t i = 0; *known && i < json_object_array_length(ls); i++) {
		json_object *l = json_object_array_get_idx(ls, i);
		const char *a = net_member_str(l, "address");
		double p = -1;

		if (!a || snap_num(l, "port", &p) < 0 || p != port)
			continue;
		if (strcmp(a, LOOPBACK) == 0 || strcmp(a, "0.0.0.0") == 0 ||
		    strcmp(a, "::") == 0 || strcmp(a, "::ffff:127.0.0.1") == 0)
			return a;
	}
	return NULL;
}

/*
 * A connection counts as Windows only on the mirrored path and with no
 * Linux listener on the port; otherwise say what answered.
 */
static void
judge_connected(json_object *snap, struct wp_result *r, int path)
{
	json_object *a = snap_get(snap, "probes.localhost");
	int unknown = path < 0, linux_ans = 0;

	for (size_t i = 0; a && json_object_is_type(a, json_type_array) &&
	    i < json_object_array_length(a); i++) {
		json_object *p = json_object_array_get_idx(a, i);
		const char *out = net_member_str(p, "outcome");
		const char *rl = net_member_str(p, "role");
		const char *who;
		double port = -1;
		int known;

		if (!out || !rl || strcmp(rl, "windows-loopback") ||
		    strcmp(out, "connected") || snap_num(p, "port", &port) < 0)
			continue;
		who = linux_listener(snap, port, &known);
		if (!known) {
			unknown = 1;
			wp_result_evidence(r, "whether a Linux program listens "
			    "on port %.0f was not gathered (/proc/net/tcp)",
			    port);
		} else if (who) {
			linux_ans = 1;
			wp_result_evidence(r, "port %.0f: Linux's own listener "
			    "on %s answered, not Windows", port, who);
		}
	}
	if (path == 0 || linux_ans) {
		r->verdict = path == 0 ? WP_FAIL : WP_UNKNOWN;
		wp_result_set(&r->hint, path == 0 ? "127.0.0.1 does not reach "
		    "Windows: the rules and table 127 of mirrored mode are "
		    "missing; run 'wsl --shutdown' from Windows" : "a Linux "
		    "program holds the port, so the answer proves nothing: "
		    "give --host-port a port Linux does not bind (135)");
	} else if (unknown)
		r->verdict = WP_UNKNOWN;
}

static void
judge_loopback(json_object *snap, struct wp_result *r, const struct seen *s,
    enum net_mode m)
{
	int path = mirrored_path(snap, r);

	r->verdict = s->connected == s->total ? WP_PASS :
	    m == NET_MODE_CONSOMME ? WP_WARN : WP_FAIL;
	wp_result_set(&r->observed, "%d of %d reachable on 127.0.0.1",
	    s->connected, s->total);
	if (r->verdict == WP_PASS) {
		judge_connected(snap, r, path);
		return;
	}
	if (path == 0)
		wp_result_set(&r->hint, "127.0.0.1 stays inside Linux (no "
		    "rule or route sends it through table 127 via loopback0), "
		    "so Linux's own loopback answered, not Windows: run 'wsl "
		    "--shutdown' from Windows so WSL sets the mirrored rules "
		    "up again");
	else if (m == NET_MODE_LOOPBACK0_ONLY)
		wp_result_set(&r->hint, "the table 127 rules that send "
		    "127.0.0.1 to Windows are missing (see "
		    "network.mode-evidence): run 'wsl --shutdown' from "
		    "Windows");
	else if (s->timeout)
		wp_result_set(&r->hint, "connections to 127.0.0.1 got no "
		    "answer: the Hyper-V firewall (check from Windows: %s) or "
		    "a Linux packet filter (nft list ruleset) drops them",
		    FIREWALL_CMD);
	else
		wp_result_set(&r->hint, "Windows refused: is a Windows "
		    "program listening there ('netstat -ano | findstr "
		    "LISTENING' on Windows)? A port Linux also binds goes "
		    "to Linux unless it is in experimental.ignoredPorts");
}

static void
judge_reach(json_object *snap, enum net_mode m, struct wp_results *rs)
{
	struct wp_result *r = wp_results_add(rs, CHECK,
	    "localhost.host-ports", WP_SKIP);
	const char *gw = network_default_gateway(snap);
	struct seen s, g;

	wp_result_set(&r->expected, "reachable");
	/* The mode promises reachability; the ports are --host-port. */
	wp_result_set(&r->expected_source, "networking mode");
	list_probes(snap, "windows-loopback", r, &s);
	if (m == NET_MODE_MIRRORED || m == NET_MODE_CONSOMME ||
	    m == NET_MODE_LOOPBACK0_ONLY) {
		if (!s.total) {
			wp_result_evidence(r, "no probe ran");
			return;
		}
		judge_loopback(snap, r, &s, m);
		return;
	}
	if (m == NET_MODE_NONE || m == NET_MODE_BRIDGED) {
		wp_result_evidence(r, "mode %s: Windows is not reachable on "
		    "127.0.0.1", network_mode_name(m));
		return;
	}
	if (s.total)
		wp_result_evidence(r, "in NAT, 127.0.0.1 is Linux's own "
		    "loopback, not Windows (wsl-facts.md §3)");
	list_probes(snap, "gateway", r, &g);
	if (!g.total) {
		r->verdict = m == NET_MODE_UNKNOWN ||
		    m == NET_MODE_NOT_GATHERED || gw ? WP_UNKNOWN : WP_SKIP;
		wp_result_evidence(r, gw ? "the Windows host is at the "
		    "gateway %s" : "no default gateway%s", gw ? gw : "");
		return;
	}
	r->verdict = g.connected == g.total ? WP_PASS : WP_UNKNOWN;
	wp_result_set(&r->observed, "%d of %d reachable at the gateway %s",
	    g.connected, g.total, gw ? gw : "?");
	if (r->verdict == WP_UNKNOWN)
		wp_result_evidence(r, "Windows Defender Firewall usually "
		    "filters what the VM sends to the host: no answer is not "
		    "a fault");
}

static void
judge_forwarding(json_object *snap, const struct wp_expect *x,
    enum net_mode m, struct wp_results *rs)
{
	struct wp_result *r = wp_results_add(rs, CHECK,
	    "wsl2.localhostForwarding", WP_UNKNOWN);
	const struct wp_expect_value *ev = expect_get(x,
	    "wsl2.localhostForwarding");
	const char *out = snap_str(snap, "probes.localhost_forwarding.outcome");
	const char *why = snap_str(snap, "probes.localhost_forwarding.why");
	const char *tool = snap_str(snap, "probes.localhost_forwarding.tool");
	int want = ev && ev->value && strcmp(ev->value, "true") == 0, got;
	double port = 0;

	if (ev) {
		if (ev->value)
			wp_result_set(&r->expected, "%s", ev->value);
		wp_result_set(&r->expected_source, "%s", ev->source);
	}
	if (m == NET_MODE_MIRRORED || m == NET_MODE_NONE) {
		r->verdict = WP_SKIP;
		wp_result_evidence(r, m == NET_MODE_NONE ? "mode none has no "
		    "network" : "WSL ignores it in mirrored mode, where "
		    "Windows reaches Linux natively (wsl-facts.md §3)");
		return;
	}
	if (!out || strcmp(out, "not-run") == 0) {
		wp_result_evidence(r, "Windows → Linux cannot be seen from "
		    "inside without interop (%s)", why ? why : "not probed");
		wp_result_set(&r->hint, "test it: in the distro run "
		    "'python3 -m http.server 8765 --bind 127.0.0.1', then on "
		    "Windows run 'curl.exe http://localhost:8765/' (allow a "
		    "second for the relay to notice the listener)");
		return;
	}
	(void)snap_num(snap, "probes.localhost_forwarding.port", &port);
	got = strcmp(out, "connected") == 0;
	wp_result_set(&r->observed, "%s", got ? "true" : "false");
	wp_result_evidence(r, "%s → localhost:%.0f: %s%s%s", tool ? tool :
	    "Windows", port, out, why ? ": " : "", why ? why : "");
	if (strcmp(out, "error") == 0) {
		wp_result_evidence(r, "the reverse test itself failed");
		return;
	}
	/* Issue 9 §8: no answer in time proves nothing; a refusal does. */
	if (strcmp(out, "timeout") == 0) {
		wp_result_set(&r->observed, "unknown");
		wp_result_set(&r->hint, "Windows did not connect before the "
		    "deadline: raise --timeout (the relay notices a new "
		    "listener within a second, Windows programs start slowly)");
		return;
	}
	if (!ev || !ev->value) {
		wp_result_evidence(r, "expected value unknown: %s", ev ?
		    ev->source : "the setting is not known");
		return;
	}
	r->verdict = got == want ? WP_PASS : WP_FAIL;
	if (r->verdict == WP_FAIL)
		wp_result_set(&r->hint, want ? "Windows could not reach a "
		    "Linux listener on localhost: make sure the file says "
		    "localhostForwarding=true under [wsl2] and run 'wsl "
		    "--shutdown'; a Windows program on the same port wins "
		    "over the relay" : "Windows reached Linux although "
		    "localhostForwarding is off: run 'wsl --shutdown' so the "
		    "current .wslconfig applies");
}

int
check_localhost_judge(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	enum net_mode m;
	struct wp_result *r;

	if (!network_is_wsl2(snap)) {
		r = wp_results_add(rs, CHECK, "localhost.host-ports", WP_SKIP);
		wp_result_evidence(r, "not a WSL2 VM: nothing was probed");
		r = wp_results_add(rs, CHECK, "wsl2.localhostForwarding",
		    WP_SKIP);
		wp_result_evidence(r, "not a WSL2 VM: nothing was probed");
		return 0;
	}
	m = network_live_mode(snap, NULL);
	judge_reach(snap, m, rs);
	judge_forwarding(snap, x, m, rs);
	return 0;
}

const struct wp_check check_localhost = {
	.name = "localhost",
	.title = "Localhost between Linux and Windows",
	.settings = localhost_settings,
	.flags = WP_CHECK_ACTIVE,
	.needs = WP_NEED_NET,
	.gather = localhost_gather,
	.judge = check_localhost_judge,
};
