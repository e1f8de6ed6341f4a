/* SPDX-License-Identifier: MIT */
/*
 * Concurrent TCP connects: every target gets a non-blocking socket at
 * once and one poll() loop waits for all of them until a shared
 * deadline, so N dead targets cost one timeout, not N.
 */
#ifndef WSLPROBE_GATHER_TCPPROBE_H
#define WSLPROBE_GATHER_TCPPROBE_H

#include <stddef.h>

struct tcpprobe {
	const char	*host;		/* numeric IPv4 or IPv6 address */
	int		 port;
	const char	*outcome;	/* out: connected refused timeout error */
	long		 ms;		/* out: time until the outcome */
	int		 err;		/* out: errno for "error", else 0 */
};

/* Probes V[0..N) until DEADLINE_MS (monotonic, clock_mono_ms()). */
void	tcpprobe_run(struct tcpprobe *v, size_t n, long long deadline_ms);

#endif
