/* SPDX-License-Identifier: MIT */
/*
 * Expectations: what WSL should be applying, setting by setting, with
 * where each value came from.  Built once per run from the snapshot (the
 * .wslconfig and wsl.conf texts it holds and the WSL version wslinfo
 * reported), after WSL's own post-parse adjustments; every check reads
 * its expectations here and never parses the files itself.
 */
#ifndef WSLPROBE_ENGINE_EXPECT_H
#define WSLPROBE_ENGINE_EXPECT_H

#include <json-c/json.h>

struct wp_expect;

struct wp_expect_value {
	const char	*key;		/* canonical: "wsl2.networkingMode" */
	const char	*value;		/* as text: "mirrored", "true", "8589934592";
					   NULL when computed on Windows
					   (memory: 50% of host RAM) */
	const char	*source;	/* ".wslconfig:7", "default (WSL 2.4.13)",
					   "wsl.conf:3", "adjusted: ..." */
	int		 from_file;	/* the user wrote it (and WSL accepted it) */
	int		 unknown;	/* what WSL applies cannot be known from
					   this snapshot: the file was not
					   gathered, or the default depends on
					   a WSL version that is not known
					   (VALUE is NULL, SOURCE says why) */
};

/* Builds the expectations for SNAP; never fails.  Free with expect_free. */
struct wp_expect	*expect_build(json_object *snap);
void			 expect_free(struct wp_expect *);
/*
 * The expectation for KEY (a .wslconfig key such as "wsl2.dnsTunneling"
 * or a wsl.conf key such as "network.generateResolvConf"), or NULL for
 * a key WSL does not know.
 */
const struct wp_expect_value *expect_get(const struct wp_expect *,
			    const char *key);
/*
 * 1 when .wslconfig changed after the VM booted, so what the file says
 * may not be applied yet (wsl-facts.md §9); 0 when not; -1 when unknown
 * (no times, clock skew, or a file that replaced the VM's own).
 */
int			 expect_restart_pending(const struct wp_expect *);

/* Clock skew allowed between a file's mtime and a start time (§9.2). */
#define WP_RESTART_TOLERANCE_S	5

enum wp_restart {
	WP_RESTART_NO,		/* not changed since START */
	WP_RESTART_PENDING,	/* changed after START: not applied yet */
	WP_RESTART_SKEW,	/* mtime after the snapshot: clock skew */
};

/*
 * The one restart rule: a file modified at MTIME against START (the VM's
 * boot, the distro's start), with NOW the snapshot's taken_at (NAN when
 * unknown).  Every check that speaks of a pending restart uses this.
 */
enum wp_restart		 expect_restart_compare(double mtime, double start,
			    double now);
/* The snapshot's taken_at as epoch seconds, NAN when absent. */
double			 expect_snapshot_time(json_object *snap);

struct wslconfig_result;
struct wslconfig_problem;

/*
 * The setting the user meant (issue 10 §3): a line WSL does not apply as
 * written (a typo, a wrong section or file, no section, an invalid value)
 * that maps to KEY, when no valid line of the files sets KEY.
 */
struct wp_asked {
	const char			*key;		/* canonical setting */
	const char			*value;		/* what was asked */
	char				*source;	/* ".wslconfig:2
							   'networkMode=mirrored'" */
	const char			*label;		/* ".wslconfig",
							   "wsl.conf" */
	const struct wslconfig_problem	*problem;
};

/* What the files asked for KEY without WSL applying it, or NULL. */
const struct wp_asked	*expect_asked(const struct wp_expect *,
			    const char *key);

/* The parsed files (NULL when absent), for the config check. */
const struct wslconfig_result *expect_wslconfig(const struct wp_expect *);
const struct wslconfig_result *expect_wslconf(const struct wp_expect *);

#endif
