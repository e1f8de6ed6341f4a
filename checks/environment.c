/* SPDX-License-Identifier: MIT */
/*
 * The environment check: WSL2, WSL1 or not WSL (wsl-facts.md §1.1), the
 * WSL version and live networking mode from wslinfo (§1.2), whether
 * interop works, and where .wslconfig was found (§9.3).  Gathering is
 * passive: files, the environment and wslinfo, never a packet.
 */
#include "config.h"

#include "checks/environment.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks/check.h"
#include "probe/cli.h"
#include "probe/clock.h"
#include "probe/discover.h"
#include "probe/encoding.h"
#include "probe/rootfs.h"
#include "probe/snapshot.h"
#include "probe/spawn.h"
#include "probe/xalloc.h"

#define WSLINFO_BUDGET_MS	2000	/* all wslinfo calls of a run */
#define WSLINFO_MAX_ANSWER	200

static const char *const env_settings[] = { NULL };

/* Environment variables the judges use (interface.md §4 "env"). */
static const char *const env_names[] = {
	"http_proxy", "https_proxy", "ftp_proxy", "all_proxy", "no_proxy",
	"WSL_PAC_URL", "WSL_DISTRO_NAME", "WSL_INTEROP", "WSLENV",
	"USER", NULL
};

/* Reads a small file under the root, trimmed; NULL when unreadable. */
static char *
read_small(const char *root, const char *path)
{
	struct rootfs_file f;
	char *s = NULL;

	rootfs_read(root, path, 64 * 1024, &f);
	if (!f.error && f.data) {
		size_t n = f.len;

		while (n && isspace((unsigned char)f.data[n - 1]))
			n--;
		s = xstrndup(f.data, n);
	}
	rootfs_file_release(&f);
	return s;
}

static void
set_owned(json_object *obj, const char *key, char *value)
{
	snap_set_str(obj, key, value);
	free(value);
}

/* /etc/os-release as a map (os-release(5): KEY=value, maybe quoted). */
static void
gather_os_release(struct wp_ctx *ctx, json_object *frag, json_object *sys)
{
	const char *path = "/etc/os-release";
	json_object *map = json_object_new_object();
	struct rootfs_file f;
	char *line, *save = NULL;

	rootfs_read(ctx->root, path, 64 * 1024, &f);
	if (f.error) {
		rootfs_file_release(&f);
		path = "/usr/lib/os-release";
		rootfs_read(ctx->root, path, 64 * 1024, &f);
	}
	snap_add_file(frag, path, &f);
	for (line = f.data ? strtok_r(f.data, "\n", &save) : NULL; line;
	    line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '='), *v;
		size_t n;

		if (!eq || line[0] == '#' || eq == line)
			continue;
		*eq = '\0';
		v = eq + 1;
		n = strlen(v);
		if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
			v[n - 1] = '\0';
			v++;
		}
		if (utf8_valid_cstr(line) && utf8_valid_cstr(v))
			snap_set_str(map, line, v);
	}
	rootfs_file_release(&f);
	json_object_object_add(sys, "os_release", map);
}

static void
gather_times(struct wp_ctx *ctx, json_object *sys)
{
	struct rootfs_file f;
	char *p, *up;

	rootfs_read(ctx->root, "/proc/stat", 1024 * 1024, &f);
	p = f.data ? strstr(f.data, "\nbtime ") : NULL;
	if (p) {
		long long bt = strtoll(p + 7, NULL, 10);

		if (bt > 0)
			json_object_object_add(sys, "boot_time",
			    json_object_new_int64(bt));
	}
	rootfs_file_release(&f);
	up = read_small(ctx->root, "/proc/uptime");
	if (up) {
		char *end;
		double u = strtod(up, &end);

		if (end != up && isfinite(u) && u >= 0)
			json_object_object_add(sys, "uptime_s",
			    json_object_new_double(u));
		free(up);
	}
}

