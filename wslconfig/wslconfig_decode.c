/* SPDX-License-Identifier: MIT */
/*
 * Turn a .wslconfig or /etc/wsl.conf into the code units WSL's parser reads
 * with fgetwc (docs/wslconfig.md §1.1 and §4).  The Windows service opens the
 * file in CRT text mode with ccs=UTF-8: a UTF-8 BOM is dropped, FF FE means
 * UTF-16LE, everything else is UTF-8 with invalid bytes as U+FFFD, CRLF
 * becomes LF and Ctrl+Z ends the file.  The distro's init uses fopen(…, "r")
 * under musl: bytes pass through untouched.
 */
#include "config.h"

#include "wslconfig/wslconfig.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct decode_out {
	uint16_t	*u;
	uint8_t		*bad;
	size_t		 n, cap;
	bool		 anybad;
};

static void
decode_push(struct decode_out *o, uint16_t unit, bool bad)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 256;
		o->u = xreallocarray(o->u, o->cap, sizeof *o->u);
		o->bad = xreallocarray(o->bad, o->cap, 1);
	}
	o->u[o->n] = unit;
	o->bad[o->n] = bad;
	o->n++;
	if (bad)
		o->anybad = true;
}

/*
 * Decode one UTF-8 sequence at s[*i]; return the code point or -1 for an
 * invalid maximal subpart (which is consumed, as MultiByteToWideChar does).
 */
static long
decode_utf8_one(const unsigned char *s, size_t len, size_t *i)
{
	unsigned char b = s[*i];
	unsigned char lo = 0x80, hi = 0xBF;
	long cp;
	int need, k;

	if (b < 0x80) {
		(*i)++;
		return b;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		need = 1;
		cp = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		need = 2;
		cp = b & 0x0F;
		if (b == 0xE0)
			lo = 0xA0;
		else if (b == 0xED)
			hi = 0x9F;
	} else if (b >= 0xF0 && b <= 0xF4) {
		need = 3;
		cp = b & 0x07;
		if (b == 0xF0)
			lo = 0x90;
		else if (b == 0xF4)
			hi = 0x8F;
	} else {
		(*i)++;
		return -1;
	}
	(*i)++;
	for (k = 0; k < need; k++) {
		if (*i >= len || s[*i] < lo || s[*i] > hi)
			return -1;
		cp = (cp << 6) | (s[*i] & 0x3F);
		(*i)++;
		lo = 0x80;
		hi = 0xBF;
	}
	return cp;
}

static bool
decode_is_valid_utf8(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (decode_utf8_one(s, len, &i) < 0)
			return false;
	}
	return true;
}

static const char *
decode_sniff(const unsigned char *s, size_t len)
{
	size_t i, even = 0, odd = 0, pairs = len / 2;

	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		return "utf-8-bom";
	if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE)
		return "utf-16le-bom";
	if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF)
		return "utf-16be-bom";
	for (i = 0; i + 1 < len; i += 2) {
		if (s[i] == 0)
			even++;
		if (s[i + 1] == 0)
			odd++;
	}
	/* ASCII text saved as UTF-16 without a BOM: every other byte NUL. */
	if (pairs > 0 && odd * 2 >= pairs && even * 8 <= odd)
		return "utf-16le";
	if (pairs > 0 && even * 2 >= pairs && odd * 8 <= even)
		return "utf-16be";
	if (!decode_is_valid_utf8(s, len))
		return "legacy-8bit";
	return "utf-8";
}

char *
wslconfig_utf8_sanitize(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = xmalloc(len * 3 + 1);
	size_t i = 0, o = 0;

	while (i < len) {
		size_t start = i;
		long cp = decode_utf8_one(p, len, &i);

		if (cp < 0) {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
		} else {
			memcpy(out + o, s + start, i - start);
			o += i - start;
		}
	}
	out[o] = '\0';
	return out;
}

