/* SPDX-License-Identifier: MIT */
/*
 * The proxy check (wsl-facts.md §5): the proxy variables WSL's autoProxy
 * sets, where else they are (parent chain, /etc/environment, systemd),
 * whether tools can read them, and live requests through each proxy.
 * The judge is exposed for unit tests.
 */
#ifndef WSLPROBE_CHECKS_PROXY_H
#define WSLPROBE_CHECKS_PROXY_H

#include <json-c/json.h>

#include "engine/expect.h"
#include "engine/result.h"

#define PROXY_DEFAULT_URL "http://www.msftconnecttest.com/connecttest.txt"
#define PROXY_REG_CMD "reg.exe query \"HKCU\\Software\\Microsoft\\Windows" \
	"\\CurrentVersion\\Internet Settings\""

int	check_proxy_judge(json_object *snap, const struct wp_expect *,
	    struct wp_results *);

#endif
