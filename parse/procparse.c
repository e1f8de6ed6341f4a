/* SPDX-License-Identifier: MIT */
/* Parsers of small /proc, /sys and /etc files; see procparse.h. */
#include "config.h"

#include "parse/procparse.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/mountinfo.h"
#include "util/encoding.h"
#include "util/xalloc.h"

#define CPU_MAX	65536	/* more CPUs than any VM: the list is garbage */

int
procparse_btime(const char *stat, long long *out)
{
	const char *p = stat;
	char *end;
	long long bt;

	/* "btime" at the start of a line. */
	while (p && strncmp(p, "btime ", 6) != 0) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (!p)
		return -1;
	bt = strtoll(p + 6, &end, 10);
	if (end == p + 6 || bt <= 0)
		return -1;
	*out = bt;
	return 0;
}

int
procparse_uptime(const char *uptime, double *out)
{
	char *end;
	double u = strtod(uptime, &end);

	if (end == uptime || !isfinite(u) || u < 0)
		return -1;
	*out = u;
	return 0;
}

int
procparse_cpu_list(const char *s)
{
	long n = 0;

	while (s && *s && *s != '\n') {
		char *end;
		long a, b;

		if (!isdigit((unsigned char)*s))
			return -1;
		errno = 0;
		a = b = strtol(s, &end, 10);
		if (*end == '-') {
			s = end + 1;
			if (!isdigit((unsigned char)*s))
				return -1;
			b = strtol(s, &end, 10);
		}
		/* CPU numbers past CPU_MAX are garbage, not a machine. */
		if (errno == ERANGE || a < 0 || b < a || b >= CPU_MAX)
			return -1;
		n += b - a + 1;
		if (n > CPU_MAX)
			return -1;
		if (*end && *end != ',' && *end != '\n')
			return -1;
		s = *end == ',' ? end + 1 : end;
	}
	return n > 0 ? (int)n : -1;
}

void
procparse_os_release(char *text, json_object *map)
{
	char *line, *save = NULL;

	for (line = strtok_r(text, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '='), *v;
		size_t n;

		if (!eq || line[0] == '#' || eq == line)
			continue;
		*eq = '\0';
		v = eq + 1;
		n = strlen(v);
		if (n >= 2 && (v[0] == '"' || v[0] == '\'') &&
		    v[n - 1] == v[0]) {
			v[n - 1] = '\0';
			v++;
		}
		if (utf8_valid_cstr(line) && utf8_valid_cstr(v))
			json_object_object_add(map, line,
			    json_object_new_string(v));
	}
}

int
procparse_starttime(char *stat, unsigned long long *out)
{
	/* The command name may hold spaces and ')': skip to the last ')'. */
	char *p = strrchr(stat, ')'), *tok, *save = NULL;
	int field = 2;

	if (!p)
		return -1;
	for (tok = strtok_r(p + 1, " ", &save); tok;
	    tok = strtok_r(NULL, " ", &save)) {
		if (++field == 22) {
			char *end;
			unsigned long long t;

			if (!isdigit((unsigned char)*tok))
				return -1;
			t = strtoull(tok, &end, 10);
			if (*end != '\0' && *end != '\n')
				return -1;
			*out = t;
			return 0;
		}
	}
	return -1;
}

char *
procparse_drive_mount(char *mountinfo, char letter)
{
	char *line, *save = NULL, want[16];

	snprintf(want, sizeof want, "path=%c:", toupper((unsigned char)letter));
	for (line = strtok_r(mountinfo, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		char *sep = strstr(line, " - "), *fields[5], *p, *tok;
		char *fstype, *opts;
		int n = 0;

		if (!sep)
			continue;
		*sep = '\0';
		/* Before " - ": id parent maj:min root mountpoint ... */
		for (p = line; n < 5 && (tok = strsep(&p, " ")); )
			fields[n++] = tok;
		if (n < 5)
			continue;
		/* After: fstype source superopts. */
		p = sep + 3;
		fstype = strsep(&p, " ");
		if (p)
			(void)strsep(&p, " ");
		opts = p;
		if (!fstype || !opts || (strcmp(fstype, "9p") != 0 &&
		    strcmp(fstype, "virtiofs") != 0 &&
		    strcmp(fstype, "drvfs") != 0) || !strcasestr(opts, want))
			continue;
		mountinfo_unescape(fields[4]);
		if (fields[4][0] != '/' || !utf8_valid_cstr(fields[4]))
			continue;
		return xstrdup(fields[4]);
	}
	return NULL;
}
