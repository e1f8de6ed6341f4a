/* SPDX-License-Identifier: MIT */
/* Bounded execution of helper programs; see spawn.h. */
#include "config.h"

#include "probe/spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe/clock.h"
#include "probe/xalloc.h"

extern char **environ;

struct sink {
	int	 fd;
	char	*buf;
	size_t	 len;
};

/* Returns 1 while the pipe is open, 0 at EOF, -1 past the cap. */
static int
sink_read(struct sink *s)
{
	char tmp[4096];
	ssize_t n;

	n = read(s->fd, tmp, sizeof tmp);
	if (n < 0)
		return (errno == EINTR || errno == EAGAIN) ? 1 : 0;
	if (n == 0)
		return 0;
	if (s->len + (size_t)n > SPAWN_MAX_OUTPUT) {
		n = (ssize_t)(SPAWN_MAX_OUTPUT - s->len);
		memcpy(s->buf + s->len, tmp, (size_t)n);
		s->len += (size_t)n;
		return -1;
	}
	memcpy(s->buf + s->len, tmp, (size_t)n);
	s->len += (size_t)n;
	return 1;
}

static void
kill_group(pid_t pid)
{
	/* The child leads its own group: take its children with it. */
	if (kill(-pid, SIGKILL) < 0)
		(void)kill(pid, SIGKILL);
}

int
spawn_run(const char *path, char *const argv[], const char *cwd,
    long timeout_ms, struct spawn_result *res)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	struct sink sinks[2];
	int outp[2] = { -1, -1 }, errp[2] = { -1, -1 }, open_pipes, rc, status;
	long long start = clock_mono_ms(), deadline = start + timeout_ms;
	pid_t pid;

	memset(res, 0, sizeof *res);
	res->exit_code = -1;
	if (pipe2(outp, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0) {
		res->error = xasprintf("pipe: %s", strerror(errno));
		goto fail_pipes;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, outp[1], 1);
	posix_spawn_file_actions_adddup2(&fa, errp[1], 2);
	if (cwd)
		posix_spawn_file_actions_addchdir_np(&fa, cwd);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	rc = posix_spawn(&pid, path, &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(outp[1]);
	close(errp[1]);
	outp[1] = errp[1] = -1;
	if (rc != 0) {
		res->error = xasprintf("cannot run '%s': %s", path,
		    strerror(rc));
		goto fail_pipes;
	}
	res->started = 1;

	sinks[0].fd = outp[0];
	sinks[1].fd = errp[0];
	for (int i = 0; i < 2; i++) {
		sinks[i].buf = xmalloc(SPAWN_MAX_OUTPUT + 1);
		sinks[i].len = 0;
		(void)fcntl(sinks[i].fd, F_SETFL, O_NONBLOCK);
	}
	open_pipes = 2;
	while (open_pipes > 0) {
		struct pollfd pfd[2];
		long long left = deadline - clock_mono_ms();
		int n = 0, idx[2];

		if (left <= 0) {
			res->timed_out = 1;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (sinks[i].fd < 0)
				continue;
			pfd[n].fd = sinks[i].fd;
			pfd[n].events = POLLIN;
			idx[n++] = i;
		}
		if (poll(pfd, (nfds_t)n, (int)left) < 0 && errno != EINTR)
			break;
		for (int j = 0; j < n; j++) {
			int r;

			if (!(pfd[j].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			r = sink_read(&sinks[idx[j]]);
			if (r < 0)
				res->truncated = 1;
			if (r <= 0) {
				close(sinks[idx[j]].fd);
				sinks[idx[j]].fd = -1;
				open_pipes--;
			}
		}
		if (res->truncated)
			break;
	}
	if (res->timed_out || res->truncated)
		kill_group(pid);
	/* Pipes are closed (or the child was killed): reap within the bound. */
	for (;;) {
		pid_t w = waitpid(pid, &status, WNOHANG);

		if (w == pid)
			break;
		if (w < 0 && errno != EINTR)
			break;
		if (clock_mono_ms() >= deadline) {
			res->timed_out = 1;
			kill_group(pid);
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
			break;
		}
		usleep(1000);
	}
	if (!res->timed_out && !res->truncated && WIFEXITED(status))
		res->exit_code = WEXITSTATUS(status);
	for (int i = 0; i < 2; i++) {
		if (sinks[i].fd >= 0)
			close(sinks[i].fd);
		sinks[i].buf[sinks[i].len] = '\0';
	}
	res->out = sinks[0].buf;
	res->out_len = sinks[0].len;
	res->err = sinks[1].buf;
	res->ms = (long)(clock_mono_ms() - start);
	if (res->timed_out)
		res->error = xasprintf("'%s' did not finish within %ld ms",
		    path, timeout_ms);
	else if (res->truncated)
		res->error = xasprintf("'%s' printed more than %d bytes",
		    path, SPAWN_MAX_OUTPUT);
	return res->exit_code == 0 ? 0 : -1;

fail_pipes:
	for (int i = 0; i < 2; i++) {
		if (outp[i] >= 0)
			close(outp[i]);
		if (errp[i] >= 0)
			close(errp[i]);
	}
	res->out = xstrdup("");
	res->err = xstrdup("");
	res->ms = (long)(clock_mono_ms() - start);
	return -1;
}

void
spawn_result_release(struct spawn_result *res)
{
	free(res->out);
	free(res->err);
	free(res->error);
	memset(res, 0, sizeof *res);
}
