/* SPDX-License-Identifier: MIT */
/*
 * The settings whose footprint is the kernel and its command line
 * (wsl-facts.md §8): wsl2.kernelCommandLine (appended last, verbatim),
 * wsl2.kernel (a custom kernel's release lacks Microsoft's suffix),
 * wsl2.nestedVirtualization (vmx/svm and /dev/kvm), wsl2.guiApplications
 * (/mnt/wslg, WAYLAND_DISPLAY) and wsl2.debugConsole (earlycon=).  Where
 * the footprint is not reliable the result is unknown, with the reason.
 */
#include "config.h"

#include "checks/memory.h"

#include <stdlib.h>
#include <string.h>

#include "engine/snapshot.h"
#include "util/xalloc.h"

static int
is_true(const struct wp_expect_value *e)
{
	return e && e->value && strcmp(e->value, "true") == 0;
}

static int
is_false(const struct wp_expect_value *e)
{
	return e && e->value && strcmp(e->value, "false") == 0;
}

/* WSL's own last arguments (§8.1): what follows them is the user's. */
static const char *
user_tail(const char *cmd)
{
	static const char *const last[] = { " WSL_ENABLE_CRASH_DUMP=1",
	    " pty.legacy_count=0", " kgdboc=ttyS1,115200", NULL };

	for (size_t i = 0; last[i]; i++) {
		const char *p = strstr(cmd, last[i]);

		if (p) {
			p += strlen(last[i]);
			while (*p == ' ')
				p++;
			return p;
		}
	}
	return NULL;
}

static void
judge_cmdline(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	const struct wp_expect_value *e = expect_get(x,
	    "wsl2.kernelCommandLine");
	struct wp_result *r = facts_mem_add(rs, MEM_CHECK, "wsl2.kernelCommandLine",
	    WP_UNKNOWN, e);
	const char *want = e && e->value ? e->value : "", *tail;
	char *cmd;
	size_t n = strlen(want), c;

	if (facts_mem_cmdline(snap, &cmd) != FACT_PRESENT) {
		wp_result_evidence(r, "/proc/cmdline was not gathered");
		return;
	}
	wp_result_evidence(r, "/proc/cmdline: %s", cmd);
	c = strlen(cmd);
	tail = user_tail(cmd);
	wp_result_set(&r->observed, "%s", n && c >= n &&
	    strcmp(cmd + c - n, want) == 0 ? want : tail && *tail ? tail :
	    "none after WSL's own arguments");
	if (n) {
		/* Appended last, verbatim, after a blank. */
		int ok = c > n && strcmp(cmd + c - n, want) == 0 &&
		    cmd[c - n - 1] == ' ';

		r->verdict = ok ? WP_PASS : WP_FAIL;
		if (!ok)
			wp_result_set(&r->hint, "the arguments are not at the "
			    "end of /proc/cmdline: run 'wsl --shutdown' from "
			    "Windows; if they are still missing, a policy "
			    "(AllowCustomKernelCommandLineUserSetting) may "
			    "blank them");
	} else if (!tail) {
		wp_result_evidence(r, "WSL's own last argument was not found: "
		    "cannot tell where the user's arguments would begin");
	} else if (*tail) {
		wp_result_evidence(r, "arguments after WSL's own: '%s', not "
		    "from .wslconfig (a newer WSL build may add them)", tail);
	} else {
		r->verdict = WP_PASS;
	}
	free(cmd);
}

/* Microsoft's kernels: "-microsoft-standard-WSL2" (older "-standard"). */
static int
microsoft_release(const char *rel)
{
	return rel && strstr(rel, "-microsoft-standard") != NULL;
}

