/* SPDX-License-Identifier: MIT */
/*
 * Expectations: for every setting of wslconfig/wslkeys.c, the value WSL
 * should be applying and where it came from.  The .wslconfig and wsl.conf
 * texts held in the snapshot are parsed exactly as WSL parses them
 * (wslconfig/wslconfig.c); absent or invalid keys take the default of the WSL
 * version wslinfo reported (else the newest known default); then WSL's
 * post-parse adjustments (wslconfig.md §3 "Dependencies", in order) are
 * applied: safe mode, the virtio rules, DNS tunneling only in NAT,
 * mirrored and consomme, and the mirrored-only settings.
 */
#include "config.h"

#include "core/expect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <strings.h>

#include "core/snapshot.h"
#include "util/clock.h"
#include "wslconfig/wslconfig.h"
#include "wslconfig/wslkeys.h"
#include "util/xalloc.h"

struct entry {
	struct wp_expect_value	 v;
	char			*value, *source;
};

struct wp_expect {
	struct entry		*e;	/* one per wslkeys[] row */
	size_t			 n;
	struct wp_asked		*asked;
	size_t			 nasked;
	int			 restart_pending;
	struct wslconfig_result	*wslconfig, *wslconf;
};

static struct entry *
find(const struct wp_expect *x, const char *key)
{
	const struct wslkey *k = wslkey_find(key);

	if (!k)
		return NULL;
	for (size_t i = 0; i < x->n; i++)
		if (strcmp(x->e[i].v.key, k->name) == 0)
			return &x->e[i];
	return NULL;
}

static void
set(struct entry *e, char *value, char *source, int from_file)
{
	free(e->value);
	free(e->source);
	e->value = value;
	e->source = source;
	e->v.value = value;
	e->v.source = source;
	e->v.from_file = from_file;
}

static void
apply_file(struct wp_expect *x, const struct wslconfig_result *res,
    const char *label)
{
	if (!res || res->fatal)
		return;
	for (size_t i = 0; i < res->nsettings; i++) {
		const struct wslconfig_setting *s = &res->settings[i];
		struct entry *e;

		if (!s->typed.valid)
			continue;
		e = find(x, s->key);
		if (e)
			set(e, wslconfig_value_text(&s->typed),
			    xasprintf("%s:%lu", label, s->line), 1);
	}
	/* An invalid dnsTunnelingIpAddress turns tunneling off (§2). */
	if (res->dns_tunneling_off_line) {
		const struct wslconfig_setting *t =
		    wslconfig_get(res, "wsl2.dnsTunneling");
		struct entry *e = find(x, "wsl2.dnsTunneling");

		if (e && (!t || t->line < res->dns_tunneling_off_line))
			set(e, xstrdup("false"), xasprintf("%s:%lu (invalid "
			    "dnsTunnelingIpAddress turns it off)", label,
			    res->dns_tunneling_off_line), 1);
	}
}

static int
is(const struct wp_expect *x, const char *key, const char *value)
{
	const struct entry *e = find(x, key);

	return e && e->value && strcasecmp(e->value, value) == 0;
}

/* Forces KEY to VALUE because of WHY (WSL's Initialize(), §3). */
static void
adjust(struct wp_expect *x, const char *key, const char *value,
    const char *why)
{
	struct entry *e = find(x, key);

	if (!e || (e->value && strcmp(e->value, value) == 0))
		return;
	set(e, xstrdup(value), xasprintf("adjusted: %s (was %s from %s)",
	    why, e->value ? e->value : "unset", e->source), e->v.from_file);
}

static void
apply_dependencies(struct wp_expect *x)
{
	static const char *const safe_off[] = { "wsl2.dnsTunneling",
	    "wsl2.autoProxy", "wsl2.virtio", "wsl2.guiApplications",
	    "wsl2.gpuSupport", "wsl2.nestedVirtualization",
	    "wsl2.hardwarePerformanceCounters", "wsl2.hostFileSystemAccess",
	    NULL };
	const char *mode;

	if (is(x, "wsl2.safeMode", "true")) {
		adjust(x, "wsl2.networkingMode", "none", "safeMode=true");
		adjust(x, "wsl2.swap", "0", "safeMode=true");
		for (size_t i = 0; safe_off[i]; i++)
			adjust(x, safe_off[i], "false", "safeMode=true");
	}
	if (is(x, "wsl2.virtio", "false")) {
		adjust(x, "wsl2.virtiofs", "false", "virtio=false");
		adjust(x, "wsl2.virtio9p", "false", "virtio=false");
		if (is(x, "wsl2.networkingMode", "consomme"))
			adjust(x, "wsl2.networkingMode", "nat",
			    "consomme needs virtio");
	}
	/* virtio9p is forced off with a warning in current builds. */
	adjust(x, "wsl2.virtio9p", "false", "WSL disables virtio9p");
	mode = find(x, "wsl2.networkingMode") ?
	    find(x, "wsl2.networkingMode")->value : "nat";
	if (strcmp(mode, "nat") && strcmp(mode, "mirrored") &&
	    strcmp(mode, "consomme"))
		adjust(x, "wsl2.dnsTunneling", "false",
		    "DNS tunneling needs NAT, mirrored or consomme");
	if (is(x, "wsl2.dnsTunneling", "false")) {
		adjust(x, "experimental.bestEffortDnsParsing", "false",
		    "DNS tunneling is off");
		adjust(x, "experimental.dnsTunnelingIpAddress", "",
		    "DNS tunneling is off");
	}
	if (strcmp(mode, "mirrored") != 0) {
		adjust(x, "experimental.ignoredPorts", "",
		    "only used in mirrored mode");
		adjust(x, "experimental.hostAddressLoopback", "false",
		    "only used in mirrored mode");
	}
	/* Mirrored always turns the Hyper-V firewall on. */
	if (strcmp(mode, "mirrored") == 0)
		adjust(x, "wsl2.firewall", "true", "mirrored mode");
}

