/* SPDX-License-Identifier: MIT */
/*
 * experimental.autoMemoryReclaim (wsl-facts.md §6.3-6.4): the mode is
 * never exported, so a passive run gives `unknown` with the evidence
 * (drop_caches counters since boot, uptime, Cached, the root cgroup's
 * memory.reclaim) and what it is consistent with.  With --watch-reclaim
 * the samples in the snapshot are judged: an idle period of at least
 * 130 s that began during the watch must end in a drop for dropCache;
 * gradual shows Cached falling in steps of at most 1 GiB.  And
 * memory.usage: the facts behind "vmmem uses all my RAM".
 */
#include "config.h"

#include "checks/memory.h"

#include <stdlib.h>
#include <string.h>

#include "engine/snapshot.h"
#include "util/xalloc.h"

#define IDLE_BUSY_MAX	0.005	/* WSL's idle gate: <= 0.5% busy */
#define IDLE_PERIOD_MS	130000	/* 12 samples of 10 s, plus one */
#define GRADUAL_STEP	MEM_GIB	/* the largest step gradual takes */
#define USAGE_WARN_PCT	10

struct sample {
	double	t_ms, drops, cached_kb, busy, total;
	int	have_drops, have_cached, have_cpu;
};

struct watch {
	size_t	 n;
	struct sample *s;
	double	 seconds;
	int	 drop_events;		/* intervals with a drop */
	int	 cached_falls;		/* intervals where Cached fell */
	double	 max_fall_kb;
	double	 idle_ms;		/* longest idle period that began
					   during the watch */
	int	 idle_dropped;		/* ... and it saw a drop */
};

static int
num(json_object *o, const char *key, double *out)
{
	return snap_num(o, key, out) == 0;
}

/* Reads memory.reclaim_watch; 0 when there is none. */
static int
watch_read(json_object *snap, struct watch *w)
{
	json_object *arr = snap_get(snap, "memory.reclaim_watch.samples");
	size_t n;

	memset(w, 0, sizeof *w);
	if (!arr || !json_object_is_type(arr, json_type_array))
		return 0;
	n = json_object_array_length(arr);
	w->s = xcalloc(n + 1, sizeof *w->s);
	num(snap_get(snap, "memory.reclaim_watch"), "seconds", &w->seconds);
	for (size_t i = 0; i < n; i++) {
		json_object *o = json_object_array_get_idx(arr, i);
		struct sample *s = &w->s[w->n];

		if (!num(o, "t_ms", &s->t_ms))
			continue;
		s->have_drops = num(o, "drop_pagecache", &s->drops);
		s->have_cached = num(o, "cached_kb", &s->cached_kb);
		s->have_cpu = num(o, "cpu_busy", &s->busy) &&
		    num(o, "cpu_total", &s->total);
		w->n++;
	}
	return w->n >= 2;
}

/* 1 idle, 0 busy, -1 not known (no CPU time passed, or not read). */
static int
interval_idle(const struct sample *a, const struct sample *b)
{
	double dt, db;

	if (!a->have_cpu || !b->have_cpu)
		return -1;
	dt = b->total - a->total;
	db = b->busy - a->busy;
	if (dt <= 0 || db < 0)
		return -1;
	return db / dt <= IDLE_BUSY_MAX;
}

static void
watch_analyse(struct watch *w)
{
	double start = -1;	/* when the current idle period began */
	int dropped = 0;

	for (size_t i = 1; i < w->n; i++) {
		const struct sample *a = &w->s[i - 1], *b = &w->s[i];
		int idle = interval_idle(a, b);
		int drop = a->have_drops && b->have_drops &&
		    b->drops > a->drops;

		w->drop_events += drop;
		if (a->have_cached && b->have_cached &&
		    b->cached_kb < a->cached_kb) {
			w->cached_falls++;
			if (a->cached_kb - b->cached_kb > w->max_fall_kb)
				w->max_fall_kb = a->cached_kb - b->cached_kb;
		}
		if (idle == 1 && start >= 0) {
			dropped |= drop;
			if (b->t_ms - start >= w->idle_ms) {
				w->idle_ms = b->t_ms - start;
				w->idle_dropped = dropped;
			}
		} else if (idle == 0) {
			/* A busy interval: an idle period may begin here. */
			start = b->t_ms;
			dropped = 0;
		} else {
			start = -1;	/* unknown: the period is lost */
		}
	}
}

