/* SPDX-License-Identifier: MIT */
/*
 * The diff of two result sets (diff.h).  Results are matched by check,
 * setting and occurrence (a setting may have several results, one per
 * config problem).  Both sides pass through one redactor first, so that
 * an address gets the same placeholder before and after.
 */
#include "config.h"

#include "reports/diff.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "reports/escape.h"
#include "reports/redact.h"
#include "reports/report.h"
#include "util/xalloc.h"

/* The environment facts compared, with their labels. */
static const char *const env_keys[][2] = {
	{ "wsl", "WSL" }, { "wsl_version", "WSL version" },
	{ "networking_mode", "networking mode" }, { "kernel", "kernel" },
	{ "distro", "distro" }, { "wslconfig", ".wslconfig" },
};

struct out {
	FILE		*fp;
	int		 md;
	unsigned	 changes;
	const char	*pending;	/* a section header not yet written */
};

/* Counts one change, writing its section's header before the first. */
static void
count(struct out *o)
{
	o->changes++;
	if (o->pending)
		fputs(o->pending, o->fp);
	o->pending = NULL;
}

static void
put(const struct out *o, const char *s)
{
	esc_put(o->fp, o->md ? ESC_MD : ESC_TEXT, s ? s : "(none)");
}

static int
same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* An evidence line without its timings: "1 answer, 12 ms" → "1 answer". */
static char *
no_timing(const char *s)
{
	char *c = xstrdup(s), *p = c;

	while ((p = strstr(p, " ms")) != NULL) {
		char *d = p;

		while (d > c && isdigit((unsigned char)d[-1]))
			d--;
		if (d < p && (p[3] == '\0' || !isalnum((unsigned char)p[3])) &&
		    (d == c || !isalnum((unsigned char)d[-1]))) {
			memmove(d, "N", 1);
			memmove(d + 1, p, strlen(p) + 1);
			p = d + 1;
		} else {
			p++;
		}
	}
	return c;
}

/* Equal but for timings. */
static int
same_value(const char *a, const char *b)
{
	char *x, *y;
	int eq;

	if (!a || !b)
		return a == b;
	x = no_timing(a);
	y = no_timing(b);
	eq = strcmp(x, y) == 0;
	free(x);
	free(y);
	return eq;
}

static int
has_evidence(const struct wp_result *r, const char *line)
{
	char *want = no_timing(line);
	int found = 0;

	for (size_t i = 0; i < r->n_evidence && !found; i++) {
		char *e = no_timing(r->evidence[i]);

		found = strcmp(e, want) == 0;
		free(e);
	}
	free(want);
	return found;
}

static int
evidence_changed(const struct wp_result *a, const struct wp_result *b)
{
	for (size_t i = 0; i < a->n_evidence; i++)
		if (!has_evidence(b, a->evidence[i]))
			return 1;
	for (size_t i = 0; i < b->n_evidence; i++)
		if (!has_evidence(a, b->evidence[i]))
			return 1;
	return 0;
}

/* The Nth result (0-based) of RS for CHECK and SETTING, or NULL. */
static const struct wp_result *
find(const struct wp_results *rs, const struct wp_result *like, size_t nth)
{
	for (size_t i = 0; i < rs->n; i++)
		if (strcmp(rs->v[i].check, like->check) == 0 &&
		    strcmp(rs->v[i].setting, like->setting) == 0 && !nth--)
			return &rs->v[i];
	return NULL;
}

/* Which occurrence of its check and setting R is within RS. */
static size_t
occurrence(const struct wp_results *rs, const struct wp_result *r)
{
	size_t n = 0;

	for (const struct wp_result *p = rs->v; p < r; p++)
		n += strcmp(p->check, r->check) == 0 &&
		    strcmp(p->setting, r->setting) == 0;
	return n;
}

static void
verdict_value(const struct out *o, const struct wp_result *r)
{
	fputs(wp_verdict_name(r->verdict), o->fp);
	if (r->observed) {
		fputs(o->md ? ": " : ", observed ", o->fp);
		put(o, r->observed);
	}
}

static void
evidence_lines(const struct out *o, const struct wp_result *a,
    const struct wp_result *b)
{
	for (size_t i = 0; a && i < a->n_evidence; i++)
		if (!b || !has_evidence(b, a->evidence[i])) {
			fputs(o->md ? "  - removed: " : "      - ", o->fp);
			put(o, a->evidence[i]);
			fputc('\n', o->fp);
		}
	for (size_t i = 0; b && i < b->n_evidence; i++)
		if (!a || !has_evidence(a, b->evidence[i])) {
			fputs(o->md ? "  - added: " : "      + ", o->fp);
			put(o, b->evidence[i]);
			fputc('\n', o->fp);
		}
}

