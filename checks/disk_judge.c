/* SPDX-License-Identifier: MIT */
/*
 * The disk check, judging half (wsl-facts.md §7): disk.discard (online
 * discard returns deleted blocks to Windows as it happens),
 * experimental.sparseVhd (never observable from inside: unknown with what
 * matters for the WSL version), wsl2.defaultVhdSize (applies only to
 * VHDs created after it was set: a mismatch is a warning) and disk.usage
 * (the facts).
 */
#include "config.h"

#include "checks/disk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/snapshot.h"
#include "facts/mem.h"
#include "facts/state.h"
#include "facts/windows.h"
#include "parse/mountinfo.h"
#include "util/xalloc.h"

struct disk_facts {
	int			 have_root;	/* the root mount was found */
	struct mountinfo_entry	 root;
	char			 dev[64];	/* "sdd", or "8:48" */
	int			 have_max, have_gran, have_size;
	unsigned long long	 discard_max, discard_gran, sectors;
	const char		*why;		/* why the root is not known */
};

/* A number in the recorded sysfs file NAME of the root's device. */
static int
sys_num(json_object *snap, const struct disk_facts *f, const char *name,
    unsigned long long *v)
{
	char path[96], *end;
	const char *text;

	disk_sys_path(path, sizeof path, f->root.major, f->root.minor, name);
	if (fact_file(snap, path, &text, NULL, NULL) != FACT_PRESENT || !text)
		return 0;
	*v = strtoull(text, &end, 10);
	return end != text && (*end == '\0' || *end == '\n');
}

static void
facts_read(json_object *snap, struct disk_facts *f)
{
	const char *text, *name;
	size_t len;
	char path[96];

	memset(f, 0, sizeof *f);
	if (fact_file(snap, "/proc/self/mountinfo", &text, &len, &f->why) !=
	    FACT_PRESENT) {
		f->why = f->why ? f->why : "/proc/self/mountinfo was not read";
		return;
	}
	if (mountinfo_find(text, len, "/", &f->root) < 0) {
		f->why = "no mount at / in /proc/self/mountinfo";
		return;
	}
	f->have_root = 1;
	snprintf(f->dev, sizeof f->dev, "%u:%u", f->root.major,
	    f->root.minor);
	disk_sys_path(path, sizeof path, f->root.major, f->root.minor,
	    "uevent");
	if (fact_file(snap, path, &text, NULL, NULL) == FACT_PRESENT && text &&
	    (name = strstr(text, "DEVNAME=")))
		snprintf(f->dev, sizeof f->dev, "%.*s", (int)strcspn(name + 8,
		    "\n"), name + 8);
	f->have_max = sys_num(snap, f, "queue/discard_max_bytes",
	    &f->discard_max);
	f->have_gran = sys_num(snap, f, "queue/discard_granularity",
	    &f->discard_gran);
	f->have_size = sys_num(snap, f, "size", &f->sectors);
}

static void
judge_discard(const struct disk_facts *f, struct wp_results *rs)
{
	struct wp_result *r = wp_results_add(rs, DISK_CHECK, "disk.discard",
	    WP_UNKNOWN);
	int opt;

	wp_result_set(&r->expected, "discard mount option and a device "
	    "that accepts discard");
	wp_result_set(&r->expected_source, "WSL mounts the distro with "
	    "discard");
	if (!f->have_root) {
		wp_result_evidence(r, "%s", f->why);
		return;
	}
	opt = mountinfo_has_option(f->root.options, "discard") ||
	    mountinfo_has_option(f->root.super_options, "discard");
	wp_result_evidence(r, "/ is %s (%s) on %s, mount options %s, "
	    "superblock options %s", f->dev, f->root.source, f->root.fstype,
	    f->root.options, f->root.super_options);
	if (!f->have_max) {
		wp_result_evidence(r, "queue/discard_max_bytes of %u:%u was not "
		    "read (a partition, or not gathered)", f->root.major,
		    f->root.minor);
		return;
	}
	wp_result_evidence(r, "discard_max_bytes %llu, discard_granularity "
	    "%llu", f->discard_max, f->have_gran ? f->discard_gran : 0);
	wp_result_set(&r->observed, "%s, discard_max_bytes %llu", opt ?
	    "discard" : "no discard option", f->discard_max);
	r->verdict = opt && f->discard_max > 0 ? WP_PASS : WP_FAIL;
	if (r->verdict == WP_FAIL) {
		if (!opt)
			wp_result_evidence(r, "the root is mounted without "
			    "discard");
		if (f->discard_max == 0)
			wp_result_evidence(r, "the device does not accept "
			    "discard (discard_max_bytes 0)");
		wp_result_evidence(r, "blocks deleted in the distro are not "
		    "returned to Windows as it happens, so the VHD does not "
		    "shrink");
		wp_result_set(&r->hint, "run 'sudo fstrim /' to return the free "
		    "blocks now (then Optimize-VHD on Windows to compact the "
		    "file)");
	}
}

