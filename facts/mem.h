/* SPDX-License-Identifier: MIT */
/*
 * What the memory and disk checks share (wsl-facts.md §6-8): the
 * recorded /proc files parsed as the judges need them, sizes shown in
 * bytes and in the user's units, and the small result helpers both
 * checks use.  Pure functions of the snapshot.
 */
#ifndef WSLPROBE_FACTS_MEM_H
#define WSLPROBE_FACTS_MEM_H

#include <stddef.h>

#include <json-c/json.h>

#include "engine/expect.h"
#include "engine/result.h"
#include "facts/state.h"

#define MEM_MIB		(1024ULL * 1024)
#define MEM_GIB		(1024ULL * MEM_MIB)

/* "Key:" of /proc/meminfo in kB; *why (may be NULL) says why not. */
enum fact_state	 facts_mem_meminfo(json_object *snap, const char *key,
		    unsigned long long *kb, const char **why);
/* A counter of /proc/vmstat. */
enum fact_state	 facts_mem_vmstat(json_object *snap, const char *name,
		    unsigned long long *v);
/* /proc/cmdline without its trailing newline (points into SNAP). */
enum fact_state	 facts_mem_cmdline(json_object *snap, char **out);
/* The value of NAME= on the kernel command line (allocated), or NULL. */
char		*facts_mem_cmdline_arg(const char *cmdline, const char *name);
/* memory.exists.PATH as gathered: PRESENT, ABSENT or NOT_GATHERED. */
enum fact_state	 facts_mem_exists(json_object *snap, const char *path);
/*
 * "4294967296 bytes (4GB)": BYTES, then in UNIT ("GB", "M", ...; exact
 * when it divides, else two decimals) unless UNIT is "" or "B".
 * Allocated.
 */
char		*facts_mem_size_text(unsigned long long bytes, const char *unit);
/* The value of KEY as .wslconfig wrote it, when WSL accepted it. */
const char	*facts_mem_written(const struct wp_expect *, const char *key);
/* The unit the user wrote for KEY in .wslconfig, else DEFLT. */
const char	*facts_mem_unit(const struct wp_expect *, const char *key,
		    const char *deflt, char *buf, size_t cap);
/* A result of the memory or disk check with E's expectation. */
struct wp_result *facts_mem_add(struct wp_results *, const char *check,
		    const char *setting, enum wp_verdict,
		    const struct wp_expect_value *e);
/*
 * When .wslconfig holds KEY with a value WSL rejects, says so on R (the
 * default is then in effect) and returns 1; else 0.
 */
int		 facts_mem_note_invalid(struct wp_result *, const struct wp_expect *,
		    const char *key);
/* 1 when the snapshot is a WSL2 VM; else adds skips for SETTINGS. */
int		 facts_mem_wsl2_or_skip(json_object *snap, const char *check,
		    const char *const *settings, const struct wp_expect *,
		    struct wp_results *);

#endif
