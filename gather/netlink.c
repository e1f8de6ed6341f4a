/* SPDX-License-Identifier: MIT */
/*
 * rtnetlink dumps into `ip -json` shapes; see netlink.h.  The socket is
 * non-blocking and every receive waits in poll() for at most what is
 * left before the deadline; libnl's cache parsers turn each message into
 * an object (the same code `nl-route-list` uses), and this file turns the
 * objects into JSON.  All dumps here are unprivileged (wsl-facts.md top).
 */
#include "config.h"

#include "gather/netlink.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include <linux/fib_rules.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include <netlink/addr.h>
#include <netlink/cache.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/route.h>
#include <netlink/route/rule.h>
#include <netlink/socket.h>

#include "util/clock.h"
#include "engine/snapshot.h"
#include "util/xalloc.h"

#define NL_MAX_MESSAGES	100000	/* per dump: a hostile kernel cannot loop us */

/* Runs one dump into CACHE.  Returns 0 or -1 with *error set. */
static int
dump(struct nl_sock *sk, int type, int family, struct nl_cache *cache,
    long long deadline, char **error)
{
	struct pollfd pfd = { .fd = nl_socket_get_fd(sk), .events = POLLIN };
	long count = 0;
	int err;

	err = nl_rtgen_request(sk, type, family, NLM_F_DUMP);
	if (err < 0) {
		*error = xasprintf("netlink request %d: %s", type,
		    nl_geterror(err));
		return -1;
	}
	for (;;) {
		struct sockaddr_nl nla;
		unsigned char *buf = NULL;
		struct nlmsghdr *h;
		long left = (long)(deadline - clock_mono_ms());
		int n, pr;

		if (left <= 0) {
			*error = xasprintf("netlink dump %d: no answer "
			    "before the deadline", type);
			return -1;
		}
		pr = poll(&pfd, 1, (int)left);
		if (pr < 0 && errno == EINTR)
			continue;
		if (pr < 0) {
			*error = xasprintf("netlink poll: %s", strerror(errno));
			return -1;
		}
		if (pr == 0)
			continue;	/* the deadline test above ends it */
		n = nl_recv(sk, &nla, &buf, NULL);
		if (n == 0 || n == -NLE_AGAIN) {
			free(buf);
			continue;
		}
		if (n < 0) {
			*error = xasprintf("netlink receive: %s",
			    nl_geterror(n));
			return -1;
		}
		h = (struct nlmsghdr *)(void *)buf;
		for (; nlmsg_ok(h, n); h = nlmsg_next(h, &n)) {
			struct nl_msg *msg;

			if (h->nlmsg_type == NLMSG_DONE) {
				free(buf);
				return 0;
			}
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = nlmsg_data(h);
				int code = (size_t)h->nlmsg_len >=
				    (size_t)nlmsg_size(sizeof *e)
				    ? -e->error : EPROTO;

				*error = xasprintf("netlink dump %d: %s", type,
				    strerror(code));
				free(buf);
				return -1;
			}
			if (++count > NL_MAX_MESSAGES) {
				*error = xasprintf("netlink dump %d: more "
				    "than %d messages", type, NL_MAX_MESSAGES);
				free(buf);
				return -1;
			}
			msg = nlmsg_convert(h);
			if (msg) {
				/* An unparsable object is skipped, not fatal. */
				(void)nl_cache_parse_and_add(cache, msg);
				nlmsg_free(msg);
			}
		}
		free(buf);
	}
}

static void
add_str(json_object *o, const char *key, const char *v)
{
	json_object_object_add(o, key, json_object_new_string(v));
}

static void
add_int(json_object *o, const char *key, long long v)
{
	json_object_object_add(o, key, json_object_new_int64(v));
}

/* An nl_addr as text without the prefix length; "" when empty. */
static void
addr_text(struct nl_addr *a, char *buf, size_t len)
{
	int fam = a ? nl_addr_get_family(a) : 0;
	unsigned n = a ? nl_addr_get_len(a) : 0;

	buf[0] = '\0';
	if (!a || !n)
		return;
	if ((fam == AF_INET && n == 4) || (fam == AF_INET6 && n == 16))
		inet_ntop(fam, nl_addr_get_binary_addr(a), buf,
		    (socklen_t)len);
	else
		nl_addr2str(a, buf, len);	/* link layer: aa:bb:... */
}

