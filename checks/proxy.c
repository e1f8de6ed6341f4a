/* SPDX-License-Identifier: MIT */
/*
 * The proxy check, gathering half (wsl-facts.md §5): the proxy variables
 * of wslprobe's own environment into `env`, those of the parent chain,
 * /etc/environment and systemd into `proxy` (gather/proxyenv.c), then a
 * request through every distinct proxy (and a CONNECT tunnel through
 * every https_proxy) into `probes.proxy`.  Judging is in proxy_judge.c.
 *
 * Names: proxy hosts are resolved with c-ares under the run's deadline
 * (gather/hostresolve.c) and handed to libcurl with CURLOPT_RESOLVE, so
 * libcurl never starts its resolver thread and no libcurl thread can
 * outlive the deadline.
 *
 * Safety: no request and no name lookup outside WSL2.  Under --root the
 * tree's network is not this namespace's: only the hosts file is read
 * for names, and a proxy (or, for the origin the proxy is asked to
 * reach, --proxy-url's host) is probed only when this namespace holds
 * its address, or reaches it on-link (loopback, a directly connected
 * route); anything else is `not-run`.
 */
#include "config.h"

#include "checks/proxy.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "engine/check.h"
#include "engine/ctx.h"
#include "engine/params.h"
#include "engine/snapshot.h"
#include "gather/hostresolve.h"
#include "gather/proxyenv.h"
#include "gather/onlink.h"
#include "gather/proxyfetch.h"
#include "util/encoding.h"
#include "util/proxyurl.h"
#include "util/xalloc.h"

#define PROXY_MAX	8	/* distinct proxies probed */
#define PROXY_MARGIN_MS	50	/* left to the runner after requests */

/* The setting, then the findings (--list-checks shows them all). */
static const char *const proxy_settings[] = { "wsl2.autoProxy",
    "proxy.env", "proxy.fetch", "proxy.services", NULL };

/* One distinct proxy value of the environment. */
struct target {
	const char	*value;		/* from environ: credentials and all */
	char		 vars[160];	/* the variables naming it */
	int		 https;		/* an https_proxy names it */
	struct proxyurl	 u;
	int		 valid;
	const char	*skip;		/* why not probed, or NULL */
	int		 q;		/* its hostq, or -1 (a literal) */
};

/* A host to resolve (or an address) and where it must be reachable. */
struct endpoint {
	char		*host;
	long		 port;
	int		 q;		/* index into the hostq array, or -1 */
};

static int
live_root(const char *root)
{
	return !root || !*root || strcmp(root, "/") == 0;
}

static int
is_literal(const char *h)
{
	unsigned char b[16];

	return inet_pton(AF_INET, h, b) == 1 || inet_pton(AF_INET6, h, b) == 1;
}

/* The distinct proxies of the environment (real values). */
static size_t
collect(struct target *t)
{
	extern char **environ;
	size_t n = 0;

	for (char **e = environ; e && *e; e++) {
		const char *eq = strchr(*e, '='), *canon;
		size_t k;

		if (!eq || !eq[1])
			continue;
		canon = proxyenv_name(*e, (size_t)(eq - *e));
		if (!canon || (strcmp(canon, "http_proxy") &&
		    strcmp(canon, "https_proxy") &&
		    strcmp(canon, "all_proxy")))
			continue;
		for (k = 0; k < n; k++)
			if (strcmp(t[k].value, eq + 1) == 0)
				break;
		if (k == n) {
			if (n == PROXY_MAX)
				continue;
			memset(&t[n], 0, sizeof t[n]);
			t[n].value = eq + 1;
			t[n].q = -1;
			t[n].valid = proxyurl_parse(t[n].value, &t[n].u) == 0 &&
			    utf8_valid_cstr(t[n].value);
			n++;
		}
		snprintf(t[k].vars + strlen(t[k].vars), sizeof t[k].vars -
		    strlen(t[k].vars), "%s%.*s", t[k].vars[0] ? "," : "",
		    (int)(eq - *e), *e);
		t[k].https |= strcmp(canon, "https_proxy") == 0;
	}
	return n;
}

