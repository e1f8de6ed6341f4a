/* SPDX-License-Identifier: MIT */
/*
 * The config check: every line of .wslconfig and /etc/wsl.conf that WSL
 * ignores or reads differently than its author probably meant (one result
 * per problem, setting config.<kind>), a file WSL refuses whole, and
 * whether the files changed after the VM or the distro started, so that
 * nothing they say is applied yet (restart.pending, wsl-facts.md §9).
 * The parsing is wslconfig/wslconfig.c's; this file only turns its findings
 * into results.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/asked.h"
#include "engine/check.h"
#include "util/clock.h"
#include "engine/snapshot.h"
#include "wslconfig/wslconfig.h"
#include "util/xalloc.h"


/* One finding per kind of problem (wslconfig.h), and the restart. */
static const char *const config_settings[] = { "config.fatal",
    "config.unreadable", "config.too-large", "config.unknown-key",
    "config.duplicate-key", "config.invalid-value", "config.malformed-line",
    "config.encoding", "config.mangled-value", "config.swallowed",
    "config.not-applicable", "restart.pending", NULL };

/*
 * Problems that leave a setting unapplied are failures: a line that maps
 * to a known setting (a typo, a wrong section or file, no section, an
 * invalid value), a malformed or swallowed line.  Those that only surprise
 * (a duplicate WSL ignores, a setting the mode makes moot, a key that
 * maps to nothing) warn.
 */
static enum wp_verdict
problem_verdict(const struct wslconfig_result *res,
    const struct wslconfig_problem *p)
{
	static const char *const failing[] = { "invalid-value",
	    "malformed-line", "swallowed", NULL };

	if (p->setting)
		return WP_FAIL;
	for (size_t i = 0; failing[i]; i++)
		if (strcmp(p->kind, failing[i]) == 0)
			return WP_FAIL;
	/* UTF-16 without a BOM, or big-endian: nothing in it applies. */
	if (strcmp(p->kind, "encoding") == 0 &&
	    strncmp(res->encoding, "utf-16", 6) == 0 &&
	    strcmp(res->encoding, "utf-16le-bom") != 0)
		return WP_FAIL;
	return WP_WARN;
}

/*
 * The one thing to do.  The explanation stays in the evidence only when
 * the hint is something else, so that the hint never repeats it.
 */
static void
problem_hint(json_object *snap, const struct wslconfig_problem *p,
    const char *label, struct wp_result *r)
{
	char *fix = asked_fix_hint(snap, p, label);

	if (fix) {
		r->hint = fix;
		if (p->hint)
			wp_result_evidence(r, "%s", p->hint);
	} else if (p->hint && strcmp(p->kind, "unknown-key") == 0) {
		wp_result_set(&r->hint, "delete line %lu of %s: %s", p->line,
		    label, p->hint);
	} else if (p->hint) {
		wp_result_set(&r->hint, "%s", p->hint);
	} else {
		wp_result_set(&r->hint, "run 'wslprobe lint%s' for details",
		    strcmp(label, ".wslconfig") == 0 ? "" :
		    " --wsl-conf /etc/wsl.conf");
	}
}

static void
judge_file(json_object *snap, const struct wslconfig_result *res,
    const char *label, const char *path, struct wp_results *rs)
{
	struct wp_result *r;

	if (!res)
		return;
	if (res->fatal) {
		r = wp_results_add(rs, "config", "config.fatal", WP_FAIL);
		wp_result_set(&r->observed, "refused");
		wp_result_evidence(r, "%s: %s", path, res->fatal);
		wp_result_set(&r->hint, "fix this line: WSL applies nothing "
		    "from a file it refuses, and the VM does not start");
	}
	for (size_t i = 0; i < res->nproblems; i++) {
		const struct wslconfig_problem *p = &res->problems[i];
		char *setting = xasprintf("config.%s", p->kind);

		r = wp_results_add(rs, "config", setting,
		    problem_verdict(res, p));
		free(setting);
		if (p->key)
			wp_result_set(&r->observed, "%s", p->key);
		wp_result_evidence(r, "%s:%lu: %s", label, p->line,
		    p->message ? p->message : p->kind);
		if (p->subkind)
			wp_result_evidence(r, "kind: %s/%s", p->kind,
			    p->subkind);
		if (p->diagnosis)
			wp_result_evidence(r, "diagnosis: %s", p->diagnosis);
		if (p->setting && p->asked) {
			wp_result_set(&r->asked, "%s", p->asked);
			wp_result_set(&r->asked_source, "%s:%lu '%s'", label,
			    p->line, p->written ? p->written : p->key ?
			    p->key : "");
			wp_result_evidence(r, "meant for %s", p->setting);
		}
		problem_hint(snap, p, label, r);
	}
}

/* A file that was found but could not be read, or was too large. */
static void
judge_unreadable(json_object *snap, const char *path, const char *label,
    struct wp_results *rs)
{
	json_object *f = path ? snap_file(snap, path) : NULL;
	const char *err = f ? snap_str(f, "error") : NULL;
	struct wp_result *r;

