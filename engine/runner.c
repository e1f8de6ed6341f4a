/* SPDX-License-Identifier: MIT */
/*
 * Gathering first runs the shared gathers (the fast WSL signals, one
 * netlink dump) in this thread, then one thread per selected check, all
 * started at once, so a machine where every probe target is dead still
 * answers in about one timeout.  Each thread fills its own snapshot
 * fragment from its own copy of the parameters and one read-only copy
 * of the shared facts that the jobs share (freed by the last to end);
 * the runner merges the fragments of the threads that finished in time.
 * A thread that does not finish is left behind (detached; it frees what
 * it owns when it ends) and its check is recorded as failed in
 * snap.check_errors, so that --replay reproduces the same error result.
 */
#include "config.h"

#include "engine/runner.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/snapshot.h"
#include "wslconfig/wslkeys.h"
#include "util/clock.h"
#include "util/xalloc.h"

#define RUNNER_MAX_JOBS 64

/*
 * The shared facts as the jobs read them: one copy of the snapshot taken
 * before the jobs start (the runner merges into the snapshot while late
 * jobs still read), never written, freed by whoever drops the last
 * reference (under the lock).
 */
struct shared_copy {
	json_object	*facts;
	int		 refs;
};

struct job {
	const struct wp_check	*check;
	long			 budget_ms;	/* its deadline - the start */
	struct wp_params	*params;	/* owned copy; ctx.params */
	struct wp_ctx		 ctx;		/* ctx.shared: shared_copy's */
	struct shared_copy	*shared;
	json_object		*fragment;
	int			 rc;
	long			 ms;
	int			 done;
	int			 abandoned;	/* the runner gave up on it */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t finished;
static pthread_once_t finished_once = PTHREAD_ONCE_INIT;
static int jobs_alive;

/* The condition waits on CLOCK_MONOTONIC: WSL's wall clock jumps. */
static void
finished_init(void)
{
	pthread_condattr_t attr;

	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&finished, &attr);
	pthread_condattr_destroy(&attr);
}

static void
shared_drop(struct shared_copy *c)
{
	int last;

	pthread_mutex_lock(&lock);
	last = --c->refs == 0;
	pthread_mutex_unlock(&lock);
	if (last) {
		json_object_put(c->facts);
		free(c);
	}
}

static void
job_free(struct job *j)
{
	json_object_put(j->fragment);
	shared_drop(j->shared);
	wp_params_free(j->params);
	free(j->ctx.error);
	free(j);
}

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
	jobs_alive--;
	pthread_cond_broadcast(&finished);
	pthread_mutex_unlock(&lock);
	/* Nobody will read an abandoned job: it cleans up after itself. */
	if (abandoned)
		job_free(j);
	return NULL;
}

int
runner_jobs_alive(void)
{
	int n;

	pthread_mutex_lock(&lock);
	n = jobs_alive;
	pthread_mutex_unlock(&lock);
	return n;
}

static void
record_error(json_object *snap, const char *check, const char *why)
{
	json_object *errs = snap_obj(snap, "check_errors");
	char *what = xasprintf("check %s", check);

	snap_set_str(errs, check, why);
	snap_add_error(snap, what, why);
	free(what);
}

/* What the selected checks need from the shared gathers. */
static unsigned
needed(const struct wp_plan *plan, const struct wp_params *p)
{
	unsigned need = WP_NEED_WSL;

	for (size_t i = 0; plan->checks[i]; i++) {
		const struct wp_check *c = plan->checks[i];

		if (c->gather && (wp_params_selected(p, c->name) ||
		    (c->flags & WP_CHECK_ALWAYS_GATHER)))
			need |= c->needs;
	}
	return need;
}

/*
 * The shared gathers run here, one after another, each bounded by the
 * deadline; their facts go straight into SNAP.
 */