static void
passive(json_object *snap, struct wp_result *r)
{
	unsigned long long drops = 0, slab = 0, cached;
	double up = -1;
	enum fact_state d = facts_mem_vmstat(snap, "drop_pagecache", &drops);
	enum fact_state reclaim = facts_mem_exists(snap,
	    "/sys/fs/cgroup/memory.reclaim");
	const char *klog = NULL;

	snap_num(snap, "system.uptime_s", &up);
	if (d == FACT_PRESENT) {
		facts_mem_vmstat(snap, "drop_slab", &slab);
		wp_result_evidence(r, "/proc/vmstat: drop_pagecache %llu, "
		    "drop_slab %llu since boot%s", drops, slab, up >= 0 ?
		    "" : " (uptime not known)");
	} else {
		wp_result_evidence(r, "/proc/vmstat was not gathered");
	}
	if (up >= 0)
		wp_result_evidence(r, "uptime %.0f s", up);
	if (facts_mem_meminfo(snap, "Cached", &cached, NULL) == FACT_PRESENT)
		wp_result_evidence(r, "Cached: %llu kB in /proc/meminfo",
		    cached);
	if (reclaim != FACT_NOT_GATHERED)
		wp_result_evidence(r, "the root cgroup %s memory.reclaim (%s)",
		    reclaim == FACT_PRESENT ? "has" : "has no",
		    facts_mem_exists(snap, "/sys/fs/cgroup/cgroup.controllers") ==
		    FACT_PRESENT ? "cgroup v2" : "cgroup v1 or none");
	if (fact_str(snap, "memory.kernel_log_fallback", &klog) ==
	    FACT_PRESENT)
		wp_result_evidence(r, "kernel log: %s", klog);
	else if (fact_str(snap, "memory.kernel_log", &klog) == FACT_PRESENT)
		wp_result_evidence(r, "kernel log: %s", strcmp(klog,
		    "not found") == 0 ? "no drop_caches fallback warning" :
		    klog);
	if (d == FACT_PRESENT && drops > 0)
		wp_result_evidence(r, "consistent with dropCache (or gradual "
		    "falling back to drop_caches, or someone writing "
		    "/proc/sys/vm/drop_caches)");
	else if (d == FACT_PRESENT && up >= 600)
		wp_result_evidence(r, "consistent with gradual or disabled "
		    "(or dropCache on a VM never idle for 2 minutes)");
	if (reclaim == FACT_ABSENT)
		wp_result_evidence(r, "gradual falls back to drop_caches here: "
		    "the root cgroup has no memory.reclaim");
	wp_result_evidence(r, "the mode is never exported: only observing an "
	    "idle period tells it");
	wp_result_set(&r->hint, "leave the VM idle and run 'wslprobe --only "
	    "memory --watch-reclaim 300' to observe reclaim");
}

static void
judge_watch(json_object *snap, const char *mode, struct watch *w,
    struct wp_result *r)
{
	enum fact_state reclaim = facts_mem_exists(snap,
	    "/sys/fs/cgroup/memory.reclaim");
	int long_idle, steps;

