/* SPDX-License-Identifier: MIT */
/* The result set: append, annotate, count and order results. */
#include "config.h"

#include "engine/result.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static const char *const verdict_names[WP_VERDICT_COUNT] = {
	[WP_PASS] = "pass",
	[WP_FAIL] = "fail",
	[WP_WARN] = "warn",
	[WP_UNKNOWN] = "unknown",
	[WP_SKIP] = "skip",
	[WP_ERROR] = "error",
};

const char *
wp_verdict_name(enum wp_verdict v)
{
	if ((unsigned)v >= WP_VERDICT_COUNT)
		return "error";
	return verdict_names[v];
}

int
wp_verdict_parse(const char *s)
{
	int i;

	for (i = 0; i < WP_VERDICT_COUNT; i++) {
		if (s && strcmp(s, verdict_names[i]) == 0)
			return i;
	}
	return -1;
}

void
wp_results_init(struct wp_results *rs)
{
	rs->v = NULL;
	rs->n = rs->alloc = 0;
}

static void
result_release(struct wp_result *r)
{
	size_t i;

	free(r->check);
	free(r->setting);
	free(r->expected);
	free(r->expected_source);
	free(r->observed);
	for (i = 0; i < r->n_evidence; i++)
		free(r->evidence[i]);
	free(r->evidence);
	free(r->hint);
	free(r->asked);
	free(r->asked_source);
}

void
wp_results_release(struct wp_results *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		result_release(&rs->v[i]);
	free(rs->v);
	wp_results_init(rs);
}

struct wp_result *
wp_results_add(struct wp_results *rs, const char *check, const char *setting,
    enum wp_verdict verdict)
{
	struct wp_result *r;

	if (rs->n == rs->alloc) {
		rs->alloc = rs->alloc ? rs->alloc * 2 : 16;
		rs->v = xreallocarray(rs->v, rs->alloc, sizeof *rs->v);
	}
	r = &rs->v[rs->n++];
	memset(r, 0, sizeof *r);
	r->check = xstrdup(check);
	r->setting = xstrdup(setting);
	r->verdict = verdict;
	r->duration_ms = -1;
	return r;
}

void
wp_result_set(char **field, const char *fmt, ...)
{
	va_list ap;

	free(*field);
	*field = NULL;
	if (!fmt)
		return;
	va_start(ap, fmt);
	*field = xvasprintf(fmt, ap);
	va_end(ap);
}

void
wp_result_evidence(struct wp_result *r, const char *fmt, ...)
{
	va_list ap;

	r->evidence = xreallocarray(r->evidence, r->n_evidence + 1,
	    sizeof *r->evidence);
	va_start(ap, fmt);
	r->evidence[r->n_evidence++] = xvasprintf(fmt, ap);
	va_end(ap);
}

void
wp_results_summary(const struct wp_results *rs, struct wp_summary *s)
{
	size_t i;

	memset(s, 0, sizeof *s);
	for (i = 0; i < rs->n; i++)
		s->count[rs->v[i].verdict < WP_VERDICT_COUNT ?
		    rs->v[i].verdict : WP_ERROR]++;
}

static int (*sort_rank)(const char *);

static int
result_cmp(const void *a, const void *b)
{
	const struct wp_result *ra = a, *rb = b;
	int ka = sort_rank(ra->check), kb = sort_rank(rb->check);

	if (ka != kb)
		return ka < kb ? -1 : 1;
	return strcmp(ra->setting, rb->setting);
}

void
wp_results_sort(struct wp_results *rs, int (*check_rank)(const char *))
{
	size_t i, j;

	/*
	 * Insertion sort: stable, so results of one setting keep the order
	 * the check produced them in (e.g. one per DNS server).
	 */
	sort_rank = check_rank;
	for (i = 1; i < rs->n; i++) {
		struct wp_result tmp = rs->v[i];

		for (j = i; j > 0 && result_cmp(&rs->v[j - 1], &tmp) > 0; j--)
			rs->v[j] = rs->v[j - 1];
		rs->v[j] = tmp;
	}
	sort_rank = NULL;
}
