/* SPDX-License-Identifier: MIT */
/* Finding Windows programs under the C: mount; see winexe.h. */
#include "config.h"

#include "gather/winexe.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gather/discover.h"
#include "util/rootfs.h"
#include "util/xalloc.h"

int
winexe_find(const char *root, const char *rel, struct winexe *w)
{
	char *cmount = discover_drive_mount(root, 'c');
	int rc = winexe_find_at(root, cmount, rel, w);

	free(cmount);
	return rc;
}

int
winexe_find_at(const char *root, const char *cmount, const char *rel,
    struct winexe *w)
{
	char *err = NULL;

	memset(w, 0, sizeof *w);
	w->path = xasprintf("%s/Windows/System32/%s", cmount, rel);
	w->host = rootfs_resolve(root, w->path, &err);
	free(err);
	err = NULL;
	w->cwd = rootfs_resolve(root, cmount, &err);
	free(err);
	if (!w->host || !w->cwd)
		w->why = xasprintf("%s: not a usable path", w->path);
	else if (access(w->host, X_OK) != 0)
		w->why = xasprintf("%s: %s", w->path, errno == ENOENT ?
		    "not found" : strerror(errno));
	return w->why ? -1 : 0;
}

void
winexe_release(struct winexe *w)
{
	free(w->path);
	free(w->host);
	free(w->cwd);
	free(w->why);
	memset(w, 0, sizeof *w);
}
