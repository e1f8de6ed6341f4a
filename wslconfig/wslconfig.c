/* SPDX-License-Identifier: MIT */
/*
 * The .wslconfig / wsl.conf state machine, a line-for-line model of
 * microsoft/WSL src/shared/configfile/configfile.cpp ParseConfigFile()
 * (docs/wslconfig.md §1), and the key binding of WslCoreConfig.cpp: first
 * occurrence wins, typed values (§2), the dnsTunnelingIpAddress side effect
 * and the fatal macAddress.  Every warning WSL prints becomes a problem with
 * WSL's wording; unknown keys get a diagnosis WSL does not give.  The silent
 * problems and the suggestions live in wslconfig/wslconfig_values.c.
 */
#include "config.h"

#include "wslconfig/wslconfig.h"

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "wslconfig/wslconfig_int.h"
#include "util/xalloc.h"

#define WC_EOF	(-1)

static bool
wc_hspace(int c)
{
	return c == ' ' || c == '\t';
}

/* isalpha/isalnum in the "C" locale, on a whole UTF-16 unit. */
static bool
wc_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
wc_alnum(int c)
{
	return wc_alpha(c) || (c >= '0' && c <= '9');
}

/* fgetwc(): the next unit, or WC_EOF (and the EOF flag) at the end. */
static int
wc_get(struct wslconfig_parser *p)
{
	if (p->pos >= p->t->n) {
		p->eof = true;
		return WC_EOF;
	}
	if (p->t->bad != NULL && p->t->bad[p->pos] && !p->in_comment &&
	    p->bad_line == 0)
		p->bad_line = p->line;
	return p->t->u[p->pos++];
}

/* ungetwc(): WEOF cannot be pushed back and leaves the EOF flag set. */
static void
wc_unget(struct wslconfig_parser *p, int c)
{
	if (c != WC_EOF)
		p->pos--;
}

struct wslconfig_problem *
wslconfig_problem_add(struct wslconfig_parser *p, unsigned long line,
    const char *kind, const char *subkind, const char *fmt, ...)
{
	struct wslconfig_result *r = p->r;
	struct wslconfig_problem *pr;
	va_list ap;

	if (r->nproblems == p->problems_cap) {
		p->problems_cap = p->problems_cap ? p->problems_cap * 2 : 16;
		r->problems = xreallocarray(r->problems, p->problems_cap,
		    sizeof *r->problems);
	}
	pr = &r->problems[r->nproblems++];
	memset(pr, 0, sizeof *pr);
	pr->line = line;
	pr->kind = kind;
	pr->subkind = subkind;
	pr->section = p->key != NULL ? xstrndup(p->key, p->section_len) :
	    xstrdup("");
	va_start(ap, fmt);
	pr->message = xvasprintf(fmt, ap);
	va_end(ap);
	return pr;
}

/* Text of the line being parsed, from its first non-blank unit. */
char *
wslconfig_line_text(const struct wslconfig_parser *p)
{
	size_t e = p->seg_start;

	while (e < p->t->n && p->t->u[e] != '\n' && p->t->u[e] != '\r' &&
	    e - p->seg_start < 4096)
		e++;
	return wslconfig_units_to_utf8(p->t->u, p->seg_start, e, 4096);
}

static void
wc_key_add(struct wslconfig_parser *p, char c)
{
	if (p->keylen + 1 >= p->keycap) {
		p->keycap = p->keycap ? p->keycap * 2 : 64;
		p->key = xrealloc(p->key, p->keycap);
	}
	p->key[p->keylen++] = c;
}

/* key.resize(n): cut, or pad with NULs (the broken-header quirk, §1.2). */
static void
wc_key_resize(struct wslconfig_parser *p, size_t n)
{
	while (p->keylen < n)
		wc_key_add(p, '\0');
	p->keylen = n;
}

static void
wc_val_add(struct wslconfig_parser *p, int c)
{
	if (p->vallen == p->valcap) {
		p->valcap = p->valcap ? p->valcap * 2 : 64;
		p->val = xreallocarray(p->val, p->valcap, sizeof *p->val);
	}
	p->val[p->vallen++] = (uint16_t)c;
}

