/* SPDX-License-Identifier: MIT */
/*
 * Reading a saved JSON report (schema wslprobe-report/1) back into a
 * result set, for `wslprobe diff`.  A report is hostile input: any
 * field may be missing or mistyped; a result needs only check, setting
 * and a known verdict.
 */
#include "config.h"

#include "reports/report.h"

#include <string.h>

#include "util/xalloc.h"

#define REPORT_SCHEMA	"wslprobe-report/1"

static const char *
str(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static void
set(char **field, json_object *o, const char *key)
{
	const char *s = str(o, key);

	if (s)
		wp_result_set(field, "%s", s);
}

static int
read_result(json_object *o, struct wp_results *rs)
{
	const char *check = str(o, "check"), *setting = str(o, "setting");
	const char *verdict = str(o, "verdict");
	struct wp_result *r;
	json_object *ev, *ms;
	int v;

	if (!check || !setting || !verdict ||
	    (v = wp_verdict_parse(verdict)) < 0)
		return -1;
	r = wp_results_add(rs, check, setting, (enum wp_verdict)v);
	set(&r->expected, o, "expected");
	set(&r->expected_source, o, "expected_source");
	set(&r->observed, o, "observed");
	set(&r->hint, o, "hint");
	set(&r->asked, o, "asked");
	set(&r->asked_source, o, "asked_source");
	if (json_object_object_get_ex(o, "evidence", &ev) &&
	    json_object_is_type(ev, json_type_array))
		for (size_t i = 0; i < json_object_array_length(ev); i++) {
			json_object *e = json_object_array_get_idx(ev, i);

			if (json_object_is_type(e, json_type_string))
				wp_result_evidence(r, "%s",
				    json_object_get_string(e));
		}
	if (json_object_object_get_ex(o, "duration_ms", &ms) &&
	    json_object_is_type(ms, json_type_int))
		r->duration_ms = (long)json_object_get_int64(ms);
	return 0;
}

int
report_results_from_json(json_object *report, struct wp_results *rs,
    char **error)
{
	const char *schema = str(report, "schema");
	json_object *results;

	*error = NULL;
	if (!schema || strcmp(schema, REPORT_SCHEMA) != 0) {
		*error = xasprintf("not a %s report (schema %s)",
		    REPORT_SCHEMA, schema ? schema : "missing");
		return -1;
	}
	if (!json_object_object_get_ex(report, "results", &results) ||
	    !json_object_is_type(results, json_type_array)) {
		*error = xstrdup("the report has no results array");
		return -1;
	}
	for (size_t i = 0; i < json_object_array_length(results); i++)
		if (read_result(json_object_array_get_idx(results, i),
		    rs) < 0) {
			*error = xasprintf("result %zu lacks check, setting "
			    "or a known verdict", i);
			return -1;
		}
	return 0;
}
