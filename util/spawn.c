/* SPDX-License-Identifier: MIT */
/*
 * Bounded execution of helper programs; see spawn.h.  Several programs
 * run at once under one deadline, driven by a single poll loop over
 * their output pipes and (where the kernel has them) pidfds, so that
 * neither a slow helper nor the reaping of a fast one costs a sleep.
 */
#include "config.h"

#include "util/spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/xalloc.h"

extern char **environ;

struct child {
	struct spawn_result	*res;
	pid_t			 pid;
	int			 fd[2];		/* stdout, stderr; -1 when closed */
	char			*buf[2];
	size_t			 len[2];
	int			 pidfd;		/* -1 when unavailable or reaped */
	int			 reaped;
	int			 status;
};

static int
open_pidfd(pid_t pid)
{
#ifdef SYS_pidfd_open
	return (int)syscall(SYS_pidfd_open, pid, 0);
#else
	(void)pid;
	return -1;
#endif
}

static void
kill_group(pid_t pid)
{
	/* The child leads its own group: take its children with it. */
	if (kill(-pid, SIGKILL) < 0)
		(void)kill(pid, SIGKILL);
}

static int
start(const struct spawn_job *job, struct child *c)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	int outp[2], errp[2], rc;

	if (pipe2(outp, O_CLOEXEC) < 0)
		return errno;
	if (pipe2(errp, O_CLOEXEC) < 0) {
		rc = errno;
		close(outp[0]);
		close(outp[1]);
		return rc;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, outp[1], 1);
	posix_spawn_file_actions_adddup2(&fa, errp[1], 2);
	if (job->cwd)
		posix_spawn_file_actions_addchdir_np(&fa, job->cwd);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	rc = posix_spawn(&c->pid, job->path, &fa, &attr, job->argv,
	    job->envp ? job->envp : environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(outp[1]);
	close(errp[1]);
	if (rc != 0) {
		close(outp[0]);
		close(errp[0]);
		return rc;
	}
	c->fd[0] = outp[0];
	c->fd[1] = errp[0];
	for (int i = 0; i < 2; i++) {
		(void)fcntl(c->fd[i], F_SETFL, O_NONBLOCK);
		c->buf[i] = xmalloc(SPAWN_MAX_OUTPUT + 1);
	}
	c->pidfd = open_pidfd(c->pid);
	return 0;
}

/* Reads what is there; closes the pipe at EOF; flags output past the cap. */
static void
drain(struct child *c, int i)
{
	char tmp[4096];
	ssize_t n;

	n = read(c->fd[i], tmp, sizeof tmp);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		close(c->fd[i]);
		c->fd[i] = -1;
		return;
	}
	if (c->len[i] + (size_t)n > SPAWN_MAX_OUTPUT) {
		n = (ssize_t)(SPAWN_MAX_OUTPUT - c->len[i]);
		c->res->truncated = 1;
	}
	memcpy(c->buf[i] + c->len[i], tmp, (size_t)n);
	c->len[i] += (size_t)n;
}

static void
try_reap(struct child *c, int block)
{
	pid_t w;

	if (c->reaped || !c->res->started)
		return;
	do
		w = waitpid(c->pid, &c->status, block ? 0 : WNOHANG);
	while (w < 0 && errno == EINTR);
	if (w == c->pid || (w < 0 && errno == ECHILD)) {
		c->reaped = 1;
		if (c->pidfd >= 0) {
			close(c->pidfd);
			c->pidfd = -1;
		}
	}
}

static int
child_busy(const struct child *c)
{
	return c->res->started && (c->fd[0] >= 0 || c->fd[1] >= 0 ||
	    !c->reaped);
}

