/* SPDX-License-Identifier: MIT */
/* WSL2, WSL1 or not WSL; see wsl.h. */
#include "config.h"

#include "facts/wsl.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/snapshot.h"
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
	if (kernel_says)
		return ENV_WSL2;
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
