/* SPDX-License-Identifier: MIT */
/* Shared bits of the cmocka unit tests. */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <stdio.h>
#include <string.h>

#include "engine/runner.h"
#include "engine/snapshot.h"

enum cli_status
th_parse(struct cli_opts *o, const char *const *args)
{
	char *argv[64];
	int argc = 0;
	FILE *null = fopen("/dev/null", "w");
	enum cli_status st;

	argv[argc++] = (char *)(uintptr_t)"wslprobe";
	while (*args && argc < 63)
		argv[argc++] = (char *)(uintptr_t)*args++;
	argv[argc] = NULL;
	st = cli_parse(argc, argv, o, null, null);
	fclose(null);
	return st;
}

json_object *
th_gather_fixture(const char *name, struct cli_opts *o)
{
	char root[4096];
	/*
	 * Passive checks only: the fixture's resolv.conf and routes name
	 * addresses that do not exist here, and unit tests send no packet
	 * (active checks are tested in namespaces by tests/scenarios).
	 */
	const char *args[] = { "--root", root, "--only", "environment,config",
	    NULL };
	json_object *snap;

	snprintf(root, sizeof root, "%s/%s", FIXTURES, name);
	assert_int_equal(th_parse(o, args), CLI_OK);
	snap = snapshot_new(o->root);
	th_runner_gather(o, snap);
	return snap;
}

void
th_runner_gather(const struct cli_opts *o, json_object *snap)
{
	struct wp_params p;

	wp_params_init(&p);
	cli_params(o, &p);
	runner_gather(&wp_default_plan, &p, snap);
	wp_params_release(&p);
}

void
th_runner_judge(const struct cli_opts *o, json_object *snap,
    const struct wp_expect *x, struct wp_results *rs)
{
	struct wp_params p;

	wp_params_init(&p);
	cli_params(o, &p);
	runner_judge(wp_checks, &p, snap, x, rs);
	wp_params_release(&p);
}

const struct wp_result *
th_find(const struct wp_results *rs, const char *setting)
{
	for (size_t i = 0; i < rs->n; i++)
		if (strcmp(rs->v[i].setting, setting) == 0)
			return &rs->v[i];
	return NULL;
}

json_object *
th_load_snapshot(const char *name)
{
	char path[4096], *err = NULL;
	json_object *snap;

	snprintf(path, sizeof path, "%s/snapshots/%s.json", FIXTURES, name);
	snap = snapshot_load(path, &err);
	if (!snap)
		fail_msg("%s: %s", path, err);
	return snap;
}

const struct wp_result *
th_expect(const struct wp_results *rs, const char *setting, enum wp_verdict v,
    const char *observed)
{
	const struct wp_result *r = th_find(rs, setting);

	if (!r)
		fail_msg("no result for %s", setting);
	if (r->verdict != v)
		fail_msg("%s: verdict %s, expected %s", setting,
		    wp_verdict_name(r->verdict), wp_verdict_name(v));
	if (observed && (!r->observed || strcmp(r->observed, observed)))
		fail_msg("%s: observed '%s', expected '%s'", setting,
		    r->observed ? r->observed : "(null)", observed);
	return r;
}

int
th_evidence_has(const struct wp_result *r, const char *text)
{
	for (size_t i = 0; r && i < r->n_evidence; i++)
		if (strstr(r->evidence[i], text))
			return 1;
	return 0;
}

int
th_mentions(const struct wp_results *rs, const char *setting,
    const char *text)
{
	const struct wp_result *r = th_find(rs, setting);

	return th_evidence_has(r, text) || (r && r->hint &&
	    strstr(r->hint, text));
}
