/* SPDX-License-Identifier: MIT */
/*
 * The dns check, judging half: a pure function of the snapshot that
 * checks/dns.c gathered (wsl-facts.md §4).  Settings: wsl2.dnsTunneling,
 * wsl2.dnsProxy, experimental.bestEffortDnsParsing and wsl.conf's
 * network.generateResolvConf; findings: dns.resolv-conf (the file
 * itself) and dns.server (one per server and transport, live).
 */
#include "config.h"

#include "checks/dns.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/snapshot.h"
#include "facts/restart.h"
#include "util/xalloc.h"

#define CHECK "dns"

static struct wp_result *
add(struct wp_results *rs, const char *setting, enum wp_verdict v,
    const struct wp_expect_value *e)
{
	struct wp_result *r = wp_results_add(rs, CHECK, setting, v);

	if (e) {
		if (e->value)
			wp_result_set(&r->expected, "%s", e->value);
		wp_result_set(&r->expected_source, "%s", e->source);
	}
	return r;
}

static int
truthy(const struct wp_expect_value *e)
{
	return e && e->value && (strcmp(e->value, "true") == 0 ||
	    strcmp(e->value, "1") == 0);
}

/* 1 when E holds a value (not "not gathered", not "unknown default"). */
static int
known(const struct wp_expect_value *e)
{
	return e && e->value;
}

/* An `unknown` result: the expectation itself is not known. */
static int
unknown_expectation(struct wp_result *r, const struct wp_expect_value *e)
{
	if (known(e))
		return 0;
	r->verdict = WP_UNKNOWN;
	wp_result_evidence(r, "expected value unknown: %s", e ? e->source :
	    "the setting is not known");
	return 1;
}

/* An `unknown` result: /etc/resolv.conf is not in the snapshot. */
static int
unknown_file(struct wp_result *r, const struct dns_facts *f)
{
	char buf[256];

	if (f->state != FACT_NOT_GATHERED)
		return 0;
	r->verdict = WP_UNKNOWN;
	wp_result_set(&r->observed, "%s", dns_not_gathered(f, buf,
	    sizeof buf));
	wp_result_evidence(r, "%s", buf);
	return 1;
}

static int
same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static const char *
first_ns(const struct dns_facts *f)
{
	return f->rc.n_nameservers ? f->rc.nameservers[0] : NULL;
}

static const char *
requested_mode(const struct wp_expect *x)
{
	const struct wp_expect_value *m = expect_get(x, "wsl2.networkingMode");

	return m && m->value ? m->value : "nat";
}

/*
 * The mode WSL applied (wslinfo, else the netlink shape), else the one
 * asked for: tunneling and dnsProxy follow what runs (§4.2), e.g.
 * consomme after a NAT fallback writes eth0's gateway.
 */
static const char *
live_mode(const struct wp_expect *x, const struct dns_facts *f)
{
	switch (f->live) {
	case NET_MODE_NAT:
	case NET_MODE_NAT_OR_BRIDGED:
		return strcmp(requested_mode(x), "bridged") == 0 ? "bridged" :
		    "nat";
	case NET_MODE_BRIDGED:
		return "bridged";
	case NET_MODE_MIRRORED:
		return "mirrored";
	case NET_MODE_CONSOMME:
		return "consomme";
	case NET_MODE_NONE:
		return "none";
	default:
		return requested_mode(x);
	}
}

static struct wp_result *
skip_outside(struct wp_results *rs, const char *setting,
    const struct wp_expect_value *e)
{
	struct wp_result *r = add(rs, setting, WP_SKIP, e);

	wp_result_evidence(r, "not a WSL2 VM");
	return r;
}

/* --- wsl2.dnsTunneling --- */

struct tunnel {
	int		 want;
	char		 why_off[160];	/* WSL's own adjustment, if any */
	const char	*addr;		/* the address tunneling puts in */
	const char	*alt;		/* 127.0.0.42 of WSL 2.0.x, or NULL */
};

static void
tunnel_expect(const struct wp_expect *x, const struct dns_facts *f,
    struct tunnel *t)
{
	const struct wp_expect_value *ip = expect_get(x,
	    "experimental.dnsTunnelingIpAddress");
	const char *mode = live_mode(x, f);
	struct in_addr a;

