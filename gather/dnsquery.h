/* SPDX-License-Identifier: MIT */
/*
 * Live DNS queries with c-ares: every query of a run at once, one
 * channel per server, port and transport, all driven by one poll loop
 * bounded by a deadline (c-ares 1.18 has no ares_queue_wait_empty).
 * Answers are taken raw (ARES_FLAG_NOCHECKRESP) so a SERVFAIL or
 * REFUSED answer is recorded as such instead of being retried away.
 */
#ifndef WSLPROBE_GATHER_DNSQUERY_H
#define WSLPROBE_GATHER_DNSQUERY_H

#include <stddef.h>

struct dnsq_state;

struct dnsq {
	/* in */
	const char	*server;	/* IPv4 or IPv6 text */
	unsigned	 port;
	int		 tcp;		/* 1: TCP (ARES_FLAG_USEVC), 0: UDP */
	const char	*name;		/* as given; search applies as glibc */
	char *const	*search;	/* search domains, or NULL */
	size_t		 n_search;
	long		 ndots;
	/* out */
	const char	*outcome;	/* answered, refused, timeout, error */
	char		*qname;		/* the name of the last query sent */
	int		 rcode;		/* -1 without an answer */
	int		 answers;	/* ANCOUNT of the last answer */
	char		**addrs;	/* A records of the last answer */
	size_t		 n_addrs;
	long		 ms;		/* from the start to the outcome */
	char		*error;		/* c-ares' reason when not answered */
	struct dnsq_state *st;		/* private */
};

/*
 * Runs Q[0..N) concurrently until all have an outcome or DEADLINE_MS
 * (monotonic) is reached; unfinished queries end as "timeout".
 */
void		 dnsquery_run(struct dnsq *q, size_t n, long long deadline_ms);
void		 dnsquery_release(struct dnsq *);
/* "NOERROR", "SERVFAIL", ... or "RCODE<n>". */
const char	*dnsquery_rcode_name(int rcode);

#endif
