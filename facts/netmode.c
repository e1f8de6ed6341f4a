/* SPDX-License-Identifier: MIT */
/*
 * Telling WSL's networking modes apart from the snapshot alone: links,
 * addresses, routes and rules in `ip -json` shapes plus the port range
 * file (wsl-facts.md §2.2–§2.4).  Pure functions of the snapshot; every
 * member is type-checked, so a hostile or hand-made snapshot classifies
 * as "unknown" instead of crashing.
 */
#include "config.h"

#include "facts/netmode.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "facts/wsl.h"
#include "engine/snapshot.h"
#include "util/xalloc.h"

#define PORT_RANGE_FILE	"/proc/sys/net/ipv4/ip_local_port_range"
#define CONSOMME_MAC	"00:00:00:00:01:00"

static const char *const mode_names[] = {
	"unrecognised", "nat", "nat or bridged", "bridged", "mirrored",
	"consomme", "none", "loopback0 without the mirrored rules",
	"not gathered",
};

const char *
network_mode_name(enum net_mode m)
{
	return (unsigned)m < sizeof mode_names / sizeof mode_names[0] ?
	    mode_names[m] : "unrecognised";
}

enum net_mode
network_mode_parse(const char *s)
{
	static const struct { const char *w; enum net_mode m; } t[] = {
		{ "nat", NET_MODE_NAT }, { "mirrored", NET_MODE_MIRRORED },
		{ "bridged", NET_MODE_BRIDGED },
		{ "consomme", NET_MODE_CONSOMME },
		{ "virtioproxy", NET_MODE_CONSOMME },
		{ "none", NET_MODE_NONE },
	};

	for (size_t i = 0; s && i < sizeof t / sizeof t[0]; i++)
		if (strcasecmp(s, t[i].w) == 0)
			return t[i].m;
	return NET_MODE_UNKNOWN;
}

json_object *
net_array(json_object *snap, const char *what)
{
	char key[32];
	json_object *a;

	snprintf(key, sizeof key, "net.%s", what);
	a = snap_get(snap, key);
	return a && json_object_is_type(a, json_type_array) ? a : NULL;
}

