/* SPDX-License-Identifier: MIT */
/*
 * What happens to a key line once the state machine (wslconfig/wslconfig.c) has
 * built it: typed values as configfile.cpp ParseImpl and stringshared.h do
 * (docs/wslconfig.md §2), duplicates, and the help WSL does not give: why a
 * key is unknown, the corrected line, and the silent problems (mangled
 * values, swallowed text, encoding, settings that do not apply).
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "wslconfig/wslconfig.h"
#include "wslconfig/wslconfig_int.h"
#include "wslconfig/wslkeys.h"
#include "util/xalloc.h"

/* isspace() in the "C" locale, as strtol and friends use it. */
static bool
values_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' ||
	    c == '\f' || c == '\r';
}

static int
values_digit(int c, int base)
{
	int d;

	if (c >= '0' && c <= '9')
		d = c - '0';
	else if (c >= 'a' && c <= 'z')
		d = c - 'a' + 10;
	else if (c >= 'A' && c <= 'Z')
		d = c - 'A' + 10;
	else
		return -1;
	return d < base ? d : -1;
}

/*
 * strtol(v, &end, 0) with a long of `bits` bits (32 on Windows, 64 in the
 * distro), saturating on overflow.  Returns the end of the number (v when
 * nothing was converted).
 */
static const char *
values_strtol(const char *v, int bits, long long *out)
{
	const char *s = v;
	long long max = bits == 32 ? INT32_MAX : LLONG_MAX;
	unsigned long long lim, acc = 0;
	bool neg = false, any = false, over = false;
	int base = 10, d;

	while (values_space((unsigned char)*s))
		s++;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
	    values_digit((unsigned char)s[2], 16) >= 0) {
		base = 16;
		s += 2;
	} else if (s[0] == '0')
		base = 8;
	lim = neg ? (unsigned long long)max + 1 : (unsigned long long)max;
	while ((d = values_digit((unsigned char)*s, base)) >= 0) {
		any = true;
		if (!over) {
			if (acc > (lim - (unsigned)d) / (unsigned)base)
				over = true;
			else
				acc = acc * (unsigned)base + (unsigned)d;
		}
		s++;
	}
	if (!any) {
		*out = 0;
		return v;
	}
	if (over)
		acc = lim;
	if (neg)
		*out = acc == (unsigned long long)max + 1 ? -max - 1 :
		    -(long long)acc;
	else
		*out = (long long)acc;
	return s;
}

/* configfile.cpp ParseImpl(int&). */
static bool
values_int(const char *v, int bits, long long *out)
{
	const char *end = values_strtol(v, bits, out);

	if (*v == '\0' || *end != '\0')
		return false;
	return *out >= INT_MIN && *out <= INT_MAX;
}

/* strtoull(v, &end, 10): wraps negatives, saturates on overflow. */
static const char *
values_strtoull(const char *v, uint64_t *out)
{
	const char *s = v;
	uint64_t acc = 0;
	bool neg = false, any = false, over = false;

	while (values_space((unsigned char)*s))
		s++;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	while (*s >= '0' && *s <= '9') {
		unsigned d = (unsigned)(*s - '0');

		any = true;
		if (acc > (UINT64_MAX - d) / 10)
			over = true;
		else if (!over)
			acc = acc * 10 + d;
		s++;
	}
	if (!any) {
		*out = 0;
		return v;
	}
	if (over)
		*out = UINT64_MAX;
	else
		*out = neg ? (uint64_t)0 - acc : acc;
	return s;
}

/* stringshared.h ParseMemorySize(): units are case-sensitive (§2). */
static bool
values_memory(const char *v, uint64_t *out)
{
	static const struct {
		const char	*unit;
		uint64_t	 factor;
	} units[] = {
		{ "B", 1 }, { "K", 1ULL << 10 }, { "M", 1ULL << 20 },
		{ "G", 1ULL << 30 }, { "T", 1ULL << 40 }
	};
	const char *end = values_strtoull(v, out);
	size_t i, rl;

	if (*out == 0 && (v[0] != '0' || end != v + 1))
		return false;
	rl = strlen(end);
	if (rl == 0)
		return true;
	if (rl > 2)
		return false;
	for (i = 0; i < sizeof units / sizeof units[0]; i++) {
		if (end[0] == units[i].unit[0] &&
		    (rl == 1 || (units[i].factor != 1 && end[1] == 'B'))) {
			*out *= units[i].factor;	/* wraps, as WSL */
			return true;
		}
	}
	return false;
}

/* stringshared.h ParseBool(): true/false any case, exactly 1/0. */
static bool
values_bool(const char *v, bool *out)
{
	if (strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0) {
		*out = true;
		return true;
	}
	if (strcmp(v, "0") == 0 || strcasecmp(v, "false") == 0) {
		*out = false;
		return true;
	}
	return false;
}

/* inet_pton(AF_INET): four decimal parts 0..255, no leading zeros. */
static bool
values_ipv4(const char *v)
{
	int part, digits, parts = 0;

	for (;;) {
		part = 0;
		digits = 0;
		while (*v >= '0' && *v <= '9') {
			if (digits > 0 && part == 0)
				return false;
			part = part * 10 + (*v - '0');
			if (part > 255)
				return false;
			digits++;
			v++;
		}
		if (digits == 0)
			return false;
		parts++;
		if (*v == '\0')
			return parts == 4;
		if (*v != '.' || parts == 4)
			return false;
		v++;
	}
}

/* ParseMacAddressNoThrow(): 17 characters, ':' or '-' taken from [2]. */
static bool
values_mac(const char *v)
{
	char sep;
	int o;

	if (strlen(v) != 17)
		return false;
	sep = v[2];
	if (sep != '-' && sep != ':')
		return false;
	for (o = 0; o < 6; o++) {
		if (!isxdigit((unsigned char)v[o * 3]) ||
		    !isxdigit((unsigned char)v[o * 3 + 1]))
			return false;
		if (o < 5 && v[o * 3 + 2] != sep)
			return false;
	}
	return true;
}

