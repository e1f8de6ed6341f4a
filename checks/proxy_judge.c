/* SPDX-License-Identifier: MIT */
/*
 * Judging the proxy environment (wsl-facts.md §5): wsl2.autoProxy
 * against what the process, its parents and the system files hold,
 * proxy.env (can the tools read the values, do the variants agree),
 * and proxy.services (do services get the proxy).  The live requests
 * are judged in proxy_fetch.c.  Pure: the snapshot and the expectations
 * only.  Every value shown goes through proxyurl_redact first, so a
 * snapshot taken with --no-redact still never shows a password.
 */
#include "config.h"

#include "checks/proxy.h"
#include "checks/proxy_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/snapshot.h"
#include "facts/netmode.h"
#include "facts/state.h"
#include "facts/windows.h"
#include "facts/wsl.h"
#include "gather/proxyenv.h"
#include "util/proxyurl.h"
#include "util/xalloc.h"

struct wp_result *
proxy_add(struct wp_results *rs, const char *setting, enum wp_verdict v,
    const struct wp_expect_value *e)
{
	struct wp_result *r = wp_results_add(rs, PROXY_CHECK, setting, v);

	if (e) {
		wp_result_set(&r->expected, "%s", e->value);
		wp_result_set(&r->expected_source, "%s", e->source);
	}
	return r;
}