static struct wslconfig_result *
parse_file(json_object *snap, const char *path, enum wslconfig_flavor fl,
    const char *display)
{
	struct wslconfig_result *res;
	size_t len;
	char *data;

	if (!path)
		return NULL;
	data = snap_file_data(snap, path, &len);
	if (!data)
		return NULL;
	res = wslconfig_parse(data, len, fl, display);
	free(data);
	return res;
}

enum wp_restart
expect_restart_compare(double mtime, double start, double now)
{
	/* An mtime in the future of the snapshot is clock skew (§9.2). */
	if (!isnan(now) && mtime > now + WP_RESTART_TOLERANCE_S)
		return WP_RESTART_SKEW;
	if (mtime > start + WP_RESTART_TOLERANCE_S)
		return WP_RESTART_PENDING;
	return WP_RESTART_NO;
}

double
expect_snapshot_time(json_object *snap)
{
	double t;

	if (time_parse_iso8601(snap_str(snap, "taken_at"), &t) < 0)
		return NAN;
	return t;
}

/* Lines that map to a setting WSL does not apply as written. */
static void
collect_asked(struct wp_expect *x, const struct wslconfig_result *res,
    const char *label)
{
	if (!res || res->fatal)
		return;
	for (size_t i = 0; i < res->nproblems; i++) {
		const struct wslconfig_problem *p = &res->problems[i];
		const struct entry *e = p->setting ? find(x, p->setting) :
		    NULL;
		struct wp_asked *a;

		/* A valid line for the setting is what WSL applies. */
		if (!e || e->v.from_file || !p->asked ||
		    expect_asked(x, e->v.key))
			continue;
		x->asked = xreallocarray(x->asked, x->nasked + 1,
		    sizeof *x->asked);
		a = &x->asked[x->nasked++];
		a->key = e->v.key;
		a->value = p->asked;
		a->source = xasprintf("%s:%lu '%s'", label, p->line,
		    p->written ? p->written : p->key ? p->key : "");
		a->label = label;
		a->problem = p;
	}
}

const struct wp_asked *
expect_asked(const struct wp_expect *x, const char *key)
{
	const struct wslkey *k = wslkey_find(key);

	for (size_t i = 0; k && i < x->nasked; i++)
		if (strcmp(x->asked[i].key, k->name) == 0)
			return &x->asked[i];
	return NULL;
}

static void
restart_pending(struct wp_expect *x, json_object *snap)
{
	const char *path = snap_str(snap, "wsl.wslconfig_path");
	json_object *f = path ? snap_file(snap, path) : NULL;
	double mtime, btime;

	x->restart_pending = -1;
	/*
	 * A file that replaced the VM's own (--replay --config) was not
	 * there when the VM booted: its time says nothing of the VM.
	 */
	if (snap_bool(snap, "wsl.wslconfig_replaced") == 1)
		return;
	if (!f || snap_num(f, "mtime", &mtime) < 0 ||
	    snap_num(snap, "system.boot_time", &btime) < 0)
		return;
	switch (expect_restart_compare(mtime, btime,
	    expect_snapshot_time(snap))) {
	case WP_RESTART_PENDING:
		x->restart_pending = 1;
		break;
	case WP_RESTART_NO:
		x->restart_pending = 0;
		break;
	case WP_RESTART_SKEW:
		break;
	}
}

struct wp_expect *
expect_build(json_object *snap)
{
	struct wp_expect *x = xcalloc(1, sizeof *x);
	const char *ver = snap_str(snap, "wsl.wslinfo.version");
	const char *conf = snap_str(snap, "wsl.wslconf_path");
	size_t n;

	for (n = 0; wslkeys[n].name; n++)
		;
	x->e = xcalloc(n, sizeof *x->e);
	for (size_t i = 0; i < n; i++) {
		const struct wslkey *k = &wslkeys[i];
		const char *def;

		if (k->flags & WSLKEY_REMOVED)
			continue;
		def = wslkey_default_value(k, ver);
		x->e[x->n].v.key = k->name;
		set(&x->e[x->n++], def ? xstrdup(def) : NULL,
		    xasprintf("default (WSL %s)%s%s", ver ? ver : "newest",
		    def ? "" : ": ", def ? "" : wslkey_default_text(k, ver)),
		    0);
	}
	x->wslconfig = parse_file(snap, snap_str(snap, "wsl.wslconfig_path"),
	    WSLCONFIG_WINDOWS, ".wslconfig");
	x->wslconf = parse_file(snap, conf ? conf : "/etc/wsl.conf",
	    WSLCONFIG_WSLCONF, "/etc/wsl.conf");
	apply_file(x, x->wslconfig, ".wslconfig");
	apply_file(x, x->wslconf, "wsl.conf");
	apply_dependencies(x);
	collect_asked(x, x->wslconfig, ".wslconfig");
	collect_asked(x, x->wslconf, "wsl.conf");
	restart_pending(x, snap);
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
	for (size_t i = 0; i < x->nasked; i++)
		free(x->asked[i].source);
	free(x->asked);
	wslconfig_result_free(x->wslconfig);
	wslconfig_result_free(x->wslconf);
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

const struct wslconfig_result *
expect_wslconfig(const struct wp_expect *x)
{
	return x->wslconfig;
}

const struct wslconfig_result *
expect_wslconf(const struct wp_expect *x)
{
	return x->wslconf;
}
