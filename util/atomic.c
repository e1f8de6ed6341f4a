/* SPDX-License-Identifier: MIT */
/* Atomic output files; see atomic.h. */
#include "config.h"

#include "util/atomic.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

/*
 * The process's umask, read without changing it: umask(2) can only be
 * read by setting it, which races with threads creating files.
 */
static mode_t
current_umask(void)
{
	FILE *fp = fopen("/proc/self/status", "re");
	char line[256];
	unsigned mask = 022;

	if (!fp)
		return 022;
	while (fgets(line, sizeof line, fp)) {
		if (sscanf(line, "Umask: %o", &mask) == 1)
			break;
	}
	fclose(fp);
	return (mode_t)mask & 0777;
}

/*
 * Not a regular file (/dev/null, /dev/stdout, a FIFO, a terminal):
 * renaming over it would replace the device with a file, so write it
 * in place.
 */
static int
write_in_place(const char *path, int (*writer)(FILE *, void *), void *arg,
    char **error)
{
	FILE *fp = fopen(path, "we");
	int saved;

	if (!fp) {
		*error = xasprintf("cannot write '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	errno = 0;
	if (writer(fp, arg) < 0 || fflush(fp) != 0 || ferror(fp)) {
		saved = errno;
		fclose(fp);
		*error = xasprintf("cannot write '%s': %s", path,
		    saved ? strerror(saved) : "write error");
		return -1;
	}
	if (fclose(fp) != 0) {
		*error = xasprintf("cannot write '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

int
atomic_write(const char *path, int (*writer)(FILE *, void *), void *arg,
    char **error)
{
	char *tmp = NULL, *real = NULL;
	FILE *fp = NULL;
	struct stat st;
	mode_t mode = 0666 & ~current_umask();
	int fd, rc = -1, saved;

	*error = NULL;
	if (stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode))
			return write_in_place(path, writer, arg, error);
		/* Replace the file a symlink points at, not the link. */
		real = realpath(path, NULL);
		if (real)
			path = real;
		mode = st.st_mode & 07777;
	}
	tmp = xasprintf("%s.tmp.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		*error = xasprintf("cannot write '%s': %s", path,
		    strerror(errno));
		goto done;
	}
	/* mkstemp makes 0600; reports are ordinary files. */
	(void)fchmod(fd, mode);
	fp = fdopen(fd, "w");
	if (!fp) {
		saved = errno;
		close(fd);
		unlink(tmp);
		*error = xasprintf("cannot write '%s': %s", path,
		    strerror(saved));
		goto done;
	}
	if (writer(fp, arg) < 0 || fflush(fp) != 0 || ferror(fp)) {
		saved = errno;
		fclose(fp);
		unlink(tmp);
		*error = xasprintf("cannot write '%s': %s", path,
		    saved ? strerror(saved) : "write error");
		goto done;
	}
	if (fclose(fp) != 0) {
		saved = errno;
		unlink(tmp);
		*error = xasprintf("cannot write '%s': %s", path,
		    strerror(saved));
		goto done;
	}
	if (rename(tmp, path) < 0) {
		saved = errno;
		unlink(tmp);
		*error = xasprintf("cannot write '%s': %s", path,
		    strerror(saved));
		goto done;
	}
	rc = 0;
done:
	free(tmp);
	free(real);
	return rc;
}
