/* SPDX-License-Identifier: MIT */
/* Root-relative path resolution and bounded, FIFO-safe file reads. */
#include "config.h"

#include "util/rootfs.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

#define ROOTFS_MAX_LINKS 40	/* as the kernel's MAXSYMLINKS */

static int
root_is_live(const char *root)
{
	return !root || !*root || strcmp(root, "/") == 0;
}

/*
 * Joins ROOT and the components of PATH one at a time; when a component
 * is a symlink, its target is spliced into the rest of the path (absolute
 * targets restart at ROOT).  Keeps "resolved" free of "..": a ".." pops
 * the last component, never above ROOT.
 */
char *
rootfs_resolve(const char *root, const char *path, char **error)
{
	char *rest = NULL, *out = NULL;
	size_t rootlen, outlen;
	int links = 0;

	*error = NULL;
	if (!path || path[0] != '/') {
		*error = xasprintf("'%s' is not an absolute path",
		    path ? path : "");
		return NULL;
	}
	if (root_is_live(root))
		root = "";
	rootlen = strlen(root);
	while (rootlen > 0 && root[rootlen - 1] == '/')
		rootlen--;
	out = xmalloc(rootlen + 1);
	memcpy(out, root, rootlen);
	out[rootlen] = '\0';
	outlen = rootlen;
	rest = xstrdup(path);

	for (;;) {
		char *p = rest, *comp, *next, linkbuf[PATH_MAX];
		size_t clen;
		ssize_t n;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		comp = p;
		next = strchr(p, '/');
		clen = next ? (size_t)(next - p) : strlen(p);
		if (clen == 1 && comp[0] == '.') {
			memmove(rest, comp + clen, strlen(comp + clen) + 1);
			continue;
		}
		if (clen == 2 && comp[0] == '.' && comp[1] == '.') {
			while (outlen > rootlen && out[outlen - 1] != '/')
				outlen--;
			if (outlen > rootlen)
				outlen--;
			out[outlen] = '\0';
			memmove(rest, comp + clen, strlen(comp + clen) + 1);
			continue;
		}
		out = xrealloc(out, outlen + 1 + clen + 1);
		out[outlen] = '/';
		memcpy(out + outlen + 1, comp, clen);
		out[outlen + 1 + clen] = '\0';
		n = readlink(out, linkbuf, sizeof linkbuf - 1);
		if (n < 0) {
			/* Not a link (or missing): keep it and go on. */
			outlen += 1 + clen;
			memmove(rest, comp + clen, strlen(comp + clen) + 1);
			continue;
		}
		linkbuf[n] = '\0';
		if (++links > ROOTFS_MAX_LINKS) {
			*error = xasprintf("too many levels of symbolic links "
			    "in '%s'", path);
			free(out);
			free(rest);
			return NULL;
		}
		/* Splice: target + remainder of the path. */
		{
			char *tail = xstrdup(comp + clen), *nrest;

			nrest = xasprintf("%s%s%s", linkbuf,
			    *tail ? "/" : "", tail);
			free(tail);
			free(rest);
			rest = nrest;
		}
		out[outlen] = '\0';
		if (linkbuf[0] == '/') {
			outlen = rootlen;
			out[outlen] = '\0';
		}
	}
	free(rest);
	if (outlen == 0) {
		free(out);
		out = xstrdup("/");
	}
	return out;
}

static void
read_fd(int fd, size_t cap, struct rootfs_file *f)
{
	size_t alloc = 4096;

	f->data = xmalloc(alloc + 1);
	f->len = 0;
	for (;;) {
		ssize_t n;

		if (f->len == alloc) {
			if (alloc >= cap + 1)
				break;
			alloc = alloc * 2 > cap + 1 ? cap + 1 : alloc * 2;
			f->data = xrealloc(f->data, alloc + 1);
		}
		n = read(fd, f->data + f->len, alloc - f->len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			f->error = xasprintf("read failed: %s",
			    strerror(errno));
			break;
		}
		if (n == 0)
			break;
		f->len += (size_t)n;
	}
	if (f->len > cap) {
		f->len = cap;
		f->truncated = 1;
	}
	f->data[f->len] = '\0';
}

static void
read_host_path(const char *hostpath, size_t cap, struct rootfs_file *f)
{
	struct stat st;
	int fd;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	fd = open(hostpath, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		f->error = xstrdup(errno == ENOENT ? "not found" :
		    strerror(errno));
		return;
	}
	if (fstat(fd, &st) < 0) {
		f->error = xasprintf("cannot stat: %s", strerror(errno));
		close(fd);
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		f->error = xstrdup("is a directory");
	} else if (!S_ISREG(st.st_mode)) {
		f->error = xstrdup(S_ISFIFO(st.st_mode) ?
		    "is a FIFO, not a regular file" :
		    "is a device or socket, not a regular file");
	} else {
		f->mtime = (double)st.st_mtim.tv_sec +
		    (double)st.st_mtim.tv_nsec / 1e9;
		/* Back to blocking reads: regular files only from here. */
		(void)fcntl(fd, F_SETFL, 0);
		read_fd(fd, cap, f);
	}
	close(fd);
}

