/* SPDX-License-Identifier: MIT */
/*
 * .wslconfig and /etc/wsl.conf parsing, exactly as WSL does it
 * (docs/wslconfig.md; microsoft/WSL src/shared/configfile/configfile.cpp):
 * the same decoding, the same state machine with its quirks, the same value
 * types, first-occurrence-wins duplicates, and every warning WSL prints, plus
 * the silent problems WSL does not report (encoding, mangled values, text
 * swallowed by CR-only comments or Ctrl+Z, settings the file's own
 * networking mode makes meaningless).
 */
#ifndef WSLPROBE_WSLCONFIG_WSLCONFIG_H
#define WSLPROBE_WSLCONFIG_WSLCONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wslconfig/wslkeys.h"

enum wslconfig_flavor {
	WSLCONFIG_WINDOWS,	/* %UserProfile%\.wslconfig (wslservice) */
	WSLCONFIG_WSLCONF	/* /etc/wsl.conf, read by the distro's init */
};

/* What WSL's parser yields for a value (before Initialize() adjustments). */
struct wslconfig_value {
	enum wslkey_type	 type;
	bool			 valid;	/* false: WSL keeps the default */
	union {
		bool		 b;	/* WSLKEY_BOOL */
		long long	 i;	/* WSLKEY_INT (saturated to 32 bits
					   on Windows) */
		uint64_t	 bytes;	/* WSLKEY_MEMORY */
		char		*s;	/* STRING, PATH, IPV4, MAC: UTF-8 text;
					   ENUM: canonical lower case */
		struct {
			uint16_t	*v;	/* sorted, unique */
			size_t		 n;
		} ports;		/* WSLKEY_PORTS */
	} u;
};

struct wslconfig_setting {
	const struct wslkey	*def;		/* the table row */
	const char		*key;		/* canonical: def->name */
	char			*written;	/* full key as WSL built it */
	unsigned long		 line;
	char			*value;		/* raw value WSL built (UTF-8,
						   bad bytes as U+FFFD) */
	char			*intended;	/* the value as the user wrote
						   it, before low-byte
						   mangling */
	struct wslconfig_value	 typed;
};

struct wslconfig_problem {
	unsigned long	 line;
	const char	*kind;		/* "unknown-key", ... */
	const char	*subkind;	/* "boolean", ... or NULL */
	char		*message;	/* WSL's wording where WSL has one */
	const char	*diagnosis;	/* unknown-key only: "typo", ... */
	char		*suggestion;	/* the corrected line(s), or NULL */
	char		*hint;		/* one explaining sentence, or NULL */
	char		*key;		/* key concerned as written, or NULL */
	const char	*setting;	/* the known setting the line was meant
					   for (a typo, a wrong section or
					   file, no section, an invalid value),
					   or NULL: WSL does not apply it */
	char		*asked;		/* what the line asks for: the typed
					   value of the valid fix as text
					   ("mirrored", "4294967296"), else
					   the value as written; NULL when
					   setting is NULL */
	char		*written;	/* the line as written, or NULL */
	char		*section;	/* the section the line is in ("" for
					   none) */
};

struct wslconfig_result {
	enum wslconfig_flavor	  flavor;
	char			 *display_name;
	const char		 *encoding;	/* "utf-8", "utf-8-bom",
						   "utf-16le-bom", "utf-16le",
						   "utf-16be-bom", "utf-16be",
						   "legacy-8bit" */
	char			 *fatal;	/* NULL, or why WSL refuses
						   the whole file */
	struct wslconfig_setting *settings;	/* file order */
	size_t			  nsettings;
	struct wslconfig_problem *problems;	/* file order */
	size_t			  nproblems;
	unsigned long		  stopped_at;	/* wsl.conf: line where parsing
						   stopped, or 0 */
	unsigned long		  dns_tunneling_off_line; /* line of an invalid
						   dnsTunnelingIpAddress that
						   turned tunneling off, or 0 */
};

/*
 * Parse a whole file held in memory (any bytes, NULs included; data need not
 * be NUL-terminated).  display_name is used in messages.  Never fails except
 * by aborting on OOM.  The caller frees the result with
 * wslconfig_result_free().
 */
struct wslconfig_result	*wslconfig_parse(const char *data, size_t len,
			    enum wslconfig_flavor, const char *display_name);
void			 wslconfig_result_free(struct wslconfig_result *);
size_t			 wslconfig_problem_count(
			    const struct wslconfig_result *);
/*
 * The setting with this canonical key (aliases resolved) if WSL accepted its
 * value: NULL when absent, invalid or when the file is fatal.
 */
const struct wslconfig_setting *wslconfig_get(const struct wslconfig_result *,
			    const char *canonical_key);
/* The setting entry even when its value was invalid (typed.valid false). */
const struct wslconfig_setting *wslconfig_find(const struct wslconfig_result *,
			    const char *canonical_key);

/* A typed value as text: "true", "8589934592", "80,443", "mirrored". */
char			*wslconfig_value_text(const struct wslconfig_value *);
/*
 * 1 when LINE ("key=value", or "[section]\nkey=value") parses without any
 * problem in FLAVOR within SECTION (used when LINE has no header), and,
 * when K is given, sets K to a valid value that fits K's type (a path
 * must look like one).  *TEXT, when given, receives K's typed value as
 * text.  (wslconfig/wslconfig_fix.c)
 */
int			 wslconfig_line_valid(const char *line,
			    const char *section, enum wslconfig_flavor,
			    const struct wslkey *k, char **text);

/*
 * Decoding (wslconfig/wslconfig_decode.c): the UTF-16 code units the parser
 * reads with fgetwc.  Windows: BOM rules, CRLF -> LF, Ctrl+Z ends the file,
 * invalid UTF-8 -> U+FFFD.  wsl.conf: bytes pass through (0x80..0xFF become
 * 0xDF80..0xDFFF, whose low byte is the byte), no translation at all.
 */
struct wslconfig_text {
	uint16_t	*u;		/* code units */
	size_t		 n;
	uint8_t		*bad;		/* NULL, or 1 where u[i] came from an
					   invalid UTF-8 sequence */
	const char	*encoding;	/* see struct wslconfig_result */
	bool		 ctrlz;		/* a Ctrl+Z cut the file */
	unsigned long	 ctrlz_line;	/* physical line of the Ctrl+Z */
	char		*ctrlz_hidden;	/* start of the text it hides, or NULL
					   when only blanks follow */
};

void	wslconfig_decode(const char *data, size_t len, enum wslconfig_flavor,
	    struct wslconfig_text *);
void	wslconfig_text_release(struct wslconfig_text *);
/* Append units [from, to) as UTF-8 (pairs joined, lone surrogates and
   wsl.conf bytes >= 0x80 as U+FFFD) into a new string; max caps the units. */
char	*wslconfig_units_to_utf8(const uint16_t *u, size_t from, size_t to,
	    size_t max);
/* Copy bytes as valid UTF-8: every invalid sequence becomes U+FFFD. */
char	*wslconfig_utf8_sanitize(const char *s, size_t len);

#endif
