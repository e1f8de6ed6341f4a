/* SPDX-License-Identifier: MIT */
/*
 * Proxy values as the environment gives them (http_proxy=..., no_proxy=
 * ...), read the way curl reads them, and their credentials kept out of
 * every output.  Used by the proxy check (gathering and judging) and by
 * reporters; every function takes hostile input: any bytes, any length.
 *
 * Redaction never depends on the value parsing: a value libcurl refuses
 * is redacted all the same (everything between the scheme and the last
 * '@' becomes "***").
 */
#ifndef WSLPROBE_UTIL_PROXYURL_H
#define WSLPROBE_UTIL_PROXYURL_H

#include <stddef.h>

#define PROXYURL_REDACTED	"***"

struct proxyurl {
	char	*scheme;	/* lower case; "http" when the value had none */
	char	*host;		/* without IPv6 brackets */
	long	 port;		/* the port libcurl connects to */
	int	 had_scheme;	/* the value named one */
	int	 port_given;	/* the value named one */
	int	 credentials;	/* a user (and maybe a password) was there */
	int	 ipv6;		/* host is an IPv6 literal */
	char	*problem;	/* NULL, or why tools refuse or misread it */
	char	*fixed;		/* NULL, or the corrected value (redacted) */
	char	*display;	/* scheme://host:port, never credentials */
};

/*
 * Parses VALUE as curl parses a proxy string (a scheme-less host:port
 * is http; libcurl's port for an http proxy without one is 1080).
 * Returns 0 when it is usable, -1 with U->problem set otherwise; U is
 * filled as far as the value allows either way (release it always).
 */
int	 proxyurl_parse(const char *value, struct proxyurl *u);
void	 proxyurl_release(struct proxyurl *u);

/*
 * VALUE with any "user:password@" replaced by "***@" (allocated).
 * *HAD (may be NULL) is set to 1 when something was replaced.
 */
char	*proxyurl_redact(const char *value, int *had);
/*
 * TEXT (allocated copy) with every occurrence of the credentials of
 * VALUE (the whole user:password, the password and the user name, raw
 * and percent-decoded) replaced by "***": libcurl's error buffer can
 * echo a URL.  TEXT may be NULL (then NULL is returned).
 */
char	*proxyurl_scrub(const char *text, const char *value);

/* What a no_proxy list holds, as Linux tools read it. */
struct noproxy {
	size_t	 n;		/* entries (empty ones not counted) */
	int	 localhost;	/* "localhost" is there */
	int	 loopback;	/* 127.0.0.1, 127.0.0.0/8 or "*" is there */
	int	 wildcard;	/* "*": no proxy at all */
	char	*windows;	/* NULL, or the first Windows-only entry
				   ("<local>", "*.corp", ';' separators) */
	char	*fixed;		/* the list rewritten for Linux tools, with
				   localhost,127.0.0.1 added when missing */
};

void	 noproxy_parse(const char *list, struct noproxy *np);
void	 noproxy_release(struct noproxy *np);

#endif