	memset(t, 0, sizeof *t);
	t->want = truthy(expect_get(x, "wsl2.dnsTunneling"));
	t->addr = ip && ip->value && *ip->value ? ip->value :
	    DNS_TUNNEL_ADDR;
	if (inet_pton(AF_INET, t->addr, &a) != 1) {
		if (t->want)
			snprintf(t->why_off, sizeof t->why_off, "adjusted: an "
			    "invalid dnsTunnelingIpAddress disables tunneling");
		t->want = 0;
		t->addr = DNS_TUNNEL_ADDR;
	}
	if (t->want && strcmp(mode, "bridged") == 0) {
		snprintf(t->why_off, sizeof t->why_off, "adjusted: WSL turns "
		    "tunneling off in %s mode", mode);
		t->want = 0;
	}
	/* consomme (asked, or after a NAT fallback): tunneling writes
	   eth0's gateway (§4.2). */
	if (strcmp(mode, "consomme") == 0)
		t->addr = f->gateway;
	if (!f->version || strncmp(f->version, "2.0.", 4) == 0)
		t->alt = DNS_TUNNEL_ADDR_20;
}

/*
 * How to give libc WSL's file again.  With generateResolvConf=false WSL
 * deletes its symlink at the next distro start (§4.1), so a symlink
 * would not help: turn generation back on, or write the line yourself.
 */
static const char *
relink_hint(const struct wp_expect *x, const char *addr, char *buf,
    size_t size)
{
	const struct wp_expect_value *g = expect_get(x,
	    "network.generateResolvConf");

	if (known(g) && !truthy(g))
		snprintf(buf, size, "set generateResolvConf=true under "
		    "[network] in /etc/wsl.conf and restart the distro (wsl "
		    "--terminate <distro>), or write 'nameserver %s' in your "
		    "own /etc/resolv.conf", addr ? addr : DNS_TUNNEL_ADDR);
	else
		snprintf(buf, size, "give libc WSL's file again: sudo ln -sf "
		    "/mnt/wsl/resolv.conf /etc/resolv.conf");
	return buf;
}

static void
hint_generated_missing(struct wp_result *r, const struct wp_expect *x)
{
	if (!truthy(expect_get(x, "network.generateResolvConf")))
		wp_result_set(&r->hint, "remove generateResolvConf=false "
		    "from /etc/wsl.conf, or write 'nameserver "
		    DNS_TUNNEL_ADDR "' to /etc/resolv.conf yourself");
	else
		wp_result_set(&r->hint, "restart the distro (wsl --terminate "
		    "<distro>) so WSL recreates /etc/resolv.conf");
}

/* Expected on, but the nameserver in effect is not tunneling's. */
static void
tunnel_bypassed(struct wp_result *r, const struct wp_expect *x,
    const struct dns_facts *f, const struct tunnel *t, int fell_back)
{
	char line[320];
	const struct resolvconf_ignored *ig = resolvconf_ignored_for(&f->rc,
	    t->addr);

	relink_hint(x, t->addr, line, sizeof line);
	if (ig && f->present) {
		wp_result_evidence(r, "glibc ignores line %zu '%s': %s",
		    ig->line, ig->text, ig->reason);
		wp_result_set(&r->hint, strstr(ig->reason, "carriage") ?
		    "convert /etc/resolv.conf to Unix line ends: sudo sed -i "
		    "'s/\\r$//' /etc/resolv.conf" : "rewrite line %zu as "
		    "'nameserver %s'", ig->line, t->addr);
		return;
	}
	if (fell_back) {
		r->verdict = WP_UNKNOWN;
		wp_result_evidence(r, "the networking mode fell back to none: "
		    "the tunneling listener may or may not have survived, and "
		    "nothing here shows it");
	} else if (!f->present) {
		wp_result_evidence(r, "bypassed: there is no /etc/resolv.conf, "
		    "so nothing uses the tunnel");
		hint_generated_missing(r, x);
	} else if (f->stub) {
		char ups[256] = "";

		for (size_t i = 0; i < f->resolved_rc.n_nameservers &&
		    i < 3; i++)
			snprintf(ups + strlen(ups), sizeof ups - strlen(ups),
			    "%s%s", i ? ", " : "",
			    f->resolved_rc.nameservers[i]);
		wp_result_evidence(r, "bypassed: the systemd-resolved stub "
		    DNS_RESOLVED_STUB " forwards to %s", *ups ? ups :
		    "servers not shown (/run/systemd/resolve/resolv.conf "
		    "not read)");
		wp_result_set(&r->hint, "set DNS=%s in /etc/systemd/"
		    "resolved.conf, or %s", t->addr, line);
	} else if (!f->rc.wsl_header) {
		wp_result_evidence(r, "bypassed: /etc/resolv.conf was not "
		    "written by WSL%s", truthy(expect_get(x,
		    "network.generateResolvConf")) ? "" :
		    " (generateResolvConf=false in wsl.conf)");
		if (f->have_wsl_file && resolvconf_uses(&f->wsl_rc, t->addr))
			wp_result_evidence(r, "WSL's /mnt/wsl/resolv.conf does "
			    "say nameserver %s", t->addr);
		wp_result_set(&r->hint, "put 'nameserver %s' first in "
		    "/etc/resolv.conf, or %s", t->addr, line);
	} else {
		wp_result_evidence(r, "WSL wrote this file without "
		    "tunneling: it is off on the Windows side");
		wp_result_set(&r->hint, "restart WSL (wsl --shutdown); if "
		    "it stays off, Windows turned it off (policy, Global "
		    "Secure Access, or no DnsQueryRaw): see WSL's warning "
		    "at start");
	}
}

