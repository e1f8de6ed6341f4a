/* SPDX-License-Identifier: MIT */
/*
 * The TAP report (version 13, as Debian 12's prove reads it): one test
 * point per result; unknown and skip are "# SKIP reason"; fail and error
 * are "not ok", and so is warn under --fail-on warn; every result that is
 * not a pass carries a YAML block (expected, observed, evidence, hint).
 */
#include "config.h"

#include "reports/report.h"

#include <stdlib.h>

#include "reports/escape.h"

/* A description: escaped, with TAP's own \ and # escaped too. */
static void
put_desc(FILE *fp, const char *s)
{
	char *e = esc_dup(ESC_TEXT, s ? s : "");

	for (const char *p = e; *p; p++) {
		if (*p == '\\' || *p == '#')
			fputc('\\', fp);
		fputc(*p, fp);
	}
	free(e);
}

static void
yaml(FILE *fp, const char *key, const char *value)
{
	fprintf(fp, "  %s: ", key);
	if (!value) {
		fputs("~\n", fp);
		return;
	}
	fputc('"', fp);
	esc_put(fp, ESC_YAML, value);
	fputs("\"\n", fp);
}

static void
diagnostics(FILE *fp, const struct wp_result *r)
{
	fputs("  ---\n", fp);
	yaml(fp, "verdict", wp_verdict_name(r->verdict));
	yaml(fp, "expected", r->expected);
	yaml(fp, "expected_source", r->expected_source);
	yaml(fp, "observed", r->observed);
	if (r->asked) {
		yaml(fp, "asked", r->asked);
		yaml(fp, "asked_source", r->asked_source);
	}
	fputs(r->n_evidence ? "  evidence:\n" : "  evidence: []\n", fp);
	for (size_t i = 0; i < r->n_evidence; i++) {
		char *e = esc_dup(ESC_YAML, r->evidence[i]);

		/* prove's YAMLish reads "- a: b" as a map even when quoted. */
		fputs("    - \"", fp);
		for (const char *p = e; *p; p++)
			fputs(*p == ':' ? "\\x3a" : (char[2]){ *p, 0 }, fp);
		fputs("\"\n", fp);
		free(e);
	}
	yaml(fp, "hint", r->hint);
	fputs("  ...\n", fp);
}

static int
render_tap(const struct wp_report *rep, FILE *fp)
{
	fprintf(fp, "TAP version 13\n1..%zu\n", rep->results->n);
	for (size_t i = 0; i < rep->results->n; i++) {
		const struct wp_result *r = &rep->results->v[i];
		int not_ok = r->verdict == WP_FAIL || r->verdict == WP_ERROR ||
		    (r->verdict == WP_WARN && rep->fail_on == WP_WARN);

		fprintf(fp, "%s %zu - ", not_ok ? "not ok" : "ok", i + 1);
		put_desc(fp, r->check);
		fputs(": ", fp);
		put_desc(fp, r->setting);
		if (r->observed) {
			fputs(" = ", fp);
			put_desc(fp, r->observed);
		}
		if (r->verdict == WP_UNKNOWN || r->verdict == WP_SKIP) {
			fprintf(fp, " # SKIP %s: ", wp_verdict_name(r->verdict));
			put_desc(fp, r->n_evidence ? r->evidence[0] :
			    r->hint);
		} else if (r->verdict == WP_WARN && !not_ok) {
			fputs(" (warn)", fp);
		}
		fputc('\n', fp);
		if (r->verdict != WP_PASS || r->asked)
			diagnostics(fp, r);
	}
	return ferror(fp) ? -1 : 0;
}

const struct wp_reporter report_tap = {
	.name = "tap",
	.ext = "tap",
	.flags = 0,
	.render = render_tap,
};
