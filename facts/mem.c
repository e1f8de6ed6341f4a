/* SPDX-License-Identifier: MIT */
/*
 * What the memory and disk judges read from the snapshot: the recorded
 * /proc files, parsed here (parse/procmem.c) so that a replay judges the
 * very bytes that were read, and the small helpers their results share;
 * see mem.h.
 */
#include "config.h"

#include "facts/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/snapshot.h"
#include "facts/wsl.h"
#include "parse/procmem.h"
#include "util/xalloc.h"
#include "wslconfig/wslconfig.h"

enum fact_state
facts_mem_meminfo(json_object *snap, const char *key, unsigned long long *kb,
    const char **why)
{
	const char *text, *w;
	size_t len;
	enum fact_state st = fact_file(snap, "/proc/meminfo", &text, &len,
	    &w);

	if (why)
		*why = w ? w : "/proc/meminfo was not read";
	if (st != FACT_PRESENT)
		return FACT_NOT_GATHERED;
	if (procmem_meminfo(text, len, key, kb) < 0) {
		if (why)
			*why = "no such line in /proc/meminfo";
		return FACT_ABSENT;
	}
	return FACT_PRESENT;
}

enum fact_state
facts_mem_vmstat(json_object *snap, const char *name, unsigned long long *v)
{
	const char *text;
	size_t len;

	if (fact_file(snap, "/proc/vmstat", &text, &len, NULL) !=
	    FACT_PRESENT)
		return FACT_NOT_GATHERED;
	return procmem_vmstat(text, len, name, v) == 0 ? FACT_PRESENT :
	    FACT_ABSENT;
}

enum fact_state
facts_mem_cmdline(json_object *snap, char **out)
{
	const char *text;
	size_t len;
	enum fact_state st = fact_file(snap, "/proc/cmdline", &text, &len,
	    NULL);

	*out = NULL;
	if (st != FACT_PRESENT || !text)
		return st == FACT_PRESENT ? FACT_NOT_GATHERED : st;
	while (len && (text[len - 1] == '\n' || text[len - 1] == ' ' ||
	    text[len - 1] == '\0'))
		len--;
	*out = xstrndup(text, len);
	return FACT_PRESENT;
}

char *
facts_mem_cmdline_arg(const char *cmdline, const char *name)
{
	size_t n = strlen(name);
	const char *p = cmdline;

	while (p && *p) {
		const char *end;

		while (*p == ' ')
			p++;
		end = strchr(p, ' ');
		if (!end)
			end = p + strlen(p);
		if ((size_t)(end - p) > n && strncmp(p, name, n) == 0 &&
		    p[n] == '=')
			return xstrndup(p + n + 1, (size_t)(end - p) - n - 1);
		p = end;
	}
	return NULL;
}

enum fact_state
facts_mem_exists(json_object *snap, const char *path)
{
	json_object *ex = snap_get(snap, "memory.exists"), *v;

	if (!ex || !json_object_is_type(ex, json_type_object) ||
	    !json_object_object_get_ex(ex, path, &v) ||
	    !json_object_is_type(v, json_type_boolean))
		return FACT_NOT_GATHERED;
	return json_object_get_boolean(v) ? FACT_PRESENT : FACT_ABSENT;
}

static unsigned long long
unit_bytes(const char *unit)
{
	switch (unit[0]) {
	case 'K': return 1ULL << 10;
	case 'M': return 1ULL << 20;
	case 'G': return 1ULL << 30;
	case 'T': return 1ULL << 40;
	default: return 1;
	}
}

char *
facts_mem_size_text(unsigned long long bytes, const char *unit)
{
	unsigned long long u = unit_bytes(unit);

	if (u == 1)
		return xasprintf("%llu bytes", bytes);
	if (bytes % u == 0)
		return xasprintf("%llu bytes (%llu%s)", bytes, bytes / u, unit);
	return xasprintf("%llu bytes (%.2f%s)", bytes, (double)bytes /
	    (double)u, unit);
}

const char *
facts_mem_written(const struct wp_expect *x, const char *key)
{
	const struct wslconfig_result *res = expect_wslconfig(x);
	const struct wslconfig_setting *s = res ? wslconfig_get(res, key) :
	    NULL;

	return s ? s->value : NULL;
}

const char *
facts_mem_unit(const struct wp_expect *x, const char *key, const char *deflt,
    char *buf, size_t cap)
{
	const char *v = facts_mem_written(x, key);
	size_t n;

	if (!v)
		return deflt;
	/* The suffix WSL accepted: B K KB M MB G GB T TB (wslconfig.md §2). */
	n = strlen(v);
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	if (n >= 2 && v[n - 1] == 'B' && strchr("KMGT", v[n - 2]))
		snprintf(buf, cap, "%.2s", v + n - 2);
	else if (n >= 1 && strchr("KMGT", v[n - 1]))
		snprintf(buf, cap, "%c", v[n - 1]);
	else
		snprintf(buf, cap, "%s", "");
	return buf;
}

struct wp_result *
facts_mem_add(struct wp_results *rs, const char *check, const char *setting,
    enum wp_verdict v, const struct wp_expect_value *e)
{
	struct wp_result *r = wp_results_add(rs, check, setting, v);

	if (e && e->value)
		wp_result_set(&r->expected, "%s", e->value);
	if (e && e->source)
		wp_result_set(&r->expected_source, "%s", e->source);
	return r;
}

int
facts_mem_note_invalid(struct wp_result *r, const struct wp_expect *x,
    const char *key)
{
	const struct wslconfig_result *res = expect_wslconfig(x);
	const struct wslconfig_setting *s = res ? wslconfig_find(res, key) :
	    NULL;

	if (!s || s->typed.valid)
		return 0;
	wp_result_evidence(r, ".wslconfig:%lu '%s=%s' is not a value WSL "
	    "accepts: the default is in effect (see config.invalid-value)",
	    s->line, s->written ? s->written : key, s->value ? s->value : "");
	return 1;
}

int
facts_mem_wsl2_or_skip(json_object *snap, const char *check,
    const char *const *settings, const struct wp_expect *x,
    struct wp_results *rs)
{
	enum env_kind k = facts_wsl_kind(snap, NULL);

	if (k == ENV_WSL2)
		return 1;
	for (size_t i = 0; settings[i]; i++) {
		struct wp_result *r = facts_mem_add(rs, check, settings[i], WP_SKIP,
		    expect_get(x, settings[i]));

		wp_result_evidence(r, "%s", k == ENV_WSL1 ? "WSL1 has no VM: "
		    ".wslconfig's VM settings do not apply" : "not a WSL2 VM");
	}
	return 0;
}
