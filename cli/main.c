/* SPDX-License-Identifier: MIT */
/*
 * wslprobe: gather (or replay) a snapshot, judge it, render one report,
 * and choose the exit status (interface.md §2).  Only main ends the
 * process.
 */
#include "config.h"

#include <ares.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks/environment.h"
#include "engine/check.h"
#include "facts/wsl.h"
#include "gather/proxyfetch.h"
#include "util/atomic.h"
#include "cli/cli.h"
#include "util/clock.h"
#include "engine/expect.h"
#include "cli/diff_main.h"
#include "cli/lint_main.h"
#include "cli/replay.h"
#include "util/rootfs.h"
#include "engine/runner.h"
#include "engine/snapshot.h"
#include "wslconfig/wslconfig.h"
#include "util/xalloc.h"
#include "reports/redact.h"
#include "reports/report.h"

/* An explicit file must be readable: exit 2 otherwise. */
static int
check_explicit_file(const char *opt, const char *path, long timeout_ms)
{
	struct rootfs_file f;
	int ok;

	if (!path)
		return 0;
	rootfs_read_bounded(path, 1024 * 1024, timeout_ms, &f);
	ok = !f.error;
	if (!ok)
		fprintf(stderr, "wslprobe: cannot read %s '%s': %s\n", opt,
		    path, f.error);
	rootfs_file_release(&f);
	return ok ? 0 : -1;
}

/* Reads FILE into SNAP's files and marks it as given at replay. */
static void
replace_file(json_object *snap, const char *path)
{
	struct rootfs_file f;
	json_object *frag = json_object_new_object();

	rootfs_read_plain(path, 1024 * 1024, &f);
	snap_add_file(frag, path, &f);
	snapshot_merge(snap, frag);
	json_object_put(frag);
	rootfs_file_release(&f);
}

/*
 * --replay with --config/--no-config/--wsl-conf: judge the VM against
 * those files.  A replacement is marked (wsl.*_replaced): its own mtime
 * says nothing about when this VM booted.
 */
static void
replace_config(json_object *snap, const struct cli_opts *o)
{
	json_object *wsl = snap_obj(snap, "wsl");

	if (o->config || o->no_config) {
		json_object *tried = json_object_new_array();

		if (o->no_config) {
			snap_set_str(wsl, "wslconfig_path", NULL);
			snap_set_str(wsl, "wslconfig_source", "none");
		} else {
			replace_file(snap, o->config);
			snap_set_str(wsl, "wslconfig_path", o->config);
			snap_set_str(wsl, "wslconfig_source", "option");
			json_object_array_add(tried,
			    json_object_new_string(o->config));
		}
		json_object_object_add(wsl, "wslconfig_tried", tried);
		json_object_object_add(wsl, "wslconfig_replaced",
		    json_object_new_boolean(1));
	}
	if (o->wsl_conf) {
		replace_file(snap, o->wsl_conf);
		snap_set_str(wsl, "wslconf_path", o->wsl_conf);
		json_object_object_add(wsl, "wslconf_replaced",
		    json_object_new_boolean(1));
	}
}

/* The check ids selected for this run (snapshot `checks`). */
static void
record_checks(json_object *snap, const struct wp_params *p)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; wp_checks[i]; i++)
		if (wp_params_selected(p, wp_checks[i]->name))
			json_object_array_add(a, json_object_new_string(
			    wp_checks[i]->name));
	json_object_object_add(snap, "checks", a);
}

static json_object *
config_facts(json_object *snap, const struct wp_expect *x)
{
	const struct wslconfig_result *res = expect_wslconfig(x);
	json_object *o = json_object_new_object(), *file, *m;
	const char *path = snap_str(snap, "wsl.wslconfig_path");

	file = path ? snap_file(snap, path) : NULL;
	snap_set_str(o, "path", path);
	json_object_object_add(o, "found", json_object_new_boolean(file &&
	    !snap_str(file, "error")));
	snap_set_str(o, "encoding", res ? res->encoding : NULL);
	if (file && json_object_object_get_ex(file, "mtime", &m) && m)
		json_object_object_add(o, "mtime", json_object_get(m));
	else
		json_object_object_add(o, "mtime", NULL);
	return o;
}

static int
want_color(const struct cli_opts *o, FILE *out)
{
	const char *nc = getenv("NO_COLOR");

	if (strcmp(o->format, "text") != 0 || o->color == CLI_COLOR_NEVER)
		return 0;
	if (o->color == CLI_COLOR_ALWAYS)
		return 1;
	if (nc && *nc)
		return 0;
	return isatty(fileno(out));
}

struct render_job {
	const struct wp_reporter	*reporter;
	struct wp_report		*report;
};

static int
render_to(FILE *fp, void *arg)
{
	struct render_job *rj = arg;

	return report_render(rj->reporter, rj->report, fp);
}

/* The report's time: now, or SOURCE_DATE_EPOCH for reproducible output. */
static double
report_time(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long t;

	if (sde && *sde) {
		t = strtoll(sde, &end, 10);
		if (!*end && t >= 0)
			return (double)t;
	}
	return clock_wall();
}

static int
exit_status(const struct wp_results *rs, enum wp_verdict fail_on)
{
	struct wp_summary s;

	wp_results_summary(rs, &s);
	if (s.count[WP_FAIL] || s.count[WP_ERROR])
		return WP_EXIT_FINDINGS;
	if (fail_on == WP_WARN && s.count[WP_WARN])
		return WP_EXIT_FINDINGS;
	return WP_EXIT_OK;
}

