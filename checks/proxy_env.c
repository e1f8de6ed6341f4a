/* SPDX-License-Identifier: MIT */
/*
 * proxy.env: can the tools read the proxy variables of this process, and
 * do they agree (wsl-facts.md §5)?  One result per finding, each with
 * the exact line to run; one `pass` when there is nothing to say.
 *
 * Who reads what: curl reads http_proxy only in lower case (HTTP_PROXY
 * is ignored, a CGI safety rule) and https_proxy in either case; wget
 * and apt read lower case; Go's net/http and Python's requests read
 * both, upper case first for Go.  So a missing lower-case variable
 * breaks the common tools and two differing spellings split them.
 */
#include "config.h"

#include "checks/proxy_int.h"

#include <stdlib.h>
#include <string.h>

#include "gather/proxyenv.h"
#include "util/proxyurl.h"
#include "util/xalloc.h"

#define EXPECTED "values curl, apt, pip and Go can read, both cases alike"

static const char *const proxies[] = {
	"http_proxy", "https_proxy", "ftp_proxy", "all_proxy", NULL
};

static struct wp_result *
finding(struct wp_results *rs, enum wp_verdict v, const char *name,
    const char *value)
{
	struct wp_result *r = proxy_add(rs, "proxy.env", v, NULL);
	char *red = value ? proxyurl_redact(value, NULL) : NULL;

	wp_result_set(&r->expected, EXPECTED);
	wp_result_set(&r->expected_source, "how Linux tools read them");
	if (red)
		wp_result_set(&r->observed, "%s=%s", name, red);
	else
		wp_result_set(&r->observed, "%s is not set", name);
	free(red);
	return r;
}

/* A value tools cannot read: fail, with the corrected value. */
static int
check_value(struct wp_results *rs, const char *name, const char *value)
{
	struct proxyurl u;
	struct wp_result *r;

	if (proxyurl_parse(value, &u) == 0) {
		proxyurl_release(&u);
		return 0;
	}
	r = finding(rs, WP_FAIL, name, value);
	wp_result_evidence(r, "%s: %s", name, u.problem);
	if (u.fixed)
		wp_result_set(&r->hint, "export %s='%s'%s", name, u.fixed,
		    u.credentials ? " (put your credentials back where *** "
		    "stands)" : "");
	else
		wp_result_set(&r->hint, "export %s=http://HOST:PORT (the "
		    "proxy's host and port, nothing else)", name);
	proxyurl_release(&u);
	return 1;
}

/* Lower and upper case of CANON: missing lower case, or different. */
static int
check_cases(struct wp_results *rs, json_object *env, const char *canon)
{
	char up[32];
	const char *lo, *hi;
	struct wp_result *r;

	proxy_upper(canon, up, sizeof up);
	lo = proxy_var(env, canon);
	hi = proxy_var(env, up);
	if (hi && !lo) {
		r = finding(rs, WP_WARN, canon, NULL);
		wp_result_evidence(r, "only %s is set: curl, wget and apt "
		    "read %s", up, canon);
		wp_result_set(&r->hint, "export %s=\"$%s\"", canon, up);
		return 1;
	}
	if (lo && hi && strcmp(lo, hi) != 0) {
		char *a = proxyurl_redact(lo, NULL);
		char *b = proxyurl_redact(hi, NULL);

		r = finding(rs, WP_WARN, up, hi);
		wp_result_evidence(r, "%s=%s but %s=%s: curl and apt use the "
		    "first, many Go and Python tools the second", canon, a,
		    up, b);
		wp_result_set(&r->hint, "export %s=\"$%s\"", up, canon);
		free(a);
		free(b);
		return 1;
	}
	return 0;
}

