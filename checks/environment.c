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
#include <pthread.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/check.h"
#include "engine/params.h"
#include "gather/discover.h"
#include "gather/windows.h"
#include "gather/wslsignals.h"
#include "util/encoding.h"
#include "parse/procparse.h"
#include "util/rootfs.h"
#include "engine/snapshot.h"
#include "gather/wslinfo.h"
#include "util/xalloc.h"

/* Findings, not .wslconfig keys: the environment everything rests on. */
static const char *const env_settings[] = { "environment.wsl",
    "environment.wsl-version", "environment.interop",
    "environment.wslconfig", "environment.windows", NULL };

/*
 * Environment variables the judges use (interface.md §4 "env").  The
 * proxy variables belong to the proxy check (gather/proxyenv.c), which
 * strips their credentials.
 */
static const char *const env_names[] = {
	"WSL_DISTRO_NAME", "WSL_INTEROP", "WSLENV", "USER", NULL
};

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
	text = wslsignals_read_small(ctx->root, "/proc/uptime");
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

	snap_take_str(sys, "cmdline", wslsignals_read_small(ctx->root, "/proc/cmdline"));
	gather_os_release(ctx, frag, sys);
	gather_times(ctx, sys);
	json_object_object_add(sys, "uid", json_object_new_int64(getuid()));
	online = wslsignals_read_small(ctx->root, "/sys/devices/system/cpu/online");
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

/*
 * The distro's wsl.conf (--wsl-conf, else /etc/wsl.conf under the root)
 * and when the distro's init started: wsl.conf applies from then on.
 */
static void
gather_wslconf(struct wp_ctx *ctx, json_object *frag, json_object *wsl)
{
	const char *given = ctx->params ? ctx->params->wsl_conf : NULL;
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
	stat = wslsignals_read_small(ctx->root, "/proc/1/stat");
	if (stat && procparse_starttime(stat, &ticks) == 0 && hz > 0)
		json_object_object_add(sys, "init_start_s",
		    json_object_new_double((double)ticks / (double)hz));
	free(stat);
}

struct windows_job {
	const struct wp_ctx	*ctx;
	int			 interop;
	char			*distro;
	json_object		*win;		/* its own object until joined */
};

static void *
windows_main(void *arg)
{
	struct windows_job *j = arg;

	windows_gather(j->ctx, j->interop, j->distro, j->win);
	return NULL;
}

/*
 * Asking Windows (gather/windows.c) runs in a thread beside the rest of
 * this gather, so that the Windows programs' start-up (up to a second or
 * more for powershell.exe) overlaps wslinfo and .wslconfig discovery
 * instead of adding to them, and the whole stays within the deadline.
 * It belongs to this check because it is always gathered: the memory,
 * proxy, network and disk expectations depend on its facts.
 */
static int
environment_gather(struct wp_ctx *ctx, json_object *frag)
{
	json_object *wsl = snap_obj(frag, "wsl");
	int interop = snap_bool(ctx->shared, "wsl.interop");
	int no_windows = ctx->params && ctx->params->no_windows;
	const char *distro = snap_str(ctx->shared, "wsl.distro_name");
	struct windows_job wj = { ctx, interop, distro ? xstrdup(distro) :
	    NULL, json_object_new_object() };
	pthread_t tid;
	int threaded = pthread_create(&tid, NULL, windows_main, &wj) == 0;

	gather_system(ctx, frag);
	gather_wslconf(ctx, frag, wsl);
	gather_env(frag);
	wslinfo_gather(ctx->root, ctx->timeout_ms, wsl);
	/* The fast signals (gather/wslsignals.c) are shared facts. */
	discover_wslconfig(ctx, frag, wsl, interop == 1 && !no_windows);
	if (threaded)
		pthread_join(tid, NULL);
	else
		windows_main(&wj);
	json_object_object_add(frag, "windows", wj.win);
	free(wj.distro);
	return 0;
}

const struct wp_check check_environment = {
	.name = "environment",
	.title = "WSL2 detection, WSL version, interop and .wslconfig",
	.settings = env_settings,
	.flags = WP_CHECK_ALWAYS_GATHER,
	.needs = WP_NEED_WSL,
	.gather = environment_gather,
	.judge = check_environment_judge,
};
