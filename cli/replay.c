/* SPDX-License-Identifier: MIT */
/*
 * Judging a saved snapshot as --replay does (interface.md §4): the
 * checks it recorded, narrowed by --only and --skip, then what the
 * .wslconfig asked.  `wslprobe diff` judges snapshots the same way.
 */
#include "config.h"

#include "cli/replay.h"

#include <stdlib.h>
#include <string.h>

#include "engine/asked.h"
#include "engine/check.h"
#include "engine/expect.h"
#include "engine/runner.h"
#include "engine/snapshot.h"
#include "util/xalloc.h"

static int
in_array(json_object *a, const char *name)
{
	for (size_t i = 0; i < json_object_array_length(a); i++) {
		json_object *v = json_object_array_get_idx(a, i);

		if (json_object_is_type(v, json_type_string) &&
		    strcmp(json_object_get_string(v), name) == 0)
			return 1;
	}
	return 0;
}

/*
 * At replay, the checks the snapshot recorded, narrowed by --only and
 * --skip; a check named with --only that the snapshot lacks is one
 * `skip` result.  A snapshot without `checks` judges what is selected.
 */
struct wp_params *
replay_selection(json_object *snap, const struct wp_params *p,
    struct wp_results *rs)
{
	struct wp_params *d = wp_params_dup(p);
	json_object *a = snap_get(snap, "checks");
	size_t n = 0;

	if (!a || !json_object_is_type(a, json_type_array))
		return d;
	for (size_t i = 0; p->only && p->only[i]; i++) {
		struct wp_result *r;

		if (in_array(a, p->only[i]))
			continue;
		r = wp_results_add(rs, p->only[i], p->only[i], WP_SKIP);
		wp_result_set(&r->observed, "not in this snapshot");
		wp_result_evidence(r, "the snapshot was taken without the "
		    "'%s' check", p->only[i]);
	}
	for (size_t i = 0; d->only && d->only[i]; i++)
		free(d->only[i]);
	free(d->only);
	d->only = xcalloc(json_object_array_length(a) + 2, sizeof *d->only);
	/* An empty list would select everything: name nothing instead. */
	d->only[n++] = xstrdup("");
	for (size_t i = 0; wp_checks[i]; i++)
		if (in_array(a, wp_checks[i]->name) &&
		    wp_params_selected(p, wp_checks[i]->name))
			d->only[n++] = xstrdup(wp_checks[i]->name);
	return d;
}

void
replay_judge(json_object *snap, const struct wp_params *p,
    const struct wp_expect *x, struct wp_results *rs)
{
	struct wp_params *jp = replay_selection(snap, p, rs);

	runner_judge(wp_checks, jp, snap, x, rs);
	wp_params_free(jp);
	asked_judge(snap, x, rs);
}
