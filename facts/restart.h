/* SPDX-License-Identifier: MIT */
/*
 * Whether the judges may say "restart pending" (wsl-facts.md §9.2):
 * expect_restart_pending(), unless .wslconfig's mtime is later than the
 * snapshot's own taken_at, which is clock skew, not an edit.  Judged
 * with the snapshot's time, never the wall clock, so a replay says the
 * same.  (The lead folds this into core/expect.c's one function; the
 * judges call only this.)
 */
#ifndef WSLPROBE_FACTS_RESTART_H
#define WSLPROBE_FACTS_RESTART_H

#include <json-c/json.h>

#include "core/expect.h"

/* Seconds of clock difference tolerated (wsl-facts.md §9.2). */
#define FACTS_CLOCK_TOLERANCE_S	5

/*
 * 1 pending, 0 not, -1 unknown; *WHY (may be NULL) gets a static reason
 * when the mtime is in the snapshot's future, else NULL.
 */
int	facts_restart_pending(json_object *snap, const struct wp_expect *,
	    const char **why);

#endif
