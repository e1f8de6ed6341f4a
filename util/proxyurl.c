/* SPDX-License-Identifier: MIT */
/*
 * Proxy values and no_proxy lists, read as curl reads them (libcurl's
 * URL API does the URL part), with the credentials kept out: see
 * util/proxyurl.h.  Nothing here trusts its input.
 */
#include "config.h"

#include "util/proxyurl.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "util/xalloc.h"

#define PROXYURL_MAX	4096	/* longer values are refused, not parsed */

static const char *const schemes[] = {
	"http", "https", "socks4", "socks4a", "socks5", "socks5h", NULL
};

/* Where the user:password part starts and the last '@' (or -1, -1). */
static void
userinfo_span(const char *v, size_t len, long *start, long *at)
{
	const char *sep = NULL;
	long last = -1, first = -1;

	for (size_t i = 0; i < len; i++)
		if (v[i] == '@') {
			last = (long)i;
			if (first < 0)
				first = (long)i;
		}
	*start = *at = -1;
	if (last < 0)
		return;
	/* The scheme counts only before the first '@': nothing of what
	 * precedes an '@' is ever kept. */
	for (size_t i = 0; i + 2 < len && (long)i < first; i++)
		if (v[i] == ':' && v[i + 1] == '/' && v[i + 2] == '/') {
			sep = v + i + 3;
			break;
		}
	*start = sep ? (long)(sep - v) : 0;
	*at = last;
}

char *
proxyurl_redact(const char *value, int *had)
{
	size_t len = value ? strlen(value) : 0;
	long start, at;

	if (had)
		*had = 0;
	if (!value)
		return NULL;
	userinfo_span(value, len, &start, &at);
	if (at < 0)
		return xstrdup(value);
	if (had)
		*had = 1;
	return xasprintf("%.*s%s%s", (int)start, value, PROXYURL_REDACTED,
	    value + at);
}

/* TEXT with every NEEDLE (if non-empty) replaced by "***"; frees TEXT. */
static char *
replace_all(char *text, const char *needle, size_t nlen)
{
	size_t cap, n = 0;
	char *out, *p, *hit;

	if (!nlen)
		return text;
	cap = strlen(text) * 3 + 4;
	out = xmalloc(cap);
	for (p = text; (hit = memmem(p, strlen(p), needle, nlen)); ) {
		memcpy(out + n, p, (size_t)(hit - p));
		n += (size_t)(hit - p);
		memcpy(out + n, PROXYURL_REDACTED, 3);
		n += 3;
		p = hit + nlen;
	}
	memcpy(out + n, p, strlen(p) + 1);
	free(text);
	return out;
}

/* Replaces SECRET[0..len) and its percent-decoded form in TEXT. */
static char *
replace_secret(char *text, const char *secret, size_t len)
{
	char *dec;
	int dlen = 0;

	if (!len)
		return text;
	text = replace_all(text, secret, len);
	dec = curl_easy_unescape(NULL, secret, (int)len, &dlen);
	if (dec) {
		text = replace_all(text, dec, strnlen(dec, (size_t)dlen));
		curl_free(dec);
	}
	return text;
}

char *
proxyurl_scrub(const char *text, const char *value)
{
	size_t len = value ? strnlen(value, PROXYURL_MAX * 4) : 0;
	long start, at;
	const char *ui, *colon;
	char *out;

	if (!text)
		return NULL;
	out = xstrdup(text);
	userinfo_span(value ? value : "", len, &start, &at);
	if (at < 0)
		return out;
	ui = value + start;
	out = replace_secret(out, ui, (size_t)(at - start));
	colon = memchr(ui, ':', (size_t)(at - start));
	if (colon) {
		out = replace_secret(out, colon + 1,
		    (size_t)(value + at - colon - 1));
		out = replace_secret(out, ui, (size_t)(colon - ui));
	} else {
		out = replace_secret(out, ui, (size_t)(at - start));
	}
	return out;
}

void
proxyurl_release(struct proxyurl *u)
{
	free(u->scheme);
	free(u->host);
	free(u->problem);
	free(u->fixed);
	free(u->display);
	memset(u, 0, sizeof *u);
}

/* Sets the problem (and the fix, redacted) once: the first one wins. */
static int
problem(struct proxyurl *u, char *fixed, char *msg)
{
	if (!u->problem) {
		u->problem = msg;
		u->fixed = fixed ? proxyurl_redact(fixed, NULL) : NULL;
	} else {
		free(msg);
	}
	free(fixed);
	return -1;
}

static int
known_scheme(const char *s)
{
	for (size_t i = 0; schemes[i]; i++)
		if (strcasecmp(s, schemes[i]) == 0)
			return 1;
	return 0;
}

