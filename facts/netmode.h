/* SPDX-License-Identifier: MIT */
/*
 * The networking mode the VM really runs, told from the rtnetlink
 * evidence in the snapshot (wsl-facts.md §2.4) and from wslinfo: a pure
 * function of the snapshot, shared by the network, localhost and DNS
 * checks; and the snapshot helpers they read "net" with.
 */
#ifndef WSLPROBE_FACTS_NETMODE_H
#define WSLPROBE_FACTS_NETMODE_H

#include <stddef.h>

#include <json-c/json.h>

enum net_mode {
	NET_MODE_UNKNOWN,		/* no WSL shape recognised */
	NET_MODE_NAT,
	NET_MODE_NAT_OR_BRIDGED,	/* netlink cannot tell them apart */
	NET_MODE_BRIDGED,		/* only wslinfo says this */
	NET_MODE_MIRRORED,
	NET_MODE_CONSOMME,
	NET_MODE_NONE,
	NET_MODE_LOOPBACK0_ONLY,	/* loopback0 but no 127/128 rules */
	NET_MODE_NOT_GATHERED,		/* no "net" in the snapshot */
};

/* "nat", "nat or bridged", "mirrored", ...: the text results show. */
const char	*network_mode_name(enum net_mode);
/* wslinfo's or .wslconfig's word (any case; virtioproxy = consomme). */
enum net_mode	 network_mode_parse(const char *);

/*
 * Classifies the snapshot's "net" and files alone (§2.4, first match
 * wins).  When WHY is not NULL it gets an allocated, NULL-terminated list
 * of evidence lines; free it with network_why_free.
 */
enum net_mode	 network_classify(json_object *snap, char ***why);
void		 network_why_free(char **why);
/*
 * The mode the VM runs: wslinfo's answer when there is one (it reports
 * the mode after WSL's fallbacks, §1.2), else the classification.
 * *FROM_WSLINFO (may be NULL) says which.
 */
enum net_mode	 network_live_mode(json_object *snap, int *from_wslinfo);
/* 1 when the snapshot is of a WSL2 VM (active probes were allowed). */
int		 network_is_wsl2(json_object *snap);

/*
 * Parses /proc/sys/net/ipv4/ip_local_port_range ("32768\t60999\n"):
 * returns 0 with *LO and *HI set, -1 for anything else.
 */
int		 network_port_range(const char *text, size_t len, long *lo,
		    long *hi);

/* Snapshot helpers shared with the localhost check. */
json_object	*net_array(json_object *snap, const char *what);
const char	*net_member_str(json_object *o, const char *key);
/* The IPv4 default gateway of the main table, or NULL. */
const char	*network_default_gateway(json_object *snap);
/* The number of IPv4 routes in TABLE ("127", "128"). */
int		 network_table_routes(json_object *snap, const char *table);

#endif