static int
values_port_cmp(const void *a, const void *b)
{
	uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;

	return x < y ? -1 : x > y;
}

/* The last component of a written key ("wsl2.memory" -> "memory"). */
static const char *
values_leaf(const char *written)
{
	return wslkey_leaf(written);
}

/* The canonical section of a key ("wsl2" for "wsl2.memory"). */
static char *
values_section(const char *name)
{
	const char *dot = strchr(name, '.');

	return dot != NULL ? xstrndup(name, (size_t)(dot - name)) :
	    xstrdup("");
}

/* --- suggestions for invalid values --- */

static char *
values_fix_bool(const char *v)
{
	static const char *const yes[] = { "yes", "y", "on", "t", "enable",
	    "enabled", "true", "1", NULL };
	static const char *const no[] = { "no", "n", "off", "f", "disable",
	    "disabled", "false", "0", NULL };
	char buf[16];
	size_t n = 0;
	int i;

	while (values_space((unsigned char)*v))
		v++;
	while (*v != '\0' && !values_space((unsigned char)*v) &&
	    n + 1 < sizeof buf)
		buf[n++] = (char)tolower((unsigned char)*v++);
	buf[n] = '\0';
	for (i = 0; yes[i] != NULL; i++) {
		if (strcmp(buf, yes[i]) == 0)
			return xstrdup("true");
	}
	for (i = 0; no[i] != NULL; i++) {
		if (strcmp(buf, no[i]) == 0)
			return xstrdup("false");
	}
	return NULL;
}

static char *
values_fix_int(const char *v)
{
	const char *s = v, *d, *e;
	bool neg = false;

	while (values_space((unsigned char)*s))
		s++;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	d = s;
	while (*s >= '0' && *s <= '9')
		s++;
	if (s == d || s - d > 18)
		return NULL;
	e = s;
	if (*s == '.') {
		/* "4.0" -> "4" */
		s++;
		while (*s == '0')
			s++;
	} else {
		/* "5000ms" -> "5000" */
		while (isalpha((unsigned char)*s))
			s++;
	}
	while (values_space((unsigned char)*s))
		s++;
	if (*s != '\0')
		return NULL;
	while (d + 1 < e && *d == '0')
		d++;	/* "08" is invalid octal: mean 8 */
	return xasprintf("%s%.*s", neg ? "-" : "", (int)(e - d), d);
}

static char *
values_fix_memory(const char *v)
{
	static const char *const names[] = { "", "KB", "MB", "GB", "TB" };
	static const char letters[] = "BKMGT";
	unsigned long long n = 0, frac = 0, den = 1;
	const char *s = v, *p;
	int idx;

	while (values_space((unsigned char)*s))
		s++;
	if (!(*s >= '0' && *s <= '9'))
		return NULL;
	while (*s >= '0' && *s <= '9') {
		if (n > 100000000000000ULL)
			return NULL;
		n = n * 10 + (unsigned)(*s++ - '0');
	}
	if (*s == '.') {
		s++;
		while (*s >= '0' && *s <= '9') {
			if (den < 1000000) {
				frac = frac * 10 + (unsigned)(*s - '0');
				den *= 10;
			}
			s++;
		}
	}
	while (values_space((unsigned char)*s))
		s++;
	if (*s == '\0') {
		if (frac != 0)
			return NULL;
		return xasprintf("%llu", n);
	}
	p = strchr(letters, toupper((unsigned char)*s));
	if (p == NULL || *p == '\0')
		return NULL;
	idx = (int)(p - letters);
	s++;
	if (idx > 0 && (*s == 'i' || *s == 'I'))
		s++;
	if (idx > 0 && (*s == 'b' || *s == 'B'))
		s++;
	while (values_space((unsigned char)*s))
		s++;
	if (*s != '\0')
		return NULL;
	if (frac != 0) {
		/* "1.5TB" -> "1536GB" */
		if (idx == 0)
			return NULL;
		n = n * 1024 + (frac * 1024 + den / 2) / den;
		idx--;
	}
	return xasprintf("%llu%s", n, names[idx]);
}

/* Optimal string alignment distance, ASCII case-insensitive; cap + 1 when
   the distance is certainly above cap. */
static int
values_distance(const char *a, const char *b, int cap)
{
	int la = (int)strnlen(a, 65), lb = (int)strnlen(b, 65);
	int d[65][65], i, j;

	if (la > 64 || lb > 64 || abs(la - lb) > cap)
		return cap + 1;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			int ca = tolower((unsigned char)a[i - 1]);
			int cb = tolower((unsigned char)b[j - 1]);
			int cost = ca != cb, m;

			m = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < m)
				m = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < m)
				m = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 &&
			    ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb &&
			    d[i - 2][j - 2] + 1 < m)
				m = d[i - 2][j - 2] + 1;
			d[i][j] = m;
		}
	}
	return d[la][lb];
}

static char *
values_fix_enum(const struct wslkey *k, const char *v)
{
	const struct wslkey_enum *e, *best = NULL;
	char norm[32];
	size_t n = 0;
	int bestd = 3, dd;

	for (; *v != '\0' && n + 1 < sizeof norm; v++) {
		if (*v != '-' && *v != '_' && !values_space((unsigned char)*v))
			norm[n++] = *v;
	}
	norm[n] = '\0';
	for (e = k->values; e->name != NULL; e++) {
		dd = values_distance(norm, e->name, 2);
		if (dd < bestd) {
			bestd = dd;
			best = e;
		}
	}
	if (best == NULL)
		return NULL;
	return xstrdup(best->value);
}

static char *
values_fix_mac(const char *v)
{
	char hex[13];
	int n = 0;

	for (; *v != '\0'; v++) {
		if (isxdigit((unsigned char)*v)) {
			if (n == 12)
				return NULL;
			hex[n++] = *v;
		}
	}
	if (n != 12)
		return NULL;
	return xasprintf("%.2s:%.2s:%.2s:%.2s:%.2s:%.2s", hex, hex + 2,
	    hex + 4, hex + 6, hex + 8, hex + 10);
}