static void
judge_tunneling(json_object *snap, const struct wp_expect *x,
    const struct dns_facts *f, struct wp_results *rs)
{
	const struct wp_expect_value *e = expect_get(x, "wsl2.dnsTunneling");
	const char *mode = requested_mode(x), *ns = first_ns(f), *lst_addr;
	struct tunnel t;
	struct wp_result *r;
	int lst, in_effect, used, fell_back, consomme;

	if (!f->wsl2) {
		skip_outside(rs, "wsl2.dnsTunneling", e);
		return;
	}
	tunnel_expect(x, f, &t);
	r = add(rs, "wsl2.dnsTunneling", WP_PASS, e);
	if (*t.why_off) {
		wp_result_set(&r->expected, "false");
		wp_result_set(&r->expected_source, "%s", t.why_off);
	} else if (unknown_expectation(r, e))
		return;
	if (unknown_file(r, f))
		return;
	if (t.want && !t.addr) {
		r->verdict = WP_UNKNOWN;
		wp_result_set(&r->observed, "nameserver %s", ns ? ns : "none");
		wp_result_evidence(r, "consomme mode: tunneling writes eth0's "
		    "gateway, and the snapshot has no routes to tell it");
		return;
	}
	in_effect = same(ns, t.addr) || (t.alt && same(ns, t.alt)) ||
	    (f->stub && resolvconf_uses(&f->resolved_rc, t.addr));
	used = resolvconf_uses(&f->rc, t.addr) ||
	    (t.alt && resolvconf_uses(&f->rc, t.alt));
	lst_addr = t.alt && same(ns, t.alt) ? t.alt : t.addr;
	lst = dns_listener(snap, lst_addr, "udp");
	if (lst < 0 && dns_answered(snap, lst_addr))
		lst = 1;	/* it answered: something listens */
	/* consomme: the gateway answers, on the host, not in /proc/net. */
	consomme = strcmp(live_mode(x, f), "consomme") == 0;
	if (consomme)
		lst = 1;
	fell_back = same(f->mode, "none") && strcmp(mode, "none") != 0;
	wp_result_set(&r->observed, !f->present ? "no /etc/resolv.conf" :
	    f->stub && !in_effect ? "systemd-resolved stub " DNS_RESOLVED_STUB :
	    ns ? "nameserver %s" : "no nameserver", ns);
	dns_evidence_file(r, f);
	if (!consomme)
		dns_evidence_listener(r, snap, lst_addr);
	if (facts_restart_pending(snap, x, NULL) == 1)
		wp_result_evidence(r, ".wslconfig changed after this VM "
		    "started (§9)");
	if (t.want) {
		if (in_effect && lst == 0) {
			r->verdict = WP_FAIL;
			wp_result_evidence(r, "nothing listens on %s:53: WSL's "
			    "DNS server is not running", lst_addr);
			wp_result_set(&r->hint, "restart WSL: wsl --shutdown");
		} else if (in_effect && lst < 0) {
			r->verdict = WP_UNKNOWN;
			wp_result_evidence(r, "resolv.conf names the tunneling "
			    "address, but whether WSL's DNS server listens "
			    "there was not gathered");
		} else if (in_effect) {
			r->verdict = WP_PASS;
		} else if (used) {
			r->verdict = WP_WARN;
			wp_result_evidence(r, "the tunneling address is not "
			    "the first nameserver: glibc asks %s first", ns);
			wp_result_set(&r->hint, "put 'nameserver %s' first in "
			    "/etc/resolv.conf", t.addr);
		} else {
			r->verdict = WP_FAIL;
			tunnel_bypassed(r, x, f, &t, fell_back && lst != 1);
		}
		return;
	}
	if (used) {
		r->verdict = WP_FAIL;
		wp_result_evidence(r, "resolv.conf still names the tunneling "
		    "address although tunneling is off");
		wp_result_set(&r->hint, lst == 1 ? "tunneling still runs in "
		    "this VM: restart WSL (wsl --shutdown) so .wslconfig "
		    "applies" : f->rc.wsl_header ? "restart WSL (wsl "
		    "--shutdown) so WSL rewrites the file without it" :
		    "remove 'nameserver %s' from /etc/resolv.conf: nothing "
		    "answers there with tunneling off", t.addr);
	} else if (lst == 1 || dns_listener(snap, t.addr, "tcp") == 1) {
		r->verdict = WP_WARN;
		wp_result_evidence(r, "WSL's tunneling listener is up "
		    "(tunneling was on when this VM started), unused here");
		wp_result_set(&r->hint, "restart WSL (wsl --shutdown) so "
		    "tunneling=false applies");
	}
}

