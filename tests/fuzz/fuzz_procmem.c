/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the memory and disk parsers (parse/procmem.c,
 * parse/mountinfo.c) and the cpu-list parser (parse/procparse.c) on the
 * same bytes, as rootfs_read() hands them over: copied, NUL-terminated,
 * embedded NULs included, with their length.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/mountinfo.h"
#include "parse/procmem.h"
#include "parse/procparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = { "MemTotal", "SwapTotal", "Cached",
	    "VmRSS", "", NULL };
	struct procmem_swap rows[4];
	struct mountinfo_entry e;
	unsigned long long v, b, t;
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	for (size_t i = 0; keys[i]; i++)
		(void)procmem_meminfo(s, size, keys[i], &v);
	(void)procmem_vmstat(s, size, "drop_pagecache", &v);
	(void)procmem_vmstat_sum(s, size, "pgsteal_", &v);
	(void)procmem_swaps(s, size, rows, 4);
	(void)procmem_cpu_ticks(s, size, &b, &t);
	(void)procparse_cpu_list(s);
	if (mountinfo_find(s, size, "/", &e) == 0) {
		(void)mountinfo_has_option(e.options, "discard");
		(void)mountinfo_has_option(e.super_options, "discard");
		mountinfo_entry_release(&e);
	}
	free(s);
	return 0;
}
