/* SPDX-License-Identifier: MIT */
/*
 * The dns check: the facts its judge reads back from the snapshot
 * (resolv.conf as glibc sees it, WSL's listener in /proc/net, the
 * default gateway) and the evidence lines several verdicts share.
 */
#include "config.h"

#include "checks/dns.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts/wsl.h"
#include "engine/snapshot.h"
#include "engine/result.h"
#include "util/xalloc.h"

static void
parse_file(json_object *snap, const char *path, int *have,
    struct resolvconf *rc)
{
	size_t len = 0;
	char *data = snap_file_data(snap, path, &len);

	*have = data != NULL;
	resolvconf_parse(data, len, rc);
	free(data);
}

static int
ends_with(const char *s, const char *tail)
{
	size_t a = s ? strlen(s) : 0, b = strlen(tail);

	return a >= b && strcmp(s + a - b, tail) == 0;
}

/* The default IPv4 gateway of the main table in net.routes, if any. */
static char *
default_gateway(json_object *snap)
{
	json_object *routes = snap_get(snap, "net.routes");
	size_t n = routes && json_object_is_type(routes, json_type_array) ?
	    json_object_array_length(routes) : 0;

	for (size_t i = 0; i < n; i++) {
		json_object *r = json_object_array_get_idx(routes, i);
		const char *dst = snap_str(r, "dst"), *gw = snap_str(r,
		    "gateway"), *table = snap_str(r, "table");
		struct in_addr a;

		if (dst && strcmp(dst, "default") == 0 && gw &&
		    (!table || strcmp(table, "main") == 0) &&
		    inet_pton(AF_INET, gw, &a) == 1)
			return xstrdup(gw);
	}
	return NULL;
}

void
dns_facts_read(json_object *snap, struct dns_facts *f)
{
	json_object *file = snap_file(snap, "/etc/resolv.conf");
	const char *kr = snap_str(snap, "system.kernel_release");
	const char *why;

	memset(f, 0, sizeof *f);
	/* Without the environment check's facts, trust the runner. */
	f->wsl2 = kr ? facts_wsl_kind(snap, NULL) == ENV_WSL2 :
	    snap_bool(snap, "active_probes") == 1;
	f->state = fact_file(snap, "/etc/resolv.conf", NULL, NULL, &why);
	f->error = f->state == FACT_ABSENT ? "not found" : why;
	f->link_target = f->state != FACT_NOT_GATHERED ?
	    snap_str(file, "link_target") : NULL;
	parse_file(snap, "/etc/resolv.conf", &f->present, &f->rc);
	f->present = f->state == FACT_PRESENT && f->present;
	f->wsl_file_state = fact_file(snap, "/mnt/wsl/resolv.conf", NULL,
	    NULL, NULL);
	f->wsl_link = ends_with(f->link_target, "wsl/resolv.conf");
	f->stub = ends_with(f->link_target, "stub-resolv.conf") ||
	    (f->rc.n_nameservers && strcmp(f->rc.nameservers[0],
	    DNS_RESOLVED_STUB) == 0);
	parse_file(snap, "/mnt/wsl/resolv.conf", &f->have_wsl_file,
	    &f->wsl_rc);
	parse_file(snap, "/run/systemd/resolve/resolv.conf",
	    &f->have_resolved, &f->resolved_rc);
	f->procnet = dns_listener(snap, "0.0.0.0", "udp") >= 0;
	f->mode = snap_str(snap, "wsl.wslinfo.networking_mode");
	f->live = network_live_mode(snap, NULL);
	f->version = snap_str(snap, "wsl.wslinfo.version");
	f->gateway = default_gateway(snap);
}

void
dns_facts_release(struct dns_facts *f)
{
	resolvconf_release(&f->rc);
	resolvconf_release(&f->wsl_rc);
	resolvconf_release(&f->resolved_rc);
	free(f->gateway);
	memset(f, 0, sizeof *f);
}

