/* SPDX-License-Identifier: MIT */
/* The table of checks, in the order reports show them. */
#include "config.h"

#include "engine/check.h"

#include <stdlib.h>
#include <string.h>

#include "facts/wsl.h"
#include "gather/netlink.h"
#include "gather/wslsignals.h"
#include "util/xalloc.h"

extern const struct wp_check check_environment;
extern const struct wp_check check_config;
extern const struct wp_check check_network;
extern const struct wp_check check_localhost;
extern const struct wp_check check_dns;
extern const struct wp_check check_proxy;
extern const struct wp_check check_memory;
extern const struct wp_check check_disk;

const struct wp_check *const wp_checks[] = {
	&check_environment,
	&check_config,
	&check_network,
	&check_localhost,
	&check_dns,
	&check_proxy,
	&check_memory,
	&check_disk,
	NULL
};

static const struct wp_shared_gather shared_wsl = {
	.name = "wsl-signals",
	.provides = WP_NEED_WSL,
	.gather = wslsignals_gather,
};

static const struct wp_shared_gather shared_netlink = {
	.name = "netlink",
	.provides = WP_NEED_NET,
	.gather = netlink_shared_gather,
};

const struct wp_shared_gather *const wp_shared_gathers[] = {
	&shared_wsl,
	&shared_netlink,
	NULL
};

const struct wp_plan wp_default_plan = {
	.checks = wp_checks,
	.shared = wp_shared_gathers,
	.may_probe = facts_wsl_may_probe,
};

const struct wp_check *
wp_check_find(const char *name, char **error)
{
	const struct wp_check *found = NULL;
	size_t len = strlen(name), i, matches = 0;
	char *list = NULL;

	*error = NULL;
	for (i = 0; wp_checks[i]; i++) {
		if (strcmp(wp_checks[i]->name, name) == 0)
			return wp_checks[i];
	}
	for (i = 0; len && wp_checks[i]; i++) {
		if (strncmp(wp_checks[i]->name, name, len) != 0)
			continue;
		matches++;
		found = wp_checks[i];
		{
			char *l = xasprintf("%s%s%s", list ? list : "",
			    list ? ", " : "", wp_checks[i]->name);
			free(list);
			list = l;
		}
	}
	if (matches == 1) {
		free(list);
		return found;
	}
	if (matches > 1)
		*error = xasprintf("ambiguous check '%s', could be: %s",
		    name, list);
	else
		*error = xasprintf("unknown check '%s' (see --list-checks)",
		    name);
	free(list);
	return NULL;
}

int
wp_check_rank(const char *name)
{
	int i;

	for (i = 0; wp_checks[i]; i++) {
		if (strcmp(wp_checks[i]->name, name) == 0)
			return i;
	}
	return i + 1;
}