/* --- wsl2.dnsProxy --- */

/*
 * The nameserver WSL wrote, which alone shows dnsProxy: WSL's own
 * /mnt/wsl/resolv.conf, or /etc/resolv.conf when it is WSL's (the
 * symlink, or WSL's header and no /mnt/wsl file).  NULL with *WHY when
 * no file WSL wrote is at hand.
 */
static const struct resolvconf *
wsl_written(const struct dns_facts *f, const char **src, const char **why)
{
	*src = "/mnt/wsl/resolv.conf";
	if (f->have_wsl_file && f->wsl_rc.wsl_header)
		return &f->wsl_rc;
	*src = "/etc/resolv.conf";
	if (f->present && f->rc.wsl_header && (f->wsl_link ||
	    f->wsl_file_state == FACT_ABSENT))
		return &f->rc;
	*why = f->stub ? "/etc/resolv.conf is systemd-resolved's stub" :
	    f->state == FACT_NOT_GATHERED && f->wsl_file_state ==
	    FACT_NOT_GATHERED ? "resolv.conf was not gathered" :
	    "/etc/resolv.conf was not written by WSL (generateResolvConf="
	    "false or a hand-written file) and WSL's /mnt/wsl/resolv.conf "
	    "was not read";
	return NULL;
}

static void
judge_proxy(const struct wp_expect *x, const struct dns_facts *f,
    struct wp_results *rs)
{
	const struct wp_expect_value *e = expect_get(x, "wsl2.dnsProxy");
	const struct wp_expect_value *te = expect_get(x, "wsl2.dnsTunneling");
	const char *mode = live_mode(x, f), *src, *why = NULL, *ns;
	const struct resolvconf *rc;
	struct tunnel t;
	struct wp_result *r;

