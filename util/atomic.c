/* SPDX-License-Identifier: MIT */
/* Atomic output files; see atomic.h. */
#include "config.h"

#include "util/atomic.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

int
atomic_write(const char *path, int (*writer)(FILE *, void *), void *arg,
    char **error)
{
	char *tmp = xasprintf("%s.tmp.XXXXXX", path);
	FILE *fp = NULL;
	int fd, rc = -1, saved;

	*error = NULL;
	fd = mkstemp(tmp);
	if (fd < 0) {
		*error = xasprintf("cannot write '%s': %s", path,
		    strerror(errno));
		goto done;
	}
	/* mkstemp makes 0600; reports are ordinary files. */
	{
		mode_t mask = umask(0);

		umask(mask);
		(void)fchmod(fd, 0666 & ~mask);
	}
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
	return rc;
}