int
dns_listener(json_object *snap, const char *addr, const char *transport)
{
	json_object *ls = snap_get(snap, "dns.listeners");
	const char *read;
	char key[32];
	size_t n;

	snprintf(key, sizeof key, "dns.procnet.%s", transport);
	read = snap_str(snap, key);
	if (!read || strcmp(read, "read") != 0 || !ls ||
	    !json_object_is_type(ls, json_type_array))
		return -1;
	n = ls && json_object_is_type(ls, json_type_array) ?
	    json_object_array_length(ls) : 0;
	for (size_t i = 0; i < n; i++) {
		json_object *l = json_object_array_get_idx(ls, i);
		const char *t = snap_str(l, "transport");
		const char *a = snap_str(l, "address");
		double st = -1, port = -1;

		snap_num(l, "state", &st);
		snap_num(l, "port", &port);
		if (!t || !a || strcmp(t, transport) != 0 || port != 53)
			continue;
		/* TCP counts when listening; a wildcard socket serves all. */
		if (strcmp(t, "tcp") == 0 && st != 0x0A)
			continue;
		if (strcmp(a, addr) == 0 || strcmp(a, "0.0.0.0") == 0)
			return 1;
	}
	return 0;
}

const char *
dns_not_gathered(const struct dns_facts *f, char *buf, size_t size)
{
	if (f->error)
		snprintf(buf, size, "could not read /etc/resolv.conf: %s",
		    f->error);
	else
		snprintf(buf, size, "not gathered: /etc/resolv.conf is not in "
		    "the snapshot (the dns check did not run)");
	return buf;
}

void
dns_evidence_file(struct wp_result *r, const struct dns_facts *f)
{
	char why[256];

	if (f->state == FACT_NOT_GATHERED) {
		wp_result_evidence(r, "%s", dns_not_gathered(f, why,
		    sizeof why));
		return;
	}
	if (!f->present) {
		wp_result_evidence(r, "/etc/resolv.conf: %s", f->error ?
		    f->error : "not read");
		if (f->link_target)
			wp_result_evidence(r, "/etc/resolv.conf is a symlink "
			    "to %s", f->link_target);
		return;
	}
	if (f->link_target)
		wp_result_evidence(r, "/etc/resolv.conf -> %s",
		    f->link_target);
	else
		wp_result_evidence(r, "/etc/resolv.conf is a regular file");
	wp_result_evidence(r, "%s", f->rc.wsl_header ? "generated by WSL "
	    "(WSL header)" : "not generated by WSL (no WSL header)");
	for (size_t i = 0; i < f->rc.n_nameservers &&
	    i < RESOLVCONF_GLIBC_MAXNS; i++)
		wp_result_evidence(r, "nameserver %s", f->rc.nameservers[i]);
	for (size_t i = 0; i < f->rc.n_ignored; i++)
		wp_result_evidence(r, "line %zu '%s' is ignored by glibc: %s",
		    f->rc.ignored[i].line, f->rc.ignored[i].text,
		    f->rc.ignored[i].reason);
	if (!f->rc.n_nameservers)
		wp_result_evidence(r, "no nameserver glibc accepts: it asks "
		    RESOLVCONF_FALLBACK);
	if (f->rc.n_search) {
		char buf[512] = "";

		for (size_t i = 0; i < f->rc.n_search; i++)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf),
			    "%s%s", i ? " " : "", f->rc.search[i]);
		wp_result_evidence(r, "search %s", buf);
	}
}

void
dns_evidence_listener(struct wp_result *r, json_object *snap, const char *addr)
{
	int u = dns_listener(snap, addr, "udp");
	int t = dns_listener(snap, addr, "tcp");

	if (u < 0 && t < 0)
		wp_result_evidence(r, "listener on %s:53 unknown "
		    "(/proc/net/udp and /proc/net/tcp not read)", addr);
	else
		wp_result_evidence(r, "listener on %s:53: udp %s, tcp %s",
		    addr, u > 0 ? "yes" : u == 0 ? "no" : "unknown",
		    t > 0 ? "yes" : t == 0 ? "no" : "unknown");
}


int
dns_answered(json_object *snap, const char *addr)
{
	json_object *arr = snap_get(snap, "probes.dns");
	size_t n = arr && json_object_is_type(arr, json_type_array) ?
	    json_object_array_length(arr) : 0;

	for (size_t i = 0; addr && i < n; i++) {
		json_object *p = json_object_array_get_idx(arr, i);
		const char *srv = snap_str(p, "server");
		const char *out = snap_str(p, "outcome");

		if (srv && out && strcmp(srv, addr) == 0 &&
		    strcmp(out, "answered") == 0)
			return 1;
	}
	return 0;
}
