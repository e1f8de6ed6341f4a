/* SPDX-License-Identifier: MIT */
/*
 * Proxy variables wherever a process may get them (gather/proxyenv.h).
 *
 * The parent chain: /proc/<ppid>/status gives the next parent and its
 * real uid; only processes of wslprobe's own uid are read (a login shell,
 * the terminal, the session leader WSL's service started), so "your shell
 * has it, its parent does not" shows without privileges.  Under --root
 * the chain starts at the tree's proc/self/status.
 *
 * Services: systemd gives its units the manager environment, built from
 * DefaultEnvironment= (system.conf, user.conf and their .d/ drop-ins),
 * environment.d for user managers, and `systemctl set-environment`; the
 * last is only seen live, through `systemctl show-environment`.
 */
#include "config.h"

#include "gather/proxyenv.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "engine/ctx.h"
#include "engine/params.h"
#include "engine/snapshot.h"
#include "util/encoding.h"
#include "util/proxyurl.h"
#include "util/rootfs.h"
#include "util/spawn.h"
#include "util/xalloc.h"

#define CHAIN_MAX	16	/* parents read at most */
#define CONF_MAX	32	/* drop-in files read per directory */
#define SYSTEMCTL_MS	1000

extern char **environ;

static const char *const names[] = {
	"http_proxy", "https_proxy", "ftp_proxy", "all_proxy", "no_proxy",
	"wsl_pac_url", NULL
};

const char *
proxyenv_name(const char *name, size_t len)
{
	for (size_t i = 0; names[i]; i++)
		if (strlen(names[i]) == len &&
		    strncasecmp(name, names[i], len) == 0)
			return names[i];
	return NULL;
}

static int
live(const struct wp_ctx *ctx)
{
	return !ctx->root || !*ctx->root || strcmp(ctx->root, "/") == 0;
}

static json_object *
place_new(void)
{
	json_object *p = json_object_new_object();

	json_object_object_add(p, "vars", json_object_new_object());
	json_object_object_add(p, "credentials", json_object_new_array());
	return p;
}

int
proxyenv_add(json_object *place, const char *name, size_t nlen,
    const char *value, int keep)
{
	json_object *vars = snap_obj(place, "vars"), *creds;
	char key[32], *v;
	int had = 0;

	if (!proxyenv_name(name, nlen) || nlen >= sizeof key)
		return 0;
	memcpy(key, name, nlen);
	key[nlen] = '\0';
	v = proxyurl_redact(value, &had);
	if (!json_object_object_get_ex(place, "credentials", &creds)) {
		creds = json_object_new_array();
		json_object_object_add(place, "credentials", creds);
	}
	if (had)
		json_object_array_add(creds, json_object_new_string(key));
	if (!utf8_valid_cstr(value)) {
		/* Not text: kept out (null), but its presence is a finding. */
		json_object_object_add(vars, key, NULL);
		free(v);
		return 1;
	}
	snap_set_str(vars, key, keep ? value : v);
	free(v);
	return 1;
}

void
proxyenv_self(json_object *env, json_object *creds, int keep)
{
	for (char **e = environ; e && *e; e++) {
		const char *eq = strchr(*e, '=');
		json_object *tmp;

		if (!eq || !proxyenv_name(*e, (size_t)(eq - *e)))
			continue;
		tmp = place_new();
		proxyenv_add(tmp, *e, (size_t)(eq - *e), eq + 1, keep);
		/* Flatten {vars, credentials} into env and CREDS. */
		json_object_object_foreach(snap_obj(tmp, "vars"), k, v)
			json_object_object_add(env, k, json_object_get(v));
		{
			json_object *c = snap_get(tmp, "credentials");

			for (size_t i = 0; i < json_object_array_length(c); i++)
				json_object_array_add(creds, json_object_get(
				    json_object_array_get_idx(c, i)));
		}
		json_object_put(tmp);
	}
}

/* A NUL-separated environ block into PLACE. */
static void
add_environ_block(json_object *place, const char *data, size_t len,
    int keep)
{
	const char *p = data, *end = data + len;

	while (p < end) {
		size_t l = strnlen(p, (size_t)(end - p));
		const char *eq = memchr(p, '=', l);

		if (eq) {
			char *v = xstrndup(eq + 1, (size_t)(p + l - eq - 1));

			proxyenv_add(place, p, (size_t)(eq - p), v, keep);
			free(v);
		}
		p += l + 1;
	}
}

/* "Key:\tvalue" of a /proc/<pid>/status text; -1 when missing. */
static long
status_field(const char *text, const char *key)
{
	size_t kl = strlen(key);

	for (const char *l = text; l && *l; l = strchr(l, '\n'),
	    l = l ? l + 1 : NULL)
		if (strncmp(l, key, kl) == 0 && l[kl] == ':')
			return strtol(l + kl + 1, NULL, 10);
	return -1;
}

static char *
read_text(const struct wp_ctx *ctx, const char *path, size_t cap,
    size_t *len, char **error)
{
	struct rootfs_file f;
	char *data;

	rootfs_read(ctx->root, path, cap, &f);
	if (f.error) {
		*error = xstrdup(f.error);
		rootfs_file_release(&f);
		return NULL;
	}
	data = f.data;
	*len = f.len;
	f.data = NULL;
	rootfs_file_release(&f);
	*error = NULL;
	return data;
}

