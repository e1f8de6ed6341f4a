/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: parse any bytes as .wslconfig and as /etc/wsl.conf, look
 * every known key up, and render the lint JSON and text, freeing everything.
 * Seeds: tests/fuzz/corpus/wslconfig/.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>

#include "wslconfig/wslconfig.h"
#include "wslconfig/wslkeys.h"
#include "cli/lint_report.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
fuzz_one(const uint8_t *data, size_t size, enum wslconfig_flavor flavor)
{
	struct wslconfig_result *r;
	struct json_object *j;
	const struct wslkey *k;
	static FILE *null;

	r = wslconfig_parse((const char *)data, size, flavor,
	    flavor == WSLCONFIG_WINDOWS ? "C:\\Users\\fuzz\\.wslconfig" :
	    "/etc/wsl.conf");
	for (k = wslkeys; k->name != NULL; k++)
		(void)wslconfig_get(r, k->name);
	j = lint_to_json(r);
	(void)json_object_to_json_string(j);
	json_object_put(j);
	if (null == NULL)
		null = fopen("/dev/null", "w");
	if (null != NULL)
		lint_render_text(r, null);
	wslconfig_result_free(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_one(data, size, WSLCONFIG_WINDOWS);
	fuzz_one(data, size, WSLCONFIG_WSLCONF);
	return 0;
}
