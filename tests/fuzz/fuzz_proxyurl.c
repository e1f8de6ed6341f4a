/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: proxy values and no_proxy lists (util/proxyurl.c), the
 * environment's hostile input.  Checks the invariants the proxy check
 * and the reporters rely on, credentials first: no text made from a
 * value ever holds its user:password part.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
	return 0;
}