static void
file_init(struct rootfs_file *f)
{
	memset(f, 0, sizeof *f);
	f->mtime = -1;
}

void
rootfs_read(const char *root, const char *path, size_t cap,
    struct rootfs_file *f)
{
	char *host, *err, linkbuf[PATH_MAX];
	ssize_t n;

	file_init(f);
	if (root_is_live(root)) {
		n = readlink(path, linkbuf, sizeof linkbuf - 1);
		if (n >= 0) {
			linkbuf[n] = '\0';
			f->link_target = xstrdup(linkbuf);
		}
		read_host_path(path, cap, f);
		return;
	}
	{
		char *unresolved = xasprintf("%s%s", root, path);

		n = readlink(unresolved, linkbuf, sizeof linkbuf - 1);
		if (n >= 0) {
			linkbuf[n] = '\0';
			f->link_target = xstrdup(linkbuf);
		}
		free(unresolved);
	}
	host = rootfs_resolve(root, path, &err);
	if (!host) {
		f->error = err;
		return;
	}
	read_host_path(host, cap, f);
	free(host);
}

void
rootfs_read_plain(const char *path, size_t cap, struct rootfs_file *f)
{
	file_init(f);
	read_host_path(path, cap, f);
}

void
rootfs_file_release(struct rootfs_file *f)
{
	free(f->data);
	free(f->link_target);
	free(f->error);
	file_init(f);
}

int
rootfs_exists(const char *root, const char *path)
{
	struct stat st;
	char *host, *err;
	int ok;

	host = rootfs_resolve(root, path, &err);
	if (!host) {
		free(err);
		return 0;
	}
	ok = lstat(host, &st) == 0;
	free(host);
	return ok;
}

struct bounded_read {
	char			*root;		/* NULL: the path as given */
	char			*path;
	size_t			 cap;
	struct rootfs_file	 f;
	int			 done, abandoned;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
};

static void
bounded_free(struct bounded_read *b)
{
	rootfs_file_release(&b->f);
	pthread_mutex_destroy(&b->lock);
	pthread_cond_destroy(&b->cond);
	free(b->root);
	free(b->path);
	free(b);
}

static void *
bounded_reader(void *arg)
{
	struct bounded_read *b = arg;
	int abandoned;

	if (b->root)
		rootfs_read(b->root, b->path, b->cap, &b->f);
	else
		rootfs_read_plain(b->path, b->cap, &b->f);
	pthread_mutex_lock(&b->lock);
	b->done = 1;
	abandoned = b->abandoned;
	pthread_cond_signal(&b->cond);
	pthread_mutex_unlock(&b->lock);
	if (abandoned)
		bounded_free(b);
	return NULL;
}

static void
read_bounded(const char *root, const char *path, size_t cap,
    long timeout_ms, struct rootfs_file *f)
{
	struct bounded_read *b = xcalloc(1, sizeof *b);
	struct timespec until;
	pthread_condattr_t attr;
	pthread_t tid;
	int done;

	b->root = root ? xstrdup(root) : NULL;
	b->path = xstrdup(path);
	b->cap = cap;
	pthread_mutex_init(&b->lock, NULL);
	/* Monotonic: WSL's wall clock jumps when the host resumes. */
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&b->cond, &attr);
	pthread_condattr_destroy(&attr);
	if (timeout_ms < 0)
		timeout_ms = 0;
	if (pthread_create(&tid, NULL, bounded_reader, b) != 0) {
		if (root)
			rootfs_read(root, path, cap, f);
		else
			rootfs_read_plain(path, cap, f);
		bounded_free(b);
		return;
	}
	pthread_detach(tid);
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += timeout_ms / 1000;
	until.tv_nsec += (timeout_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&b->lock);
	while (!b->done)
		if (pthread_cond_timedwait(&b->cond, &b->lock, &until) != 0)
			break;
	done = b->done;
	if (!done)
		b->abandoned = 1;
	pthread_mutex_unlock(&b->lock);
	if (!done) {
		file_init(f);
		f->error = xasprintf("reading did not finish within %ld ms "
		    "(is the drive mount hung?)", timeout_ms);
		return;
	}
	*f = b->f;
	memset(&b->f, 0, sizeof b->f);
	bounded_free(b);
}

void
rootfs_read_bounded(const char *path, size_t cap, long timeout_ms,
    struct rootfs_file *f)
{
	read_bounded(NULL, path, cap, timeout_ms, f);
}

void
rootfs_read_under_bounded(const char *root, const char *path, size_t cap,
    long timeout_ms, struct rootfs_file *f)
{
	read_bounded(root && *root ? root : "/", path, cap, timeout_ms, f);
}
