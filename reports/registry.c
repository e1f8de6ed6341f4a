/* SPDX-License-Identifier: MIT */
/* The table of report formats. */
#include "config.h"

#include "reports/report.h"

#include <string.h>

extern const struct wp_reporter report_text;
extern const struct wp_reporter report_json;

static const struct wp_reporter *const reporters[] = {
	&report_text,
	&report_json,
	NULL
};

const struct wp_reporter *
report_find(const char *name)
{
	for (size_t i = 0; reporters[i]; i++)
		if (strcmp(reporters[i]->name, name) == 0)
			return reporters[i];
	return NULL;
}

const char *
report_names(void)
{
	return "text, json";
}
