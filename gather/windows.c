/* SPDX-License-Identifier: MIT */
/*
 * The Windows gatherer; see windows.h.  Two waves under one deadline:
 * wsl.exe, reg.exe (three keys) and cmd.exe at once, with powershell.exe
 * beside them in a thread of its own (it starts in about a second, the
 * others in about a tenth: sakai135/wsl-vpnkit#77); then, once reg.exe
 * has named the distro's VHD, fsutil.exe on it.
 */
#include "config.h"

#include "gather/windows.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "engine/params.h"
#include "engine/snapshot.h"
#include "gather/discover.h"
#include "gather/winexe.h"
#include "parse/windows_text.h"
#include "util/clock.h"
#include "util/encoding.h"
#include "util/rootfs.h"
#include "util/spawn.h"
#include "util/xalloc.h"

extern char **environ;

#define KEY_INET	"HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\" \
			"Internet Settings"
#define KEY_LXSS	"HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Lxss"
#define KEY_OS		"HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"

/*
 * One PowerShell call: memory first (what the memory check needs), then
 * the processor count, the VHD's sparse attribute and size (a fallback
 * for fsutil.exe, which may answer in another language or want
 * elevation), and the firewall last (its module loads slowly); one
 * "name=value" per line so that what arrived before the deadline counts.
 * Single quotes only: interop quotes the argument for Windows.
 */
static const char ps_head[] =
    "$ProgressPreference='SilentlyContinue';"
    "try{'memory='+(Get-CimInstance -ClassName Win32_ComputerSystem)."
    "TotalPhysicalMemory}catch{'memory=error'};"
    "'cpus='+[Environment]::ProcessorCount;";
/* %s: the distro's name, checked to hold no quote (distro_name_ok). */
static const char ps_vhd[] =
    "try{$k=Get-ChildItem 'HKCU:\\Software\\Microsoft\\Windows\\"
    "CurrentVersion\\Lxss'|Get-ItemProperty|Where-Object{"
    "$_.DistributionName -eq '%s'}|Select-Object -First 1;"
    "$b=[string]$k.BasePath;if($b.StartsWith('\\\\?\\')){"
    "$b=$b.Substring(4)};$n='ext4.vhdx';if($k.VhdFileName){"
    "$n=$k.VhdFileName};$i=Get-Item -LiteralPath (Join-Path $b $n) "
    "-Force -ErrorAction Stop;'vhd_sparse='+[bool]($i.Attributes "
    "-band 512);'vhd_size='+$i.Length}catch{'vhd_sparse=error'};";
static const char ps_tail[] =
    "try{'firewall='+(" WINDOWS_FIREWALL_CMD " -ErrorAction Stop).Enabled}"
    "catch{'firewall=error'}";

enum prog { P_VERSION, P_PROXY, P_LXSS, P_OS, P_CPUS, P_POWERSHELL, P_SPARSE,
	P_COUNT };

static const struct {
	const char	*key;		/* in windows.programs */
	const char	*exe;		/* under System32 */
} progs[P_COUNT] = {
	[P_VERSION] = { "wsl_version", "wsl.exe" },
	[P_PROXY] = { "proxy", "reg.exe" },
	[P_LXSS] = { "lxss", "reg.exe" },
	[P_OS] = { "os", "reg.exe" },
	[P_CPUS] = { "cpus", "cmd.exe" },
	[P_POWERSHELL] = { "powershell",
	    "WindowsPowerShell/v1.0/powershell.exe" },
	[P_SPARSE] = { "sparse", "fsutil.exe" },
};

struct run {
	struct winexe		 exe;
	char			*argv[8];
	struct spawn_result	 res;
	int			 found;
};

/* The environment for wsl.exe: WSL_UTF8=1, exported to Windows by WSLENV
   (microsoft/WSL#4607); builds before 0.64 ignore it. */
static char **
utf8_environ(void)
{
	const char *wslenv = getenv("WSLENV");
	size_t n = 0, i, k = 0;
	char **env;

	while (environ[n])
		n++;
	env = xcalloc(n + 3, sizeof *env);
	for (i = 0; i < n; i++)
		if (strncmp(environ[i], "WSL_UTF8=", 9) != 0 &&
		    strncmp(environ[i], "WSLENV=", 7) != 0)
			env[k++] = xstrdup(environ[i]);
	env[k++] = xstrdup("WSL_UTF8=1");
	env[k++] = wslenv && *wslenv ? xasprintf("WSLENV=%s:WSL_UTF8",
	    wslenv) : xstrdup("WSLENV=WSL_UTF8");
	return env;
}

