/* SPDX-License-Identifier: MIT */
/* Searching the kernel log; see kernlog.h. */
#include "config.h"

#include "gather/kernlog.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>

#include "util/encoding.h"
#include "util/xalloc.h"

#define KLOG_READ_ALL	3	/* SYSLOG_ACTION_READ_ALL: not destructive */
#define KLOG_SIZE	10	/* SYSLOG_ACTION_SIZE_BUFFER */
#define KLOG_MAX	(4 * 1024 * 1024)

char *
kernlog_find(const char *needle, const char **status)
{
	int size = klogctl(KLOG_SIZE, NULL, 0), n;
	char *buf, *line, *save = NULL, *found = NULL;

	if (size <= 0) {
		*status = errno == EPERM ? "not readable (dmesg_restrict)" :
		    "not readable";
		return NULL;
	}
	if (size > KLOG_MAX)
		size = KLOG_MAX;
	buf = xmalloc((size_t)size + 1);
	n = klogctl(KLOG_READ_ALL, buf, size);
	if (n < 0) {
		*status = errno == EPERM ? "not readable (dmesg_restrict)" :
		    "not readable";
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	for (line = strtok_r(buf, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save))
		if (strstr(line, needle) && utf8_valid_cstr(line)) {
			free(found);
			found = xstrdup(line);
		}
	free(buf);
	*status = found ? "found" : "not found";
	return found;
}
