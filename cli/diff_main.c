/* SPDX-License-Identifier: MIT */
/*
 * `wslprobe diff OLD NEW`: two JSON reports or two snapshots (judged on
 * the fly, as --replay would), compared by reports/diff.h.  Exit 0 when
 * nothing changed, 1 when something did, 2 for an unreadable or
 * malformed file, 4 when the output cannot be written.
 */
#include "config.h"

#include "cli/diff_main.h"

#include <stdlib.h>
#include <string.h>

#include "checks/environment.h"
#include "cli/replay.h"
#include "engine/snapshot.h"
#include "reports/diff.h"
#include "reports/redact.h"
#include "reports/report.h"
#include "util/atomic.h"
#include "util/rootfs.h"

struct side {
	struct wp_results	 rs;
	json_object		*env;
	json_object		*snap;	/* when the file is a snapshot */
};

static int
load_report(const char *path, const char *data, size_t len, struct side *s)
{
	json_tokener *tok = json_tokener_new();
	json_object *doc = json_tokener_parse_ex(tok, data, (int)len);
	char *err = NULL;
	json_object *env;
	int rc = -1;

	if (!doc || json_tokener_get_error(tok) != json_tokener_success)
		fprintf(stderr, "wslprobe: %s: not JSON\n", path);
	else if (report_results_from_json(doc, &s->rs, &err) < 0)
		fprintf(stderr, "wslprobe: %s: %s\n", path, err);
	else
		rc = 0;
	if (rc == 0 && json_object_object_get_ex(doc, "environment", &env) &&
	    json_object_is_type(env, json_type_object))
		s->env = json_object_get(env);
	free(err);
	json_object_put(doc);
	json_tokener_free(tok);
	return rc;
}

static int
load(const char *path, const struct wp_params *p, struct side *s)
{
	struct rootfs_file f;
	char *err = NULL;
	int rc = -1;

	wp_results_init(&s->rs);
	s->env = s->snap = NULL;
	rootfs_read_plain(path, SNAPSHOT_MAX_SIZE, &f);
	if (f.error || f.truncated) {
		fprintf(stderr, "wslprobe: cannot read '%s': %s\n", path,
		    f.error ? f.error : "too large");
	} else if (f.len && memmem(f.data, f.len, "\"wslprobe-snapshot/",
	    19)) {
		s->snap = snapshot_parse(f.data, f.len, path, &err);
		if (!s->snap) {
			fprintf(stderr, "wslprobe: %s\n", err);
		} else {
			struct wp_expect *x = expect_build(s->snap);

			replay_judge(s->snap, p, x, &s->rs);
			expect_free(x);
			s->env = environment_summary(s->snap);
			rc = 0;
		}
	} else {
		rc = load_report(path, f.data, f.len, s);
	}
	free(err);
	rootfs_file_release(&f);
	return rc;
}

static void
side_release(struct side *s)
{
	wp_results_release(&s->rs);
	json_object_put(s->env);
	json_object_put(s->snap);
}

/* Search domains a saved report shows only in its evidence lines. */
static void
seed_report(struct wp_redact *r, const struct side *s)
{
	redact_seed_snapshot(r, s->snap);
	for (size_t i = 0; i < s->rs.n; i++)
		for (size_t e = 0; e < s->rs.v[i].n_evidence; e++) {
			const char *l = s->rs.v[i].evidence[e];

			if (strncmp(l, "search ", 7) == 0 ||
			    strncmp(l, "domain ", 7) == 0)
				redact_seed_words(r, REDACT_DOMAIN, l + 7);
		}
}

struct diff_job {
	struct wp_diff_side	 old, new;
	int			 markdown;
	struct wp_redact	*redact;
	unsigned		 changes;
};

static int
write_diff(FILE *fp, void *arg)
{
	struct diff_job *j = arg;

	return report_diff(&j->old, &j->new, j->markdown, j->redact, fp,
	    &j->changes);
}

int
diff_main(const struct cli_opts *o, const struct wp_params *p)
{
	const struct wp_reporter *rp = report_find(o->format);
	struct side a, b;
	struct diff_job j;
	char *err = NULL;
	int status;

	if (!(rp->flags & WP_REPORT_DIFF)) {
		char *names = report_names(WP_REPORT_DIFF);

		fprintf(stderr, "wslprobe: diff writes %s, not '%s'\n", names,
		    o->format);
		free(names);
		return WP_EXIT_USAGE;
	}
	if (load(o->diff_old, p, &a) < 0) {
		side_release(&a);
		return WP_EXIT_USAGE;
	}
	if (load(o->diff_new, p, &b) < 0) {
		side_release(&a);
		side_release(&b);
		return WP_EXIT_USAGE;
	}
	j.old = (struct wp_diff_side){ o->diff_old, &a.rs, a.env };
	j.new = (struct wp_diff_side){ o->diff_new, &b.rs, b.env };
	j.markdown = strcmp(rp->name, "markdown") == 0;
	j.redact = redact_new(o->redact >= 0 ? o->redact :
	    (rp->flags & WP_REPORT_REDACT) != 0);
	seed_report(j.redact, &a);
	seed_report(j.redact, &b);
	if (o->output) {
		status = atomic_write(o->output, write_diff, &j, &err) < 0 ?
		    -1 : 0;
		if (status < 0)
			fprintf(stderr, "wslprobe: %s\n", err);
		free(err);
	} else {
		status = write_diff(stdout, &j) < 0 || fflush(stdout) != 0 ?
		    -1 : 0;
		if (status < 0)
			perror("wslprobe: cannot write the diff");
	}
	redact_free(j.redact);
	side_release(&a);
	side_release(&b);
	return status < 0 ? WP_EXIT_INTERNAL : j.changes ? WP_EXIT_FINDINGS :
	    WP_EXIT_OK;
}