/* --proxy-url's host and port; -1 when it is not a usable URL. */
static int
origin_of(const char *url, struct endpoint *o)
{
	CURLU *h = curl_url();
	char *host = NULL, *port = NULL;
	int rc = -1;

	memset(o, 0, sizeof *o);
	o->q = -1;
	if (h && curl_url_set(h, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(h, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    curl_url_get(h, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) ==
	    CURLUE_OK) {
		size_t l = strlen(host);

		o->host = host[0] == '[' && l > 2 ? xstrndup(host + 1, l - 2) :
		    xstrdup(host);
		o->port = strtol(port, NULL, 10);
		rc = 0;
	}
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(h);
	return rc;
}

/* socks4 and socks5 (not socks4a, socks5h) resolve the origin locally. */
static int
resolves_origin(const char *scheme)
{
	return scheme && (strcmp(scheme, "socks4") == 0 ||
	    strcmp(scheme, "socks5") == 0);
}

/* Queues HOST for resolution unless it is a literal; returns its index. */
static int
want(struct hostq *q, size_t *nq, const char *host)
{
	if (is_literal(host))
		return -1;
	for (size_t i = 0; i < *nq; i++)
		if (strcmp(q[i].name, host) == 0)
			return (int)i;
	q[*nq].name = host;
	return (int)(*nq)++;
}

/* The addresses of HOST (a literal, or resolved as Q[IDX]). */
static size_t
addresses(const char *host, int idx, struct hostq *q, const char **out)
{
	if (idx < 0) {
		out[0] = host;
		return 1;
	}
	for (size_t i = 0; i < q[idx].n_addrs; i++)
		out[i] = q[idx].addrs[i];
	return q[idx].n_addrs;
}

/* Why HOST may not be probed under --root, or NULL. */
static const char *
root_rule(struct wp_ctx *ctx, const char *host, int idx, struct hostq *q)
{
	const char *a[HOSTRESOLVE_MAX_ADDRS];
	size_t n = addresses(host, idx, q, a);

	if (live_root(ctx->root) || !n)
		return NULL;
	/* The one --root rule every active probe follows (gather/onlink). */
	for (size_t i = 0; i < n; i++) {
		const char *why = onlink_refusal(ctx->root, ctx->shared, a[i]);

		if (why)
			return why;
	}
	return NULL;
}

/* "host:port:addr,addr" for CURLOPT_RESOLVE, or NULL. */
static char *
resolve_entry(const char *host, long port, struct hostq *q)
{
	char *s, *t;

	if (!q || !q->n_addrs)
		return NULL;
	s = xasprintf("%s:%ld:", host, port);
	for (size_t i = 0; i < q->n_addrs; i++) {
		int v6 = strchr(q->addrs[i], ':') != NULL;

		t = xasprintf("%s%s%s%s%s", s, i ? "," : "", v6 ? "[" : "",
		    q->addrs[i], v6 ? "]" : "");
		free(s);
		s = t;
	}
	return s;
}

static json_object *
probe_json(const struct target *t, const struct endpoint *origin,
    const char *url, int tunnel, const struct proxyfetch *f,
    const char *skip, int keep)
{
	json_object *o = json_object_new_object();
	char *shown = keep ? xstrdup(t->value) : proxyurl_redact(t->value,
	    NULL);

	snap_set_str(o, "proxy", utf8_valid_cstr(shown) ? shown :
	    "(not valid UTF-8)");
	free(shown);
	snap_set_str(o, "display", t->u.display);
	snap_set_str(o, "vars", t->vars);
	snap_set_str(o, "url", url);
	snap_set_str(o, "kind", tunnel ? "tunnel" : "fetch");
	if (tunnel && origin->host)
		snap_take_str(o, "target", xasprintf("%s%s%s:%ld",
		    strchr(origin->host, ':') ? "[" : "", origin->host,
		    strchr(origin->host, ':') ? "]" : "", origin->port));
	snap_set_str(o, "outcome", skip ? "not-run" : f->outcome);
	json_object_object_add(o, "http_status", !skip && f->http_status ?
	    json_object_new_int64(f->http_status) : NULL);
	json_object_object_add(o, "connect_code", !skip && f->connect_code ?
	    json_object_new_int64(f->connect_code) : NULL);
	json_object_object_add(o, "ms", skip ? NULL :
	    json_object_new_int64(f->ms));
	snap_set_str(o, "via", skip ? NULL : f->via);
	snap_set_str(o, "server", skip ? NULL : f->server);
	snap_set_str(o, "error", skip ? skip : f->error);
	return o;
}

/* Resolves every name at once, then decides what may be probed. */
static void
plan(struct wp_ctx *ctx, struct target *t, size_t n, struct endpoint *o,
    struct hostq *q, size_t *nq)
{
	int lookups = 0, local = 0;

	for (size_t i = 0; i < n; i++) {
		if (!ctx->active_allowed)
			t[i].skip = "not run: not WSL2, no request is sent";
		else if (!t[i].valid)
			t[i].skip = "not run: the value is not a usable proxy "
			    "(see proxy.env)";
		else if (!o->host)
			t[i].skip = "not run: --proxy-url is not a URL";
		else if ((t[i].q = want(q, nq, t[i].u.host)) >= 0 ||
		    !live_root(ctx->root))
			lookups = 1;
		local |= !t[i].skip && resolves_origin(t[i].u.scheme);
	}
	/* Under --root the origin's address is checked; socks4 and socks5
	 * make libcurl resolve it here, which c-ares does instead. */
	if ((lookups && !live_root(ctx->root)) || local)
		o->q = want(q, nq, o->host);
	if (*nq)
		hostresolve_run(q, *nq, !live_root(ctx->root),
		    ctx->deadline_ms - PROXY_MARGIN_MS);
	for (size_t i = 0; i < n; i++) {
		if (t[i].skip)
			continue;
		if (!live_root(ctx->root) && t[i].q >= 0 &&
		    !q[t[i].q].n_addrs) {
			t[i].skip = "not run: under --root proxy names are "
			    "looked up in the hosts file only, and this one is "
			    "not there";
			continue;
		}
		t[i].skip = root_rule(ctx, t[i].u.host, t[i].q, q);
		if (!t[i].skip && o->q >= 0 && !q[o->q].n_addrs)
			t[i].skip = "not run: under --root --proxy-url's host "
			    "must be an address or in the hosts file";
		if (!t[i].skip && !live_root(ctx->root))
			t[i].skip = root_rule(ctx, o->host, o->q, q);
	}
}

static void
gather_probes(struct wp_ctx *ctx, json_object *frag, int keep)
{
	const char *url = ctx->params && ctx->params->proxy_url ?
	    ctx->params->proxy_url : PROXY_DEFAULT_URL;
	json_object *arr = json_object_new_array();
	struct target t[PROXY_MAX];
	struct hostq q[PROXY_MAX + 1];
	struct proxyfetch f[2 * PROXY_MAX];
	size_t n = collect(t), nq = 0, nf = 0, run = 0;
	struct endpoint o;

	json_object_object_add(snap_obj(frag, "probes"), "proxy", arr);
	memset(q, 0, sizeof q);
	memset(f, 0, sizeof f);
	origin_of(url, &o);
	plan(ctx, t, n, &o, q, &nq);
	for (size_t i = 0; i < n; i++)
		for (int tunnel = 0; tunnel <= t[i].https; tunnel++) {
			struct proxyfetch *p = &f[nf++];
			const char *sch = t[i].u.scheme;

			p->proxy = t[i].value;
			p->url = url;
			p->tunnel = tunnel;
			if (t[i].skip)
				continue;
			if (t[i].q >= 0 && !q[t[i].q].n_addrs) {
				p->outcome = "dns-failure";
				p->error = xasprintf("the proxy host name does "
				    "not resolve: %s", q[t[i].q].error ?
				    q[t[i].q].error : "no address");
				continue;
			}
			p->resolve[0] = t[i].q >= 0 ? resolve_entry(
			    t[i].u.host, t[i].u.port, &q[t[i].q]) : NULL;
			if (resolves_origin(sch) && o.q >= 0 &&
			    !q[o.q].n_addrs) {
				p->outcome = "error";
				p->error = xasprintf("%s resolves --proxy-url's "
				    "host here, and it does not resolve: %s",
				    sch, q[o.q].error ? q[o.q].error :
				    "no address");
				continue;
			}
			if (resolves_origin(sch) && o.q >= 0)
				p->resolve[1] = resolve_entry(o.host, o.port,
				    &q[o.q]);
			run++;
		}
	if (run) {
		/* Only the requests that may run go to libcurl. */
		struct proxyfetch *go = xcalloc(run, sizeof *go);
		size_t *from = xcalloc(run, sizeof *from), k = 0;

		for (size_t i = 0, j = 0; i < n; i++)
			for (int tu = 0; tu <= t[i].https; tu++, j++)
				if (!t[i].skip && !f[j].outcome) {
					from[k] = j;
					go[k++] = f[j];
				}
		proxyfetch_run(go, k, ctx->deadline_ms - PROXY_MARGIN_MS);
		for (size_t i = 0; i < k; i++)
			f[from[i]] = go[i];
		free(go);
		free(from);
	}
	for (size_t i = 0, j = 0; i < n; i++)
		for (int tunnel = 0; tunnel <= t[i].https; tunnel++, j++) {
			json_object_array_add(arr, probe_json(&t[i], &o, url,
			    tunnel, &f[j], t[i].skip, keep));
			proxyfetch_release(&f[j]);
		}
	for (size_t i = 0; i < n; i++)
		proxyurl_release(&t[i].u);
	for (size_t i = 0; i < nq; i++)
		hostresolve_release(&q[i]);
	free(o.host);
}

static int
proxy_gather(struct wp_ctx *ctx, json_object *frag)
{
	int keep = ctx->params && ctx->params->keep_secrets;
	json_object *proxy = snap_obj(frag, "proxy");
	json_object *creds = json_object_new_array();

	json_object_object_add(proxy, "env_credentials", creds);
	json_object_object_add(proxy, "redacted", json_object_new_boolean(
	    !keep));
	proxyenv_self(snap_obj(frag, "env"), creds, keep);
	proxyenv_gather(ctx, proxy);
	gather_probes(ctx, frag, keep);
	return 0;
}

const struct wp_check check_proxy = {
	.name = "proxy",
	.title = "proxy variables (autoProxy), their reach, live requests",
	.settings = proxy_settings,
	.flags = WP_CHECK_ACTIVE,
	.needs = WP_NEED_NET,
	.gather = proxy_gather,
	.judge = check_proxy_judge,
};