	if (!f->wsl2) {
		skip_outside(rs, "wsl2.dnsProxy", e);
		return;
	}
	tunnel_expect(x, f, &t);
	if (strcmp(mode, "nat") != 0) {
		r = add(rs, "wsl2.dnsProxy", WP_SKIP, e);
		wp_result_evidence(r, "dnsProxy applies only to NAT mode "
		    "(this VM: %s)", mode);
		return;
	}
	r = add(rs, "wsl2.dnsProxy", WP_SKIP, e);
	if (unknown_expectation(r, e))
		return;
	if (t.want) {
		wp_result_evidence(r, "DNS tunneling is expected on (%s): "
		    "dnsProxy does not apply", te ? te->source : "?");
		return;
	}
	if (!*t.why_off && !known(te)) {
		r->verdict = WP_UNKNOWN;
		wp_result_evidence(r, "whether DNS tunneling is on, which "
		    "makes dnsProxy moot, is unknown: %s", te ? te->source :
		    "?");
		return;
	}
	rc = wsl_written(f, &src, &why);
	if (!rc) {
		r->verdict = f->state == FACT_NOT_GATHERED &&
		    f->wsl_file_state == FACT_NOT_GATHERED ? WP_UNKNOWN :
		    WP_SKIP;
		wp_result_evidence(r, "no nameserver WSL wrote to judge it "
		    "by: %s", why);
		return;
	}
	ns = rc->n_nameservers ? rc->nameservers[0] : NULL;
	if (same(ns, t.addr) || (t.alt && same(ns, t.alt))) {
		wp_result_evidence(r, "DNS tunneling is on (nameserver %s): "
		    "dnsProxy does not apply", ns);
		return;
	}
	r->verdict = WP_PASS;
	wp_result_set(&r->observed, "nameserver %s", ns ? ns : "none");
	wp_result_evidence(r, "WSL's nameserver (%s): %s", src,
	    ns ? ns : "none");
	if (!f->gateway) {
		r->verdict = WP_UNKNOWN;
		wp_result_evidence(r, "no default route in the snapshot: the "
		    "NAT gateway is unknown");
		return;
	}
	wp_result_evidence(r, "NAT gateway %s", f->gateway);
	if (truthy(e) != same(ns, f->gateway)) {
		r->verdict = WP_FAIL;
		wp_result_evidence(r, truthy(e) ? "the nameserver is not the "
		    "NAT gateway (WSL's DNS proxy)" : "the nameserver is the "
		    "NAT gateway, not the Windows DNS servers");
		wp_result_set(&r->hint, "restart WSL (wsl --shutdown) so "
		    "dnsProxy=%s applies", e->value);
	}
}

/* --- network.generateResolvConf (wsl.conf) --- */

static void
judge_generate(const struct wp_expect *x, const struct dns_facts *f,
    struct wp_results *rs)
{
	const struct wp_expect_value *e = expect_get(x,
	    "network.generateResolvConf");
	struct wp_result *r;

	if (!f->wsl2) {
		skip_outside(rs, "network.generateResolvConf", e);
		return;
	}
	r = add(rs, "network.generateResolvConf", WP_PASS, e);
	if (unknown_expectation(r, e) || unknown_file(r, f))
		return;
	wp_result_set(&r->observed, f->wsl_link ? "symlink to %s" :
	    f->link_target ? "other symlink: %s" : f->present ?
	    "own file" : "no /etc/resolv.conf", f->link_target);
	dns_evidence_file(r, f);
	if (truthy(e)) {
		if (f->wsl_link && f->present)
			return;
		r->verdict = WP_FAIL;
		if (f->wsl_link || !f->present) {
			wp_result_evidence(r, "WSL's file is missing");
			wp_result_set(&r->hint, "restart the distro (wsl "
			    "--terminate <distro>); if it stays missing, "
			    "restart WSL (wsl --shutdown)");
			return;
		}
		wp_result_evidence(r, "WSL links /etc/resolv.conf to "
		    "/mnt/wsl/resolv.conf at every distro start: something "
		    "replaced it since (systemd-resolved, resolvconf, "
		    "NetworkManager, or by hand)");
		wp_result_set(&r->hint, "stop what rewrites it, or set "
		    "generateResolvConf=false under [network] in /etc/wsl.conf "
		    "if you manage the file yourself");
		return;
	}
	if (f->wsl_link) {
		r->verdict = WP_WARN;
		wp_result_evidence(r, "WSL's symlink is still there; WSL "
		    "removes it at the next distro start (§4.1)");
		wp_result_set(&r->hint, "write your own /etc/resolv.conf "
		    "before restarting the distro");
	} else if (!f->present) {
		r->verdict = WP_FAIL;
		wp_result_evidence(r, "with generateResolvConf=false WSL "
		    "removes its symlink and writes nothing: no DNS (#9074)");
		wp_result_set(&r->hint, "write /etc/resolv.conf, e.g. "
		    "'nameserver " DNS_TUNNEL_ADDR "' with DNS tunneling");
	}
}

/* --- experimental.bestEffortDnsParsing --- */

static void
judge_best_effort(const struct wp_expect *x, const struct dns_facts *f,
    struct wp_results *rs)
{
	const struct wp_expect_value *e = expect_get(x,
	    "experimental.bestEffortDnsParsing");
	struct wp_result *r;

	if (!f->wsl2) {
		skip_outside(rs, "experimental.bestEffortDnsParsing", e);
		return;
	}
	r = add(rs, "experimental.bestEffortDnsParsing", WP_UNKNOWN, e);
	wp_result_evidence(r, "it changes only how Windows parses tunneled "
	    "DNS answers; nothing inside the VM shows it (§4.3)");
}

/* --- dns.resolv-conf --- */