/* A printable form of an escaped unit for the invalid-escape message. */
static char *
wc_unit_display(int c)
{
	uint16_t u;

	if (c == WC_EOF)
		c = 0xFFFF;	/* (wchar_t)WEOF */
	if (c == '\r')
		return xstrdup("\\r");
	if (c == '\t')
		return xstrdup("\\t");
	if (c < 0x20 || c == 0x7F)
		return xasprintf("\\x%02X", (unsigned)c);
	u = (uint16_t)c;
	return wslconfig_units_to_utf8(&u, 0, 1, 1);
}

static void
wc_malformed(struct wslconfig_parser *p, const char *subkind,
    const char *what, int bad)
{
	const char *f = p->r->display_name;
	struct wslconfig_problem *pr;
	char *text, *shown = NULL;

	if (strcmp(subkind, "invalid-key-name") == 0)
		text = xasprintf("Invalid key name in %s:%lu", f, p->line);
	else if (strcmp(subkind, "invalid-section-name") == 0)
		text = xasprintf("Invalid section name in %s:%lu", f,
		    p->line);
	else if (strcmp(subkind, "invalid-escape") == 0) {
		shown = wc_unit_display(bad);
		text = xasprintf("Invalid escaped character: '%s' in %s:%lu",
		    shown, f, p->line);
	} else
		text = xasprintf("Expected %s in %s:%lu", what, f, p->line);
	pr = wslconfig_problem_add(p, p->line, "malformed-line", subkind,
	    "%s", text);
	free(text);
	free(shown);
	wslconfig_note_malformed(p, pr, bad);
}

/*
 * Skip to the next LF as the comment loop does: a CR is followed by one
 * more read, so a bare CR does not end the comment (§1.1).
 */
static int
wc_skip_comment(struct wslconfig_parser *p)
{
	size_t start = p->pos;
	unsigned long line = p->line;
	int ch;

	p->in_comment = true;
	do {
		ch = wc_get(p);
		if (ch == '\r')
			ch = wc_get(p);
		if (ch == '\n')
			p->line++;
	} while (ch != '\n' && ch != WC_EOF);
	p->in_comment = false;
	wslconfig_note_swallowed(p, start, p->pos, line, "a '#' comment");
	return ch;
}

/* WSL's SetConfig() and ConfigKey::Parse(). */
static void
wc_set_config(struct wslconfig_parser *p, size_t trimmed)
{
	size_t klen = strnlen(p->key, p->keylen);
	char *key = xstrndup(p->key, klen);
	int mask = p->r->flavor == WSLCONFIG_WINDOWS ?
	    WSLKEY_FILE_WSLCONFIG : WSLKEY_FILE_WSLCONF;
	const struct wslkey *k = wslkey_find_in(key, mask);
	char *raw, *v;
	size_t i;
	struct wslconfig_seen *seen;

	/* The value as WSL stores it: the low byte of each unit, ended by
	   the first NUL when used as a C string (§1.1, §1.3). */
	raw = xmalloc(trimmed + 1);
	for (i = 0; i < trimmed; i++)
		raw[i] = (char)(p->val[i] & 0xFF);
	raw[trimmed] = '\0';
	v = raw;
	if (k == NULL) {
		wslconfig_unknown_key(p, key, v, klen < p->keylen);
		goto done;
	}
	seen = &p->seen[k - wslkeys];
	if (seen->written != NULL) {
		struct wslconfig_problem *pr;

		pr = wslconfig_problem_add(p, p->line, "duplicate-key", NULL,
		    "Duplicated config key '%s' in %s:%lu (Conflicting key: "
		    "'%s' in %s:%lu)", key, p->r->display_name, p->line,
		    seen->written, p->r->display_name, seen->line);
		pr->key = xstrdup(key);
		wslconfig_note_duplicate(p, pr, k, seen, v);
		goto done;
	}
	seen->written = xstrdup(key);
	seen->line = p->line;
	wslconfig_setting_add(p, k, key, v, trimmed);
done:
	free(raw);
	free(key);
}