	if (!f)
		return;
	if (err && strcmp(err, "not found") != 0) {
		r = wp_results_add(rs, "config", "config.unreadable", WP_FAIL);
		wp_result_set(&r->observed, "%s", err);
		wp_result_evidence(r, "%s (%s): %s", path, label, err);
		wp_result_set(&r->hint, "make %s a readable regular file",
		    path);
	} else if (snap_bool(f, "truncated") == 1) {
		r = wp_results_add(rs, "config", "config.too-large", WP_FAIL);
		wp_result_evidence(r, "%s is larger than 1 MiB; only the "
		    "first MiB was judged", path);
		wp_result_set(&r->hint, "a .wslconfig is a few lines: check "
		    "what was saved into %s", path);
	}
}

static char *
iso(double t)
{
	return time_iso8601(t);
}

static void
pending_result(struct wp_results *rs, const char *what, const char *path,
    double mtime, double start, double now, const char *started,
    const char *hint)
{
	double diff = mtime - start;
	struct wp_result *r;
	char *a = iso(mtime), *b = iso(start);
	enum wp_restart st = expect_restart_compare(mtime, start, now);

	if (st == WP_RESTART_SKEW) {
		char *c = iso(now);

		r = wp_results_add(rs, "config", "restart.pending",
		    WP_UNKNOWN);
		wp_result_set(&r->observed, "%s modified after this snapshot "
		    "was taken", what);
		wp_result_evidence(r, "the file's time is in the future "
		    "(snapshot taken %s): clock skew, not an edit, so it "
		    "cannot tell whether the file changed since %s", c,
		    started);
		free(c);
	} else if (st == WP_RESTART_PENDING) {
		r = wp_results_add(rs, "config", "restart.pending", WP_WARN);
		wp_result_set(&r->observed, "%s changed %.0f s after %s",
		    what, diff, started);
		wp_result_set(&r->expected, "%s unchanged since %s", what,
		    started);
		wp_result_set(&r->hint, "%s", hint);
	} else {
		r = wp_results_add(rs, "config", "restart.pending", WP_PASS);
		wp_result_set(&r->observed, "%s not changed since %s", what,
		    started);
	}
	wp_result_evidence(r, "%s modified %s", path, a);
	wp_result_evidence(r, "%s %s", started, b);
	free(a);
	free(b);
}

static void
judge_restart(json_object *snap, struct wp_results *rs)
{
	const char *path = snap_str(snap, "wsl.wslconfig_path");
	const char *conf = snap_str(snap, "wsl.wslconf_path");
	const char *distro = snap_str(snap, "wsl.distro_name");
	json_object *f = path ? snap_file(snap, path) : NULL;
	double mtime, btime, istart, now = expect_snapshot_time(snap);
	struct wp_result *r;

	if (path && f && !snap_str(f, "error") &&
	    snap_bool(snap, "wsl.wslconfig_replaced") == 1) {
		r = wp_results_add(rs, "config", "restart.pending",
		    WP_UNKNOWN);
		wp_result_evidence(r, "%s was given at replay: its time says "
		    "nothing about when this VM booted", path);
	} else if (path && f && !snap_str(f, "error")) {
		if (snap_num(f, "mtime", &mtime) == 0 &&
		    snap_num(snap, "system.boot_time", &btime) == 0) {
			pending_result(rs, ".wslconfig", path, mtime, btime,
			    now, "the VM booted", "run 'wsl --shutdown' from "
			    "Windows, then start the distro again: "
			    ".wslconfig is read only when the VM starts");
		} else {
			r = wp_results_add(rs, "config", "restart.pending",
			    WP_UNKNOWN);
			wp_result_evidence(r, "%s", snap_num(f, "mtime",
			    &mtime) < 0 ? "the .wslconfig modification time "
			    "is unavailable" : "the VM boot time (btime in "
			    "/proc/stat) is unavailable");
		}
	}
	f = conf && snap_bool(snap, "wsl.wslconf_replaced") != 1 ?
	    snap_file(snap, conf) : NULL;
	if (f && !snap_str(f, "error") && snap_num(f, "mtime", &mtime) == 0 &&
	    snap_num(snap, "system.boot_time", &btime) == 0 &&
	    snap_num(snap, "system.init_start_s", &istart) == 0) {
		char *hint = xasprintf("run 'wsl --terminate %s' from "
		    "Windows, then start it again: wsl.conf is read when the "
		    "distro starts", distro ? distro : "<distro>");

		pending_result(rs, "wsl.conf", conf, mtime, btime + istart,
		    now, "the distro started", hint);
		free(hint);
	}
}

static int
config_judge(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	const char *path = snap_str(snap, "wsl.wslconfig_path");
	const char *conf = snap_str(snap, "wsl.wslconf_path");

	judge_unreadable(snap, path, ".wslconfig", rs);
	judge_unreadable(snap, conf, "wsl.conf", rs);
	judge_file(snap, expect_wslconfig(x), ".wslconfig", path, rs);
	judge_file(snap, expect_wslconf(x), "wsl.conf", conf, rs);
	judge_restart(snap, rs);
	return 0;
}

const struct wp_check check_config = {
	.name = "config",
	.title = ".wslconfig and wsl.conf as WSL reads them; pending restart",
	.settings = config_settings,
	.flags = 0,
	.gather = NULL,
	.judge = config_judge,
};