static int
run(const struct cli_opts *o, const struct wp_params *p)
{
	const struct wp_reporter *reporter = report_find(o->format);
	struct wp_results rs;
	struct wp_report rep;
	json_object *snap, *env, *cfg;
	struct wp_expect *x;
	char *error = NULL, *now;
	int status, live = !o->replay;
	long long started = clock_mono_ms();
	double when;

	if (check_explicit_file("--config", o->config, o->timeout_ms) < 0 ||
	    check_explicit_file("--wsl-conf", o->wsl_conf, o->timeout_ms) < 0)
		return WP_EXIT_USAGE;
	if (o->replay) {
		snap = snapshot_load(o->replay, &error);
		if (!snap) {
			fprintf(stderr, "wslprobe: %s\n", error);
			free(error);
			return WP_EXIT_USAGE;
		}
		replace_config(snap, o);
	} else {
		snap = snapshot_new(o->root);
		runner_gather(&wp_default_plan, p, snap);
		record_checks(snap, p);
		if (o->save_snapshot &&
		    snapshot_save(snap, o->save_snapshot, &error) < 0) {
			fprintf(stderr, "wslprobe: %s\n", error);
			free(error);
			json_object_put(snap);
			return WP_EXIT_INTERNAL;
		}
	}

	/* The files are parsed once, for the checks and the report. */
	x = expect_build(snap);
	wp_results_init(&rs);
	replay_judge(snap, p, x, &rs);
	env = environment_summary(snap);
	cfg = config_facts(snap, x);
	expect_free(x);
	when = report_time();
	now = time_iso8601(when);
	memset(&rep, 0, sizeof rep);
	rep.results = &rs;
	rep.environment = env;
	rep.config = cfg;
	rep.mode = live ? "live" : "replay";
	rep.generated_at = now;
	rep.taken_at = snap_str(snap, "taken_at");
	rep.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	rep.quiet = o->quiet;
	rep.verbose = o->verbose;
	rep.fail_on = o->fail_on;
	rep.generated_epoch = (long long)when;
	/* A replay did not gather: the original run's time is not known. */
	rep.duration_ms = live ? (long)(clock_mono_ms() - started) : -1;
	rep.redactor = redact_new(o->redact >= 0 ? o->redact :
	    (reporter->flags & WP_REPORT_REDACT) != 0);
	redact_seed_snapshot(rep.redactor, snap);

	status = exit_status(&rs, o->fail_on);
	if (o->output) {
		struct render_job rj = { reporter, &rep };

		rep.color = o->color == CLI_COLOR_ALWAYS &&
		    strcmp(o->format, "text") == 0;
		if (atomic_write(o->output, render_to, &rj, &error) < 0) {
			fprintf(stderr, "wslprobe: %s\n", error);
			free(error);
			status = WP_EXIT_INTERNAL;
		}
	} else {
		rep.color = want_color(o, stdout);
		if (report_render(reporter, &rep, stdout) < 0 ||
		    fflush(stdout) != 0
		    || ferror(stdout)) {
			perror("wslprobe: cannot write the report");
			status = WP_EXIT_INTERNAL;
		}
	}
	/* Outside WSL2 a live run still reports, then says so by status. */
	if (status != WP_EXIT_INTERNAL && live &&
	    facts_wsl_kind(snap, NULL) != ENV_WSL2)
		status = WP_EXIT_NOT_WSL2;

	free(now);
	redact_free(rep.redactor);
	json_object_put(env);
	json_object_put(cfg);
	wp_results_release(&rs);
	json_object_put(snap);
	return status;
}

int
main(int argc, char **argv)
{
	struct cli_opts opts;
	int status;

	/*
	 * Only the character set (are ✓ ✗ printable?): numbers in JSON,
	 * JUnit and Prometheus must keep their '.' whatever LC_NUMERIC the
	 * user has, and the other categories are never used.
	 */
	setlocale(LC_CTYPE, "");
	switch (cli_parse(argc, argv, &opts, stdout, stderr)) {
	case CLI_EXIT_OK:
		status = fflush(stdout) == 0 && !ferror(stdout) ? WP_EXIT_OK :
		    WP_EXIT_INTERNAL;
		cli_opts_release(&opts);
		return status;
	case CLI_EXIT_USAGE:
		cli_opts_release(&opts);
		return WP_EXIT_USAGE;
	case CLI_OK:
		break;
	}
	/*
	 * libcurl is initialised lazily, by the proxy check's gathering
	 * only (gather/proxyfetch.c): other runs never pay for it.
	 */
	if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS) {
		fputs("wslprobe: cannot initialise c-ares\n", stderr);
		cli_opts_release(&opts);
		return WP_EXIT_INTERNAL;
	}
	if (opts.command == CLI_LINT) {
		status = lint_main(&opts);
	} else if (opts.command == CLI_DIFF) {
		struct wp_params params;

		wp_params_init(&params);
		cli_params(&opts, &params);
		status = diff_main(&opts, &params);
		wp_params_release(&params);
	} else {
		struct wp_params params;

		wp_params_init(&params);
		cli_params(&opts, &params);
		status = run(&opts, &params);
		wp_params_release(&params);
	}
	/*
	 * A gathering job left behind at the deadline may still be inside
	 * c-ares or libcurl (engine/runner.h): leave their global state to
	 * the process exit then.
	 */
	if (runner_jobs_alive() == 0) {
		ares_library_cleanup();
		proxyfetch_global_cleanup();
	}
	cli_opts_release(&opts);
	return status;
}