static void
env_free(char **env)
{
	for (size_t i = 0; env && env[i]; i++)
		free(env[i]);
	free(env);
}

static void
set_argv(struct run *r, const char *const *args)
{
	for (size_t i = 0; args[i] && i < 7; i++)
		r->argv[i] = xstrdup(args[i]);
}

static void
run_release(struct run *r)
{
	for (size_t i = 0; r->argv[i]; i++)
		free(r->argv[i]);
	if (r->found)
		spawn_result_release(&r->res);
	winexe_release(&r->exe);
	memset(r, 0, sizeof *r);
}

/* Stores BUF as "NAME" (valid UTF-8) or "NAME_b64". */
static void
put_bytes(json_object *o, const char *name, const char *buf, size_t len)
{
	if (utf8_valid(buf, len)) {
		json_object_object_add(o, name,
		    json_object_new_string_len(buf, (int)len));
	} else {
		char *b = base64_encode(buf, len), *k = xasprintf("%s_b64",
		    name);

		json_object_object_add(o, k, json_object_new_string(b));
		free(k);
		free(b);
	}
}

/* The short name users know: "powershell.exe". */
static const char *
exe_name(enum prog p)
{
	const char *s = strrchr(progs[p].exe, '/');

	return s ? s + 1 : progs[p].exe;
}

/*
 * The record of one program: argv, path, exit, ms, output.  The proxy's
 * output loses its credentials unless --no-redact (interface.md §4).
 */
static void
record(json_object *programs, enum prog p, struct run *r, long budget,
    int keep_secrets)
{
	json_object *o = json_object_new_object(), *av;

	json_object_object_add(programs, progs[p].key, o);
	av = json_object_new_array();
	for (size_t i = 0; r->argv[i]; i++)
		json_object_array_add(av, json_object_new_string(r->argv[i]));
	json_object_object_add(o, "argv", av);
	snap_set_str(o, "path", r->exe.path);
	json_object_object_add(o, "started", json_object_new_boolean(
	    r->found && r->res.started));
	if (!r->found) {
		snap_set_str(o, "why", r->exe.why);
		return;
	}
	json_object_object_add(o, "exit", r->res.exit_code >= 0 ?
	    json_object_new_int(r->res.exit_code) : NULL);
	json_object_object_add(o, "timed_out",
	    json_object_new_boolean(r->res.timed_out));
	json_object_object_add(o, "truncated",
	    json_object_new_boolean(r->res.truncated));
	json_object_object_add(o, "ms", json_object_new_int64(r->res.ms));
	json_object_object_add(o, "budget_ms", json_object_new_int64(budget));
	if (r->res.timed_out)
		snap_take_str(o, "why", xasprintf("%s did not answer in %ld ms",
		    exe_name(p), budget));
	else if (!r->res.started)
		snap_set_str(o, "why", r->res.error);
	else if (r->res.truncated)
		snap_take_str(o, "why", xasprintf("%s printed more than %d "
		    "bytes", exe_name(p), SPAWN_MAX_OUTPUT));
	else if (r->res.exit_code != 0)
		snap_take_str(o, "why", xasprintf("%s exited with status %d",
		    exe_name(p), r->res.exit_code));
	if (p == P_PROXY && !keep_secrets) {
		char *text = win_decode(r->res.out, r->res.out_len, NULL,
		    NULL);
		int removed;
		char *clean = win_scrub_credentials(text, &removed);

		put_bytes(o, "stdout", clean, strlen(clean));
		json_object_object_add(o, "credentials_removed",
		    json_object_new_boolean(removed));
		free(clean);
		free(text);
	} else {
		put_bytes(o, "stdout", r->res.out, r->res.out_len);
	}
	put_bytes(o, "stderr", r->res.err, strlen(r->res.err));
}

static int
find(const struct wp_ctx *ctx, const char *cmount, enum prog p,
    struct run *r)
{
	r->found = winexe_find_at(ctx->root, cmount, progs[p].exe,
	    &r->exe) == 0;
	return r->found;
}

