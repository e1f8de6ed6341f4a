/* SPDX-License-Identifier: MIT */
/* Parsers of Windows programs' output; see windows_text.h. */
#include "config.h"

#include "parse/windows_text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/encoding.h"
#include "util/xalloc.h"

#define REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD */

static char *
put_cp(char *o, unsigned long cp)
{
	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xc0 | cp >> 6);
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xe0 | cp >> 12);
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*o++ = (char)(0xf0 | cp >> 18);
		*o++ = (char)(0x80 | ((cp >> 12) & 0x3f));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	}
	return o;
}

/* UTF-16LE text mostly holds ASCII: a NUL in most odd bytes. */
static int
looks_utf16le(const unsigned char *s, size_t len)
{
	size_t i, pairs = 0, zero = 0;

	if (len >= 2 && s[0] == 0xff && s[1] == 0xfe)
		return 1;
	for (i = 0; i + 1 < len && pairs < 256; i += 2, pairs++)
		if (s[i + 1] == 0 && s[i] != 0)
			zero++;
	return pairs >= 1 && zero * 2 >= pairs + 1;
}

static char *
from_utf16le(const unsigned char *s, size_t len, int *garbled)
{
	char *out = xmalloc(len * 2 + 1), *o = out;
	size_t i = 0;

	if (len >= 2 && s[0] == 0xff && s[1] == 0xfe)
		i = 2;
	for (; i + 1 < len; i += 2) {
		unsigned long cp = s[i] | (unsigned long)s[i + 1] << 8;

		if (cp >= 0xd800 && cp <= 0xdbff && i + 3 < len) {
			unsigned long lo = s[i + 2] |
			    (unsigned long)s[i + 3] << 8;

			if (lo >= 0xdc00 && lo <= 0xdfff) {
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
				i += 2;
			} else {
				cp = 0xfffd;
			}
		} else if (cp >= 0xd800 && cp <= 0xdfff) {
			cp = 0xfffd;
		}
		if (cp == 0)		/* a NUL inside the text: dropped */
			continue;
		if (cp == 0xfffd)
			*garbled = 1;
		o = put_cp(o, cp);
	}
	if (len % 2)
		*garbled = 1;
	*o = '\0';
	return out;
}

/* Bytes of an unknown OEM code page: ASCII kept, the rest U+FFFD. */
static char *
from_oem(const unsigned char *s, size_t len, int *garbled)
{
	char *out = xmalloc(len * 3 + 1), *o = out;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == 0)
			continue;
		if (s[i] < 0x80) {
			*o++ = (char)s[i];
		} else {
			memcpy(o, REPLACEMENT, 3);
			o += 3;
			*garbled = 1;
		}
	}
	*o = '\0';
	return out;
}

char *
win_decode(const char *buf, size_t len, enum win_encoding *enc,
    int *garbled)
{
	const unsigned char *s = (const unsigned char *)buf;
	enum win_encoding e;
	int g = 0;
	char *out;

	if (!buf)
		len = 0;
	if (len && looks_utf16le(s, len)) {
		e = WIN_ENC_UTF16LE;
		out = from_utf16le(s, len, &g);
	} else if (utf8_valid(buf, len) || !len) {
		e = WIN_ENC_UTF8;
		/* A UTF-8 BOM, if any, is not text. */
		if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
			out = xstrndup(buf + 3, len - 3);
		else
			out = xstrndup(len ? buf : "", len);
	} else {
		e = WIN_ENC_OEM;
		out = from_oem(s, len, &g);
	}
	if (enc)
		*enc = e;
	if (garbled)
		*garbled = g;
	return out;
}

const char *
win_encoding_name(enum win_encoding e)
{
	switch (e) {
	case WIN_ENC_UTF16LE:
		return "utf-16le";
	case WIN_ENC_OEM:
		return "oem";
	case WIN_ENC_UTF8:
		break;
	}
	return "utf-8";
}

/* Splits TEXT into trimmed non-empty lines (allocated array of copies). */
static char **
lines_of(const char *text, size_t *n)
{
	char **v = NULL;
	const char *p = text;

	*n = 0;
	while (p && *p) {
		size_t len = strcspn(p, "\r\n");
		const char *a = p, *b = p + len;

		while (a < b && isspace((unsigned char)*a))
			a++;
		while (b > a && isspace((unsigned char)b[-1]))
			b--;
		if (b > a) {
			v = xreallocarray(v, *n + 1, sizeof *v);
			v[(*n)++] = xstrndup(a, (size_t)(b - a));
		}
		p += len;
		p += strspn(p, "\r\n");
	}
	return v;
}

