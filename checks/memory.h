/* SPDX-License-Identifier: MIT */
/*
 * The memory check (wsl-facts.md §6, §8): memory, processors and swap
 * against /proc and /sys, the kernel settings with an in-VM footprint,
 * autoMemoryReclaim (passive evidence, or the --watch-reclaim samples),
 * and the memory-pressure facts.  Gathering is passive: files only, so
 * it works under --root and in replay.  The judges and the facts they
 * share are exposed for unit tests.
 */
#ifndef WSLPROBE_CHECKS_MEMORY_H
#define WSLPROBE_CHECKS_MEMORY_H

#include <json-c/json.h>

#include "engine/expect.h"
#include "engine/result.h"
#include "facts/mem.h"

#define MEM_CHECK	"memory"

/* --- the judges --- */

/* wsl2.memory, wsl2.processors, wsl2.swap (memory_size.c). */
void	mem_judge_sizes(json_object *snap, const struct wp_expect *,
	    struct wp_results *);
/* wsl2.kernelCommandLine, kernel, nestedVirtualization,
 * guiApplications, debugConsole (memory_kernel.c). */
void	mem_judge_kernel(json_object *snap, const struct wp_expect *,
	    struct wp_results *);
/* experimental.autoMemoryReclaim and memory.usage (memory_reclaim.c). */
void	mem_judge_reclaim(json_object *snap, const struct wp_expect *,
	    struct wp_results *);
void	mem_judge_usage(json_object *snap, struct wp_results *);
int	check_memory_judge(json_object *snap, const struct wp_expect *,
	    struct wp_results *);

#endif
