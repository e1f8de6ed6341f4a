/* SPDX-License-Identifier: MIT */
/*
 * Did-you-mean over the settings table, and fixes that are themselves
 * valid: every suggested line is parsed again with the same parser, in
 * the file it belongs to, and must set the intended key to a value of its
 * type without any problem, or it is not offered (issue 10 §3: no size as
 * a path, no address as a boolean, no fix that lint flags as mangled).
 * The measure itself is wslconfig/suggest.c.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "wslconfig/suggest.h"
#include "wslconfig/wslconfig.h"
#include "wslconfig/wslconfig_int.h"
#include "util/xalloc.h"

/* Validation parses again; a parse done for validation checks nothing. */
static _Thread_local int fix_depth;

char *
wslconfig_value_text(const struct wslconfig_value *t)
{
	char *s = NULL;

	switch (t->type) {
	case WSLKEY_BOOL:
		return xstrdup(t->u.b ? "true" : "false");
	case WSLKEY_INT:
		return xasprintf("%lld", t->u.i);
	case WSLKEY_MEMORY:
		return xasprintf("%" PRIu64, t->u.bytes);
	case WSLKEY_PORTS:
		s = xstrdup("");
		for (size_t i = 0; i < t->u.ports.n; i++) {
			char *n = xasprintf("%s%s%u", s, i ? "," : "",
			    (unsigned)t->u.ports.v[i]);

			free(s);
			s = n;
		}
		return s;
	default:
		return xstrdup(t->u.s ? t->u.s : "");
	}
}

static enum wslconfig_flavor
key_flavor(const struct wslkey *k)
{
	return k->file & WSLKEY_FILE_WSLCONFIG ? WSLCONFIG_WINDOWS :
	    WSLCONFIG_WSLCONF;
}

/* A path names a place: a drive, a separator or an environment part. */
static int
looks_like_path(const char *v)
{
	return strpbrk(v, "/\\:%") != NULL;
}

int
wslconfig_line_valid(const char *line, const char *section,
    enum wslconfig_flavor fl, const struct wslkey *k, char **text)
{
	struct wslconfig_result *res;
	const struct wslconfig_setting *s = NULL;
	char *doc;
	int ok;

	if (text)
		*text = NULL;
	doc = line[0] == '[' || !section || !*section ? xstrdup(line) :
	    xasprintf("[%s]\n%s", section, line);
	fix_depth++;
	res = wslconfig_parse(doc, strlen(doc), fl, "fix");
	fix_depth--;
	free(doc);
	ok = !res->fatal;
	/* What other lines make moot is not a fault of this one. */
	for (size_t i = 0; ok && i < res->nproblems; i++)
		ok = strcmp(res->problems[i].kind, "not-applicable") == 0;
	if (ok && k) {
		s = wslconfig_get(res, k->name);
		ok = s != NULL && (k->type != WSLKEY_PATH ||
		    looks_like_path(s->value));
	}
	if (ok && s && text)
		*text = wslconfig_value_text(&s->typed);
	wslconfig_result_free(res);
	return ok;
}

/* "section" of "section.key" (allocated). */
static char *
section_of(const char *name)
{
	const char *dot = strchr(name, '.');

	return xstrndup(name, dot ? (size_t)(dot - name) : 0);
}

static int
value_fits(const struct wslkey *k, const char *value)
{
	char *sec = section_of(k->name);
	char *line = xasprintf("%s=%s", wslkey_leaf(k->name), value);
	int ok = wslconfig_line_valid(line, sec, key_flavor(k), k, NULL);

	free(line);
	free(sec);
	return ok;
}

/* The best score of LEAF against K's names; *same: under SECTION. */
static int
key_score(const struct wslkey *k, const char *leaf, const char *section,
    int *same)
{
	int best = suggest_score(leaf, wslkey_leaf(k->name));
	char *sec = section_of(k->name);

	*same = section && strcasecmp(sec, section) == 0;
	free(sec);
	for (const char *const *a = k->aliases; a && *a; a++) {
		int s = suggest_score(leaf, wslkey_leaf(*a));
		char *as = section_of(*a);
		int here = section && strcasecmp(as, section) == 0;

		free(as);
		if (s < best || (s == best && here)) {
			best = s;
			*same = here;
		}
	}
	return best;
}

const struct wslkey *
wslconfig_closest_key(const char *leaf, const char *section,
    const char *value, int mask, int *same)
{
	const struct wslkey *best = NULL;
	int bestrank = SUGGEST_FAR, bestsame = 0, ties = 0;

	for (const struct wslkey *k = wslkeys; k->name; k++) {
		int s, here, rank;

		if (!(k->file & mask) ||
		    (k->flags & (WSLKEY_REMOVED | WSLKEY_INTERNAL)))
			continue;
		s = key_score(k, leaf, section, &here);
		if (s == SUGGEST_FAR)
			continue;
		/* Equally close: the key of the section written wins. */
		rank = s * 2 + !here;
		if (rank > bestrank || !value_fits(k, value))
			continue;
		if (rank == bestrank) {
			ties++;
			continue;
		}
		best = k;
		bestrank = rank;
		bestsame = here;
		ties = 0;
	}
	if (ties)
		return NULL;
	if (same)
		*same = bestsame;
	return best;
}

const struct wslkey *
wslconfig_closest_section(const char *section, const char *leaf,
    const char *value, int mask)
{
	const struct wslkey *best = NULL;
	int bests = SUGGEST_FAR, ties = 0;

	for (const struct wslkey *k = wslkeys; k->name; k++) {
		char *sec;
		int s;

		if (!(k->file & mask) || (k->flags & WSLKEY_REMOVED) ||
		    strcasecmp(wslkey_leaf(k->name), leaf) != 0)
			continue;
		sec = section_of(k->name);
		s = suggest_score(section, sec);
		free(sec);
		if (s == SUGGEST_FAR || s > bests || !value_fits(k, value))
			continue;
		if (s == bests) {
			ties++;
			continue;
		}
		best = k;
		bests = s;
		ties = 0;
	}
	return ties ? NULL : best;
}

/* The file a problem's fix is written in. */
static enum wslconfig_flavor
fix_flavor(const struct wslconfig_result *r,
    const struct wslconfig_problem *p)
{
	const struct wslkey *k = p->setting ? wslkey_find(p->setting) : NULL;

	return k ? key_flavor(k) : r->flavor;
}

void
wslconfig_check_fixes(struct wslconfig_result *r)
{
	if (fix_depth > 0)
		return;
	for (size_t i = 0; i < r->nproblems; i++) {
		struct wslconfig_problem *p = &r->problems[i];
		const struct wslkey *k = p->setting ?
		    wslkey_find(p->setting) : NULL;
		char *typed = NULL;

		if (p->suggestion && !wslconfig_line_valid(p->suggestion,
		    p->section, fix_flavor(r, p), k, &typed)) {
			free(p->suggestion);
			p->suggestion = NULL;
		}
		if (typed && p->setting) {
			free(p->asked);
			p->asked = typed;
		} else {
			free(typed);
		}
	}
}
