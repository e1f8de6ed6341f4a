/* SPDX-License-Identifier: MIT */
/*
 * Requests through proxies (gather/proxyfetch.h).
 *
 * libcurl set-up: curl_global_init is called once, under pthread_once,
 * from the proxy check's gathering thread, before that thread makes any
 * other libcurl call.  No other thread uses libcurl while checks gather
 * (the URL parsing of util/proxyurl.c runs in this same thread, and the
 * judges and reporters run after gathering), so the old libcurl rule
 * "curl_global_init is not thread-safe" holds without the runner knowing
 * about libcurl.  Runs without the proxy check, --replay and lint never
 * load OpenSSL's state at all.
 */
#include "config.h"

#include "gather/proxyfetch.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "util/clock.h"
#include "util/proxyurl.h"
#include "util/xalloc.h"

#define BODY_MAX	(256 * 1024)	/* bytes read from the origin */
#define HEADER_MAX	200		/* bytes kept of Via: / Server: */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc = CURLE_FAILED_INIT;
static int curl_initialised;

static void
curl_init_once(void)
{
	curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
	curl_initialised = curl_init_rc == CURLE_OK;
}

void
proxyfetch_global_cleanup(void)
{
	if (curl_initialised) {
		curl_global_cleanup();
		curl_initialised = 0;
	}
}

struct xfer {
	struct proxyfetch	*f;
	CURL			*h;
	struct curl_slist	*resolve;
	size_t			 body;
	int			 done;
	long long		 start;
	char			 errbuf[CURL_ERROR_SIZE];
};

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;

	(void)p;
	x->body += size * n;
	/* Enough to prove the proxy works: stop a huge download. */
	return x->body > BODY_MAX ? 0 : size * n;
}

/* NAME: value → an allocated, printable copy of value. */
static char *
header_value(const char *line, size_t len, const char *name)
{
	size_t nl = strlen(name), a, b;
	char *v;

	if (len <= nl || strncasecmp(line, name, nl) != 0 || line[nl] != ':')
		return NULL;
	a = nl + 1;
	b = len;
	while (a < b && isspace((unsigned char)line[a]))
		a++;
	while (b > a && isspace((unsigned char)line[b - 1]))
		b--;
	if (b - a > HEADER_MAX)
		b = a + HEADER_MAX;
	v = xstrndup(line + a, b - a);
	for (char *c = v; *c; c++)
		if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f)
			*c = '?';
	return v;
}

static size_t
on_header(char *p, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;
	size_t len = size * n;
	char *v;

	if (!x->f->via && (v = header_value(p, len, "Via")))
		x->f->via = v;
	if (!x->f->server && (v = header_value(p, len, "Server")))
		x->f->server = v;
	return len;
}

static void
xfer_setup(struct xfer *x, struct proxyfetch *f, long timeout_ms)
{
	CURL *h = curl_easy_init();

	x->f = f;
	x->h = h;
	x->start = clock_mono_ms();
	if (!h)
		return;
	for (size_t i = 0; i < sizeof f->resolve / sizeof *f->resolve; i++)
		if (f->resolve[i])
			x->resolve = curl_slist_append(x->resolve,
			    f->resolve[i]);
	curl_easy_setopt(h, CURLOPT_URL, f->url);
	curl_easy_setopt(h, CURLOPT_PROXY, f->proxy);
	/* The variables' no_proxy must not skip the proxy under test. */
	curl_easy_setopt(h, CURLOPT_NOPROXY, "");
	curl_easy_setopt(h, CURLOPT_RESOLVE, x->resolve);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "wslprobe/" PACKAGE_VERSION);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, x);
	if (f->tunnel) {
		curl_easy_setopt(h, CURLOPT_HTTPPROXYTUNNEL, 1L);
		curl_easy_setopt(h, CURLOPT_CONNECT_ONLY, 1L);
	}
}

static const char *
outcome_of(CURLcode rc, long os_errno, const struct proxyfetch *f)
{
	if (f->http_status > 0 || f->connect_code > 0)
		return "connected";
	switch (rc) {
	case CURLE_OK:
		return "connected";
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_RESOLVE_HOST:
		return "dns-failure";
	case CURLE_OPERATION_TIMEDOUT:
		return "timeout";
	case CURLE_COULDNT_CONNECT:
		return os_errno == ECONNREFUSED ? "refused" :
		    os_errno == ETIMEDOUT ? "timeout" : "error";
	default:
		return "error";
	}
}

