/* SPDX-License-Identifier: MIT */
/*
 * The Markdown report, made to paste into a GitHub issue: a table with
 * the fields WSL's bug form asks for, the failures and warnings with
 * their hints, then every result and the evidence inside <details>.
 * Every value is escaped (escape.h) so that it cannot open a table cell,
 * a code span, a link or an HTML element.  The whole report stays under
 * GitHub's comment limit: the least important evidence is cut first,
 * and the report says what was cut.
 */
#include "config.h"

#include "reports/report.h"

#include <stdlib.h>
#include <string.h>

#include "reports/escape.h"
#include "reports/redact.h"

#define MD_LIMIT	65536	/* GitHub's comment limit, in characters */
#define MD_MARGIN	1024	/* room for the note on what was cut */

/* What is cut, in order, until the report fits. */
enum md_cut {
	MD_ALL,
	MD_NO_PASS_EVIDENCE,	/* evidence of pass/skip/unknown results */
	MD_NO_EVIDENCE,		/* all evidence in <details> */
	MD_FAILURES_ONLY,	/* the table of every result */
	MD_SHORT_VALUES,	/* every value cut to 120 bytes */
	MD_CUT_COUNT
};

static const char *const cut_notes[MD_CUT_COUNT] = {
	[MD_NO_PASS_EVIDENCE] = "the evidence of results that passed, were "
	    "skipped or are unknown",
	[MD_NO_EVIDENCE] = "all evidence",
	[MD_FAILURES_ONLY] = "all evidence and the table of every result",
	[MD_SHORT_VALUES] = "all evidence, the table of every result, and "
	    "the end of long values",
};

static const char *const marks[WP_VERDICT_COUNT] = {
	[WP_PASS] = "✅ pass", [WP_FAIL] = "❌ fail", [WP_WARN] = "⚠️ warn",
	[WP_UNKNOWN] = "❔ unknown", [WP_SKIP] = "➖ skip",
	[WP_ERROR] = "💥 error",
};

struct md {
	FILE		*fp;
	enum md_cut	 cut;
	size_t		 max;	/* bytes of one value */
};

static void
put(const struct md *m, const char *s)
{
	esc_putn(m->fp, ESC_MD, s, m->max);
}

static void
header_row(const struct md *m, const char *label, const char *value,
    const char *fallback)
{
	fprintf(m->fp, "| %s | ", label);
	if (value)
		put(m, value);
	else
		fputs(fallback, m->fp);
	fputs(" |\n", m->fp);
}

static void
header(const struct md *m, const struct wp_report *rep)
{
	json_object *env = rep->environment;
	const char *wsl = report_env_str(env, "wsl");

	fputs("## wslprobe report\n\n| Field | Value |\n|---|---|\n", m->fp);
	header_row(m, "Windows build", report_env_str(env, "windows_build"),
	    "not known inside the VM (run `winver` on Windows)");
	header_row(m, "WSL version", report_env_str(env, "wsl_version"),
	    "unknown");
	header_row(m, "WSL", wsl && strcmp(wsl, "wsl2") == 0 ? "WSL2" :
	    wsl && strcmp(wsl, "wsl1") == 0 ? "WSL1" : wsl ? "not WSL" : NULL,
	    "unknown");
	header_row(m, "Kernel", report_env_str(env, "kernel"), "unknown");
	header_row(m, "Distro", report_env_str(env, "distro"), "unknown");
	header_row(m, "Networking mode", report_env_str(env, "networking_mode"),
	    "unknown");
	header_row(m, ".wslconfig", report_env_str(env, "wslconfig"),
	    "not found");
	fprintf(m->fp, "| wslprobe version | %s (%s run", PACKAGE_VERSION,
	    rep->mode ? rep->mode : "live");
	if (rep->generated_at) {
		fputs(", ", m->fp);
		put(m, rep->generated_at);
	}
	fputs(") |\n\n", m->fp);
}

static void
summary(const struct md *m, const struct wp_report *rep)
{
	struct wp_summary s;
	const char *sep = "";

	wp_results_summary(rep->results, &s);
	fputs("**Summary:** ", m->fp);
	for (int v = 0; v < WP_VERDICT_COUNT; v++) {
		if (!s.count[v] && v != WP_PASS && v != WP_FAIL)
			continue;
		fprintf(m->fp, "%s%u %s", sep, s.count[v],
		    wp_verdict_name((enum wp_verdict)v));
		sep = ", ";
	}
	fputs("\n\n", m->fp);
}

static int
is_problem(const struct wp_result *r)
{
	return r->verdict == WP_FAIL || r->verdict == WP_WARN ||
	    r->verdict == WP_ERROR;
}

static void
observed_expected(const struct md *m, const struct wp_result *r)
{
	fputs("observed ", m->fp);
	if (r->observed)
		put(m, r->observed);
	else
		fputs("nothing", m->fp);
	if (r->expected) {
		fputs(", expected ", m->fp);
		put(m, *r->expected ? r->expected : "nothing");
		if (r->expected_source) {
			fputs(" (from ", m->fp);
			put(m, r->expected_source);
			fputc(')', m->fp);
		}
	}
}

