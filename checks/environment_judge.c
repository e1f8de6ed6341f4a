/* SPDX-License-Identifier: MIT */
/*
 * Judging the environment: WSL2, WSL1 or not WSL from the signals of
 * wsl-facts.md §1.1, the WSL version (§1.2), interop, and where .wslconfig
 * was found (§9.3); and the facts the reports show in their header.
 */
#include "config.h"

#include "checks/environment.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "engine/snapshot.h"
#include "facts/windows.h"
#include "facts/state.h"
#include "facts/wsl.h"
#include "util/clock.h"
#include "util/xalloc.h"

#define SUPPORT_LINE "mirrored networking, DNS tunneling, autoProxy and " \
	"the Hyper-V firewall need Windows 11 22H2 (build 22621) or later"

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
	/*
	 * Without the kernel release nothing says what this is; without
	 * WSL's init signals the kernel alone cannot tell WSL2 from a
	 * container on a WSL2 kernel (§1.1): the judges go on as WSL2,
	 * but this result claims nothing.
	 */
	if ((kind != ENV_WSL2 && fact_str(snap, "system.kernel_release",
	    NULL) == FACT_NOT_GATHERED) || (kind == ENV_NOT_WSL &&
	    fact_bool(snap, "wsl.init_present", NULL) == FACT_NOT_GATHERED) ||
	    (kind == ENV_WSL2 &&
	    fact_bool(snap, "wsl.init_present", NULL) == FACT_NOT_GATHERED &&
	    fact_bool(snap, "wsl.run_wsl", NULL) == FACT_NOT_GATHERED)) {
		r->verdict = WP_UNKNOWN;
		wp_result_set(&r->observed, "unknown");
		return;
	}
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
		int hung = 0;

		for (size_t i = 0; errs && json_object_is_type(errs,
		    json_type_array) && i < json_object_array_length(errs);
		    i++) {
			json_object *e = json_object_array_get_idx(errs, i);
			const char *t = json_object_get_string(e);

			if (!json_object_is_type(e, json_type_string) ||
			    !strstr(t, "version"))
				continue;
			/* A hung wslinfo says nothing of its age. */
			hung |= strstr(t, "did not finish within") != NULL ||
			    strstr(t, "budget is spent") != NULL;
			wp_result_evidence(r, "%s", t);
		}
		wp_result_evidence(r, hung ? "wslinfo did not answer in time: "
		    "its version is unknown (not a sign of an old WSL)" :
		    "wslinfo cannot tell its version (builds before 2.2.3 "
		    "lack --version/--wsl-version)");
	} else {
		wp_result_evidence(r, "wslinfo not found in /usr/bin or /bin "
		    "(it ships with Store WSL 2.0 and later)");
	}
	if (version_from_kernel(snap_str(snap, "system.kernel_release")))
		wp_result_evidence(r, "kernel suggests WSL %s",
		    version_from_kernel(snap_str(snap,
		    "system.kernel_release")));
	wp_result_set(&r->hint, "run 'wsl --version' on Windows; settings "
	    "whose default changed between WSL versions stay unknown");
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

	if (fact_str(snap, "wsl.wslconfig_path", NULL) ==
	    FACT_NOT_GATHERED || (path && fact_file(snap, path, NULL, NULL,
	    NULL) == FACT_NOT_GATHERED && !ferr)) {
		r = wp_results_add(rs, "environment", "environment.wslconfig",
		    WP_UNKNOWN);
		wp_result_evidence(r, "not gathered: the snapshot does not "
		    "say where .wslconfig is%s", path ? " or what it holds" :
		    "");
		return;
	}

	if (source && strcmp(source, "none") == 0) {
		r = wp_results_add(rs, "environment", "environment.wslconfig",
		    WP_SKIP);
		wp_result_evidence(r, "--no-config: judged against WSL's "
		    "defaults");
		return;
	}
	/* Windows named the profile, and it has no .wslconfig (§9.3). */
	if (!path && source && (strcmp(source, "interop") == 0 ||
	    strcmp(source, "env") == 0)) {
		r = wp_results_add(rs, "environment", "environment.wslconfig",
		    WP_PASS);
		wp_result_set(&r->observed, "no .wslconfig: WSL's defaults "
		    "apply");
		wp_result_evidence(r, "the profile %s names has no .wslconfig",
		    strcmp(source, "env") == 0 ? "$USERPROFILE" :
		    "%USERPROFILE% from Windows (interop)");
		n = tried && json_object_is_type(tried, json_type_array) ?
		    json_object_array_length(tried) : 0;
		for (i = 0; i < n; i++)
			if (json_object_is_type(json_object_array_get_idx(
			    tried, i), json_type_string))
				wp_result_evidence(r, "tried %s",
				    json_object_get_string(
				    json_object_array_get_idx(tried, i)));
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

/* Settings WSL drops on Windows builds before 22621 (wsl-facts.md §2.1). */
static const struct {
	const char	*key;
	const char	*value;
} needs_22h2[] = {
	{ "wsl2.networkingMode", "mirrored" },
	{ "wsl2.dnsTunneling", "true" },
	{ "wsl2.autoProxy", "true" },
	{ "wsl2.firewall", "true" },
};

/* "Professional, 23H2, Windows 22631.4460" from the registry. */
static void
os_evidence(json_object *snap, unsigned build, struct wp_result *r)
{
	struct win_os os;
	const char *src;

	if (facts_windows_os(snap, &os, &src) != FACT_PRESENT)
		return;
	wp_result_evidence(r, "%s%s%s%s%s, build %u.%u (from Windows: %s)",
	    os.server ? "Windows Server " : "", os.edition ? os.edition : "",
	    os.edition ? " edition" : "edition unknown",
	    os.display ? ", " : "", os.display ? os.display : "",
	    os.build ? os.build : build, os.revision, src);
	facts_windows_os_release(&os);
}

static void
judge_windows(json_object *snap, const struct wp_expect *x,
    enum env_kind kind, struct wp_results *rs)
{
	const char *src, *why;
	char *lwhy = NULL;
	unsigned build;
	struct wp_result *r;
	enum fact_state st;
	int lacks;

	if (kind != ENV_WSL2) {
		r = wp_results_add(rs, "environment", "environment.windows",
		    WP_SKIP);
		wp_result_evidence(r, "not a WSL2 VM");
		return;
	}
	st = facts_windows_build(snap, &build, &src);
	if (st != FACT_PRESENT) {
		why = facts_windows_why(snap, "build");
		r = wp_results_add(rs, "environment", "environment.windows",
		    WP_UNKNOWN);
		wp_result_set(&r->observed, "unknown");
		wp_result_evidence(r, "Windows build not known: %s",
		    why ? why : "no answer");
		wp_result_evidence(r, "%s", SUPPORT_LINE);
		wp_result_set(&r->hint, "run 'wsl --version' on Windows: the "
		    "last line is the Windows version");
		return;
	}
	r = wp_results_add(rs, "environment", "environment.windows", WP_PASS);
	wp_result_set(&r->expected, "build %u or later for every setting",
	    WINDOWS_MIRRORED_BUILD);
	wp_result_set(&r->observed, "Windows build %u", build);
	wp_result_evidence(r, "Windows build %u (from Windows: %s)", build,
	    src);
	os_evidence(snap, build, r);
	wp_result_evidence(r, "%s", SUPPORT_LINE);
	lacks = facts_windows_lacks_mirrored(snap, &lwhy);
	for (size_t i = 0; i < sizeof needs_22h2 / sizeof *needs_22h2; i++) {
		const struct wp_expect_value *v = expect_get(x,
		    needs_22h2[i].key);
		int mirrored = strcmp(needs_22h2[i].key,
		    "wsl2.networkingMode") == 0;

		if (build >= WINDOWS_MIRRORED_BUILD && !(mirrored &&
		    lacks == 1))
			continue;
		/* Not knowing what .wslconfig asks is not "nothing asked". */
		if (v && v->unknown && r->verdict == WP_PASS) {
			r->verdict = WP_UNKNOWN;
			wp_result_evidence(r, "whether .wslconfig asks for %s is "
			    "not known (%s)", needs_22h2[i].key, v->source);
		}
		if (!v || !v->from_file || !v->value ||
		    strcmp(v->value, needs_22h2[i].value) != 0)
			continue;
		r->verdict = WP_WARN;
		wp_result_evidence(r, "%s asks %s=%s, which this Windows "
		    "lacks", v->source, needs_22h2[i].key, v->value);
	}
	if (r->verdict == WP_WARN)
		wp_result_set(&r->hint, "%s: WSL ignores these settings here; "
		    "update to Windows 11 22H2 or later, or remove them from "
		    ".wslconfig", lwhy ? lwhy : "this Windows is too old");
	free(lwhy);
}

int
check_environment_judge(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	char **why;
	enum env_kind kind = facts_wsl_kind(snap, &why);

	judge_wsl(snap, kind, why, rs);
	judge_version(snap, kind, rs);
	judge_interop(snap, kind, rs);
	judge_wslconfig(snap, rs);
	judge_windows(snap, x, kind, rs);
	facts_why_free(why);
	return 0;
}

json_object *
environment_summary(json_object *snap)
{
	static const char *const kinds[] = { "not-wsl", "wsl1", "wsl2" };
	json_object *o = json_object_new_object();
	const char *path = snap_str(snap, "wsl.wslconfig_path");
	double d;
	unsigned build;
	int interop = snap_bool(snap, "wsl.interop");

	snap_set_str(o, "wsl", kinds[facts_wsl_kind(snap, NULL)]);
	snap_set_str(o, "wsl_version", snap_str(snap, "wsl.wslinfo.version"));
	snap_set_str(o, "networking_mode", snap_str(snap,
	    "wsl.wslinfo.networking_mode"));
	snap_set_str(o, "kernel", snap_str(snap, "system.kernel_release"));
	snap_set_str(o, "distro", snap_str(snap,
	    "system.os_release.PRETTY_NAME"));
	snap_set_str(o, "distro_name", snap_str(snap, "wsl.distro_name"));
	if (snap_num(snap, "system.boot_time", &d) == 0)
		snap_take_str(o, "boot_time", time_iso8601(d));
	else
		snap_set_str(o, "boot_time", NULL);
	json_object_object_add(o, "uptime_s",
	    snap_num(snap, "system.uptime_s", &d) == 0 ?
	    json_object_new_double(d) : NULL);
	json_object_object_add(o, "interop", interop < 0 ? NULL :
	    json_object_new_boolean(interop));
	json_object_object_add(o, "windows_build", facts_windows_build(snap,
	    &build, NULL) == FACT_PRESENT ? json_object_new_int64(build) :
	    NULL);
	snap_set_str(o, "wslconfig", path);
	snap_set_str(o, "wslconfig_source", snap_str(snap,
	    "wsl.wslconfig_source"));
	return o;
}