static void
gather_parents(struct wp_ctx *ctx, json_object *proxy, int keep)
{
	json_object *arr = json_object_new_array();
	char *err = NULL, *st;
	size_t len;
	long pid, uid = -1;

	json_object_object_add(proxy, "parents", arr);
	if (live(ctx)) {
		pid = (long)getppid();
		uid = (long)getuid();
	} else {
		st = read_text(ctx, "/proc/self/status", 64 * 1024, &len, &err);
		if (!st) {
			snap_take_str(proxy, "parents_error", xasprintf(
			    "/proc/self/status: %s", err));
			free(err);
			return;
		}
		pid = status_field(st, "PPid");
		uid = status_field(st, "Uid");
		free(st);
	}
	for (int depth = 0; pid > 1 && depth < CHAIN_MAX; depth++) {
		json_object *p = place_new();
		char path[64], *env, *comm;
		long puid, ppid;

		json_object_array_add(arr, p);
		json_object_object_add(p, "pid", json_object_new_int64(pid));
		snprintf(path, sizeof path, "/proc/%ld/status", pid);
		st = read_text(ctx, path, 64 * 1024, &len, &err);
		if (!st) {
			snap_take_str(p, "error", xasprintf("%s: %s", path,
			    err));
			free(err);
			break;
		}
		puid = status_field(st, "Uid");
		ppid = status_field(st, "PPid");
		free(st);
		snprintf(path, sizeof path, "/proc/%ld/comm", pid);
		comm = read_text(ctx, path, 256, &len, &err);
		free(err);
		if (comm) {
			comm[strcspn(comm, "\n")] = '\0';
			if (utf8_valid_cstr(comm))
				snap_set_str(p, "comm", comm);
			free(comm);
		}
		if (uid >= 0 && puid != uid) {
			snap_set_str(p, "error", "another user's process: "
			    "not read");
			break;
		}
		snprintf(path, sizeof path, "/proc/%ld/environ", pid);
		env = read_text(ctx, path, 1024 * 1024, &len, &err);
		if (!env) {
			snap_take_str(p, "error", xasprintf("%s: %s", path,
			    err));
			free(err);
			break;
		}
		add_environ_block(p, env, len, keep);
		free(env);
		pid = ppid;
	}
}

/* Strips one pair of matching quotes around S[0..*len). */
static const char *
unquote(const char *s, size_t *len)
{
	if (*len >= 2 && (s[0] == '"' || s[0] == '\'') &&
	    s[*len - 1] == s[0]) {
		*len -= 2;
		return s + 1;
	}
	return s;
}

/* One KEY=VALUE assignment (VALUE as written, quotes stripped). */
static void
add_assignment(json_object *place, const char *a, size_t len, int keep)
{
	const char *eq = memchr(a, '=', len);
	const char *v;
	size_t vl;
	char *val;

	if (!eq)
		return;
	vl = (size_t)(a + len - eq - 1);
	v = unquote(eq + 1, &vl);
	val = xstrndup(v, vl);
	proxyenv_add(place, a, (size_t)(eq - a), val, keep);
	free(val);
}

/*
 * Lines of KEY=VALUE (/etc/environment, environment.d, systemctl
 * show-environment): '#' comments, an optional "export ".
 */
static void
add_lines(json_object *place, const char *text, int keep)
{
	for (const char *l = text; l && *l; ) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);

		while (len && isspace((unsigned char)*l)) {
			l++;
			len--;
		}
		while (len && isspace((unsigned char)l[len - 1]))
			len--;
		if (len > 7 && strncmp(l, "export ", 7) == 0) {
			l += 7;
			len -= 7;
		}
		if (len && *l != '#')
			add_assignment(place, l, len, keep);
		l = e ? e + 1 : NULL;
	}
}

/* DefaultEnvironment="A=b" C=d ... lines of a systemd .conf file. */
static void
add_default_environment(json_object *place, const char *text, int keep)
{
	static const char key[] = "DefaultEnvironment=";

	for (const char *l = text; l && *l; ) {
		const char *e = strchr(l, '\n');
		const char *end = e ? e : l + strlen(l);

		if (strncmp(l, key, sizeof key - 1) == 0) {
			const char *p = l + sizeof key - 1;

			while (p < end) {
				const char *s;
				char q = 0;

				while (p < end && isspace((unsigned char)*p))
					p++;
				s = p;
				while (p < end && (q || !isspace(
				    (unsigned char)*p))) {
					if (*p == '"' || *p == '\'')
						q = q == *p ? 0 : q ? q : *p;
					p++;
				}
				if (p > s) {
					size_t n = (size_t)(p - s);
					const char *a = unquote(s, &n);

					add_assignment(place, a, n, keep);
				}
			}
		}
		l = e ? e + 1 : NULL;
	}
}