/*
 * ParseConfigFile(): the goto structure is kept so the model can be
 * compared with configfile.cpp label by label.
 */
static void
wc_run(struct wslconfig_parser *p)
{
	int ch = 0, ch2;
	bool in_quote;
	size_t trimmed;

newline:
	if (!p->trailing)
		p->line++;
	for (;;) {
		if (ch == '#') {
			ch = wc_skip_comment(p);
			p->trailing = false;
		}
		if (p->eof)
			return;
		while (wc_hspace(ch = wc_get(p)))
			;
		p->seg_start = p->pos ? p->pos - 1 : 0;
		switch (ch) {
		case WC_EOF:
			break;
		case '\r':
			ch2 = wc_get(p);
			if (ch2 == '\n')
				p->line++;
			else
				wc_unget(p, ch2);
			break;
		case '\n':
			p->line++;
			break;
		case '#':
			break;
		case '[':
			goto section;
		default:
			if (!wc_alpha(ch)) {
				wc_malformed(p, "invalid-key-name", NULL, ch);
				goto invalid;
			}
			goto keyvalue;
		}
	}

section:
	ch = wc_get(p);
	if (!wc_alpha(ch)) {
		wc_malformed(p, "invalid-section-name", NULL, ch);
		goto invalid;
	}
	p->keylen = 0;
	do {
		wc_key_add(p, (char)ch);
		ch = wc_get(p);
	} while (wc_alnum(ch));
	if (ch != ']') {
		p->broken_header_line = p->line;
		wc_malformed(p, "expected-bracket", "']'", ch);
		goto invalid;
	}
	while (wc_hspace(ch = wc_get(p)))
		;
	switch (ch) {
	case WC_EOF:
	case '\n':
	case '\r':
		break;
	case '#':
		p->trailing = true;
		break;
	default:
		p->broken_header_line = p->line;
		wc_malformed(p, "expected-end-of-line", "' ' or '\\n'", ch);
		goto invalid;
	}
	p->section_len = p->keylen;
	p->broken_header_line = 0;
	goto newline;

keyvalue:
	wc_key_resize(p, p->section_len);
	if (p->keylen > 0)
		wc_key_add(p, '.');
	do {
		wc_key_add(p, (char)ch);
		ch = wc_get(p);
	} while (wc_alnum(ch));
	while (wc_hspace(ch))
		ch = wc_get(p);
	if (ch != '=') {
		wc_malformed(p, "expected-equals", "'='", ch);
		goto invalid;
	}
	while (wc_hspace(ch = wc_get(p)))
		;
	p->vallen = 0;
	p->val_escape_ctl = false;
	trimmed = 0;
	in_quote = false;
	while (ch != WC_EOF && ch != '\n' && ch != '\r') {
		switch (ch) {
		case '"':
			in_quote = !in_quote;
			break;
		case '\\':
			ch2 = wc_get(p);
			switch (ch2) {
			case '\\':
			case '"':
				wc_val_add(p, ch2);
				break;
			case 'b':
				wc_val_add(p, '\b');
				p->val_escape_ctl = true;
				break;
			case 'n':
				wc_val_add(p, '\n');
				p->val_escape_ctl = true;
				break;
			case 't':
				wc_val_add(p, '\t');
				p->val_escape_ctl = true;
				break;
			case '\n':
				/* Line continuation. */
				p->line++;
				break;
			default:
				wc_malformed(p, "invalid-escape", NULL, ch2);
				goto invalid;
			}
			break;
		case '#':
			if (!in_quote) {
				p->trailing = true;
				goto value_done;
			}
			/* FALLTHROUGH */
		default:
			wc_val_add(p, ch);
			break;
		}
		if (!wc_hspace(ch))
			trimmed = p->vallen;
		ch = wc_get(p);
	}
value_done:
	if (in_quote) {
		wc_malformed(p, "unterminated-quote", "\"", ch);
		goto invalid;
	}
	wc_set_config(p, trimmed);
	goto newline;

invalid:
	if (p->r->flavor == WSLCONFIG_WSLCONF) {
		/* No CFG_SKIP_INVALID_LINES in init: parsing stops (§4). */
		p->r->stopped_at = p->line;
		wslconfig_note_stopped(p);
		return;
	}
	{
		size_t start = p->pos;
		unsigned long line = p->line;

		while (ch != WC_EOF && ch != '\n')
			ch = wc_get(p);
		wslconfig_note_swallowed(p, start, p->pos, line,
		    "a malformed line");
	}
	goto newline;
}

