/* SPDX-License-Identifier: MIT */
/*
 * The dns check, gathering half (wsl-facts.md §4): /etc/resolv.conf
 * (and the symlink it is), WSL's own /mnt/wsl/resolv.conf, systemd-
 * resolved's upstream file, /etc/wsl.conf, the port-53 listeners of
 * /proc/net/udp and /proc/net/tcp, then live queries (gather/dnsquery.c)
 * to the nameservers in effect.  Judging is in checks/dns_judge.c.
 *
 * Safety: under --root only servers this network namespace holds or
 * reaches on-link are asked (gather/onlink.h: the one rule of every
 * active probe); WSL's tunneling addresses (10.255.255.254, 127.0.0.42)
 * are only ever asked when /proc/net shows WSL's listener there.
 */
#include "config.h"

#include "checks/dns.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "engine/check.h"
#include "engine/params.h"
#include "engine/ctx.h"
#include "gather/dnsquery.h"
#include "gather/netlink.h"
#include "gather/onlink.h"
#include "parse/procnet.h"
#include "util/rootfs.h"
#include "engine/snapshot.h"
#include "util/xalloc.h"

#define DNS_MAX_NAMES		8
#define DNS_MAX_LISTENERS	64
#define DNS_MARGIN_MS		50	/* left to the runner after queries */

/* The settings it judges, then its findings (--list-checks). */
static const char *const dns_settings[] = {
	"wsl2.dnsTunneling", "wsl2.dnsProxy",
	"experimental.bestEffortDnsParsing", "network.generateResolvConf",
	"dns.resolv-conf", "dns.listeners", "dns.server",
	NULL
};

/* One server asked over one transport (all names). */
struct target {
	char		 server[64];
	int		 tcp;
	const char	*skip;		/* why it is not asked, or NULL */
};

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/*
 * Reads PATH under the root into F and records it.  WSL rewrites
 * /mnt/wsl/resolv.conf in place (truncate + write, §4.1): an empty read
 * is retried once.
 */
static void
read_recorded(struct wp_ctx *ctx, json_object *frag, const char *path,
    struct rootfs_file *f)
{
	rootfs_read(ctx->root, path, ROOTFS_MAX_FILE, f);
	if (!f->error && f->len == 0) {
		rootfs_file_release(f);
		sleep_ms(20);
		rootfs_read(ctx->root, path, ROOTFS_MAX_FILE, f);
	}
	snap_add_file(frag, path, f);
}

struct scan_arg {
	json_object	*arr;
	const char	*transport;
};

static void
add_listener(void *arg, const struct procnet_row *row)
{
	struct scan_arg *a = arg;
	json_object *o;

	if (json_object_array_length(a->arr) >= DNS_MAX_LISTENERS)
		return;
	o = json_object_new_object();
	snap_set_str(o, "transport", a->transport);
	snap_set_str(o, "address", row->local);
	json_object_object_add(o, "port", json_object_new_int((int)row->port));
	json_object_object_add(o, "state", json_object_new_int(
	    (int)row->state));
	json_object_array_add(a->arr, o);
}

/* Port-53 sockets of /proc/net/{udp,tcp}, read under the root (§4.3). */
static void
gather_listeners(struct wp_ctx *ctx, json_object *dns)
{
	static const char *const names[] = { "udp", "tcp" };
	json_object *pn = snap_obj(dns, "procnet");
	struct scan_arg a = { json_object_new_array(), NULL };

	json_object_object_add(dns, "listeners", a.arr);
	for (int i = 0; i < 2; i++) {
		char path[32];
		struct rootfs_file f;

		snprintf(path, sizeof path, "/proc/net/%s", names[i]);
		rootfs_read(ctx->root, path, ROOTFS_MAX_FILE, &f);
		a.transport = names[i];
		if (f.error)
			snap_set_str(pn, names[i], f.error);
		else if (procnet_scan(f.data, f.len, 53, add_listener,
		    &a) < 0)
			snap_set_str(pn, names[i], "not a /proc/net table");
		else
			snap_set_str(pn, names[i], "read");
		rootfs_file_release(&f);
	}
}

static int
is_tunnel_addr(const char *s)
{
	return strcmp(s, DNS_TUNNEL_ADDR) == 0 ||
	    strcmp(s, DNS_TUNNEL_ADDR_20) == 0;
}

