/* SPDX-License-Identifier: MIT */
/*
 * Text and JSON forms of a .wslconfig / wsl.conf parse result
 * (docs/interface.md §5, schema wslprobe-lint/1).
 */
#include "config.h"

#include "cli/lint_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "reports/escape.h"
#include "wslconfig/wslconfig.h"
#include "wslconfig/wslkeys.h"

#define LINT_SCHEMA	"wslprobe-lint/1"

static struct json_object *
lint_string_or_null(const char *s)
{
	return s != NULL ? esc_json_string(s) : NULL;
}

struct json_object *
lint_typed_to_json(const struct wslconfig_value *v)
{
	struct json_object *a;
	size_t i;

	if (!v->valid)
		return NULL;
	switch (v->type) {
	case WSLKEY_BOOL:
		return json_object_new_boolean(v->u.b);
	case WSLKEY_INT:
		return json_object_new_int64(v->u.i);
	case WSLKEY_MEMORY:
		return json_object_new_uint64(v->u.bytes);
	case WSLKEY_STRING:
	case WSLKEY_PATH:
	case WSLKEY_ENUM:
	case WSLKEY_IPV4:
	case WSLKEY_MAC:
		return lint_string_or_null(v->u.s);
	case WSLKEY_PORTS:
		a = json_object_new_array();
		for (i = 0; i < v->u.ports.n; i++)
			json_object_array_add(a,
			    json_object_new_int(v->u.ports.v[i]));
		return a;
	}
	return NULL;
}

struct json_object *
lint_to_json(const struct wslconfig_result *r)
{
	struct json_object *o = json_object_new_object();
	struct json_object *settings = json_object_new_array();
	struct json_object *problems = json_object_new_array();
	size_t i;

	json_object_object_add(o, "schema",
	    json_object_new_string(LINT_SCHEMA));
	json_object_object_add(o, "file",
	    esc_json_string(r->display_name));
	json_object_object_add(o, "encoding",
	    esc_json_string(r->encoding));
	json_object_object_add(o, "fatal", lint_string_or_null(r->fatal));
	for (i = 0; i < r->nsettings; i++) {
		const struct wslconfig_setting *s = &r->settings[i];
		struct json_object *so = json_object_new_object();

		json_object_object_add(so, "key",
		    esc_json_string(s->key));
		json_object_object_add(so, "written",
		    esc_json_string(s->written));
		json_object_object_add(so, "line",
		    json_object_new_int64((int64_t)s->line));
		json_object_object_add(so, "value",
		    esc_json_string(s->value));
		/* Lint follows the parser: nothing applies when fatal. */
		json_object_object_add(so, "typed", r->fatal != NULL ? NULL :
		    lint_typed_to_json(&s->typed));
		json_object_array_add(settings, so);
	}
	for (i = 0; i < r->nproblems; i++) {
		const struct wslconfig_problem *p = &r->problems[i];
		struct json_object *po = json_object_new_object();

		json_object_object_add(po, "line",
		    json_object_new_int64((int64_t)p->line));
		json_object_object_add(po, "kind",
		    esc_json_string(p->kind));
		json_object_object_add(po, "subkind",
		    lint_string_or_null(p->subkind));
		json_object_object_add(po, "message",
		    esc_json_string(p->message));
		json_object_object_add(po, "diagnosis",
		    lint_string_or_null(p->diagnosis));
		json_object_object_add(po, "suggestion",
		    lint_string_or_null(p->suggestion));
		json_object_array_add(problems, po);
	}
	json_object_object_add(o, "settings", settings);
	json_object_object_add(o, "problems", problems);
	return o;
}

/* Writes S escaped (reports/escape.h): file bytes never reach a terminal. */
static void
lint_put(FILE *out, const char *s)
{
	esc_put(out, ESC_TEXT, s);
}

/*
 * Print text with every line after the first indented by `indent`; each
 * line is escaped, so only our own newlines break lines.
 */
static void
lint_indented(FILE *out, const char *text, const char *indent)
{
	const char *nl;

	while ((nl = strchr(text, '\n')) != NULL) {
		char *line = strndup(text, (size_t)(nl - text));

		lint_put(out, line);
		fprintf(out, "\n%s", indent);
		free(line);
		text = nl + 1;
	}
	lint_put(out, text);
	fputc('\n', out);
}

int
lint_render_text(const struct wslconfig_result *r, FILE *out)
{
	size_t i;

	for (i = 0; i < r->nproblems; i++) {
		const struct wslconfig_problem *p = &r->problems[i];

		lint_put(out, r->display_name);
		fprintf(out, ":%lu: %s: ", p->line, p->kind);
		lint_indented(out, p->message, "    ");
		if (p->diagnosis != NULL || p->hint != NULL) {
			fputs("    ", out);
			if (p->diagnosis != NULL) {
				lint_put(out, p->diagnosis);
				fputs(p->hint != NULL ? ": " : "\n", out);
			}
			if (p->hint != NULL)
				lint_indented(out, p->hint, "    ");
		}
		if (p->suggestion != NULL) {
			fputs("    fix: ", out);
			lint_indented(out, p->suggestion, "         ");
		}
	}
	lint_put(out, r->display_name);
	if (r->nproblems == 0)
		fprintf(out, ": no problems (%s, %zu setting%s)\n",
		    r->encoding, r->nsettings,
		    r->nsettings == 1 ? "" : "s");
	else
		fprintf(out, ": %zu problem%s (%s, %zu setting%s)%s\n",
		    r->nproblems,
		    r->nproblems == 1 ? "" : "s", r->encoding, r->nsettings,
		    r->nsettings == 1 ? "" : "s", r->fatal != NULL ?
		    "; fatal: WSL refuses this file" : "");
	return ferror(out) ? -1 : 0;
}
