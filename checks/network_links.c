/* SPDX-License-Identifier: MIT */
/*
 * The network check's interface findings: are the links the live mode
 * needs up with a usable address (network.interfaces), and is any MTU
 * too small for IPv6 (network.mtu).  Pure functions of the snapshot.
 */
#include "config.h"

#include "checks/network.h"

#include <stdio.h>
#include <string.h>

#define CHECK		"network"

/* Usable IPv4 addresses of link NAME, and how many are 169.254/16. */
static int
usable_v4(json_object *snap, const char *name, int *linklocal, char *first,
    size_t len)
{
	json_object *addrs = net_array(snap, "addrs"), *info = NULL;
	int n = 0;

	*linklocal = 0;
	for (size_t i = 0; addrs && i < json_object_array_length(addrs); i++) {
		json_object *a = json_object_array_get_idx(addrs, i);
		const char *nm = net_member_str(a, "ifname");

		if (nm && strcmp(nm, name) == 0 &&
		    json_object_object_get_ex(a, "addr_info", &info) &&
		    json_object_is_type(info, json_type_array))
			break;
		info = NULL;
	}
	for (size_t k = 0; info && k < json_object_array_length(info); k++) {
		json_object *ai = json_object_array_get_idx(info, k);
		const char *f = net_member_str(ai, "family");
		const char *l = net_member_str(ai, "local");

		if (!f || strcmp(f, "inet") || !l)
			continue;
		if (strncmp(l, "169.254.", 8) == 0) {
			(*linklocal)++;
			continue;
		}
		if (!n++)
			snprintf(first, len, "%s", l);
	}
	return n;
}

static int
is_up(json_object *l)
{
	const char *st = net_member_str(l, "operstate");

	return st && (!strcmp(st, "UP") || !strcmp(st, "UNKNOWN"));
}

void
network_judge_interfaces(json_object *snap, enum net_mode live,
    struct wp_results *rs)
{
	json_object *links = net_array(snap, "links");
	int mirrored = live == NET_MODE_MIRRORED ||
	    live == NET_MODE_LOOPBACK0_ONLY;
	int good = 0, lb0 = 0;
	struct wp_result *r;

	if (live == NET_MODE_NONE || !links || live == NET_MODE_UNKNOWN ||
	    !net_array(snap, "addrs") || live == NET_MODE_NOT_GATHERED) {
		r = wp_results_add(rs, CHECK, "network.interfaces",
		    live == NET_MODE_NONE ? WP_SKIP : WP_UNKNOWN);
		wp_result_evidence(r, live == NET_MODE_NONE ? "mode none has "
		    "no network" : !links ? "links were not gathered" :
		    !net_array(snap, "addrs") ? "addresses were not gathered" :
		    live == NET_MODE_NONE ? "mode none has no network" :
		    "the mode is not known, so neither are its interfaces");
		return;
	}
	r = wp_results_add(rs, CHECK, "network.interfaces", WP_PASS);
	for (size_t i = 0; i < json_object_array_length(links); i++) {
		json_object *l = json_object_array_get_idx(links, i);
		const char *n = net_member_str(l, "ifname");
		char addr[64] = "";
		int ll, v4;

		if (!n)
			continue;
		if (strcmp(n, "loopback0") == 0) {
			lb0 = is_up(l) ? 1 : -1;
			continue;
		}
		if (strncmp(n, "eth", 3) && strncmp(n, "wlan", 4))
			continue;
		if (!mirrored && strcmp(n, "eth0"))
			continue;
		v4 = usable_v4(snap, n, &ll, addr, sizeof addr);
		if (is_up(l) && v4) {
			good++;
			wp_result_evidence(r, "%s is up with %s", n, addr);
		} else if (ll && !v4) {
			wp_result_evidence(r, "%s has only a 169.254 address: "
			    "a distro network service (systemd-networkd, "
			    "NetworkManager, dhcpcd) probably put it there", n);
		} else {
			wp_result_evidence(r, "%s is %s%s", n, is_up(l) ? "up" :
			    "down", v4 ? "" : " without an IPv4 address");
		}
	}
	if (mirrored && lb0 <= 0) {
		r->verdict = WP_FAIL;
		wp_result_evidence(r, "loopback0 is %s", lb0 ? "down" :
		    "missing");
		wp_result_set(&r->hint, "mirrored mode needs loopback0 up for "
		    "127.0.0.1 to reach Windows: run 'wsl --shutdown' from "
		    "Windows and start the distro again");
	} else if (!good) {
		r->verdict = mirrored ? WP_WARN : WP_FAIL;
		wp_result_set(&r->hint, mirrored ? "no mirrored adapter has "
		    "a usable IPv4 address: is Windows connected to a "
		    "network?" : "eth0 needs to be up with the address WSL "
		    "gave it: stop distro network services from managing eth0 "
		    "(e.g. systemd-networkd .network files matching it) and "
		    "run 'wsl --shutdown'");
	}
	wp_result_set(&r->observed, "%d usable adapter%s", good,
	    good == 1 ? "" : "s");
}

void
network_judge_mtu(json_object *snap, struct wp_results *rs)
{
	json_object *links = net_array(snap, "links");
	struct wp_result *r;
	int seen = 0;

	if (!links)
		return;
	r = wp_results_add(rs, CHECK, "network.mtu", WP_PASS);
	for (size_t i = 0; i < json_object_array_length(links); i++) {
		json_object *l = json_object_array_get_idx(links, i), *m;
		const char *n = net_member_str(l, "ifname");
		long mtu;

		if (!n || (strncmp(n, "eth", 3) && strncmp(n, "wlan", 4) &&
		    strcmp(n, "loopback0")) || !json_object_object_get_ex(l,
		    "mtu", &m) || !json_object_is_type(m, json_type_int))
			continue;
		mtu = (long)json_object_get_int64(m);
		seen++;
		wp_result_evidence(r, "%s mtu %ld", n, mtu);
		if (mtu < 1280) {
			r->verdict = WP_WARN;
			wp_result_set(&r->hint, "%s has MTU %ld, below the "
			    "1280 IPv6 needs: a VPN on Windows usually causes "
			    "this (WSL copies the lowest MTU); lower the VPN's "
			    "MTU or raise it with 'ip link set %s mtu 1500'",
			    n, mtu, n);
		}
	}
	if (!seen) {
		r->verdict = WP_SKIP;
		wp_result_evidence(r, "no adapter links");
	}
}
