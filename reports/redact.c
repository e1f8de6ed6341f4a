/* SPDX-License-Identifier: MIT */
/*
 * The redactor (redact.h).  One left-to-right pass over each string: at
 * a word boundary it tries a URL's user information, a MAC address, an
 * IPv6 address, an IPv4 address, a user name in a path, then the seeds
 * (longest first); whatever matches is written as its placeholder.
 */
#include "config.h"

#include "reports/redact.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reports/escape.h"
#include "util/xalloc.h"

struct entry {
	enum redact_kind	 kind;
	char			*value;		/* lower case */
	unsigned		 n;		/* 0 until first written */
	int			 seed;		/* looked for in free text */
};

struct wp_redact {
	int		 pseudo;
	struct entry	*v;
	size_t		 n, alloc;
	unsigned	 next[REDACT_KIND_COUNT];
};

static const char *const kind_names[REDACT_KIND_COUNT] = {
	"ipv4", "ipv6", "mac", "host", "domain", "user", "distro"
};

/* Directory names under Users/ and home/ that name nobody. */
static const char *const public_users[] = {
	"Public", "Default", "All Users", "Default User", "root", NULL
};

struct wp_redact *
redact_new(int pseudonymise)
{
	struct wp_redact *r = xcalloc(1, sizeof *r);

	r->pseudo = pseudonymise;
	return r;
}

void
redact_free(struct wp_redact *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].value);
	free(r->v);
	free(r);
}

int
redact_pseudonymises(const struct wp_redact *r)
{
	return r && r->pseudo;
}

static struct entry *
entry_get(struct wp_redact *r, enum redact_kind k, const char *v, size_t len)
{
	struct entry *e;

	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].kind == k && strlen(r->v[i].value) == len &&
		    strncasecmp(r->v[i].value, v, len) == 0)
			return &r->v[i];
	if (r->n == r->alloc) {
		r->alloc = r->alloc ? r->alloc * 2 : 16;
		r->v = xreallocarray(r->v, r->alloc, sizeof *r->v);
	}
	e = &r->v[r->n++];
	e->kind = k;
	e->value = xstrndup(v, len);
	for (char *p = e->value; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	e->n = 0;
	e->seed = 0;
	return e;
}

void
redact_seed(struct wp_redact *r, enum redact_kind k, const char *value)
{
	size_t len;

	if (!r || !value)
		return;
	len = strlen(value);
	while (len && value[len - 1] == '.')
		len--;
	/* Too short to find as a word without hitting ordinary text. */
	if (len < 3 || len > 253)
		return;
	entry_get(r, k, value, len)->seed = 1;
}

static void
put_placeholder(FILE *fp, struct wp_redact *r, enum redact_kind k,
    const char *v, size_t len)
{
	struct entry *e = entry_get(r, k, v, len);

	if (!e->n)
		e->n = ++r->next[k];
	fprintf(fp, "<%s-%u>", kind_names[k], e->n);
}

static int
word_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_';
}

/*
 * The user information of a URL starting at S (after "://"): up to the
 * last '@' of the authority, as URL parsers read "u:p@ss@host".
 */
static size_t
put_userinfo(FILE *fp, struct wp_redact *r, const char *s)
{
	size_t auth = strcspn(s, "/?# \t\r\n\"'<>"), j = auth, ul;
	const char *colon;

	while (j && s[j - 1] != '@')
		j--;
	if (!j--)
		return 0;
	colon = memchr(s, ':', j);
	ul = colon ? (size_t)(colon - s) : j;
	if (r->pseudo && ul)
		put_placeholder(fp, r, REDACT_USER, s, ul);
	else
		fwrite(s, 1, ul, fp);
	fputs(colon ? ":***@" : "@", fp);
	return j + 1;
}

static int
hexpair(const char *s)
{
	return isxdigit((unsigned char)s[0]) && isxdigit((unsigned char)s[1]);
}

/* Never reads past the string: each group is read after a separator. */
static size_t
match_mac(const char *s)
{
	char sep = s[0] && s[1] ? s[2] : '\0';

	if (sep != ':' && sep != '-')
		return 0;
	for (int i = 0; i < 6; i++) {
		if (!hexpair(s + 3 * i))
			return 0;
		if (i < 5 && s[3 * i + 2] != sep)
			return 0;
	}
	return word_char(s[17]) ? 0 : 17;
}

