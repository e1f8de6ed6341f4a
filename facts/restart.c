/* SPDX-License-Identifier: MIT */
/* Restart pending, minus clock skew; see restart.h. */
#include "config.h"

#include "facts/restart.h"

#include <string.h>
#include <time.h>

#include "core/snapshot.h"

/* The snapshot's taken_at ("2024-11-25T11:13:32Z") as epoch seconds. */
static int
taken_at(json_object *snap, double *out)
{
	const char *s = snap_str(snap, "taken_at");
	struct tm tm;
	const char *end;

	if (!s)
		return -1;
	memset(&tm, 0, sizeof tm);
	end = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!end || (*end != 'Z' && *end != '.' && *end != '\0'))
		return -1;
	*out = (double)timegm(&tm);
	return 0;
}

int
facts_restart_pending(json_object *snap, const struct wp_expect *x,
    const char **why)
{
	const char *path = snap_str(snap, "wsl.wslconfig_path");
	json_object *f = path ? snap_file(snap, path) : NULL;
	double mtime, now;
	int rp = expect_restart_pending(x);

	if (why)
		*why = NULL;
	if (rp == 1 && f && snap_num(f, "mtime", &mtime) == 0 &&
	    taken_at(snap, &now) == 0 &&
	    mtime > now + FACTS_CLOCK_TOLERANCE_S) {
		if (why)
			*why = ".wslconfig's time is later than when this "
			    "snapshot was taken: clock skew, not an edit "
			    "(wsl-facts.md §9.2)";
		return -1;
	}
	return rp;
}
