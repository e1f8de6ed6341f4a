/* SPDX-License-Identifier: MIT */
/*
 * Whether the judges may say "restart pending" (wsl-facts.md §9.2):
 * expect_restart_pending(), the one rule (engine/expect.c), plus the reason
 * to show when it is unknown because .wslconfig's mtime is later than the
 * snapshot's own taken_at (clock skew, not an edit).
 */
#ifndef WSLPROBE_FACTS_RESTART_H
#define WSLPROBE_FACTS_RESTART_H

#include <json-c/json.h>

#include "engine/expect.h"

/*
 * 1 pending, 0 not, -1 unknown; *WHY (may be NULL) gets a static reason
 * when the mtime is in the snapshot's future, else NULL.
 */
int	facts_restart_pending(json_object *snap, const struct wp_expect *,
	    const char **why);

#endif