static void
xfer_finish(struct xfer *x, CURLcode rc)
{
	struct proxyfetch *f = x->f;
	long os_errno = 0;

	x->done = 1;
	f->ms = (long)(clock_mono_ms() - x->start);
	curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &f->http_status);
	curl_easy_getinfo(x->h, CURLINFO_HTTP_CONNECTCODE, &f->connect_code);
	curl_easy_getinfo(x->h, CURLINFO_OS_ERRNO, &os_errno);
	/* With a tunnel only, the response code is the CONNECT answer. */
	if (f->tunnel)
		f->http_status = 0;
	f->outcome = outcome_of(rc, os_errno, f);
	if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && x->body > BODY_MAX))
		f->error = proxyurl_scrub(x->errbuf[0] ? x->errbuf :
		    curl_easy_strerror(rc), f->proxy);
}

static void
run_here(struct proxyfetch *v, size_t n, long long deadline_ms)
{
	struct xfer *x = xcalloc(n ? n : 1, sizeof *x);
	CURLM *m = NULL;
	long budget = (long)(deadline_ms - clock_mono_ms());
	int running = 0;

	pthread_once(&curl_once, curl_init_once);
	if (curl_init_rc == CURLE_OK && budget > 0)
		m = curl_multi_init();
	for (size_t i = 0; i < n; i++) {
		xfer_setup(&x[i], &v[i], budget > 0 ? budget : 1);
		if (!m || !x[i].h) {
			v[i].outcome = budget <= 0 ? "timeout" : "error";
			v[i].error = xstrdup(budget <= 0 ? "no time left "
			    "before the deadline" : "libcurl could not be "
			    "initialised");
			x[i].done = 1;
			continue;
		}
		curl_multi_add_handle(m, x[i].h);
	}
	while (m) {
		long left = (long)(deadline_ms - clock_mono_ms());
		CURLMsg *msg;
		int q;

		curl_multi_perform(m, &running);
		while ((msg = curl_multi_info_read(m, &q)))
			for (size_t i = 0; i < n; i++)
				if (msg->msg == CURLMSG_DONE &&
				    x[i].h == msg->easy_handle)
					xfer_finish(&x[i], msg->data.result);
		if (!running || left <= 0)
			break;
		curl_multi_poll(m, NULL, 0, (int)(left < 100 ? left : 100),
		    NULL);
	}
	for (size_t i = 0; i < n; i++) {
		if (!x[i].done) {
			v[i].outcome = "timeout";
			v[i].ms = (long)(clock_mono_ms() - x[i].start);
			v[i].error = xstrdup("no answer before the deadline");
		}
		if (m && x[i].h)
			curl_multi_remove_handle(m, x[i].h);
		if (x[i].h)
			curl_easy_cleanup(x[i].h);
		curl_slist_free_all(x[i].resolve);
	}
	if (m)
		curl_multi_cleanup(m);
	free(x);
}

struct run_arg {
	struct proxyfetch	*v;
	size_t			 n;
	long long		 deadline_ms;
};

static void *
run_thread(void *arg)
{
	struct run_arg *a = arg;

	run_here(a->v, a->n, a->deadline_ms);
	return NULL;
}

/*
 * The transfers run in a thread of their own that is joined: TLS
 * libraries keep per-thread state (OpenSSL's error queue) that is freed
 * only when the thread that made it ends, and pthread_join returns after
 * that.  The gathering thread itself is detached and may still be
 * ending when the process exits.  The loop is bounded by the deadline
 * and libcurl starts no thread of its own (names come resolved), so the
 * join is bounded too.
 */
void
proxyfetch_run(struct proxyfetch *v, size_t n, long long deadline_ms)
{
	struct run_arg a = { v, n, deadline_ms };
	pthread_t tid;

	if (pthread_create(&tid, NULL, run_thread, &a) != 0)
		run_here(v, n, deadline_ms);
	else
		pthread_join(tid, NULL);
}

void
proxyfetch_release(struct proxyfetch *f)
{
	for (size_t i = 0; i < sizeof f->resolve / sizeof *f->resolve; i++)
		free(f->resolve[i]);
	free(f->via);
	free(f->server);
	free(f->error);
	memset(f, 0, sizeof *f);
}
