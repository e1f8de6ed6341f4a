/* SPDX-License-Identifier: MIT */
/*
 * Redaction, one module for every format.  Proxy credentials are always
 * removed (scheme://user:***@host).  When pseudonymising (--redact, the
 * default for markdown), addresses outside loopback, link-local and
 * WSL's fixed ones, MAC addresses, user names in paths, and the seeded
 * host names, search domains and personal distro names become
 * placeholders: <ipv4-1>, <host-2>.  The same value always gets the same
 * placeholder within one context, so one context serves one report; the
 * text around a value (a /20 prefix length, "gateway") stays.
 */
#ifndef WSLPROBE_REPORTS_REDACT_H
#define WSLPROBE_REPORTS_REDACT_H

#include <json-c/json.h>

enum redact_kind {
	REDACT_IPV4,
	REDACT_IPV6,
	REDACT_MAC,
	REDACT_HOST,
	REDACT_DOMAIN,
	REDACT_USER,
	REDACT_DISTRO,
	REDACT_KIND_COUNT
};

struct wp_redact;

/* PSEUDONYMISE 0: only secrets are removed.  Free with redact_free. */
struct wp_redact	*redact_new(int pseudonymise);
void			 redact_free(struct wp_redact *);
int			 redact_pseudonymises(const struct wp_redact *);
/*
 * A value the text alone does not reveal as personal (a search domain,
 * a proxy host): replaced wherever it appears as a whole word.
 */
void			 redact_seed(struct wp_redact *, enum redact_kind,
			    const char *value);
/* Seeds every word of LINE ("a.example b.example", "*.corp,x.org"). */
void			 redact_seed_words(struct wp_redact *,
			    enum redact_kind, const char *line);
/* The seeds a snapshot reveals: search domains, proxy hosts, names. */
void			 redact_seed_snapshot(struct wp_redact *,
			    json_object *snap);
/* S redacted, allocated (the caller frees); NULL for NULL. */
char			*redact_str(struct wp_redact *, const char *s);
/* A deep copy of O with every string redacted. */
json_object		*redact_json(struct wp_redact *, json_object *o);

#endif