static void
gather_shared(const struct wp_plan *plan, const struct wp_params *p,
    long long deadline, json_object *snap, json_object *timings)
{
	unsigned need = needed(plan, p);

	for (size_t i = 0; plan->shared && plan->shared[i]; i++) {
		const struct wp_shared_gather *g = plan->shared[i];
		struct wp_ctx ctx = { .root = p->root,
		    .timeout_ms = p->timeout_ms, .deadline_ms = deadline,
		    .params = p };
		json_object *frag;
		long long t0;

		if (!(g->provides & need))
			continue;
		frag = json_object_new_object();
		t0 = clock_mono_ms();
		if (g->gather(&ctx, frag) < 0)
			snap_add_error(frag, g->name, ctx.error ? ctx.error :
			    "gathering failed");
		snapshot_merge(snap, frag);
		json_object_put(frag);
		free(ctx.error);
		json_object_object_add(timings, g->name,
		    json_object_new_int64(clock_mono_ms() - t0));
	}
}

/*
 * A WP_CHECK_LONG check runs --watch-reclaim in its gather: that job
 * alone gets the watch's seconds on top of the run's deadline.
 */
static long
extra_ms(const struct wp_check *c, const struct wp_params *p)
{
	return (c->flags & WP_CHECK_LONG) && p->watch_reclaim_s > 0 ?
	    p->watch_reclaim_s * 1000L : 0;
}

static struct job *
job_start(const struct wp_check *c, const struct wp_params *p,
    struct shared_copy *shared, long long deadline, int may_probe)
{
	struct job *j = xcalloc(1, sizeof *j);
	pthread_t tid;

	deadline += extra_ms(c, p);
	j->budget_ms = p->timeout_ms + extra_ms(c, p);
	j->check = c;
	j->params = wp_params_dup(p);
	j->ctx.params = j->params;
	j->ctx.root = j->params->root;
	j->ctx.timeout_ms = p->timeout_ms;
	j->ctx.deadline_ms = deadline;
	j->ctx.active_allowed = may_probe;
	j->shared = shared;
	j->ctx.shared = shared->facts;
	j->fragment = json_object_new_object();
	pthread_mutex_lock(&lock);
	jobs_alive++;
	shared->refs++;
	pthread_mutex_unlock(&lock);
	if (pthread_create(&tid, NULL, job_run, j) != 0)
		job_run(j);	/* no thread: run it here, not at all is worse */
	else
		pthread_detach(tid);
	return j;
}

/* Waits for every job, but never past END (monotonic ms). */
static void
wait_jobs(struct job **jobs, size_t n, long long end)
{
	int spins = 0;

	pthread_mutex_lock(&lock);
	for (;;) {
		struct timespec until;
		int all = 1, rc;

		for (size_t i = 0; i < n; i++)
			all &= jobs[i]->done;
		if (all || clock_mono_ms() >= end)
			break;
		until.tv_sec = (time_t)(end / 1000);
		until.tv_nsec = (long)(end % 1000) * 1000000L;
		rc = pthread_cond_timedwait(&finished, &lock, &until);
		/* Any error but a wake-up or a timeout must not spin. */
		if (rc != 0 && rc != ETIMEDOUT && ++spins > 3)
			break;
	}
	pthread_mutex_unlock(&lock);
}