/* Counts CPUs in a list such as "0-3,6" (sysfs cpu/online). */
static int
count_cpus(const char *s)
{
	int n = 0;

	while (s && *s) {
		char *end;
		long a = strtol(s, &end, 10), b = a;

		if (end == s || a < 0)
			return -1;
		if (*end == '-') {
			s = end + 1;
			b = strtol(s, &end, 10);
			if (end == s || b < a || b - a > 65536)
				return -1;
		}
		n += (int)(b - a + 1);
		s = *end == ',' ? end + 1 : end;
		if (*end && *end != ',')
			return -1;
	}
	return n;
}

static void
gather_system(struct wp_ctx *ctx, json_object *frag)
{
	json_object *sys = snap_obj(frag, "system");
	char *online;
	int n;

	set_owned(sys, "kernel_release",
	    read_small(ctx->root, "/proc/sys/kernel/osrelease"));
	set_owned(sys, "proc_version", read_small(ctx->root, "/proc/version"));
	set_owned(sys, "cmdline", read_small(ctx->root, "/proc/cmdline"));
	gather_os_release(ctx, frag, sys);
	gather_times(ctx, sys);
	json_object_object_add(sys, "uid", json_object_new_int64(getuid()));
	online = read_small(ctx->root, "/sys/devices/system/cpu/online");
	n = count_cpus(online);
	json_object_object_add(sys, "nproc", n > 0 ?
	    json_object_new_int(n) : NULL);
	free(online);
}

static void
gather_env(json_object *frag)
{
	json_object *env = snap_obj(frag, "env");

	for (size_t i = 0; env_names[i]; i++) {
		/* Every case variant: http_proxy and HTTP_PROXY differ. */
		char upper[64];
		const char *v;
		size_t j;

		v = getenv(env_names[i]);
		if (v && utf8_valid_cstr(v))
			snap_set_str(env, env_names[i], v);
		for (j = 0; env_names[i][j] && j < sizeof upper - 1; j++)
			upper[j] = (char)toupper((unsigned char)env_names[i][j]);
		upper[j] = '\0';
		if (strcmp(upper, env_names[i]) == 0)
			continue;
		v = getenv(upper);
		if (v && utf8_valid_cstr(v))
			snap_set_str(env, upper, v);
	}
}

/* The answer of a finished "wslinfo FLAG" run, or NULL with an error. */
static char *
wslinfo_answer(const char *flag, struct spawn_result *res,
    json_object *errors)
{
	char *answer = NULL;

	if (res->exit_code == 0) {
		size_t n = res->out_len;

		while (n && isspace((unsigned char)res->out[n - 1]))
			n--;
		if (n > 0 && n <= WSLINFO_MAX_ANSWER &&
		    !memchr(res->out, '\n', n)) {
			answer = xstrndup(res->out, n);
			if (!utf8_valid_cstr(answer)) {
				free(answer);
				answer = NULL;
			}
		}
	}
	if (!answer) {
		char *e = res->error ? xasprintf("wslinfo %s: %s", flag,
		    res->error) : xasprintf("wslinfo %s: exit %d%s%.*s", flag,
		    res->exit_code, res->err[0] ? ": " : "", 200,
		    res->err);
		size_t k = strlen(e);

		while (k && isspace((unsigned char)e[k - 1]))
			e[--k] = '\0';
		json_object_array_add(errors, json_object_new_string(
		    utf8_valid_cstr(e) ? e : "wslinfo: unreadable answer"));
		free(e);
	}
	return answer;
}

/* Runs "wslinfo FLAG" for N flags at once, within the shared budget. */
static void
wslinfo_ask(const char *host, const char *const *flags, size_t n,
    long long budget_end, char **answers, json_object *errors)
{
	struct spawn_result res[4];
	struct spawn_job jobs[4];
	char *argv[4][3], name[] = "wslinfo";
	long left = (long)(budget_end - clock_mono_ms());

	if (left <= 0) {
		for (size_t i = 0; i < n; i++) {
			char *e = xasprintf("wslinfo %s: not run, the wslinfo "
			    "budget is spent", flags[i]);

			json_object_array_add(errors,
			    json_object_new_string(e));
			free(e);
		}
		return;
	}
	for (size_t i = 0; i < n && i < 4; i++) {
		argv[i][0] = name;
		argv[i][1] = xstrdup(flags[i]);
		argv[i][2] = NULL;
		jobs[i] = (struct spawn_job){ host, argv[i], NULL, &res[i] };
	}
	spawn_run_many(jobs, n, left);
	for (size_t i = 0; i < n && i < 4; i++) {
		answers[i] = wslinfo_answer(flags[i], &res[i], errors);
		spawn_result_release(&res[i]);
		free(argv[i][1]);
	}
}

