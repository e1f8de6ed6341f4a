/* SPDX-License-Identifier: MIT */
/*
 * wsl2.memory, wsl2.processors and wsl2.swap against /proc/meminfo,
 * /proc/swaps, nr_cpus= and /sys/devices/system/cpu/online
 * (wsl-facts.md §6.1-6.2).  Expectations come from engine/expect.c; the
 * adjustments WSL makes when it sizes the VM (memory clamped to
 * [256 MiB, host RAM] and rounded down to an even MiB, processors capped
 * at the host's count, swap's default from the final memory size) are
 * applied here.  What depends on the host's size stays unknown until
 * Windows has told it.
 */
#include "config.h"

#include "checks/memory.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/snapshot.h"
#include "facts/windows.h"
#include "parse/procmem.h"
#include "parse/procparse.h"
#include "util/xalloc.h"

#define MEM_MIN_BYTES	(256 * MEM_MIB)	/* WSL's lower clamp */
#define SWAP_BOOT_S	30		/* mkswap may still run (§6.2) */
#define SWAP_MAX_ROWS	16

/* The host's RAM, from what Windows answered (facts/windows.h). */
static enum fact_state
host_memory(json_object *snap, unsigned long long *bytes, const char **src)
{
	return facts_windows_host_memory(snap, bytes, src);
}

/* The host's logical processors, likewise. */
static enum fact_state
host_cpus(json_object *snap, unsigned *n, const char **src)
{
	return facts_windows_host_cpus(snap, n, src);
}

static unsigned long long
parse_u64(const char *s)
{
	return s ? strtoull(s, NULL, 10) : 0;
}

/*
 * The memory WSL gives the VM before rounding, when it can be known:
 * 1 and *bytes, else 0.  WHY gets the adjustments made (may be empty).
 */
static int
vm_memory(json_object *snap, const struct wp_expect *x,
    unsigned long long *bytes, char *why, size_t cap)
{
	const struct wp_expect_value *e = expect_get(x, "wsl2.memory");
	unsigned long long m = e ? parse_u64(e->value) : 0, host;
	const char *src;
	int have_host = host_memory(snap, &host, &src) == FACT_PRESENT;

	why[0] = '\0';
	if (m == 0) {	/* unset, invalid or 0: 50% of the host's RAM */
		if (!have_host)
			return 0;
		*bytes = host / 2;
		snprintf(why, cap, "50%% of the host's %llu bytes (%s)", host,
		    src);
		return 1;
	}
	if (m < MEM_MIN_BYTES) {
		m = MEM_MIN_BYTES;
		snprintf(why, cap, "raised to WSL's minimum of 256MB");
	}
	if (have_host && m > host) {
		m = host;
		snprintf(why, cap, "clamped to the host's %llu bytes (%s)",
		    host, src);
	}
	*bytes = m;
	return 1;
}

/* --- wsl2.memory --- */

