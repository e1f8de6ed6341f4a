/* SPDX-License-Identifier: MIT */
/* Judging a saved snapshot as --replay does (replay.c). */
#ifndef WSLPROBE_CLI_REPLAY_H
#define WSLPROBE_CLI_REPLAY_H

#include <json-c/json.h>

#include "engine/expect.h"
#include "engine/params.h"
#include "engine/result.h"

/*
 * The parameters to judge SNAP with: the checks it recorded, narrowed by
 * P's --only and --skip; a check named with --only that the snapshot
 * lacks becomes one `skip` result in RS.  Free with wp_params_free.
 */
struct wp_params	*replay_selection(json_object *snap,
			    const struct wp_params *p, struct wp_results *rs);
/*
 * Appends to RS the results for SNAP judged against X (expect_build of
 * SNAP): the recorded checks as replay_selection narrows them, then what
 * the .wslconfig asked.  A live run judges its fresh snapshot the same
 * way: it recorded exactly the selected checks.
 */
void			 replay_judge(json_object *snap,
			    const struct wp_params *p,
			    const struct wp_expect *x, struct wp_results *rs);

#endif