/* Double every single backslash: "C:\Users" -> "C:\\Users". */
static char *
values_fix_backslashes(const char *line)
{
	size_t n = strlen(line), o = 0;
	char *out = xmalloc(n * 2 + 1);

	while (*line != '\0') {
		if (line[0] == '\\' && line[1] == '\\') {
			out[o++] = '\\';
			out[o++] = '\\';
			line += 2;
		} else if (line[0] == '\\') {
			out[o++] = '\\';
			out[o++] = '\\';
			line++;
		} else
			out[o++] = *line++;
	}
	out[o] = '\0';
	return out;
}

/* Show TAB, LF and BS produced by escapes. */
static char *
values_show_ctl(const char *s)
{
	size_t n = strlen(s), o = 0;
	char *out = xmalloc(n * 4 + 1);

	for (; *s != '\0'; s++) {
		const char *rep = NULL;

		if (*s == '\t')
			rep = "<TAB>";
		else if (*s == '\n')
			rep = "<LF>";
		else if (*s == '\b')
			rep = "<BS>";
		if (rep != NULL) {
			out = xrealloc(out, n * 4 + o + 6);
			memcpy(out + o, rep, strlen(rep));
			o += strlen(rep);
		} else
			out[o++] = *s;
	}
	out[o] = '\0';
	return out;
}

static struct wslconfig_problem *
values_invalid(struct wslconfig_parser *p, const char *subkind,
    const char *written, const char *shown)
{
	struct wslconfig_result *r = p->r;
	const char *f = r->display_name;
	unsigned long l = p->line;

	if (strcmp(subkind, "boolean") == 0)
		return wslconfig_problem_add(p, l, "invalid-value", subkind,
		    "Invalid boolean value '%s' for key '%s' in %s:%lu", shown,
		    written, f, l);
	if (strcmp(subkind, "integer") == 0)
		return wslconfig_problem_add(p, l, "invalid-value", subkind,
		    "Invalid integer value '%s' for key '%s' in %s:%lu", shown,
		    written, f, l);
	if (strcmp(subkind, "memory") == 0)
		return wslconfig_problem_add(p, l, "invalid-value", subkind,
		    "Invalid memory string '%s' for .wslconfig entry '%s' in "
		    "%s:%lu", shown, written, f, l);
	if (strcmp(subkind, "ip") == 0)
		return wslconfig_problem_add(p, l, "invalid-value", subkind,
		    "Invalid IP value '%s' for key '%s' in %s:%lu", shown,
		    written, f, l);
	return wslconfig_problem_add(p, l, "fatal", "mac",
	    "Invalid mac address '%s' for key '%s' in %s:%lu", shown, written,
	    f, l);
}

static void
values_suggest(struct wslconfig_problem *pr, const char *written,
    char *fixed)
{
	if (fixed != NULL)
		pr->suggestion = xasprintf("%s=%s", values_leaf(written),
		    fixed);
	free(fixed);
}

/* experimental.ignoredPorts: std::stoi on each comma-separated item. */
static void
values_ports(struct wslconfig_parser *p, struct wslconfig_setting *s,
    const char *v, const char *shown)
{
	struct wslconfig_value *t = &s->typed;
	const char *item = v;
	size_t cap = 0;

	t->valid = true;
	while (*item != '\0') {
		size_t len = strcspn(item, ",");
		char *one = xstrndup(item, len);
		long long n = 0;
		const char *q = one;
		bool neg = false, ok;

		/* std::stoi: strtol base 10, trailing junk ignored, an
		   overflow of the 32-bit long throws out_of_range. */
		while (values_space((unsigned char)*q))
			q++;
		if (*q == '+' || *q == '-')
			neg = *q++ == '-';
		ok = *q >= '0' && *q <= '9';
		while (ok && *q >= '0' && *q <= '9') {
			n = n * 10 + (*q++ - '0');
			if (n > (long long)INT32_MAX + neg)
				ok = false;
		}
		if (neg)
			n = -n;
		if (len > 0 && (!ok || n <= 0 || n > 65535)) {
			struct wslconfig_problem *pr;

			pr = values_invalid(p, "integer", s->written, shown);
			pr->key = xstrdup(s->written);
			pr->hint = xasprintf("item '%s' is not a port number "
			    "from 1 to 65535; WSL keeps the other ports", one);
		} else if (len > 0) {
			if (t->u.ports.n == cap) {
				cap = cap ? cap * 2 : 8;
				t->u.ports.v = xreallocarray(t->u.ports.v, cap,
				    sizeof *t->u.ports.v);
			}
			t->u.ports.v[t->u.ports.n++] = (uint16_t)n;
		}
		free(one);
		item += len;
		if (*item == ',')
			item++;
	}
	if (t->u.ports.n > 1) {
		size_t i, w = 1;

		qsort(t->u.ports.v, t->u.ports.n, sizeof *t->u.ports.v,
		    values_port_cmp);
		for (i = 1; i < t->u.ports.n; i++) {
			if (t->u.ports.v[i] != t->u.ports.v[w - 1])
				t->u.ports.v[w++] = t->u.ports.v[i];
		}
		t->u.ports.n = w;
	}
}