static void
judge_memory(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	const struct wp_expect_value *e = expect_get(x, "wsl2.memory");
	unsigned long long kb, total, m, vm, low, host;
	const char *why, *src, *unit;
	char ubuf[4], adj[160];
	char *t_text, *vm_text;
	struct wp_result *r;
	int known, set = e && parse_u64(e->value) > 0;

	unit = facts_mem_unit(x, "wsl2.memory", "GB", ubuf, sizeof ubuf);
	if (facts_mem_meminfo(snap, "MemTotal", &kb, &why) != FACT_PRESENT) {
		r = facts_mem_add(rs, MEM_CHECK, "wsl2.memory", WP_UNKNOWN, e);
		wp_result_evidence(r, "MemTotal not known: %s", why);
		return;
	}
	total = kb * 1024;
	known = vm_memory(snap, x, &m, adj, sizeof adj);
	t_text = facts_mem_size_text(total, unit);
	if (!known) {
		/* MemTotal is about 96% of the VM's size (§6.2). */
		double gib = round(2.0 * (double)total / 0.965 /
		    (double)MEM_GIB);

		r = facts_mem_add(rs, MEM_CHECK, "wsl2.memory", WP_UNKNOWN, e);
		wp_result_set(&r->expected, "50%% of the host's RAM");
		wp_result_set(&r->observed, "MemTotal %s", t_text);
		facts_mem_note_invalid(r, x, "wsl2.memory");
		wp_result_evidence(r, "MemTotal: %llu kB in /proc/meminfo", kb);
		wp_result_evidence(r, "looks like the default for a host with "
		    "about %.0f GiB of RAM; the host's size is not known "
		    "from inside the VM", gib);
		wp_result_set(&r->hint, "to check from Windows (PowerShell): "
		    "(Get-CimInstance Win32_ComputerSystem)."
		    "TotalPhysicalMemory");
		free(t_text);
		return;
	}
	/* HCS gives the VM whole, even MiB (§6.1). */
	vm = (m / MEM_MIB) & ~1ULL;
	vm *= MEM_MIB;
	low = (unsigned long long)((double)vm * (vm < 2 * MEM_GIB ? 0.85 :
	    0.90));
	vm_text = facts_mem_size_text(vm, unit);
	r = facts_mem_add(rs, MEM_CHECK, "wsl2.memory", total > vm || total < low ?
	    WP_FAIL : WP_PASS, e);
	wp_result_set(&r->expected, "%s", vm_text);
	if (host_memory(snap, &host, &src) == FACT_PRESENT)
		wp_result_evidence(r, "the host's RAM, %llu bytes, came from "
		    "Windows: %s", host, src);
	if (!set && host_memory(snap, &host, &src) == FACT_PRESENT)
		wp_result_set(&r->expected_source, "%s; %s",
		    e ? e->source : "default", adj);
	else if (adj[0])
		wp_result_set(&r->expected_source, "%s (%s)",
		    e ? e->source : "default", adj);
	wp_result_set(&r->observed, "MemTotal %s", t_text);
	facts_mem_note_invalid(r, x, "wsl2.memory");
	wp_result_evidence(r, "MemTotal: %llu kB in /proc/meminfo", kb);
	wp_result_evidence(r, "the VM gets %s (whole, even MiB); MemTotal "
	    "lands a few percent below it (kernel, page tables, swiotlb), "
	    "never above: accepted %llu..%llu bytes", vm_text, low, vm);
	if (total > vm) {
		wp_result_set(&r->hint, "MemTotal is above the size set: the "
		    "setting is not in effect; run 'wsl --shutdown' from "
		    "Windows and start the distro again");
	} else if (total < low) {
		if (host_memory(snap, &host, &src) != FACT_PRESENT)
			wp_result_evidence(r, "one possible cause: WSL silently "
			    "clamps memory to the host's RAM, and the host's "
			    "size is not known from inside the VM");
		wp_result_set(&r->hint, "the VM has less memory than set: "
		    "run 'wsl --shutdown' from Windows so the setting "
		    "applies, and check the host's RAM (PowerShell: "
		    "(Get-CimInstance Win32_ComputerSystem)."
		    "TotalPhysicalMemory)");
	}
	free(t_text);
	free(vm_text);
}

/* --- wsl2.processors --- */

/* The CPUs the VM runs: nr_cpus= (exact, §6.2), else the online list. */
static int
vm_cpus(json_object *snap, struct wp_result *r, int *n)
{
	const char *text;
	char *cmd = NULL, *nr = NULL;
	int online = -1, have = 0;

	if (fact_file(snap, "/sys/devices/system/cpu/online", &text, NULL,
	    NULL) == FACT_PRESENT && text)
		online = procparse_cpu_list(text);
	if (facts_mem_cmdline(snap, &cmd) == FACT_PRESENT)
		nr = facts_mem_cmdline_arg(cmd, "nr_cpus");
	if (nr) {
		char *end;
		long v = strtol(nr, &end, 10);

		if (*end == '\0' && v > 0 && v < 65536) {
			*n = (int)v;
			have = 1;
			wp_result_evidence(r, "nr_cpus=%ld on the kernel command "
			    "line", v);
		}
	}
	if (online > 0) {
		wp_result_evidence(r, "%d CPUs online "
		    "(/sys/devices/system/cpu/online: %.*s)", online,
		    (int)strcspn(text, "\n"), text);
		if (!have) {
			*n = online;
			have = 1;
		}
	}
	free(cmd);
	free(nr);
	return have;
}