void
proxyenv_parse(json_object *place, const char *text, size_t len,
    enum proxyenv_format fmt, int keep)
{
	switch (fmt) {
	case PROXYENV_ENVIRON:
		add_environ_block(place, text, len, keep);
		break;
	case PROXYENV_LINES:
		add_lines(place, text, keep);
		break;
	case PROXYENV_SYSTEMD:
		add_default_environment(place, text, keep);
		break;
	}
}

typedef void (*adder)(json_object *, const char *, int);

/* PATH (a file) through ADD into PLACE; records what happened. */
static void
read_into(struct wp_ctx *ctx, json_object *place, const char *path,
    adder add, int keep)
{
	json_object *files = snap_obj(place, "files");
	char *err = NULL, *text;
	size_t len;

	text = read_text(ctx, path, 256 * 1024, &len, &err);
	snap_set_str(files, path, text ? "read" : err);
	if (text)
		add(place, text, keep);
	free(text);
	free(err);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.conf of DIR (sorted, as systemd reads them) into PLACE. */
static void
read_dir(struct wp_ctx *ctx, json_object *place, const char *dir,
    adder add, int keep)
{
	char *host, *err = NULL, *list[CONF_MAX];
	size_t n = 0;
	struct dirent *de;
	DIR *d;

	host = rootfs_resolve(ctx->root, dir, &err);
	free(err);
	d = host ? opendir(host) : NULL;
	free(host);
	if (!d)
		return;
	while ((de = readdir(d)) && n < CONF_MAX) {
		size_t l = strlen(de->d_name);

		if (l > 5 && strcmp(de->d_name + l - 5, ".conf") == 0 &&
		    de->d_name[0] != '.')
			list[n++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	qsort(list, n, sizeof *list, cmp_str);
	for (size_t i = 0; i < n; i++) {
		read_into(ctx, place, list[i], add, keep);
		free(list[i]);
	}
}

/*
 * systemctl show-environment and systemctl --user show-environment, at
 * once, live only, bounded by a third of what is left (at most
 * SYSTEMCTL_MS): the requests of the check need the rest.
 */
static void
systemctl_env(struct wp_ctx *ctx, json_object *sys, json_object *user,
    int keep)
{
	static const char *const paths[] = { "/usr/bin/systemctl",
	    "/bin/systemctl", NULL };
	char a0[] = "systemctl", a1[] = "--user", a2[] = "show-environment";
	char *argv_sys[] = { a0, a2, NULL }, *argv_user[] = { a0, a1, a2,
	    NULL };
	struct spawn_result res[2];
	struct spawn_job jobs[2];
	json_object *place[2] = { sys, user };
	long ms = wp_ctx_remaining_ms(ctx) / 3;
	const char *path = NULL;

	for (size_t k = 0; paths[k] && !path; k++)
		if (access(paths[k], X_OK) == 0)
			path = paths[k];
	if (!path || ms <= 0)
		return;
	memset(res, 0, sizeof res);
	jobs[0] = (struct spawn_job){ path, argv_sys, "/", &res[0], NULL };
	jobs[1] = (struct spawn_job){ path, argv_user, "/", &res[1], NULL };
	spawn_run_many(jobs, 2, ms < SYSTEMCTL_MS ? ms : SYSTEMCTL_MS);
	for (int i = 0; i < 2; i++) {
		if (res[i].exit_code == 0 && res[i].out) {
			snap_set_str(place[i], "manager", "read");
			add_lines(place[i], res[i].out, keep);
		} else {
			snap_set_str(place[i], "manager", res[i].timed_out ?
			    "timeout" : "systemctl show-environment failed");
		}
		spawn_result_release(&res[i]);
	}
}

static void
gather_systemd(struct wp_ctx *ctx, json_object *proxy, int keep)
{
	json_object *sd = snap_obj(proxy, "systemd");
	json_object *sys = place_new(), *user = place_new();

	json_object_object_add(sd, "system", sys);
	json_object_object_add(sd, "user", user);
	json_object_object_add(sd, "running", json_object_new_boolean(
	    rootfs_exists(ctx->root, "/run/systemd/system")));
	read_into(ctx, sys, "/etc/systemd/system.conf",
	    add_default_environment, keep);
	read_dir(ctx, sys, "/etc/systemd/system.conf.d",
	    add_default_environment, keep);
	read_into(ctx, user, "/etc/systemd/user.conf",
	    add_default_environment, keep);
	read_dir(ctx, user, "/etc/systemd/user.conf.d",
	    add_default_environment, keep);
	read_dir(ctx, user, "/etc/environment.d", add_lines, keep);
	/* set-environment lives only in the running manager. */
	if (live(ctx) && rootfs_exists(NULL, "/run/systemd/system")) {
		systemctl_env(ctx, sys, user, keep);
	}
}

void
proxyenv_gather(struct wp_ctx *ctx, json_object *proxy)
{
	int keep = ctx->params && ctx->params->keep_secrets;
	json_object *etc = place_new();

	gather_parents(ctx, proxy, keep);
	json_object_object_add(proxy, "etc_environment", etc);
	read_into(ctx, etc, "/etc/environment", add_lines, keep);
	gather_systemd(ctx, proxy, keep);
}