/*
 * 1 when ADDR is a /32 on lo outside 127/8: where WSL's resolver puts a
 * custom experimental.dnsTunnelingIpAddress (wsl-facts.md §4.3), which
 * gathering cannot know from the expectations.
 */
static int
on_lo_as_host(json_object *shared, const char *addr)
{
	json_object *addrs = snap_get(shared, "net.addrs");
	size_t n = addrs && json_object_is_type(addrs, json_type_array) ?
	    json_object_array_length(addrs) : 0;

	if (strncmp(addr, "127.", 4) == 0 || strcmp(addr, "0.0.0.0") == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		json_object *l = json_object_array_get_idx(addrs, i);
		json_object *ai = snap_get(l, "addr_info");
		const char *ifname = snap_str(l, "ifname");

		if (!ifname || strcmp(ifname, "lo") != 0 || !ai ||
		    !json_object_is_type(ai, json_type_array))
			continue;
		for (size_t k = 0; k < json_object_array_length(ai); k++) {
			json_object *a = json_object_array_get_idx(ai, k);
			const char *local = snap_str(a, "local");
			double plen = -1;

			snap_num(a, "prefixlen", &plen);
			if (local && strcmp(local, addr) == 0 && plen == 32)
				return 1;
		}
	}
	return 0;
}

static const char *
skip_reason(struct wp_ctx *ctx, json_object *frag, const char *server,
    int tcp)
{
	const char *t = tcp ? "tcp" : "udp";
	int l;

	if (!ctx->active_allowed)
		return "not run: not WSL2, no packet is sent";
	if (!is_tunnel_addr(server) && !on_lo_as_host(ctx->shared, server))
		return onlink_refusal(ctx->root, ctx->shared, server);
	l = dns_listener(frag, server, t);
	if (l < 0)
		return tcp ? "not run: /proc/net/tcp was not read, so WSL's "
		    "listener cannot be confirmed" : "not run: /proc/net/udp "
		    "was not read, so WSL's listener cannot be confirmed";
	if (l == 0)
		return tcp ? "not run: no listener on port 53 in /proc/net/tcp"
		    : "not run: no listener on port 53 in /proc/net/udp";
	return onlink_refusal(ctx->root, ctx->shared, server);
}

static void
add_target(struct target *t, size_t *n, const char *server)
{
	for (size_t i = 0; i < *n; i += 2)
		if (strcmp(t[i].server, server) == 0)
			return;
	for (int tcp = 0; tcp < 2; tcp++) {
		snprintf(t[*n].server, sizeof t[*n].server, "%s", server);
		t[*n].tcp = tcp;
		t[*n].skip = NULL;
		(*n)++;
	}
}

static json_object *
probe_json(const struct dnsq *q, const char *skip)
{
	json_object *o = json_object_new_object(), *addrs;

	snap_set_str(o, "server", q->server);
	json_object_object_add(o, "port", json_object_new_int((int)q->port));
	snap_set_str(o, "transport", q->tcp ? "tcp" : "udp");
	snap_set_str(o, "name", q->name);
	snap_set_str(o, "qname", q->qname);
	snap_set_str(o, "outcome", skip ? "not-run" : q->outcome);
	snap_set_str(o, "rcode", !skip && q->rcode >= 0 ?
	    dnsquery_rcode_name(q->rcode) : NULL);
	json_object_object_add(o, "answers", !skip && q->rcode >= 0 ?
	    json_object_new_int(q->answers) : NULL);
	addrs = json_object_new_array();
	for (size_t i = 0; !skip && i < q->n_addrs; i++)
		json_object_array_add(addrs, json_object_new_string(
		    q->addrs[i]));
	json_object_object_add(o, "addresses", addrs);
	json_object_object_add(o, "ms", skip ? NULL :
	    json_object_new_int64(q->ms));
	snap_set_str(o, "error", skip ? skip : q->error);
	return o;
}

