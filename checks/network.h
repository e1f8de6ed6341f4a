/* SPDX-License-Identifier: MIT */
/*
 * The network check: which networking mode the VM really runs, told from
 * the rtnetlink evidence in the snapshot (wsl-facts.md §2.4) and from
 * wslinfo, and what else the network shows about .wslconfig.  The
 * classifier is a shared fact (facts/netmode.h).
 */
#ifndef WSLPROBE_CHECKS_NETWORK_H
#define WSLPROBE_CHECKS_NETWORK_H

#include <stddef.h>

#include <json-c/json.h>

#include "engine/expect.h"
#include "engine/result.h"
#include "facts/netmode.h"

/* network.interfaces and network.mtu (network_links.c). */
void		 network_judge_interfaces(json_object *snap, enum net_mode live,
		    struct wp_results *);
void		 network_judge_mtu(json_object *snap, struct wp_results *);

int		 check_network_judge(json_object *snap,
		    const struct wp_expect *, struct wp_results *);

#endif
