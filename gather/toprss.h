/* SPDX-License-Identifier: MIT */
/*
 * The processes holding the most memory, by VmRSS of /proc/PID/status
 * under the root: names only (no PIDs, no command lines), for the
 * memory.usage evidence ("vmmem uses all my RAM").
 */
#ifndef WSLPROBE_GATHER_TOPRSS_H
#define WSLPROBE_GATHER_TOPRSS_H

#include <json-c/json.h>

/* The N largest as [{name, rss_kb}], largest first; never fails. */
json_object	*toprss_gather(const char *root, int n);

#endif