struct ps_thread {
	struct run	*r;
	long		 budget;
};

static void *
ps_main(void *arg)
{
	struct ps_thread *t = arg;

	spawn_run(t->r->exe.host, t->r->argv, t->r->exe.cwd, t->budget,
	    &t->r->res);
	return NULL;
}

/* Strips the "\\?\" prefix WSL writes in some BasePath values. */
static const char *
plain_path(const char *p)
{
	return strncmp(p, "\\\\?\\", 4) == 0 ? p + 4 : p;
}

/*
 * The distro's VHD as a Windows path, from `reg.exe query Lxss /s`:
 * the key whose DistributionName is DISTRO; allocated, or NULL.
 */
static char *
vhd_path(const struct spawn_result *res, const char *distro)
{
	struct win_reg reg;
	char *text = win_decode(res->out, res->out_len, NULL, NULL), *out = NULL;

	win_reg_parse(text, &reg);
	for (size_t i = 0; i < reg.n && !out; i++) {
		const struct win_reg_value *base, *file;

		if (strcasecmp(reg.v[i].name, "DistributionName") != 0 ||
		    strcmp(reg.v[i].data, distro) != 0)
			continue;
		/* The key's own values: those under the same key line. */
		base = NULL;
		file = NULL;
		for (size_t j = 0; j < reg.n; j++) {
			if (strcmp(reg.v[j].key, reg.v[i].key) != 0)
				continue;
			if (strcasecmp(reg.v[j].name, "BasePath") == 0)
				base = &reg.v[j];
			else if (strcasecmp(reg.v[j].name, "VhdFileName") == 0)
				file = &reg.v[j];
		}
		if (base && *base->data) {
			const char *b = plain_path(base->data);
			size_t bl = strlen(b);

			/* BasePath may end in a backslash. */
			while (bl && b[bl - 1] == '\\')
				bl--;
			out = xasprintf("%.*s\\%s", (int)bl, b,
			    file && *file->data ? file->data : "ext4.vhdx");
		}
	}
	win_reg_release(&reg);
	free(text);
	return out;
}

/* Size and allocation of the VHD as the C: mount shows them. */
static void
vhd_stat(const struct wp_ctx *ctx, const char *winpath, json_object *vhd)
{
	char *lin = discover_windows_to_linux(ctx->root, winpath);
	char *host = NULL, *err = NULL;
	struct stat st;

	snap_set_str(vhd, "linux_path", lin);
	if (lin)
		host = rootfs_resolve(ctx->root, lin, &err);
	if (host && stat(host, &st) == 0 && S_ISREG(st.st_mode)) {
		json_object_object_add(vhd, "size",
		    json_object_new_int64((int64_t)st.st_size));
		json_object_object_add(vhd, "allocated",
		    json_object_new_int64((int64_t)st.st_blocks * 512));
	} else {
		snap_set_str(vhd, "stat_error", lin ? "not readable through "
		    "the drive's mount" : "not a drive path");
	}
	free(err);
	free(host);
	free(lin);
}

static long
left_ms(const struct wp_ctx *ctx)
{
	long ms = wp_ctx_remaining_ms(ctx);

	return ms > 0 ? ms : 1;
}

static int
distro_name_ok(const char *d)
{
	if (!d || !*d)
		return 0;
	for (; *d; d++)
		if (!isalnum((unsigned char)*d) && !strchr("._-", *d))
			return 0;
	return 1;
}

