/* SPDX-License-Identifier: MIT */
/*
 * The setting the user meant (issue 10 §3).  When a line of .wslconfig or
 * wsl.conf maps to a known setting but WSL does not apply it as written
 * (expect_asked()), that setting's results carry what was asked (asked,
 * asked_source) and are judged against it: asked mirrored, live nat is a
 * `fail` whose hint is the corrected line, even when the live value was
 * not gathered (the file alone proves WSL ignores the line), unless WSL's
 * default or the live value already is what was asked (then `warn`: the
 * line is still wrong).  `expected` keeps meaning what WSL applies.
 * A pure function of the snapshot, the expectations and the results.
 */
#ifndef WSLPROBE_ENGINE_ASKED_H
#define WSLPROBE_ENGINE_ASKED_H

#include <json-c/json.h>

#include "engine/expect.h"
#include "engine/result.h"

struct wslconfig_problem;

/* Applies what was asked to every result of RS (not the config check's). */
void	asked_judge(json_object *snap, const struct wp_expect *,
	    struct wp_results *rs);
/*
 * The hint for a problem with a fix: where to write the corrected lines
 * (the other file for a key that belongs there), the restart that makes
 * WSL read them, then the lines themselves as one block.  NULL when the
 * problem has no fix.  LABEL is ".wslconfig" or "wsl.conf".
 */
char	*asked_fix_hint(json_object *snap, const struct wslconfig_problem *,
	    const char *label);

#endif