const char *
proxy_var(json_object *vars, const char *name)
{
	json_object *v;

	if (!vars || !json_object_object_get_ex(vars, name, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

void
proxy_upper(const char *s, char *out, size_t n)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < n; i++)
		out[i] = (char)toupper((unsigned char)s[i]);
	out[i] = '\0';
}

const char *
proxy_any_case(json_object *vars, const char *canon)
{
	char up[32];

	proxy_upper(canon, up, sizeof up);
	return proxy_var(vars, canon) ? proxy_var(vars, canon) :
	    proxy_var(vars, up);
}

/* 1 when VARS holds a variable autoProxy sets (§5), in any case. */
static int
has_wsl_vars(json_object *vars)
{
	return proxy_any_case(vars, "http_proxy") ||
	    proxy_any_case(vars, "https_proxy") ||
	    proxy_any_case(vars, "wsl_pac_url");
}

/* "http_proxy, HTTP_PROXY" (the proxy variables of VARS), allocated. */
static char *
names_of(json_object *vars)
{
	char *s = NULL;

	if (!vars || !json_object_is_type(vars, json_type_object))
		return NULL;
	json_object_object_foreach(vars, k, v) {
		char *t;

		(void)v;
		if (!proxyenv_name(k, strlen(k)))
			continue;
		t = xasprintf("%s%s%s", s ? s : "", s ? ", " : "", k);
		free(s);
		s = t;
	}
	return s;
}

void
proxy_facts_read(json_object *snap, struct proxy_facts *f)
{
	json_object *parents;

	memset(f, 0, sizeof *f);
	f->gathered = fact_member(snap, "proxy", json_type_object, &f->proxy)
	    == FACT_PRESENT;
	f->env = snap_get(snap, "env");
	f->wsl2 = facts_wsl_kind(snap, NULL) == ENV_WSL2;
	f->etc = snap_get(snap, "proxy.etc_environment.vars");
	f->sys = snap_get(snap, "proxy.systemd.system.vars");
	f->user = snap_get(snap, "proxy.systemd.user.vars");
	f->systemd_running = snap_bool(snap, "proxy.systemd.running") == 1;
	f->wslenv = snap_str(snap, "env.WSLENV");
	parents = snap_get(snap, "proxy.parents");
	for (size_t i = 0; parents && json_object_is_type(parents,
	    json_type_array) && i < json_object_array_length(parents); i++) {
		json_object *p = json_object_array_get_idx(parents, i);

		if (i == 0 && !snap_str(p, "error"))
			f->ppid = p;
		if (!has_wsl_vars(snap_get(p, "vars")))
			continue;
		f->parent = p;
		break;
	}
	f->self = f->env && has_wsl_vars(f->env);
}

/* "bash (pid 120)" for a parent entry. */
static char *
who(json_object *p)
{
	double pid = 0;

	snap_num(p, "pid", &pid);
	return xasprintf("%s (pid %.0f)", snap_str(p, "comm") ?
	    snap_str(p, "comm") : "?", pid);
}

/* Which proxy names WSLENV forwards (WSLENV=http_proxy/u:...). */
static char *
wslenv_proxies(const char *wslenv)
{
	char *s = NULL;

	for (const char *p = wslenv; p && *p; ) {
		size_t l = strcspn(p, ":"), nl = strcspn(p, "/:");

		if (nl && proxyenv_name(p, nl)) {
			char *t = xasprintf("%s%s%.*s", s ? s : "",
			    s ? ", " : "", (int)nl, p);

			free(s);
			s = t;
		}
		p += l;
		if (*p)
			p++;
	}
	return s;
}

/* The evidence of which variables are set, host:port only. */
static void
evidence_vars(struct wp_result *r, json_object *vars, const char *where)
{
	if (!vars || !json_object_is_type(vars, json_type_object))
		return;
	json_object_object_foreach(vars, k, v) {
		const char *canon = proxyenv_name(k, strlen(k));
		struct proxyurl u;

		if (!canon || !json_object_is_type(v, json_type_string))
			continue;
		if (strcmp(canon, "no_proxy") == 0 ||
		    strcmp(canon, "wsl_pac_url") == 0) {
			char *red = proxyurl_redact(json_object_get_string(v),
			    NULL);

			wp_result_evidence(r, "%s%s=%s", where, k, red);
			free(red);
			continue;
		}
		proxyurl_parse(json_object_get_string(v), &u);
		wp_result_evidence(r, "%s%s → %s%s", where, k, u.display ?
		    u.display : "(not a usable proxy value)", u.credentials ?
		    " (with credentials, not shown)" : "");
		proxyurl_release(&u);
	}
}

/* Where variables come from when WSL did not set them. */
static void
evidence_sources(struct wp_result *r, const struct proxy_facts *f)
{
	char *fw = wslenv_proxies(f->wslenv), *n = names_of(f->etc);

	if (f->parent) {
		char *w = who(f->parent);

		wp_result_evidence(r, "the parent process %s has them", w);
		free(w);
	}
	if (n)
		wp_result_evidence(r, "/etc/environment sets %s", n);
	free(n);
	if (fw)
		wp_result_evidence(r, "WSLENV forwards %s from Windows", fw);
	free(fw);
}

static int
is_loopback_host(const char *server)
{
	return server && (strncmp(server, "127.", 4) == 0 ||
	    strncmp(server, "localhost", 9) == 0 ||
	    strstr(server, "://127.") || strstr(server, "://localhost") ||
	    strstr(server, "[::1]"));
}

/* The mode that decides WSL's loopback filter, and whether mirrored. */
static const char *
filter_mode(json_object *snap, const struct wp_expect *x, int *mirrored)
{
	const struct wp_expect_value *m = expect_get(x, "wsl2.networkingMode");
	enum net_mode live = network_live_mode(snap, NULL);

	*mirrored = live == NET_MODE_MIRRORED || (live ==
	    NET_MODE_NOT_GATHERED && m && m->value &&
	    strcmp(m->value, "mirrored") == 0);
	return live != NET_MODE_NOT_GATHERED && live != NET_MODE_UNKNOWN ?
	    network_mode_name(live) : m && m->value ? m->value : "nat";
}

static void
auto_on_missing(json_object *snap, const struct wp_expect *x,
    const struct proxy_facts *f, struct wp_result *r)
{
	int mirrored;
	const char *mode = filter_mode(snap, x, &mirrored);
	struct win_proxy w;
	const char *src;
	enum fact_state st = facts_windows_proxy(snap, &w, &src);

	wp_result_set(&r->observed, "no proxy variables");
	if (f->parent) {
		char *p = who(f->parent);

		r->verdict = WP_WARN;
		wp_result_evidence(r, "this process has no proxy variable; "
		    "its parent %s has them: something between dropped "
		    "them (sudo's env_reset, su -, env -i)", p);
		wp_result_set(&r->hint, "keep them across sudo: add "
		    "'Defaults env_keep += \"http_proxy https_proxy "
		    "no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY\"' with "
		    "'sudo visudo', or run 'sudo -E'");
		free(p);
		goto done;
	}
	if (st == FACT_ABSENT || (st == FACT_PRESENT && !w.enabled &&
	    !w.pac_url)) {
		r->verdict = WP_PASS;
		wp_result_evidence(r, "Windows has no proxy (%s): there is "
		    "nothing to set", src ? src : "Windows");
		goto done;
	}
	if (st == FACT_PRESENT && is_loopback_host(w.server) && !mirrored) {
		r->verdict = WP_WARN;
		wp_result_evidence(r, "Windows' proxy %s is on a loopback "
		    "address, which WSL drops in %s mode (§5)", w.server,
		    mode);
		wp_result_set(&r->hint, "use networkingMode=mirrored, or "
		    "run the Windows proxy on the host's LAN address");
		goto done;
	}
	if (st == FACT_PRESENT) {
		r->verdict = WP_FAIL;
		wp_result_evidence(r, "Windows has a proxy (%s) but WSL set "
		    "no variable", w.server ? w.server : w.pac_url ?
		    w.pac_url : "enabled");
		wp_result_set(&r->hint, "WSL waits initialAutoProxyTimeout "
		    "(1000 ms) for Windows' answer: open a new wsl.exe "
		    "window, or run 'wsl --shutdown' from Windows");
		goto done;
	}
	r->verdict = WP_UNKNOWN;
	wp_result_evidence(r, "WSL sets no variable when Windows has no "
	    "proxy, so this looks the same as autoProxy not working (§5)");
	if (facts_windows_why(snap, "proxy"))
		wp_result_evidence(r, "Windows' own proxy setting is not "
		    "known: %s", facts_windows_why(snap, "proxy"));
	if (!mirrored)
		wp_result_evidence(r, "in %s mode WSL drops a Windows proxy on "
		    "127.0.0.1, localhost or an IPv6 address: if Windows' "
		    "proxy is there, that is the likely cause; "
		    "networkingMode=mirrored, or the proxy on the host's LAN "
		    "address, fixes it", mode);
	wp_result_set(&r->hint, "check from Windows: %s (ProxyEnable, "
	    "ProxyServer, AutoConfigURL)", PROXY_REG_CMD);
done:
	facts_windows_proxy_release(&w);
}

/*
 * A loopback proxy outside mirrored mode is not WSL's doing (§5):
 * returns 1 (with the evidence) when the variables hold one.
 */
static int
note_loopback(json_object *snap, const struct wp_expect *x,
    const struct proxy_facts *f, struct wp_result *r)
{
	static const char *const names[] = { "http_proxy", "https_proxy",
	    NULL };
	int mirrored;
	const char *mode = filter_mode(snap, x, &mirrored);

	for (size_t i = 0; names[i] && !mirrored; i++) {
		struct proxyurl u;
		const char *v = proxy_any_case(f->env, names[i]);
		int loop;

		if (!v || proxyurl_parse(v, &u) < 0) {
			if (v)
				proxyurl_release(&u);
			continue;
		}
		loop = strncmp(u.host, "127.", 4) == 0 ||
		    strcmp(u.host, "localhost") == 0 || strcmp(u.host,
		    "::1") == 0;
		proxyurl_release(&u);
		if (loop) {
			wp_result_evidence(r, "WSL never sets a loopback proxy "
			    "in %s mode: these variables come from elsewhere, "
			    "and 127.0.0.1 here is Linux itself, not Windows",
			    mode);
			return 1;
		}
	}
	return 0;
}

static void
judge_auto(json_object *snap, const struct wp_expect *x,
    const struct proxy_facts *f, int env_fail, struct wp_results *rs)
{
	const struct wp_expect_value *e = expect_get(x, "wsl2.autoProxy");
	int want = !e || (e->value && strcmp(e->value, "true") == 0);
	struct wp_result *r;
	char *names, *etc;

	if (!f->wsl2) {
		r = proxy_add(rs, "wsl2.autoProxy", WP_SKIP, e);
		wp_result_evidence(r, "not a WSL2 VM");
		return;
	}
	/* WSL's default is not known for this version: never guess it. */
	if (e && !e->value) {
		r = proxy_add(rs, "wsl2.autoProxy", WP_UNKNOWN, e);
		wp_result_evidence(r, "what WSL applies for autoProxy depends on "
		    "the WSL version, which is not known");
		return;
	}
	if (!f->gathered) {
		r = proxy_add(rs, "wsl2.autoProxy", WP_UNKNOWN, e);
		wp_result_evidence(r, "the proxy environment was not gathered");
		return;
	}
	r = proxy_add(rs, "wsl2.autoProxy", WP_PASS, e);
	names = f->self ? names_of(f->env) : NULL;
	if (names)
		wp_result_set(&r->observed, "%s set", names);
	free(names);
	if (want && !f->self) {
		auto_on_missing(snap, x, f, r);
		return;
	}
	if (want) {
		evidence_vars(r, f->env, "");
		if (note_loopback(snap, x, f, r)) {
			/* Not WSL's variables: whether it works is unknown. */
			r->verdict = WP_UNKNOWN;
			wp_result_set(&r->hint, "check from Windows: %s",
			    PROXY_REG_CMD);
			return;
		}
		if (f->ppid && !has_wsl_vars(snap_get(f->ppid, "vars"))) {
			char *p = who(f->ppid);

			wp_result_evidence(r, "this process has them, its "
			    "parent %s does not: they were set after WSL "
			    "started the session (start-up files, export)", p);
			free(p);
		}
		if (env_fail) {
			r->verdict = WP_WARN;
			wp_result_evidence(r, "a value is not usable (see "
			    "proxy.env)");
			wp_result_set(&r->hint, "fix the value proxy.env names");
		}
		return;
	}
	if (!f->self) {
		wp_result_set(&r->observed, "no proxy variables");
		return;
	}
	r->verdict = WP_WARN;
	evidence_vars(r, f->env, "");
	wp_result_evidence(r, "autoProxy is off, so WSL did not set them");
	evidence_sources(r, f);
	etc = names_of(f->etc);
	wp_result_set(&r->hint, "%s", f->parent || etc ? "remove them where "
	    "they are set (above), or turn autoProxy on if the Windows "
	    "proxy is wanted" :
	    "they come from your shell's start-up files (~/.bashrc, "
	    "~/.profile) or the program that started it: remove them "
	    "there, or turn autoProxy on");
	free(etc);
}

/* --- proxy.services --- */

static void
judge_services(const struct wp_expect *x, const struct proxy_facts *f,
    struct wp_results *rs)
{
	const struct wp_expect_value *e = expect_get(x, "boot.systemd");
	int session = f->self || f->parent;
	int mgr = (f->sys && proxy_any_case(f->sys, "http_proxy")) ||
	    (f->user && proxy_any_case(f->user, "http_proxy"));
	int etc = f->etc && proxy_any_case(f->etc, "http_proxy");
	struct wp_result *r;

	if (!f->gathered) {
		r = proxy_add(rs, "proxy.services", WP_UNKNOWN, e);
		wp_result_evidence(r, "the proxy environment was not gathered");
		return;
	}
	if (!f->systemd_running && !(e && e->value &&
	    strcmp(e->value, "true") == 0)) {
		r = proxy_add(rs, "proxy.services", WP_SKIP, e);
		wp_result_evidence(r, "systemd is not running: no service "
		    "reads a manager environment");
		return;
	}
	if (!session && !mgr && !etc) {
		r = proxy_add(rs, "proxy.services", WP_SKIP, e);
		wp_result_evidence(r, "no proxy variable anywhere");
		return;
	}
	r = proxy_add(rs, "proxy.services", mgr ? WP_PASS : WP_WARN, NULL);
	wp_result_set(&r->expected, "the proxy in the systemd manager "
	    "environment");
	if (e)
		wp_result_set(&r->expected_source, "boot.systemd=%s (%s)",
		    e->value, e->source);
	if (mgr) {
		wp_result_set(&r->observed, "the systemd manager environment "
		    "has the proxy");
		evidence_vars(r, f->sys, "system manager: ");
		evidence_vars(r, f->user, "user manager: ");
		return;
	}
	wp_result_set(&r->observed, etc ? "only /etc/environment and the "
	    "login session have the proxy" : "only the login session has "
	    "the proxy");
	wp_result_evidence(r, "WSL gives the variables only to processes "
	    "started through wsl.exe: systemd units, cron jobs, ssh logins "
	    "and sudo do not get them (§5)");
	if (etc)
		wp_result_evidence(r, "/etc/environment reaches PAM logins "
		    "(ssh, cron), not systemd units");
	{
		/* The session's proxy, host:port only (no credentials). */
		const char *v = proxy_any_case(f->env, "http_proxy");
		struct proxyurl u;
		const char *hp;

		if (!v && f->parent)
			v = proxy_any_case(snap_get(f->parent, "vars"),
			    "http_proxy");
		proxyurl_parse(v, &u);
		hp = u.display ? u.display : "http://HOST:PORT";
		wp_result_set(&r->hint, "for services run 'sudo systemctl "
		    "set-environment http_proxy=%s https_proxy=%s "
		    "no_proxy=localhost,127.0.0.1' (or DefaultEnvironment= in "
		    "/etc/systemd/system.conf); add the same lines to "
		    "/etc/environment for ssh and cron; apt: "
		    "Acquire::http::Proxy \"%s/\"; in "
		    "/etc/apt/apt.conf.d/95proxy%s", hp, hp, hp, u.credentials ?
		    " (add the credentials, not shown here)" : "");
		proxyurl_release(&u);
	}
}

int
check_proxy_judge(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	struct proxy_facts f;
	int env_fail;

	proxy_facts_read(snap, &f);
	env_fail = proxy_judge_env(&f, rs);
	judge_auto(snap, x, &f, env_fail, rs);
	proxy_judge_fetch(snap, &f, rs);
	judge_services(x, &f, rs);
	return 0;
}