static void
judge_kernel(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	const struct wp_expect_value *e = expect_get(x, "wsl2.kernel");
	const struct wp_expect_value *safe = expect_get(x, "wsl2.safeMode");
	struct wp_result *r = facts_mem_add(rs, MEM_CHECK, "wsl2.kernel",
	    WP_UNKNOWN, e);
	const char *rel = NULL, *ver = NULL;
	int custom = e && e->value && e->value[0] && !is_true(safe);
	size_t len;

	if (!e || !e->value || !e->value[0])
		wp_result_set(&r->expected, "Microsoft's kernel");
	else if (is_true(safe))
		wp_result_set(&r->expected, "Microsoft's kernel (safe mode "
		    "ignores wsl2.kernel)");
	if (fact_file(snap, "/proc/sys/kernel/osrelease", &rel, &len, NULL)
	    != FACT_PRESENT || !rel) {
		wp_result_evidence(r, "the kernel release was not gathered");
		return;
	}
	fact_file(snap, "/proc/version", &ver, NULL, NULL);
	wp_result_set(&r->observed, "%.*s", (int)strcspn(rel, "\n"), rel);
	if (ver)
		wp_result_evidence(r, "/proc/version: %.*s",
		    (int)strcspn(ver, "\n"), ver);
	if (!custom) {
		r->verdict = microsoft_release(rel) ? WP_PASS : WP_FAIL;
		if (r->verdict == WP_FAIL)
			wp_result_set(&r->hint, "a kernel that is not "
			    "Microsoft's runs although .wslconfig sets none: "
			    "run 'wsl --shutdown' from Windows if you removed "
			    "wsl2.kernel recently");
		return;
	}
	if (!microsoft_release(rel)) {
		r->verdict = WP_PASS;
		wp_result_evidence(r, "the release lacks Microsoft's "
		    "'-microsoft-standard' suffix: a custom kernel runs");
		return;
	}
	wp_result_evidence(r, "the release carries Microsoft's suffix: "
	    "either WSL fell back to its own kernel or the custom kernel was "
	    "built from Microsoft's tree with the same name");
	wp_result_set(&r->hint, "compare 'uname -v' with your kernel's build "
	    "time; if it is Microsoft's, check that %s exists and run "
	    "'wsl --shutdown'", e->value);
}

static int
cpu_flag(const char *cpuinfo, const char *flag)
{
	size_t n = strlen(flag);

	for (const char *p = cpuinfo; p && (p = strstr(p, "flags")); p++) {
		const char *end = strchr(p, '\n');

		for (const char *q = strstr(p, flag); q && (!end || q < end);
		    q = strstr(q + 1, flag))
			if (q[-1] == ' ' && (q[n] == ' ' || q[n] == '\n' ||
			    q[n] == '\0'))
				return 1;
		if (!end)
			break;
		p = end;
	}
	return 0;
}

static void
judge_nested(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	const struct wp_expect_value *e = expect_get(x,
	    "wsl2.nestedVirtualization");
	struct wp_result *r = facts_mem_add(rs, MEM_CHECK,
	    "wsl2.nestedVirtualization", WP_UNKNOWN, e);
	const char *cpuinfo;
	enum fact_state kvm = facts_mem_exists(snap, "/dev/kvm");
	int flag;

	if (fact_file(snap, "/proc/cpuinfo", &cpuinfo, NULL, NULL) !=
	    FACT_PRESENT || !cpuinfo || kvm == FACT_NOT_GATHERED) {
		wp_result_evidence(r, "/proc/cpuinfo or /dev/kvm was not "
		    "gathered");
		return;
	}
	flag = cpu_flag(cpuinfo, "vmx") || cpu_flag(cpuinfo, "svm");
	wp_result_set(&r->observed, "%s", flag ? "true" : "false");
	wp_result_evidence(r, "%s in the CPU flags", flag ? "vmx or svm" :
	    "neither vmx nor svm");
	wp_result_evidence(r, "/dev/kvm %s", kvm == FACT_PRESENT ? "exists" :
	    "is missing");
	if (!e || !e->value) {
		wp_result_set(&r->expected, "true on x64 Windows 11, false on "
		    "Windows 10 and arm64");
		wp_result_evidence(r, "the default depends on the host: on for "
		    "x64 Windows 11, off on Windows 10 and arm64");
		return;
	}
	if (is_false(e)) {
		r->verdict = flag ? WP_FAIL : WP_PASS;
	} else if (!flag) {
		r->verdict = WP_FAIL;
		wp_result_set(&r->hint, "the host gives the VM no "
		    "virtualization extensions: nested virtualization needs "
		    "Windows 11 and a CPU that supports it (WSL warns 'nested "
		    "virtualization not supported'); run 'wsl --shutdown' "
		    "if you changed the setting");
		return;
	} else if (kvm != FACT_PRESENT) {
		wp_result_evidence(r, "the extensions are there but not "
		    "/dev/kvm: the kernel may lack KVM (custom kernels)");
		return;
	} else {
		r->verdict = WP_PASS;
	}
	if (r->verdict == WP_FAIL)
		wp_result_set(&r->hint, "run 'wsl --shutdown' from Windows so "
		    "the setting applies");
}

