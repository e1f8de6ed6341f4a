/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: a snapshot file, parsed, judged and rendered in every
 * format.  Any snapshot must give results or a clear error, never a
 * crash (interface.md §4: missing keys mean "not gathered").
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "checks/environment.h"
#include "cli/cli.h"
#include "engine/runner.h"
#include "engine/snapshot.h"
#include "reports/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cli_opts opts;
	static struct wp_params params;
	static int ready;
	struct wp_expect *x;
	struct wp_results rs;
	struct wp_report rep = { 0 };
	json_object *snap, *env;
	char *err = NULL;
	FILE *null;

	if (!ready) {
		char prog[] = "fuzz", *argv[] = { prog, NULL };
		FILE *devnull = fopen("/dev/null", "w");

		cli_parse(1, argv, &opts, devnull, devnull);
		wp_params_init(&params);
		cli_params(&opts, &params);
		fclose(devnull);
		ready = 1;
	}
	snap = snapshot_parse((const char *)data, size, "fuzz", &err);
	free(err);
	if (!snap)
		return 0;
	wp_results_init(&rs);
	x = expect_build(snap);
	runner_judge(wp_checks, &params, snap, x, &rs);
	expect_free(x);
	env = environment_summary(snap);
	rep.results = &rs;
	rep.environment = env;
	rep.mode = "replay";
	null = fopen("/dev/null", "w");
	for (const struct wp_reporter *const *all = report_all(); *all;
	    all++)
		report_render(*all, &rep, null);
	fclose(null);
	json_object_put(env);
	wp_results_release(&rs);
	json_object_put(snap);
	return 0;
}
