/* SPDX-License-Identifier: MIT */
/*
 * The memory check, gathering half (wsl-facts.md §6, §8): the /proc and
 * /sys files the judges need, read under the root and recorded as they
 * were read (snap.files), so a replay judges the same bytes; a few
 * existence facts (/dev/kvm, /mnt/wslg, the root cgroup's
 * memory.reclaim), WSLg's environment, the largest processes, and with
 * --watch-reclaim the reclaim samples (gather/reclaimwatch.c).  The
 * judges are memory_size.c, memory_kernel.c and memory_reclaim.c.
 */
#include "config.h"

#include "checks/memory.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/check.h"
#include "engine/ctx.h"
#include "engine/params.h"
#include "engine/snapshot.h"
#include "facts/wsl.h"
#include "gather/kernlog.h"
#include "gather/reclaimwatch.h"
#include "gather/toprss.h"
#include "parse/procmem.h"
#include "parse/procparse.h"
#include "util/encoding.h"
#include "util/rootfs.h"

#define MEM_FILE_CAP	(256 * 1024)
#define SWAP_BOOT_S	30	/* mkswap may still run (§6.2) */
#define SWAP_REREAD_MS	1000
#define TOP_PROCS	3

static const char *const memory_settings[] = {
	"wsl2.memory", "wsl2.processors", "wsl2.swap",
	"wsl2.kernelCommandLine", "wsl2.kernel",
	"wsl2.nestedVirtualization", "wsl2.guiApplications",
	"wsl2.debugConsole", "experimental.autoMemoryReclaim",
	"memory.usage", NULL
};

/* Files recorded as read. */
static const char *const memory_files[] = {
	"/proc/meminfo", "/proc/swaps", "/proc/vmstat", "/proc/cmdline",
	"/proc/cpuinfo", "/proc/sys/kernel/osrelease", "/proc/version",
	"/sys/devices/system/cpu/online", NULL
};

/* Existence only: devices and write-only files are never read. */
static const char *const memory_exists[] = {
	"/dev/kvm", "/mnt/wslg", "/sys/fs/cgroup/memory.reclaim",
	"/sys/fs/cgroup/cgroup.controllers", NULL
};

/* WSLg's variables (wsl-facts.md §1.1), for wsl2.guiApplications. */
static const char *const gui_env[] = {
	"WAYLAND_DISPLAY", "DISPLAY", "WSL2_GUI_APPS_ENABLED", NULL
};

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	if (ms > 0)
		nanosleep(&ts, NULL);
}

/*
 * Right after boot SwapTotal can still be 0: WSL runs mkswap
 * asynchronously (§6.2).  Within the first 30 s /proc/meminfo is read
 * once more, and the first reading is kept as a fact.
 */
static void
swap_reread(struct wp_ctx *ctx, json_object *frag, json_object *mem)
{
	struct rootfs_file f;
	unsigned long long kb;
	double up;
	long wait = SWAP_REREAD_MS, left = wp_ctx_remaining_ms(ctx) - 200;

	rootfs_read(ctx->root, "/proc/uptime", 4096, &f);
	if (f.error || procparse_uptime(f.data, &up) < 0 ||
	    up >= SWAP_BOOT_S) {
		rootfs_file_release(&f);
		return;
	}
	rootfs_file_release(&f);
	rootfs_read(ctx->root, "/proc/meminfo", MEM_FILE_CAP, &f);
	if (f.error || procmem_meminfo(f.data, f.len, "SwapTotal", &kb) < 0 ||
	    kb != 0) {
		rootfs_file_release(&f);
		return;
	}
	rootfs_file_release(&f);
	{
		json_object *o = snap_obj(mem, "swap_reread");

		json_object_object_add(o, "first_swap_kb",
		    json_object_new_int64(0));
		json_object_object_add(o, "uptime_s",
		    json_object_new_double(up));
	}
	sleep_ms(wait < left ? wait : left);
	rootfs_read(ctx->root, "/proc/meminfo", MEM_FILE_CAP, &f);
	snap_add_file(frag, "/proc/meminfo", &f);
	rootfs_file_release(&f);
}

static void
gather_kernel_log(struct wp_ctx *ctx, json_object *mem)
{
	const char *status;
	char *line;

	if (ctx->root && strcmp(ctx->root, "/") != 0)
		return;		/* a tree has no kernel log */
	line = kernlog_find("falling back to drop_caches", &status);
	snap_set_str(mem, "kernel_log", status);
	snap_set_str(mem, "kernel_log_fallback", line);
	free(line);
}

static int
memory_gather(struct wp_ctx *ctx, json_object *frag)
{
	json_object *mem = snap_obj(frag, "memory");
	json_object *ex = snap_obj(mem, "exists");
	json_object *env = snap_obj(frag, "env");
	long watch = ctx->params ? ctx->params->watch_reclaim_s : 0;

	for (size_t i = 0; memory_files[i]; i++) {
		struct rootfs_file f;

		rootfs_read(ctx->root, memory_files[i], MEM_FILE_CAP, &f);
		snap_add_file(frag, memory_files[i], &f);
		rootfs_file_release(&f);
	}
	for (size_t i = 0; memory_exists[i]; i++)
		json_object_object_add(ex, memory_exists[i],
		    json_object_new_boolean(rootfs_exists(ctx->root,
		    memory_exists[i])));
	for (size_t i = 0; gui_env[i]; i++) {
		const char *v = getenv(gui_env[i]);

		if (v && utf8_valid_cstr(v))
			snap_set_str(env, gui_env[i], v);
	}
	swap_reread(ctx, frag, mem);
	json_object_object_add(mem, "top_rss", toprss_gather(ctx->root,
	    TOP_PROCS));
	gather_kernel_log(ctx, mem);
	if (watch > 0)
		reclaim_watch(ctx->root, watch, reclaim_watch_interval_ms(),
		    ctx->deadline_ms, snap_obj(mem, "reclaim_watch"));
	return 0;
}

int
check_memory_judge(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	if (!facts_mem_wsl2_or_skip(snap, MEM_CHECK, memory_settings, x, rs))
		return 0;
	mem_judge_sizes(snap, x, rs);
	mem_judge_kernel(snap, x, rs);
	mem_judge_reclaim(snap, x, rs);
	mem_judge_usage(snap, rs);
	return 0;
}

const struct wp_check check_memory = {
	.name = "memory",
	.title = "memory, processors, swap, kernel and memory reclaim",
	.settings = memory_settings,
	.flags = WP_CHECK_LONG,
	.needs = WP_NEED_WSL,
	.gather = memory_gather,
	.judge = check_memory_judge,
};
