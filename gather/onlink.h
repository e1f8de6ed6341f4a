/* SPDX-License-Identifier: MIT */
/*
 * The one rule for every active probe (interface.md §2, --root): on a
 * live system every target is probed; under --root, files come from the
 * tree but packets leave from the current network namespace, so only a
 * target that namespace holds or reaches on-link is probed: loopback,
 * an address of one of its interfaces, or an address covered by a
 * directly connected route (no gateway; a default route never counts).
 * Anything else is `not-run` with the reason, so a tree can never make
 * wslprobe send a packet off the machine.  Decided from the live netlink
 * dump (the shared facts), never from the tree.
 */
#ifndef WSLPROBE_GATHER_ONLINK_H
#define WSLPROBE_GATHER_ONLINK_H

#include <stddef.h>

#include <json-c/json.h>

/*
 * NULL when ADDR (numeric IPv4/IPv6) may be probed under ROOT (NULL or
 * "/": live) given SHARED's live "net"; otherwise why not, a static
 * string starting "not run: ".
 */
const char	*onlink_refusal(const char *root, json_object *shared,
		    const char *addr);

#endif
