/* SPDX-License-Identifier: MIT */
/*
 * Escaping for every reporter: a snapshot-derived string (a PRETTY_NAME,
 * a search domain, a .wslconfig line) must never steer the reader's
 * terminal, forge a result line or inject markup.  Control bytes and
 * invalid UTF-8 are shown as \x1b, a newline as \n, a tab as \t; C1
 * controls and bidirectional overrides as \u202e.  Each format then
 * escapes what is special to it.
 */
#ifndef WSLPROBE_REPORTS_ESCAPE_H
#define WSLPROBE_REPORTS_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

#include <json-c/json.h>

enum esc_kind {
	ESC_TEXT,	/* terminal text: only the controls above */
	ESC_MD,		/* GitHub Markdown: also `|*_[]<>&~#!\ as entities */
	ESC_XML,	/* XML text and attribute values */
	ESC_PROM,	/* Prometheus label value: \\ \" \n */
	ESC_YAML,	/* YAML double-quoted scalar (TAP diagnostics) */
	ESC_JSON,	/* json-c string: only invalid UTF-8 is rewritten */
};

/* Writes S (NULL writes nothing) escaped for KIND. */
void		 esc_put(FILE *, enum esc_kind, const char *s);
/*
 * The same, stopping after MAX bytes of S (at a character boundary)
 * with "…" appended when something was cut.  Returns 1 when it cut.
 */
int		 esc_putn(FILE *, enum esc_kind, const char *s, size_t max);
/* The first LEN bytes of S escaped for KIND (S need not end there). */
void		 esc_put_len(FILE *, enum esc_kind, const char *s, size_t len);
/*
 * S escaped for KIND line by line, the lines joined by SEP ("<br>" in
 * Markdown): a multi-line hint stays readable, and only SEP breaks it.
 */
void		 esc_put_lines(FILE *, enum esc_kind, const char *s,
		    const char *sep);
/* S escaped for KIND, allocated (the caller frees); NULL for NULL. */
char		*esc_dup(enum esc_kind, const char *s);
/* A json-c string of S that serialises to valid UTF-8; NULL for NULL. */
json_object	*esc_json_string(const char *s);
/* A deep copy of O whose strings serialise to valid UTF-8. */
json_object	*esc_json_copy(json_object *o);
/*
 * A deep copy of O with every string value replaced by FN(ARG, value),
 * a new json-c string (keys made valid UTF-8, as esc_json_copy does).
 */
typedef json_object *(*esc_json_fn)(void *arg, const char *s);
json_object	*esc_json_map(json_object *o, esc_json_fn fn, void *arg);
/*
 * The length of the valid UTF-8 sequence at S (at most N bytes), or 0
 * when S does not start one (overlong forms and surrogates included).
 */
size_t		 esc_utf8_len(const unsigned char *s, size_t n);

#endif
