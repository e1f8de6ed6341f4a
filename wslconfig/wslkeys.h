/* SPDX-License-Identifier: MIT */
/*
 * The one table of every setting WSL reads from %UserProfile%\.wslconfig and
 * from /etc/wsl.conf (tmux options-table.c style): canonical name, aliases,
 * type, allowed enum values, default per WSL version and help text.
 * Sources: docs/wslconfig.md §3 and §4 (microsoft/WSL WslCoreConfig.cpp,
 * WslDistributionConfig.cpp).  Checks look settings up here and never parse
 * the INI themselves.
 */
#ifndef WSLPROBE_WSLCONFIG_WSLKEYS_H
#define WSLPROBE_WSLCONFIG_WSLKEYS_H

#include <stddef.h>

enum wslkey_file {
	WSLKEY_FILE_WSLCONFIG = 1,	/* %UserProfile%\.wslconfig */
	WSLKEY_FILE_WSLCONF = 2		/* /etc/wsl.conf in the distro */
};

enum wslkey_type {
	WSLKEY_BOOL,		/* true/false any case, exactly 1/0 */
	WSLKEY_INT,		/* strtol base 0 on the whole value */
	WSLKEY_MEMORY,		/* decimal + B K KB M MB G GB T TB */
	WSLKEY_STRING,
	WSLKEY_PATH,
	WSLKEY_ENUM,		/* case-insensitive exact match */
	WSLKEY_PORTS,		/* experimental.ignoredPorts */
	WSLKEY_IPV4,		/* experimental.dnsTunnelingIpAddress */
	WSLKEY_MAC		/* wsl2.macAddress: invalid is fatal */
};

#define WSLKEY_REMOVED	0x1	/* no longer read by WSL: always unknown */
#define WSLKEY_INTERNAL	0x2	/* read, but not meant for users */

struct wslkey_enum {
	const char	*name;		/* as WSL spells it: "VirtioProxy" */
	const char	*value;		/* canonical lower case: "consomme" */
};

/* One default; a key's list is newest first and ends with text == NULL. */
struct wslkey_default {
	const char	*since;		/* first version; NULL = all older */
	const char	*text;		/* for people: "50% of host RAM" */
	const char	*value;		/* machine form ("true", "60000",
					   "dropcache"); NULL = computed */
};

struct wslkey {
	const char			*name;	/* "wsl2.networkingMode" */
	enum wslkey_file		 file;
	const char *const		*aliases;	/* NULL-terminated */
	enum wslkey_type		 type;
	const struct wslkey_enum	*values;	/* ENUM only */
	const char			*valid_list;	/* WSL's list */
	const struct wslkey_default	*defaults;
	const char			*since;	/* added in, or NULL */
	int				 flags;	/* WSLKEY_REMOVED, ... */
	const char			*help;
};

/* The whole table, ending with name == NULL. */
extern const struct wslkey wslkeys[];

/*
 * Find a known, not removed key by full "section.key" name, ASCII
 * case-insensitively, resolving aliases (experimental.networkingMode ->
 * wsl2.networkingMode).  file is a mask of enum wslkey_file (0 = both).
 */
const struct wslkey	*wslkey_find(const char *name);
const struct wslkey	*wslkey_find_in(const char *name, int file);
/* A removed key (pageReporting, useWindowsDnsCache) by its last component. */
const struct wslkey	*wslkey_find_removed(const char *leaf);
/* The part after the first '.', or the name itself. */
const char		*wslkey_leaf(const char *name);
/* The default in effect for WSL version wsl_version (NULL = newest). */
const char		*wslkey_default_text(const struct wslkey *,
			    const char *wsl_version);
const char		*wslkey_default_value(const struct wslkey *,
			    const char *wsl_version);
/* Resolve an enum value as WSL does (case-insensitive), or NULL. */
const struct wslkey_enum *wslkey_enum_find(const struct wslkey *,
			    const char *value);
const char		*wslkey_type_name(enum wslkey_type);
/* Compare "2.2.1" with "2.10.0" numerically; like strcmp's sign. */
int			 wsl_version_cmp(const char *a, const char *b);

#endif
