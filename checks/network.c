/* SPDX-License-Identifier: MIT */
/*
 * The network check: is the networking mode .wslconfig asks for the one
 * the VM runs (wsl-facts.md §2), and what else the network shows:
 * hostAddressLoopback (table 128), ipv6 in bridged mode, interfaces the
 * mode needs, MTU.  Gathering is passive: rtnetlink dumps and two /proc
 * files, never a packet.  The classifier is in network_classify.c.
 */
#include "config.h"

#include "checks/network.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/check.h"
#include "facts/restart.h"
#include "facts/windows.h"
#include "gather/netlink.h"
#include "parse/windows_text.h"
#include "util/rootfs.h"
#include "engine/snapshot.h"
#include "util/xalloc.h"

#define CHECK		"network"
#define DISABLE_IPV6	"/proc/sys/net/ipv6/conf/all/disable_ipv6"
/* The WSL VM creator id the Hyper-V firewall settings are filed under. */
#define FIREWALL_CMD	WINDOWS_FIREWALL_CMD

/* The settings it judges, then its findings (--list-checks). */
static const char *const network_settings[] = {
	"wsl2.networkingMode", "experimental.hostAddressLoopback",
	"wsl2.ipv6", "wsl2.firewall", "experimental.ignoredPorts",
	"network.mode-evidence", "network.interfaces", "network.mtu", NULL
};

static void
add_file(struct wp_ctx *ctx, json_object *frag, const char *path)
{
	struct rootfs_file f;

	rootfs_read(ctx->root, path, 4096, &f);
	snap_add_file(frag, path, &f);
	rootfs_file_release(&f);
}

static int
network_gather(struct wp_ctx *ctx, json_object *frag)
{
	/* The netlink dump is a shared fact (WP_NEED_NET). */
	add_file(ctx, frag, "/proc/sys/net/ipv4/ip_local_port_range");
	add_file(ctx, frag, DISABLE_IPV6);
	return 0;
}

/* --- judging --- */

static const char *
expected(const struct wp_expect *x, const char *key, struct wp_result *r)
{
	const struct wp_expect_value *v = expect_get(x, key);

	if (!v)
		return NULL;
	if (v->value)
		wp_result_set(&r->expected, "%s", v->value);
	wp_result_set(&r->expected_source, "%s", v->source);
	return v->value;
}

/*
 * An `unknown` result when WANT, the expectation, is not known (its
 * file was not gathered, or its default depends on an unknown WSL
 * version); returns 1 then.
 */
static int
unknown_expectation(struct wp_result *r, const struct wp_expect *x,
    const char *key, const char *want)
{
	const struct wp_expect_value *v = expect_get(x, key);

	if (want)
		return 0;
	r->verdict = WP_UNKNOWN;
	wp_result_evidence(r, "expected value unknown: %s", v ? v->source :
	    "the setting is not known");
	return 1;
}

static void
evidence_list(struct wp_result *r, char **why)
{
	for (size_t i = 0; why && why[i]; i++)
		wp_result_evidence(r, "%s", why[i]);
}

/* Does the classification agree with wslinfo's word? */
static int
agrees(enum net_mode cls, enum net_mode live)
{
	if (cls == live)
		return 1;
	if (cls == NET_MODE_NAT || cls == NET_MODE_NAT_OR_BRIDGED)
		return live == NET_MODE_NAT || live == NET_MODE_BRIDGED;
	return 0;
}

static void
judge_evidence(json_object *snap, enum net_mode cls, char **why,
    struct wp_results *rs)
{
	const char *w = snap_str(snap, "wsl.wslinfo.networking_mode");
	enum net_mode wm = network_mode_parse(w);
	enum wp_verdict v = !w || wm == NET_MODE_UNKNOWN ||
	    cls == NET_MODE_NOT_GATHERED ? WP_UNKNOWN : agrees(cls, wm) ?
	    WP_PASS : WP_WARN;
	struct wp_result *r = wp_results_add(rs, CHECK,
	    "network.mode-evidence", v);

	if (w)
		wp_result_set(&r->expected, "%s", w);
	wp_result_set(&r->expected_source, "%s", w ?
	    "wslinfo --networking-mode" : "wslinfo unavailable");
	wp_result_set(&r->observed, "%s", network_mode_name(cls));
	evidence_list(r, why);
	if (v == WP_UNKNOWN && cls != NET_MODE_NOT_GATHERED)
		wp_result_evidence(r, "wslinfo %s: the classification alone "
		    "stands", w ? "gave an unknown answer" :
		    "is unavailable");
	else if (v == WP_WARN)
		wp_result_set(&r->hint, "wslinfo reports what WSL set up at "
		    "boot, but the kernel state looks like %s: something in "
		    "the distro changed the network (a network manager, VPN "
		    "client or script), or it is still initialising; re-run "
		    "in a few seconds", network_mode_name(cls));
}