void
spawn_run_many(struct spawn_job *jobs, size_t n, long timeout_ms)
{
	long long begin = clock_mono_ms(), deadline = begin + timeout_ms;
	struct child *cs = xcalloc(n ? n : 1, sizeof *cs);
	struct pollfd *pfd = xcalloc(n * 3 + 1, sizeof *pfd);
	size_t i;

	for (i = 0; i < n; i++) {
		struct child *c = &cs[i];
		int rc;

		c->res = jobs[i].res;
		memset(c->res, 0, sizeof *c->res);
		c->res->exit_code = -1;
		c->fd[0] = c->fd[1] = c->pidfd = -1;
		rc = start(&jobs[i], c);
		if (rc != 0)
			c->res->error = xasprintf("cannot run '%s': %s",
			    jobs[i].path, strerror(rc));
		else
			c->res->started = 1;
	}
	for (;;) {
		size_t np = 0, busy = 0;
		long long left = deadline - clock_mono_ms();

		for (i = 0; i < n; i++) {
			struct child *c = &cs[i];

			if (c->res->truncated && !c->res->timed_out) {
				kill_group(c->pid);
				for (int k = 0; k < 2; k++)
					if (c->fd[k] >= 0) {
						close(c->fd[k]);
						c->fd[k] = -1;
					}
			}
			try_reap(c, 0);
			if (!child_busy(c))
				continue;
			busy++;
			for (int k = 0; k < 2; k++)
				if (c->fd[k] >= 0) {
					pfd[np].fd = c->fd[k];
					pfd[np++].events = POLLIN;
				}
			if (!c->reaped && c->pidfd >= 0) {
				pfd[np].fd = c->pidfd;
				pfd[np++].events = POLLIN;
			}
		}
		if (!busy)
			break;
		if (left <= 0) {
			for (i = 0; i < n; i++) {
				if (!child_busy(&cs[i]))
					continue;
				cs[i].res->timed_out = 1;
				kill_group(cs[i].pid);
				try_reap(&cs[i], 1);
			}
			break;
		}
		/*
		 * Without a pidfd, a child whose pipes are closed is polled
		 * for its exit every millisecond.
		 */
		if (poll(pfd, (nfds_t)np, np ? (int)left : 1) < 0 &&
		    errno != EINTR)
			break;
		for (i = 0; i < n; i++)
			for (int k = 0; k < 2; k++)
				if (cs[i].fd[k] >= 0)
					drain(&cs[i], k);
	}
	for (i = 0; i < n; i++) {
		struct child *c = &cs[i];
		struct spawn_result *res = c->res;

		for (int k = 0; k < 2; k++)
			if (c->fd[k] >= 0)
				close(c->fd[k]);
		if (c->pidfd >= 0)
			close(c->pidfd);
		if (!res->started) {
			res->out = xstrdup("");
			res->err = xstrdup("");
			continue;
		}
		c->buf[0][c->len[0]] = '\0';
		c->buf[1][c->len[1]] = '\0';
		res->out = c->buf[0];
		res->out_len = c->len[0];
		res->err = c->buf[1];
		res->ms = (long)(clock_mono_ms() - begin);
		if (!res->timed_out && !res->truncated && c->reaped &&
		    WIFEXITED(c->status))
			res->exit_code = WEXITSTATUS(c->status);
		if (res->timed_out)
			res->error = xasprintf("'%s' did not finish within "
			    "%ld ms", jobs[i].path, timeout_ms);
		else if (res->truncated)
			res->error = xasprintf("'%s' printed more than %d "
			    "bytes", jobs[i].path, SPAWN_MAX_OUTPUT);
	}
	free(pfd);
	free(cs);
}

int
spawn_run(const char *path, char *const argv[], const char *cwd,
    long timeout_ms, struct spawn_result *res)
{
	struct spawn_job job = { path, argv, cwd, res, NULL };

	spawn_run_many(&job, 1, timeout_ms);
	return res->exit_code == 0 ? 0 : -1;
}

void
spawn_result_release(struct spawn_result *res)
{
	free(res->out);
	free(res->err);
	free(res->error);
	memset(res, 0, sizeof *res);
}
