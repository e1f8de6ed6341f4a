/* SPDX-License-Identifier: MIT */
/*
 * Resolving proxy host names with c-ares under the run's deadline, so
 * that libcurl is handed addresses (CURLOPT_RESOLVE) and never starts
 * its own resolver thread, which could outlive the deadline (Debian's
 * libcurl resolves in a thread: AsynchDNS).
 */
#ifndef WSLPROBE_GATHER_HOSTRESOLVE_H
#define WSLPROBE_GATHER_HOSTRESOLVE_H

#include <stddef.h>

#define HOSTRESOLVE_MAX_ADDRS 8

struct hostq {
	/* in */
	const char	*name;
	/* out */
	const char	*outcome;	/* resolved, not-found, timeout, error */
	char		*addrs[HOSTRESOLVE_MAX_ADDRS];	/* numeric text */
	size_t		 n_addrs;
	char		*error;		/* c-ares' reason, or NULL */
	long		 ms;
};

/*
 * Resolves Q[0..N) at once until DEADLINE_MS (monotonic).  FILES_ONLY:
 * only the hosts file is read (no DNS packet is sent).
 */
void	hostresolve_run(struct hostq *q, size_t n, int files_only,
	    long long deadline_ms);
void	hostresolve_release(struct hostq *q);

#endif