static const char *
distro(json_object *snap)
{
	const char *d = snap_str(snap, "wsl.distro_name");

	return d ? d : "<distro>";
}

/*
 * With what Windows answered (facts/windows.h): this distro's .vhdx is
 * sparse or not, and how much more it holds than the filesystem uses.
 * sparseVhd only governs VHDs created after it was set, so a disk that
 * is not sparse while it is asked for is a warning with the fix, never a
 * failure of the setting.
 */
static int
judge_sparse_windows(json_object *snap, const struct wp_expect_value *e,
    struct wp_result *r)
{
	int sparse, want = e && e->value && strcmp(e->value, "true") == 0;
	unsigned long long size = 0;
	const char *path = NULL, *src = NULL;
	double fsize, ffree;

	if (facts_windows_vhd(snap, &sparse, &size, &path, &src) !=
	    FACT_PRESENT)
		return 0;
	wp_result_set(&r->observed, "%s", sparse ? "sparse" : "not sparse");
	wp_result_evidence(r, "this distro's VHD%s%s is %s (from Windows: %s)",
	    path ? " " : "", path ? path : "", sparse ? "sparse" :
	    "not sparse", src);
	if (size && snap_num(snap, "disk.statvfs.size_bytes", &fsize) == 0 &&
	    snap_num(snap, "disk.statvfs.free_bytes", &ffree) == 0 &&
	    fsize >= ffree) {
		unsigned long long used = (unsigned long long)(fsize - ffree);

		wp_result_evidence(r, "the .vhdx is %llu bytes on Windows; the "
		    "filesystem inside uses %llu%s", size, used, size > used ?
		    "" : " (the VHD holds no more than the filesystem uses)");
		if (size > used)
			wp_result_evidence(r, "%llu bytes of the VHD are blocks "
			    "the filesystem no longer uses (or metadata) that "
			    "Windows has not got back", size - used);
	}
	if (!want) {
		r->verdict = WP_PASS;
		wp_result_evidence(r, "sparseVhd is not asked for: new VHDs are "
		    "not made sparse; this disk's flag is shown as a fact");
		return 1;
	}
	if (sparse) {
		r->verdict = WP_PASS;
		return 1;
	}
	r->verdict = WP_WARN;
	wp_result_evidence(r, "sparseVhd only applies to VHDs created after "
	    "it was set, and current WSL builds ignore it with a warning");
	wp_result_set(&r->hint, "make this disk sparse from Windows: wsl "
	    "--shutdown, then wsl --manage %s --set-sparse true (newer "
	    "builds also want --allow-unsafe)", distro(snap));
	return 1;
}

static void
judge_sparse(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	const struct wp_expect_value *e = expect_get(x,
	    "experimental.sparseVhd");
	struct wp_result *r = facts_mem_add(rs, DISK_CHECK,
	    "experimental.sparseVhd", WP_UNKNOWN, e);
	const char *why;

	facts_mem_note_invalid(r, x, "experimental.sparseVhd");
	if (judge_sparse_windows(snap, e, r))
		return;
	why = facts_windows_why(snap, "vhd");
	wp_result_evidence(r, "sparseness is an NTFS attribute of the .vhdx "
	    "on Windows: not observable from inside the VM, and Windows did "
	    "not tell (%s)", why ? why : "no answer");
	wp_result_evidence(r, "it only ever applied to VHDs created after it "
	    "was set (install, import, --set-version), never to existing "
	    "disks");
	wp_result_evidence(r, "current WSL builds create no sparse VHD: the "
	    "key is a no-op with a 'sparse VHD disabled' warning, and 'wsl "
	    "--manage %s --set-sparse true' needs --allow-unsafe",
	    distro(snap));
	wp_result_evidence(r, "deleted blocks reach the VHD through discard "
	    "(see disk.discard); 'fstrim' needs root; Optimize-VHD on Windows "
	    "compacts a non-sparse VHD");
	wp_result_set(&r->hint, "to see the flag, on Windows: fsutil sparse "
	    "queryflag <BasePath>\\ext4.vhdx (BasePath: reg query "
	    "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Lxss /s /v "
	    "BasePath)");
}