static int
mac_kept(const char *s)
{
	return strncmp(s, "00:00:00:00:00:00", 17) == 0 ||
	    strncasecmp(s, "ff:ff:ff:ff:ff:ff", 17) == 0;
}

static size_t
match_ipv6(const char *s, unsigned char *addr)
{
	char buf[64];
	size_t len = strspn(s, "0123456789abcdefABCDEF:.");

	if (len > 45)
		len = 45;
	for (; len >= 2; len--) {
		int colons = 0;

		memcpy(buf, s, len);
		buf[len] = '\0';
		for (size_t i = 0; i < len; i++)
			colons += buf[i] == ':';
		if (colons >= 2 && !word_char(s[len]) &&
		    inet_pton(AF_INET6, buf, addr) == 1)
			return len;
	}
	return 0;
}

static int
ipv6_kept(const unsigned char *a)
{
	static const unsigned char zero[16];

	if (memcmp(a, zero, 15) == 0 && (a[15] == 0 || a[15] == 1))
		return 1;		/* :: and ::1 */
	return (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) || a[0] == 0xff;
}

static size_t
match_ipv4(const char *s, unsigned char *a)
{
	size_t i = 0;

	for (int o = 0; o < 4; o++) {
		unsigned v = 0;
		size_t d = 0;

		while (isdigit((unsigned char)s[i]) && d < 4)
			v = v * 10 + (unsigned)(s[i++] - '0'), d++;
		if (!d || d > 3 || v > 255)
			return 0;
		a[o] = (unsigned char)v;
		if (o < 3 && s[i++] != '.')
			return 0;
	}
	/* 5.15.167.4-microsoft, 1.2.3.4.5 and 1.2.3.4x are not addresses. */
	if (word_char(s[i]) || s[i] == '+' ||
	    (s[i] == '.' && isdigit((unsigned char)s[i + 1])))
		return 0;
	return i;
}

static int
ipv4_kept(const unsigned char *a)
{
	return a[0] == 127 || a[0] == 0 || a[0] >= 224 ||
	    (a[0] == 169 && a[1] == 254) ||
	    (a[0] == 10 && a[1] == 255 && a[2] == 255 && a[3] == 254);
}

/* "WSL version 2.3.26.0", "v1.2.3.4": a version, not an address. */
static int
after_version(const char *start, const char *s)
{
	size_t back = (size_t)(s - start) < 16 ? (size_t)(s - start) : 16;
	char buf[17];

	if (s > start && (s[-1] == 'v' || s[-1] == 'V'))
		return 1;
	for (size_t i = 0; i < back; i++)
		buf[i] = (char)tolower((unsigned char)s[-(long)back + (long)i]);
	buf[back] = '\0';
	return strstr(buf, "version") != NULL;
}

/* "Users/NAME", "Users\NAME", "home/NAME" after a path separator. */
static size_t
match_user_path(FILE *fp, struct wp_redact *r, const char *start,
    const char *s)
{
	static const char *const dirs[] = { "Users", "home", NULL };
	size_t dl = 0, nl;
	const char *name;

	if (s == start || (s[-1] != '/' && s[-1] != '\\'))
		return 0;
	for (size_t i = 0; dirs[i]; i++) {
		dl = strlen(dirs[i]);
		if (strncasecmp(s, dirs[i], dl) == 0 && (s[dl] == '/' ||
		    s[dl] == '\\'))
			break;
		dl = 0;
	}
	if (!dl)
		return 0;
	name = s + dl + 1;
	/* "Users/Jane Doe/x" keeps its space; "Users/jdoe is" does not. */
	nl = strcspn(name, "/\\\t\r\n\"'<>:;,)");
	if (name[nl] != '/' && name[nl] != '\\')
		nl = strcspn(name, "/\\ \t\r\n\"'<>:;,)");
	if (!nl)
		return 0;
	for (size_t i = 0; public_users[i]; i++)
		if (strlen(public_users[i]) == nl &&
		    strncasecmp(name, public_users[i], nl) == 0)
			return 0;
	fwrite(s, 1, dl + 1, fp);
	put_placeholder(fp, r, REDACT_USER, name, nl);
	return dl + 1 + nl;
}

