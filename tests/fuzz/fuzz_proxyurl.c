/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: proxy values and no_proxy lists (util/proxyurl.c), the
 * environment's hostile input, and the files they come from
 * (gather/proxyenv.c: environ blocks, /etc/environment lines, systemd's
 * DefaultEnvironment=).  Checks the invariants the proxy check and the
 * reporters rely on, credentials first: no text made from a value ever
 * holds its user:password part.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "gather/proxyenv.h"
#include "util/proxyurl.h"
#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The text after the last '@' of S (S itself when there is none). */
static const char *
after_at(const char *s)
{
	const char *at = strrchr(s, '@');

	return at ? at + 1 : s;
}

/* T may show an '@' only as "***@", never a user:password. */
static void
no_userinfo(const char *t)
{
	for (const char *p = t ? strchr(t, '@') : NULL; p;
	    p = strchr(p + 1, '@'))
		if (p - t < 3 || strncmp(p - 3, PROXYURL_REDACTED, 3) != 0)
			abort();
}

/* Every place parsed from DATA holds redacted proxy variables only. */
static void
places(const uint8_t *data, size_t size)
{
	char *text = xmalloc(size + 1);

	memcpy(text, data, size);
	text[size] = '\0';
	for (int fmt = PROXYENV_ENVIRON; fmt <= PROXYENV_SYSTEMD; fmt++) {
		json_object *p = json_object_new_object(), *vars;

		proxyenv_parse(p, text, size, (enum proxyenv_format)fmt, 0);
		if (json_object_object_get_ex(p, "vars", &vars)) {
			json_object_object_foreach(vars, k, v) {
				if (!proxyenv_name(k, strlen(k)))
					abort();
				if (v && json_object_is_type(v,
				    json_type_string))
					no_userinfo(json_object_get_string(v));
			}
		}
		json_object_put(p);
	}
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *v = xstrndup((const char *)data, size);
	struct proxyurl u;
	struct noproxy np;
	char *r, *s;
	int had = 0;

	r = proxyurl_redact(v, &had);
	if (!r || (had && (!strstr(r, PROXYURL_REDACTED "@") ||
	    strcmp(after_at(r), after_at(v)) != 0)) || (!had &&
	    strcmp(r, v) != 0))
		abort();
	no_userinfo(r);
	if (proxyurl_parse(v, &u) == 0) {
		if (!u.display || !u.host || u.port < 1 || u.port > 65535 ||
		    strchr(u.display, '@'))
			abort();
	} else if (!u.problem) {
		abort();
	}
	no_userinfo(u.fixed);
	proxyurl_release(&u);
	s = proxyurl_scrub(v, v);
	if (!s)
		abort();
	free(s);
	noproxy_parse(v, &np);
	if (np.fixed && strchr(np.fixed, ';'))
		abort();
	if (np.fixed && !np.wildcard && (!strcasestr(np.fixed, "localhost")
	    || !strstr(np.fixed, "127.0.0.")))
		abort();
	noproxy_release(&np);
	free(r);
	free(v);
	places(data, size);
	return 0;
}