const char *
net_member_str(json_object *o, const char *key)
{
	json_object *v;

	if (!o || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static long
member_int(json_object *o, const char *key, long def)
{
	json_object *v;

	if (!o || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_int))
		return def;
	return (long)json_object_get_int64(v);
}

static int
member_true(json_object *o, const char *key)
{
	json_object *v;

	return o && json_object_is_type(o, json_type_object) &&
	    json_object_object_get_ex(o, key, &v) &&
	    json_object_is_type(v, json_type_boolean) &&
	    json_object_get_boolean(v);
}

static int
str_eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static int
is_v4_rule(json_object *r)
{
	const char *f = net_member_str(r, "family");

	return !f || strcmp(f, "inet") == 0;
}

static int
is_v4_route(json_object *r)
{
	const char *f = net_member_str(r, "family");
	const char *d = net_member_str(r, "dst");

	return (!f || strcmp(f, "inet") == 0) && !(d && strchr(d, ':'));
}

/* The names WSL gives adapters it mirrors or creates (§2.2). */
static int
is_adapter_name(const char *n)
{
	return n && (strncmp(n, "eth", 3) == 0 || strncmp(n, "wlan", 4) == 0);
}

static json_object *
find_link(json_object *snap, const char *name)
{
	json_object *links = net_array(snap, "links");

	for (size_t i = 0; links && i < json_object_array_length(links); i++) {
		json_object *l = json_object_array_get_idx(links, i);

		if (str_eq(net_member_str(l, "ifname"), name))
			return l;
	}
	return NULL;
}

/* UP in the flags, and operstate UP (or UNKNOWN, as lo reports). */
static int
link_is_up(json_object *l)
{
	json_object *flags;
	const char *st = net_member_str(l, "operstate");
	int up = 0;

	if (l && json_object_object_get_ex(l, "flags", &flags) &&
	    json_object_is_type(flags, json_type_array))
		for (size_t i = 0; i < json_object_array_length(flags); i++) {
			json_object *f = json_object_array_get_idx(flags, i);

			if (json_object_is_type(f, json_type_string) &&
			    strcmp(json_object_get_string(f), "UP") == 0)
				up = 1;
		}
	return up && (!st || !strcmp(st, "UP") || !strcmp(st, "UNKNOWN"));
}

/* The addr_info array of link NAME in net.addrs, or NULL. */
static json_object *
addr_info(json_object *snap, const char *name)
{
	json_object *addrs = net_array(snap, "addrs"), *info;

	for (size_t i = 0; addrs && i < json_object_array_length(addrs); i++) {
		json_object *a = json_object_array_get_idx(addrs, i);

		if (str_eq(net_member_str(a, "ifname"), name) &&
		    json_object_object_get_ex(a, "addr_info", &info) &&
		    json_object_is_type(info, json_type_array))
			return info;
	}
	return NULL;
}

static int
is_v4(json_object *ai)
{
	return str_eq(net_member_str(ai, "family"), "inet") &&
	    net_member_str(ai, "local");
}

int
network_table_routes(json_object *snap, const char *table)
{
	json_object *routes = net_array(snap, "routes");
	int n = 0;

	for (size_t i = 0; routes && i < json_object_array_length(routes);
	    i++) {
		json_object *r = json_object_array_get_idx(routes, i);

		if (is_v4_route(r) && str_eq(net_member_str(r, "table"), table))
			n++;
	}
	return n;
}

const char *
network_default_gateway(json_object *snap)
{
	json_object *routes = net_array(snap, "routes");

	for (size_t i = 0; routes && i < json_object_array_length(routes);
	    i++) {
		json_object *r = json_object_array_get_idx(routes, i);
		const char *t = net_member_str(r, "table");

		if (is_v4_route(r) && (!t || !strcmp(t, "main")) &&
		    str_eq(net_member_str(r, "dst"), "default") &&
		    net_member_str(r, "gateway"))
			return net_member_str(r, "gateway");
	}
	return NULL;
}

int
network_port_range(const char *text, size_t len, long *lo, long *hi)
{
	long v[2];
	size_t i = 0;

	for (int k = 0; k < 2; k++) {
		long n = 0;
		size_t digits = 0;

		while (i < len && (text[i] == ' ' || text[i] == '\t'))
			i++;
		while (i < len && isdigit((unsigned char)text[i]) &&
		    digits < 6) {
			n = n * 10 + (text[i++] - '0');
			digits++;
		}
		if (!digits || (i < len && isdigit((unsigned char)text[i])))
			return -1;
		v[k] = n;
	}
	while (i < len && isspace((unsigned char)text[i]))
		i++;
	if (i != len || v[0] > v[1] || v[1] > 65535)
		return -1;
	*lo = v[0];
	*hi = v[1];
	return 0;
}

void
network_why_free(char **why)
{
	facts_why_free(why);
}

struct why {
	char	***v;
	size_t	 n;
};

static void why_add(struct why *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
why_add(struct why *w, const char *fmt, ...)
{
	va_list ap;

	if (!w->v)
		return;
	*w->v = xreallocarray(*w->v, w->n + 2, sizeof **w->v);
	va_start(ap, fmt);
	(*w->v)[w->n++] = xvasprintf(fmt, ap);
	va_end(ap);
	(*w->v)[w->n] = NULL;
}

/* Step 1 of §2.4: the mirrored rule set and table 127. */
static int
mirrored_rules(json_object *snap, struct why *w)
{
	json_object *rules = net_array(snap, "rules");
	json_object *routes = net_array(snap, "routes");
	int found = 0, shown127 = 0, showniif = 0;

	for (size_t i = 0; rules && i < json_object_array_length(rules); i++) {
		json_object *r = json_object_array_get_idx(rules, i);
		long prio = member_int(r, "priority", -1);
		const char *table = net_member_str(r, "table");
		const char *iif = net_member_str(r, "iif");
		const char *proto = net_member_str(r, "ipproto");
		int t127 = prio == 1 && str_eq(table, "127");
		int lb0 = str_eq(iif, "loopback0");

		if (!is_v4_rule(r) || (!t127 && !lb0))
			continue;
		found++;
		/* One line of each kind is enough evidence. */
		if ((t127 && shown127++) || (lb0 && showniif++))
			continue;
		why_add(w, "rule %ld: from all%s%s%s%s lookup %s", prio,
		    iif ? " iif " : "", iif ? iif : "", proto ? " ipproto " :
		    "", proto ? proto : "", table ? table : "?");
	}
	if (!found)
		return 0;
	for (size_t i = 0; routes && i < json_object_array_length(routes);
	    i++) {
		json_object *r = json_object_array_get_idx(routes, i);
		const char *gw = net_member_str(r, "gateway");

		if (!is_v4_route(r) || !str_eq(net_member_str(r, "table"),
		    "127"))
			continue;
		why_add(w, "table 127: %s via %s dev %s%s",
		    net_member_str(r, "dst") ? net_member_str(r, "dst") : "?",
		    gw ? gw : "-", net_member_str(r, "dev") ?
		    net_member_str(r, "dev") : "?",
		    gw && strncmp(gw, "169.254.", 8) == 0 ?
		    " (WSL's loopback gateway)" : "");
	}
	if (!network_table_routes(snap, "127"))
		why_add(w, "table 127 is empty: 127.0.0.1 does not reach "
		    "Windows");
	return 1;
}

static void
port_range_evidence(json_object *snap, struct why *w, long *width)
{
	size_t len;
	char *text = snap_file_data(snap, PORT_RANGE_FILE, &len);
	long lo, hi;

	*width = -1;
	if (text && network_port_range(text, len, &lo, &hi) == 0) {
		*width = hi - lo + 1;
		why_add(w, "ip_local_port_range %ld-%ld (%ld ports%s)", lo,
		    hi, *width, *width == 4096 ? ", a window Windows "
		    "reserved for mirrored mode" : lo == 32768 &&
		    hi == 60999 ? ", the Linux default" : "");
	}
	free(text);
}

static int
count_noprefixroute(json_object *snap)
{
	json_object *addrs = net_array(snap, "addrs");
	int n = 0;

	for (size_t i = 0; addrs && i < json_object_array_length(addrs); i++) {
		json_object *a = json_object_array_get_idx(addrs, i), *info;

		if (!json_object_is_type(a, json_type_object) ||
		    !json_object_object_get_ex(a, "addr_info", &info) ||
		    !json_object_is_type(info, json_type_array))
			continue;
		for (size_t k = 0; k < json_object_array_length(info); k++)
			n += member_true(json_object_array_get_idx(info, k),
			    "noprefixroute");
	}
	return n;
}

/* Steps 3 and 4: no network, or the NAT shape (single eth0). */
static enum net_mode
classify_rest(json_object *snap, struct why *w, long width)
{
	json_object *links = net_array(snap, "links"), *eth0, *info;
	int adapters = 0, up_with_v4 = 0, v4 = 0, dyn = 0, npr = 0;
	const char *gw = network_default_gateway(snap), *addr = NULL;
	json_object *lo_info = addr_info(snap, "lo");

	for (size_t i = 0; links && i < json_object_array_length(links); i++) {
		json_object *l = json_object_array_get_idx(links, i);
		const char *n = net_member_str(l, "ifname");
		json_object *ai = addr_info(snap, n);

		if (!is_adapter_name(n))
			continue;
		adapters++;
		for (size_t k = 0; ai && k < json_object_array_length(ai); k++)
			if (is_v4(json_object_array_get_idx(ai, k)) &&
			    link_is_up(l))
				up_with_v4++;
	}
	if (!up_with_v4) {
		int tun = 0;

		for (size_t k = 0; lo_info &&
		    k < json_object_array_length(lo_info); k++)
			tun |= str_eq(net_member_str(json_object_array_get_idx(
			    lo_info, k), "local"), "10.255.255.254");
		why_add(w, "no adapter is up with an IPv4 address (%d "
		    "adapter link%s)", adapters, adapters == 1 ? "" : "s");
		eth0 = find_link(snap, "eth0");
		if (tun || (eth0 && !link_is_up(eth0)))
			why_add(w, "%s: mirrored/NAT initialisation probably "
			    "failed", tun ? "lo has 10.255.255.254 (DNS "
			    "tunneling was set up)" : "eth0 exists but is "
			    "down");
		return NET_MODE_NONE;
	}
	eth0 = find_link(snap, "eth0");
	info = addr_info(snap, "eth0");
	for (size_t k = 0; info && k < json_object_array_length(info); k++) {
		json_object *ai = json_object_array_get_idx(info, k);

		if (!is_v4(ai))
			continue;
		v4++;
		addr = net_member_str(ai, "local");
		dyn |= member_true(ai, "dynamic");
		npr |= member_true(ai, "noprefixroute");
	}
	if (adapters != 1 || !eth0 || v4 != 1 || npr || !gw) {
		why_add(w, "%d adapter link%s, eth0 with %d IPv4 address%s%s, "
		    "%s: not a WSL shape", adapters, adapters == 1 ? "" : "s",
		    v4, v4 == 1 ? "" : "es", npr ? " (noprefixroute)" : "",
		    gw ? "a default gateway" : "no default gateway");
		return NET_MODE_UNKNOWN;
	}
	why_add(w, "single adapter eth0 with %s, default via %s", addr, gw);
	if (str_eq(net_member_str(eth0, "address"), CONSOMME_MAC)) {
		why_add(w, "eth0 MAC %s is consomme's virtio adapter",
		    CONSOMME_MAC);
		return NET_MODE_CONSOMME;
	}
	if (width == 4096)
		why_add(w, "but the port range is a mirrored window");
	if (dyn) {
		why_add(w, "eth0's address has a limited lifetime (DHCP): "
		    "bridged looks like this, NAT too");
		return NET_MODE_NAT_OR_BRIDGED;
	}
	why_add(w, "permanent address, no noprefixroute: NAT (bridged "
	    "cannot be excluded by netlink alone)");
	return NET_MODE_NAT;
}

enum net_mode
network_classify(json_object *snap, char ***why)
{
	static const char *const parts[] = { "addrs", "routes", "rules" };
	struct why w = { why, 0 };
	json_object *eth0;
	long width;

	if (why)
		*why = NULL;
	if (!net_array(snap, "links")) {
		why_add(&w, "links, addresses and routes were not gathered");
		return NET_MODE_NOT_GATHERED;
	}
	/* A partial dump classifies as nothing rather than wrongly. */
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (!net_array(snap, parts[i])) {
			why_add(&w, "net.%s was not gathered: the mode cannot "
			    "be told from the rest", parts[i]);
			return NET_MODE_NOT_GATHERED;
		}
	eth0 = find_link(snap, "eth0");
	if (mirrored_rules(snap, &w)) {
		int npr = count_noprefixroute(snap);

		port_range_evidence(snap, &w, &width);
		if (eth0 && str_eq(net_member_str(eth0, "address"),
		    CONSOMME_MAC)) {
			why_add(&w, "eth0 MAC %s is consomme's virtio adapter",
			    CONSOMME_MAC);
			return NET_MODE_CONSOMME;
		}
		if (npr)
			why_add(&w, "%d address%s with noprefixroute "
			    "(mirrored from Windows)", npr, npr == 1 ? "" :
			    "es");
		why_add(&w, "table 128 has %d route%s (hostAddressLoopback)",
		    network_table_routes(snap, "128"),
		    network_table_routes(snap, "128") == 1 ? "" : "s");
		return NET_MODE_MIRRORED;
	}
	port_range_evidence(snap, &w, &width);
	if (find_link(snap, "loopback0")) {
		why_add(&w, "link loopback0 exists but no rule looks up table "
		    "127 or comes in on loopback0: consomme without "
		    "localhost rules, or mirrored still initialising");
		return NET_MODE_LOOPBACK0_ONLY;
	}
	why_add(&w, "no loopback0 link and no mirrored rules");
	return classify_rest(snap, &w, width);
}

enum net_mode
network_live_mode(json_object *snap, int *from_wslinfo)
{
	const char *m = snap_str(snap, "wsl.wslinfo.networking_mode");
	enum net_mode mode = network_mode_parse(m);

	if (from_wslinfo)
		*from_wslinfo = m && mode != NET_MODE_UNKNOWN;
	if (m && mode != NET_MODE_UNKNOWN)
		return mode;
	return network_classify(snap, NULL);
}

int
network_is_wsl2(json_object *snap)
{
	int active = snap_bool(snap, "active_probes");

	if (active >= 0)
		return active;
	/* A hand-made snapshot: trust it unless the kernel says otherwise. */
	return !snap_str(snap, "system.kernel_release") ||
	    facts_wsl_kind(snap, NULL) == ENV_WSL2;
}