/* Silent corruption of the value (Windows only, §1.1 and §1.3). */
static void
values_check_mangled(struct wslconfig_parser *p, struct wslconfig_setting *s,
    size_t nunits)
{
	const uint16_t *u = p->val;
	struct wslconfig_problem *pr;
	size_t sig = nunits, i;
	bool mangled = false;
	char *line, *shown;

	if (p->r->flavor != WSLCONFIG_WINDOWS)
		return;
	/* Trailing blanks, U+3000 and NULs are harmless (§1.1). */
	while (sig > 0 && (u[sig - 1] == ' ' || u[sig - 1] == '\t' ||
	    u[sig - 1] == 0x3000 || u[sig - 1] == 0))
		sig--;
	for (i = 0; i < sig; i++) {
		/* U+FFFD (invalid UTF-8) survives as itself: the encoding
		   problem covers it. */
		if ((u[i] >= 0x80 && u[i] != 0xFFFD) || u[i] == 0)
			mangled = true;
	}
	/* An invalid value already has its problem. */
	if (mangled && s->typed.valid) {
		char *intended = wslconfig_units_to_utf8(u, 0, sig, sig);

		pr = wslconfig_problem_add(p, p->line, "mangled-value", NULL,
		    "WSL keeps only the low byte of each character in the "
		    "value of '%s': '%s' is read as '%s'", s->written,
		    intended, s->value);
		pr->key = xstrdup(s->written);
		pr->hint = xstrdup(s->def->type == WSLKEY_PATH ?
		    "use a path made of ASCII characters only" :
		    "write the value with ASCII characters only");
		free(intended);
	}
	if (p->val_escape_ctl && (s->def->type == WSLKEY_PATH ||
	    s->def->type == WSLKEY_STRING)) {
		shown = values_show_ctl(s->value);
		pr = wslconfig_problem_add(p, p->line, "mangled-value", NULL,
		    "the backslashes in the value of '%s' were read as "
		    "escapes: WSL uses '%s'", s->written, shown);
		pr->key = xstrdup(s->written);
		pr->hint = xstrdup("a single '\\' starts an escape (\\t, \\n, "
		    "\\b); write Windows paths with '\\\\' or '/'");
		line = wslconfig_line_text(p);
		pr->suggestion = values_fix_backslashes(line);
		free(line);
		free(shown);
	}
}

void
wslconfig_setting_add(struct wslconfig_parser *p, const struct wslkey *k,
    const char *written, const char *v, size_t nunits)
{
	struct wslconfig_result *r = p->r;
	struct wslconfig_setting *s;
	struct wslconfig_value *t;
	struct wslconfig_problem *pr = NULL;
	const struct wslkey_enum *e;
	char *fixed = NULL;
	int bits = r->flavor == WSLCONFIG_WINDOWS ? 32 : 64;

	if (r->nsettings == p->settings_cap) {
		p->settings_cap = p->settings_cap ? p->settings_cap * 2 : 16;
		r->settings = xreallocarray(r->settings, p->settings_cap,
		    sizeof *r->settings);
	}
	s = &r->settings[r->nsettings++];
	memset(s, 0, sizeof *s);
	s->def = k;
	s->key = k->name;
	s->written = xstrdup(written);
	s->line = p->line;
	s->value = wslconfig_utf8_sanitize(v, strlen(v));
	if (r->flavor == WSLCONFIG_WINDOWS)
		s->intended = wslconfig_units_to_utf8(p->val, 0, nunits,
		    nunits);
	else
		s->intended = xstrdup(s->value);
	t = &s->typed;
	t->type = k->type;

	switch (k->type) {
	case WSLKEY_BOOL:
		t->valid = values_bool(v, &t->u.b);
		if (!t->valid) {
			pr = values_invalid(p, "boolean", written, s->value);
			fixed = values_fix_bool(v);
		}
		break;
	case WSLKEY_INT:
		t->valid = values_int(v, bits, &t->u.i);
		if (!t->valid) {
			pr = values_invalid(p, "integer", written, s->value);
			fixed = values_fix_int(v);
			if (v[0] == '0' && v[1] >= '8' && v[1] <= '9')
				pr->hint = xstrdup("a leading 0 makes the "
				    "number octal, where 8 and 9 are not "
				    "digits");
		}
		break;
	case WSLKEY_MEMORY:
		t->valid = values_memory(v, &t->u.bytes);
		if (!t->valid) {
			pr = values_invalid(p, "memory", written, s->value);
			pr->hint = xstrdup("sizes are a whole number with "
			    "one of the case-sensitive units B, K, KB, M, MB, "
			    "G, GB, T, TB, without blanks");
			fixed = values_fix_memory(v);
		}
		break;
	case WSLKEY_STRING:
	case WSLKEY_PATH:
		t->valid = true;
		t->u.s = xstrdup(s->value);
		break;
	case WSLKEY_ENUM:
		e = wslkey_enum_find(k, v);
		if (e != NULL) {
			t->valid = true;
			t->u.s = xstrdup(e->value);
		} else {
			pr = wslconfig_problem_add(p, p->line,
			    "invalid-value", "enum", "Invalid value '%s' for "
			    "config key '%s' in %s:%lu (Valid values: %s)",
			    s->value, written, r->display_name, p->line,
			    k->valid_list);
			fixed = values_fix_enum(k, v);
		}
		break;
	case WSLKEY_PORTS:
		values_ports(p, s, v, s->value);
		break;
	case WSLKEY_IPV4:
		t->valid = values_ipv4(v);
		if (t->valid)
			t->u.s = xstrdup(v);
		else {
			/* The parser turns DNS tunneling off right here. */
			pr = values_invalid(p, "ip", written, s->value);
			pr->hint = xstrdup("an invalid address also turns DNS "
			    "tunneling off, unless a later dnsTunneling=true "
			    "turns it on again");
			p->dns_state = 0;
			r->dns_tunneling_off_line = p->line;
			fixed = xstrdup("10.255.255.254");
		}
		break;
	case WSLKEY_MAC:
		t->valid = values_mac(v);
		if (t->valid)
			t->u.s = xstrdup(v);
		else {
			pr = values_invalid(p, "mac", written, s->value);
			pr->hint = xstrdup("an invalid macAddress is an error, "
			    "not a warning: WSL refuses the whole file and "
			    "the VM does not start");
			if (r->fatal == NULL)
				r->fatal = xstrdup(pr->message);
			fixed = values_fix_mac(v);
		}
		break;
	}
	if (pr != NULL) {
		pr->key = xstrdup(written);
		pr->written = wslconfig_line_text(p);
		values_suggest(pr, written, fixed);
		/* WSL keeps the default: the line asked for something else
		   (an invalid macAddress is fatal instead). */
		if (strcmp(pr->kind, "invalid-value") == 0) {
			pr->setting = k->name;
			pr->asked = xstrdup(s->value);
		}
	}
	if (k->type == WSLKEY_BOOL && t->valid &&
	    strcasecmp(k->name, "wsl2.dnsTunneling") == 0)
		p->dns_state = t->u.b;
	values_check_mangled(p, s, nunits);
}