static size_t
problems_from(const struct wp_report *rep, size_t i)
{
	size_t n = 0;

	for (; i < rep->results->n; i++)
		n += is_problem(&rep->results->v[i]);
	return n;
}

static void
problems(const struct md *m, const struct wp_report *rep)
{
	int any = 0;

	fputs("### Failures and warnings\n\n", m->fp);
	for (size_t i = 0; i < rep->results->n; i++) {
		const struct wp_result *r = &rep->results->v[i];

		if (!is_problem(r))
			continue;
		if (m->cut >= MD_SHORT_VALUES &&
		    ftell(m->fp) > MD_LIMIT - 4 * MD_MARGIN) {
			fprintf(m->fp, "- … and %zu more (see `wslprobe -f "
			    "json`)\n", problems_from(rep, i));
			break;
		}
		any = 1;
		fprintf(m->fp, "- %s **", marks[r->verdict]);
		put(m, r->setting);
		fputs("** (", m->fp);
		put(m, r->check);
		fputs("): ", m->fp);
		observed_expected(m, r);
		fputc('\n', m->fp);
		if (r->asked) {
			fputs("  - **Asked:** ", m->fp);
			put(m, r->asked);
			if (r->asked_source) {
				fputs(" at ", m->fp);
				put(m, r->asked_source);
			}
			fputc('\n', m->fp);
		}
		if (r->hint) {
			fputs("  - **Fix:** ", m->fp);
			/* Long values are cut at the last level only. */
			if (m->cut >= MD_SHORT_VALUES)
				put(m, r->hint);
			else
				esc_put_lines(m->fp, ESC_MD, r->hint, "<br>");
			fputc('\n', m->fp);
		}
	}
	if (!any)
		fputs("None.\n", m->fp);
	fputc('\n', m->fp);
}

static void
all_results(const struct md *m, const struct wp_report *rep)
{
	if (m->cut >= MD_FAILURES_ONLY)
		return;
	fprintf(m->fp, "<details>\n<summary>All %zu results</summary>\n\n"
	    "| Verdict | Check | Setting | Observed | Expected | From |\n"
	    "|---|---|---|---|---|---|\n", rep->results->n);
	for (size_t i = 0; i < rep->results->n; i++) {
		const struct wp_result *r = &rep->results->v[i];

		fprintf(m->fp, "| %s | ", marks[r->verdict]);
		put(m, r->check);
		fputs(" | ", m->fp);
		put(m, r->setting);
		fputs(" | ", m->fp);
		put(m, r->observed);
		fputs(" | ", m->fp);
		put(m, r->expected);
		fputs(" | ", m->fp);
		put(m, r->expected_source);
		fputs(" |\n", m->fp);
	}
	fputs("\n</details>\n\n", m->fp);
}

static void
evidence(const struct md *m, const struct wp_report *rep)
{
	size_t shown = 0;

	if (m->cut >= MD_NO_EVIDENCE)
		return;
	for (size_t i = 0; i < rep->results->n; i++) {
		const struct wp_result *r = &rep->results->v[i];

		if (!r->n_evidence || (m->cut >= MD_NO_PASS_EVIDENCE &&
		    !is_problem(r)))
			continue;
		if (!shown++)
			fputs("<details>\n<summary>Evidence</summary>\n\n",
			    m->fp);
		fprintf(m->fp, "- %s **", marks[r->verdict]);
		put(m, r->setting);
		fputs("**\n", m->fp);
		for (size_t e = 0; e < r->n_evidence; e++) {
			fputs("  - ", m->fp);
			esc_put_lines(m->fp, ESC_MD, r->evidence[e], "<br>");
			fputc('\n', m->fp);
		}
	}
	if (shown)
		fputs("\n</details>\n\n", m->fp);
}

static void
render_cut(const struct md *m, const struct wp_report *rep)
{
	header(m, rep);
	summary(m, rep);
	problems(m, rep);
	all_results(m, rep);
	evidence(m, rep);
	if (m->cut != MD_ALL)
		fprintf(m->fp, "_Cut to fit GitHub's comment limit: %s._\n\n",
		    cut_notes[m->cut]);
	fprintf(m->fp, "<sub>wslprobe %s, %s</sub>\n", PACKAGE_VERSION,
	    redact_pseudonymises(rep->redactor) ? "redacted: addresses "
	    "and names are placeholders" : "not redacted");
}

static int
render_markdown(const struct wp_report *rep, FILE *fp)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	for (enum md_cut cut = MD_ALL; cut < MD_CUT_COUNT; cut++) {
		struct md m = { NULL, cut, cut >= MD_SHORT_VALUES ? 120 :
		    4096 };

		free(buf);
		buf = NULL;
		m.fp = open_memstream(&buf, &len);
		if (!m.fp)
			return -1;
		render_cut(&m, rep);
		if (fclose(m.fp) != 0)
			return -1;
		if (len + MD_MARGIN <= MD_LIMIT)
			break;
	}
	rc = fwrite(buf, 1, len, fp) == len ? 0 : -1;
	free(buf);
	return rc;
}

const struct wp_reporter report_markdown = {
	.name = "markdown",
	.ext = "md",
	.flags = WP_REPORT_REDACT | WP_REPORT_DIFF,
	.render = render_markdown,
};