struct wslconfig_result *
wslconfig_parse(const char *data, size_t len, enum wslconfig_flavor flavor,
    const char *display_name)
{
	struct wslconfig_result *r = xcalloc(1, sizeof *r);
	struct wslconfig_text t;
	struct wslconfig_parser p;
	size_t nkeys = 0, i;

	r->flavor = flavor;
	r->display_name = xstrdup(display_name != NULL ? display_name :
	    (flavor == WSLCONFIG_WINDOWS ? ".wslconfig" : "/etc/wsl.conf"));
	wslconfig_decode(data, len, flavor, &t);
	r->encoding = t.encoding;

	while (wslkeys[nkeys].name != NULL)
		nkeys++;
	memset(&p, 0, sizeof p);
	p.r = r;
	p.t = &t;
	p.seen = xcalloc(nkeys + 1, sizeof *p.seen);
	p.dns_state = -1;

	wc_run(&p);
	wslconfig_finish(&p);
	wslconfig_check_fixes(r);

	for (i = 0; i < nkeys; i++)
		free(p.seen[i].written);
	free(p.seen);
	free(p.key);
	free(p.val);
	wslconfig_text_release(&t);
	return r;
}

static void
wc_value_release(struct wslconfig_value *v)
{
	switch (v->type) {
	case WSLKEY_STRING:
	case WSLKEY_PATH:
	case WSLKEY_ENUM:
	case WSLKEY_IPV4:
	case WSLKEY_MAC:
		free(v->u.s);
		v->u.s = NULL;
		break;
	case WSLKEY_PORTS:
		free(v->u.ports.v);
		v->u.ports.v = NULL;
		v->u.ports.n = 0;
		break;
	default:
		break;
	}
}

void
wslconfig_value_invalidate(struct wslconfig_value *v)
{
	wc_value_release(v);
	memset(&v->u, 0, sizeof v->u);
	v->valid = false;
}

void
wslconfig_result_free(struct wslconfig_result *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nsettings; i++) {
		free(r->settings[i].written);
		free(r->settings[i].value);
		free(r->settings[i].intended);
		wc_value_release(&r->settings[i].typed);
	}
	for (i = 0; i < r->nproblems; i++) {
		free(r->problems[i].message);
		free(r->problems[i].suggestion);
		free(r->problems[i].hint);
		free(r->problems[i].asked);
		free(r->problems[i].written);
		free(r->problems[i].section);
		free(r->problems[i].key);
	}
	free(r->settings);
	free(r->problems);
	free(r->fatal);
	free(r->display_name);
	free(r);
}

size_t
wslconfig_problem_count(const struct wslconfig_result *r)
{
	return r != NULL ? r->nproblems : 0;
}

const struct wslconfig_setting *
wslconfig_find(const struct wslconfig_result *r, const char *canonical_key)
{
	const struct wslkey *k = wslkey_find(canonical_key);
	size_t i;

	if (r == NULL || k == NULL)
		return NULL;
	for (i = 0; i < r->nsettings; i++) {
		if (r->settings[i].def == k)
			return &r->settings[i];
	}
	return NULL;
}

const struct wslconfig_setting *
wslconfig_get(const struct wslconfig_result *r, const char *canonical_key)
{
	const struct wslconfig_setting *s = wslconfig_find(r, canonical_key);

	if (s == NULL || r->fatal != NULL || !s->typed.valid)
		return NULL;
	return s;
}
