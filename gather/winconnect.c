/* SPDX-License-Identifier: MIT */
/* Windows → Linux localhost through interop; see winconnect.h. */
#include "config.h"

#include "gather/winconnect.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "engine/params.h"
#include "util/clock.h"
#include "gather/winexe.h"
#include "util/rootfs.h"
#include "engine/snapshot.h"
#include "util/spawn.h"
#include "util/xalloc.h"

#define ACCEPT_SLICE_MS	50

struct acceptor {
	int		 fd;
	long long	 deadline;
	volatile int	 stop;
	int		 connected;
	long long	 at;
};

/* Accepts one connection and answers it as an HTTP server would. */
static void *
accept_one(void *arg)
{
	static const char reply[] = "HTTP/1.0 204 No Content\r\n"
	    "Connection: close\r\n\r\n";
	struct acceptor *a = arg;
	struct pollfd p = { .fd = a->fd, .events = POLLIN };

	while (!a->stop && clock_mono_ms() < a->deadline) {
		int c;

		if (poll(&p, 1, ACCEPT_SLICE_MS) <= 0)
			continue;
		c = accept4(a->fd, NULL, NULL, SOCK_CLOEXEC);
		if (c < 0)
			continue;
		a->connected = 1;
		a->at = clock_mono_ms();
		(void)send(c, reply, sizeof reply - 1, MSG_NOSIGNAL |
		    MSG_DONTWAIT);
		close(c);
		break;
	}
	return NULL;
}

static int
interop_works(const char *root)
{
	struct rootfs_file f;
	const char *env = getenv("WSL_INTEROP");
	int on;

	rootfs_read(root, "/proc/sys/fs/binfmt_misc/WSLInterop", 4096, &f);
	on = !f.error && f.data && strncmp(f.data, "enabled", 7) == 0;
	rootfs_file_release(&f);
	return on && ((env && *env) || rootfs_exists(root, "/run/WSL"));
}

static int
listen_loopback(int *port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)(void *)&sa, sizeof sa) < 0 ||
	    listen(fd, 4) < 0 ||
	    getsockname(fd, (struct sockaddr *)(void *)&sa, &len) < 0) {
		close(fd);
		return -1;
	}
	*port = ntohs(sa.sin_port);
	return fd;
}

static void
set_outcome(json_object *out, const char *outcome, const char *why)
{
	snap_set_str(out, "outcome", outcome);
	snap_set_str(out, "why", why);
}

void
winconnect_run(const struct wp_ctx *ctx, json_object *out)
{
	static const char *const tools[] = { "curl.exe",
	    "WindowsPowerShell/v1.0/powershell.exe", NULL };
	struct winexe w = { 0 };
	char *url = NULL, *ps = NULL;
	const char *tool = NULL;
	struct acceptor a = { .fd = -1 };
	struct spawn_result res;
	long long start = clock_mono_ms();
	pthread_t tid;
	int port = 0;

	if (!ctx->active_allowed) {
		set_outcome(out, "not-run", "not a WSL2 VM");
		return;
	}
	if (ctx->params && ctx->params->no_windows) {
		set_outcome(out, "not-run", "--no-windows");
		return;
	}
	if (!interop_works(ctx->root)) {
		set_outcome(out, "not-run", "interop is unavailable");
		return;
	}
	for (size_t i = 0; tools[i] && !tool; i++) {
		winexe_release(&w);
		if (winexe_find(ctx->root, tools[i], &w) == 0)
			tool = strrchr(w.path, '/') + 1;
	}
	if (!tool) {
		set_outcome(out, "not-run", "no curl.exe or powershell.exe "
		    "under the C: drive");
		goto done;
	}
	snap_set_str(out, "tool", w.path);
	a.fd = listen_loopback(&port);
	if (a.fd < 0) {
		set_outcome(out, "error", strerror(errno));
		goto done;
	}
	json_object_object_add(out, "port", json_object_new_int(port));
	a.deadline = ctx->deadline_ms;
	if (pthread_create(&tid, NULL, accept_one, &a) != 0) {
		set_outcome(out, "error", "cannot start a thread");
		goto done;
	}
	url = xasprintf("http://localhost:%d/", port);
	/* wslrelay polls listeners every second (§3.1): retry for it. */
	ps = xasprintf("$c=New-Object Net.Sockets.TcpClient;for($i=0;$i -lt "
	    "10;$i++){try{$c.Connect('localhost',%d);exit 0}catch{Start-Sleep "
	    "-Milliseconds 300}};exit 1", port);
	{
		char a0[] = "curl.exe", a1[] = "-s", a2[] = "-o", a3[] = "NUL";
		char a4[] = "--retry", a5[] = "5", a6[] = "--retry-delay";
		char a7[] = "1", a8[] = "--retry-connrefused";
		char p0[] = "powershell.exe", p1[] = "-NoProfile";
		char p2[] = "-NonInteractive", p3[] = "-Command";
		char *cargv[] = { a0, a1, a2, a3, a4, a5, a6, a7, a8, url,
		    NULL };
		char *pargv[] = { p0, p1, p2, p3, ps, NULL };
		long left = wp_ctx_remaining_ms(ctx);

		spawn_run(w.host, strcmp(tool, "curl.exe") == 0 ? cargv :
		    pargv, w.cwd, left > 0 ? left : 1, &res);
	}
	a.stop = 1;
	pthread_join(tid, NULL);
	if (a.connected)
		set_outcome(out, "connected", NULL);
	else if (res.timed_out || clock_mono_ms() >= ctx->deadline_ms)
		set_outcome(out, "timeout", "no connection before the deadline");
	else
		set_outcome(out, "refused", res.error ? res.error :
		    "the Windows program could not connect");
	json_object_object_add(out, "ms", json_object_new_int64(
	    (a.connected ? a.at : clock_mono_ms()) - start));
	spawn_result_release(&res);
done:
	if (a.fd >= 0)
		close(a.fd);
	free(url);
	free(ps);
	winexe_release(&w);
}
