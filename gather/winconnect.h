/* SPDX-License-Identifier: MIT */
/*
 * The Windows → Linux localhost test (wsl-facts.md §3.1): listen on an
 * ephemeral 127.0.0.1 port and have a Windows program (curl.exe, else
 * PowerShell) connect to localhost:PORT through interop, fixed argv,
 * bounded by a deadline.  Only a real connection proves forwarding.
 */
#ifndef WSLPROBE_GATHER_WINCONNECT_H
#define WSLPROBE_GATHER_WINCONNECT_H

#include <json-c/json.h>

#include "engine/ctx.h"

/*
 * Runs the test when interop works and a Windows program exists under
 * the root's C: mount; fills OUT with {tool, port, outcome, ms, why}
 * (outcome connected, timeout, error or not-run).  Never prints.
 */
void	winconnect_run(const struct wp_ctx *ctx, json_object *out);

#endif