/* 1 when .wslconfig was written after this VM booted (§9.2). */
static int
restart_pending(json_object *snap, const struct wp_expect *x,
    struct wp_result *r)
{
	const char *skew;
	int rp = facts_restart_pending(snap, x, &skew);

	if (skew)
		wp_result_evidence(r, "%s", skew);
	return rp;
}

/*
 * The causes of a mirrored → NAT fallback, most likely first.  With the
 * Windows build known (facts/windows.h), a build older than 22621 is the
 * cause, named first with the build in the evidence; a newer build rules
 * the Windows-version cause out.
 */
static void
mirrored_hint(json_object *snap, struct wp_result *r, enum net_mode live,
    int pending)
{
	const char *src;
	unsigned build = 0;
	int known = facts_windows_build(snap, &build, &src) == FACT_PRESENT;
	char *why = NULL, *first = NULL;
	int lacks = facts_windows_lacks_mirrored(snap, &why);

	if (known)
		wp_result_evidence(r, "Windows build %u (from Windows: %s)",
		    build, src);
	else
		wp_result_evidence(r, "Windows build not known: %s",
		    facts_windows_why(snap, "build") ?
		    facts_windows_why(snap, "build") : "no answer");
	if (lacks == 1) {
		wp_result_evidence(r, "%s: mirrored needs Windows 11 22H2 "
		    "(22621.2359) or later, not Server", why);
		first = xasprintf("this Windows build lacks mirrored support "
		    "(%s: update Windows, or use NAT); ", why);
	}
	wp_result_set(&r->hint, "mirrored was asked for but the VM runs %s. "
	    "Causes, most likely first: %s%s"
	    "%sa policy forcing the mode (DefaultNetworkingMode"
	    "/AllowCustomNetworkingModeUserSetting); a Hyper-V/HNS error at "
	    "boot (the warning wsl.exe printed when the VM started, and "
	    "Event Viewer > Applications and Services Logs > Microsoft > "
	    "Windows > Hyper-V-Compute and Host-Network-Service)%s",
	    network_mode_name(live), first ? first : "",
	    pending == 1 ? ".wslconfig changed after this VM booted (run "
	    "'wsl --shutdown', then start the distro); " : "",
	    lacks == 1 ? "a WSL build without mirrored support (WSL 2.0+); " :
	    lacks == 0 ? "a WSL build without mirrored support (run 'wsl "
	    "--version' on Windows: mirrored needs WSL 2.0+); " :
	    "Windows 10 or a WSL build without mirrored support (run "
	    "'wsl --version' on Windows: mirrored needs Windows 11 22H2+ "
	    "and WSL 2.0+); ",
	    pending == 1 ? "" : "; or .wslconfig changed "
	    "after the VM booted (run 'wsl --shutdown')");
	free(first);
	free(why);
}

static void
judge_mode(json_object *snap, const struct wp_expect *x, enum net_mode cls,
    struct wp_results *rs)
{
	int from_wslinfo;
	enum net_mode live = network_live_mode(snap, &from_wslinfo);
	struct wp_result *r = wp_results_add(rs, CHECK, "wsl2.networkingMode",
	    WP_PASS);
	const char *want = expected(x, "wsl2.networkingMode", r);
	enum net_mode em = network_mode_parse(want);

	wp_result_set(&r->observed, "%s", network_mode_name(live));
	wp_result_evidence(r, "live mode from %s", from_wslinfo ?
	    "wslinfo --networking-mode" : "the netlink classification");
	if (live == NET_MODE_NOT_GATHERED || live == NET_MODE_UNKNOWN) {
		r->verdict = WP_UNKNOWN;
		wp_result_evidence(r, "neither wslinfo nor netlink shows a "
		    "known mode (%s)", network_mode_name(cls));
		return;
	}
	if (unknown_expectation(r, x, "wsl2.networkingMode", want))
		return;
	if (live == em || (live == NET_MODE_NAT_OR_BRIDGED &&
	    (em == NET_MODE_NAT || em == NET_MODE_BRIDGED)))
		return;
	if (live == NET_MODE_LOOPBACK0_ONLY && (em == NET_MODE_MIRRORED ||
	    em == NET_MODE_CONSOMME)) {
		r->verdict = WP_WARN;
		wp_result_set(&r->hint, "loopback0 exists but the mirrored "
		    "rules are missing: wait a few seconds and re-run; if it "
		    "stays, run 'wsl --shutdown' from Windows");
		return;
	}
	r->verdict = WP_FAIL;
	if (em == NET_MODE_MIRRORED && (live == NET_MODE_NAT ||
	    live == NET_MODE_NAT_OR_BRIDGED || live == NET_MODE_NONE ||
	    live == NET_MODE_CONSOMME))
		mirrored_hint(snap, r, live, restart_pending(snap, x, r));
	else
		wp_result_set(&r->hint, "the VM runs %s, not %s: %s"
		    "a policy or a failed network setup at boot can also "
		    "force the mode (see 'wsl --version' and the warning "
		    "wsl.exe printed at start)", network_mode_name(live),
		    want ? want : "?", restart_pending(snap, x, r) == 1 ?
		    ".wslconfig changed after this VM booted, run 'wsl "
		    "--shutdown' from Windows; " : "if you edited .wslconfig "
		    "since the VM started, run 'wsl --shutdown' from Windows; ");
}

