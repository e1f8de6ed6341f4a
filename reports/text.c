/* SPDX-License-Identifier: MIT */
/*
 * The text report: the environment facts, then one line per result with
 * a mark (✓ ✗ ! ? - ☠, or ASCII words when the locale is not UTF-8), the
 * hint indented under it, and one summary line.  --quiet keeps only the
 * summary; --verbose adds the evidence of passing results and timings.
 */
#include "config.h"

#include "reports/report.h"

#include <string.h>

struct mark {
	const char	*utf8, *ascii, *color;
};

static const struct mark marks[WP_VERDICT_COUNT] = {
	[WP_PASS] = { "✓", "[pass]", "\033[32m" },
	[WP_FAIL] = { "✗", "[FAIL]", "\033[1;31m" },
	[WP_WARN] = { "!", "[warn]", "\033[33m" },
	[WP_UNKNOWN] = { "?", "[ ?? ]", "\033[36m" },
	[WP_SKIP] = { "-", "[skip]", "\033[2m" },
	[WP_ERROR] = { "☠", "[ERR!]", "\033[1;35m" },
};

/* The environment facts, in the order they are shown. */
static const struct {
	const char *key, *label;
} env_labels[] = {
	{ "wsl", "WSL" },
	{ "wsl_version", "WSL version" },
	{ "networking_mode", "networking mode" },
	{ "kernel", "kernel" },
	{ "distro", "distro" },
	{ "distro_name", "WSL distro name" },
	{ "boot_time", "VM booted" },
	{ "uptime_s", "uptime" },
	{ "interop", "interop" },
	{ "wslconfig", ".wslconfig" },
};

static void
print_uptime(FILE *fp, double s)
{
	long t = (long)s;

	if (t >= 86400)
		fprintf(fp, "%ldd %ldh %ldm", t / 86400, t % 86400 / 3600,
		    t % 3600 / 60);
	else if (t >= 3600)
		fprintf(fp, "%ldh %ldm", t / 3600, t % 3600 / 60);
	else
		fprintf(fp, "%ldm %lds", t / 60, t % 60);
}

static void
print_fact(const struct wp_report *rep, const char *key, json_object *v,
    FILE *fp)
{
	json_object *src;

	if (!v) {
		if (strcmp(key, "wslconfig") == 0 &&
		    json_object_object_get_ex(rep->environment,
		    "wslconfig_source", &src) && src &&
		    strcmp(json_object_get_string(src), "none") == 0)
			fputs("not used (--no-config)", fp);
		else
			fputs(strcmp(key, "wslconfig") == 0 ? "not found" :
			    "unknown", fp);
	} else if (strcmp(key, "wsl") == 0) {
		const char *s = json_object_get_string(v);

		fputs(strcmp(s, "wsl2") == 0 ? "WSL2" : strcmp(s, "wsl1") == 0
		    ? "WSL1" : "not WSL", fp);
	} else if (strcmp(key, "uptime_s") == 0) {
		print_uptime(fp, json_object_get_double(v));
	} else if (json_object_is_type(v, json_type_boolean)) {
		fputs(json_object_get_boolean(v) ? "available" :
		    "unavailable", fp);
	} else {
		fputs(json_object_get_string(v), fp);
		if (strcmp(key, "networking_mode") == 0)
			fputs(" (wslinfo)", fp);
		if (strcmp(key, "wslconfig") == 0 &&
		    json_object_object_get_ex(rep->environment,
		    "wslconfig_source", &src) && src)
			fprintf(fp, " (%s)", json_object_get_string(src));
	}
}

static void
print_environment(const struct wp_report *rep, FILE *fp)
{
	if (!rep->environment)
		return;
	fputs("environment\n", fp);
	for (size_t i = 0; i < sizeof env_labels / sizeof *env_labels; i++) {
		json_object *v;

		if (!json_object_object_get_ex(rep->environment,
		    env_labels[i].key, &v))
			continue;
		fprintf(fp, "  %-18s ", env_labels[i].label);
		print_fact(rep, env_labels[i].key, v, fp);
		fputc('\n', fp);
	}
	fputc('\n', fp);
}

/*
 * The hint under its result; a multi-line fix (several lines to write)
 * stays one block, every line indented under the first one's text.
 */
static void
print_hint(FILE *fp, const char *arrow, const char *hint)
{
	const char *p = hint, *nl;

	fprintf(fp, "    %s ", arrow);
	while ((nl = strchr(p, '\n')) != NULL) {
		fprintf(fp, "%.*s\n      ", (int)(nl - p), p);
		p = nl + 1;
	}
	fprintf(fp, "%s\n", p);
}

static void
print_result(const struct wp_report *rep, const struct wp_result *r,
    FILE *fp)
{
	const struct mark *m = &marks[r->verdict];
	int show_detail = r->verdict != WP_PASS || rep->verbose;

	if (rep->color)
		fputs(m->color, fp);
	fputs(rep->utf8 ? m->utf8 : m->ascii, fp);
	if (rep->color)
		fputs("\033[0m", fp);
	fprintf(fp, " %s", r->setting);
	if (r->observed)
		fprintf(fp, ": %s", r->observed);
	if (r->expected && (!r->observed ||
	    strcmp(r->expected, r->observed) != 0 || rep->verbose)) {
		fprintf(fp, " (expected %s", *r->expected ? r->expected :
		    "nothing");
		if (r->expected_source)
			fprintf(fp, ", from %s", r->expected_source);
		fputc(')', fp);
	}
	if (rep->verbose && r->duration_ms >= 0)
		fprintf(fp, " [%ld ms]", r->duration_ms);
	fputc('\n', fp);
	if (show_detail) {
		for (size_t i = 0; i < r->n_evidence; i++)
			fprintf(fp, "      %s\n", r->evidence[i]);
	}
	if (r->hint && r->verdict != WP_PASS)
		print_hint(fp, rep->utf8 ? "→" : "->", r->hint);
}

static void
print_summary(const struct wp_report *rep, FILE *fp)
{
	static const char *const words[WP_VERDICT_COUNT] = {
		"pass", "fail", "warn", "unknown", "skip", "error"
	};
	struct wp_summary s;
	int first = 1;

	wp_results_summary(rep->results, &s);
	for (int i = 0; i < WP_VERDICT_COUNT; i++) {
		/* pass and fail always; the others when present. */
		if (!s.count[i] && i != WP_PASS && i != WP_FAIL)
			continue;
		fprintf(fp, "%s%u %s", first ? "" : ", ", s.count[i],
		    words[i]);
		first = 0;
	}
	fputc('\n', fp);
}

static int
render_text(const struct wp_report *rep, FILE *fp)
{
	const char *check = NULL;

	if (!rep->quiet) {
		fprintf(fp, "wslprobe %s: %s run, %s\n\n", PACKAGE_VERSION,
		    rep->mode ? rep->mode : "live",
		    rep->generated_at ? rep->generated_at : "");
		print_environment(rep, fp);
		for (size_t i = 0; i < rep->results->n; i++) {
			const struct wp_result *r = &rep->results->v[i];

			if (!check || strcmp(check, r->check) != 0) {
				if (check)
					fputc('\n', fp);
				check = r->check;
				fprintf(fp, "[%s]\n", check);
			}
			print_result(rep, r, fp);
		}
		if (check)
			fputc('\n', fp);
	}
	print_summary(rep, fp);
	return ferror(fp) ? -1 : 0;
}

const struct wp_reporter report_text = {
	.name = "text",
	.ext = "txt",
	.flags = 0,
	.render = render_text,
};
