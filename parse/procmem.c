/* SPDX-License-Identifier: MIT */
/* Parsers of /proc/meminfo, /proc/vmstat, /proc/swaps; see procmem.h. */
#include "config.h"

#include "parse/procmem.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_LEN	512	/* longer lines are not /proc's */

/* Line iteration over (text, len): *pos advances past each line. */
static int
next_line(const char *text, size_t len, size_t *pos, char *line,
    size_t cap)
{
	size_t start = *pos, end, n;

	if (!text || start >= len)
		return 0;
	end = start;
	while (end < len && text[end] != '\n')
		end++;
	*pos = end < len ? end + 1 : len;
	n = end - start;
	if (n >= cap) {
		line[0] = '\0';	/* too long: seen as an empty line */
		return 1;
	}
	memcpy(line, text + start, n);
	line[n] = '\0';
	/* An embedded NUL ends the line early: nothing after it counts. */
	return 1;
}

/* Parses an unsigned decimal at *s (after blanks); 0, or -1. */
static int
number(const char **s, unsigned long long *out)
{
	const char *p = *s;
	unsigned long long v = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	for (; isdigit((unsigned char)*p); p++) {
		unsigned d = (unsigned)(*p - '0');

		if (v > (~0ULL - d) / 10)
			return -1;	/* overflow: not a real counter */
		v = v * 10 + d;
	}
	*s = p;
	*out = v;
	return 0;
}

int
procmem_meminfo(const char *text, size_t len, const char *key,
    unsigned long long *kb)
{
	char line[LINE_MAX_LEN];
	size_t pos = 0, klen = strlen(key);

	while (next_line(text, len, &pos, line, sizeof line)) {
		const char *p = line + klen;
		unsigned long long v;

		if (strncmp(line, key, klen) != 0 || *p != ':')
			continue;
		p++;
		if (number(&p, &v) < 0)
			return -1;
		while (*p == ' ' || *p == '\t')
			p++;
		/* "kB" or nothing (HugePages_Total:  0). */
		if (*p && strcmp(p, "kB") != 0)
			return -1;
		*kb = v;
		return 0;
	}
	return -1;
}

static int
vmstat_scan(const char *text, size_t len, const char *name, int prefix,
    unsigned long long *v)
{
	char line[LINE_MAX_LEN];
	size_t pos = 0, nlen = strlen(name);
	unsigned long long sum = 0;
	int found = 0;

	while (next_line(text, len, &pos, line, sizeof line)) {
		const char *p;
		unsigned long long x;

		if (strncmp(line, name, nlen) != 0)
			continue;
		p = strchr(line, ' ');
		if (!p || (!prefix && (size_t)(p - line) != nlen))
			continue;
		if (number(&p, &x) < 0 || *p)
			return -1;
		if (!prefix) {
			*v = x;
			return 0;
		}
		sum = sum + x < sum ? ~0ULL : sum + x;
		found = 1;
	}
	if (!found)
		return -1;
	*v = sum;
	return 0;
}

int
procmem_vmstat(const char *text, size_t len, const char *name,
    unsigned long long *v)
{
	return vmstat_scan(text, len, name, 0, v);
}

int
procmem_vmstat_sum(const char *text, size_t len, const char *prefix,
    unsigned long long *v)
{
	return vmstat_scan(text, len, prefix, 1, v);
}

/* Copies the next blank-separated field of *s into BUF (cut to fit). */
static int
field(const char **s, char *buf, size_t cap)
{
	const char *p = *s;
	size_t n = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return -1;
	while (*p && *p != ' ' && *p != '\t') {
		if (n + 1 < cap)
			buf[n++] = *p;
		p++;
	}
	buf[n] = '\0';
	*s = p;
	return 0;
}

int
procmem_swaps(const char *text, size_t len, struct procmem_swap *out,
    size_t max)
{
	char line[LINE_MAX_LEN];
	size_t pos = 0;
	int n = 0;

	if (!next_line(text, len, &pos, line, sizeof line) ||
	    strncmp(line, "Filename", 8) != 0)
		return -1;
	while (next_line(text, len, &pos, line, sizeof line)) {
		struct procmem_swap s;
		const char *p = line;
		char prio[32], *end;

		if (!line[0])
			continue;
		memset(&s, 0, sizeof s);
		if (field(&p, s.name, sizeof s.name) < 0 ||
		    field(&p, s.type, sizeof s.type) < 0 ||
		    number(&p, &s.size_kb) < 0 || number(&p, &s.used_kb) < 0 ||
		    field(&p, prio, sizeof prio) < 0)
			return -1;
		s.priority = strtol(prio, &end, 10);
		if (end == prio || *end)
			return -1;
		if (n == 1 << 20)
			return -1;
		if ((size_t)n < max)
			out[n] = s;
		n++;
	}
	return n;
}

int
procmem_cpu_ticks(const char *text, size_t len, unsigned long long *busy,
    unsigned long long *total)
{
	char line[LINE_MAX_LEN];
	size_t pos = 0;

	while (next_line(text, len, &pos, line, sizeof line)) {
		const char *p = line + 4;
		unsigned long long v[8] = { 0 }, b = 0, t = 0;
		int i;

		if (strncmp(line, "cpu ", 4) != 0)
			continue;
		/* user nice system idle iowait irq softirq steal */
		for (i = 0; i < 8 && number(&p, &v[i]) == 0; i++)
			;
		if (i < 4)
			return -1;
		for (int k = 0; k < i; k++) {
			if (t + v[k] < t)
				return -1;
			t += v[k];
			if (k != 3 && k != 4)
				b += v[k];
		}
		*busy = b;
		*total = t;
		return 0;
	}
	return -1;
}
