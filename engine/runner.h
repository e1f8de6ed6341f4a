/* SPDX-License-Identifier: MIT */
/*
 * The runner: gathers every selected check concurrently under one
 * deadline, then judges the snapshot.  A check whose gather fails or
 * overruns gives one `error` result; the others are unaffected.
 *
 * Lifetime rule: a gathering job that overruns the deadline is left
 * behind, still running.  It owns everything it uses (its own copy of
 * the parameters and the shared facts, its own fragment), so the caller
 * may release its own memory at once.  What the caller must not do while
 * runner_jobs_alive() is non-zero is tear down process-wide library
 * state (ares_library_cleanup, curl_global_cleanup): a job may be inside
 * those libraries.  main skips that cleanup then; the process exit
 * reclaims it.
 */
#ifndef WSLPROBE_ENGINE_RUNNER_H
#define WSLPROBE_ENGINE_RUNNER_H

#include <json-c/json.h>

#include "engine/check.h"
#include "engine/expect.h"
#include "engine/params.h"
#include "engine/result.h"

/* Extra time past --timeout before a gathering thread is given up. */
#define RUNNER_GRACE_MS 500

/*
 * Fills SNAP from the live system (or the root): first PLAN's shared
 * gathers that the selected checks need (in this thread, under the
 * deadline), then the gather step of each selected check, concurrently.
 * Never fails.
 */
void	runner_gather(const struct wp_plan *plan, const struct wp_params *,
	    json_object *snap);
/*
 * Judges SNAP against X (expect_build(SNAP)) into RS: the checks of
 * CHECKS that are selected, in table order.
 */
void	runner_judge(const struct wp_check *const *checks,
	    const struct wp_params *, json_object *snap,
	    const struct wp_expect *x, struct wp_results *rs);
/* Gathering jobs still running (left behind at a deadline). */
int	runner_jobs_alive(void);

#endif