static void
lines_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/*
 * The last word of LINE made of digits, dots and the characters of
 * EXTRA, starting with a digit: the value after a localised label.
 */
static char *
last_version_word(const char *line, const char *extra)
{
	const char *end = line + strlen(line), *p = end;

	while (p > line && (isdigit((unsigned char)p[-1]) || p[-1] == '.' ||
	    (extra && p[-1] != '\0' && strchr(extra, p[-1]))))
		p--;
	while (p < end && !isdigit((unsigned char)*p))
		p++;
	if (p == end)
		return NULL;
	return xstrndup(p, (size_t)(end - p));
}

int
win_version_parse(const char *text, struct win_version *out)
{
	size_t n, i;
	char **l = lines_of(text, &n);
	unsigned long major, minor, build;
	char *w, *e;

	memset(out, 0, sizeof *out);
	if (n < 2)
		goto bad;
	w = last_version_word(l[n - 1], NULL);
	if (!w)
		goto bad;
	/* 10.0.BUILD or 10.0.BUILD.REV, nothing else. */
	major = strtoul(w, &e, 10);
	if (*e != '.' || major != 10)
		goto bad_w;
	minor = strtoul(e + 1, &e, 10);
	if (*e != '.' || minor != 0 || !isdigit((unsigned char)e[1]))
		goto bad_w;
	build = strtoul(e + 1, &e, 10);
	if ((*e != '\0' && *e != '.') || build == 0 || build > 999999)
		goto bad_w;
	for (i = 0; *e == '.' && i < 2; i++) {
		unsigned long rev;

		if (!isdigit((unsigned char)e[1]))
			goto bad_w;
		rev = strtoul(e + 1, &e, 10);
		if (i == 0 && rev <= 999999)
			out->revision = (unsigned)rev;
	}
	if (*e != '\0')
		goto bad_w;
	out->windows = w;
	out->build = (unsigned)build;
	out->wsl = last_version_word(l[0], NULL);
	out->kernel = last_version_word(l[1], "-");
	lines_free(l, n);
	return 0;
bad_w:
	free(w);
bad:
	lines_free(l, n);
	return -1;
}

void
win_version_release(struct win_version *v)
{
	free(v->wsl);
	free(v->kernel);
	free(v->windows);
	memset(v, 0, sizeof *v);
}

/* "    NAME    REG_TYPE    DATA": 0 with the parts, or -1. */
static int
reg_value_line(const char *line, size_t len, struct win_reg_value *v)
{
	const char *end = line + len, *p, *t, *te;

	if (len < 4 || strncmp(line, "    ", 4) != 0)
		return -1;
	/* The type is the first "    REG_" after the name. */
	for (p = line + 4; p + 8 <= end; p++)
		if (strncmp(p, "    REG_", 8) == 0 && p > line + 4)
			break;
	if (p + 8 > end)
		return -1;
	t = p + 4;
	te = t;
	while (te < end && (isupper((unsigned char)*te) || *te == '_' ||
	    isdigit((unsigned char)*te)))
		te++;
	if (te < end && strncmp(te, "    ", 4) != 0)
		return -1;
	v->name = xstrndup(line + 4, (size_t)(p - line - 4));
	v->type = xstrndup(t, (size_t)(te - t));
	if (te + 4 <= end)
		v->data = xstrndup(te + 4, (size_t)(end - te - 4));
	else
		v->data = xstrdup("");
	return 0;
}

size_t
win_reg_parse(const char *text, struct win_reg *out)
{
	const char *p = text;
	char *key = NULL;

	memset(out, 0, sizeof *out);
	while (p && *p) {
		size_t len = strcspn(p, "\r\n");
		struct win_reg_value v = { 0 };

		if (len >= 5 && strncmp(p, "HKEY_", 5) == 0) {
			free(key);
			key = xstrndup(p, len);
			while (*key && isspace((unsigned char)
			    key[strlen(key) - 1]))
				key[strlen(key) - 1] = '\0';
		} else if (key && reg_value_line(p, len, &v) == 0) {
			v.key = xstrdup(key);
			out->v = xreallocarray(out->v, out->n + 1,
			    sizeof *out->v);
			out->v[out->n++] = v;
		}
		p += len;
		p += strspn(p, "\r\n");
	}
	free(key);
	return out->n;
}

