/* SPDX-License-Identifier: MIT */
/*
 * The Prometheus text exposition, for node_exporter's textfile collector
 * (write it with -o: atomically, as the collector needs): one
 * wslprobe_result series per (check, setting, verdict), the run's
 * duration, its time and an info series; every family with HELP and TYPE.
 */
#include "config.h"

#include "reports/report.h"

#include <stdlib.h>
#include <string.h>

#include "reports/escape.h"
#include "util/xalloc.h"

static void
family(FILE *fp, const char *name, const char *help)
{
	fprintf(fp, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

static void
label(FILE *fp, const char *name, const char *value, int first)
{
	fprintf(fp, "%s%s=\"", first ? "" : ",", name);
	esc_put(fp, ESC_PROM, value ? value : "");
	fputc('"', fp);
}

static int
same_series(const struct wp_result *a, const struct wp_result *b)
{
	return a->verdict == b->verdict && strcmp(a->check, b->check) == 0 &&
	    strcmp(a->setting, b->setting) == 0;
}

/*
 * Several results may share a label set (one per config problem): a
 * series appears once, its value the number of results.
 */
static void
results(FILE *fp, const struct wp_report *rep)
{
	const struct wp_result *v = rep->results->v;
	size_t n = rep->results->n;
	char *done = xcalloc(n ? n : 1, 1);

	family(fp, "wslprobe_result", "One series per wslprobe result: the "
	    "number of results with this check, setting and verdict.");
	for (size_t i = 0; i < n; i++) {
		unsigned count = 0;

		if (done[i])
			continue;
		for (size_t j = i; j < n; j++)
			if (!done[j] && same_series(&v[i], &v[j]))
				done[j] = 1, count++;
		fputs("wslprobe_result{", fp);
		label(fp, "check", v[i].check, 1);
		label(fp, "setting", v[i].setting, 0);
		label(fp, "verdict", wp_verdict_name(v[i].verdict), 0);
		fprintf(fp, "} %u\n", count);
	}
	free(done);
}

static int
render_prometheus(const struct wp_report *rep, FILE *fp)
{
	json_object *env = rep->environment;

	results(fp, rep);
	family(fp, "wslprobe_run_duration_seconds", "How long the wslprobe "
	    "run took (absent for a replay).");
	if (rep->duration_ms >= 0)
		fprintf(fp, "wslprobe_run_duration_seconds %.3f\n",
		    rep->duration_ms / 1000.0);
	family(fp, "wslprobe_last_run_timestamp_seconds", "When the wslprobe "
	    "report was made, in seconds since the epoch.");
	fprintf(fp, "wslprobe_last_run_timestamp_seconds %lld\n",
	    rep->generated_epoch);
	family(fp, "wslprobe_info", "WSL version, kernel and networking mode "
	    "seen by wslprobe.");
	fputs("wslprobe_info{", fp);
	label(fp, "wsl_version", report_env_str(env, "wsl_version"), 1);
	label(fp, "kernel", report_env_str(env, "kernel"), 0);
	label(fp, "mode", report_env_str(env, "networking_mode"), 0);
	fputs("} 1\n", fp);
	return ferror(fp) ? -1 : 0;
}

const struct wp_reporter report_prometheus = {
	.name = "prometheus",
	.ext = "prom",
	.flags = 0,
	.render = render_prometheus,
};