static int
looks_like_version(const char *s)
{
	if (!s || !isdigit((unsigned char)*s))
		return 0;
	return strspn(s, "0123456789.") == strlen(s);
}

/* wslinfo in /usr/bin, then /bin, under the root (interface.md §2). */
static void
gather_wslinfo(struct wp_ctx *ctx, json_object *wsl)
{
	static const char *const places[] = { "/usr/bin/wslinfo",
	    "/bin/wslinfo", NULL };
	json_object *wi = json_object_new_object();
	json_object *errors = json_object_new_array();
	long budget = WSLINFO_BUDGET_MS;
	long long budget_end;
	char *host = NULL, *v;

	json_object_object_add(wsl, "wslinfo", wi);
	for (size_t i = 0; places[i] && !host; i++) {
		char *err;

		host = rootfs_resolve(ctx->root, places[i], &err);
		free(err);
		if (host && access(host, X_OK) != 0) {
			free(host);
			host = NULL;
		}
		if (host)
			snap_set_str(wi, "path", places[i]);
	}
	json_object_object_add(wi, "available",
	    json_object_new_boolean(host != NULL));
	if (!host) {
		snap_set_str(wi, "version", NULL);
		snap_set_str(wi, "networking_mode", NULL);
		snap_set_str(wi, "vm_id", NULL);
		json_object_put(errors);
		return;
	}
	if (budget > ctx->timeout_ms)
		budget = ctx->timeout_ms;
	budget_end = clock_mono_ms() + budget;
	/*
	 * The questions at once, under one budget.  --version exists since
	 * ~2.3; only when it fails ask --wsl-version (2.2.3, #11475).
	 */
	{
		static const char *const flags[] = { "--version",
		    "--networking-mode", "--vm-id", "--wsl-version" };
		char *answers[4] = { NULL, NULL, NULL, NULL };

		wslinfo_ask(host, flags, 3, budget_end, answers, errors);
		if (!looks_like_version(answers[0]))
			wslinfo_ask(host, flags + 3, 1, budget_end,
			    answers + 3, errors);
		v = looks_like_version(answers[0]) ? answers[0] :
		    looks_like_version(answers[3]) ? answers[3] : NULL;
		set_owned(wi, "version", v ? xstrdup(v) : NULL);
		set_owned(wi, "networking_mode", answers[1]);
		set_owned(wi, "vm_id", answers[2]);
		free(answers[0]);
		free(answers[3]);
	}
	json_object_object_add(wi, "errors", errors);
	free(host);
}

static void
gather_signals(struct wp_ctx *ctx, json_object *wsl)
{
	char *binfmt = read_small(ctx->root,
	    "/proc/sys/fs/binfmt_misc/WSLInterop");
	const char *interop_env = getenv("WSL_INTEROP");
	int binfmt_on = 0, run_wsl;

	json_object_object_add(wsl, "init_present",
	    json_object_new_boolean(rootfs_exists(ctx->root, "/init")));
	run_wsl = rootfs_exists(ctx->root, "/run/WSL");
	json_object_object_add(wsl, "run_wsl",
	    json_object_new_boolean(run_wsl));
	if (binfmt) {
		binfmt_on = strncmp(binfmt, "enabled", 7) == 0;
		snap_set_str(wsl, "binfmt_interop",
		    binfmt_on ? "enabled" : "disabled");
	} else {
		snap_set_str(wsl, "binfmt_interop", NULL);
	}
	free(binfmt);
	snap_set_str(wsl, "distro_name", getenv("WSL_DISTRO_NAME") &&
	    utf8_valid_cstr(getenv("WSL_DISTRO_NAME")) ?
	    getenv("WSL_DISTRO_NAME") : NULL);
	/*
	 * Interop needs the binfmt entry (to run .exe files) and a way to
	 * reach init: WSL_INTEROP, or /run/WSL where init can find the
	 * session's socket through the parent processes (§9.3).
	 */
	json_object_object_add(wsl, "interop", json_object_new_boolean(
	    binfmt_on && ((interop_env && *interop_env) || run_wsl)));
}