static size_t
decode_put_utf8(char *out, unsigned long cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

char *
wslconfig_units_to_utf8(const uint16_t *u, size_t from, size_t to,
    size_t max)
{
	char *raw, *out;
	size_t i, o = 0;

	if (to - from > max)
		to = from + max;
	raw = xmalloc((to - from) * 4 + 1);
	for (i = from; i < to; i++) {
		unsigned long c = u[i];

		if (c >= 0xDF80 && c <= 0xDFFF) {
			/* wsl.conf byte >= 0x80 passed through (or a lone
			   surrogate, which the sanitiser turns into U+FFFD). */
			raw[o++] = (char)(c & 0xFF);
			continue;
		}
		if (c >= 0xD800 && c <= 0xDBFF && i + 1 < to &&
		    u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF) {
			c = 0x10000 + ((c - 0xD800) << 10) +
			    (u[i + 1] - 0xDC00);
			i++;
		} else if (c >= 0xD800 && c <= 0xDFFF)
			c = 0xFFFD;
		o += decode_put_utf8(raw + o, c);
	}
	out = wslconfig_utf8_sanitize(raw, o);
	free(raw);
	return out;
}

static void
decode_windows(const unsigned char *s, size_t len, const char *enc,
    struct decode_out *o)
{
	size_t i = 0;

	if (strcmp(enc, "utf-16le-bom") == 0) {
		/* The CRT honours FF FE whatever ccs says. */
		for (i = 2; i + 1 < len; i += 2)
			decode_push(o, (uint16_t)(s[i] | (s[i + 1] << 8)),
			    false);
		return;
	}
	if (strcmp(enc, "utf-8-bom") == 0)
		i = 3;
	while (i < len) {
		long cp = decode_utf8_one(s, len, &i);

		if (cp < 0)
			decode_push(o, 0xFFFD, true);
		else if (cp >= 0x10000) {
			cp -= 0x10000;
			decode_push(o, (uint16_t)(0xD800 + (cp >> 10)), false);
			decode_push(o, (uint16_t)(0xDC00 + (cp & 0x3FF)),
			    false);
		} else
			decode_push(o, (uint16_t)cp, false);
	}
}

/* Text mode: CRLF -> LF, and Ctrl+Z (0x1A) ends the file (UCRT read.cpp). */
static void
decode_text_mode(struct decode_out *o, struct wslconfig_text *t)
{
	size_t r, w = 0, line = 1;

	for (r = 0; r < o->n; r++) {
		uint16_t c = o->u[r];

		if (c == 0x1A) {
			size_t k;

			t->ctrlz = true;
			t->ctrlz_line = line;
			for (k = r + 1; k < o->n; k++) {
				c = o->u[k];
				if (c != ' ' && c != '\t' && c != '\r' &&
				    c != '\n' && c != 0x1A)
					break;
			}
			if (k < o->n) {
				size_t e = k;

				while (e < o->n && e - k < 60 &&
				    o->u[e] != '\n' && o->u[e] != '\r')
					e++;
				t->ctrlz_hidden = wslconfig_units_to_utf8(o->u,
				    k, e, 60);
			}
			break;
		}
		if (c == '\r' && r + 1 < o->n && o->u[r + 1] == '\n')
			continue;
		if (c == '\n')
			line++;
		o->u[w] = c;
		o->bad[w] = o->bad[r];
		w++;
	}
	o->n = w;
}

void
wslconfig_decode(const char *data, size_t len, enum wslconfig_flavor flavor,
    struct wslconfig_text *t)
{
	const unsigned char *s = (const unsigned char *)data;
	struct decode_out o;
	size_t i;

	memset(t, 0, sizeof *t);
	memset(&o, 0, sizeof o);
	t->encoding = decode_sniff(s, len);
	if (flavor == WSLCONFIG_WSLCONF) {
		/* musl, "C" locale: no BOM, no CRLF, no Ctrl+Z rule. */
		for (i = 0; i < len; i++)
			decode_push(&o, s[i] < 0x80 ? s[i] :
			    (uint16_t)(0xDF00 | s[i]), false);
	} else {
		decode_windows(s, len, t->encoding, &o);
		decode_text_mode(&o, t);
	}
	t->u = o.u;
	t->n = o.n;
	if (o.anybad)
		t->bad = o.bad;
	else
		free(o.bad);
}

void
wslconfig_text_release(struct wslconfig_text *t)
{
	free(t->u);
	free(t->bad);
	free(t->ctrlz_hidden);
	memset(t, 0, sizeof *t);
}
