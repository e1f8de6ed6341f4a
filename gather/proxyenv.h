/* SPDX-License-Identifier: MIT */
/*
 * Where proxy variables live (wsl-facts.md §5): wslprobe's own
 * environment, the environments up its parent chain, /etc/environment,
 * and what the systemd managers give services.  Only the proxy variables
 * (every case variant of http_proxy https_proxy ftp_proxy all_proxy
 * no_proxy WSL_PAC_URL) are kept, never whole environments or files, and
 * their credentials are replaced by "***" unless KEEP_SECRETS.
 *
 * Every place becomes {vars: {NAME: value}, credentials: [NAME...]} in
 * the snapshot (interface.md §4 `env` and `proxy`).
 */
#ifndef WSLPROBE_GATHER_PROXYENV_H
#define WSLPROBE_GATHER_PROXYENV_H

#include <stddef.h>

#include <json-c/json.h>

struct wp_ctx;

/* The canonical lower-case name NAME[0..len) is a variant of, or NULL. */
const char	*proxyenv_name(const char *name, size_t len);
/*
 * Adds NAME=VALUE to PLACE ({vars, credentials}) when NAME is a proxy
 * variable; redacted unless KEEP.  Returns 1 when added.
 */
int		 proxyenv_add(json_object *place, const char *name,
		    size_t nlen, const char *value, int keep);
/*
 * The process environment's proxy variables into ENV (a flat map, the
 * snapshot's `env`) and the names that carried credentials into CREDS.
 */
void		 proxyenv_self(json_object *env, json_object *creds, int keep);
/* The text formats the places use. */
enum proxyenv_format {
	PROXYENV_ENVIRON,	/* /proc/<pid>/environ: NAME=value\0... */
	PROXYENV_LINES,		/* /etc/environment, environment.d,
				   systemctl show-environment */
	PROXYENV_SYSTEMD,	/* DefaultEnvironment= lines of a .conf */
};

/*
 * The proxy variables of TEXT[0..len) (any bytes; TEXT[len] must be
 * '\0') into PLACE, as proxyenv_add stores them.
 */
void		 proxyenv_parse(json_object *place, const char *text,
		    size_t len, enum proxyenv_format, int keep);
/* The parent chain, /etc/environment and systemd into PROXY. */
void		 proxyenv_gather(struct wp_ctx *ctx, json_object *proxy);

#endif