static void
judge_processors(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	const struct wp_expect_value *e = expect_get(x, "wsl2.processors");
	long want = e && e->value ? strtol(e->value, NULL, 10) : 0;
	struct wp_result *r = facts_mem_add(rs, MEM_CHECK, "wsl2.processors",
	    WP_UNKNOWN, e);
	unsigned host = 0;
	const char *src;
	int n, have_host = host_cpus(snap, &host, &src) == FACT_PRESENT;

	facts_mem_note_invalid(r, x, "wsl2.processors");
	if (!vm_cpus(snap, r, &n)) {
		wp_result_evidence(r, "neither nr_cpus= nor the online CPU "
		    "list was gathered");
		return;
	}
	wp_result_set(&r->observed, "%d", n);
	if (want <= 0) {	/* <= 0 and unset: all of the host's */
		wp_result_set(&r->expected, "%s", have_host ? "" :
		    "all of the host's logical processors");
		if (!have_host) {
			wp_result_evidence(r, "looks like the default for a host "
			    "with %d logical processors; the host's count is "
			    "not known from inside the VM", n);
			wp_result_set(&r->hint, "to check from Windows "
			    "(PowerShell): [Environment]::ProcessorCount");
			return;
		}
		want = host;
		wp_result_set(&r->expected, "%u", host);
		wp_result_set(&r->expected_source, "%s; all of the host's "
		    "logical processors (%s)", e ? e->source : "default", src);
		wp_result_evidence(r, "the host's %u logical processors came "
		    "from Windows: %s", host, src);
	} else if (have_host && (unsigned long)want > host) {
		wp_result_evidence(r, "WSL caps processors=%ld at the host's "
		    "%u (%s) with a warning", want, host, src);
		want = host;
		wp_result_set(&r->expected, "%u", host);
	} else if (!have_host && n < want) {
		wp_result_evidence(r, "WSL caps processors at the host's "
		    "logical processor count: if this host has %d, the value "
		    "was capped; the host's count is not known from inside "
		    "the VM", n);
		wp_result_set(&r->hint, "to check from Windows (PowerShell): "
		    "[Environment]::ProcessorCount; if it is %d or more, run "
		    "'wsl --shutdown' so processors=%ld applies", (int)want,
		    want);
		return;
	}
	r->verdict = n == want ? WP_PASS : WP_FAIL;
	if (r->verdict == WP_FAIL)
		wp_result_set(&r->hint, "the VM runs %d CPUs, not %ld: run "
		    "'wsl --shutdown' from Windows and start the distro again",
		    n, want);
}

/* --- wsl2.swap --- */

struct swap_seen {
	unsigned long long	 wsl_kb;	/* WSL's swap disks (/dev/sdX) */
	unsigned long long	 other_kb;	/* the distro's own swap */
	int			 have;
};

static void
swap_observe(json_object *snap, struct wp_result *r, struct swap_seen *s)
{
	struct procmem_swap rows[SWAP_MAX_ROWS];
	const char *text;
	size_t len;
	unsigned long long kb;
	int n = -1;

	memset(s, 0, sizeof *s);
	if (fact_file(snap, "/proc/swaps", &text, &len, NULL) == FACT_PRESENT)
		n = procmem_swaps(text, len, rows, SWAP_MAX_ROWS);
	for (int i = 0; i < n && i < SWAP_MAX_ROWS; i++) {
		int wsl = strcmp(rows[i].type, "partition") == 0 &&
		    strncmp(rows[i].name, "/dev/sd", 7) == 0;

		wp_result_evidence(r, "/proc/swaps: %s %s %llu kB%s",
		    rows[i].name, rows[i].type, rows[i].size_kb, wsl ?
		    " (WSL's swap disk)" : " (the distro's own, not WSL's)");
		if (wsl)
			s->wsl_kb += rows[i].size_kb;
		else
			s->other_kb += rows[i].size_kb;
	}
	if (facts_mem_meminfo(snap, "SwapTotal", &kb, NULL) == FACT_PRESENT) {
		wp_result_evidence(r, "SwapTotal: %llu kB in /proc/meminfo",
		    kb);
		if (n < 0) {	/* no /proc/swaps: SwapTotal alone */
			s->wsl_kb = kb;
			s->have = 1;
		}
	}
	if (n >= 0)
		s->have = 1;
}

