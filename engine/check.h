/* SPDX-License-Identifier: MIT */
/*
 * The check module interface (style.md §3).  Each checks/NAME.c defines
 * one `const struct wp_check check_NAME`:
 *
 *   gather	reads and probes the live system (or the --root tree) and
 *		fills its own fragment of the snapshot; skipped under
 *		--replay.  Returns 0, or -1 after wp_ctx_error().
 *   judge	a pure function of the whole snapshot and the expectations
 *		built from it: appends results.  The snapshot is read-only
 *		to it (json-c lacks const getters).
 *
 * Adding a check: write checks/NAME.c with check_NAME, add it to
 * wp_checks[] in checks/registry.c, add the file to Makefile.am, add
 * tests/unit/test_check_NAME.c for the judge and a scenario under
 * tests/scenarios/, and a README row.
 */
#ifndef WSLPROBE_ENGINE_CHECK_H
#define WSLPROBE_ENGINE_CHECK_H

#include <json-c/json.h>

#include "engine/ctx.h"
#include "engine/params.h"
#include "engine/expect.h"
#include "engine/result.h"

enum wp_check_flags {
	WP_CHECK_ACTIVE = 1 << 0,	/* sends packets or connects */
	WP_CHECK_ALWAYS_GATHER = 1 << 1, /* gathered even when not selected:
					   expectations depend on it */
	WP_CHECK_LONG = 1 << 2,		/* its gather also runs the opt-in
					   --watch-reclaim: its deadline is
					   that much later */
};

/*
 * Facts several checks share, gathered once by the runner before the
 * checks that need them start (struct wp_shared_gather).  A check's
 * gather reads them in ctx->shared; they are in the saved snapshot once.
 */
enum wp_needs {
	WP_NEED_WSL = 1 << 0,	/* the fast WSL signals: kernel release,
				   /init, binfmt, WSL_DISTRO_NAME (always) */
	WP_NEED_NET = 1 << 1,	/* one netlink dump: links, addrs, routes,
				   rules */
};

struct wp_check {
	const char		*name;		/* stable id: --only, JSON */
	const char		*title;
	const char *const	*settings;	/* every setting judged and
						   finding reported (each
						   result's setting),
						   NULL-ended */
	unsigned		 flags;		/* enum wp_check_flags */
	unsigned		 needs;		/* enum wp_needs */
	int	(*gather)(struct wp_ctx *, json_object *fragment);
	int	(*judge)(json_object *snapshot, const struct wp_expect *,
		    struct wp_results *);
};

/* A gather of shared facts (enum wp_needs), run once per run. */
struct wp_shared_gather {
	const char	*name;		/* "wsl", "netlink": timings, errors */
	unsigned	 provides;	/* enum wp_needs */
	int	(*gather)(struct wp_ctx *, json_object *fragment);
};

/*
 * What one run executes: main passes the registry (checks/registry.c),
 * tests pass tables of their own.
 */
struct wp_plan {
	const struct wp_check *const		*checks;	/* NULL-ended */
	const struct wp_shared_gather *const	*shared;	/* NULL-ended */
	/* 1 when active probes may run, from the shared facts alone. */
	int	(*may_probe)(json_object *shared);
};

/* The registry, in display order, NULL-terminated. */
extern const struct wp_check *const wp_checks[];
extern const struct wp_shared_gather *const wp_shared_gathers[];
/* The plan main runs: wp_checks, wp_shared_gathers, the WSL2 test. */
extern const struct wp_plan wp_default_plan;

/*
 * Finds a check by exact name or unique prefix.  Returns NULL with an
 * allocated message in *error ("unknown check 'x'", "ambiguous check
 * 'x', could be: a, b").
 */
const struct wp_check	*wp_check_find(const char *name, char **error);
/* Position in the registry (for ordering results); large if unknown. */
int			 wp_check_rank(const char *name);

#endif