static void
judge_hal(json_object *snap, const struct wp_expect *x, enum net_mode live,
    struct wp_results *rs)
{
	struct wp_result *r = wp_results_add(rs, CHECK,
	    "experimental.hostAddressLoopback", WP_SKIP);
	const char *want = expected(x, "experimental.hostAddressLoopback", r);
	int n = network_table_routes(snap, "128");
	int have = n > 0;

	if (live != NET_MODE_MIRRORED) {
		wp_result_evidence(r, "only mirrored mode applies it; WSL "
		    "resets it in %s (wsl-facts.md §2.1)",
		    network_mode_name(live));
		return;
	}
	if (!net_array(snap, "routes")) {
		r->verdict = WP_UNKNOWN;
		wp_result_evidence(r, "routes were not gathered");
		return;
	}
	wp_result_set(&r->observed, "%s", have ? "true" : "false");
	wp_result_evidence(r, "table 128 has %d IPv4 route%s", n,
	    n == 1 ? "" : "s");
	if (unknown_expectation(r, x, "experimental.hostAddressLoopback",
	    want))
		return;
	r->verdict = (want && strcmp(want, "true") == 0) == have ? WP_PASS :
	    WP_FAIL;
	/* The key is already where WSL reads it: only a restart helps. */
	if (r->verdict == WP_FAIL)
		wp_result_set(&r->hint, have ? "table 128 exists although "
		    "hostAddressLoopback is off: run 'wsl --shutdown' so the "
		    "current .wslconfig applies" : "hostAddressLoopback=true "
		    "(%s) is not applied yet: run 'wsl --shutdown' from "
		    "Windows, then start the distro", r->expected_source ?
		    r->expected_source : ".wslconfig");
}

static void
judge_ipv6(json_object *snap, const struct wp_expect *x, enum net_mode live,
    struct wp_results *rs)
{
	struct wp_result *r = wp_results_add(rs, CHECK, "wsl2.ipv6", WP_SKIP);
	const char *want = expected(x, "wsl2.ipv6", r);
	size_t len;
	char *t;
	int on;

	if (live != NET_MODE_BRIDGED) {
		wp_result_evidence(r, "only bridged mode applies it (mode is "
		    "%s)", network_mode_name(live));
		return;
	}
	t = snap_file_data(snap, DISABLE_IPV6, &len);
	if (!t || len < 1 || (t[0] != '0' && t[0] != '1')) {
		r->verdict = WP_UNKNOWN;
		wp_result_evidence(r, "%s was not read", DISABLE_IPV6);
		free(t);
		return;
	}
	on = t[0] == '0';
	free(t);
	wp_result_set(&r->observed, "%s", on ? "true" : "false");
	wp_result_evidence(r, "%s = %d", DISABLE_IPV6, !on);
	if (unknown_expectation(r, x, "wsl2.ipv6", want))
		return;
	r->verdict = (want && strcmp(want, "true") == 0) == on ? WP_PASS :
	    WP_FAIL;
	if (r->verdict == WP_FAIL)
		wp_result_set(&r->hint, "run 'wsl --shutdown' so the current "
		    ".wslconfig applies; a sysctl.d file may also set "
		    "disable_ipv6");
}

/*
 * The Hyper-V firewall as Windows reports it (ActiveStore, WSL's VM
 * creator): True or False is a verdict against the expectation;
 * NotConfigured or no answer stays unknown.
 */
static void
judge_firewall(json_object *snap, const struct wp_expect *x,
    enum net_mode live, struct wp_results *rs)
{
	struct wp_result *r = wp_results_add(rs, CHECK, "wsl2.firewall",
	    live == NET_MODE_NONE ? WP_SKIP : WP_UNKNOWN);
	const char *want = expected(x, "wsl2.firewall", r), *state, *src;
	enum fact_state st;
	unsigned build;
	int on;

