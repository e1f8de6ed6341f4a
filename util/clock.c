/* SPDX-License-Identifier: MIT */
/* Clock helpers; see clock.h. */
#include "config.h"

#include "util/clock.h"

#include <string.h>
#include <time.h>

#include "util/xalloc.h"

long long
clock_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Set only by tests (clock_test_shift). */
static double wall_shift;

double
clock_wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9 + wall_shift;
}

void
clock_test_shift(double seconds)
{
	wall_shift = seconds;
}

char *
time_iso8601(double t)
{
	time_t s = (time_t)t;
	struct tm tm;
	char buf[32];

	gmtime_r(&s, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(buf);
}

int
time_parse_iso8601(const char *s, double *t)
{
	struct tm tm;
	const char *end;
	time_t v;

	if (!s)
		return -1;
	memset(&tm, 0, sizeof tm);
	end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!end || *end)
		return -1;
	v = timegm(&tm);
	if (v == (time_t)-1)
		return -1;
	*t = (double)v;
	return 0;
}
