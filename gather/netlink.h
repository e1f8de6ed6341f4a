/* SPDX-License-Identifier: MIT */
/*
 * Links, addresses, routes of every table and IPv4/IPv6 rules, dumped
 * through rtnetlink (libnl-route parses the messages) without privileges,
 * into a snapshot fragment's "net" object in the field names and shapes
 * of iproute2's `ip -json link/addr/route/rule` (interface.md §4).  Every
 * receive is bounded by poll() and a deadline, so a stuck kernel socket
 * cannot hang the probe.
 */
#ifndef WSLPROBE_GATHER_NETLINK_H
#define WSLPROBE_GATHER_NETLINK_H

#include <json-c/json.h>

#include "engine/ctx.h"

#define NETLINK_DEFAULT_MS	2000	/* netlink_gather's own bound */

/*
 * Fills FRAGMENT.net with "links", "addrs", "routes" and "rules" (rules
 * carry a "family" member, "inet" or "inet6", which `ip -json rule`
 * leaves out).  Returns 0, or -1 with *error set (allocated) when a dump
 * failed or ran past the deadline; what was read before stays filled.
 */
int	netlink_gather(json_object *fragment, char **error);
/* The same with an explicit monotonic deadline (clock_mono_ms()). */
int	netlink_gather_until(json_object *fragment, long long deadline_ms,
	    char **error);

/*
 * The shared netlink gather (WP_NEED_NET): one dump per run, bounded by
 * CTX's deadline.  Counts dumps for the tests (netlink_dump_count).
 */
int	netlink_shared_gather(struct wp_ctx *, json_object *fragment);
/* How many netlink dumps this process has made. */
unsigned	netlink_dump_count(void);

#endif
