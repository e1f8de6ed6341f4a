/* SPDX-License-Identifier: MIT */
/*
 * proxy.fetch: one result per request the proxy check made (a fetch of
 * --proxy-url through each distinct proxy, and a CONNECT tunnel through
 * each https_proxy), from snap.probes.proxy.  Any HTTP status from the
 * origin means the proxy works (the origin may say 404); 407 means it
 * wants credentials; refused, timeout and a proxy name that does not
 * resolve are failures.  For a tunnel only the proxy's CONNECT answer is
 * judged, never a TLS handshake.
 */
#include "config.h"

#include "checks/proxy_int.h"

#include <stdlib.h>
#include <string.h>

#include "engine/snapshot.h"
#include "util/proxyurl.h"
#include "util/xalloc.h"

#define SETTING "proxy.fetch"

static const char *
str(json_object *o, const char *k)
{
	return snap_str(o, k);
}

static long
num(json_object *o, const char *k)
{
	double d = 0;

	return snap_num(o, k, &d) == 0 ? (long)d : 0;
}

/* The redacted form of V (the snapshot may hold secrets: --no-redact). */
static char *
shown(const char *v)
{
	return v ? proxyurl_redact(v, NULL) : xstrdup("?");
}

static void
judge_refusal(struct wp_result *r, const char *outcome, const char *via)
{
	r->verdict = WP_FAIL;
	if (strcmp(outcome, "refused") == 0)
		wp_result_set(&r->hint, "nothing listens there: start the "
		    "proxy or fix the port in %s (in NAT mode 127.0.0.1 is "
		    "Linux itself, not Windows)", via);
	else if (strcmp(outcome, "timeout") == 0)
		wp_result_set(&r->hint, "the proxy does not answer: a "
		    "firewall drops the packets or the address in %s is "
		    "wrong", via);
	else if (strcmp(outcome, "dns-failure") == 0)
		wp_result_set(&r->hint, "the proxy's host name does not "
		    "resolve: use its address in %s, or fix DNS first", via);
	else
		wp_result_set(&r->hint, "check the proxy value in %s", via);
}

static void
judge_one(json_object *p, struct wp_results *rs, int wsl2)
{
	const char *outcome = str(p, "outcome"), *kind = str(p, "kind");
	const char *vars = str(p, "vars") ? str(p, "vars") : "?";
	const char *disp = str(p, "display");
	int tunnel = kind && strcmp(kind, "tunnel") == 0;
	long status = num(p, "http_status"), code = num(p, "connect_code");
	long ms = num(p, "ms");
	char *proxy = shown(str(p, "proxy"));
	char *err = proxyurl_scrub(str(p, "error"), str(p, "proxy"));
	char *err2 = err ? proxyurl_redact(err, NULL) : NULL;
	struct wp_result *r = proxy_add(rs, SETTING, WP_UNKNOWN, NULL);

	wp_result_set(&r->expected, tunnel ? "CONNECT answered 200" :
	    "an HTTP answer through the proxy");
	wp_result_set(&r->expected_source, "%s", vars);
	wp_result_evidence(r, "%s %s through %s (%s)", tunnel ? "CONNECT" :
	    "GET", tunnel && str(p, "target") ? str(p, "target") :
	    str(p, "url") ? str(p, "url") : "?", disp ? disp : proxy, vars);
	if (!outcome) {
		wp_result_evidence(r, "no outcome recorded");
	} else if (strcmp(outcome, "not-run") == 0) {
		r->verdict = wsl2 ? WP_UNKNOWN : WP_SKIP;
		wp_result_set(&r->observed, "not run");
		if (err2)
			wp_result_evidence(r, "%s", err2);
	} else if (strcmp(outcome, "connected") == 0 && tunnel && !code) {
		/* A SOCKS proxy opens the tunnel without an HTTP answer. */
		r->verdict = WP_PASS;
		wp_result_set(&r->observed, "tunnel opened in %ld ms", ms);
	} else if (strcmp(outcome, "connected") == 0 && tunnel) {
		r->verdict = code == 200 ? WP_PASS : WP_WARN;
		wp_result_set(&r->observed, "CONNECT answered %ld in %ld ms",
		    code, ms);
		if (code == 407)
			wp_result_set(&r->hint, "the proxy wants credentials "
			    "for https:// requests: put them in %s as "
			    "http://USER:PASSWORD@HOST:PORT", vars);
		else if (code != 200)
			wp_result_set(&r->hint, "the proxy refuses tunnels to "
			    "this host and port (answer %ld): https:// "
			    "requests through it fail", code);
	} else if (strcmp(outcome, "connected") == 0 && status) {
		r->verdict = status == 407 ? WP_WARN : WP_PASS;
		wp_result_set(&r->observed, "HTTP %ld in %ld ms", status, ms);
		/* A 5xx without Via: is usually the proxy's own error page. */
		if (status >= 500 && !str(p, "via")) {
			r->verdict = WP_WARN;
			wp_result_evidence(r, "the proxy answered itself (no "
			    "Via: header): it could not reach the origin");
			wp_result_set(&r->hint, "the proxy works but cannot "
			    "reach %s: check the proxy's own connection, or "
			    "try another --proxy-url", str(p, "url") ?
			    str(p, "url") : "the URL");
		}
		/* tinyproxy and others answer bad credentials with 401. */
		if (status == 401 && !str(p, "via") &&
		    strstr(proxy, PROXYURL_REDACTED "@")) {
			r->verdict = WP_WARN;
			wp_result_evidence(r, "the proxy answered 401 itself "
			    "(no Via: header)");
			wp_result_set(&r->hint, "the proxy wants credentials: "
			    "the ones in the variable were refused");
		}
		if (status == 407)
			wp_result_set(&r->hint, "the proxy wants credentials: "
			    "%s", strstr(proxy, PROXYURL_REDACTED "@") ?
			    "the ones in the variable were refused" :
			    "put them in the variable as "
			    "http://USER:PASSWORD@HOST:PORT");
	} else {
		judge_refusal(r, outcome, vars);
		wp_result_set(&r->observed, "%s after %ld ms", outcome, ms);
		if (err2)
			wp_result_evidence(r, "%s", err2);
	}
	if (str(p, "via"))
		wp_result_evidence(r, "Via: %s", str(p, "via"));
	if (str(p, "server"))
		wp_result_evidence(r, "Server: %s", str(p, "server"));
	free(proxy);
	free(err);
	free(err2);
}

void
proxy_judge_fetch(json_object *snap, const struct proxy_facts *f,
    struct wp_results *rs)
{
	json_object *probes = snap_get(snap, "probes.proxy");
	size_t n = probes && json_object_is_type(probes, json_type_array) ?
	    json_object_array_length(probes) : 0;
	struct wp_result *r;

	if (!probes || !json_object_is_type(probes, json_type_array)) {
		r = proxy_add(rs, SETTING, WP_UNKNOWN, NULL);
		wp_result_evidence(r, "the requests were not made (not "
		    "gathered)");
		return;
	}
	if (!n) {
		r = proxy_add(rs, SETTING, WP_SKIP, NULL);
		wp_result_evidence(r, "no proxy variable names a proxy to try");
		return;
	}
	for (size_t i = 0; i < n; i++)
		judge_one(json_object_array_get_idx(probes, i), rs, f->wsl2);
}