	if (live == NET_MODE_NONE) {
		wp_result_evidence(r, "the Hyper-V firewall filters on the "
		    "Windows host; nothing inside the VM shows it "
		    "(wsl-facts.md §2.4)");
		return;
	}
	/* Windows before 11 22H2 has no Hyper-V firewall for WSL at all. */
	if (facts_windows_build(snap, &build, &src) == FACT_PRESENT &&
	    build < WINDOWS_MIRRORED_BUILD) {
		const struct wp_expect_value *v = expect_get(x,
		    "wsl2.firewall");
		int asked = v && v->from_file && want &&
		    strcmp(want, "true") == 0;

		r->verdict = asked ? WP_WARN : WP_SKIP;
		wp_result_evidence(r, "Windows build %u (from Windows: %s) "
		    "has no Hyper-V firewall for WSL (it needs 22621 or "
		    "later)", build, src);
		if (asked)
			wp_result_set(&r->hint, "firewall=true has no effect "
			    "on this Windows build: the Hyper-V firewall needs "
			    "Windows 11 22H2 (build 22621) or later");
		return;
	}
	st = facts_windows_firewall(snap, &state, &src);
	if (st != FACT_PRESENT || strcmp(state, "NotConfigured") == 0 ||
	    !want) {
		wp_result_evidence(r, "the Hyper-V firewall filters on the "
		    "Windows host; nothing inside the VM shows it "
		    "(wsl-facts.md §2.4)");
		if (st == FACT_PRESENT)
			wp_result_evidence(r, "Windows says Enabled=%s (from "
			    "Windows: %s)", state, src);
		else
			wp_result_evidence(r, "not known from Windows: %s",
			    facts_windows_why(snap, "firewall") ?
			    facts_windows_why(snap, "firewall") : "no answer");
		wp_result_set(&r->hint, "check from Windows (PowerShell): %s",
		    FIREWALL_CMD);
		return;
	}
	on = strcmp(state, "True") == 0;
	wp_result_set(&r->observed, "%s", on ? "true" : "false");
	wp_result_evidence(r, "Windows says Enabled=%s for WSL's Hyper-V "
	    "firewall settings (from Windows: %s)", state, src);
	r->verdict = (strcmp(want, "true") == 0) == on ? WP_PASS : WP_FAIL;
	if (r->verdict == WP_FAIL)
		wp_result_set(&r->hint, "the Hyper-V firewall is %s although "
		    ".wslconfig asks firewall=%s: a policy may override it; "
		    "otherwise run 'wsl --shutdown' so the current .wslconfig "
		    "applies", on ? "on" : "off", want);
}

static void
judge_windows_only(const struct wp_expect *x, enum net_mode live,
    struct wp_results *rs)
{
	struct wp_result *r;

	r = wp_results_add(rs, CHECK, "experimental.ignoredPorts",
	    live == NET_MODE_MIRRORED ? WP_UNKNOWN : WP_SKIP);
	expected(x, "experimental.ignoredPorts", r);
	if (live != NET_MODE_MIRRORED) {
		wp_result_evidence(r, "only mirrored mode applies it (mode is "
		    "%s)", network_mode_name(live));
		return;
	}
	wp_result_evidence(r, "port arbitration happens on Windows; the VM "
	    "cannot see it");
	wp_result_set(&r->hint, "check from Windows: 'netstat -ano | findstr "
	    ":<port>' shows which Windows process holds a port; a listed "
	    "port lets Linux bind it even so");
}

int
check_network_judge(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	char **why;
	enum net_mode cls, live;

	if (!network_is_wsl2(snap)) {
		for (size_t i = 0; network_settings[i]; i++) {
			struct wp_result *r = wp_results_add(rs, CHECK,
			    network_settings[i], WP_SKIP);

			wp_result_evidence(r, "not a WSL2 VM");
		}
		return 0;
	}
	cls = network_classify(snap, &why);
	judge_evidence(snap, cls, why, rs);
	network_why_free(why);
	judge_mode(snap, x, cls, rs);
	live = network_live_mode(snap, NULL);
	network_judge_interfaces(snap, live, rs);
	network_judge_mtu(snap, rs);
	judge_hal(snap, x, live, rs);
	judge_ipv6(snap, x, live, rs);
	judge_firewall(snap, x, live, rs);
	judge_windows_only(x, live, rs);
	return 0;
}

const struct wp_check check_network = {
	.name = "network",
	.title = "Networking mode and what the network shows",
	.settings = network_settings,
	.flags = 0,
	.needs = WP_NEED_NET,
	.gather = network_gather,
	.judge = check_network_judge,
};
