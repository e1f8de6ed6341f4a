/* SPDX-License-Identifier: MIT */
/* The localhost check: Linux → Windows on 127.0.0.1, and the reverse. */
#ifndef WSLPROBE_CHECKS_LOCALHOST_H
#define WSLPROBE_CHECKS_LOCALHOST_H

#include <json-c/json.h>

#include "engine/expect.h"
#include "engine/result.h"

int	check_localhost_judge(json_object *snap, const struct wp_expect *,
	    struct wp_results *);

#endif