/* --- unknown keys --- */

static bool
values_in_mask(const struct wslkey *k, int mask)
{
	return (k->file & mask) && !(k->flags & WSLKEY_REMOVED);
}

/*
 * The key of `mask` whose last component is leaf (any section), or NULL
 * when none or more than one section has it ("enabled" in wsl.conf).
 */
static const struct wslkey *
values_find_leaf(const char *leaf, int mask)
{
	const struct wslkey *k, *found = NULL;

	for (k = wslkeys; k->name != NULL; k++) {
		if (values_in_mask(k, mask) &&
		    strcasecmp(wslkey_leaf(k->name), leaf) == 0) {
			if (found != NULL)
				return NULL;
			found = k;
		}
	}
	return found;
}

static bool
values_section_known(const char *section, int mask)
{
	const struct wslkey *k;
	size_t n = strlen(section);

	for (k = wslkeys; k->name != NULL; k++) {
		if (values_in_mask(k, mask) &&
		    strncasecmp(k->name, section, n) == 0 && k->name[n] == '.')
			return true;
	}
	return false;
}

/* "[section]\nleaf=value" for the canonical key k. */
static char *
values_placed(const struct wslkey *k, const char *value)
{
	char *sec = values_section(k->name), *s;

	s = xasprintf("[%s]\n%s=%s", sec, wslkey_leaf(k->name), value);
	free(sec);
	return s;
}

/*
 * The value part of a "key = value # comment" line as written: after the
 * '=', without the blanks around it or a comment outside quotes; NULL
 * without '='.
 */
static char *
values_written_value(const char *line)
{
	const char *eq = strchr(line, '='), *e;
	bool quoted = false;

	if (eq == NULL)
		return NULL;
	for (eq++; values_space((unsigned char)*eq); eq++)
		;
	for (e = eq; *e != '\0' && (quoted || *e != '#'); e++) {
		if (*e == '"')
			quoted = !quoted;
		else if (*e == '\\' && e[1] != '\0')
			e++;
	}
	while (e > eq && values_space((unsigned char)e[-1]))
		e--;
	return xstrndup(eq, (size_t)(e - eq));
}

/* The problem maps to setting k: the fix and what the line asks for. */
static void
values_maps_to(struct wslconfig_problem *pr, const struct wslkey *k,
    const char *value, char *suggestion)
{
	if (k == NULL) {
		free(suggestion);
		return;
	}
	pr->setting = k->name;
	free(pr->asked);
	pr->asked = xstrdup(value);
	free(pr->suggestion);
	pr->suggestion = suggestion;
}

void
wslconfig_unknown_key(struct wslconfig_parser *p, const char *key,
    const char *v, bool nul_padded)
{
	struct wslconfig_result *r = p->r;
	bool win = r->flavor == WSLCONFIG_WINDOWS;
	int self = win ? WSLKEY_FILE_WSLCONFIG : WSLKEY_FILE_WSLCONF;
	int other = win ? WSLKEY_FILE_WSLCONF : WSLKEY_FILE_WSLCONFIG;
	const char *other_name = win ? "/etc/wsl.conf in the distro" :
	    "%UserProfile%\\.wslconfig on Windows";
	const char *self_name = win ? ".wslconfig" : "/etc/wsl.conf";
	const char *dot = strchr(key, '.');
	const char *leaf = wslkey_leaf(key);
	char *section = dot != NULL ? xstrndup(key, (size_t)(dot - key)) :
	    xstrdup("");
	char *value = wslconfig_utf8_sanitize(v, strlen(v));
	bool known = dot != NULL && values_section_known(section, self);
	struct wslconfig_problem *pr;
	const struct wslkey *k;
	char *raw;
	int same = 0;
	/* Past the budget: the diagnosis stays, the search and fix go. */
	bool search = p->fixes++ < WSLCONFIG_FIX_MAX;

	pr = wslconfig_problem_add(p, p->line, "unknown-key", NULL,
	    "Unknown key '%s' in %s:%lu", key, r->display_name, p->line);
	pr->key = xstrdup(key);
	pr->written = wslconfig_line_text(p);
	/* Fixes repeat the value as written: escapes stay escapes. */
	raw = values_written_value(pr->written);
	if (raw != NULL) {
		free(value);
		value = raw;
	}

	if (p->broken_header_line != 0 && (nul_padded || p->section_len > 0)) {
		/* §1.2 broken-header quirk. */
		pr->diagnosis = "unknown-section";
		pr->hint = xasprintf("the section header on line %lu is "
		    "malformed, so WSL names this key '%s'; fix the header",
		    p->broken_header_line, key);
		k = values_find_leaf(leaf, self);
		if (k != NULL && search)
			values_maps_to(pr, k, value, values_placed(k, value));
	} else if ((k = wslkey_find_removed(leaf)) != NULL) {
		pr->diagnosis = "removed";
		pr->hint = xasprintf("%s: %s", wslkey_leaf(k->name), k->help);
	} else if (dot == NULL) {
		pr->diagnosis = "no-section";
		k = values_find_leaf(leaf, self);
		if (k == NULL && search)
			k = wslconfig_closest_key(leaf, NULL, value, self,
			    NULL);
		if (k != NULL && search)
			values_maps_to(pr, k, value, values_placed(k, value));
		pr->hint = xstrdup("keys before the first [section] header "
		    "never match any setting");
	} else if ((k = wslkey_find_in(key, other)) != NULL) {
		pr->diagnosis = "wrong-file";
		values_maps_to(pr, search ? k : NULL, value,
		    values_placed(k, value));
		pr->hint = xasprintf("'%s' is read from %s, not from %s",
		    k->name, other_name, self_name);
	} else if (!known && search &&
	    (k = wslconfig_closest_section(section, leaf, value, self)) !=
	    NULL) {
		/* A misspelt section: fix the header, never move the key
		   to another section that happens to have the same leaf. */
		char *sec = values_section(k->name);

		pr->diagnosis = "typo";
		values_maps_to(pr, k, value, values_placed(k, value));
		pr->hint = xasprintf("there is no section [%s]: did you mean "
		    "[%s]?", section, sec);
		free(sec);
	} else if ((k = values_find_leaf(leaf, self)) != NULL) {
		char *sec = values_section(k->name);

		pr->diagnosis = "wrong-section";
		values_maps_to(pr, search ? k : NULL, value,
		    values_placed(k, value));
		pr->hint = xasprintf("%s is only read under [%s]%s",
		    wslkey_leaf(k->name), sec,
		    strcasecmp(k->name, "experimental.autoMemoryReclaim") == 0 ?
		    " (microsoft/WSL#10759)" : "");
		free(sec);
	} else if ((k = values_find_leaf(leaf, other)) != NULL) {
		pr->diagnosis = "wrong-file";
		values_maps_to(pr, search ? k : NULL, value,
		    values_placed(k, value));
		pr->hint = xasprintf("'%s' is read from %s, not from %s",
		    k->name, other_name, self_name);
	} else if (search && (k = wslconfig_closest_key(leaf,
	    known ? section : NULL, value, self, &same)) != NULL) {
		pr->diagnosis = "typo";
		values_maps_to(pr, k, value, same ?
		    xasprintf("%s=%s", wslkey_leaf(k->name), value) :
		    values_placed(k, value));
		pr->hint = xasprintf("did you mean '%s'?", k->name);
	} else if (search && (k = wslconfig_closest_key(leaf, NULL, value,
	    other, NULL)) != NULL) {
		pr->diagnosis = "wrong-file";
		values_maps_to(pr, k, value, values_placed(k, value));
		pr->hint = xasprintf("did you mean '%s'?  It is read from %s, "
		    "not from %s", k->name, other_name, self_name);
	} else if (!known) {
		pr->diagnosis = "unknown-section";
		pr->hint = values_section_known(section, other) ?
		    xasprintf("[%s] is not a %s section; it belongs in %s",
		    section, self_name, other_name) :
		    xasprintf("[%s] is not a %s section", section, self_name);
	} else {
		pr->diagnosis = "unknown-key";
		pr->hint = xasprintf("%s has no key '%s'", self_name, key);
	}
	free(section);
	free(value);
}

