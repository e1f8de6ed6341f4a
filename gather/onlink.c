/* SPDX-License-Identifier: MIT */
/* Which targets an active probe may reach under --root; see onlink.h. */
#include "config.h"

#include "gather/onlink.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/snapshot.h"

struct ip {
	int		 family;
	unsigned char	 b[16];
};

static int
parse_ip(const char *s, struct ip *ip)
{
	char buf[INET6_ADDRSTRLEN + 8];
	char *pct;

	if (!s || strlen(s) >= sizeof buf)
		return -1;
	snprintf(buf, sizeof buf, "%s", s);
	pct = strchr(buf, '%');		/* fe80::1%eth0 */
	if (pct)
		*pct = '\0';
	memset(ip, 0, sizeof *ip);
	if (inet_pton(AF_INET, buf, ip->b) == 1)
		ip->family = AF_INET;
	else if (inet_pton(AF_INET6, buf, ip->b) == 1)
		ip->family = AF_INET6;
	else
		return -1;
	return 0;
}

/* 1 when the first PLEN bits of A and B agree. */
static int
same_prefix(const struct ip *a, const struct ip *b, unsigned plen)
{
	unsigned full = plen / 8, rest = plen % 8;

	if (a->family != b->family)
		return 0;
	if (memcmp(a->b, b->b, full) != 0)
		return 0;
	return !rest || ((a->b[full] ^ b->b[full]) &
	    (unsigned char)(0xff << (8 - rest))) == 0;
}

static int
is_loopback(const struct ip *ip)
{
	static const unsigned char v6lo[16] = { [15] = 1 };

	return (ip->family == AF_INET && ip->b[0] == 127) ||
	    (ip->family == AF_INET6 && memcmp(ip->b, v6lo, 16) == 0);
}

static json_object *
array(json_object *shared, const char *dotted)
{
	json_object *a = snap_get(shared, dotted);

	return a && json_object_is_type(a, json_type_array) ? a : NULL;
}

/* An address of one of the live interfaces. */
static int
is_own(json_object *shared, const struct ip *t)
{
	json_object *addrs = array(shared, "net.addrs");

	for (size_t i = 0; addrs && i < json_object_array_length(addrs); i++) {
		json_object *info = snap_get(json_object_array_get_idx(addrs,
		    i), "addr_info");

		for (size_t k = 0; info && json_object_is_type(info,
		    json_type_array) && k < json_object_array_length(info);
		    k++) {
			struct ip a;

			if (parse_ip(snap_str(json_object_array_get_idx(info, k),
			    "local"), &a) == 0 && same_prefix(&a, t, a.family ==
			    AF_INET ? 32 : 128))
				return 1;
		}
	}
	return 0;
}

/* Covered by a directly connected unicast route of the main table. */
static int
is_on_link(json_object *shared, const struct ip *t)
{
	json_object *routes = array(shared, "net.routes");

	for (size_t i = 0; routes && i < json_object_array_length(routes);
	    i++) {
		json_object *r = json_object_array_get_idx(routes, i);
		const char *dst = snap_str(r, "dst"), *table = snap_str(r,
		    "table");
		char buf[INET6_ADDRSTRLEN + 8], *slash;
		struct ip net;
		unsigned long plen;

		if (!dst || strcmp(dst, "default") == 0 || snap_str(r,
		    "gateway") || snap_str(r, "type") || (table &&
		    strcmp(table, "main") != 0) || strlen(dst) >= sizeof buf)
			continue;
		snprintf(buf, sizeof buf, "%s", dst);
		slash = strchr(buf, '/');
		if (slash)
			*slash++ = '\0';
		if (parse_ip(buf, &net) < 0)
			continue;
		plen = slash ? strtoul(slash, NULL, 10) : net.family ==
		    AF_INET ? 32 : 128;
		if (plen == 0 || plen > (net.family == AF_INET ? 32u : 128u))
			continue;
		if (same_prefix(&net, t, (unsigned)plen))
			return 1;
	}
	return 0;
}

const char *
onlink_refusal(const char *root, json_object *shared, const char *addr)
{
	struct ip t;

	if (!root || !*root || strcmp(root, "/") == 0)
		return NULL;
	if (parse_ip(addr, &t) < 0)
		return "not run: not a numeric address";
	if (is_loopback(&t) || is_own(shared, &t) || is_on_link(shared, &t))
		return NULL;
	return "not run: under --root only targets this network namespace "
	    "holds or reaches on-link are probed (an address of its own, "
	    "loopback, or a directly connected network), so a tree never "
	    "sends a packet off the machine";
}
