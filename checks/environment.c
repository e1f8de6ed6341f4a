/* SPDX-License-Identifier: MIT */
/*
 * The environment check: WSL2, WSL1 or not WSL (wsl-facts.md §1.1), the
 * WSL version and live networking mode from wslinfo (§1.2), whether
 * interop works, and where .wslconfig was found (§9.3).  Gathering is
 * passive: files, the environment and wslinfo, never a packet.  The
 * judging is in environment_judge.c.
 */
#include "config.h"

#include "checks/environment.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/check.h"
#include "cli/cli.h"
#include "gather/discover.h"
#include "util/encoding.h"
#include "parse/procparse.h"
#include "util/rootfs.h"
#include "core/snapshot.h"
#include "gather/wslinfo.h"
#include "util/xalloc.h"

/* Findings, not .wslconfig keys: the environment everything rests on. */
static const char *const env_settings[] = { "environment.wsl",
    "environment.wsl-version", "environment.interop",
    "environment.wslconfig", NULL };

/* Environment variables the judges use (interface.md §4 "env"). */
static const char *const env_names[] = {
	"http_proxy", "https_proxy", "ftp_proxy", "all_proxy", "no_proxy",
	"WSL_PAC_URL", "WSL_DISTRO_NAME", "WSL_INTEROP", "WSLENV",
	"USER", NULL
};

/* Reads a small file under the root, trimmed; NULL when unreadable. */
static char *
read_small(const char *root, const char *path)
{
	struct rootfs_file f;
	char *s = NULL;

	rootfs_read(root, path, 64 * 1024, &f);
	if (!f.error && f.data) {
		size_t n = f.len;

		while (n && isspace((unsigned char)f.data[n - 1]))
			n--;
		s = xstrndup(f.data, n);
		/* The snapshot is JSON: text that is not UTF-8 is unusable. */
		if (!utf8_valid_cstr(s)) {
			free(s);
			s = NULL;
		}
	}
	rootfs_file_release(&f);
	return s;
}

/* /etc/os-release as a map (os-release(5): KEY=value, maybe quoted). */
static void
gather_os_release(struct wp_ctx *ctx, json_object *frag, json_object *sys)
{
	const char *path = "/etc/os-release";
	json_object *map = json_object_new_object();
	struct rootfs_file f;

	rootfs_read(ctx->root, path, 64 * 1024, &f);
	if (f.error) {
		rootfs_file_release(&f);
		path = "/usr/lib/os-release";
		rootfs_read(ctx->root, path, 64 * 1024, &f);
	}
	snap_add_file(frag, path, &f);
	if (f.data)
		procparse_os_release(f.data, map);
	rootfs_file_release(&f);
	json_object_object_add(sys, "os_release", map);
}

static void
gather_times(struct wp_ctx *ctx, json_object *sys)
{
	struct rootfs_file f;
	long long bt;
	double up;
	char *text;

	rootfs_read(ctx->root, "/proc/stat", 1024 * 1024, &f);
	if (f.data && procparse_btime(f.data, &bt) == 0)
		json_object_object_add(sys, "boot_time",
		    json_object_new_int64(bt));
	rootfs_file_release(&f);
	text = read_small(ctx->root, "/proc/uptime");
	if (text && procparse_uptime(text, &up) == 0)
		json_object_object_add(sys, "uptime_s",
		    json_object_new_double(up));
	free(text);
}

static void
gather_system(struct wp_ctx *ctx, json_object *frag)
{
	json_object *sys = snap_obj(frag, "system");
	char *online;
	int n;

	snap_take_str(sys, "kernel_release",
	    read_small(ctx->root, "/proc/sys/kernel/osrelease"));
	snap_take_str(sys, "proc_version", read_small(ctx->root, "/proc/version"));
	snap_take_str(sys, "cmdline", read_small(ctx->root, "/proc/cmdline"));
	gather_os_release(ctx, frag, sys);
	gather_times(ctx, sys);
	json_object_object_add(sys, "uid", json_object_new_int64(getuid()));
	online = read_small(ctx->root, "/sys/devices/system/cpu/online");
	n = online ? procparse_cpu_list(online) : -1;
	json_object_object_add(sys, "nproc", n > 0 ?
	    json_object_new_int(n) : NULL);
	free(online);
}

static void
gather_env(json_object *frag)
{
	json_object *env = snap_obj(frag, "env");

	for (size_t i = 0; env_names[i]; i++) {
		/* Every case variant: http_proxy and HTTP_PROXY differ. */
		char upper[64];
		const char *v;
		size_t j;

		v = getenv(env_names[i]);
		if (v && utf8_valid_cstr(v))
			snap_set_str(env, env_names[i], v);
		for (j = 0; env_names[i][j] && j < sizeof upper - 1; j++)
			upper[j] = (char)toupper((unsigned char)env_names[i][j]);
		upper[j] = '\0';
		if (strcmp(upper, env_names[i]) == 0)
			continue;
		v = getenv(upper);
		if (v && utf8_valid_cstr(v))
			snap_set_str(env, upper, v);
	}
}