/* Every nameserver in effect (glibc's first three), and WSL's listener. */
static void
gather_probes(struct wp_ctx *ctx, json_object *frag, const char *resolv,
    size_t len)
{
	struct resolvconf rc;
	struct target t[2 * (RESOLVCONF_GLIBC_MAXNS + 3)];
	const char *dflt[] = { DNS_DEFAULT_NAME, NULL };
	char *const *names = ctx->params && ctx->params->dns_names &&
	    ctx->params->dns_names[0] ? ctx->params->dns_names :
	    (char *const *)(uintptr_t)dflt;
	size_t nt = 0, nn = 0, nq = 0, i, k;
	struct dnsq *q;
	json_object *arr = json_object_new_array();

	json_object_object_add(snap_obj(frag, "probes"), "dns", arr);
	resolvconf_parse(resolv, len, &rc);
	for (i = 0; i < rc.n_nameservers && i < RESOLVCONF_GLIBC_MAXNS; i++)
		add_target(t, &nt, rc.nameservers[i]);
	/* A file without a valid nameserver: glibc asks 127.0.0.1. */
	if (resolv && !rc.n_nameservers)
		add_target(t, &nt, RESOLVCONF_FALLBACK);
	if (dns_listener(frag, DNS_TUNNEL_ADDR, "udp") == 1 ||
	    dns_listener(frag, DNS_TUNNEL_ADDR, "tcp") == 1)
		add_target(t, &nt, DNS_TUNNEL_ADDR);
	/* A custom tunneling address: a port-53 listener on a lo /32. */
	{
		json_object *ls = snap_get(frag, "dns.listeners");

		for (i = 0; ls && i < json_object_array_length(ls) &&
		    nt + 2 <= sizeof t / sizeof *t; i++) {
			const char *a = snap_str(json_object_array_get_idx(ls,
			    i), "address");

			if (a && on_lo_as_host(ctx->shared, a))
				add_target(t, &nt, a);
		}
	}
	while (names[nn] && nn < DNS_MAX_NAMES)
		nn++;
	q = xcalloc(nt * nn + 1, sizeof *q);
	for (i = 0; i < nt; i++) {
		t[i].skip = skip_reason(ctx, frag, t[i].server, t[i].tcp);
		for (k = 0; k < nn; k++) {
			struct dnsq *d = &q[i * nn + k];

			d->server = t[i].server;
			d->port = 53;
			d->tcp = t[i].tcp;
			d->name = names[k];
			d->search = rc.search;
			d->n_search = rc.n_search;
			d->ndots = rc.ndots;
		}
	}
	/* Only the targets that may be asked go to c-ares, all at once. */
	{
		struct dnsq *run = xcalloc(nt * nn + 1, sizeof *run);
		size_t *from = xcalloc(nt * nn + 1, sizeof *from);

		for (i = 0; i < nt * nn; i++)
			if (!t[i / nn].skip) {
				from[nq] = i;
				run[nq++] = q[i];
			}
		if (nq)
			dnsquery_run(run, nq, ctx->deadline_ms -
			    DNS_MARGIN_MS);
		for (i = 0; i < nq; i++)
			q[from[i]] = run[i];
		free(run);
		free(from);
	}
	for (i = 0; i < nt * nn; i++) {
		json_object_array_add(arr, probe_json(&q[i], t[i / nn].skip));
		dnsquery_release(&q[i]);
	}
	free(q);
	resolvconf_release(&rc);
}

static int
dns_gather(struct wp_ctx *ctx, json_object *frag)
{
	json_object *dns = snap_obj(frag, "dns");
	struct rootfs_file f, w;

	read_recorded(ctx, frag, "/etc/resolv.conf", &f);
	read_recorded(ctx, frag, "/mnt/wsl/resolv.conf", &w);
	rootfs_file_release(&w);
	if (rootfs_exists(ctx->root, "/run/systemd/resolve/resolv.conf")) {
		read_recorded(ctx, frag, "/run/systemd/resolve/resolv.conf",
		    &w);
		rootfs_file_release(&w);
	}
	/*
	 * wsl.conf comes from the environment check (always gathered);
	 * the routes (shared facts, WP_NEED_NET) tell the NAT gateway for
	 * wsl2.dnsProxy.
	 */
	gather_listeners(ctx, dns);
	gather_probes(ctx, frag, f.error ? NULL : f.data, f.len);
	rootfs_file_release(&f);
	return 0;
}

const struct wp_check check_dns = {
	.name = "dns",
	.title = "resolv.conf, DNS tunneling and live DNS queries",
	.settings = dns_settings,
	.flags = WP_CHECK_ACTIVE,
	.needs = WP_NEED_NET,
	.gather = dns_gather,
	.judge = check_dns_judge,
};
