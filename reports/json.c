/* SPDX-License-Identifier: MIT */
/*
 * The JSON report (interface.md §3, schema wslprobe-report/1).  Every
 * result object has every field; unknown values are null, never "" or 0.
 */
#include "config.h"

#include "reports/escape.h"
#include "reports/report.h"

#include <stdio.h>

/* Snapshot text may hold invalid UTF-8: escape.h keeps the JSON valid. */
static json_object *
str_or_null(const char *s)
{
	return esc_json_string(s);
}

json_object *
report_result_json(const struct wp_result *r)
{
	json_object *o = json_object_new_object(), *ev;

	json_object_object_add(o, "check", str_or_null(r->check));
	json_object_object_add(o, "setting", str_or_null(r->setting));
	json_object_object_add(o, "expected", str_or_null(r->expected));
	json_object_object_add(o, "expected_source",
	    str_or_null(r->expected_source));
	json_object_object_add(o, "observed", str_or_null(r->observed));
	json_object_object_add(o, "verdict",
	    json_object_new_string(wp_verdict_name(r->verdict)));
	if (r->n_evidence) {
		ev = json_object_new_array();
		for (size_t i = 0; i < r->n_evidence; i++)
			json_object_array_add(ev,
			    esc_json_string(r->evidence[i]));
	} else {
		ev = NULL;
	}
	json_object_object_add(o, "evidence", ev);
	json_object_object_add(o, "hint", str_or_null(r->hint));
	json_object_object_add(o, "asked", str_or_null(r->asked));
	json_object_object_add(o, "asked_source",
	    str_or_null(r->asked_source));
	json_object_object_add(o, "duration_ms", r->duration_ms >= 0 ?
	    json_object_new_int64(r->duration_ms) : NULL);
	return o;
}

json_object *
report_json_object(const struct wp_report *rep)
{
	static const char *const keys[WP_VERDICT_COUNT] = {
		"pass", "fail", "warn", "unknown", "skip", "error"
	};
	json_object *o = json_object_new_object(), *sum, *arr;
	struct wp_summary s;

	json_object_object_add(o, "schema",
	    json_object_new_string("wslprobe-report/1"));
	json_object_object_add(o, "wslprobe_version",
	    json_object_new_string(PACKAGE_VERSION));
	json_object_object_add(o, "generated_at",
	    str_or_null(rep->generated_at));
	json_object_object_add(o, "mode", str_or_null(rep->mode));
	json_object_object_add(o, "taken_at", str_or_null(rep->taken_at));
	json_object_object_add(o, "environment", rep->environment ?
	    esc_json_copy(rep->environment) : json_object_new_object());
	json_object_object_add(o, "config", rep->config ?
	    esc_json_copy(rep->config) : json_object_new_object());
	wp_results_summary(rep->results, &s);
	sum = json_object_new_object();
	for (int i = 0; i < WP_VERDICT_COUNT; i++)
		json_object_object_add(sum, keys[i],
		    json_object_new_int64(s.count[i]));
	json_object_object_add(o, "summary", sum);
	arr = json_object_new_array();
	for (size_t i = 0; i < rep->results->n; i++)
		json_object_array_add(arr,
		    report_result_json(&rep->results->v[i]));
	json_object_object_add(o, "results", arr);
	return o;
}

static int
render_json(const struct wp_report *rep, FILE *fp)
{
	json_object *o = report_json_object(rep);
	int rc;

	rc = fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE), fp);
	if (rc >= 0)
		rc = fputc('\n', fp);
	json_object_put(o);
	return rc < 0 ? -1 : 0;
}

const struct wp_reporter report_json = {
	.name = "json",
	.ext = "json",
	.flags = WP_REPORT_LINT,
	.render = render_json,
};
