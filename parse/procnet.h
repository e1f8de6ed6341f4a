/* SPDX-License-Identifier: MIT */
/*
 * Rows of /proc/net/udp, tcp, udp6 and tcp6 (proc(5)): who listens where,
 * seen without sending a packet.  Addresses are printed by the kernel
 * as the 32-bit word in host byte order (%08X), so 10.255.255.254:53
 * reads `FEFFFF0A:0035` on the little-endian machines WSL runs on
 * (wsl-facts.md §4.3).  The text is hostile input: any bytes are safe.
 */
#ifndef WSLPROBE_PARSE_PROCNET_H
#define WSLPROBE_PARSE_PROCNET_H

#include <stddef.h>

#define PROCNET_TCP_LISTEN	0x0A
#define PROCNET_UDP_UNCONN	0x07

struct procnet_row {
	char		 local[46];	/* dotted IPv4 or IPv6 text
					   (/proc/net/tcp6, udp6) */
	unsigned	 port;
	unsigned	 state;		/* the st column */
};

/*
 * Calls FN for every well-formed row of TEXT whose local port is PORT
 * (any port when PORT is 0).  Returns the number of such rows, or -1
 * when TEXT does not look like a /proc/net/udp|tcp table at all.
 */
long	procnet_scan(const char *text, size_t len, unsigned port,
	    void (*fn)(void *, const struct procnet_row *), void *arg);

#endif
