/* SPDX-License-Identifier: MIT */
/*
 * Reporters render a finished, immutable result set (and the snapshot
 * facts the results point at).  They never probe and never choose the
 * exit code.  One file per format, one `const struct wp_reporter` each.
 */
#ifndef WSLPROBE_REPORTS_REPORT_H
#define WSLPROBE_REPORTS_REPORT_H

#include <stdio.h>

#include <json-c/json.h>

#include "core/result.h"

struct wp_report {
	const struct wp_results	*results;
	json_object		*environment;	/* facts for the header */
	json_object		*config;	/* {path, found, encoding, mtime} */
	const char		*mode;		/* "live" or "replay" */
	const char		*generated_at;
	const char		*taken_at;	/* the snapshot's, or NULL */
	int			 color;		/* ANSI colours wanted */
	int			 utf8;		/* the locale can show ✓ ✗ */
	int			 quiet, verbose;
	int			 redact;
};

enum wp_report_flags {
	WP_REPORT_REDACT = 1 << 0,	/* redacted unless --no-redact */
};

struct wp_reporter {
	const char	*name;
	const char	*ext;
	unsigned	 flags;		/* enum wp_report_flags */
	int		(*render)(const struct wp_report *, FILE *);
};

const struct wp_reporter	*report_find(const char *name);
/* "text, json": the names, for messages. */
const char			*report_names(void);

/* The JSON report object (schema wslprobe-report/1); caller puts it. */
json_object	*report_json_object(const struct wp_report *);
json_object	*report_result_json(const struct wp_result *);

#endif
