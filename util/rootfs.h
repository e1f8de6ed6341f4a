/* SPDX-License-Identifier: MIT */
/*
 * Reading files the probe finds by itself, under --root.  Absolute symlinks
 * inside the root resolve inside the root, so a fixture tree or a mounted
 * image behaves like the live system.  Reads are bounded and refuse FIFOs
 * and devices, so hostile files cannot hang or flood the probe.
 */
#ifndef WSLPROBE_UTIL_ROOTFS_H
#define WSLPROBE_UTIL_ROOTFS_H

#include <stddef.h>
#include <sys/types.h>

#define ROOTFS_MAX_FILE	(1024 * 1024)	/* default read cap: 1 MiB */

struct rootfs_file {
	char	*data;		/* NUL-terminated copy of the bytes read */
	size_t	 len;		/* bytes read, excluding the NUL */
	int	 truncated;	/* the file is longer than the cap */
	double	 mtime;		/* seconds since the epoch, -1 if unknown */
	char	*link_target;	/* the first symlink's target, or NULL */
	char	*error;		/* why it could not be read, or NULL */
};

/*
 * Maps PATH (absolute, as seen inside the root) to a host path, resolving
 * symlinks component by component within ROOT.  Returns an allocated
 * string, or NULL with *error set (allocated) on a loop or a bad path.
 * A missing final component is not an error: the unresolved path is
 * returned so that open() reports ENOENT.
 */
char	*rootfs_resolve(const char *root, const char *path, char **error);

/* Reads PATH under ROOT (NULL or "/" for the live system) up to CAP bytes. */
void	 rootfs_read(const char *root, const char *path, size_t cap,
	    struct rootfs_file *);
/* Reads a path given on the command line, as given (no root). */
void	 rootfs_read_plain(const char *path, size_t cap, struct rootfs_file *);
void	 rootfs_file_release(struct rootfs_file *);
/*
 * rootfs_read_plain in a thread, waited for at most TIMEOUT_MS, so that a
 * hung /mnt/c (drvfs) cannot hang the probe: past the deadline F gets an
 * error and the reader is left behind.
 */
void	 rootfs_read_bounded(const char *path, size_t cap, long timeout_ms,
	    struct rootfs_file *f);

/* rootfs_read in a thread, bounded the same way (reads under /mnt/c). */
void	 rootfs_read_under_bounded(const char *root, const char *path,
	    size_t cap, long timeout_ms, struct rootfs_file *f);

/* 1 if PATH exists under ROOT (any type), 0 if not. */
int	 rootfs_exists(const char *root, const char *path);

#endif