	watch_analyse(w);
	long_idle = w->idle_ms >= IDLE_PERIOD_MS;
	steps = w->cached_falls > 0 &&
	    w->max_fall_kb * 1024 <= (double)GRADUAL_STEP;
	wp_result_evidence(r, "watched %zu samples over %.0f s: %d drop_caches "
	    "event%s, Cached fell %d time%s (largest step %.0f kB), longest "
	    "idle period begun during the watch %.0f s", w->n, (w->s[w->n -
	    1].t_ms - w->s[0].t_ms) / 1000, w->drop_events,
	    w->drop_events == 1 ? "" : "s", w->cached_falls,
	    w->cached_falls == 1 ? "" : "s", w->max_fall_kb, w->idle_ms / 1000);
	wp_result_set(&r->observed, "%s", w->drop_events ? "drop_caches ran" :
	    steps ? "Cached fell in steps" : "no reclaim seen");
	if (strcmp(mode, "dropcache") == 0) {
		if (w->drop_events)
			r->verdict = WP_PASS;
		else if (long_idle && !w->idle_dropped)
			r->verdict = WP_FAIL;
	} else if (strcmp(mode, "gradual") == 0) {
		if (w->drop_events) {
			r->verdict = WP_FAIL;
			wp_result_evidence(r, "%s", reclaim == FACT_ABSENT ?
			    "no memory.reclaim in the root cgroup: gradual "
			    "fell back to drop_caches" : "caches were dropped "
			    "at once, as dropCache does (or a cron job)");
		} else if (steps) {
			r->verdict = WP_PASS;
		} else if (long_idle) {
			r->verdict = WP_FAIL;
		}
	} else if (strcmp(mode, "disabled") == 0) {
		if (w->drop_events || steps)
			r->verdict = WP_WARN;
		else if (long_idle)
			r->verdict = WP_PASS;
	}
	if (r->verdict == WP_UNKNOWN)
		wp_result_set(&r->hint, "no idle period of 130 s began during "
		    "the watch: watch longer (e.g. --watch-reclaim 300) after "
		    "some activity, and leave the VM idle");
	else if (r->verdict == WP_FAIL)
		wp_result_set(&r->hint, "reclaim does not behave as %s: put "
		    "autoMemoryReclaim under [experimental] and run 'wsl "
		    "--shutdown' from Windows", mode);
	else if (r->verdict == WP_WARN)
		wp_result_set(&r->hint, "something reclaims memory although "
		    "autoMemoryReclaim is disabled: a cron job or service "
		    "writing /proc/sys/vm/drop_caches?");
}

void
mem_judge_reclaim(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	const struct wp_expect_value *e = expect_get(x,
	    "experimental.autoMemoryReclaim");
	struct wp_result *r = facts_mem_add(rs, MEM_CHECK,
	    "experimental.autoMemoryReclaim", WP_UNKNOWN, e);
	struct watch w;

	facts_mem_note_invalid(r, x, "experimental.autoMemoryReclaim");
	if (watch_read(snap, &w) && e && e->value)
		judge_watch(snap, e->value, &w, r);
	else
		passive(snap, r);
	free(w.s);
}

void
mem_judge_usage(json_object *snap, struct wp_results *rs)
{
	unsigned long long total, avail, cached, st, sf;
	struct wp_result *r;
	json_object *top = snap_get(snap, "memory.top_rss");
	const char *why;

	if (facts_mem_meminfo(snap, "MemTotal", &total, &why) != FACT_PRESENT ||
	    facts_mem_meminfo(snap, "MemAvailable", &avail, &why) != FACT_PRESENT) {
		r = wp_results_add(rs, MEM_CHECK, "memory.usage", WP_UNKNOWN);
		wp_result_evidence(r, "%s", why);
		return;
	}
	r = wp_results_add(rs, MEM_CHECK, "memory.usage", avail * 100 <
	    total * USAGE_WARN_PCT ? WP_WARN : WP_PASS);
	wp_result_set(&r->expected, "MemAvailable at least %d%% of MemTotal",
	    USAGE_WARN_PCT);
	wp_result_set(&r->expected_source, "wslprobe: a finding, not a "
	    "setting");
	wp_result_set(&r->observed, "MemAvailable %llu kB of %llu kB", avail,
	    total);
	if (facts_mem_meminfo(snap, "Cached", &cached, NULL) == FACT_PRESENT)
		wp_result_evidence(r, "page cache (Cached): %llu kB, returned "
		    "to Windows only by autoMemoryReclaim", cached);
	if (facts_mem_meminfo(snap, "SwapTotal", &st, NULL) == FACT_PRESENT &&
	    facts_mem_meminfo(snap, "SwapFree", &sf, NULL) == FACT_PRESENT &&
	    sf <= st)
		wp_result_evidence(r, "swap in use: %llu kB of %llu kB",
		    st - sf, st);
	for (size_t i = 0; top && json_object_is_type(top, json_type_array) &&
	    i < json_object_array_length(top) && i < 3; i++) {
		json_object *p = json_object_array_get_idx(top, i);
		const char *name = snap_str(p, "name");
		double kb;

		if (name && snap_num(p, "rss_kb", &kb) == 0)
			wp_result_evidence(r, "largest process #%zu by RSS: %s "
			    "(%.0f kB)", i + 1, name, kb);
	}
	if (r->verdict == WP_WARN)
		wp_result_set(&r->hint, "less than %d%% of the VM's memory is "
		    "available: stop the largest processes or raise "
		    "wsl2.memory in .wslconfig", USAGE_WARN_PCT);
}
