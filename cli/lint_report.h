/* SPDX-License-Identifier: MIT */
/*
 * `wslprobe lint`: render a parsed .wslconfig or /etc/wsl.conf
 * (wslconfig/wslconfig.h) as text or as the wslprobe-lint/1 JSON document of
 * docs/interface.md §5.  Reporters only render; they never read files.
 */
#ifndef WSLPROBE_REPORTS_LINT_H
#define WSLPROBE_REPORTS_LINT_H

#include <stdio.h>

#include <json-c/json.h>

#include "wslconfig/wslconfig.h"

/*
 * One line per problem ("file:line: kind: message"), the explanation and
 * the corrected line indented under it, then one summary line.  Returns 0,
 * or -1 when writing failed.
 */
int			 lint_render_text(const struct wslconfig_result *,
			    FILE *out);
/* The wslprobe-lint/1 object; the caller owns it (json_object_put). */
struct json_object	*lint_to_json(const struct wslconfig_result *);
/* The typed value as JSON (NULL = JSON null); the caller owns it. */
struct json_object	*lint_typed_to_json(const struct wslconfig_value *);

#endif