/* --- malformed lines, duplicates, swallowed text --- */

/* "[ wsl-2 ]" -> "[wsl2]": the letters and digits of a header. */
static char *
values_fix_header(const char *line)
{
	size_t n = strlen(line), o = 0;
	char *name = xmalloc(n + 1), *s;

	if (*line == '[')
		line++;
	for (; *line != '\0' && *line != ']' && *line != '#'; line++) {
		if (isalnum((unsigned char)*line))
			name[o++] = *line;
	}
	name[o] = '\0';
	s = o > 0 && isalpha((unsigned char)name[0]) ?
	    xasprintf("[%s]", name) : NULL;
	free(name);
	return s;
}

/*
 * "networking_mode=mirrored": WSL stops the key at '_' and expects '='
 * (§1.2), but a key part close to a known key gets the same suggestion
 * as a misspelt key would.
 */
static void
values_malformed_key(struct wslconfig_parser *p, struct wslconfig_problem *pr,
    const char *line)
{
	int self = p->r->flavor == WSLCONFIG_WINDOWS ?
	    WSLKEY_FILE_WSLCONFIG : WSLKEY_FILE_WSLCONF;
	const char *eq = strchr(line, '=');
	const struct wslkey *k;
	char *name, *value, *e;
	int same = 0;

	if (eq == NULL || p->fixes++ >= WSLCONFIG_FIX_MAX)
		return;
	name = xstrndup(line, (size_t)(eq - line));
	for (e = name + strlen(name); e > name &&
	    values_space((unsigned char)e[-1]); e--)
		e[-1] = '\0';
	value = values_written_value(line);
	k = wslconfig_closest_key(name, *pr->section ? pr->section : NULL,
	    value, self, &same);
	if (k != NULL) {
		pr->setting = k->name;
		pr->asked = xstrdup(value);
		pr->suggestion = same ? xasprintf("%s=%s",
		    wslkey_leaf(k->name), value) : values_placed(k, value);
	}
	pr->written = xstrdup(line);
	free(name);
	free(value);
}

void
wslconfig_note_malformed(struct wslconfig_parser *p,
    struct wslconfig_problem *pr, int bad)
{
	const char *sk = pr->subkind;
	char *line = wslconfig_line_text(p), *q;

	if (strcmp(sk, "invalid-key-name") == 0) {
		if (line[0] == ';') {
			pr->suggestion = xasprintf("#%s", line + 1);
			pr->hint = xstrdup("';' does not start a comment; only "
			    "'#' does");
		} else if (bad == 0)
			pr->hint = xstrdup("a NUL character: is the file "
			    "UTF-16 without a byte-order mark?");
		else if (bad >= 0x80)
			pr->hint = xstrdup("a key must start with an ASCII "
			    "letter; this line starts with a non-ASCII "
			    "character");
		else
			pr->hint = xstrdup("a key must start with an ASCII "
			    "letter");
	} else if (strcmp(sk, "invalid-section-name") == 0 ||
	    strcmp(sk, "expected-bracket") == 0 ||
	    strcmp(sk, "expected-end-of-line") == 0) {
		pr->suggestion = values_fix_header(line);
		pr->hint = xstrdup(strcmp(sk, "expected-end-of-line") == 0 ?
		    "only blanks or a '#' comment may follow ']'" :
		    "a section name is ASCII letters and digits directly "
		    "inside [ ]");
	} else if (strcmp(sk, "expected-equals") == 0) {
		q = strstr(line, "\xEF\xBC\x9D");	/* U+FF1D '＝' */
		if (q != NULL) {
			char *fix = xasprintf("%.*s=%s", (int)(q - line), line,
			    q + 3);

			pr->suggestion = fix;
			pr->hint = xstrdup("a full-width '＝' is not '='");
		} else {
			pr->hint = xstrdup("a key name is ASCII letters and "
			    "digits, then '=' (no '_', '-', '.' or blanks)");
			values_malformed_key(p, pr, line);
		}
	} else if (strcmp(sk, "invalid-escape") == 0) {
		pr->suggestion = values_fix_backslashes(line);
		pr->hint = xstrdup("a single '\\' starts an escape; WSL drops "
		    "the whole line: write Windows paths with '\\\\' or '/'");
	} else if (strcmp(sk, "unterminated-quote") == 0) {
		pr->suggestion = xasprintf("%s\"", line);
		pr->hint = xstrdup("a '\"' must be closed on the same line; "
		    "WSL drops the whole line");
	}
	free(line);
}

