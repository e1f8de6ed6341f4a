/* SPDX-License-Identifier: MIT */
/*
 * The table of report formats: the only list of them.  Help text, usage
 * errors, lint, diff, bash completion (through --list-formats) and the
 * fuzz targets all read it.
 */
#include "config.h"

#include "reports/report.h"

#include <stdlib.h>
#include <string.h>

extern const struct wp_reporter report_text;
extern const struct wp_reporter report_json;
extern const struct wp_reporter report_markdown;
extern const struct wp_reporter report_junit;
extern const struct wp_reporter report_tap;
extern const struct wp_reporter report_prometheus;

static const struct wp_reporter *const reporters[] = {
	&report_text,
	&report_json,
	&report_markdown,
	&report_junit,
	&report_tap,
	&report_prometheus,
	NULL
};

const struct wp_reporter *const *
report_all(void)
{
	return reporters;
}

const struct wp_reporter *
report_find(const char *name)
{
	for (size_t i = 0; reporters[i]; i++)
		if (strcmp(reporters[i]->name, name) == 0)
			return reporters[i];
	return NULL;
}

void
report_print_names(FILE *fp, unsigned flags, const char *sep)
{
	const char *s = "";

	for (size_t i = 0; reporters[i]; i++) {
		if ((reporters[i]->flags & flags) != flags)
			continue;
		fprintf(fp, "%s%s", s, reporters[i]->name);
		s = sep;
	}
}

char *
report_names(unsigned flags)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (!fp)
		abort();
	report_print_names(fp, flags, ", ");
	if (fclose(fp) != 0)
		abort();
	return buf;
}