/* ip -json: "192.0.2.0/24", a host route without "/32", or "default". */
static void
prefix_text(struct nl_addr *a, int family, char *buf, size_t len)
{
	char t[INET6_ADDRSTRLEN + 8];
	unsigned plen = a ? nl_addr_get_prefixlen(a) : 0;
	unsigned full = family == AF_INET6 ? 128 : 32;

	if (!a || (plen == 0 && nl_addr_iszero(a))) {
		snprintf(buf, len, "default");
		return;
	}
	addr_text(a, t, sizeof t);
	if (!t[0])
		snprintf(buf, len, "default");
	else if (plen == full)
		snprintf(buf, len, "%s", t);
	else
		snprintf(buf, len, "%s/%u", t, plen);
}

static const char *
operstate_name(unsigned st)
{
	static const char *const names[] = { "UNKNOWN", "NOTPRESENT", "DOWN",
	    "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP" };

	return st < sizeof names / sizeof names[0] ? names[st] : "UNKNOWN";
}

static const char *
link_type_name(unsigned t)
{
	switch (t) {
	case ARPHRD_ETHER:	return "ether";
	case ARPHRD_LOOPBACK:	return "loopback";
	case ARPHRD_NONE:	return "none";
	case ARPHRD_IPGRE:	return "gre";
	case ARPHRD_TUNNEL:	return "ipip";
	case ARPHRD_TUNNEL6:	return "tunnel6";
	case ARPHRD_SIT:	return "sit";
	case ARPHRD_INFINIBAND:	return "infiniband";
	default:		return "other";
	}
}

static json_object *
link_flags(unsigned f)
{
	static const struct { unsigned bit; const char *name; } t[] = {
		{ IFF_LOOPBACK, "LOOPBACK" }, { IFF_BROADCAST, "BROADCAST" },
		{ IFF_POINTOPOINT, "POINTOPOINT" },
		{ IFF_MULTICAST, "MULTICAST" }, { IFF_NOARP, "NOARP" },
		{ IFF_ALLMULTI, "ALLMULTI" }, { IFF_PROMISC, "PROMISC" },
		{ IFF_NOTRAILERS, "NOTRAILERS" }, { IFF_DEBUG, "DEBUG" },
		{ IFF_DYNAMIC, "DYNAMIC" }, { IFF_AUTOMEDIA, "AUTOMEDIA" },
		{ IFF_PORTSEL, "PORTSEL" }, { IFF_MASTER, "MASTER" },
		{ IFF_SLAVE, "SLAVE" }, { IFF_UP, "UP" },
		{ 0x10000, "LOWER_UP" }, { 0x20000, "DORMANT" },
		{ 0x40000, "ECHO" },
	};
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (f & t[i].bit)
			json_object_array_add(a,
			    json_object_new_string(t[i].name));
	return a;
}

/* The link fields `ip -json link` and `ip -json addr` share. */
static json_object *
link_json(struct rtnl_link *l, int full)
{
	json_object *o = json_object_new_object();
	char buf[128];
	const char *name = rtnl_link_get_name(l);

	add_int(o, "ifindex", rtnl_link_get_ifindex(l));
	add_str(o, "ifname", name ? name : "");
	json_object_object_add(o, "flags",
	    link_flags(rtnl_link_get_flags(l)));
	add_int(o, "mtu", rtnl_link_get_mtu(l));
	add_str(o, "operstate", operstate_name(rtnl_link_get_operstate(l)));
	if (!full)
		return o;
	add_str(o, "link_type", link_type_name(rtnl_link_get_arptype(l)));
	addr_text(rtnl_link_get_addr(l), buf, sizeof buf);
	if (buf[0])
		add_str(o, "address", buf);
	addr_text(rtnl_link_get_broadcast(l), buf, sizeof buf);
	if (buf[0])
		add_str(o, "broadcast", buf);
	return o;
}

static const char *
scope_name(int scope, char *buf, size_t len)
{
	switch (scope) {
	case RT_SCOPE_UNIVERSE:	return "global";
	case RT_SCOPE_SITE:	return "site";
	case RT_SCOPE_LINK:	return "link";
	case RT_SCOPE_HOST:	return "host";
	case RT_SCOPE_NOWHERE:	return "nowhere";
	default:
		snprintf(buf, len, "%d", scope);
		return buf;
	}
}

