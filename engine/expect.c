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

#include "engine/expect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <strings.h>

#include "engine/snapshot.h"
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
	e->v.unknown = 0;
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
	/* Safe mode turns these off whatever wsl.conf says (wsl-facts.md
	   §8.3). */
	static const char *const safe_off_wslconf[] = {
	    "network.generateResolvConf", "network.generateHosts",
	    "automount.enabled", "automount.mountFsTab", "automount.ldconfig",
	    "boot.systemd", "interop.enabled", "interop.appendWindowsPath",
	    "gpu.enabled", "time.useWindowsTimezone", "fileServer.enabled",
	    NULL };
	const char *mode;

	if (is(x, "wsl2.safeMode", "true")) {
		adjust(x, "wsl2.networkingMode", "none", "safeMode=true");
		adjust(x, "wsl2.swap", "0", "safeMode=true");
		for (size_t i = 0; safe_off[i]; i++)
			adjust(x, safe_off[i], "false", "safeMode=true");
		/* ... and, inside the distro, wsl.conf's features (§8.3). */
		for (size_t i = 0; safe_off_wslconf[i]; i++)
			adjust(x, safe_off_wslconf[i], "false",
			    "safeMode=true in .wslconfig");
		adjust(x, "boot.command", "", "safeMode=true in .wslconfig");
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
	if (!mode)
		return;	/* not gathered: nothing depends on a known mode */
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

/*
 * The versions the VM may run when wslinfo did not tell (wslconfig.md
 * §3): wslinfo ships with WSL 2.0; one that answers but has neither
 * --version nor --wsl-version is older than 2.2.3.  NULL: open end.
 */
static void
version_range(json_object *snap, const char **lo, const char **hi)
{
	*lo = *hi = NULL;
	if (snap_bool(snap, "wsl.wslinfo.available") != 1)
		return;
	*lo = "2.0.0";
	if (snap_str(snap, "wsl.wslinfo.networking_mode"))
		*hi = "2.2.3";
}

/*
 * K's default for a VM whose version is in [LO, HI): the one value all
 * those versions share, or NULL (*DIFFERS set) when it changed in there.
 */
static const struct wslkey_default *
default_in_range(const struct wslkey *k, const char *lo, const char *hi,
    int *differs)
{
	const struct wslkey_default *d, *found = NULL;

	*differs = 0;
	for (d = k->defaults; d && d->text; d++) {
		const char *until = d == k->defaults ? NULL : d[-1].since;

		/* d covers [d->since, until). */
		if (d->since && hi && wsl_version_cmp(d->since, hi) >= 0)
			continue;
		if (until && lo && wsl_version_cmp(lo, until) >= 0)
			continue;
		if (found && (!found->value != !d->value || (d->value &&
		    strcmp(found->value, d->value) != 0))) {
			*differs = 1;
			return NULL;
		}
		if (!found)
			found = d;
	}
	return found;
}

static void
set_default(struct entry *e, const struct wslkey *k, const char *ver,
    const char *lo, const char *hi)
{
	const struct wslkey_default *d;
	const char *def, *text;
	int differs = 0;

	if (ver) {
		def = wslkey_default_value(k, ver);
		text = wslkey_default_text(k, ver);
		set(e, def ? xstrdup(def) : NULL, xasprintf("default (WSL "
		    "%s)%s%s", ver, def ? "" : ": ", def ? "" : text), 0);
		return;
	}
	d = default_in_range(k, lo, hi, &differs);
	if (differs) {
		set(e, NULL, xasprintf("default unknown: it changed between "
		    "WSL versions (%s since %s) and the WSL version is not "
		    "known%s", k->defaults[0].text, k->defaults[0].since,
		    hi ? " (older than 2.2.3: wslinfo has no --version)" :
		    ""), 0);
		e->v.unknown = 1;
		return;
	}
	set(e, d && d->value ? xstrdup(d->value) : NULL, xasprintf("default "
	    "(WSL version unknown; the same in every version)%s%s",
	    d && d->value ? "" : ": ", d && d->value ? "" : d ? d->text :
	    "none"), 0);
}

/*
 * When a file was not gathered (its path or its record missing from the
 * snapshot, or its read failed), nothing is known of what it asks: its
 * keys expect nothing instead of WSL's defaults (interface.md §4).
 */
static void
file_not_gathered(struct wp_expect *x, int file, const char *what,
    const char *why)
{
	for (size_t i = 0; i < x->n; i++) {
		const struct wslkey *k = wslkey_find(x->e[i].v.key);

		if (k && (k->file & file)) {
			set(&x->e[i], NULL, xasprintf("not gathered: %s %s",
			    what, why), 0);
			x->e[i].v.unknown = 1;
		}
	}
}

/* Why PATH's record (KEY names the path member) is not usable, or NULL. */
static const char *
not_gathered_why(json_object *snap, const char *key, const char *path,
    char *buf, size_t size)
{
	json_object *f;
	const char *err;
	json_object *wsl = snap_get(snap, "wsl"), *v = NULL;

	/* A JSON null is "none was found"; missing or mistyped is not. */
	if (key && (!wsl || !json_object_is_type(wsl, json_type_object) ||
	    !json_object_object_get_ex(wsl, key, &v) || (v &&
	    !json_object_is_type(v, json_type_string))))
		return "(the snapshot does not say where it is)";
	if (!path)
		return NULL;
	f = snap_file(snap, path);
	if (!f || !json_object_is_type(f, json_type_object)) {
		snprintf(buf, size, "(%s is not in the snapshot)", path);
		return buf;
	}
	err = snap_str(f, "error");
	if (err && strcmp(err, "not found") != 0) {
		snprintf(buf, size, "(could not read %s: %s)", path, err);
		return buf;
	}
	return NULL;
}

struct wp_expect *
expect_build(json_object *snap)
{
	struct wp_expect *x = xcalloc(1, sizeof *x);
	const char *ver = snap_str(snap, "wsl.wslinfo.version");
	const char *conf = snap_str(snap, "wsl.wslconf_path");
	const char *wc = snap_str(snap, "wsl.wslconfig_path");
	const char *lo, *hi, *why;
	char buf[512];
	size_t n;

	for (n = 0; wslkeys[n].name; n++)
		;
	x->e = xcalloc(n, sizeof *x->e);
	version_range(snap, &lo, &hi);
	for (size_t i = 0; i < n; i++) {
		const struct wslkey *k = &wslkeys[i];

		if (k->flags & WSLKEY_REMOVED)
			continue;
		x->e[x->n].v.key = k->name;
		set_default(&x->e[x->n++], k, ver, lo, hi);
	}
	x->wslconfig = parse_file(snap, wc, WSLCONFIG_WINDOWS, ".wslconfig");
	x->wslconf = parse_file(snap, conf ? conf : "/etc/wsl.conf",
	    WSLCONFIG_WSLCONF, "/etc/wsl.conf");
	apply_file(x, x->wslconfig, ".wslconfig");
	apply_file(x, x->wslconf, "wsl.conf");
	why = not_gathered_why(snap, "wslconfig_path", wc, buf,
	    sizeof buf);
	if (why)
		file_not_gathered(x, WSLKEY_FILE_WSLCONFIG, ".wslconfig", why);
	why = not_gathered_why(snap, NULL, conf ? conf : "/etc/wsl.conf",
	    buf, sizeof buf);
	if (why)
		file_not_gathered(x, WSLKEY_FILE_WSLCONF, "/etc/wsl.conf",
		    why);
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