void
wslconfig_note_duplicate(struct wslconfig_parser *p,
    struct wslconfig_problem *pr, const struct wslkey *k,
    const struct wslconfig_seen *seen, const char *value)
{
	const struct wslconfig_setting *first = NULL;
	size_t i;

	(void)value;
	for (i = 0; i < p->r->nsettings; i++) {
		if (p->r->settings[i].def == k)
			first = &p->r->settings[i];
	}
	if (first != NULL && !first->typed.valid && k->type != WSLKEY_PORTS)
		pr->hint = xasprintf("WSL uses the first occurrence (line "
		    "%lu) even though its value is invalid, and ignores this "
		    "one: fix line %lu and delete this one", seen->line,
		    seen->line);
	else
		pr->hint = xasprintf("WSL uses the first occurrence (line "
		    "%lu) and ignores this one", seen->line);
}

void
wslconfig_note_swallowed(struct wslconfig_parser *p, size_t from, size_t to,
    unsigned long line, const char *what)
{
	const uint16_t *u = p->t->u;
	struct wslconfig_problem *pr;
	size_t i, e;
	char *hidden;

	/* UTF-16 without a BOM: the encoding problem says it all. */
	if (strcmp(p->r->encoding, "utf-16le") == 0 ||
	    strcmp(p->r->encoding, "utf-16be") == 0)
		return;
	for (i = from; i < to; i++) {
		if (u[i] != '\r' || (i + 1 < to && u[i + 1] == '\n'))
			continue;
		e = i + 1;
		while (e < to && (u[e] == ' ' || u[e] == '\t'))
			e++;
		if (e >= to || u[e] == '\r' || u[e] == '\n' || u[e] == '#' ||
		    u[e] == 0)
			continue;
		i = e;
		while (e < to && u[e] != '\r' && u[e] != '\n')
			e++;
		hidden = wslconfig_units_to_utf8(u, i, e, 60);
		pr = wslconfig_problem_add(p, line, "swallowed", NULL,
		    "%s on line %lu runs past a bare CR line ending and hides "
		    "'%s'", what, line, hidden);
		pr->hint = xstrdup("WSL ends these lines only at LF: save the "
		    "file with CRLF (Windows) or LF (Unix) line endings");
		free(hidden);
		return;
	}
}

void
wslconfig_note_stopped(struct wslconfig_parser *p)
{
	const uint16_t *u = p->t->u;
	struct wslconfig_problem *pr;
	size_t i;

	for (i = p->pos; i < p->t->n; i++) {
		if (u[i] != ' ' && u[i] != '\t' && u[i] != '\r' &&
		    u[i] != '\n')
			break;
	}
	if (i >= p->t->n)
		return;
	pr = wslconfig_problem_add(p, p->line, "swallowed", NULL,
	    "WSL stops reading %s at line %lu: every line after it is "
	    "ignored", p->r->display_name, p->line);
	pr->hint = xstrdup("the distro's init has no recovery from a "
	    "malformed line; fix or delete this one");
}

/* --- after the last line --- */

static void
values_encoding(struct wslconfig_parser *p)
{
	const char *enc = p->r->encoding;
	bool win = p->r->flavor == WSLCONFIG_WINDOWS;
	struct wslconfig_problem *pr = NULL;

	if (strcmp(enc, "utf-16le") == 0 || strcmp(enc, "utf-16be") == 0 ||
	    strcmp(enc, "utf-16be-bom") == 0 ||
	    (!win && strcmp(enc, "utf-16le-bom") == 0))
		pr = wslconfig_problem_add(p, 1, "encoding", NULL,
		    "the file is %s%s; WSL reads it as %s, so no setting in "
		    "it applies: save as UTF-8", strncmp(enc, "utf-16le", 8) ==
		    0 ? "UTF-16LE" : "UTF-16BE", strstr(enc, "bom") != NULL ?
		    " with a byte-order mark" : " without a byte-order mark",
		    win ? "UTF-8" : "plain bytes");
	else if (!win && strcmp(enc, "utf-8-bom") == 0)
		pr = wslconfig_problem_add(p, 1, "encoding", NULL,
		    "the file starts with a UTF-8 byte-order mark; the "
		    "distro's init does not skip it, line 1 is malformed and "
		    "the whole file is ignored: save as UTF-8 without BOM");
	else if (win && strcmp(enc, "legacy-8bit") == 0 && p->bad_line != 0)
		pr = wslconfig_problem_add(p, p->bad_line, "encoding", NULL,
		    "the file is not valid UTF-8 (a legacy code page such as "
		    "GBK or Windows-1252?); WSL reads those bytes as U+FFFD: "
		    "save as UTF-8");
	if (pr != NULL)
		pr->hint = xasprintf("found encoding: %s", enc);
}

static const char *
values_mode(const struct wslconfig_result *r)
{
	const struct wslconfig_setting *s = wslconfig_get(r,
	    "wsl2.networkingMode");

	return s != NULL ? s->typed.u.s : NULL;
}

static void
values_na(struct wslconfig_parser *p, const struct wslconfig_setting *s,
    const char *why, const char *fix)
{
	struct wslconfig_problem *pr;

	pr = wslconfig_problem_add(p, s->line, "not-applicable", NULL,
	    "'%s' has no effect: %s", s->written, why);
	pr->key = xstrdup(s->written);
	if (fix != NULL)
		pr->suggestion = xstrdup(fix);
	pr->hint = xstrdup(fix != NULL ? "set the networking mode it needs, "
	    "or delete the line" : "delete the line, or change the mode");
}

