/* SPDX-License-Identifier: MIT */
/*
 * The dns check's live results: one `dns.server` per server and
 * transport, from snapshot.probes.dns (gathered by checks/dns.c).  A
 * server passes when every name got an answer (NOERROR or NXDOMAIN: the
 * server works); SERVFAIL, REFUSED, a refused connection or a timeout
 * fail; TCP failing where UDP works is a warning (wsl-facts.md §4.3:
 * WSL's server listens on both).
 */
#include "config.h"

#include "checks/dns.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/snapshot.h"

#define MAX_GROUPS	32
#define MAX_PER_GROUP	16

struct group {
	const char	*server, *transport;
	double		 port;
	json_object	*p[MAX_PER_GROUP];
	size_t		 n;
	enum wp_verdict	 v;
	json_object	*bad;		/* the first failing probe */
};

static int
is(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static int
probe_ok(json_object *p)
{
	const char *rc = snap_str(p, "rcode");

	return is(snap_str(p, "outcome"), "answered") &&
	    (is(rc, "NOERROR") || is(rc, "NXDOMAIN"));
}

static void
evidence_probe(struct wp_result *r, json_object *p)
{
	const char *out = snap_str(p, "outcome"), *name = snap_str(p, "name");
	const char *qn = snap_str(p, "qname"), *err = snap_str(p, "error");
	const char *srv = snap_str(p, "server"), *tr = snap_str(p, "transport");
	json_object *addrs = snap_get(p, "addresses");
	double port = 53, ms = -1, ans = 0;
	char who[320], list[160] = "";

	snap_num(p, "port", &port);
	snap_num(p, "ms", &ms);
	snap_num(p, "answers", &ans);
	snprintf(who, sizeof who, "%s %s:%.0f %s%s%s", tr ? tr : "?",
	    srv ? srv : "?", port, name ? name : "?", qn && name &&
	    strcmp(qn, name) ? " as " : "", qn && name && strcmp(qn, name) ?
	    qn : "");
	if (is(out, "not-run")) {
		wp_result_evidence(r, "%s: %s", who, err ? err : "not run");
		return;
	}
	if (is(out, "answered")) {
		size_t n = addrs && json_object_is_type(addrs,
		    json_type_array) ? json_object_array_length(addrs) : 0;

		for (size_t i = 0; i < n && i < 4; i++)
			snprintf(list + strlen(list), sizeof list - strlen(list),
			    "%s%s", i ? ", " : " (", json_object_get_string(
			    json_object_array_get_idx(addrs, i)));
		if (*list)
			strncat(list, ")", sizeof list - strlen(list) - 1);
		wp_result_evidence(r, "%s: rcode %s, %.0f answer%s%s, %.0f ms",
		    who, snap_str(p, "rcode") ? snap_str(p, "rcode") : "?",
		    ans, ans == 1 ? "" : "s", list, ms);
		return;
	}
	wp_result_evidence(r, "%s: %s after %.0f ms%s%s", who,
	    is(out, "refused") ? "connection refused or closed" :
	    is(out, "timeout") ? "no answer" : "error", ms, err ? ": " : "",
	    err ? err : "");
}

static const char *
short_outcome(json_object *p, char *buf, size_t size)
{
	const char *out = snap_str(p, "outcome");
	double ms = -1;

	snap_num(p, "ms", &ms);
	if (is(out, "answered"))
		snprintf(buf, size, "rcode %s in %.0f ms", snap_str(p, "rcode") ?
		    snap_str(p, "rcode") : "?", ms);
	else if (is(out, "refused"))
		snprintf(buf, size, "connection refused or closed in %.0f ms",
		    ms);
	else if (is(out, "timeout"))
		snprintf(buf, size, "no answer within %.0f ms", ms);
	else if (is(out, "not-run"))
		snprintf(buf, size, "not queried");
	else
		snprintf(buf, size, "error: %s", snap_str(p, "error") ?
		    snap_str(p, "error") : "?");
	return buf;
}

static void
classify(struct group *g)
{
	size_t ran = 0;

	g->v = WP_PASS;
	for (size_t i = 0; i < g->n; i++) {
		if (is(snap_str(g->p[i], "outcome"), "not-run"))
			continue;
		ran++;
		if (!probe_ok(g->p[i]) && !g->bad) {
			g->bad = g->p[i];
			g->v = WP_FAIL;
		}
	}
	if (ran)
		return;
	{
		const char *why = snap_str(g->p[0], "error");

		g->v = why && strstr(why, "not WSL2") ? WP_SKIP :
		    why && strstr(why, "no listener") ? WP_FAIL : WP_UNKNOWN;
		g->bad = g->v == WP_FAIL ? g->p[0] : NULL;
	}
}

static void
hint(struct wp_result *r, const struct group *g)
{
	const char *out = snap_str(g->bad, "outcome");
	int wsl = is(g->server, DNS_TUNNEL_ADDR) ||
	    is(g->server, DNS_TUNNEL_ADDR_20);

	if (r->verdict == WP_WARN)
		wp_result_set(&r->hint, "allow TCP port 53 to %s: answers "
		    "over 512 bytes need TCP", g->server);
	else if (is(out, "answered") && wsl)
		wp_result_set(&r->hint, "WSL's DNS server passes the question "
		    "to Windows, which cannot resolve it: run 'Resolve-DnsName "
		    "%s' in PowerShell on Windows; if that fails too, fix "
		    "Windows' DNS (VPN, DNS policy), else restart WSL (wsl "
		    "--shutdown)", snap_str(g->bad, "name") ?
		    snap_str(g->bad, "name") : DNS_DEFAULT_NAME);
	else if (is(out, "answered"))
		wp_result_set(&r->hint, "ask %s's administrator to fix its "
		    "forwarders, or put a working nameserver first in "
		    "/etc/resolv.conf", g->server);
	else if (wsl)
		wp_result_set(&r->hint, "WSL's DNS server at %s does not "
		    "answer: restart WSL (wsl --shutdown)", g->server);
	else
		wp_result_set(&r->hint, "check that %s port 53 is reachable "
		    "from the VM (firewall, VPN, the server itself)",
		    g->server);
}

void
dns_judge_servers(json_object *snap, const struct dns_facts *f,
    struct wp_results *rs)
{
	json_object *arr = snap_get(snap, "probes.dns");
	size_t n = arr && json_object_is_type(arr, json_type_array) ?
	    json_object_array_length(arr) : 0, ng = 0, i, k;
	struct group g[MAX_GROUPS];
	struct wp_result *r;
	char buf[160];

	if (!f->wsl2 || !arr || n == 0) {
		r = wp_results_add(rs, "dns", "dns.server", !f->wsl2 ?
		    WP_SKIP : arr ? WP_SKIP : WP_UNKNOWN);
		wp_result_evidence(r, !f->wsl2 ? "not a WSL2 VM" : arr ?
		    "no nameserver to ask" : "no live queries in the "
		    "snapshot (not gathered)");
		return;
	}
	for (i = 0; i < n; i++) {
		json_object *p = json_object_array_get_idx(arr, i);
		const char *s = snap_str(p, "server"), *t = snap_str(p,
		    "transport");
		double port = 53;

		if (!s || !t)
			continue;
		snap_num(p, "port", &port);
		for (k = 0; k < ng; k++)
			if (is(g[k].server, s) && is(g[k].transport, t) &&
			    g[k].port == port)
				break;
		if (k == ng) {
			if (ng == MAX_GROUPS)
				continue;
			memset(&g[ng], 0, sizeof g[ng]);
			g[ng].server = s;
			g[ng].transport = t;
			g[ng++].port = port;
		}
		if (g[k].n < MAX_PER_GROUP)
			g[k].p[g[k].n++] = p;
	}
	for (k = 0; k < ng; k++)
		classify(&g[k]);
	for (k = 0; k < ng; k++) {
		enum wp_verdict v = g[k].v;

		/* TCP down while UDP answers: fragile, not broken. */
		if (v == WP_FAIL && is(g[k].transport, "tcp"))
			for (i = 0; i < ng; i++)
				if (is(g[i].server, g[k].server) &&
				    is(g[i].transport, "udp") &&
				    g[i].v == WP_PASS)
					v = WP_WARN;
		r = wp_results_add(rs, "dns", "dns.server", v);
		wp_result_set(&r->expected, "answers over %s",
		    g[k].transport);
		wp_result_set(&r->observed, "%s:%.0f/%s: %s", g[k].server,
		    g[k].port, g[k].transport, short_outcome(g[k].bad ?
		    g[k].bad : g[k].p[0], buf, sizeof buf));
		for (i = 0; i < g[k].n; i++)
			evidence_probe(r, g[k].p[i]);
		if (v == WP_FAIL || v == WP_WARN)
			hint(r, &g[k]);
	}
}
