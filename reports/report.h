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

#include "engine/result.h"

struct wp_redact;

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
	enum wp_verdict		 fail_on;	/* WP_FAIL, or WP_WARN */
	long			 duration_ms;	/* the run's, -1 unknown */
	long long		 generated_epoch; /* generated_at, epoch s */
	/*
	 * Placeholders shared by the whole report (reports/redact.h), or
	 * NULL: then only secrets are removed.  report_render applies it.
	 */
	struct wp_redact	*redactor;
};

enum wp_report_flags {
	WP_REPORT_REDACT = 1 << 0,	/* redacted unless --no-redact */
	WP_REPORT_LINT = 1 << 1,	/* lint writes it too */
	WP_REPORT_DIFF = 1 << 2,	/* diff writes it too */
};

struct wp_reporter {
	const char	*name;
	const char	*ext;
	unsigned	 flags;		/* enum wp_report_flags */
	int		(*render)(const struct wp_report *, FILE *);
};

const struct wp_reporter	*report_find(const char *name);
/*
 * Renders REP with RP through the report's redactor (render.c): the
 * only way reports are written.  Returns 0, or -1 when writing failed.
 */
int				 report_render(const struct wp_reporter *rp,
				    const struct wp_report *rep, FILE *);
/* The environment fact KEY as text, or NULL when absent or null. */
const char			*report_env_str(json_object *env,
				    const char *key);
/* The table, NULL-terminated. */
const struct wp_reporter *const	*report_all(void);
/* The names of the formats having every flag in FLAGS, joined by SEP. */
void				 report_print_names(FILE *, unsigned flags,
				    const char *sep);
/* The same joined by ", ", allocated (the caller frees). */
char				*report_names(unsigned flags);

/* The JSON report object (schema wslprobe-report/1); caller puts it. */
json_object	*report_json_object(const struct wp_report *);
json_object	*report_result_json(const struct wp_result *);
/*
 * The results of a saved JSON report, appended to RS (initialised).
 * Returns 0, or -1 with *ERROR set (allocated) when REPORT is not one.
 */
int		 report_results_from_json(json_object *report,
		    struct wp_results *rs, char **error);
/* RS passed through R into OUT (initialised): what report_render shows. */
void		 report_redact_results(struct wp_redact *r,
		    const struct wp_results *rs, struct wp_results *out);

#endif
