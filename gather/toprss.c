/* SPDX-License-Identifier: MIT */
/* The largest processes by RSS; see toprss.h. */
#include "config.h"

#include "gather/toprss.h"

#include <ctype.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/procmem.h"
#include "util/encoding.h"
#include "util/rootfs.h"
#include "util/xalloc.h"

#define TOPRSS_MAX	8
#define TOPRSS_PIDS	8192	/* bound the scan on a crowded VM */

struct proc {
	char			 name[64];
	unsigned long long	 rss_kb;
};

/* "Name:\tbash" of /proc/PID/status into NAME; 0, or -1. */
static int
status_name(const char *text, char *name, size_t cap)
{
	const char *p = strncmp(text, "Name:", 5) == 0 ? text + 5 : NULL;
	size_t n;

	if (!p)
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	n = strcspn(p, "\n");
	if (n >= cap)
		n = cap - 1;
	memcpy(name, p, n);
	name[n] = '\0';
	return utf8_valid_cstr(name) && n ? 0 : -1;
}

static void
insert(struct proc *top, int *n, int max, const struct proc *p)
{
	int i;

	if (*n < max)
		i = (*n)++;
	else if (top[max - 1].rss_kb < p->rss_kb)
		i = max - 1;
	else
		return;
	while (i > 0 && top[i - 1].rss_kb < p->rss_kb) {
		top[i] = top[i - 1];
		i--;
	}
	top[i] = *p;
}

json_object *
toprss_gather(const char *root, int n)
{
	json_object *arr = json_object_new_array();
	struct proc top[TOPRSS_MAX];
	char *err = NULL, *dir = rootfs_resolve(root, "/proc", &err);
	DIR *d = dir ? opendir(dir) : NULL;
	struct dirent *de;
	int count = 0, seen = 0;

	if (n > TOPRSS_MAX)
		n = TOPRSS_MAX;
	while (d && n > 0 && seen < TOPRSS_PIDS && (de = readdir(d))) {
		char path[64];
		struct rootfs_file f;
		struct proc p;

		if (!isdigit((unsigned char)de->d_name[0]) ||
		    strlen(de->d_name) > 10)
			continue;
		seen++;
		snprintf(path, sizeof path, "/proc/%s/status", de->d_name);
		rootfs_read(root, path, 16 * 1024, &f);
		/* Kernel threads have no VmRSS line: skipped. */
		if (!f.error && status_name(f.data, p.name, sizeof p.name) == 0
		    && procmem_meminfo(f.data, f.len, "VmRSS", &p.rss_kb) == 0)
			insert(top, &count, n, &p);
		rootfs_file_release(&f);
	}
	if (d)
		closedir(d);
	free(dir);
	free(err);
	for (int i = 0; i < count; i++) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "name",
		    json_object_new_string(top[i].name));
		json_object_object_add(o, "rss_kb",
		    json_object_new_int64((int64_t)top[i].rss_kb));
		json_object_array_add(arr, o);
	}
	return arr;
}
