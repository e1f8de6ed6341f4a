/* SPDX-License-Identifier: MIT */
/*
 * report_render: the one way a report is written.  It builds the view
 * every reporter renders — results, environment and config passed once
 * through the report's redactor (credentials always go, the rest when
 * pseudonymising) — so no format can forget to redact.
 */
#include "config.h"

#include "reports/report.h"

#include <stdlib.h>

#include "reports/redact.h"

static void
set_redacted(struct wp_redact *r, char **field, const char *value)
{
	char *s = redact_str(r, value);

	if (s)
		wp_result_set(field, "%s", s);
	free(s);
}

static void
copy_result(struct wp_redact *r, struct wp_results *to,
    const struct wp_result *from)
{
	char *setting = redact_str(r, from->setting);
	struct wp_result *c = wp_results_add(to, from->check, setting,
	    from->verdict);

	free(setting);
	set_redacted(r, &c->expected, from->expected);
	set_redacted(r, &c->expected_source, from->expected_source);
	set_redacted(r, &c->observed, from->observed);
	set_redacted(r, &c->hint, from->hint);
	set_redacted(r, &c->asked, from->asked);
	set_redacted(r, &c->asked_source, from->asked_source);
	for (size_t i = 0; i < from->n_evidence; i++) {
		char *s = redact_str(r, from->evidence[i]);

		wp_result_evidence(c, "%s", s);
		free(s);
	}
	c->duration_ms = from->duration_ms;
}

const char *
report_env_str(json_object *env, const char *key)
{
	json_object *v;

	if (!env || !json_object_object_get_ex(env, key, &v) || !v)
		return NULL;
	return json_object_get_string(v);
}

void
report_redact_results(struct wp_redact *r, const struct wp_results *rs,
    struct wp_results *out)
{
	for (size_t i = 0; rs && i < rs->n; i++)
		copy_result(r, out, &rs->v[i]);
}

int
report_render(const struct wp_reporter *rp, const struct wp_report *rep,
    FILE *fp)
{
	struct wp_report view = *rep;
	struct wp_redact *own = NULL, *r = rep->redactor;
	struct wp_results rs;
	int rc;

	if (!r)
		r = own = redact_new(0);
	wp_results_init(&rs);
	report_redact_results(r, rep->results, &rs);
	view.results = &rs;
	view.environment = redact_json(r, rep->environment);
	view.config = redact_json(r, rep->config);
	rc = rp->render(&view, fp);
	json_object_put(view.environment);
	json_object_put(view.config);
	wp_results_release(&rs);
	redact_free(own);
	return rc;
}
