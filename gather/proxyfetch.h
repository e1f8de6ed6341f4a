/* SPDX-License-Identifier: MIT */
/*
 * Live requests through proxies with libcurl's multi interface: every
 * request of a run at once, one poll loop bounded by the deadline.
 *
 * libcurl is initialised lazily, once (pthread_once), by the first
 * proxyfetch_run: runs that do not gather the proxy check never pay for
 * curl_global_init (OpenSSL's set-up).  Names are never resolved here:
 * the caller hands addresses in (RESOLVE, from gather/hostresolve.c), so
 * libcurl starts no resolver thread and nothing outlives the deadline.
 */
#ifndef WSLPROBE_GATHER_PROXYFETCH_H
#define WSLPROBE_GATHER_PROXYFETCH_H

#include <stddef.h>

struct proxyfetch {
	/* in */
	const char	*proxy;		/* the value, credentials and all */
	const char	*url;		/* fetched (or tunnelled to) */
	int		 tunnel;	/* CONNECT to url's host:port only */
	char		*resolve[4];	/* "host:port:addr[,addr]" entries */
	/* out */
	const char	*outcome;	/* connected, refused, timeout,
					   dns-failure, error */
	long		 http_status;	/* 0 without a response */
	long		 connect_code;	/* the proxy's CONNECT answer, or 0 */
	long		 ms;
	char		*via;		/* Via: header, or NULL */
	char		*server;	/* Server: header, or NULL */
	char		*error;		/* scrubbed of credentials, or NULL */
};

/* Runs V[0..N) concurrently until all are done or DEADLINE_MS. */
void	proxyfetch_run(struct proxyfetch *v, size_t n, long long deadline_ms);
void	proxyfetch_release(struct proxyfetch *);
/* curl_global_cleanup, only when proxyfetch_run initialised libcurl. */
void	proxyfetch_global_cleanup(void);

#endif
