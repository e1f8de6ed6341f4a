/* SPDX-License-Identifier: MIT */
/* The environment check: is this WSL2, which WSL, where is .wslconfig. */
#ifndef WSLPROBE_CHECKS_ENVIRONMENT_H
#define WSLPROBE_CHECKS_ENVIRONMENT_H

#include <json-c/json.h>

#include "engine/expect.h"
#include "engine/result.h"

/* The facts the reports show in their header; caller puts it. */
json_object	*environment_summary(json_object *snap);
int		 check_environment_judge(json_object *snap,
		    const struct wp_expect *, struct wp_results *);

#endif