static void
judge_gui(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	const struct wp_expect_value *e = expect_get(x,
	    "wsl2.guiApplications");
	const struct wp_expect_value *d = expect_get(x,
	    "general.guiApplications");
	struct wp_result *r = facts_mem_add(rs, MEM_CHECK, "wsl2.guiApplications",
	    WP_UNKNOWN, e);
	enum fact_state wslg = facts_mem_exists(snap, "/mnt/wslg");
	const char *wl = NULL;
	enum fact_state wst = fact_str(snap, "env.WAYLAND_DISPLAY", &wl);

	if (wslg == FACT_NOT_GATHERED) {
		wp_result_evidence(r, "/mnt/wslg was not gathered");
		return;
	}
	wp_result_set(&r->observed, "%s", wslg == FACT_PRESENT ? "true" :
	    "false");
	wp_result_evidence(r, "/mnt/wslg %s", wslg == FACT_PRESENT ?
	    "exists" : "is missing");
	wp_result_evidence(r, "WAYLAND_DISPLAY %s%s", wst == FACT_PRESENT ?
	    "is " : "is not set", wst == FACT_PRESENT ? wl : "");
	if (is_false(e)) {
		r->verdict = wslg == FACT_PRESENT ? WP_FAIL : WP_PASS;
	} else if (d && d->from_file && is_false(d)) {
		/* wsl.conf turns WSLg off for this distro only (§8.2). */
		wp_result_evidence(r, "wsl.conf [general] guiApplications="
		    "false turns WSLg off for this distro (%s)", d->source);
		r->verdict = wst == FACT_PRESENT ? WP_FAIL : WP_PASS;
	} else if (wslg != FACT_PRESENT) {
		r->verdict = WP_FAIL;
	} else if (wst != FACT_PRESENT) {
		wp_result_evidence(r, "a shell not started by wsl.exe (ssh, a "
		    "service) does not get WSLg's variables");
		return;
	} else {
		r->verdict = WP_PASS;
	}
	if (r->verdict == WP_FAIL)
		wp_result_set(&r->hint, "run 'wsl --shutdown' from Windows so "
		    "the setting applies (safe mode turns WSLg off)");
}

static void
judge_debug_console(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	const struct wp_expect_value *e = expect_get(x, "wsl2.debugConsole");
	const struct wp_expect_value *eb = expect_get(x,
	    "wsl2.earlyBootLogging");
	struct wp_result *r = facts_mem_add(rs, MEM_CHECK, "wsl2.debugConsole",
	    WP_UNKNOWN, e);
	char *cmd, *early, *console;

	if (facts_mem_cmdline(snap, &cmd) != FACT_PRESENT) {
		wp_result_evidence(r, "/proc/cmdline was not gathered");
		return;
	}
	early = facts_mem_cmdline_arg(cmd, "earlycon");
	console = facts_mem_cmdline_arg(cmd, "console");
	wp_result_set(&r->observed, "%s", early ? "true" : "false");
	wp_result_evidence(r, "%s%s on the kernel command line", early ?
	    "earlycon=" : "no earlycon=", early ? early : "");
	wp_result_evidence(r, "console=hvc0 is always there with virtio "
	    "serial (Windows 11) and does not mean debugConsole");
	if (console && strncmp(console, "ttyS0", 5) == 0 && !early) {
		wp_result_evidence(r, "console=%s: no virtio serial (Windows "
		    "10 or safe mode), where the debug console cannot be told "
		    "from the default", console);
	} else if (is_true(e)) {
		r->verdict = early ? WP_PASS : WP_FAIL;
	} else if (early && is_true(eb)) {
		r->verdict = WP_PASS;
		wp_result_evidence(r, "wsl2.earlyBootLogging=true adds "
		    "earlycon= too (%s)", eb->source);
	} else {
		r->verdict = early ? WP_FAIL : WP_PASS;
	}
	if (r->verdict == WP_FAIL)
		wp_result_set(&r->hint, "run 'wsl --shutdown' from Windows so "
		    "the setting applies");
	free(cmd);
	free(early);
	free(console);
}

void
mem_judge_kernel(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	judge_cmdline(snap, x, rs);
	judge_kernel(snap, x, rs);
	judge_nested(snap, x, rs);
	judge_gui(snap, x, rs);
	judge_debug_console(snap, x, rs);
}
