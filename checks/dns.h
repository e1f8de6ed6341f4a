/* SPDX-License-Identifier: MIT */
/*
 * The dns check (wsl-facts.md §4): which resolv.conf is in effect and
 * who wrote it, whether DNS tunneling's listener is there (seen in
 * /proc/net without a packet), and live queries to every nameserver in
 * effect over UDP and TCP.  The judge and the facts it reads from the
 * snapshot are exposed for unit tests.
 */
#ifndef WSLPROBE_CHECKS_DNS_H
#define WSLPROBE_CHECKS_DNS_H

#include <json-c/json.h>

#include "engine/expect.h"
#include "facts/netmode.h"
#include "facts/state.h"
#include "parse/resolvconf.h"
#include "engine/result.h"

#define DNS_TUNNEL_ADDR		"10.255.255.254"
#define DNS_TUNNEL_ADDR_20	"127.0.0.42"	/* WSL 2.0.x */
#define DNS_RESOLVED_STUB	"127.0.0.53"
#define DNS_DEFAULT_NAME	"www.msftconnecttest.com"

/* What the judge knows about resolv.conf, from the snapshot. */
struct dns_facts {
	int			 wsl2;		/* environment is WSL2 */
	int			 present;	/* /etc/resolv.conf was read */
	enum fact_state		 state;		/* ... present, absent or
						   not gathered */
	const char		*error;		/* why not, or NULL */
	enum fact_state		 wsl_file_state; /* /mnt/wsl/resolv.conf */
	const char		*link_target;	/* NULL: not a symlink */
	int			 wsl_link;	/* → <automount>wsl/resolv.conf */
	int			 stub;		/* systemd-resolved's stub */
	struct resolvconf	 rc;		/* /etc/resolv.conf */
	int			 have_wsl_file;	/* /mnt/wsl/resolv.conf read */
	struct resolvconf	 wsl_rc;	/* WSL's own file */
	int			 have_resolved;	/* resolved's upstream file */
	struct resolvconf	 resolved_rc;
	int			 procnet;	/* /proc/net/udp was read */
	const char		*mode;		/* wslinfo networking mode */
	enum net_mode		 live;		/* the mode the VM runs */
	const char		*version;	/* wslinfo version */
	char			*gateway;	/* default IPv4 gateway (net) */
};

void	dns_facts_read(json_object *snap, struct dns_facts *);
void	dns_facts_release(struct dns_facts *);
/* 1 when a listener on ADDR:53 shows in /proc/net/TRANSPORT, 0 when
 * not, -1 when that file was not read. */
int	dns_listener(json_object *snap, const char *addr,
	    const char *transport);
/* "could not read /etc/resolv.conf: ..." or "not gathered: ...". */
const char *dns_not_gathered(const struct dns_facts *, char *buf,
	    size_t size);
/* 1 when a live query to ADDR got an answer (probes.dns). */
int	dns_answered(json_object *snap, const char *addr);
/* Evidence lines shared by several verdicts. */
void	dns_evidence_file(struct wp_result *, const struct dns_facts *);
void	dns_evidence_listener(struct wp_result *, json_object *snap,
	    const char *addr);
/* The live results, one dns.server per server and transport. */
void	dns_judge_servers(json_object *snap, const struct dns_facts *,
	    struct wp_results *);
int	check_dns_judge(json_object *snap, const struct wp_expect *,
	    struct wp_results *);

#endif
