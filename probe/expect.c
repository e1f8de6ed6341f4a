/* SPDX-License-Identifier: MIT */
/*
 * Expectations.  INTERIM: a minimal reader of "[section] key=value" used
 * until the WSL-exact parser (probe/wslconfig.c, issue 4) is wired in;
 * the API in expect.h is the one that stays.
 */
#include "config.h"

#include "probe/expect.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "probe/snapshot.h"
#include "probe/xalloc.h"

struct entry {
	struct wp_expect_value	 v;
	char			*value, *source;
};

struct wp_expect {
	struct entry	*e;
	size_t		 n;
	int		 restart_pending;
};

/* Defaults of the newest WSL (wslconfig.md §3). */
static const struct {
	const char *key, *def;
} defaults[] = {
	{ "wsl2.networkingMode", "nat" },
	{ "wsl2.dnsTunneling", "true" },
	{ "wsl2.dnsProxy", "true" },
	{ "wsl2.firewall", "true" },
	{ "wsl2.autoProxy", "true" },
	{ "wsl2.localhostForwarding", "true" },
	{ "wsl2.ipv6", "false" },
	{ "experimental.hostAddressLoopback", "false" },
	{ "experimental.ignoredPorts", "" },
	{ "experimental.dnsTunnelingIpAddress", "10.255.255.254" },
	{ "experimental.bestEffortDnsParsing", "false" },
	{ "network.generateResolvConf", "true" },
	{ NULL, NULL }
};

static struct entry *
find(const struct wp_expect *x, const char *key)
{
	for (size_t i = 0; i < x->n; i++)
		if (strcasecmp(x->e[i].v.key, key) == 0)
			return &x->e[i];
	return NULL;
}

static void
set(struct wp_expect *x, const char *key, const char *value,
    const char *source, int from_file)
{
	struct entry *e = find(x, key);

	if (!e) {
		x->e = xreallocarray(x->e, x->n + 1, sizeof *x->e);
		e = &x->e[x->n++];
		memset(e, 0, sizeof *e);
		e->v.key = key;
	}
	free(e->value);
	free(e->source);
	e->value = xstrdup(value);
	e->source = xstrdup(source);
	e->v.value = e->value;
	e->v.source = e->source;
	e->v.from_file = from_file;
}

static void
read_file(struct wp_expect *x, json_object *snap, const char *path,
    const char *label)
{
	char *text, *line, *save = NULL, section[64] = "";
	size_t len;
	int lineno = 0;

	text = path ? snap_file_data(snap, path, &len) : NULL;
	if (!text)
		return;
	for (line = strtok_r(text, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		char *eq, *k, *v, full[128], src[128];
		size_t n;

		lineno++;
		line += strspn(line, " \t");
		if (*line == '[') {
			n = strcspn(line + 1, "]");
			if (n < sizeof section) {
				memcpy(section, line + 1, n);
				section[n] = '\0';
			}
			continue;
		}
		eq = strchr(line, '=');
		if (!eq || !isalpha((unsigned char)*line))
			continue;
		*eq = '\0';
		k = line;
		v = eq + 1;
		v[strcspn(v, "#\r")] = '\0';
		for (n = strlen(v); n && isspace((unsigned char)v[n - 1]); )
			v[--n] = '\0';
		for (n = strlen(k); n && isspace((unsigned char)k[n - 1]); )
			k[--n] = '\0';
		snprintf(full, sizeof full, "%s.%s",
		    strcasecmp(section, "experimental") == 0 &&
		    (!strcasecmp(k, "networkingMode") ||
		    !strcasecmp(k, "dnsTunneling") ||
		    !strcasecmp(k, "firewall") ||
		    !strcasecmp(k, "autoProxy")) ? "wsl2" : section, k);
		for (size_t i = 0; defaults[i].key; i++) {
			if (strcasecmp(defaults[i].key, full) != 0)
				continue;
			snprintf(src, sizeof src, "%s:%d", label, lineno);
			for (char *p = v; *p; p++)
				*p = (char)tolower((unsigned char)*p);
			set(x, defaults[i].key, v, src, 1);
		}
	}
	free(text);
}

struct wp_expect *
expect_build(json_object *snap)
{
	struct wp_expect *x = xcalloc(1, sizeof *x);
	const char *ver = snap_str(snap, "wsl.wslinfo.version");
	char *src = xasprintf("default (WSL %s)", ver ? ver : "newest");

	for (size_t i = 0; defaults[i].key; i++)
		set(x, defaults[i].key, defaults[i].def, src, 0);
	free(src);
	read_file(x, snap, snap_str(snap, "wsl.wslconfig_path"), ".wslconfig");
	read_file(x, snap, snap_str(snap, "wsl.wslconf_path"), "wsl.conf");
	x->restart_pending = -1;
	return x;
}

void
expect_free(struct wp_expect *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->n; i++) {
		free(x->e[i].value);
		free(x->e[i].source);
	}
	free(x->e);
	free(x);
}

const struct wp_expect_value *
expect_get(const struct wp_expect *x, const char *key)
{
	struct entry *e = find(x, key);

	return e ? &e->v : NULL;
}

int
expect_restart_pending(const struct wp_expect *x)
{
	return x->restart_pending;
}