static void
judge_vhd_size(json_object *snap, const struct disk_facts *f,
    const struct wp_expect *x, struct wp_results *rs)
{
	const struct wp_expect_value *e = expect_get(x, "wsl2.defaultVhdSize");
	struct wp_result *r = facts_mem_add(rs, DISK_CHECK, "wsl2.defaultVhdSize",
	    WP_UNKNOWN, e);
	unsigned long long want = e && e->value ? strtoull(e->value, NULL, 10)
	    : 0, got;
	char ubuf[4];
	const char *unit = facts_mem_unit(x, "wsl2.defaultVhdSize", "GB", ubuf,
	    sizeof ubuf);
	char *t;

	facts_mem_note_invalid(r, x, "wsl2.defaultVhdSize");
	if (!f->have_root || !f->have_size) {
		wp_result_evidence(r, "%s", f->have_root ? "the device size was "
		    "not gathered" : f->why);
		return;
	}
	got = f->sectors * 512;
	t = facts_mem_size_text(got, unit);
	wp_result_set(&r->observed, "%s", t);
	free(t);
	wp_result_evidence(r, "%s: %llu sectors of 512 bytes (the VHD's "
	    "virtual size)", f->dev, f->sectors);
	if (!want) {
		wp_result_evidence(r, "no size expected");
		return;
	}
	t = facts_mem_size_text(want, unit);
	wp_result_set(&r->expected, "%s", t);
	free(t);
	r->verdict = got == want ? WP_PASS : WP_WARN;
	if (r->verdict == WP_WARN) {
		wp_result_evidence(r, "defaultVhdSize applies only to VHDs "
		    "created after it was set; this disk keeps its size");
		wp_result_set(&r->hint, "to resize this distro's disk, on "
		    "Windows: wsl --shutdown, then wsl --manage %s --resize "
		    "%s", distro(snap), facts_mem_written(x,
		    "wsl2.defaultVhdSize") ? facts_mem_written(x,
		    "wsl2.defaultVhdSize") : e->value);
	}
}

static void
judge_usage(json_object *snap, const struct disk_facts *f,
    struct wp_results *rs)
{
	struct wp_result *r = wp_results_add(rs, DISK_CHECK, "disk.usage",
	    WP_UNKNOWN);
	double size, avail, fre;

	if (snap_num(snap, "disk.statvfs.size_bytes", &size) < 0 ||
	    snap_num(snap, "disk.statvfs.avail_bytes", &avail) < 0 ||
	    snap_num(snap, "disk.statvfs.free_bytes", &fre) < 0) {
		wp_result_evidence(r, "statvfs of / was not gathered");
		return;
	}
	r->verdict = WP_PASS;
	wp_result_set(&r->observed, "%.0f bytes used of %.0f", size - fre,
	    size);
	wp_result_evidence(r, "/: size %.0f bytes, used %.0f, free %.0f "
	    "(available to users %.0f)", size, size - fre, fre, avail);
	if (f->have_root)
		wp_result_evidence(r, "device %s (%s)", f->dev,
		    f->root.source);
	if (f->have_size)
		wp_result_evidence(r, "the VHD's virtual size: %llu bytes",
		    f->sectors * 512);
}

int
check_disk_judge(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs)
{
	static const char *const settings[] = { "disk.discard",
	    "experimental.sparseVhd", "wsl2.defaultVhdSize", "disk.usage",
	    NULL };
	struct disk_facts f;

	if (!facts_mem_wsl2_or_skip(snap, DISK_CHECK, settings, x, rs))
		return 0;
	facts_read(snap, &f);
	judge_discard(&f, rs);
	judge_sparse(snap, x, rs);
	judge_vhd_size(snap, &f, x, rs);
	judge_usage(snap, &f, rs);
	mountinfo_entry_release(&f.root);
	return 0;
}