static void
judge_file(const struct wp_expect *x, const struct dns_facts *f,
    struct wp_results *rs)
{
	const struct wp_expect_value *g = expect_get(x,
	    "network.generateResolvConf");
	const struct resolvconf *rc = &f->rc;
	struct wp_result *r;

	if (!f->wsl2) {
		skip_outside(rs, "dns.resolv-conf", NULL);
		return;
	}
	r = add(rs, "dns.resolv-conf", WP_PASS, NULL);
	wp_result_set(&r->expected, "nameservers glibc can use");
	if (unknown_file(r, f))
		return;
	dns_evidence_file(r, f);
	if (!f->present) {
		char buf[320];

		r->verdict = WP_FAIL;
		wp_result_set(&r->observed, "no /etc/resolv.conf");
		if (known(g) && !truthy(g))
			wp_result_set(&r->hint, "%s", relink_hint(x, NULL, buf,
			    sizeof buf));
		else
			wp_result_set(&r->hint, "restart the distro (wsl "
			    "--terminate <distro>) so WSL links it again, or "
			    "now: sudo ln -sf /mnt/wsl/resolv.conf "
			    "/etc/resolv.conf");
		return;
	}
	wp_result_set(&r->observed, "%zu nameserver%s, %zu search domain%s",
	    rc->total_nameservers, rc->total_nameservers == 1 ? "" : "s",
	    rc->n_search, rc->n_search == 1 ? "" : "s");
	if (!rc->total_nameservers) {
		r->verdict = WP_FAIL;
		if (rc->n_ignored && strstr(rc->ignored[0].reason, "carriage"))
			wp_result_set(&r->hint, "convert /etc/resolv.conf to "
			    "Unix line ends: sudo sed -i 's/\\r$//' "
			    "/etc/resolv.conf");
		else if (rc->n_ignored && rc->ignored[0].address)
			wp_result_set(&r->hint, "rewrite line %zu as "
			    "'nameserver %s'", rc->ignored[0].line,
			    rc->ignored[0].address);
		else
			wp_result_set(&r->hint, "add a 'nameserver ADDRESS' "
			    "line to /etc/resolv.conf");
		return;
	}
	for (size_t i = RESOLVCONF_GLIBC_MAXNS; i < rc->n_nameservers; i++) {
		r->verdict = WP_WARN;
		wp_result_evidence(r, "nameserver %s ignored: glibc uses only "
		    "the first %d", rc->nameservers[i], RESOLVCONF_GLIBC_MAXNS);
	}
	if (rc->total_nameservers > rc->n_nameservers)
		wp_result_evidence(r, "and %zu more nameserver lines",
		    rc->total_nameservers - rc->n_nameservers);
	if (rc->bad_nameservers) {
		r->verdict = WP_WARN;
		if (rc->bad_nameservers > rc->n_ignored)
			wp_result_evidence(r, "%zu nameserver line%s glibc "
			    "ignores", rc->bad_nameservers, rc->bad_nameservers
			    == 1 ? "" : "s");
	}
	if (rc->garbage) {
		r->verdict = WP_WARN;
		wp_result_evidence(r, "%zu line%s not understood (first: line "
		    "%zu)", rc->garbage, rc->garbage == 1 ? "" : "s",
		    rc->first_garbage);
	}
	if (rc->has_nul) {
		r->verdict = WP_WARN;
		wp_result_evidence(r, "the file contains NUL bytes");
	}
	if (r->verdict == WP_WARN && rc->n_ignored &&
	    strstr(rc->ignored[0].reason, "carriage"))
		wp_result_set(&r->hint, "convert /etc/resolv.conf to Unix line "
		    "ends: sudo sed -i 's/\\r$//' /etc/resolv.conf");
	else if (r->verdict == WP_WARN)
		wp_result_set(&r->hint, "clean up /etc/resolv.conf: at most %d "
		    "'nameserver ADDRESS' lines, then search/options",
		    RESOLVCONF_GLIBC_MAXNS);
}

int
check_dns_judge(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	struct dns_facts f;

	dns_facts_read(snap, &f);
	judge_file(x, &f, rs);
	judge_generate(x, &f, rs);
	judge_tunneling(snap, x, &f, rs);
	judge_proxy(x, &f, rs);
	judge_best_effort(x, &f, rs);
	dns_judge_servers(snap, &f, rs);
	dns_facts_release(&f);
	return 0;
}