static size_t
match_seed(FILE *fp, struct wp_redact *r, const char *s)
{
	struct entry *best = NULL;
	size_t best_len = 0;

	for (size_t i = 0; i < r->n; i++) {
		size_t l = strlen(r->v[i].value);

		if (r->v[i].seed && l > best_len &&
		    strncasecmp(s, r->v[i].value, l) == 0 &&
		    !word_char(s[l]))
			best = &r->v[i], best_len = l;
	}
	if (!best)
		return 0;
	put_placeholder(fp, r, best->kind, s, best_len);
	return best_len;
}

/* One match at S (a word boundary), written; its length, or 0. */
static size_t
redact_at(FILE *fp, struct wp_redact *r, const char *start, const char *s)
{
	unsigned char a[16];
	size_t n;

	if ((n = match_mac(s))) {
		char mac[18];

		/* 00-15-5D-... and 00:15:5d:... are one address. */
		memcpy(mac, s, n);
		mac[n] = '\0';
		for (char *c = mac; *c; c++)
			*c = *c == '-' ? ':' : *c;
		if (mac_kept(mac))
			fwrite(s, 1, n, fp);
		else
			put_placeholder(fp, r, REDACT_MAC, mac, n);
		return n;
	}
	if ((n = match_ipv6(s, a))) {
		if (ipv6_kept(a))
			fwrite(s, 1, n, fp);
		else
			put_placeholder(fp, r, REDACT_IPV6, s, n);
		return n;
	}
	if ((n = match_ipv4(s, a)) && !after_version(start, s)) {
		if (ipv4_kept(a))
			fwrite(s, 1, n, fp);
		else
			put_placeholder(fp, r, REDACT_IPV4, s, n);
		return n;
	}
	if ((n = match_user_path(fp, r, start, s)))
		return n;
	return match_seed(fp, r, s);
}

/* Pass 1: the user information of every URL (always). */
static void
strip_to(FILE *fp, struct wp_redact *r, const char *s)
{
	while (*s) {
		if (strncmp(s, "://", 3) == 0) {
			fputs("://", fp);
			s += 3;
			s += put_userinfo(fp, r, s);
			continue;
		}
		fputc(*s++, fp);
	}
}

/* Pass 2: addresses and names at word boundaries. */
static void
pseudo_to(FILE *fp, struct wp_redact *r, const char *s)
{
	const char *p = s;
	size_t n;

	while (*p) {
		/* After a dot only a seed: pc1.<domain-1>, never 1.2.<ipv4>. */
		if ((p == s || (!word_char(p[-1]) && p[-1] != ':')) &&
		    (n = p > s && p[-1] == '.' ? match_seed(fp, r, p) :
		    redact_at(fp, r, s, p))) {
			p += n;
			continue;
		}
		fputc(*p++, fp);
	}
}

/* FN(R, S) into a new string. */
static char *
pass(void (*fn)(FILE *, struct wp_redact *, const char *),
    struct wp_redact *r, const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (!fp)
		abort();
	fn(fp, r, s);
	if (fclose(fp) != 0)
		abort();
	return buf;
}

/*
 * Credentials go in a pass of their own, before any other match can
 * consume a character of "://".
 */
char *
redact_str(struct wp_redact *r, const char *s)
{
	struct wp_redact none = { 0 };
	char *stripped, *out;

	if (!s)
		return NULL;
	if (!r)
		r = &none;
	stripped = strstr(s, "://") ? pass(strip_to, r, s) : xstrdup(s);
	if (!r->pseudo)
		return stripped;
	out = pass(pseudo_to, r, stripped);
	free(stripped);
	return out;
}

static json_object *
redacted_string(void *arg, const char *s)
{
	char *red = redact_str(arg, s);
	json_object *o = json_object_new_string(red);

	free(red);
	return o;
}

json_object *
redact_json(struct wp_redact *r, json_object *o)
{
	return esc_json_map(o, redacted_string, r);
}
