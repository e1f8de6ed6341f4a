/* SPDX-License-Identifier: MIT */
/* /proc/net/udp and /proc/net/tcp rows; see procnet.h. */
#include "config.h"

#include "parse/procnet.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Reads exactly N hex digits at *P; -1 when they are not there. */
static long
hexn(const char **p, const char *end, int n)
{
	long v = 0;

	for (int i = 0; i < n; i++) {
		int d = *p < end ? hexval(**p) : -1;

		if (d < 0)
			return -1;
		v = v * 16 + d;
		(*p)++;
	}
	return v;
}

static const char *
skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* The number of hex digits at P before END. */
static int
hex_run(const char *p, const char *end)
{
	int n = 0;

	while (p + n < end && hexval(p[n]) >= 0 && n < 40)
		n++;
	return n;
}

/*
 * An address of 8 hex digits (IPv4, /proc/net/tcp) or 32 (IPv6,
 * /proc/net/tcp6: four 32-bit words, each stored little-endian) into
 * TEXT; the width of the first address fixes the table's family.
 */
static int
parse_addr(const char **p, const char *end, int digits, char *text,
    size_t size)
{
	unsigned char b[16];

	if (hex_run(*p, end) != digits)
		return -1;
	for (int w = 0; w < digits / 8; w++) {
		long v = hexn(p, end, 8);

		for (int k = 0; k < 4; k++)
			b[w * 4 + k] = (unsigned char)((unsigned long)v >>
			    (8 * k));
	}
	if (digits == 8)
		snprintf(text, size, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
	else if (!inet_ntop(AF_INET6, b, text, (socklen_t)size))
		return -1;
	return 0;
}

/* "   0: FEFFFF0A:0035 00000000:0000 07 ..." */
static int
parse_row(const char *p, const char *end, struct procnet_row *row)
{
	long port, st;
	int digits;
	char remote[INET6_ADDRSTRLEN];

	p = skip_blanks(p, end);
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	if (p >= end || *p++ != ':')
		return -1;
	p = skip_blanks(p, end);
	digits = hex_run(p, end);
	if ((digits != 8 && digits != 32) || parse_addr(&p, end, digits,
	    row->local, sizeof row->local) < 0 || p >= end || *p++ != ':' ||
	    (port = hexn(&p, end, 4)) < 0)
		return -1;
	p = skip_blanks(p, end);
	if (parse_addr(&p, end, digits, remote, sizeof remote) < 0 ||
	    p >= end || *p++ != ':' || hexn(&p, end, 4) < 0)
		return -1;
	p = skip_blanks(p, end);
	if ((st = hexn(&p, end, 2)) < 0)
		return -1;
	row->port = (unsigned)port;
	row->state = (unsigned)st;
	return 0;
}

long
procnet_scan(const char *text, size_t len, unsigned port,
    void (*fn)(void *, const struct procnet_row *), void *arg)
{
	const char *p = text, *end = text ? text + len : NULL;
	long found = 0;
	int header = 0;

	if (!text)
		return -1;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		struct procnet_row row;

		if (!header) {
			const char *q = skip_blanks(p, le);

			header = (size_t)(le - q) >= 2 && q[0] == 's' &&
			    q[1] == 'l';
			if (!header)
				return -1;
		} else if (parse_row(p, le, &row) == 0 &&
		    (port == 0 || row.port == port)) {
			found++;
			if (fn)
				fn(arg, &row);
		}
		p = nl ? nl + 1 : end;
	}
	return header ? found : -1;
}
