/* SPDX-License-Identifier: MIT */
/*
 * `wslprobe diff`: what changed between two result sets — settings whose
 * verdict, observed or expected value changed, new and gone results, the
 * evidence that changed, and the environment facts that changed — as
 * text or Markdown.  Timings ("12 ms") are not changes.
 */
#ifndef WSLPROBE_REPORTS_DIFF_H
#define WSLPROBE_REPORTS_DIFF_H

#include <stdio.h>

#include <json-c/json.h>

#include "engine/result.h"

struct wp_redact;

struct wp_diff_side {
	const char		*name;		/* the file, as given */
	const struct wp_results	*results;
	json_object		*environment;	/* may be NULL */
};

/*
 * Writes the differences from OLD to NEW through R (may be NULL: then
 * only secrets go) and sets *CHANGES to how many there are.  Returns 0,
 * or -1 when writing failed.
 */
int	report_diff(const struct wp_diff_side *old,
	    const struct wp_diff_side *new, int markdown,
	    struct wp_redact *r, FILE *, unsigned *changes);

#endif
