/* SPDX-License-Identifier: MIT */
/* Did-you-mean for config names; see suggest.h. */
#include "config.h"

#include "wslconfig/suggest.h"

#include <ctype.h>
#include <string.h>

/* git help.c: levenshtein(cmd, candidate, 0, 2, 1, 3). */
#define COST_SWAP	0
#define COST_SUBST	2
#define COST_INSERT	1	/* a letter the user left out */
#define COST_DELETE	3	/* a letter the user added */

/*
 * Names people use for a setting, normalised, and the setting's own
 * normalised name.  Collected from the misspelling table of
 * tests/unit/test_suggest.c (microsoft/WSL threads).
 */
static const struct {
	const char *alias, *name;
} synonyms[] = {
	{ "cpu", "processors" }, { "cpus", "processors" },
	{ "core", "processors" }, { "cores", "processors" },
	{ "cpucount", "processors" }, { "numcpus", "processors" },
	{ "numprocessors", "processors" }, { "processorcount", "processors" },
	{ "vcpu", "processors" }, { "vcpus", "processors" },
	{ "ram", "memory" }, { "mem", "memory" }, { "maxmemory", "memory" },
	{ "memsize", "memory" }, { "memlimit", "memory" },
	{ "swapsize", "swap" }, { "swapmemory", "swap" },
	{ "swapspace", "swap" },
	{ "swappath", "swapfile" }, { "swapvhd", "swapfile" },
	{ "netmode", "networkingmode" }, { "networktype", "networkingmode" },
	{ "networking", "networkingmode" },
	{ "portforwarding", "localhostforwarding" },
	{ "gui", "guiapplications" }, { "wslg", "guiapplications" },
	{ "gpu", "gpusupport" },
	{ "kernelcmdline", "kernelcommandline" },
	{ "cmdline", "kernelcommandline" },
	{ "kernelargs", "kernelcommandline" },
	{ "memoryreclaim", "automemoryreclaim" },
	{ "sparse", "sparsevhd" }, { "sparsedisk", "sparsevhd" },
	{ "vhdsize", "defaultvhdsize" }, { "disksize", "defaultvhdsize" },
	{ "proxy", "autoproxy" },
	{ "defaultuser", "default" }, { "username", "default" },
	{ "fstab", "mountfstab" },
};

/* Words people append to a setting's name: memorySize, swapLimit. */
static const char *const noise[] = { "size", "limit", "count", "max",
    "mb", "gb", "amount", "value", "enabled", "enable", NULL };

void
suggest_normalize(const char *in, char *out, size_t size)
{
	size_t n = 0;

	for (; *in != '\0' && n + 1 < size; in++)
		if (isalnum((unsigned char)*in) && !((unsigned char)*in & 0x80))
			out[n++] = (char)tolower((unsigned char)*in);
	out[n] = '\0';
}

int
suggest_distance(const char *a, const char *b)
{
	int row0[SUGGEST_NAME_MAX + 1], row1[SUGGEST_NAME_MAX + 1];
	int row2[SUGGEST_NAME_MAX + 1];
	int la = (int)strnlen(a, SUGGEST_NAME_MAX + 1);
	int lb = (int)strnlen(b, SUGGEST_NAME_MAX + 1);
	int i, j;

	if (la > SUGGEST_NAME_MAX || lb > SUGGEST_NAME_MAX)
		return -1;
	for (j = 0; j <= lb; j++)
		row1[j] = j * COST_INSERT;
	for (i = 0; i < la; i++) {
		row2[0] = (i + 1) * COST_DELETE;
		for (j = 0; j < lb; j++) {
			int s = a[i] == b[j] ? 0 : COST_SUBST;

			if (s && isdigit((unsigned char)a[i]) &&
			    isdigit((unsigned char)b[j]))
				s *= 2;
			row2[j + 1] = row1[j] + s;
			if (i > 0 && j > 0 && a[i - 1] == b[j] &&
			    a[i] == b[j - 1] &&
			    row2[j + 1] > row0[j - 1] + COST_SWAP)
				row2[j + 1] = row0[j - 1] + COST_SWAP;
			if (row2[j + 1] > row1[j + 1] + COST_DELETE)
				row2[j + 1] = row1[j + 1] + COST_DELETE;
			if (row2[j + 1] > row2[j] + COST_INSERT)
				row2[j + 1] = row2[j] + COST_INSERT;
		}
		memcpy(row0, row1, sizeof row0);
		memcpy(row1, row2, sizeof row1);
	}
	return row1[lb];
}

const char *
suggest_synonym(const char *n)
{
	for (size_t i = 0; i < sizeof synonyms / sizeof *synonyms; i++)
		if (strcmp(synonyms[i].alias, n) == 0)
			return synonyms[i].name;
	return NULL;
}

static int
is_noise(const char *s)
{
	for (size_t i = 0; noise[i]; i++)
		if (strcmp(noise[i], s) == 0)
			return 1;
	return 0;
}

int
suggest_score(const char *typed, const char *known)
{
	char t[SUGGEST_NAME_MAX + 2], k[SUGGEST_NAME_MAX + 2];
	const char *syn;
	size_t lt, lk;
	int d, room;

	suggest_normalize(typed, t, sizeof t);
	suggest_normalize(known, k, sizeof k);
	lt = strlen(t);
	lk = strlen(k);
	if (lt == 0 || lk == 0 || lt > SUGGEST_NAME_MAX)
		return SUGGEST_FAR;
	if (strcmp(t, k) == 0)
		return 0;
	syn = suggest_synonym(t);
	if (syn)
		return strcmp(syn, k) == 0 ? 1 : SUGGEST_FAR;
	if (lt >= 4 && strncmp(k, t, lt) == 0)
		return 1;
	if (lk >= 4 && lt > lk && strncmp(t, k, lk) == 0 && is_noise(t + lk))
		return 2;
	d = suggest_distance(t, k);
	room = (int)(lk > 6 ? lk : 6) + 2;
	if (d < 0 || d * 4 > room)
		return SUGGEST_FAR;
	return 3 + d;
}
