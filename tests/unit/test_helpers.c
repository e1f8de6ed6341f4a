/* SPDX-License-Identifier: MIT */
/* Shared bits of the cmocka unit tests. */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <stdio.h>
#include <string.h>

#include "probe/runner.h"
#include "probe/snapshot.h"

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
	runner_gather(o, snap);
	return snap;
}

const struct wp_result *
th_find(const struct wp_results *rs, const char *setting)
{
	for (size_t i = 0; i < rs->n; i++)
		if (strcmp(rs->v[i].setting, setting) == 0)
			return &rs->v[i];
	return NULL;
}
