/* SPDX-License-Identifier: MIT */
/* The c-ares driver; see dnsquery.h. */
#include "config.h"

#include "gather/dnsquery.h"

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <ares.h>

#include "util/clock.h"
#include "util/xalloc.h"

#define DNSQ_MAX_ADDRS	16
#define DNSQ_MAX_NAMES	8	/* candidate names tried per query */

struct dnsq_state {
	char		*names[DNSQ_MAX_NAMES];
	size_t		 n_names, next;
	ares_channel	 channel;
	long long	 start;
	int		 done;
	int		*pending;
};

struct chan {
	ares_channel	 channel;
	const char	*server;
	unsigned	 port;
	int		 tcp;
};

static const char *const rcode_names[] = {
	"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
};

const char *
dnsquery_rcode_name(int rcode)
{
	static __thread char buf[16];

	if (rcode >= 0 && rcode < (int)(sizeof rcode_names /
	    sizeof *rcode_names))
		return rcode_names[rcode];
	snprintf(buf, sizeof buf, "RCODE%d", rcode);
	return buf;
}

static size_t
count_dots(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '.';
	return n;
}

/* The names glibc's res_search would try, in order (resolv.conf(5)). */
static void
candidates(struct dnsq *q, struct dnsq_state *st)
{
	size_t len = strlen(q->name), i;
	int as_is_first = (long)count_dots(q->name) >= q->ndots;

	if (len && q->name[len - 1] == '.') {
		st->names[st->n_names++] = xstrndup(q->name, len - 1);
		return;
	}
	if (as_is_first)
		st->names[st->n_names++] = xstrdup(q->name);
	for (i = 0; i < q->n_search && st->n_names < DNSQ_MAX_NAMES - 1; i++)
		st->names[st->n_names++] = xasprintf("%s.%s", q->name,
		    q->search[i]);
	if (!as_is_first)
		st->names[st->n_names++] = xstrdup(q->name);
}

static void
finish(struct dnsq *q, const char *outcome)
{
	if (q->st->done)
		return;
	q->st->done = 1;
	q->outcome = outcome;
	q->ms = (long)(clock_mono_ms() - q->st->start);
	(*q->st->pending)--;
}

static void
take_addrs(struct dnsq *q, unsigned char *abuf, int alen)
{
	struct ares_addrttl a[DNSQ_MAX_ADDRS];
	int n = DNSQ_MAX_ADDRS;
	char text[INET_ADDRSTRLEN];

	for (size_t i = 0; i < q->n_addrs; i++)
		free(q->addrs[i]);
	free(q->addrs);
	q->addrs = NULL;
	q->n_addrs = 0;
	if (ares_parse_a_reply(abuf, alen, NULL, a, &n) != ARES_SUCCESS)
		return;
	q->addrs = xcalloc((size_t)n + 1, sizeof *q->addrs);
	for (int i = 0; i < n; i++)
		if (inet_ntop(AF_INET, &a[i].ipaddr, text, sizeof text))
			q->addrs[q->n_addrs++] = xstrdup(text);
}

static void send_next(struct dnsq *);

static void
on_answer(void *arg, int status, int timeouts, unsigned char *abuf,
    int alen)
{
	struct dnsq *q = arg;

	(void)timeouts;
	if (q->st->done)
		return;
	if (abuf && alen >= 12) {
		q->rcode = abuf[3] & 0x0f;
		q->answers = (abuf[6] << 8) | abuf[7];
		take_addrs(q, abuf, alen);
		/* No such name here: try the next search candidate. */
		if ((q->rcode == ns_r_nxdomain || (q->rcode == ns_r_noerror &&
		    q->answers == 0)) && q->st->next < q->st->n_names &&
		    status != ARES_EDESTRUCTION && status != ARES_ECANCELLED) {
			send_next(q);
			return;
		}
		finish(q, "answered");
		return;
	}
	free(q->error);
	q->error = xstrdup(status == ARES_EDESTRUCTION ||
	    status == ARES_ECANCELLED ? "no answer before the deadline" :
	    ares_strerror(status));
	if (status == ARES_ECONNREFUSED)
		finish(q, "refused");
	else if (status == ARES_ETIMEOUT || status == ARES_EDESTRUCTION ||
	    status == ARES_ECANCELLED)
		finish(q, "timeout");
	else
		finish(q, "error");
}

