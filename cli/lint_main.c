/* SPDX-License-Identifier: MIT */
/*
 * `wslprobe lint [FILE]`: parse one .wslconfig (or, with --wsl-conf, a
 * wsl.conf under wsl.conf's own rules) exactly as WSL would, and report
 * every line WSL ignores or misreads.  No probing.  Without FILE the
 * .wslconfig is discovered as in a normal run.
 */
#include "config.h"

#include "cli/lint_main.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/atomic.h"
#include "cli/cli.h"
#include "util/clock.h"
#include "gather/discover.h"
#include "util/rootfs.h"
#include "engine/snapshot.h"
#include "wslconfig/wslconfig.h"
#include "util/xalloc.h"
#include "cli/lint_report.h"
#include "reports/report.h"

#define LINT_MAX_SIZE	(1024 * 1024)

struct lint_out {
	const struct wslconfig_result	*res;
	int				 json;
};

static int
write_lint(FILE *fp, void *arg)
{
	struct lint_out *lo = arg;

	if (lo->json) {
		json_object *o = lint_to_json(lo->res);
		int rc = fputs(json_object_to_json_string_ext(o,
		    JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
		    JSON_C_TO_STRING_NOSLASHESCAPE), fp) < 0 ||
		    fputc('\n', fp) < 0 ? -1 : 0;

		json_object_put(o);
		return rc;
	}
	return lint_render_text(lo->res, fp);
}

/* The discovered .wslconfig, as a normal run would find it. */
static char *
discovered(const struct cli_opts *o)
{
	struct wp_ctx ctx = { 0 };
	struct wp_params params;
	json_object *frag = json_object_new_object();
	json_object *wsl = snap_obj(frag, "wsl"), *tried;
	const char *p;
	char *path = NULL;

	ctx.root = o->root;
	ctx.timeout_ms = o->timeout_ms;
	ctx.deadline_ms = clock_mono_ms() + o->timeout_ms;
	wp_params_init(&params);
	cli_params(o, &params);
	ctx.params = &params;
	discover_wslconfig(&ctx, frag, wsl, !o->no_windows);
	wp_params_release(&params);
	free(ctx.error);
	p = snap_str(wsl, "wslconfig_path");
	if (p) {
		/* Under --root the path is inside the root. */
		char *err = NULL;

		path = o->root ? rootfs_resolve(o->root, p, &err) :
		    xstrdup(p);
		free(err);
	} else {
		fputs("wslprobe: no .wslconfig found; tried:\n", stderr);
		tried = snap_get(wsl, "wslconfig_tried");
		for (size_t i = 0; tried && i <
		    json_object_array_length(tried); i++)
			fprintf(stderr, "  %s\n", json_object_get_string(
			    json_object_array_get_idx(tried, i)));
		fputs("Try 'wslprobe lint FILE'.\n", stderr);
	}
	free(ctx.error);
	json_object_put(frag);
	return path;
}

int
lint_main(const struct cli_opts *o)
{
	enum wslconfig_flavor fl = o->wsl_conf ? WSLCONFIG_WSLCONF :
	    WSLCONFIG_WINDOWS;
	const char *given = o->wsl_conf ? o->wsl_conf : o->config;
	struct wslconfig_result *res;
	struct rootfs_file f;
	struct lint_out lo;
	char *path, *err = NULL;
	int status;

	if (!(report_find(o->format)->flags & WP_REPORT_LINT)) {
		char *names = report_names(WP_REPORT_LINT);

		fprintf(stderr, "wslprobe: lint writes %s, not '%s'\n", names,
		    o->format);
		free(names);
		return WP_EXIT_USAGE;
	}
	path = given ? xstrdup(given) : discovered(o);
	if (!path)
		return WP_EXIT_USAGE;
	rootfs_read_bounded(path, LINT_MAX_SIZE, o->timeout_ms, &f);
	if (f.error) {
		fprintf(stderr, "wslprobe: cannot read '%s': %s\n", path,
		    f.error);
		rootfs_file_release(&f);
		free(path);
		return WP_EXIT_USAGE;
	}
	if (f.truncated) {
		fprintf(stderr, "wslprobe: '%s' is larger than 1 MiB; that is "
		    "not a .wslconfig\n", path);
		rootfs_file_release(&f);
		free(path);
		return WP_EXIT_USAGE;
	}
	res = wslconfig_parse(f.data, f.len, fl, path);
	lo.res = res;
	lo.json = strcmp(o->format, "json") == 0;
	status = wslconfig_problem_count(res) || res->fatal ?
	    WP_EXIT_FINDINGS : WP_EXIT_OK;
	if (o->output) {
		if (atomic_write(o->output, write_lint, &lo, &err) < 0) {
			fprintf(stderr, "wslprobe: %s\n", err);
			free(err);
			status = WP_EXIT_INTERNAL;
		}
	} else if (write_lint(stdout, &lo) < 0 || fflush(stdout) != 0) {
		perror("wslprobe: cannot write the report");
		status = WP_EXIT_INTERNAL;
	}
	wslconfig_result_free(res);
	rootfs_file_release(&f);
	free(path);
	return status;
}