void
win_reg_release(struct win_reg *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].key);
		free(r->v[i].name);
		free(r->v[i].type);
		free(r->v[i].data);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

const struct win_reg_value *
win_reg_find(const struct win_reg *r, const char *key_tail, const char *name)
{
	size_t tl = key_tail ? strlen(key_tail) : 0;

	for (size_t i = 0; i < r->n; i++) {
		size_t kl = strlen(r->v[i].key);

		if (key_tail && (kl < tl ||
		    strcasecmp(r->v[i].key + kl - tl, key_tail) != 0))
			continue;
		if (strcasecmp(r->v[i].name, name) == 0)
			return &r->v[i];
	}
	return NULL;
}

int
win_number(const char *text, unsigned long long *out)
{
	const char *p = text;
	unsigned long long v = 0;
	int base = 10, digits = 0;

	if (!p)
		return -1;
	while (isspace((unsigned char)*p))
		p++;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	for (; *p; p++, digits++) {
		int d;

		if (isdigit((unsigned char)*p))
			d = *p - '0';
		else if (base == 16 && isxdigit((unsigned char)*p))
			d = tolower((unsigned char)*p) - 'a' + 10;
		else
			break;
		if (v > (~0ULL - (unsigned)d) / (unsigned)base)
			return -1;
		v = v * (unsigned)base + (unsigned)d;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (!digits || *p)
		return -1;
	*out = v;
	return 0;
}

char *
win_keyval(const char *text, const char *name)
{
	size_t nl = strlen(name);
	const char *p = text;

	while (p && *p) {
		size_t len = strcspn(p, "\r\n");

		while (len && (*p == ' ' || *p == '\t')) {
			p++;
			len--;
		}
		size_t eq = nl;

		while (eq < len && (p[eq] == ' ' || p[eq] == '\t'))
			eq++;
		if (eq < len && strncmp(p, name, nl) == 0 && p[eq] == '=') {
			const char *a = p + eq + 1, *b = p + len;

			while (a < b && isspace((unsigned char)*a))
				a++;
			while (b > a && isspace((unsigned char)b[-1]))
				b--;
			return xstrndup(a, (size_t)(b - a));
		}
		p += len;
		p += strspn(p, "\r\n");
	}
	return NULL;
}

int
win_sparse_flag(const char *text)
{
	if (!text)
		return -1;
	if (strstr(text, "is NOT set as sparse"))
		return 0;
	if (strstr(text, "is set as sparse"))
		return 1;
	return -1;
}

char *
win_scrub_credentials(const char *text, int *removed)
{
	size_t len = strlen(text);
	char *out = xmalloc(len * 2 + 4), *o = out;
	const char *p = text;
	int any = 0;

	while (*p) {
		/* One word: up to a blank, ';' or ','. */
		size_t wl = strcspn(p, " \t\r\n;,");
		const char *at = NULL, *first = NULL, *start = p;
		int colon = 0;

		for (const char *q = p; q < p + wl; q++)
			if (*q == '@') {
				if (!first)
					first = q;
				at = q;
			}
		/*
		 * The user part starts after "NAME=" or "scheme://" when they
		 * come before the first '@'; everything from there to the
		 * last '@' goes, so that no "user:password@" in the word stays.
		 */
		for (const char *q = p; first && q < first; q++) {
			if (q + 3 <= first && strncmp(q, "://", 3) == 0) {
				start = q + 3;
				colon = 0;
				q += 2;
			} else if (*q == ':') {
				colon = 1;
			} else if (*q == '=' && !colon) {
				/* Not an '=' inside a password. */
				start = q + 1;
			}
		}
		/* Credentials are "user:password@"; "User@" alone is not. */
		if (at && at > start && !memchr(start, ':',
		    (size_t)(at - start)))
			at = NULL;
		if (at && at > start) {
			memcpy(o, p, (size_t)(start - p));
			o += start - p;
			memcpy(o, "***", 3);
			o += 3;
			memcpy(o, at, (size_t)(p + wl - at));
			o += p + wl - at;
			any = 1;
		} else {
			memcpy(o, p, wl);
			o += wl;
		}
		p += wl;
		if (*p)
			*o++ = *p++;
	}
	*o = '\0';
	if (removed)
		*removed = any;
	return out;
}