/* Settings the file's own networking mode makes meaningless (§3). */
static void
values_not_applicable(struct wslconfig_parser *p)
{
	const struct wslconfig_result *r = p->r;
	const char *set = values_mode(r);
	const char *mode = set != NULL ? set : "nat";
	const char *mirror_fix = wslconfig_find(r, "wsl2.networkingMode") ==
	    NULL ? "[wsl2]\nnetworkingMode=mirrored" : NULL;
	const struct wslconfig_setting *s, *dns;
	bool tunnel_mode, tunnel_on;
	char *why;

	tunnel_mode = strcmp(mode, "nat") == 0 ||
	    strcmp(mode, "mirrored") == 0 || strcmp(mode, "consomme") == 0;
	dns = wslconfig_get(r, "wsl2.dnsTunneling");
	tunnel_on = tunnel_mode && (dns == NULL || dns->typed.u.b) &&
	    (dns != NULL || r->dns_tunneling_off_line == 0);

	if (strcmp(mode, "mirrored") != 0) {
		why = xasprintf("it only works with networkingMode=mirrored, "
		    "and the mode this file gives WSL is %s", mode);
		s = wslconfig_get(r, "experimental.hostAddressLoopback");
		if (s != NULL && s->typed.u.b)
			values_na(p, s, why, mirror_fix);
		s = wslconfig_get(r, "experimental.ignoredPorts");
		if (s != NULL && s->typed.u.ports.n > 0)
			values_na(p, s, why, mirror_fix);
		free(why);
	} else {
		s = wslconfig_get(r, "wsl2.localhostForwarding");
		if (s != NULL)
			values_na(p, s, "mirrored networking ignores it (it "
			    "only applies to NAT)", NULL);
	}
	if (strcmp(mode, "nat") != 0) {
		why = xasprintf("it only applies to NAT, and the mode this "
		    "file gives WSL is %s", mode);
		s = wslconfig_get(r, "wsl2.dnsProxy");
		if (s != NULL)
			values_na(p, s, why, NULL);
		free(why);
	}
	if (strcmp(mode, "bridged") != 0) {
		s = wslconfig_get(r, "wsl2.vmSwitch");
		if (s != NULL)
			values_na(p, s, "it only applies to bridged "
			    "networking", NULL);
	}
	if (!tunnel_mode && dns != NULL && dns->typed.u.b) {
		why = xasprintf("WSL turns DNS tunneling off unless the mode "
		    "is NAT, Mirrored or Consomme, and this file gives %s",
		    mode);
		values_na(p, dns, why, NULL);
		free(why);
	}
	if (!tunnel_on) {
		s = wslconfig_get(r, "experimental.bestEffortDnsParsing");
		if (s != NULL && s->typed.u.b)
			values_na(p, s, "it only applies with DNS tunneling, "
			    "which is off", NULL);
		s = wslconfig_get(r, "experimental.dnsTunnelingIpAddress");
		if (s != NULL)
			values_na(p, s, "it only applies with DNS tunneling, "
			    "which is off", NULL);
	}
	s = wslconfig_get(r, "wsl2.virtio");
	if (strcmp(mode, "consomme") == 0 && s != NULL && !s->typed.u.b)
		values_na(p, s, "Consomme needs virtio; WSL falls back to NAT",
		    NULL);
}

struct values_order {
	unsigned long	line;
	size_t		seq;
};

static int
values_order_cmp(const void *a, const void *b)
{
	const struct values_order *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Stable sort of the problems by line: file order. */
static void
values_sort(struct wslconfig_result *r)
{
	struct values_order *o;
	struct wslconfig_problem *sorted;
	size_t i;

	if (r->nproblems < 2)
		return;
	o = xreallocarray(NULL, r->nproblems, sizeof *o);
	for (i = 0; i < r->nproblems; i++) {
		o[i].line = r->problems[i].line;
		o[i].seq = i;
	}
	qsort(o, r->nproblems, sizeof *o, values_order_cmp);
	sorted = xreallocarray(NULL, r->nproblems, sizeof *sorted);
	for (i = 0; i < r->nproblems; i++)
		sorted[i] = r->problems[o[i].seq];
	memcpy(r->problems, sorted, r->nproblems * sizeof *sorted);
	free(sorted);
	free(o);
}

void
wslconfig_finish(struct wslconfig_parser *p)
{
	struct wslconfig_result *r = p->r;
	struct wslconfig_problem *pr;
	size_t i;

	/* dnsTunnelingIpAddress side effect: part of the parser (§2). */
	for (i = 0; i < r->nsettings; i++) {
		struct wslconfig_setting *s = &r->settings[i];

		if (strcasecmp(s->key, "wsl2.dnsTunneling") == 0 &&
		    p->dns_state >= 0) {
			s->typed.valid = true;
			s->typed.u.b = p->dns_state;
		}
	}
	i = r->nproblems;
	values_encoding(p);
	if (r->nproblems > i) {
		/* Whole-file problem: first among those of line 1. */
		struct wslconfig_problem enc = r->problems[i];

		memmove(r->problems + 1, r->problems, i * sizeof enc);
		r->problems[0] = enc;
	}
	if (p->t->ctrlz && p->t->ctrlz_hidden != NULL) {
		pr = wslconfig_problem_add(p, p->t->ctrlz_line, "swallowed",
		    NULL, "a Ctrl+Z character on line %lu ends the file for "
		    "WSL: '%s' and everything after it is never read",
		    p->t->ctrlz_line, p->t->ctrlz_hidden);
		pr->hint = xstrdup("delete the Ctrl+Z (0x1A) character");
	}
	if (r->fatal != NULL) {
		for (i = 0; i < r->nsettings; i++)
			wslconfig_value_invalidate(&r->settings[i].typed);
	} else if (r->flavor == WSLCONFIG_WINDOWS)
		values_not_applicable(p);
	values_sort(r);
}
