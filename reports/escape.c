/* SPDX-License-Identifier: MIT */
/*
 * One escaping routine for every format (escape.h).  Strings are walked
 * as UTF-8: a byte that does not start a valid sequence is shown as
 * \xNN, a control character by its escape, and everything else is
 * passed to the format's own escaping.
 */
#include "config.h"

#include "reports/escape.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

size_t
esc_utf8_len(const unsigned char *s, size_t n)
{
	unsigned cp, min;
	size_t len;

	if (!n)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2, cp = s[0] & 0x1f, min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3, cp = s[0] & 0x0f, min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4, cp = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

static unsigned
utf8_decode(const unsigned char *s, size_t len)
{
	static const unsigned char lead_mask[] = { 0, 0x7f, 0x1f, 0x0f, 0x07 };
	unsigned cp = s[0] & lead_mask[len];

	for (size_t i = 1; i < len; i++)
		cp = cp << 6 | (s[i] & 0x3f);
	return cp;
}

/* C1 controls, bidirectional overrides and line separators. */
static int
invisible_control(unsigned cp, enum esc_kind k)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c ||
	    cp == 0x200e || cp == 0x200f || cp == 0x2028 || cp == 0x2029 ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    (k == ESC_XML && (cp == 0xfffe || cp == 0xffff));
}

/* A printable ASCII character, escaped as the format needs. */
static void
put_ascii(FILE *fp, enum esc_kind k, char c)
{
	switch (k) {
	case ESC_MD:
		if (strchr("\\`*_[]<>|&~#!", c)) {
			fprintf(fp, "&#%d;", c);
			return;
		}
		break;
	case ESC_XML:
		switch (c) {
		case '<': fputs("&lt;", fp); return;
		case '>': fputs("&gt;", fp); return;
		case '&': fputs("&amp;", fp); return;
		case '"': fputs("&quot;", fp); return;
		case '\'': fputs("&apos;", fp); return;
		}
		break;
	case ESC_PROM:
	case ESC_YAML:
		if (c == '\\' || c == '"')
			fputc('\\', fp);
		break;
	case ESC_TEXT:
	case ESC_JSON:
		break;
	}
	fputc(c, fp);
}

/* An escape sequence such as "\x1b": YAML reads its own, others show it. */
static void
put_escape(FILE *fp, enum esc_kind k, const char *seq)
{
	if (k == ESC_YAML || k == ESC_JSON ||
	    (k == ESC_PROM && strcmp(seq, "\\n") == 0)) {
		fputs(seq, fp);
		return;
	}
	for (; *seq; seq++)
		put_ascii(fp, k, *seq);
}

static void
put_control(FILE *fp, enum esc_kind k, unsigned char c)
{
	char seq[8];

	if (c == '\n')
		put_escape(fp, k, "\\n");
	else if (c == '\t')
		put_escape(fp, k, "\\t");
	else if (c == '\r')
		put_escape(fp, k, "\\r");
	else {
		snprintf(seq, sizeof seq, "\\x%02x", c);
		put_escape(fp, k, seq);
	}
}

/*
 * LEN bytes of S; past MAX bytes "…" ends them, and 1 is returned.  A
 * sequence that LEN cuts in two is invalid UTF-8 there, shown as \xNN.
 */
static int
put_bytes(FILE *fp, enum esc_kind k, const char *s, size_t len, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	char seq[12];

	while (i < len) {
		size_t l = esc_utf8_len(p + i, len - i);

		if (i + (l ? l : 1) > max) {
			fputs("…", fp);
			return 1;
		}
		if (!l) {
			snprintf(seq, sizeof seq, "\\x%02x", p[i]);
			put_escape(fp, k, seq);
			i++;
			continue;
		}
		if (k == ESC_JSON) {
			fwrite(p + i, 1, l, fp);
		} else if (l == 1 && (p[i] < 0x20 || p[i] == 0x7f)) {
			put_control(fp, k, p[i]);
		} else if (l == 1) {
			put_ascii(fp, k, (char)p[i]);
		} else if (invisible_control(utf8_decode(p + i, l), k)) {
			snprintf(seq, sizeof seq, "\\u%04x",
			    utf8_decode(p + i, l));
			put_escape(fp, k, seq);
		} else {
			fwrite(p + i, 1, l, fp);
		}
		i += l;
	}
	return 0;
}

int
esc_putn(FILE *fp, enum esc_kind k, const char *s, size_t max)
{
	return s ? put_bytes(fp, k, s, strlen(s), max) : 0;
}

void
esc_put_len(FILE *fp, enum esc_kind k, const char *s, size_t len)
{
	put_bytes(fp, k, s, len, (size_t)-1);
}

void
esc_put_lines(FILE *fp, enum esc_kind k, const char *s, const char *sep)
{
	size_t n;

	if (!s)
		return;
	for (;;) {
		n = strcspn(s, "\n");
		put_bytes(fp, k, s, n, (size_t)-1);
		if (!s[n] || !s[n + 1])
			return;
		fputs(sep, fp);
		s += n + 1;
	}
}

void
esc_put(FILE *fp, enum esc_kind k, const char *s)
{
	esc_putn(fp, k, s, (size_t)-1);
}

char *
esc_dup(enum esc_kind k, const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	if (!s)
		return NULL;
	fp = open_memstream(&buf, &len);
	if (!fp)
		abort();
	esc_put(fp, k, s);
	if (fclose(fp) != 0)
		abort();
	return buf;
}

static int
valid_utf8(const char *s)
{
	size_t len = strlen(s), i = 0, l;

	while (i < len) {
		l = esc_utf8_len((const unsigned char *)s + i, len - i);
		if (!l)
			return 0;
		i += l;
	}
	return 1;
}

json_object *
esc_json_string(const char *s)
{
	json_object *o;
	char *fixed;

	if (!s)
		return NULL;
	if (valid_utf8(s))
		return json_object_new_string(s);
	fixed = esc_dup(ESC_JSON, s);
	o = json_object_new_string(fixed);
	free(fixed);
	return o;
}

static json_object *
map_depth(json_object *o, esc_json_fn fn, void *arg, int depth)
{
	json_object *c;

	if (!o)
		return NULL;
	if (depth > 64)
		return json_object_new_string("(too deep)");
	switch (json_object_get_type(o)) {
	case json_type_string:
		return fn(arg, json_object_get_string(o));
	case json_type_array:
		c = json_object_new_array();
		for (size_t i = 0; i < json_object_array_length(o); i++)
			json_object_array_add(c, map_depth(
			    json_object_array_get_idx(o, i), fn, arg, depth + 1));
		return c;
	case json_type_object:
		c = json_object_new_object();
		json_object_object_foreach(o, key, val) {
			char *k = valid_utf8(key) ? xstrdup(key) :
			    esc_dup(ESC_JSON, key);

			json_object_object_add(c, k, map_depth(val, fn, arg,
			    depth + 1));
			free(k);
		}
		return c;
	default:
		return json_object_get(o);
	}
}

json_object *
esc_json_map(json_object *o, esc_json_fn fn, void *arg)
{
	return map_depth(o, fn, arg, 0);
}

static json_object *
string_fixed(void *arg, const char *s)
{
	(void)arg;
	return esc_json_string(s);
}

json_object *
esc_json_copy(json_object *o)
{
	return esc_json_map(o, string_fixed, NULL);
}
