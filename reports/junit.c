/* SPDX-License-Identifier: MIT */
/*
 * The JUnit report (Ant/Jenkins format, the strictest of those CI systems
 * read): one <testsuite> per check, one <testcase> per result; fail →
 * <failure>, error → <error>, unknown and skip → <skipped>; a warning is
 * a <failure> under --fail-on warn and a line of <system-out> otherwise.
 */
#include "config.h"

#include "reports/report.h"

#include <string.h>
#include <time.h>

#include "reports/escape.h"

static void
attr(FILE *fp, const char *name, const char *value)
{
	fprintf(fp, " %s=\"", name);
	esc_put(fp, ESC_XML, value ? value : "");
	fputc('"', fp);
}

static void
env_property(FILE *fp, const struct wp_report *rep, const char *key)
{
	const char *v = report_env_str(rep->environment, key);

	if (!v)
		return;
	fputs("      <property", fp);
	attr(fp, "name", key);
	attr(fp, "value", v);
	fputs("/>\n", fp);
}

/* The result's facts, as the text of its <failure>/<error>/<skipped>. */
static void
details(FILE *fp, const struct wp_result *r)
{
	fputs("expected: ", fp);
	esc_put(fp, ESC_XML, r->expected ? r->expected : "(nothing)");
	if (r->expected_source) {
		fputs(" (from ", fp);
		esc_put(fp, ESC_XML, r->expected_source);
		fputc(')', fp);
	}
	fputs("\nobserved: ", fp);
	esc_put(fp, ESC_XML, r->observed ? r->observed : "(nothing)");
	if (r->asked) {
		fputs("\nasked: ", fp);
		esc_put(fp, ESC_XML, r->asked);
		if (r->asked_source) {
			fputs(" at ", fp);
			esc_put(fp, ESC_XML, r->asked_source);
		}
	}
	for (size_t i = 0; i < r->n_evidence; i++) {
		fputs("\nevidence: ", fp);
		esc_put_lines(fp, ESC_XML, r->evidence[i], "\n  ");
	}
	if (r->hint) {
		fputs("\nhint: ", fp);
		esc_put_lines(fp, ESC_XML, r->hint, "\n  ");
	}
}

/* Why a result was skipped: its first evidence line, else its hint. */
static const char *
reason(const struct wp_result *r)
{
	if (r->n_evidence)
		return r->evidence[0];
	return r->hint ? r->hint : wp_verdict_name(r->verdict);
}

static int
as_failure(const struct wp_report *rep, const struct wp_result *r)
{
	return r->verdict == WP_FAIL ||
	    (r->verdict == WP_WARN && rep->fail_on == WP_WARN);
}

static void
testcase(FILE *fp, const struct wp_report *rep, const struct wp_result *r)
{
	const char *el = NULL;

	fputs("    <testcase", fp);
	attr(fp, "name", r->setting);
	fputs(" classname=\"wslprobe.", fp);
	esc_put(fp, ESC_XML, r->check);
	fprintf(fp, "\" time=\"%.3f\"", r->duration_ms > 0 ?
	    r->duration_ms / 1000.0 : 0.0);
	if (as_failure(rep, r))
		el = "failure";
	else if (r->verdict == WP_ERROR)
		el = "error";
	if (el) {
		fprintf(fp, ">\n      <%s", el);
		attr(fp, "message", r->hint ? r->hint : r->observed);
		attr(fp, "type", wp_verdict_name(r->verdict));
		fputc('>', fp);
		details(fp, r);
		fprintf(fp, "</%s>\n    </testcase>\n", el);
	} else if (r->verdict == WP_UNKNOWN || r->verdict == WP_SKIP) {
		fputs(">\n      <skipped>", fp);
		fprintf(fp, "%s: ", wp_verdict_name(r->verdict));
		esc_put(fp, ESC_XML, reason(r));
		fputs("</skipped>\n    </testcase>\n", fp);
	} else {
		fputs("/>\n", fp);
	}
}

/* Results [from, to) are one check's. */
static void
testsuite(FILE *fp, const struct wp_report *rep, size_t from, size_t to,
    int id, const char *stamp)
{
	const struct wp_result *v = rep->results->v;
	unsigned fails = 0, errors = 0, skipped = 0;
	long ms = 0;

	for (size_t i = from; i < to; i++) {
		fails += as_failure(rep, &v[i]);
		errors += v[i].verdict == WP_ERROR;
		skipped += v[i].verdict == WP_UNKNOWN || v[i].verdict == WP_SKIP;
		if (v[i].duration_ms > ms)
			ms = v[i].duration_ms;
	}
	fputs("  <testsuite", fp);
	attr(fp, "name", v[from].check);
	fprintf(fp, " package=\"wslprobe\" id=\"%d\" timestamp=\"%s\" "
	    "hostname=\"localhost\" tests=\"%zu\" failures=\"%u\" "
	    "errors=\"%u\" skipped=\"%u\" time=\"%.3f\">\n", id, stamp,
	    to - from, fails, errors, skipped, ms / 1000.0);
	fputs("    <properties>\n", fp);
	env_property(fp, rep, "wsl_version");
	env_property(fp, rep, "kernel");
	env_property(fp, rep, "networking_mode");
	env_property(fp, rep, "distro");
	fputs("    </properties>\n", fp);
	for (size_t i = from; i < to; i++)
		testcase(fp, rep, &v[i]);
	fputs("    <system-out>", fp);
	for (size_t i = from; i < to; i++) {
		if (v[i].verdict != WP_WARN || as_failure(rep, &v[i]))
			continue;
		fputs("warn: ", fp);
		esc_put(fp, ESC_XML, v[i].setting);
		fputs(": ", fp);
		esc_put(fp, ESC_XML, v[i].hint ? v[i].hint : v[i].observed);
		fputc('\n', fp);
	}
	fputs("</system-out>\n    <system-err/>\n  </testsuite>\n", fp);
}

static int
render_junit(const struct wp_report *rep, FILE *fp)
{
	time_t t = (time_t)rep->generated_epoch;
	char stamp[32] = "1970-01-01T00:00:00";
	struct tm tm;
	size_t from = 0;
	int id = 0;

	/* The schema wants a timestamp without a time zone: UTC. */
	if (gmtime_r(&t, &tm))
		strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n",
	    fp);
	while (from < rep->results->n) {
		size_t to = from + 1;

		while (to < rep->results->n && strcmp(rep->results->v[to].check,
		    rep->results->v[from].check) == 0)
			to++;
		testsuite(fp, rep, from, to, id++, stamp);
		from = to;
	}
	fputs("</testsuites>\n", fp);
	return ferror(fp) ? -1 : 0;
}

const struct wp_reporter report_junit = {
	.name = "junit",
	.ext = "xml",
	.flags = 0,
	.render = render_junit,
};