static int
check_noproxy(struct wp_results *rs, json_object *env)
{
	const char *lo = proxy_var(env, "no_proxy"), *hi = proxy_var(env, "NO_PROXY");
	const char *list = lo ? lo : hi;
	struct noproxy np;
	struct wp_result *r;

	noproxy_parse(list, &np);
	if (!np.fixed) {
		noproxy_release(&np);
		return 0;
	}
	r = finding(rs, WP_WARN, lo ? "no_proxy" : "NO_PROXY", list);
	if (!list)
		wp_result_evidence(r, "no_proxy is not set: requests to "
		    "localhost and 127.0.0.1 go to the proxy too");
	if (np.windows)
		wp_result_evidence(r, "'%s' is Windows syntax that Linux "
		    "tools do not understand (<local> means dot-less names; "
		    "*.corp is written .corp; entries are separated by ',')",
		    np.windows);
	if (list && (!np.localhost || !np.loopback))
		wp_result_evidence(r, "localhost and 127.0.0.1 are not both "
		    "in it: local services are asked through the proxy");
	{
		char *fixed = proxyurl_redact(np.fixed, NULL);

		wp_result_set(&r->hint, "export no_proxy='%s' NO_PROXY='%s'",
		    fixed, fixed);
		free(fixed);
	}
	noproxy_release(&np);
	return 1;
}

int
proxy_judge_env(const struct proxy_facts *f, struct wp_results *rs)
{
	json_object *env = f->env;
	int fails = 0, findings = 0, any = 0;
	struct wp_result *r;

	if (!f->gathered) {
		r = proxy_add(rs, "proxy.env", WP_UNKNOWN, NULL);
		wp_result_evidence(r, "the proxy environment was not gathered");
		return 0;
	}
	if (env && json_object_is_type(env, json_type_object)) {
		json_object_object_foreach(env, k, v) {
			const char *c = proxyenv_name(k, strlen(k));

			if (c && !v) {
				r = finding(rs, WP_FAIL, k, NULL);
				wp_result_set(&r->observed, "%s is not text", k);
				wp_result_evidence(r, "%s holds bytes that are not "
				    "UTF-8: tools misread it", k);
				wp_result_set(&r->hint, "export %s=http://HOST:PORT",
				    k);
				fails++;
				any = 1;
				continue;
			}
			if (!c || !json_object_is_type(v, json_type_string))
				continue;
			any = 1;
			if (strcmp(c, "no_proxy") == 0 ||
			    strcmp(c, "wsl_pac_url") == 0)
				continue;
			fails += check_value(rs, k, json_object_get_string(v));
		}
	}
	if (!any) {
		r = proxy_add(rs, "proxy.env", WP_SKIP, NULL);
		wp_result_set(&r->observed, "no proxy variables");
		wp_result_evidence(r, "nothing to check");
		return 0;
	}
	findings = fails;
	for (size_t i = 0; proxies[i]; i++)
		findings += check_cases(rs, env, proxies[i]);
	findings += check_cases(rs, env, "no_proxy");
	if (proxy_any_case(env, "http_proxy") && !proxy_any_case(env, "https_proxy")) {
		r = finding(rs, WP_WARN, "https_proxy", NULL);
		wp_result_evidence(r, "only http_proxy is set (older WSL "
		    "builds, or a PAC-only Windows set-up): https:// "
		    "requests bypass the proxy");
		wp_result_set(&r->hint, "export https_proxy=\"$http_proxy\" "
		    "HTTPS_PROXY=\"$http_proxy\"");
		findings++;
	}
	if (proxy_var(env, "WSL_PAC_URL") && !proxy_any_case(env, "http_proxy") &&
	    !proxy_any_case(env, "https_proxy")) {
		r = finding(rs, WP_WARN, "WSL_PAC_URL", proxy_var(env,
		    "WSL_PAC_URL"));
		wp_result_evidence(r, "only WSL_PAC_URL is set: no Linux tool "
		    "reads a PAC file");
		wp_result_set(&r->hint, "find the proxy the PAC file gives "
		    "(from Windows: 'netsh winhttp show proxy' or the "
		    "browser) and export http_proxy=http://HOST:PORT "
		    "https_proxy=http://HOST:PORT");
		findings++;
	}
	if (proxy_any_case(env, "http_proxy") || proxy_any_case(env, "https_proxy") ||
	    proxy_any_case(env, "all_proxy"))
		findings += check_noproxy(rs, env);
	if (!findings) {
		r = proxy_add(rs, "proxy.env", WP_PASS, NULL);
		wp_result_set(&r->expected, EXPECTED);
		wp_result_set(&r->expected_source, "how Linux tools read them");
		wp_result_set(&r->observed, "consistent");
	}
	return fails > 0;
}
