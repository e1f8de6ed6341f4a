/* SPDX-License-Identifier: MIT */
/* Shared bits of the cmocka unit tests. */
#ifndef WSLPROBE_TESTS_UNIT_TEST_HELPERS_H
#define WSLPROBE_TESTS_UNIT_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <json-c/json.h>

#include "cli/cli.h"
#include "engine/expect.h"
#include "engine/result.h"

/* Parses ARGV (NULL-terminated, without the program name) into O. */
enum cli_status	th_parse(struct cli_opts *o, const char *const *args);
/* Gathers the fixture tree NAME (under FIXTURES) into a new snapshot. */
json_object	*th_gather_fixture(const char *name, struct cli_opts *o);
/* runner_gather / runner_judge with the registry and O's parameters. */
void		th_runner_gather(const struct cli_opts *o, json_object *snap);
void		th_runner_judge(const struct cli_opts *o, json_object *snap,
		    const struct wp_expect *x, struct wp_results *rs);
/* The first result for SETTING, or NULL. */
const struct wp_result *th_find(const struct wp_results *, const char *);

/* The snapshot FIXTURES/snapshots/NAME.json; fails the test if bad. */
json_object	*th_load_snapshot(const char *name);
/*
 * The first result for SETTING, failing the test unless its verdict is V
 * and (when OBSERVED is not NULL) its observed text is OBSERVED.
 */
const struct wp_result *th_expect(const struct wp_results *,
		    const char *setting, enum wp_verdict v,
		    const char *observed);
/* 1 if an evidence line of R (may be NULL) contains TEXT. */
int		th_evidence_has(const struct wp_result *r, const char *text);
/* 1 if the evidence or hint of SETTING's first result contains TEXT. */
int		th_mentions(const struct wp_results *, const char *setting,
		    const char *text);

#endif
