/* SPDX-License-Identifier: MIT */
/*
 * A small resolv.conf(5) parser, as glibc reads the file: `nameserver`
 * lines (glibc uses the first three, MAXNS; by glibc's rules a value
 * ends at a space, tab or newline only and must then be exactly an IPv4
 * or IPv6 address, so `10.255.255.254\r` of a CRLF file is ignored, where
 * c-ares would accept it; with no valid one glibc asks 127.0.0.1),
 * `search` and `domain` (the
 * last of them wins), `options`; `#` and `;` start comments.  It also
 * recognises the header WSL writes (wsl-facts.md §4.2).  The input is
 * hostile: any bytes, NULs, no final newline, huge files; the parser is
 * linear in the input and keeps at most RESOLVCONF_MAX_KEEP entries.
 */
#ifndef WSLPROBE_PARSE_RESOLVCONF_H
#define WSLPROBE_PARSE_RESOLVCONF_H

#include <stddef.h>

#define RESOLVCONF_GLIBC_MAXNS	3	/* glibc's MAXNS: servers used */
#define RESOLVCONF_MAX_KEEP	64	/* nameservers/search/options kept */
#define RESOLVCONF_MAX_LINE	1024	/* longer lines count as garbage */
#define RESOLVCONF_MAX_IGNORED	8	/* ignored nameserver lines kept */
#define RESOLVCONF_FALLBACK	"127.0.0.1" /* glibc without a nameserver */

/* A nameserver line glibc ignores, and why. */
struct resolvconf_ignored {
	size_t		 line;		/* 1-based */
	const char	*reason;	/* "carriage return after the address
					   (CRLF line ends)", ... */
	char		*text;		/* the line, escaped (\r), ≤ 80 bytes */
	char		*address;	/* the address it meant, or NULL */
};

struct resolvconf {
	int	 wsl_header;	/* 1: the 3 header lines, 0: none */
	char	**nameservers;	/* valid addresses, in file order */
	size_t	 n_nameservers;	/* kept (≤ RESOLVCONF_MAX_KEEP) */
	size_t	 total_nameservers; /* valid nameserver lines seen */
	size_t	 bad_nameservers; /* nameserver lines with a bad address */
	struct resolvconf_ignored ignored[RESOLVCONF_MAX_IGNORED];
	size_t	 n_ignored;	/* kept (≤ RESOLVCONF_MAX_IGNORED) */
	char	**search;	/* from the last search/domain line */
	size_t	 n_search;
	char	**options;	/* every option word, in order */
	size_t	 n_options;
	long	 ndots;		/* options ndots:N, glibc default 1 */
	size_t	 lines;		/* lines seen */
	size_t	 garbage;	/* lines that are neither keyword nor comment */
	size_t	 first_garbage;	/* its line number (1-based), 0 if none */
	int	 has_nul;	/* NUL bytes in the input */
	int	 no_final_newline;
};

/* Parses LEN bytes of DATA into RC (always succeeds; NULL DATA = empty). */
void	resolvconf_parse(const char *data, size_t len, struct resolvconf *rc);
void	resolvconf_release(struct resolvconf *);
/* 1 if ADDR (text) is among the first glibc-used nameservers. */
int	resolvconf_uses(const struct resolvconf *, const char *addr);
/* The ignored nameserver line that meant ADDR, or NULL. */
const struct resolvconf_ignored *resolvconf_ignored_for(
	    const struct resolvconf *, const char *addr);

#endif