/* The value without surrounding blanks and one pair of quotes. */
static char *
unwrap(const char *v, int *quoted, int *blanks)
{
	size_t len = strlen(v), a = 0, b = len;

	*quoted = *blanks = 0;
	while (a < b && isspace((unsigned char)v[a]))
		a++;
	while (b > a && isspace((unsigned char)v[b - 1]))
		b--;
	*blanks = a > 0 || b < len;
	if (b - a >= 1 && (v[a] == '"' || v[a] == '\'')) {
		char q = v[a];

		*quoted = 1;
		a++;
		if (b > a && v[b - 1] == q)
			b--;
		while (a < b && isspace((unsigned char)v[a]))
			a++;
		while (b > a && isspace((unsigned char)v[b - 1]))
			b--;
	}
	return xstrndup(v + a, b - a);
}

static long
default_port(const char *scheme)
{
	/* CURLOPT_PROXYPORT's default is 1080 for every proxy type but
	 * HTTPS, which defaults to 443. */
	return strcmp(scheme, "https") == 0 ? 443 : 1080;
}

/* Fills host, port and display from a URL libcurl accepted. */
static int
from_curl(CURLU *h, struct proxyurl *u, char *fixed)
{
	char *host = NULL, *port = NULL, *user = NULL;
	long p;

	curl_url_get(h, CURLUPART_USER, &user, 0);
	u->credentials |= user != NULL;
	curl_free(user);
	if (curl_url_get(h, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    !host || !*host) {
		curl_free(host);
		return problem(u, fixed, xstrdup("no host name"));
	}
	if (host[0] == '[') {
		size_t hl = strlen(host);

		u->ipv6 = 1;
		u->host = xstrndup(host + 1, hl > 2 ? hl - 2 : 0);
	} else {
		u->host = xstrdup(host);
	}
	curl_free(host);
	if (curl_url_get(h, CURLUPART_PORT, &port, 0) == CURLUE_OK && port) {
		p = strtol(port, NULL, 10);
		u->port_given = 1;
		curl_free(port);
		if (p <= 0 || p > 65535)
			return problem(u, fixed, xstrdup("port 0 is not a "
			    "port"));
	} else {
		p = default_port(u->scheme);
	}
	u->port = p;
	u->display = xasprintf("%s://%s%s%s:%ld", u->scheme,
	    u->ipv6 ? "[" : "", u->host, u->ipv6 ? "]" : "", p);
	return 0;
}

int
proxyurl_parse(const char *value, struct proxyurl *u)
{
	char *v, *url, *sep;
	int quoted, blanks, rc;
	CURLU *h;
	CURLUcode cc;

	memset(u, 0, sizeof *u);
	if (!value || !*value)
		return problem(u, NULL, xstrdup("the value is empty"));
	if (strnlen(value, PROXYURL_MAX + 1) > PROXYURL_MAX)
		return problem(u, NULL, xstrdup("the value is longer than 4096 "
		    "bytes"));
	free(proxyurl_redact(value, &u->credentials));
	v = unwrap(value, &quoted, &blanks);
	for (const char *c = v; *c; c++) {
		if ((unsigned char)*c < 0x20 || *c == 0x7f) {
			free(v);
			return problem(u, NULL, xstrdup("it contains control "
			    "characters"));
		}
		if (*c == ' ' || *c == '"' || *c == '\'') {
			problem(u, NULL, xstrdup(*c == ' ' ? "it contains "
			    "a space" : "it contains a quote"));
			break;
		}
	}
	if (quoted)
		problem(u, xstrdup(v), xstrdup("it is wrapped in quotes, which "
		    "tools take as part of the value"));
	else if (blanks)
		problem(u, xstrdup(v), xstrdup("it has blanks around it"));
	sep = strstr(v, "://");
	if (sep) {
		u->had_scheme = 1;
		u->scheme = xstrndup(v, (size_t)(sep - v));
		for (char *c = u->scheme; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		url = xstrdup(v);
	} else {
		u->scheme = xstrdup("http");
		url = xasprintf("http://%s", v);
	}
	if (!known_scheme(u->scheme)) {
		problem(u, sep ? xasprintf("http://%s", sep + 3) : NULL,
		    xasprintf("'%s' is not a proxy scheme curl reads (http, "
		    "https, socks4, socks4a, socks5, socks5h)", u->scheme));
		free(u->scheme);
		u->scheme = xstrdup("http");
	}
	h = curl_url();
	if (!h) {
		free(url);
		free(v);
		return problem(u, NULL, xstrdup("out of memory"));
	}
	cc = curl_url_set(h, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME);
	if (cc == CURLUE_BAD_PORT_NUMBER)
		rc = problem(u, NULL, xstrdup("the port is not a number from 1 to "
		    "65535"));
	else if (cc != CURLUE_OK)
		rc = problem(u, NULL, xasprintf("libcurl cannot parse it: %s",
		    curl_url_strerror(cc)));
	else
		rc = from_curl(h, u, NULL);
	curl_url_cleanup(h);
	free(url);
	free(v);
	return u->problem ? -1 : rc;
}

/* --- no_proxy --- */

void
noproxy_release(struct noproxy *np)
{
	free(np->windows);
	free(np->fixed);
	memset(np, 0, sizeof *np);
}

static void
append(char **list, const char *item, size_t len)
{
	char *l = xasprintf("%s%s%.*s", *list ? *list : "", *list ? "," : "",
	    (int)len, item);

	free(*list);
	*list = l;
}

/* "10.1.*" → "10.1.0.0/16"; 0 when E is not such a pattern. */
static int
ipv4_wildcard(const char *e, size_t len, char *out, size_t outsz)
{
	unsigned oct[4] = { 0 };
	size_t i = 0, k = 0;

	while (i < len && k < 4) {
		unsigned v = 0;
		size_t d = 0;

		if (e[i] == '*')
			break;
		while (i < len && isdigit((unsigned char)e[i]) && d < 3) {
			v = v * 10 + (unsigned)(e[i++] - '0');
			d++;
		}
		if (!d || v > 255 || i >= len || e[i] != '.')
			return 0;
		oct[k++] = v;
		i++;
	}
	if (k == 0 || k > 3 || i + 1 != len || e[i] != '*')
		return 0;
	snprintf(out, outsz, "%u.%u.%u.%u/%zu", oct[0], oct[1], oct[2],
	    oct[3], k * 8);
	return 1;
}

/* Sets the flags of an entry kept as it is. */
static void
flags(struct noproxy *np, const char *e, size_t len)
{
	static const char *const loop[] = { "127.0.0.1", "127.0.0.0/8",
	    "127.0.0.1/8", "127.0.0.1/32", NULL };

	if (len == 9 && strncasecmp(e, "localhost", 9) == 0)
		np->localhost = 1;
	for (size_t i = 0; loop[i]; i++)
		if (len == strlen(loop[i]) && strncmp(e, loop[i], len) == 0)
			np->loopback = 1;
	if (len == 1 && e[0] == '*')
		np->wildcard = np->loopback = np->localhost = 1;
}

/* One entry E[0..len): classify it and add its Linux form to FIXED. */
static void
entry(struct noproxy *np, const char *e, size_t len)
{
	char buf[32];

	np->n++;
	if (len == 7 && strncasecmp(e, "<local>", 7) == 0) {
		if (!np->windows)
			np->windows = xstrndup(e, len);
		/* Windows: names without a dot; Linux has no such entry. */
		return;
	}
	if (len > 2 && e[0] == '*' && e[1] == '.' && !memchr(e + 1, '*',
	    len - 1)) {
		if (!np->windows)
			np->windows = xstrndup(e, len);
		append(&np->fixed, e + 1, len - 1);
		return;
	}
	if (memchr(e, '*', len) && len > 1) {
		if (!np->windows)
			np->windows = xstrndup(e, len);
		if (ipv4_wildcard(e, len, buf, sizeof buf)) {
			append(&np->fixed, buf, strlen(buf));
			flags(np, buf, strlen(buf));
		}
		return;
	}
	flags(np, e, len);
	append(&np->fixed, e, len);
}

void
noproxy_parse(const char *list, struct noproxy *np)
{
	const char *p = list, *end;
	int changed;

	memset(np, 0, sizeof *np);
	if (!list)
		p = list = "";
	end = list + strnlen(list, PROXYURL_MAX * 4);
	while (p < end) {
		const char *s = p, *e;

		while (p < end && *p != ',' && *p != ';')
			p++;
		if (p < end && *p == ';' && !np->windows)
			np->windows = xstrdup(";");
		e = p;
		while (s < e && isspace((unsigned char)*s))
			s++;
		while (e > s && isspace((unsigned char)e[-1]))
			e--;
		if (e > s)
			entry(np, s, (size_t)(e - s));
		if (p < end)
			p++;
	}
	changed = np->windows != NULL;
	if (!np->wildcard && !np->localhost) {
		append(&np->fixed, "localhost", 9);
		changed = 1;
	}
	if (!np->wildcard && !np->loopback) {
		append(&np->fixed, "127.0.0.1", 9);
		changed = 1;
	}
	if (!changed) {
		free(np->fixed);
		np->fixed = NULL;
	}
}
