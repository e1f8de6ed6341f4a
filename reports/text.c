/* SPDX-License-Identifier: MIT */
/*
 * The text report: the environment facts, then one line per result with
 * a mark (✓ ✗ ! ? - ☠, or ASCII words when the locale is not UTF-8), the
 * hint indented under it, and one summary line.  --quiet keeps only the
 * summary; --verbose adds the evidence of passing results and timings.
 */
#include "config.h"

#include "reports/escape.h"
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
	{ "windows_build", "Windows build" },
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
		esc_put(fp, ESC_TEXT, json_object_get_string(v));
		if (strcmp(key, "networking_mode") == 0)
			fputs(" (wslinfo)", fp);
		if (strcmp(key, "wslconfig") == 0 &&
		    json_object_object_get_ex(rep->environment,
		    "wslconfig_source", &src) && src)
		{
			fputs(" (", fp);
			esc_put(fp, ESC_TEXT, json_object_get_string(src));
			fputc(')', fp);
		}
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
 * TEXT after FIRST, each further line of it after MORE: a multi-line fix
 * stays one block, indented under the arrow.  Each line is escaped, and
 * indented, so a newline in a value can never start a result line.
 */
static void
print_block(FILE *fp, const char *first, const char *more, const char *text)
{
	const char *lead = first;

	do {
		size_t n = strcspn(text, "\n");

		fputs(lead, fp);
		esc_put_len(fp, ESC_TEXT, text, n);
		fputc('\n', fp);
		text += n;
		lead = more;
	} while (*text++ == '\n' && *text != '\0');
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
	fputc(' ', fp);
	esc_put(fp, ESC_TEXT, r->setting);
	if (r->observed) {
		fputs(": ", fp);
		esc_put(fp, ESC_TEXT, r->observed);
	}
	if (r->expected && (!r->observed ||
	    strcmp(r->expected, r->observed) != 0 || rep->verbose)) {
		fputs(" (expected ", fp);
		esc_put(fp, ESC_TEXT, *r->expected ? r->expected : "nothing");
		if (r->expected_source) {
			fputs(", from ", fp);
			esc_put(fp, ESC_TEXT, r->expected_source);
		}
		fputc(')', fp);
	}
	if (rep->verbose && r->duration_ms >= 0)
		fprintf(fp, " [%ld ms]", r->duration_ms);
	fputc('\n', fp);
	if (r->asked) {
		fputs("      asked ", fp);
		esc_put(fp, ESC_TEXT, r->asked);
		if (r->asked_source) {
			fputs(" at ", fp);
			esc_put(fp, ESC_TEXT, r->asked_source);
		}
		fputc('\n', fp);
	}
	if (show_detail) {
		for (size_t i = 0; i < r->n_evidence; i++)
			print_block(fp, "      ", "      ", r->evidence[i]);
	}
	if (r->hint && r->verdict != WP_PASS)
		print_block(fp, rep->utf8 ? "    → " : "    -> ",
		    rep->utf8 ? "      " : "       ", r->hint);
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
		fprintf(fp, "wslprobe %s: %s run, ", PACKAGE_VERSION,
		    rep->mode ? rep->mode : "live");
		esc_put(fp, ESC_TEXT, rep->generated_at);
		if (rep->taken_at && rep->mode &&
		    strcmp(rep->mode, "replay") == 0) {
			fputs(" (snapshot taken ", fp);
			esc_put(fp, ESC_TEXT, rep->taken_at);
			fputc(')', fp);
		}
		fputs("\n\n", fp);
		print_environment(rep, fp);
		for (size_t i = 0; i < rep->results->n; i++) {
			const struct wp_result *r = &rep->results->v[i];

			if (!check || strcmp(check, r->check) != 0) {
				if (check)
					fputc('\n', fp);
				check = r->check;
				fputc('[', fp);
				esc_put(fp, ESC_TEXT, check);
				fputs("]\n", fp);
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
	.flags = WP_REPORT_LINT | WP_REPORT_DIFF,
	.render = render_text,
};
