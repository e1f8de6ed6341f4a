/* SPDX-License-Identifier: MIT */
/* The environment check: is this WSL2, which WSL, where is .wslconfig. */
#ifndef WSLPROBE_CHECKS_ENVIRONMENT_H
#define WSLPROBE_CHECKS_ENVIRONMENT_H

#include <json-c/json.h>

#include "core/expect.h"
#include "core/result.h"

enum env_kind { ENV_NOT_WSL, ENV_WSL1, ENV_WSL2 };

/*
 * Classifies the snapshot (wsl-facts.md §1.1).  When WHY is not NULL it
 * gets an allocated, NULL-terminated list of evidence lines.
 */
enum env_kind	 environment_kind(json_object *snap, char ***why);
void		 environment_why_free(char **why);
/* The same from a quick passive look at ROOT, before gathering. */
int		 environment_quick_is_wsl2(const char *root);
/* The facts the reports show in their header; caller puts it. */
json_object	*environment_summary(json_object *snap);
int		 check_environment_judge(json_object *snap,
		    const struct wp_expect *, struct wp_results *);

#endif
