/* SPDX-License-Identifier: MIT */
/* Restart pending, and why not when the clock is skewed; see restart.h. */
#include "config.h"

#include "facts/restart.h"

#include "engine/snapshot.h"

int
facts_restart_pending(json_object *snap, const struct wp_expect *x,
    const char **why)
{
	const char *path = snap_str(snap, "wsl.wslconfig_path");
	json_object *f = path ? snap_file(snap, path) : NULL;
	double mtime, btime;
	int rp = expect_restart_pending(x);

	if (why)
		*why = NULL;
	if (rp < 0 && why && f && snap_num(f, "mtime", &mtime) == 0 &&
	    snap_num(snap, "system.boot_time", &btime) == 0 &&
	    expect_restart_compare(mtime, btime,
	    expect_snapshot_time(snap)) == WP_RESTART_SKEW)
		*why = ".wslconfig's time is later than when this snapshot "
		    "was taken: clock skew, not an edit (wsl-facts.md §9.2)";
	return rp;
}