static json_object *
addr_info_json(struct rtnl_addr *a)
{
	static const struct { unsigned bit; const char *name; } t[] = {
		{ IFA_F_SECONDARY, "secondary" }, { IFA_F_NODAD, "nodad" },
		{ IFA_F_OPTIMISTIC, "optimistic" },
		{ IFA_F_DADFAILED, "dadfailed" },
		{ IFA_F_HOMEADDRESS, "home" },
		{ IFA_F_DEPRECATED, "deprecated" },
		{ IFA_F_TENTATIVE, "tentative" },
		{ IFA_F_MANAGETEMPADDR, "mngtmpaddr" },
		{ IFA_F_NOPREFIXROUTE, "noprefixroute" },
		{ IFA_F_MCAUTOJOIN, "autojoin" },
		{ IFA_F_STABLE_PRIVACY, "stable-privacy" },
	};
	json_object *o = json_object_new_object();
	int fam = rtnl_addr_get_family(a);
	unsigned flags = rtnl_addr_get_flags(a);
	char buf[INET6_ADDRSTRLEN + 8], sb[16];
	const char *label = rtnl_addr_get_label(a);

	add_str(o, "family", fam == AF_INET ? "inet" : fam == AF_INET6 ?
	    "inet6" : "other");
	addr_text(rtnl_addr_get_local(a), buf, sizeof buf);
	add_str(o, "local", buf);
	add_int(o, "prefixlen", rtnl_addr_get_prefixlen(a));
	addr_text(rtnl_addr_get_broadcast(a), buf, sizeof buf);
	if (buf[0])
		add_str(o, "broadcast", buf);
	add_str(o, "scope", scope_name(rtnl_addr_get_scope(a), sb,
	    sizeof sb));
	if (!(flags & IFA_F_PERMANENT))
		json_object_object_add(o, "dynamic",
		    json_object_new_boolean(1));
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (flags & t[i].bit)
			json_object_object_add(o, t[i].name,
			    json_object_new_boolean(1));
	if (label && *label)
		add_str(o, "label", label);
	add_int(o, "valid_life_time", rtnl_addr_get_valid_lifetime(a));
	add_int(o, "preferred_life_time",
	    rtnl_addr_get_preferred_lifetime(a));
	return o;
}

static void
emit_links(struct nl_cache *links, json_object *net)
{
	json_object *arr = json_object_new_array();

	for (struct nl_object *o = nl_cache_get_first(links); o;
	    o = nl_cache_get_next(o))
		json_object_array_add(arr, link_json((struct rtnl_link *)o, 1));
	json_object_object_add(net, "links", arr);
}

static void
emit_addrs(struct nl_cache *links, struct nl_cache *addrs, json_object *net)
{
	json_object *arr = json_object_new_array();

	for (struct nl_object *o = nl_cache_get_first(links); o;
	    o = nl_cache_get_next(o)) {
		struct rtnl_link *l = (struct rtnl_link *)o;
		json_object *lo = link_json(l, 0), *info;
		int idx = rtnl_link_get_ifindex(l);

		info = json_object_new_array();
		for (struct nl_object *p = nl_cache_get_first(addrs); p;
		    p = nl_cache_get_next(p)) {
			struct rtnl_addr *a = (struct rtnl_addr *)p;

			if (rtnl_addr_get_ifindex(a) == idx)
				json_object_array_add(info, addr_info_json(a));
		}
		json_object_object_add(lo, "addr_info", info);
		json_object_array_add(arr, lo);
	}
	json_object_object_add(net, "addrs", arr);
}

/* Table names as iproute2 prints them; main is left out, as ip does. */
static const char *
table_name(uint32_t t, char *buf, size_t len)
{
	switch (t) {
	case RT_TABLE_LOCAL:	return "local";
	case RT_TABLE_MAIN:	return "main";
	case RT_TABLE_DEFAULT:	return "default";
	case RT_TABLE_UNSPEC:	return "unspec";
	default:
		snprintf(buf, len, "%u", t);
		return buf;
	}
}

static const char *
proto_name(unsigned p, char *buf, size_t len)
{
	switch (p) {
	case RTPROT_UNSPEC:	return "unspec";
	case RTPROT_REDIRECT:	return "redirect";
	case RTPROT_KERNEL:	return "kernel";
	case RTPROT_BOOT:	return "boot";
	case RTPROT_STATIC:	return "static";
	case RTPROT_RA:		return "ra";
	case RTPROT_DHCP:	return "dhcp";
	default:
		snprintf(buf, len, "%u", p);
		return buf;
	}
}

static const char *
route_type_name(unsigned t)
{
	static const char *const names[] = { "unspec", "unicast", "local",
	    "broadcast", "anycast", "multicast", "blackhole", "unreachable",
	    "prohibit", "throw", "nat", "xresolve" };

	return t < sizeof names / sizeof names[0] ? names[t] : "other";
}

