/* SPDX-License-Identifier: MIT */
/*
 * A small resolv.conf(5) parser, as glibc reads the file: `nameserver`
 * lines (glibc uses the first three, MAXNS), `search` and `domain` (the
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

struct resolvconf {
	int	 wsl_header;	/* 1: the 3 header lines, 0: none */
	char	**nameservers;	/* valid addresses, in file order */
	size_t	 n_nameservers;	/* kept (≤ RESOLVCONF_MAX_KEEP) */
	size_t	 total_nameservers; /* valid nameserver lines seen */
	size_t	 bad_nameservers; /* nameserver lines with a bad address */
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

#endif
