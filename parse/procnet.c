/* SPDX-License-Identifier: MIT */
/* /proc/net/udp and /proc/net/tcp rows; see procnet.h. */
#include "config.h"

#include "parse/procnet.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

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

/* "   0: FEFFFF0A:0035 00000000:0000 07 ..." */
static int
parse_row(const char *p, const char *end, struct procnet_row *row)
{
	long a, port, st;
	uint32_t w;

	p = skip_blanks(p, end);
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	if (p >= end || *p++ != ':')
		return -1;
	p = skip_blanks(p, end);
	if ((a = hexn(&p, end, 8)) < 0 || p >= end || *p++ != ':' ||
	    (port = hexn(&p, end, 4)) < 0)
		return -1;
	p = skip_blanks(p, end);
	/* Remote address: IPv4 tables only (8 hex digits). */
	if (hexn(&p, end, 8) < 0 || p >= end || *p++ != ':' ||
	    hexn(&p, end, 4) < 0)
		return -1;
	p = skip_blanks(p, end);
	if ((st = hexn(&p, end, 2)) < 0)
		return -1;
	/* The word was stored little-endian: first byte is the low one. */
	w = (uint32_t)a;
	snprintf(row->local, sizeof row->local, "%u.%u.%u.%u",
	    (unsigned)(w & 0xff), (unsigned)((w >> 8) & 0xff),
	    (unsigned)((w >> 16) & 0xff), (unsigned)(w >> 24));
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
