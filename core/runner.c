/* SPDX-License-Identifier: MIT */
/*
 * Gathering runs one thread per check, all started at once, so a machine
 * where every probe target is dead still answers in about one timeout.
 * Each thread fills its own snapshot fragment; the runner merges the
 * fragments of the threads that finished in time.  A thread that does
 * not finish is left behind (detached, its fragment never touched again)
 * and its check is recorded as failed in snap.check_errors, so that
 * --replay reproduces the same error result.
 */
#include "config.h"

#include "core/runner.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/check.h"
#include "checks/environment.h"
#include "core/expect.h"
#include "util/clock.h"
#include "core/snapshot.h"
#include "util/xalloc.h"

struct job {
	const struct wp_check	*check;
	struct wp_ctx		 ctx;
	json_object		*fragment;
	int			 rc;
	long			 ms;
	int			 done;
	int			 abandoned;	/* the runner gave up on it */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t finished = PTHREAD_COND_INITIALIZER;

static void *
job_run(void *arg)
{
	struct job *j = arg;
	long long start = clock_mono_ms();
	int rc, abandoned;

	rc = j->check->gather(&j->ctx, j->fragment);
	pthread_mutex_lock(&lock);
	j->rc = rc;
	j->ms = (long)(clock_mono_ms() - start);
	j->done = 1;
	abandoned = j->abandoned;
	pthread_cond_broadcast(&finished);
	pthread_mutex_unlock(&lock);
	if (abandoned) {
		/* Nobody will read it: the late thread cleans up itself. */
		json_object_put(j->fragment);
		free(j->ctx.error);
		free(j);
	}
	return NULL;
}

static void
record_error(json_object *snap, const char *check, const char *why)
{
	json_object *errs = snap_obj(snap, "check_errors");

	snap_set_str(errs, check, why);
	{
		char *what = xasprintf("check %s", check);

		snap_add_error(snap, what, why);
		free(what);
	}
}

void
runner_gather(const struct cli_opts *o, json_object *snap)
{
	struct job *jobs[64];
	pthread_t tids[64];
	size_t n = 0, i;
	long long start = clock_mono_ms();
	long long deadline = start + o->timeout_ms;
	struct timespec until;
	json_object *timings = snap_obj(snap, "timings");
	int wsl2 = environment_quick_is_wsl2(o->root);

	json_object_object_add(snap, "active_probes",
	    json_object_new_boolean(wsl2));
	for (i = 0; wp_checks[i] && n < 64; i++) {
		const struct wp_check *c = wp_checks[i];
		struct job *j;

		/*
		 * The environment is always gathered: every expectation
		 * depends on the files and the WSL version it finds.
		 */
		if (!c->gather || (!cli_check_selected(o, c->name) &&
		    !(c->flags & WP_CHECK_ALWAYS_GATHER)))
			continue;
		j = xcalloc(1, sizeof *j);
		j->check = c;
		j->ctx.root = o->root;
		j->ctx.timeout_ms = o->timeout_ms;
		j->ctx.deadline_ms = deadline;
		j->ctx.active_allowed = wsl2;
		j->ctx.opts = o;
		j->fragment = json_object_new_object();
		if (pthread_create(&tids[n], NULL, job_run, j) != 0) {
			/* No thread: run it here rather than not at all. */
			job_run(j);
		} else {
			pthread_detach(tids[n]);
		}
		jobs[n++] = j;
	}

	/* Wait for all, but never past the deadline plus a grace. */
	{
		long long end = deadline + RUNNER_GRACE_MS;
		struct timespec now;

		clock_gettime(CLOCK_REALTIME, &now);
		until = now;
		until.tv_sec += (end - clock_mono_ms()) / 1000;
		until.tv_nsec += (long)((end - clock_mono_ms()) % 1000) *
		    1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
	}
	pthread_mutex_lock(&lock);
	for (;;) {
		int all = 1;

		for (i = 0; i < n; i++)
			all &= jobs[i]->done;
		if (all)
			break;
		if (pthread_cond_timedwait(&finished, &lock, &until) ==
		    ETIMEDOUT)
			break;
	}
	for (i = 0; i < n; i++) {
		struct job *j = jobs[i];

		if (!j->done) {
			char *why = xasprintf("gathering did not finish "
			    "within %ld ms", o->timeout_ms + RUNNER_GRACE_MS);

			j->abandoned = 1;
			record_error(snap, j->check->name, why);
			json_object_object_add(timings, j->check->name,
			    json_object_new_int64(clock_mono_ms() - start));
			free(why);
			jobs[i] = NULL;
			continue;
		}
	}
	pthread_mutex_unlock(&lock);
	for (i = 0; i < n; i++) {
		struct job *j = jobs[i];

		if (!j)
			continue;
		snapshot_merge(snap, j->fragment);
		json_object_object_add(timings, j->check->name,
		    json_object_new_int64(j->ms));
		if (j->rc < 0)
			record_error(snap, j->check->name, j->ctx.error ?
			    j->ctx.error : "gathering failed");
		json_object_put(j->fragment);
		free(j->ctx.error);
		free(j);
	}
}

/*
 * When .wslconfig changed after the VM booted, every mismatch elsewhere
 * may be nothing but the pending restart: say so where it matters.
 */
static void
note_pending_restart(struct wp_results *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		struct wp_result *r = &rs->v[i];

		if ((r->verdict != WP_FAIL && r->verdict != WP_WARN) ||
		    strcmp(r->check, "environment") == 0 ||
		    strcmp(r->check, "config") == 0)
			continue;
		wp_result_evidence(r, "the cause may be the pending restart: "
		    ".wslconfig changed after the VM booted "
		    "(see restart.pending)");
	}
}

void
runner_judge(const struct cli_opts *o, json_object *snap,
    const struct wp_expect *x, struct wp_results *rs)
{
	for (size_t i = 0; wp_checks[i]; i++) {
		const struct wp_check *c = wp_checks[i];
		char *key = xasprintf("check_errors.%s", c->name);
		const char *err = snap_str(snap, key);
		size_t first = rs->n;
		double ms = -1;

		free(key);
		if (!cli_check_selected(o, c->name))
			continue;
		key = xasprintf("timings.%s", c->name);
		/* A judge-only check takes well under a millisecond. */
		if (snap_num(snap, key, &ms) < 0 && !c->gather)
			ms = 0;
		free(key);
		if (err) {
			struct wp_result *r = wp_results_add(rs, c->name,
			    c->name, WP_ERROR);

			wp_result_evidence(r, "%s", err);
		} else if (c->judge(snap, x, rs) < 0) {
			struct wp_result *r = wp_results_add(rs, c->name,
			    c->name, WP_ERROR);

			wp_result_evidence(r, "judging failed");
		}
		for (size_t k = first; k < rs->n; k++)
			rs->v[k].duration_ms = ms >= 0 ? (long)ms : -1;
	}
	if (expect_restart_pending(x) == 1)
		note_pending_restart(rs);
	wp_results_sort(rs, wp_check_rank);
}
