/* SPDX-License-Identifier: MIT */
/* /proc/self/mountinfo lookups; see mountinfo.h. */
#include "config.h"

#include "parse/mountinfo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define MI_FIELDS	64	/* more fields than any mountinfo line */

void
mountinfo_unescape(char *s)
{
	char *o = s;

	while (*s) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*o++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 +
			    (s[3] - '0'));
			s += 4;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
}

static char *
unescape(const char *s)
{
	char *out = xstrdup(s);

	mountinfo_unescape(out);
	return out;
}

/* Splits LINE at blanks in place into at most MI_FIELDS fields. */
static size_t
split(char *line, char **f)
{
	size_t n = 0;
	char *save = NULL, *tok;

	for (tok = strtok_r(line, " \t", &save); tok && n < MI_FIELDS;
	    tok = strtok_r(NULL, " \t", &save))
		f[n++] = tok;
	return n;
}

/* Fills E from one line's fields; 0, or -1 when malformed. */
static int
parse_fields(char **f, size_t n, struct mountinfo_entry *e)
{
	size_t dash;
	unsigned ma, mi;
	char tail;

	if (n < 10)
		return -1;
	if (sscanf(f[2], "%u:%u%c", &ma, &mi, &tail) != 2)
		return -1;
	for (dash = 6; dash < n && strcmp(f[dash], "-") != 0; dash++)
		;
	if (dash + 3 > n)
		return -1;
	e->major = ma;
	e->minor = mi;
	e->mount_point = unescape(f[4]);
	e->options = xstrdup(f[5]);
	e->fstype = xstrdup(f[dash + 1]);
	e->source = unescape(f[dash + 2]);
	e->super_options = dash + 3 < n ? xstrdup(f[dash + 3]) : xstrdup("");
	return 0;
}

int
mountinfo_find(const char *text, size_t len, const char *mount_point,
    struct mountinfo_entry *e)
{
	size_t pos = 0;
	int found = -1;

	memset(e, 0, sizeof *e);
	while (text && pos < len) {
		size_t end = pos, n;
		char *line, *f[MI_FIELDS];
		struct mountinfo_entry cand;

		while (end < len && text[end] != '\n')
			end++;
		line = xstrndup(text + pos, end - pos);
		pos = end + 1;
		n = split(line, f);
		memset(&cand, 0, sizeof cand);
		if (n >= 5 && parse_fields(f, n, &cand) == 0) {
			if (strcmp(cand.mount_point, mount_point) == 0) {
				mountinfo_entry_release(e);
				*e = cand;
				found = 0;
			} else {
				mountinfo_entry_release(&cand);
			}
		}
		free(line);
	}
	return found;
}

void
mountinfo_entry_release(struct mountinfo_entry *e)
{
	free(e->mount_point);
	free(e->options);
	free(e->fstype);
	free(e->source);
	free(e->super_options);
	memset(e, 0, sizeof *e);
}

int
mountinfo_has_option(const char *opts, const char *option)
{
	size_t n = strlen(option);
	const char *p = opts;

	while (p && *p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		if (len == n && strncmp(p, option, n) == 0)
			return 1;
		p = comma ? comma + 1 : NULL;
	}
	return 0;
}
