/* SPDX-License-Identifier: MIT */
/* Judging a setting against what the file asked for; see asked.h. */
#include "config.h"

#include "engine/asked.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/snapshot.h"
#include "wslconfig/wslconfig.h"
#include "util/xalloc.h"

static const char *
file_name(int wslconf)
{
	return wslconf ? "/etc/wsl.conf in the distro" :
	    "%UserProfile%\\.wslconfig on Windows";
}

/* The command that makes WSL read the file the setting lives in. */
static char *
restart(json_object *snap, const struct wslkey *k)
{
	const char *distro = snap_str(snap, "wsl.distro_name");

	if (k && !(k->file & WSLKEY_FILE_WSLCONFIG))
		return xasprintf("wsl --terminate %s",
		    distro ? distro : "<distro>");
	return xstrdup("wsl --shutdown");
}

char *
asked_fix_hint(json_object *snap, const struct wslconfig_problem *p,
    const char *label)
{
	const struct wslkey *k = p->setting ? wslkey_find(p->setting) : NULL;
	int in_wslconf = strcmp(label, ".wslconfig") != 0;
	int to_wslconf = k ? !(k->file & WSLKEY_FILE_WSLCONFIG) : in_wslconf;
	char *cmd, *s;

	if (!p->suggestion)
		return NULL;
	cmd = restart(snap, k);
	if (to_wslconf != in_wslconf)
		s = xasprintf("move line %lu of %s to %s, then run '%s' from "
		    "Windows:\n%s", p->line, label, file_name(to_wslconf),
		    cmd, p->suggestion);
	else
		s = xasprintf("replace line %lu of %s with the line%s below, "
		    "then run '%s' from Windows:\n%s", p->line, label,
		    strchr(p->suggestion, '\n') ? "s" : "", cmd,
		    p->suggestion);
	free(cmd);
	return s;
}

static int
same_text(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

static void
judge_one(json_object *snap, const struct wp_expect *x,
    const struct wp_asked *a, struct wp_result *r)
{
	const struct wp_expect_value *e = expect_get(x, a->key);
	const struct wslconfig_problem *p = a->problem;
	int gathered = r->observed && r->verdict != WP_UNKNOWN;
	char *hint;

	wp_result_set(&r->asked, "%s", a->value);
	wp_result_set(&r->asked_source, "%s", a->source);
	wp_result_evidence(r, "%s is not applied: %s", a->source,
	    p->message ? p->message : p->kind);
	/* Does not apply here (not WSL2, another mode) or broke: keep. */
	if (r->verdict == WP_SKIP || r->verdict == WP_ERROR)
		return;
	if (e && same_text(e->value, a->value)) {
		r->verdict = WP_WARN;
		wp_result_evidence(r, "WSL's default is what was asked; the "
		    "line is still wrong");
	} else if (gathered && same_text(r->observed, a->value)) {
		r->verdict = WP_WARN;
		wp_result_evidence(r, "the live value is what was asked, but "
		    "not because of this line");
	} else {
		r->verdict = WP_FAIL;
		if (!gathered)
			wp_result_evidence(r, "%s; the file alone shows WSL "
			    "does not apply what was asked", r->observed ?
			    "the live state cannot tell what is in effect" :
			    "the live value was not gathered");
	}
	hint = asked_fix_hint(snap, p, a->label);
	if (!hint) {
		char *cmd = restart(snap, wslkey_find(a->key));

		hint = xasprintf("fix line %lu of %s so that WSL reads it, "
		    "then run '%s' from Windows", p->line, a->label, cmd);
		free(cmd);
	}
	free(r->hint);
	r->hint = hint;
}

/*
 * A hint telling to write a key under a section, when a valid line of
 * the file already does (issue 10 §5): say that instead.
 */
static void
already_written(const struct wp_expect *x, struct wp_result *r)
{
	const struct wp_expect_value *e = expect_get(x, r->setting);
	const char *leaf;
	char *w;

	/* "write hostAddressLoopback=true under [experimental]" */
	/* Only a value a line of the file gave, not one WSL adjusted. */
	if (!e || !e->from_file || !r->hint || !strstr(r->hint, "under [") ||
	    strncmp(e->source, "adjusted", 8) == 0)
		return;
	leaf = strchr(e->key, '.') ? strchr(e->key, '.') + 1 : e->key;
	w = xasprintf("write %s=", leaf);
	if (strstr(r->hint, w))
		wp_result_set(&r->hint, "%s already sets %s=%s: run 'wsl "
		    "--shutdown' from Windows so that the VM starts with it",
		    e->source, leaf, e->value ? e->value : "");
	free(w);
}

void
asked_judge(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		struct wp_result *r = &rs->v[i];
		const struct wp_asked *a;

		if (strcmp(r->check, "config") == 0)
			continue;
		a = expect_asked(x, r->setting);
		if (a)
			judge_one(snap, x, a, r);
		else if (r->verdict == WP_FAIL || r->verdict == WP_WARN)
			already_written(x, r);
	}
}
