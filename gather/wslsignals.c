/* SPDX-License-Identifier: MIT */
/* The fast WSL signals; see wslsignals.h. */
#include "config.h"

#include "gather/wslsignals.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "engine/snapshot.h"
#include "util/encoding.h"
#include "util/rootfs.h"
#include "util/xalloc.h"

char *
wslsignals_read_small(const char *root, const char *path)
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

int
wslsignals_gather(struct wp_ctx *ctx, json_object *frag)
{
	json_object *sys = snap_obj(frag, "system");
	json_object *wsl = snap_obj(frag, "wsl");
	char *binfmt;
	const char *interop_env = getenv("WSL_INTEROP");
	const char *distro = getenv("WSL_DISTRO_NAME");
	int binfmt_on = 0, run_wsl;

	snap_take_str(sys, "kernel_release",
	    wslsignals_read_small(ctx->root, "/proc/sys/kernel/osrelease"));
	snap_take_str(sys, "proc_version",
	    wslsignals_read_small(ctx->root, "/proc/version"));
	json_object_object_add(wsl, "init_present",
	    json_object_new_boolean(rootfs_exists(ctx->root, "/init")));
	run_wsl = rootfs_exists(ctx->root, "/run/WSL");
	json_object_object_add(wsl, "run_wsl",
	    json_object_new_boolean(run_wsl));
	binfmt = wslsignals_read_small(ctx->root,
	    "/proc/sys/fs/binfmt_misc/WSLInterop");
	if (binfmt) {
		binfmt_on = strncmp(binfmt, "enabled", 7) == 0;
		snap_set_str(wsl, "binfmt_interop",
		    binfmt_on ? "enabled" : "disabled");
	} else {
		snap_set_str(wsl, "binfmt_interop", NULL);
	}
	free(binfmt);
	snap_set_str(wsl, "distro_name", distro && utf8_valid_cstr(distro) ?
	    distro : NULL);
	/*
	 * Interop needs the binfmt entry (to run .exe files) and a way to
	 * reach init: WSL_INTEROP, or /run/WSL where init can find the
	 * session's socket through the parent processes (§9.3).
	 */
	json_object_object_add(wsl, "interop", json_object_new_boolean(
	    binfmt_on && ((interop_env && *interop_env) || run_wsl)));
	return 0;
}
