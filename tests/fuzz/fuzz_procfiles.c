/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the small /proc, /sys and /etc files the environment check
 * parses (parse/procparse.c).  Every parser gets the same bytes, as
 * rootfs_read() hands them over: copied and NUL-terminated, embedded
 * NULs included.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/procparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *
copy(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_object *map = json_object_new_object();
	unsigned long long ticks;
	long long bt;
	double up;
	char *s;

	s = copy(data, size);
	(void)procparse_btime(s, &bt);
	(void)procparse_uptime(s, &up);
	(void)procparse_cpu_list(s);
	procparse_os_release(s, map);
	free(s);
	s = copy(data, size);
	(void)procparse_starttime(s, &ticks);
	free(s);
	s = copy(data, size);
	free(procparse_drive_mount(s, size ? (char)data[0] : 'c'));
	free(s);
	/* The map must serialise: every key and value was valid UTF-8. */
	(void)json_object_to_json_string(map);
	json_object_put(map);
	return 0;
}