/*
 * The distro's wsl.conf (--wsl-conf, else /etc/wsl.conf under the root)
 * and when the distro's init started: wsl.conf applies from then on.
 */
static void
gather_wslconf(struct wp_ctx *ctx, json_object *frag, json_object *wsl)
{
	const char *given = ctx->opts ? ctx->opts->wsl_conf : NULL;
	const char *path = given ? given : "/etc/wsl.conf";
	json_object *sys = snap_obj(frag, "system");
	struct rootfs_file f;
	char *stat, *p;

	if (given)
		rootfs_read_bounded(given, 1024 * 1024,
		    wp_ctx_remaining_ms(ctx), &f);
	else
		rootfs_read(ctx->root, path, 1024 * 1024, &f);
	if (!f.error || strcmp(f.error, "not found") != 0 || given) {
		snap_add_file(frag, path, &f);
		snap_set_str(wsl, "wslconf_path", path);
	} else {
		snap_set_str(wsl, "wslconf_path", NULL);
	}
	rootfs_file_release(&f);
	/* /proc/1/stat field 22: start time in clock ticks after boot. */
	stat = read_small(ctx->root, "/proc/1/stat");
	p = stat ? strrchr(stat, ')') : NULL;
	if (p) {
		int field = 2;
		char *tok, *save = NULL;

		for (tok = strtok_r(p + 1, " ", &save); tok;
		    tok = strtok_r(NULL, " ", &save)) {
			if (++field == 22) {
				char *end;
				unsigned long long t = strtoull(tok, &end, 10);
				long hz = sysconf(_SC_CLK_TCK);

				if (*end == '\0' && hz > 0)
					json_object_object_add(sys,
					    "init_start_s",
					    json_object_new_double(
					    (double)t / (double)hz));
				break;
			}
		}
	}
	free(stat);
}

static int
environment_gather(struct wp_ctx *ctx, json_object *frag)
{
	json_object *wsl = snap_obj(frag, "wsl");

	gather_system(ctx, frag);
	gather_wslconf(ctx, frag, wsl);
	gather_env(frag);
	gather_signals(ctx, wsl);
	gather_wslinfo(ctx, wsl);
	discover_wslconfig(ctx, frag, wsl, snap_bool(wsl, "interop") == 1);
	return 0;
}

/* --- judging --- */