/* Runs the programs; see windows_gather for when. */
static void
ask(const struct wp_ctx *ctx, const char *distro, json_object *win)
{
	const char *const a_version[] = { "wsl.exe", "--version", NULL };
	const char *const a_proxy[] = { "reg.exe", "query", KEY_INET, NULL };
	const char *const a_lxss[] = { "reg.exe", "query", KEY_LXSS, "/s",
	    NULL };
	const char *const a_os[] = { "reg.exe", "query", KEY_OS, NULL };
	const char *const a_cpus[] = { "cmd.exe", "/c", "echo",
	    "%NUMBER_OF_PROCESSORS%", NULL };
	char *vhd_part = distro_name_ok(distro) ? xasprintf(ps_vhd, distro) :
	    xstrdup("");
	char *script = xasprintf("%s%s%s", ps_head, vhd_part, ps_tail);
	const char *const a_ps[] = { "powershell.exe", "-NoLogo",
	    "-NoProfile", "-NonInteractive", "-Command", script, NULL };
	const char *const *args[P_COUNT] = { a_version, a_proxy, a_lxss,
	    a_os, a_cpus, a_ps, NULL };
	int keep = ctx->params && ctx->params->keep_secrets;
	struct run r[P_COUNT];
	struct spawn_job jobs[P_COUNT];
	struct ps_thread pt;
	json_object *programs, *vhd;
	long long start = clock_mono_ms();
	long budget;
	pthread_t tid;
	int ps_running = 0;
	size_t n = 0;
	char **env, *path = NULL;
	/* One read of mountinfo for every program, not one each. */
	char *cmount = discover_drive_mount(ctx->root, 'c');

	json_object_object_add(win, "asked", json_object_new_boolean(1));
	programs = snap_obj(win, "programs");
	memset(r, 0, sizeof r);
	budget = left_ms(ctx);
	env = utf8_environ();
	for (int p = 0; p < P_COUNT; p++)
		if (args[p])
			set_argv(&r[p], args[p]);
	if (find(ctx, cmount, P_POWERSHELL, &r[P_POWERSHELL])) {
		pt.r = &r[P_POWERSHELL];
		pt.budget = budget;
		ps_running = pthread_create(&tid, NULL, ps_main, &pt) == 0;
		if (!ps_running) {
			r[P_POWERSHELL].found = 0;
			r[P_POWERSHELL].exe.why = xstrdup("cannot start a "
			    "thread");
		}
	}
	for (int p = P_VERSION; p <= P_CPUS; p++) {
		if (!find(ctx, cmount, p, &r[p]))
			continue;
		jobs[n++] = (struct spawn_job){ r[p].exe.host, r[p].argv,
		    r[p].exe.cwd, &r[p].res, p == P_VERSION ? env : NULL };
	}
	spawn_run_many(jobs, n, budget);
	/* Wave 2: the VHD reg.exe named, if time is left. */
	vhd = snap_obj(win, "vhd");
	snap_set_str(vhd, "distro", distro);
	if (!distro_name_ok(distro))
		snap_set_str(vhd, "why", "WSL_DISTRO_NAME is not set");
	else if (r[P_LXSS].found && r[P_LXSS].res.exit_code == 0)
		path = vhd_path(&r[P_LXSS].res, distro);
	if (path) {
		const char *const a_sparse[] = { "fsutil.exe", "sparse",
		    "queryflag", path, NULL };
		long sb = left_ms(ctx);

		snap_set_str(vhd, "windows_path", path);
		vhd_stat(ctx, path, vhd);
		set_argv(&r[P_SPARSE], a_sparse);
		if (find(ctx, cmount, P_SPARSE, &r[P_SPARSE]))
			spawn_run(r[P_SPARSE].exe.host, r[P_SPARSE].argv,
			    r[P_SPARSE].exe.cwd, sb, &r[P_SPARSE].res);
		record(programs, P_SPARSE, &r[P_SPARSE], sb, keep);
	} else if (distro_name_ok(distro)) {
		snap_take_str(vhd, "why", xasprintf("no Lxss key names '%s'",
		    distro));
	}
	if (ps_running)
		pthread_join(tid, NULL);
	for (int p = P_VERSION; p <= P_POWERSHELL; p++)
		record(programs, p, &r[p], budget, keep);
	json_object_object_add(win, "ms",
	    json_object_new_int64(clock_mono_ms() - start));
	for (int p = 0; p < P_COUNT; p++)
		run_release(&r[p]);
	free(path);
	free(cmount);
	free(script);
	free(vhd_part);
	env_free(env);
}

void
windows_gather(const struct wp_ctx *ctx, int interop, const char *distro,
    json_object *win)
{
	const char *why = NULL;

	/* The passive-only rule, the user's word, and interop itself. */
	if (ctx->params && ctx->params->no_windows)
		why = "--no-windows";
	else if (!ctx->active_allowed)
		why = "not a WSL2 VM";
	else if (interop != 1)
		why = interop == 0 ? "interop unavailable" :
		    "interop not gathered";
	if (why) {
		json_object_object_add(win, "asked",
		    json_object_new_boolean(0));
		snap_set_str(win, "why", why);
		return;
	}
	ask(ctx, distro, win);
}