static void
nexthop_json(struct rtnl_nexthop *nh, struct nl_cache *links,
    json_object *o)
{
	char buf[INET6_ADDRSTRLEN + 8];
	unsigned f = rtnl_route_nh_get_flags(nh);
	json_object *flags = json_object_new_array();
	int idx = rtnl_route_nh_get_ifindex(nh);

	addr_text(rtnl_route_nh_get_gateway(nh), buf, sizeof buf);
	if (buf[0])
		add_str(o, "gateway", buf);
	if (idx > 0) {
		char name[IFNAMSIZ + 1];

		if (rtnl_link_i2name(links, idx, name, sizeof name))
			add_str(o, "dev", name);
		else
			add_str(o, "dev", "?");
	}
	if (f & RTNH_F_ONLINK)
		json_object_array_add(flags, json_object_new_string("onlink"));
	if (f & RTNH_F_LINKDOWN)
		json_object_array_add(flags,
		    json_object_new_string("linkdown"));
	if (f & RTNH_F_DEAD)
		json_object_array_add(flags, json_object_new_string("dead"));
	json_object_object_add(o, "flags", flags);
}

static void
emit_routes(struct nl_cache *links, struct nl_cache *routes, json_object *net)
{
	json_object *arr = json_object_new_array();

	for (struct nl_object *p = nl_cache_get_first(routes); p;
	    p = nl_cache_get_next(p)) {
		struct rtnl_route *r = (struct rtnl_route *)p;
		json_object *o = json_object_new_object();
		int fam = rtnl_route_get_family(r);
		unsigned type = rtnl_route_get_type(r);
		uint32_t table = rtnl_route_get_table(r);
		char buf[96], nb[16];
		int nnh = rtnl_route_get_nnexthops(r);

		if (type != RTN_UNICAST)
			add_str(o, "type", route_type_name(type));
		prefix_text(rtnl_route_get_dst(r), fam, buf, sizeof buf);
		add_str(o, "dst", buf);
		if (nnh == 1)
			nexthop_json(rtnl_route_nexthop_n(r, 0), links, o);
		if (table != RT_TABLE_MAIN)
			add_str(o, "table", table_name(table, nb, sizeof nb));
		if (rtnl_route_get_protocol(r) != RTPROT_BOOT)
			add_str(o, "protocol", proto_name(
			    rtnl_route_get_protocol(r), nb, sizeof nb));
		if (rtnl_route_get_scope(r) != RT_SCOPE_UNIVERSE)
			add_str(o, "scope", scope_name(
			    rtnl_route_get_scope(r), nb, sizeof nb));
		if (rtnl_route_get_priority(r))
			add_int(o, "metric", rtnl_route_get_priority(r));
		addr_text(rtnl_route_get_pref_src(r), buf, sizeof buf);
		if (buf[0])
			add_str(o, "prefsrc", buf);
		if (nnh > 1) {
			json_object *nhs = json_object_new_array();

			for (int i = 0; i < nnh; i++) {
				json_object *h = json_object_new_object();

				nexthop_json(rtnl_route_nexthop_n(r, i),
				    links, h);
				json_object_array_add(nhs, h);
			}
			json_object_object_add(o, "nexthops", nhs);
		}
		if (fam == AF_INET6)
			add_str(o, "family", "inet6");
		json_object_array_add(arr, o);
	}
	json_object_object_add(net, "routes", arr);
}

static void
rule_addr(json_object *o, const char *key, struct nl_addr *a)
{
	char buf[INET6_ADDRSTRLEN + 8];

	if (!a || nl_addr_get_len(a) == 0) {
		if (strcmp(key, "src") == 0)
			add_str(o, "src", "all");
		return;
	}
	addr_text(a, buf, sizeof buf);
	add_str(o, key, buf);
	add_int(o, strcmp(key, "src") == 0 ? "srclen" : "dstlen",
	    nl_addr_get_prefixlen(a));
}

