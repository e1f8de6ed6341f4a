/* SPDX-License-Identifier: MIT */
/* WSL2, WSL1 or not WSL; see wsl.h. */
#include "config.h"

#include "facts/wsl.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "engine/snapshot.h"
#include "util/xalloc.h"

static void
why_add(char ***why, size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
why_add(char ***why, size_t *n, const char *fmt, ...)
{
	va_list ap;

	if (!why)
		return;
	*why = xreallocarray(*why, *n + 2, sizeof **why);
	va_start(ap, fmt);
	(*why)[(*n)++] = xvasprintf(fmt, ap);
	va_end(ap);
	(*why)[*n] = NULL;
}

void
facts_why_free(char **why)
{
	for (size_t i = 0; why && why[i]; i++)
		free(why[i]);
	free(why);
}

/* WSL1 kernels are "4.4.0-<build>-Microsoft" (capital M). */
static int
is_wsl1_release(const char *rel)
{
	return rel && strstr(rel, "-Microsoft") != NULL;
}

/*
 * 1 when the snapshot holds WSL's init signals (gather/wslsignals.c); a
 * snapshot built by hand may hold only the kernel release.
 */
static int
signals_gathered(json_object *snap)
{
	static const char *const keys[] = { "init_present", "run_wsl",
	    "binfmt_interop" };
	json_object *wsl = snap_get(snap, "wsl");

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (wsl && json_object_is_type(wsl, json_type_object) &&
		    json_object_object_get_ex(wsl, keys[i], NULL))
			return 1;
	return 0;
}

enum env_kind
facts_wsl_kind(json_object *snap, char ***why)
{
	const char *rel = snap_str(snap, "system.kernel_release");
	const char *ver = snap_str(snap, "system.proc_version");
	const char *mode = snap_str(snap, "wsl.wslinfo.networking_mode");
	const char *distro = snap_str(snap, "wsl.distro_name");
	const char *binfmt = snap_str(snap, "wsl.binfmt_interop");
	int init = snap_bool(snap, "wsl.init_present") == 1;
	int run_wsl = snap_bool(snap, "wsl.run_wsl") == 1;
	int kernel_says = 0, corroborating;
	size_t n = 0;

	if (why)
		*why = NULL;
	if (rel)
		why_add(why, &n, "kernel release '%s'", rel);
	else
		why_add(why, &n, "kernel release unknown "
		    "(/proc/sys/kernel/osrelease not read)");
	if (is_wsl1_release(rel) || (mode && strcmp(mode, "wsl1") == 0)) {
		if (mode && strcmp(mode, "wsl1") == 0)
			why_add(why, &n, "wslinfo --networking-mode says "
			    "'wsl1'");
		return ENV_WSL1;
	}
	if (rel && strcasestr(rel, "microsoft"))
		kernel_says = 1;
	else if (ver && strcasestr(ver, "microsoft")) {
		kernel_says = 1;
		why_add(why, &n, "/proc/version mentions Microsoft");
	}
	corroborating = (distro != NULL) + (binfmt != NULL) + run_wsl;
	why_add(why, &n, "/init %s", init ? "present" : "missing");
	why_add(why, &n, "WSLInterop binfmt entry %s", binfmt ? binfmt :
	    "missing");
	why_add(why, &n, "/run/WSL %s", run_wsl ? "present" : "missing");
	why_add(why, &n, "WSL_DISTRO_NAME %s", distro ? "set" : "not set");
	if (kernel_says && (init && (binfmt || run_wsl)))
		return ENV_WSL2;
	if (kernel_says && !signals_gathered(snap)) {
		why_add(why, &n, "WSL's own signals were not gathered: the "
		    "kernel release alone says WSL2");
		return ENV_WSL2;
	}
	if (kernel_says) {
		/* §1.1: the kernel alone is what a container sees too. */
		why_add(why, &n, "a WSL2 kernel without WSL's init signals "
		    "(/init with the WSLInterop entry or /run/WSL): a "
		    "container (Docker, a devcontainer) on a WSL2 kernel, "
		    "not a WSL distro");
		return ENV_NOT_WSL;
	}
	/* A custom kernel= may not say Microsoft; WSL's own signals can. */
	if (init && corroborating >= 2) {
		why_add(why, &n, "kernel is not a Microsoft build, but WSL's "
		    "init signals are present (custom kernel)");
		return ENV_WSL2;
	}
	return ENV_NOT_WSL;
}



int
facts_wsl_may_probe(json_object *snap)
{
	return facts_wsl_kind(snap, NULL) == ENV_WSL2;
}