/*
 * Swap WSL should create, in bytes: 1 and *lo..*hi (whole GiB) for the
 * default when the VM's memory is only known through MemTotal.
 */
static int
swap_expected(json_object *snap, const struct wp_expect *x,
    const struct wp_expect_value *e, unsigned long long *lo,
    unsigned long long *hi)
{
	unsigned long long m, kb;
	char why[160];

	if (e && e->value) {
		*lo = *hi = parse_u64(e->value);
		return 1;
	}
	/* 25% of the VM's memory, rounded up to a whole GiB (§6.1). */
	if (vm_memory(snap, x, &m, why, sizeof why)) {
		*lo = *hi = (m / 4 + MEM_GIB - 1) / MEM_GIB * MEM_GIB;
		return 1;
	}
	if (facts_mem_meminfo(snap, "MemTotal", &kb, NULL) != FACT_PRESENT)
		return 0;
	/* MemTotal is 85..100% of the VM's memory. */
	*lo = (kb * 1024 / 4 + MEM_GIB - 1) / MEM_GIB * MEM_GIB;
	*hi = ((unsigned long long)((double)kb * 1024 / 0.85) / 4 + MEM_GIB -
	    1) / MEM_GIB * MEM_GIB;
	return 1;
}

static void
judge_swap(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	const struct wp_expect_value *e = expect_get(x, "wsl2.swap");
	struct wp_result *r = facts_mem_add(rs, MEM_CHECK, "wsl2.swap", WP_UNKNOWN,
	    e);
	unsigned long long lo, hi, got;
	struct swap_seen s;
	const char *unit;
	char ubuf[4];
	char *got_text, *lo_text;
	double up = -1, first;

	unit = facts_mem_unit(x, "wsl2.swap", "GB", ubuf, sizeof ubuf);
	facts_mem_note_invalid(r, x, "wsl2.swap");
	swap_observe(snap, r, &s);
	if (!s.have || !swap_expected(snap, x, e, &lo, &hi)) {
		wp_result_evidence(r, "/proc/meminfo or /proc/swaps was not "
		    "gathered");
		return;
	}
	got = s.wsl_kb * 1024;
	got_text = facts_mem_size_text(got, unit);
	lo_text = facts_mem_size_text(lo, unit);
	wp_result_set(&r->observed, "%s", got_text);
	if (lo == hi)
		wp_result_set(&r->expected, "%s", lo_text);
	else
		wp_result_set(&r->expected, "%llu or %llu bytes (25%% of the "
		    "VM's memory, rounded up to a whole GiB)", lo, hi);
	if (!e || !e->value)
		wp_result_evidence(r, "the default is 25%% of the VM's memory, "
		    "rounded up to a whole GiB");
	/* The swap VHD is S + 4 KiB; mkswap keeps S (§6.2), in pages. */
	r->verdict = got == lo / 4096 * 4096 || got == hi / 4096 * 4096 ||
	    (lo != hi && got >= lo && got <= hi && got % MEM_GIB == 0) ?
	    WP_PASS : WP_FAIL;
	snap_num(snap, "system.uptime_s", &up);
	if (r->verdict == WP_FAIL && got == 0 && up >= 0 && up < SWAP_BOOT_S) {
		if (snap_num(snap, "memory.swap_reread.first_swap_kb", &first)
		    == 0)
			wp_result_evidence(r, "the VM booted %.0f s ago and WSL "
			    "creates swap asynchronously; /proc/meminfo was "
			    "read again and still shows none", up);
		else
			wp_result_evidence(r, "the VM booted %.0f s ago and WSL "
			    "creates swap asynchronously", up);
	}
	if (r->verdict == WP_FAIL)
		wp_result_set(&r->hint, "%s", got == 0 ? "no swap from WSL: "
		    "run 'wsl --shutdown' from Windows so the setting applies "
		    "(safe mode and a missing system distro also mean no swap)"
		    : "swap differs from the size set: run 'wsl --shutdown' "
		    "from Windows and start the distro again");
	free(got_text);
	free(lo_text);
}

void
mem_judge_sizes(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	judge_memory(snap, x, rs);
	judge_processors(snap, x, rs);
	judge_swap(snap, x, rs);
}