static void
send_next(struct dnsq *q)
{
	const char *name = q->st->names[q->st->next++];

	free(q->qname);
	q->qname = xstrdup(name);
	ares_query(q->st->channel, name, ns_c_in, ns_t_a, on_answer, q);
}

static int
set_server(ares_channel ch, const char *server, unsigned port)
{
	struct ares_addr_port_node node;
	char buf[INET6_ADDRSTRLEN + 32], *pct;

	memset(&node, 0, sizeof node);
	node.udp_port = (int)port;
	node.tcp_port = (int)port;
	if (inet_pton(AF_INET, server, &node.addr.addr4) == 1) {
		node.family = AF_INET;
	} else {
		snprintf(buf, sizeof buf, "%s", server);
		pct = strchr(buf, '%');
		if (pct)
			*pct = '\0';
		if (inet_pton(AF_INET6, buf, &node.addr.addr6) != 1)
			return ARES_EBADSTR;
		node.family = AF_INET6;
	}
	return ares_set_servers_ports(ch, &node);
}

/* One channel: no file read, one server, bounded tries. */
static int
chan_open(struct chan *c, long budget_ms, char **error)
{
	struct ares_options o;
	struct in_addr lo;
	int mask, rc;

	memset(&o, 0, sizeof o);
	lo.s_addr = htonl(INADDR_LOOPBACK);
	o.flags = ARES_FLAG_NOCHECKRESP | ARES_FLAG_NOSEARCH |
	    ARES_FLAG_NOALIASES | (c->tcp ? ARES_FLAG_USEVC : 0);
	/* UDP: two tries, T then 2T; TCP: one try for the whole budget. */
	o.tries = c->tcp ? 1 : 2;
	o.timeout = (int)(c->tcp ? budget_ms : budget_ms / 3);
	if (o.timeout < 50)
		o.timeout = 50;
	o.ndots = 1;
	o.lookups = (char *)(uintptr_t)"b";
	o.servers = &lo;
	o.nservers = 1;
	mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES |
	    ARES_OPT_NDOTS | ARES_OPT_DOMAINS | ARES_OPT_LOOKUPS |
	    ARES_OPT_SERVERS | ARES_OPT_SORTLIST;
	rc = ares_init_options(&c->channel, &o, mask);
	if (rc == ARES_SUCCESS) {
		rc = set_server(c->channel, c->server, c->port);
		if (rc != ARES_SUCCESS) {
			ares_destroy(c->channel);
			c->channel = NULL;
		}
	} else {
		c->channel = NULL;
	}
	if (rc != ARES_SUCCESS)
		*error = xstrdup(ares_strerror(rc));
	return rc == ARES_SUCCESS ? 0 : -1;
}

/* Polls every channel's sockets once, at most WAIT ms. */
static void
poll_once(struct chan *chans, size_t nc, long wait)
{
	struct pollfd pfd[256];
	size_t owner[256], n = 0, i;
	int k;

	for (i = 0; i < nc; i++) {
		ares_socket_t socks[ARES_GETSOCK_MAXNUM];
		int bits;
		struct timeval max, tv, *t;

		if (!chans[i].channel)
			continue;
		bits = ares_getsock(chans[i].channel, socks,
		    ARES_GETSOCK_MAXNUM);
		for (k = 0; k < ARES_GETSOCK_MAXNUM && n < 256; k++) {
			short ev = 0;

			/*
			 * c-ares' ARES_GETSOCK_WRITABLE shifts a signed 1 by
			 * up to 31 places (undefined); test the bits unsigned.
			 */
			if (((unsigned)bits >> k) & 1u)
				ev |= POLLIN;
			if (((unsigned)bits >> (k + ARES_GETSOCK_MAXNUM)) & 1u)
				ev |= POLLOUT;
			if (!ev)
				continue;
			pfd[n].fd = socks[k];
			pfd[n].events = ev;
			pfd[n].revents = 0;
			owner[n++] = i;
		}
		max.tv_sec = wait / 1000;
		max.tv_usec = (wait % 1000) * 1000;
		t = ares_timeout(chans[i].channel, &max, &tv);
		if (t) {
			long ms = t->tv_sec * 1000 + (t->tv_usec + 999) / 1000;

			if (ms < wait)
				wait = ms;
		}
	}
	if (poll(pfd, n, (int)(wait > 0 ? wait : 0)) < 0)
		n = 0;
	for (i = 0; i < n; i++) {
		short r = pfd[i].revents;

		if (!r)
			continue;
		ares_process_fd(chans[owner[i]].channel,
		    r & (POLLIN | POLLERR | POLLHUP) ? pfd[i].fd :
		    ARES_SOCKET_BAD,
		    r & (POLLOUT | POLLERR | POLLHUP) ? pfd[i].fd :
		    ARES_SOCKET_BAD);
	}
	/* Timeouts are processed without a socket. */
	for (i = 0; i < nc; i++)
		if (chans[i].channel)
			ares_process_fd(chans[i].channel, ARES_SOCKET_BAD,
			    ARES_SOCKET_BAD);
}

