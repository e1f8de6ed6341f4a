/* SPDX-License-Identifier: MIT */
/*
 * Name resolution for the proxy check (gather/hostresolve.h): one c-ares
 * channel, ares_getaddrinfo for every name, one poll loop bounded by the
 * deadline.  Whatever is unanswered at the deadline is a timeout; the
 * channel is destroyed before returning, so nothing is left running.
 */
#include "config.h"

#include "gather/hostresolve.h"

#include <arpa/inet.h>
#include <ares.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "util/clock.h"
#include "util/xalloc.h"

struct pending {
	struct hostq	*q;
	long long	 start;
	int		*left;
};

static void
on_result(void *arg, int status, int timeouts, struct ares_addrinfo *res)
{
	struct pending *p = arg;
	struct hostq *q = p->q;

	(void)timeouts;
	q->ms = (long)(clock_mono_ms() - p->start);
	if (status == ARES_SUCCESS && res) {
		for (struct ares_addrinfo_node *n = res->nodes; n &&
		    q->n_addrs < HOSTRESOLVE_MAX_ADDRS; n = n->ai_next) {
			char buf[INET6_ADDRSTRLEN];
			const void *a = n->ai_family == AF_INET ?
			    (const void *)&((struct sockaddr_in *)(void *)
			    n->ai_addr)->sin_addr : (const void *)&((struct
			    sockaddr_in6 *)(void *)n->ai_addr)->sin6_addr;

			if ((n->ai_family == AF_INET ||
			    n->ai_family == AF_INET6) &&
			    inet_ntop(n->ai_family, a, buf, sizeof buf))
				q->addrs[q->n_addrs++] = xstrdup(buf);
		}
	}
	if (res)
		ares_freeaddrinfo(res);
	if (q->n_addrs)
		q->outcome = "resolved";
	else if (status == ARES_ENOTFOUND || status == ARES_ENODATA ||
	    status == ARES_SUCCESS)
		q->outcome = "not-found";
	else if (status == ARES_ETIMEOUT || status == ARES_EDESTRUCTION ||
	    status == ARES_ECANCELLED)
		q->outcome = "timeout";
	else
		q->outcome = "error";
	if (!q->n_addrs)
		q->error = xstrdup(status == ARES_EDESTRUCTION ?
		    "no answer before the deadline" : ares_strerror(status));
	(*p->left)--;
}

/* One poll over the channel's sockets, at most WAIT ms. */
static void
poll_channel(ares_channel ch, long wait)
{
	ares_socket_t socks[ARES_GETSOCK_MAXNUM];
	struct pollfd pfd[ARES_GETSOCK_MAXNUM];
	struct timeval max, tv, *t;
	int bits = ares_getsock(ch, socks, ARES_GETSOCK_MAXNUM), n = 0;

	for (int k = 0; k < ARES_GETSOCK_MAXNUM; k++) {
		short ev = 0;

		if (((unsigned)bits >> k) & 1u)
			ev |= POLLIN;
		if (((unsigned)bits >> (k + ARES_GETSOCK_MAXNUM)) & 1u)
			ev |= POLLOUT;
		if (ev) {
			pfd[n].fd = socks[k];
			pfd[n].events = ev;
			pfd[n++].revents = 0;
		}
	}
	max.tv_sec = wait / 1000;
	max.tv_usec = (wait % 1000) * 1000;
	t = ares_timeout(ch, &max, &tv);
	if (t && t->tv_sec * 1000 + t->tv_usec / 1000 < wait)
		wait = t->tv_sec * 1000 + (t->tv_usec + 999) / 1000;
	if (poll(pfd, (nfds_t)n, (int)wait) < 0)
		n = 0;
	for (int i = 0; i < n; i++)
		if (pfd[i].revents)
			ares_process_fd(ch, pfd[i].revents & (POLLIN |
			    POLLERR | POLLHUP) ? pfd[i].fd : ARES_SOCKET_BAD,
			    pfd[i].revents & (POLLOUT | POLLERR | POLLHUP) ?
			    pfd[i].fd : ARES_SOCKET_BAD);
	ares_process_fd(ch, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
}

void
hostresolve_run(struct hostq *q, size_t n, int files_only,
    long long deadline_ms)
{
	struct ares_options opts;
	char lookups[3];
	struct pending *p = xcalloc(n ? n : 1, sizeof *p);
	ares_channel ch = NULL;
	long long start = clock_mono_ms();
	int left = 0, rc;

	memset(&opts, 0, sizeof opts);
	snprintf(lookups, sizeof lookups, "%s", files_only ? "f" : "fb");
	opts.lookups = lookups;
	opts.timeout = (int)(deadline_ms - start > 0 ? deadline_ms - start :
	    1);
	opts.tries = 1;
	rc = ares_init_options(&ch, &opts, ARES_OPT_LOOKUPS |
	    ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES);
	for (size_t i = 0; i < n; i++) {
		struct ares_addrinfo_hints hints;

		q[i].outcome = "error";
		if (rc != ARES_SUCCESS) {
			q[i].error = xstrdup(ares_strerror(rc));
			continue;
		}
		memset(&hints, 0, sizeof hints);
		hints.ai_family = AF_UNSPEC;
		hints.ai_socktype = SOCK_STREAM;
		p[i].q = &q[i];
		p[i].start = start;
		p[i].left = &left;
		left++;
		ares_getaddrinfo(ch, q[i].name, NULL, &hints, on_result,
		    &p[i]);
	}
	while (left > 0) {
		long wait = (long)(deadline_ms - clock_mono_ms());

		if (wait <= 0)
			break;
		poll_channel(ch, wait);
	}
	/* Unanswered queries end through on_result(ARES_EDESTRUCTION). */
	if (rc == ARES_SUCCESS)
		ares_destroy(ch);
	free(p);
}

void
hostresolve_release(struct hostq *q)
{
	for (size_t i = 0; i < q->n_addrs; i++)
		free(q->addrs[i]);
	free(q->error);
	memset(q, 0, sizeof *q);
}