void
runner_gather(const struct wp_plan *plan, const struct wp_params *p,
    json_object *snap)
{
	struct job *jobs[RUNNER_MAX_JOBS];
	size_t n = 0;
	long long start = clock_mono_ms();
	long long deadline = start + p->timeout_ms;
	json_object *timings = snap_obj(snap, "timings");
	long extra = 0;
	int may_probe;
	struct shared_copy *shared = xcalloc(1, sizeof *shared);

	pthread_once(&finished_once, finished_init);
	gather_shared(plan, p, deadline, snap, timings);
	may_probe = plan->may_probe ? plan->may_probe(snap) : 0;
	json_object_object_add(snap, "active_probes",
	    json_object_new_boolean(may_probe));
	/* One copy for all jobs: the runner merges into SNAP meanwhile. */
	if (json_object_deep_copy(snap, &shared->facts, NULL) < 0)
		shared->facts = json_object_new_object();
	shared->refs = 1;	/* the runner's, dropped once jobs hold theirs */
	for (size_t i = 0; plan->checks[i] && n < RUNNER_MAX_JOBS; i++) {
		const struct wp_check *c = plan->checks[i];

		/*
		 * The environment is always gathered: every expectation
		 * depends on the files and the WSL version it finds.
		 */
		if (!c->gather || (!wp_params_selected(p, c->name) &&
		    !(c->flags & WP_CHECK_ALWAYS_GATHER)))
			continue;
		jobs[n++] = job_start(c, p, shared, deadline, may_probe);
		if (extra_ms(c, p) > extra)
			extra = extra_ms(c, p);
	}
	shared_drop(shared);
	/* Each job ends by its own deadline; the longest bounds the wait. */
	wait_jobs(jobs, n, deadline + extra + RUNNER_GRACE_MS);

	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < n; i++) {
		struct job *j = jobs[i];
		char *why;

		if (j->done)
			continue;
		why = xasprintf("gathering did not finish within %ld ms",
		    j->budget_ms + RUNNER_GRACE_MS);
		j->abandoned = 1;
		record_error(snap, j->check->name, why);
		json_object_object_add(timings, j->check->name,
		    json_object_new_int64(clock_mono_ms() - start));
		free(why);
		jobs[i] = NULL;
	}
	pthread_mutex_unlock(&lock);
	for (size_t i = 0; i < n; i++) {
		struct job *j = jobs[i];

		if (!j)
			continue;
		snapshot_merge(snap, j->fragment);
		json_object_object_add(timings, j->check->name,
		    json_object_new_int64(j->ms));
		if (j->rc < 0)
			record_error(snap, j->check->name, j->ctx.error ?
			    j->ctx.error : "gathering failed");
		job_free(j);
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

		const struct wslkey *k = wslkey_find(r->setting);

		/*
		 * A restart explains .wslconfig settings and what they shape
		 * (the network findings), never a wsl.conf key or what the
		 * VM's files do not decide (proxy variables, usage figures).
		 */
		if ((r->verdict != WP_FAIL && r->verdict != WP_WARN) ||
		    strcmp(r->check, "environment") == 0 ||
		    strcmp(r->check, "config") == 0 ||
		    (k && !(k->file & WSLKEY_FILE_WSLCONFIG)) ||
		    strncmp(r->setting, "proxy.", 6) == 0 ||
		    strstr(r->setting, ".usage"))
			continue;
		wp_result_evidence(r, "the cause may be the pending restart: "
		    ".wslconfig changed after the VM booted "
		    "(see restart.pending)");
	}
}

/*
 * A verdict measured against an expectation that cannot be known (the
 * file was not gathered, or the default depends on an unknown WSL
 * version) is no verdict: `unknown`, with the reason, whatever the
 * check concluded (interface.md §4).  One rule here rather than in
 * every judge.
 */
static void
unknown_expectations(const struct wp_expect *x, struct wp_results *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		struct wp_result *r = &rs->v[i];
		const struct wp_expect_value *e = expect_get(x, r->setting);

		if (!e || !e->unknown || (r->verdict != WP_PASS &&
		    r->verdict != WP_FAIL && r->verdict != WP_WARN))
			continue;
		r->verdict = WP_UNKNOWN;
		wp_result_evidence(r, "what WSL applies is not known (%s): "
		    "no verdict", e->source);
		free(r->hint);
		r->hint = NULL;
	}
}

/* The table results are ordered by; set only while sorting. */
static const struct wp_check *const *rank_table;

static int
rank_in_table(const char *name)
{
	int i;

	for (i = 0; rank_table[i]; i++) {
		if (strcmp(rank_table[i]->name, name) == 0)
			return i;
	}
	return i + 1;
}

void
runner_judge(const struct wp_check *const *checks,
    const struct wp_params *p, json_object *snap,
    const struct wp_expect *x, struct wp_results *rs)
{
	for (size_t i = 0; checks[i]; i++) {
		const struct wp_check *c = checks[i];
		char *key;
		const char *err;
		size_t first = rs->n;
		double ms = -1;

		if (!wp_params_selected(p, c->name))
			continue;
		key = xasprintf("check_errors.%s", c->name);
		err = snap_str(snap, key);
		free(key);
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
	unknown_expectations(x, rs);
	if (expect_restart_pending(x) == 1)
		note_pending_restart(rs);
	rank_table = checks;
	wp_results_sort(rs, rank_in_table);
	rank_table = NULL;
}