static void
why_add(char ***why, size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
why_add(char ***why, size_t *n, const char *fmt, ...)
{
	va_list ap;

	if (!why)
		return;
	*why = xreallocarray(*why, *n + 2, sizeof **why);
	va_start(ap, fmt);
	(*why)[(*n)++] = xvasprintf(fmt, ap);
	va_end(ap);
	(*why)[*n] = NULL;
}

void
environment_why_free(char **why)
{
	for (size_t i = 0; why && why[i]; i++)
		free(why[i]);
	free(why);
}

/* WSL1 kernels are "4.4.0-<build>-Microsoft" (capital M). */
static int
is_wsl1_release(const char *rel)
{
	return rel && strstr(rel, "-Microsoft") != NULL;
}

enum env_kind
environment_kind(json_object *snap, char ***why)
{
	const char *rel = snap_str(snap, "system.kernel_release");
	const char *ver = snap_str(snap, "system.proc_version");
	const char *mode = snap_str(snap, "wsl.wslinfo.networking_mode");
	const char *distro = snap_str(snap, "wsl.distro_name");
	const char *binfmt = snap_str(snap, "wsl.binfmt_interop");
	int init = snap_bool(snap, "wsl.init_present") == 1;
	int run_wsl = snap_bool(snap, "wsl.run_wsl") == 1;
	int kernel_says = 0, corroborating;
	size_t n = 0;

	if (why)
		*why = NULL;
	if (rel)
		why_add(why, &n, "kernel release '%s'", rel);
	else
		why_add(why, &n, "kernel release unknown "
		    "(/proc/sys/kernel/osrelease not read)");
	if (is_wsl1_release(rel) || (mode && strcmp(mode, "wsl1") == 0)) {
		if (mode && strcmp(mode, "wsl1") == 0)
			why_add(why, &n, "wslinfo --networking-mode says "
			    "'wsl1'");
		return ENV_WSL1;
	}
	if (rel && strcasestr(rel, "microsoft"))
		kernel_says = 1;
	else if (ver && strcasestr(ver, "microsoft")) {
		kernel_says = 1;
		why_add(why, &n, "/proc/version mentions Microsoft");
	}
	corroborating = (distro != NULL) + (binfmt != NULL) + run_wsl;
	why_add(why, &n, "/init %s", init ? "present" : "missing");
	why_add(why, &n, "WSLInterop binfmt entry %s", binfmt ? binfmt :
	    "missing");
	why_add(why, &n, "/run/WSL %s", run_wsl ? "present" : "missing");
	why_add(why, &n, "WSL_DISTRO_NAME %s", distro ? "set" : "not set");
	if (kernel_says)
		return ENV_WSL2;
	/* A custom kernel= may not say Microsoft; WSL's own signals can. */
	if (init && corroborating >= 2) {
		why_add(why, &n, "kernel is not a Microsoft build, but WSL's "
		    "init signals are present (custom kernel)");
		return ENV_WSL2;
	}
	return ENV_NOT_WSL;
}

int
environment_quick_is_wsl2(const char *root)
{
	struct wp_ctx ctx = { .root = root };
	json_object *snap = json_object_new_object();
	json_object *sys = snap_obj(snap, "system");
	int wsl2;

	/* Passive and cheap: decides whether active probes may run. */
	set_owned(sys, "kernel_release",
	    read_small(root, "/proc/sys/kernel/osrelease"));
	set_owned(sys, "proc_version", read_small(root, "/proc/version"));
	gather_signals(&ctx, snap_obj(snap, "wsl"));
	wsl2 = environment_kind(snap, NULL) == ENV_WSL2;
	json_object_put(snap);
	return wsl2;
}

/* A rough WSL version from the kernel release (wsl-facts.md §1.2). */
static const char *
version_from_kernel(const char *rel)
{
	if (!rel || !strstr(rel, "microsoft"))
		return NULL;
	if (strncmp(rel, "5.10.", 5) == 0)
		return "inbox WSL or 1.x (kernel 5.10)";
	if (strncmp(rel, "5.15.", 5) == 0)
		return "about 2.0 to 2.4 (kernel 5.15)";
	if (strncmp(rel, "6.6.", 4) == 0)
		return "about 2.5 or 2.6 (kernel 6.6)";
	if (strncmp(rel, "6.", 2) == 0)
		return "2.5 or later (kernel 6.x)";
	return NULL;
}

static void
judge_wsl(json_object *snap, enum env_kind kind, char **why,
    struct wp_results *rs)
{
	static const char *const names[] = { "not WSL", "WSL1", "WSL2" };
	struct wp_result *r;

	r = wp_results_add(rs, "environment", "environment.wsl",
	    kind == ENV_WSL2 ? WP_PASS : WP_FAIL);
	wp_result_set(&r->expected, "WSL2");
	wp_result_set(&r->observed, "%s", names[kind]);
	for (size_t i = 0; why && why[i]; i++)
		wp_result_evidence(r, "%s", why[i]);
	if (kind == ENV_WSL1)
		wp_result_set(&r->hint, ".wslconfig applies only to WSL2: "
		    "convert with 'wsl --set-version %s 2' from Windows",
		    snap_str(snap, "wsl.distro_name") ?
		    snap_str(snap, "wsl.distro_name") : "<distro>");
	else if (kind == ENV_NOT_WSL)
		wp_result_set(&r->hint, "run wslprobe inside a WSL2 distro "
		    "(or judge a saved snapshot with --replay)");
}

static void
judge_version(json_object *snap, enum env_kind kind, struct wp_results *rs)
{
	const char *v = snap_str(snap, "wsl.wslinfo.version");
	int avail = snap_bool(snap, "wsl.wslinfo.available");
	struct wp_result *r;

	if (kind != ENV_WSL2) {
		r = wp_results_add(rs, "environment", "environment.wsl-version",
		    WP_SKIP);
		wp_result_evidence(r, "not a WSL2 VM");
		return;
	}
	if (v) {
		r = wp_results_add(rs, "environment", "environment.wsl-version",
		    WP_PASS);
		wp_result_set(&r->observed, "%s", v);
		wp_result_evidence(r, "wslinfo --version: %s", v);
		return;
	}
	r = wp_results_add(rs, "environment", "environment.wsl-version",
	    WP_UNKNOWN);
	wp_result_set(&r->observed, "unknown");
	if (avail == 1) {
		json_object *errs = snap_get(snap, "wsl.wslinfo.errors");

		wp_result_evidence(r, "wslinfo cannot tell its version "
		    "(builds before 2.2.3 lack --version/--wsl-version)");
		for (size_t i = 0; errs && json_object_is_type(errs,
		    json_type_array) && i < json_object_array_length(errs);
		    i++) {
			json_object *e = json_object_array_get_idx(errs, i);

			if (json_object_is_type(e, json_type_string) &&
			    strstr(json_object_get_string(e), "version"))
				wp_result_evidence(r, "%s",
				    json_object_get_string(e));
		}
	} else {
		wp_result_evidence(r, "wslinfo not found in /usr/bin or /bin "
		    "(it ships with Store WSL 2.0 and later)");
	}
	if (version_from_kernel(snap_str(snap, "system.kernel_release")))
		wp_result_evidence(r, "kernel suggests WSL %s",
		    version_from_kernel(snap_str(snap,
		    "system.kernel_release")));
	wp_result_set(&r->hint, "run 'wsl --version' on Windows; defaults "
	    "are judged as for the newest WSL");
}

static void
judge_interop(json_object *snap, enum env_kind kind, struct wp_results *rs)
{
	int interop = snap_bool(snap, "wsl.interop");
	const char *binfmt = snap_str(snap, "wsl.binfmt_interop");
	const char *sock = snap_str(snap, "env.WSL_INTEROP");
	struct wp_result *r;

	if (kind != ENV_WSL2) {
		r = wp_results_add(rs, "environment", "environment.interop",
		    WP_SKIP);
		wp_result_evidence(r, "not a WSL2 VM");
		return;
	}
	if (interop < 0) {
		r = wp_results_add(rs, "environment", "environment.interop",
		    WP_UNKNOWN);
		wp_result_evidence(r, "interop was not gathered");
		return;
	}
	r = wp_results_add(rs, "environment", "environment.interop",
	    interop ? WP_PASS : WP_WARN);
	wp_result_set(&r->observed, interop ? "available" : "unavailable");
	wp_result_evidence(r, "WSLInterop binfmt entry: %s",
	    binfmt ? binfmt : "missing");
	wp_result_evidence(r, "WSL_INTEROP: %s", sock ? sock : "not set");
	wp_result_evidence(r, "/run/WSL: %s",
	    snap_bool(snap, "wsl.run_wsl") == 1 ? "present" : "missing");
	if (!interop)
		wp_result_set(&r->hint, "without interop wslprobe cannot ask "
		    "Windows for %%USERPROFILE%% or test Windows-to-Linux "
		    "localhost; enable it with [interop] enabled=true in "
		    "/etc/wsl.conf and restart the distro");
}

static void
judge_wslconfig(json_object *snap, struct wp_results *rs)
{
	const char *path = snap_str(snap, "wsl.wslconfig_path");
	const char *source = snap_str(snap, "wsl.wslconfig_source");
	json_object *tried = snap_get(snap, "wsl.wslconfig_tried");
	json_object *file = path ? snap_file(snap, path) : NULL;
	const char *ferr = file ? snap_str(file, "error") : NULL;
	struct wp_result *r;
	size_t i, n;

	if (source && strcmp(source, "none") == 0) {
		r = wp_results_add(rs, "environment", "environment.wslconfig",
		    WP_SKIP);
		wp_result_evidence(r, "--no-config: judged against WSL's "
		    "defaults");
		return;
	}
	if (path && !ferr) {
		r = wp_results_add(rs, "environment", "environment.wslconfig",
		    WP_PASS);
		wp_result_set(&r->observed, "%s", path);
		wp_result_evidence(r, "found through %s", !source ? "?" :
		    strcmp(source, "option") == 0 ? "--config" :
		    strcmp(source, "env") == 0 ? "$USERPROFILE" :
		    strcmp(source, "interop") == 0 ?
		    "%USERPROFILE% from Windows (interop)" :
		    strcmp(source, "guess") == 0 ?
		    "a guess: the only or the user's own profile under "
		    "Users" : source);
		return;
	}
	r = wp_results_add(rs, "environment", "environment.wslconfig",
	    WP_WARN);
	wp_result_set(&r->observed, path ? "unreadable" : "not found");
	if (path)
		wp_result_evidence(r, "%s: %s", path, ferr);
	n = tried && json_object_is_type(tried, json_type_array) ?
	    json_object_array_length(tried) : 0;
	for (i = 0; i < n; i++) {
		json_object *t = json_object_array_get_idx(tried, i);

		if (json_object_is_type(t, json_type_string))
			wp_result_evidence(r, "tried %s",
			    json_object_get_string(t));
	}
	wp_result_set(&r->hint, "settings are judged against WSL's "
	    "defaults; pass --config /mnt/c/Users/<you>/.wslconfig if you "
	    "have one");
}

int
check_environment_judge(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	char **why;
	enum env_kind kind = environment_kind(snap, &why);

	judge_wsl(snap, kind, why, rs);
	judge_version(snap, kind, rs);
	judge_interop(snap, kind, rs);
	judge_wslconfig(snap, rs);
	environment_why_free(why);
	return 0;
}

json_object *
environment_summary(json_object *snap)
{
	static const char *const kinds[] = { "not-wsl", "wsl1", "wsl2" };
	json_object *o = json_object_new_object();
	const char *path = snap_str(snap, "wsl.wslconfig_path");
	double d;
	int interop = snap_bool(snap, "wsl.interop");

	snap_set_str(o, "wsl", kinds[environment_kind(snap, NULL)]);
	snap_set_str(o, "wsl_version", snap_str(snap, "wsl.wslinfo.version"));
	snap_set_str(o, "networking_mode", snap_str(snap,
	    "wsl.wslinfo.networking_mode"));
	snap_set_str(o, "kernel", snap_str(snap, "system.kernel_release"));
	snap_set_str(o, "distro", snap_str(snap,
	    "system.os_release.PRETTY_NAME"));
	snap_set_str(o, "distro_name", snap_str(snap, "wsl.distro_name"));
	if (snap_num(snap, "system.boot_time", &d) == 0)
		set_owned(o, "boot_time", time_iso8601(d));
	else
		snap_set_str(o, "boot_time", NULL);
	json_object_object_add(o, "uptime_s",
	    snap_num(snap, "system.uptime_s", &d) == 0 ?
	    json_object_new_double(d) : NULL);
	json_object_object_add(o, "interop", interop < 0 ? NULL :
	    json_object_new_boolean(interop));
	snap_set_str(o, "wslconfig", path);
	snap_set_str(o, "wslconfig_source", snap_str(snap,
	    "wsl.wslconfig_source"));
	return o;
}

const struct wp_check check_environment = {
	.name = "environment",
	.title = "WSL2 detection, WSL version, interop and .wslconfig",
	.settings = env_settings,
	.flags = WP_CHECK_ALWAYS_GATHER,
	.gather = environment_gather,
	.judge = check_environment_judge,
};
