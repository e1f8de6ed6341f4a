/* SPDX-License-Identifier: MIT */
/*
 * Private to wslconfig/wslconfig.c (the state machine) and
 * wslconfig/wslconfig_values.c (typed values, diagnoses, silent problems).
 * Nothing outside these two files includes it.
 */
#ifndef WSLPROBE_WSLCONFIG_WSLCONFIG_INT_H
#define WSLPROBE_WSLCONFIG_WSLCONFIG_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wslconfig/wslconfig.h"
#include "wslconfig/wslkeys.h"

/*
 * Did-you-mean searches and fixes per file: a real file has a handful of
 * problems; a hostile one with 100000 unknown keys must still lint fast.
 */
#define WSLCONFIG_FIX_MAX	64

/* First occurrence of a table row (ConfigKey::m_parseResult). */
struct wslconfig_seen {
	char		*written;	/* the name as written, or NULL */
	unsigned long	 line;
};

struct wslconfig_parser {
	struct wslconfig_result		*r;
	const struct wslconfig_text	*t;
	size_t				 pos;		/* next unit */
	bool				 eof;		/* feof() */
	bool				 in_comment;
	unsigned long			 line;
	bool				 trailing;	/* trailingComment */
	size_t				 seg_start;	/* where the current
							   line's text starts */
	char				*key;		/* std::string key */
	size_t				 keylen, keycap;
	size_t				 section_len;	/* sectionLength */
	unsigned long			 broken_header_line;
	uint16_t			*val;		/* value as units */
	size_t				 vallen, valcap;
	bool				 val_escape_ctl; /* \b \n \t used */
	struct wslconfig_seen		*seen;		/* per wslkeys[] row */
	int				 dns_state;	/* -1 unset, 0, 1 */
	unsigned long			 bad_line;	/* first invalid UTF-8
							   outside comments */
	unsigned			 fixes;		/* did-you-mean searches
							   made (bounded:
							   WSLCONFIG_FIX_MAX) */
	size_t				 problems_cap;
	size_t				 settings_cap;
};

/* Append a problem; the returned pointer is valid until the next one. */
struct wslconfig_problem *wslconfig_problem_add(struct wslconfig_parser *,
	    unsigned long line, const char *kind, const char *subkind,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The current line from its first non-blank unit (newly allocated). */
char	*wslconfig_line_text(const struct wslconfig_parser *);
void	 wslconfig_value_invalidate(struct wslconfig_value *);

/* wslconfig/wslconfig_values.c */
void	 wslconfig_setting_add(struct wslconfig_parser *, const struct wslkey *,
	    const char *written, const char *value, size_t nunits);
void	 wslconfig_unknown_key(struct wslconfig_parser *, const char *key,
	    const char *value, bool nul_padded);
void	 wslconfig_note_malformed(struct wslconfig_parser *,
	    struct wslconfig_problem *, int bad);
void	 wslconfig_note_duplicate(struct wslconfig_parser *,
	    struct wslconfig_problem *, const struct wslkey *,
	    const struct wslconfig_seen *, const char *value);
void	 wslconfig_note_swallowed(struct wslconfig_parser *, size_t from,
	    size_t to, unsigned long line, const char *what);
void	 wslconfig_note_stopped(struct wslconfig_parser *);
void	 wslconfig_finish(struct wslconfig_parser *);

/* wslconfig/wslconfig_fix.c: did-you-mean and checked fixes */
/*
 * The known key of MASK closest to the name LEAF written in SECTION (NULL:
 * none), among those VALUE is valid for; NULL when none is close enough
 * or two are equally close.  *SAME is set to 1 when the match is a name
 * of the key under SECTION itself (an alias counts).
 */
const struct wslkey *wslconfig_closest_key(const char *leaf,
	    const char *section, const char *value, int mask, int *same);
/* The key LEAF in the known section of MASK closest to SECTION. */
const struct wslkey *wslconfig_closest_section(const char *section,
	    const char *leaf, const char *value, int mask);
/* Every suggestion re-linted: an invalid one is dropped; asked filled. */
void	 wslconfig_check_fixes(struct wslconfig_result *);

#endif