static void
emit_rules(struct nl_cache *rules, json_object *arr)
{
	for (struct nl_object *p = nl_cache_get_first(rules); p;
	    p = nl_cache_get_next(p)) {
		struct rtnl_rule *r = (struct rtnl_rule *)p;
		json_object *o = json_object_new_object();
		int fam = rtnl_rule_get_family(r);
		uint8_t u8;
		char nb[16];
		const char *s;

		add_int(o, "priority", rtnl_rule_get_prio(r));
		rule_addr(o, "src", rtnl_rule_get_src(r));
		rule_addr(o, "dst", rtnl_rule_get_dst(r));
		s = rtnl_rule_get_iif(r);
		if (s && *s)
			add_str(o, "iif", s);
		s = rtnl_rule_get_oif(r);
		if (s && *s)
			add_str(o, "oif", s);
		if (rtnl_rule_get_ipproto(r, &u8) == 0)
			add_str(o, "ipproto", u8 == IPPROTO_TCP ? "tcp" :
			    u8 == IPPROTO_UDP ? "udp" : u8 == IPPROTO_ICMP ?
			    "icmp" : (snprintf(nb, sizeof nb, "ipproto-%u",
			    u8), nb));
		if (rtnl_rule_get_action(r) == FR_ACT_TO_TBL)
			add_str(o, "table", table_name(rtnl_rule_get_table(r),
			    nb, sizeof nb));
		else
			add_str(o, "action", rtnl_rule_get_action(r) ==
			    FR_ACT_GOTO ? "goto" : rtnl_rule_get_action(r) ==
			    FR_ACT_BLACKHOLE ? "blackhole" : "other");
		if (rtnl_rule_get_protocol(r, &u8) == 0 && u8 &&
		    u8 != RTPROT_KERNEL)
			add_str(o, "protocol", proto_name(u8, nb, sizeof nb));
		add_str(o, "family", fam == AF_INET6 ? "inet6" : "inet");
		json_object_array_add(arr, o);
	}
}

/* Dumps made, for the test that asserts one per run. */
static unsigned dumps;

unsigned
netlink_dump_count(void)
{
	return __atomic_load_n(&dumps, __ATOMIC_RELAXED);
}

int
netlink_gather_until(json_object *fragment, long long deadline,
    char **error)
{
	static const char *const kinds[] = { "route/link", "route/addr",
	    "route/route", "route/rule", "route/rule" };
	static const int types[] = { RTM_GETLINK, RTM_GETADDR, RTM_GETROUTE,
	    RTM_GETRULE, RTM_GETRULE };
	static const int fams[] = { AF_UNSPEC, AF_UNSPEC, AF_UNSPEC, AF_INET,
	    AF_INET6 };
	struct nl_cache *c[5] = { NULL };
	json_object *net = snap_obj(fragment, "net"), *rules;
	struct nl_sock *sk;
	int rc = 0, err;
	size_t i;

	*error = NULL;
	__atomic_add_fetch(&dumps, 1, __ATOMIC_RELAXED);
	sk = nl_socket_alloc();
	if (!sk) {
		*error = xstrdup("netlink: cannot allocate a socket");
		return -1;
	}
	err = nl_connect(sk, NETLINK_ROUTE);
	if (err < 0) {
		*error = xasprintf("netlink: %s", nl_geterror(err));
		nl_socket_free(sk);
		return -1;
	}
	nl_socket_set_nonblocking(sk);
	nl_socket_enable_msg_peek(sk);
	for (i = 0; i < 5 && rc == 0; i++) {
		err = nl_cache_alloc_name(kinds[i], &c[i]);
		if (err < 0) {
			*error = xasprintf("netlink cache %s: %s", kinds[i],
			    nl_geterror(err));
			rc = -1;
			break;
		}
		rc = dump(sk, types[i], fams[i], c[i], deadline, error);
	}
	if (c[0]) {
		emit_links(c[0], net);
		if (c[1])
			emit_addrs(c[0], c[1], net);
		if (c[2])
			emit_routes(c[0], c[2], net);
	}
	rules = json_object_new_array();
	for (i = 3; i < 5; i++)
		if (c[i])
			emit_rules(c[i], rules);
	json_object_object_add(net, "rules", rules);
	for (i = 0; i < 5; i++)
		if (c[i])
			nl_cache_free(c[i]);
	nl_socket_free(sk);
	return rc;
}

int
netlink_gather(json_object *fragment, char **error)
{
	return netlink_gather_until(fragment, clock_mono_ms() +
	    NETLINK_DEFAULT_MS, error);
}

int
netlink_shared_gather(struct wp_ctx *ctx, json_object *fragment)
{
	char *err = NULL;

	if (netlink_gather_until(fragment, ctx->deadline_ms, &err) < 0) {
		wp_ctx_error(ctx, "%s", err ? err : "netlink dump failed");
		free(err);
		return -1;
	}
	return 0;
}
