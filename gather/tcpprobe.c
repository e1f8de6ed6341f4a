/* SPDX-License-Identifier: MIT */
/* Concurrent non-blocking TCP connects under one deadline; tcpprobe.h. */
#include "config.h"

#include "gather/tcpprobe.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/xalloc.h"

static void
settle(struct tcpprobe *p, int *fd, int err, long long start)
{
	p->ms = (long)(clock_mono_ms() - start);
	p->err = 0;
	if (err == 0)
		p->outcome = "connected";
	else if (err == ECONNREFUSED)
		p->outcome = "refused";
	else if (err == ETIMEDOUT)
		p->outcome = "timeout";
	else {
		p->outcome = "error";
		p->err = err;
	}
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Starts a connect; returns the socket, or -1 with the outcome set. */
static int
start_one(struct tcpprobe *p, long long start)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *s4 = (struct sockaddr_in *)(void *)&ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)(void *)&ss;
	socklen_t len;
	int fd = -1;

	memset(&ss, 0, sizeof ss);
	if (p->port < 1 || p->port > 65535) {
		settle(p, &fd, EINVAL, start);
		return -1;
	}
	if (inet_pton(AF_INET, p->host, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons((unsigned short)p->port);
		len = sizeof *s4;
	} else if (inet_pton(AF_INET6, p->host, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((unsigned short)p->port);
		len = sizeof *s6;
	} else {
		settle(p, &fd, EINVAL, start);
		return -1;
	}
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0);
	if (fd < 0) {
		settle(p, &fd, errno, start);
		return -1;
	}
	if (connect(fd, (struct sockaddr *)(void *)&ss, len) == 0) {
		settle(p, &fd, 0, start);
		return -1;
	}
	if (errno != EINPROGRESS) {
		settle(p, &fd, errno, start);
		return -1;
	}
	return fd;
}

void
tcpprobe_run(struct tcpprobe *v, size_t n, long long deadline)
{
	struct pollfd *pfd = xcalloc(n ? n : 1, sizeof *pfd);
	long long start = clock_mono_ms();
	size_t i, open = 0;

	for (i = 0; i < n; i++) {
		v[i].outcome = NULL;
		pfd[i].fd = start_one(&v[i], start);
		pfd[i].events = POLLOUT;
		open += pfd[i].fd >= 0;
	}
	while (open > 0) {
		long left = (long)(deadline - clock_mono_ms());
		int r;

		if (left <= 0)
			break;
		r = poll(pfd, n, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		for (i = 0; i < n && r > 0; i++) {
			int err = 0;
			socklen_t el = sizeof err;

			if (pfd[i].fd < 0 || !pfd[i].revents)
				continue;
			if (getsockopt(pfd[i].fd, SOL_SOCKET, SO_ERROR, &err,
			    &el) < 0)
				err = errno;
			settle(&v[i], &pfd[i].fd, err, start);
			open--;
		}
	}
	/* Whatever is still pending ran out of time. */
	for (i = 0; i < n; i++)
		if (pfd[i].fd >= 0)
			settle(&v[i], &pfd[i].fd, ETIMEDOUT, start);
	free(pfd);
}