static struct chan *
chan_for(struct chan *chans, size_t *nc, const struct dnsq *q)
{
	for (size_t i = 0; i < *nc; i++)
		if (strcmp(chans[i].server, q->server) == 0 &&
		    chans[i].port == q->port && chans[i].tcp == q->tcp)
			return &chans[i];
	chans[*nc].server = q->server;
	chans[*nc].port = q->port;
	chans[*nc].tcp = q->tcp;
	chans[*nc].channel = NULL;
	return &chans[(*nc)++];
}

void
dnsquery_run(struct dnsq *q, size_t n, long long deadline_ms)
{
	struct chan *chans = xcalloc(n ? n : 1, sizeof *chans);
	size_t nc = 0, i;
	int pending = 0, lib = ares_library_init(ARES_LIB_INIT_ALL);
	long long start = clock_mono_ms();
	long budget = (long)(deadline_ms - start);

	for (i = 0; i < n; i++) {
		struct chan *c = chan_for(chans, &nc, &q[i]);
		char *err = NULL;

		q[i].rcode = -1;
		q[i].st = xcalloc(1, sizeof *q[i].st);
		q[i].st->start = start;
		q[i].st->pending = &pending;
		candidates(&q[i], q[i].st);
		pending++;
		if (lib != ARES_SUCCESS || budget <= 0) {
			q[i].error = xstrdup(lib != ARES_SUCCESS ?
			    ares_strerror(lib) : "no time left before the "
			    "deadline");
			finish(&q[i], budget <= 0 ? "timeout" : "error");
			continue;
		}
		if (!c->channel && chan_open(c, budget, &err) != 0) {
			q[i].error = err;
			finish(&q[i], "error");
			continue;
		}
		q[i].st->channel = c->channel;
		send_next(&q[i]);
	}
	while (pending > 0) {
		long left = (long)(deadline_ms - clock_mono_ms());

		if (left <= 0)
			break;
		poll_once(chans, nc, left);
	}
	/* Whatever is still out ends as a timeout (on_answer). */
	for (i = 0; i < nc; i++)
		if (chans[i].channel)
			ares_destroy(chans[i].channel);
	for (i = 0; i < n; i++) {
		if (!q[i].st->done) {
			free(q[i].error);
			q[i].error = xstrdup("no answer before the deadline");
			finish(&q[i], "timeout");
		}
		q[i].st->channel = NULL;
	}
	free(chans);
	if (lib == ARES_SUCCESS)
		ares_library_cleanup();
}

void
dnsquery_release(struct dnsq *q)
{
	if (q->st) {
		for (size_t i = 0; i < q->st->n_names; i++)
			free(q->st->names[i]);
		free(q->st);
	}
	for (size_t i = 0; i < q->n_addrs; i++)
		free(q->addrs[i]);
	free(q->addrs);
	free(q->qname);
	free(q->error);
	q->st = NULL;
	q->addrs = NULL;
	q->qname = NULL;
	q->error = NULL;
}
