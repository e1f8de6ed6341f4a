/* SPDX-License-Identifier: MIT */
/*
 * The runner: gathers every selected check concurrently under one
 * deadline, then judges the snapshot.  A check whose gather fails or
 * overruns gives one `error` result; the others are unaffected.
 */
#ifndef WSLPROBE_CORE_RUNNER_H
#define WSLPROBE_CORE_RUNNER_H

#include <json-c/json.h>

#include "cli/cli.h"
#include "core/expect.h"
#include "core/result.h"

/* Extra time past --timeout before a gathering thread is given up. */
#define RUNNER_GRACE_MS 500

/* Fills SNAP from the live system (or --root).  Never fails. */
void	runner_gather(const struct cli_opts *, json_object *snap);
/* Judges SNAP against X (expect_build(SNAP)) into RS, in registry order. */
void	runner_judge(const struct cli_opts *, json_object *snap,
	    const struct wp_expect *x, struct wp_results *rs);

#endif