static void
gather_signals(struct wp_ctx *ctx, json_object *wsl)
{
	char *binfmt = read_small(ctx->root,
	    "/proc/sys/fs/binfmt_misc/WSLInterop");
	const char *interop_env = getenv("WSL_INTEROP");
	int binfmt_on = 0, run_wsl;

	json_object_object_add(wsl, "init_present",
	    json_object_new_boolean(rootfs_exists(ctx->root, "/init")));
	run_wsl = rootfs_exists(ctx->root, "/run/WSL");
	json_object_object_add(wsl, "run_wsl",
	    json_object_new_boolean(run_wsl));
	if (binfmt) {
		binfmt_on = strncmp(binfmt, "enabled", 7) == 0;
		snap_set_str(wsl, "binfmt_interop",
		    binfmt_on ? "enabled" : "disabled");
	} else {
		snap_set_str(wsl, "binfmt_interop", NULL);
	}
	free(binfmt);
	snap_set_str(wsl, "distro_name", getenv("WSL_DISTRO_NAME") &&
	    utf8_valid_cstr(getenv("WSL_DISTRO_NAME")) ?
	    getenv("WSL_DISTRO_NAME") : NULL);
	/*
	 * Interop needs the binfmt entry (to run .exe files) and a way to
	 * reach init: WSL_INTEROP, or /run/WSL where init can find the
	 * session's socket through the parent processes (§9.3).
	 */
	json_object_object_add(wsl, "interop", json_object_new_boolean(
	    binfmt_on && ((interop_env && *interop_env) || run_wsl)));
}

/*
 * The distro's wsl.conf (--wsl-conf, else /etc/wsl.conf under the root)
 * and when the distro's init started: wsl.conf applies from then on.
 */
static void
gather_wslconf(struct wp_ctx *ctx, json_object *frag, json_object *wsl)
{
	const char *given = ctx->opts ? ctx->opts->wsl_conf : NULL;
	const char *path = given ? given : "/etc/wsl.conf";
	json_object *sys = snap_obj(frag, "system");
	struct rootfs_file f;
	unsigned long long ticks;
	long hz = sysconf(_SC_CLK_TCK);
	char *stat;

	if (given)
		rootfs_read_bounded(given, 1024 * 1024,
		    wp_ctx_remaining_ms(ctx), &f);
	else
		rootfs_read(ctx->root, path, 1024 * 1024, &f);
	if (!f.error || strcmp(f.error, "not found") != 0 || given) {
		snap_add_file(frag, path, &f);
		snap_set_str(wsl, "wslconf_path", path);
	} else {
		snap_set_str(wsl, "wslconf_path", NULL);
	}
	rootfs_file_release(&f);
	/* /proc/1/stat field 22: start time in clock ticks after boot. */
	stat = read_small(ctx->root, "/proc/1/stat");
	if (stat && procparse_starttime(stat, &ticks) == 0 && hz > 0)
		json_object_object_add(sys, "init_start_s",
		    json_object_new_double((double)ticks / (double)hz));
	free(stat);
}

static int
environment_gather(struct wp_ctx *ctx, json_object *frag)
{
	json_object *wsl = snap_obj(frag, "wsl");

	gather_system(ctx, frag);
	gather_wslconf(ctx, frag, wsl);
	gather_env(frag);
	gather_signals(ctx, wsl);
	wslinfo_gather(ctx->root, ctx->timeout_ms, wsl);
	discover_wslconfig(ctx, frag, wsl, snap_bool(wsl, "interop") == 1);
	return 0;
}

int
environment_quick_is_wsl2(const char *root)
{
	struct wp_ctx ctx = { .root = root };
	json_object *snap = json_object_new_object();
	json_object *sys = snap_obj(snap, "system");
	int wsl2;

	/* Passive and cheap: decides whether active probes may run. */
	snap_take_str(sys, "kernel_release",
	    read_small(root, "/proc/sys/kernel/osrelease"));
	snap_take_str(sys, "proc_version", read_small(root, "/proc/version"));
	gather_signals(&ctx, snap_obj(snap, "wsl"));
	wsl2 = environment_kind(snap, NULL) == ENV_WSL2;
	json_object_put(snap);
	return wsl2;
}

const struct wp_check check_environment = {
	.name = "environment",
	.title = "WSL2 detection, WSL version, interop and .wslconfig",
	.settings = env_settings,
	.flags = WP_CHECK_ALWAYS_GATHER,
	.gather = environment_gather,
	.judge = check_environment_judge,
};