/* One line for a changed, new (A NULL) or gone (B NULL) result. */
static void
change(struct out *o, const struct wp_result *a, const struct wp_result *b)
{
	const struct wp_result *r = a ? a : b;

	count(o);
	fputs(o->md ? "- **" : "  ", o->fp);
	put(o, r->setting);
	fputs(o->md ? "** (" : " (", o->fp);
	put(o, r->check);
	fputs(!a ? "), new: " : !b ? "), gone: " : "): ", o->fp);
	if (a)
		verdict_value(o, a);
	if (a && b)
		fputs(o->md ? " → " : " -> ", o->fp);
	if (b)
		verdict_value(o, b);
	if (a && b && !same(a->expected, b->expected)) {
		fputs("; expected ", o->fp);
		put(o, a->expected);
		fputs(o->md ? " → " : " -> ", o->fp);
		put(o, b->expected);
	}
	if (a && b && !same(a->asked, b->asked)) {
		fputs("; asked ", o->fp);
		put(o, a->asked);
		fputs(o->md ? " → " : " -> ", o->fp);
		put(o, b->asked);
	}
	fputc('\n', o->fp);
	if (a && b)
		evidence_lines(o, a, b);
}

static int
result_changed(const struct wp_result *a, const struct wp_result *b)
{
	return a->verdict != b->verdict ||
	    !same_value(a->observed, b->observed) ||
	    !same(a->expected, b->expected) || !same(a->asked, b->asked) ||
	    evidence_changed(a, b);
}

static void
environment(struct out *o, json_object *a, json_object *b)
{
	for (size_t i = 0; i < sizeof env_keys / sizeof *env_keys; i++) {
		const char *x = report_env_str(a, env_keys[i][0]);
		const char *y = report_env_str(b, env_keys[i][0]);

		if (same(x, y))
			continue;
		count(o);
		fprintf(o->fp, o->md ? "- **%s**: " : "  %s: ", env_keys[i][1]);
		put(o, x);
		fputs(o->md ? " → " : " -> ", o->fp);
		put(o, y);
		fputc('\n', o->fp);
	}
}

static void
body(struct out *o, const struct wp_results *a, const struct wp_results *b,
    json_object *ea, json_object *eb)
{
	o->pending = o->md ? "### Environment\n\n" : "environment\n";
	environment(o, ea, eb);
	o->pending = o->md ? "\n### Results\n\n" : "results\n";
	for (size_t i = 0; i < a->n; i++) {
		const struct wp_result *y = find(b, &a->v[i],
		    occurrence(a, &a->v[i]));

		if (!y || result_changed(&a->v[i], y))
			change(o, &a->v[i], y);
	}
	for (size_t i = 0; i < b->n; i++)
		if (!find(a, &b->v[i], occurrence(b, &b->v[i])))
			change(o, NULL, &b->v[i]);
}

int
report_diff(const struct wp_diff_side *old, const struct wp_diff_side *new,
    int markdown, struct wp_redact *r, FILE *fp, unsigned *changes)
{
	struct wp_redact *own = r ? NULL : redact_new(0);
	struct wp_results a, b;
	json_object *ea, *eb;
	struct out o = { NULL, markdown, 0, NULL };
	char *buf = NULL, *na, *nb;
	size_t len = 0;

	if (own)
		r = own;
	wp_results_init(&a);
	wp_results_init(&b);
	report_redact_results(r, old->results, &a);
	report_redact_results(r, new->results, &b);
	ea = redact_json(r, old->environment);
	eb = redact_json(r, new->environment);
	na = redact_str(r, old->name);
	nb = redact_str(r, new->name);
	/* The body first, to say how many changes in the header line. */
	o.fp = open_memstream(&buf, &len);
	if (!o.fp)
		abort();
	body(&o, &a, &b, ea, eb);
	if (fclose(o.fp) != 0)
		abort();
	o.fp = fp;
	fputs(markdown ? "## wslprobe diff\n\n" : "wslprobe diff: ", fp);
	put(&o, na);
	fputs(markdown ? " → " : " -> ", fp);
	put(&o, nb);
	fprintf(fp, markdown ? "\n\n**%u change%s**\n\n" : ": %u change%s\n",
	    o.changes, o.changes == 1 ? "" : "s");
	if (o.changes)
		fwrite(buf, 1, len, fp);
	*changes = o.changes;
	free(buf);
	free(na);
	free(nb);
	json_object_put(ea);
	json_object_put(eb);
	wp_results_release(&a);
	wp_results_release(&b);
	redact_free(own);
	return ferror(fp) ? -1 : 0;
}
