/* SPDX-License-Identifier: MIT */
/*
 * The runner with check tables of the test's own: a check that hangs, one
 * whose gather fails, one that finishes just before the deadline; the
 * results, the snapshot's errors and check_errors, the total time, and
 * (under ASan) that a job left behind uses only memory it owns.  Also:
 * one netlink dump per run, whatever number of checks need it.
 */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine/check.h"
#include "engine/runner.h"
#include "engine/snapshot.h"
#include "gather/netlink.h"
#include "util/clock.h"
#include "util/xalloc.h"

#define TIMEOUT_MS 300

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0)
		;
}

/* Hangs well past the deadline, then reads its parameters. */
static int
hang_gather(struct wp_ctx *ctx, json_object *frag)
{
	sleep_ms(3 * (TIMEOUT_MS + RUNNER_GRACE_MS));
	/* By now the caller has freed its own parameters: ASan watches. */
	snap_set_str(frag, "hang", ctx->params->dns_names[0]);
	snap_set_str(frag, "root", ctx->root);
	return 0;
}

static int
fail_gather(struct wp_ctx *ctx, json_object *frag)
{
	(void)frag;
	return wp_ctx_error(ctx, "cannot read %s: Permission denied",
	    "/etc/test");
}

/* Ends 150 ms before the deadline: in time. */
static int
edge_gather(struct wp_ctx *ctx, json_object *frag)
{
	long left = wp_ctx_remaining_ms(ctx);

	if (left > 150)
		sleep_ms(left - 150);
	snap_set_str(snap_obj(frag, "edge"), "done", "yes");
	return 0;
}

static int
quick_gather(struct wp_ctx *ctx, json_object *frag)
{
	snap_set_str(snap_obj(frag, "quick"), "shared_kernel",
	    snap_str(ctx->shared, "system.kernel_release"));
	return 0;
}

/* Judges report what their gather left, or `unknown` without it. */
static int
generic_judge(json_object *snap, const struct wp_expect *x,
    struct wp_results *rs, const char *check, const char *key)
{
	(void)x;
	wp_results_add(rs, check, key, snap_get(snap, key) ? WP_PASS :
	    WP_UNKNOWN);
	return 0;
}

static int
hang_judge(json_object *s, const struct wp_expect *x, struct wp_results *r)
{
	return generic_judge(s, x, r, "hang", "hang");
}

static int
fail_judge(json_object *s, const struct wp_expect *x, struct wp_results *r)
{
	return generic_judge(s, x, r, "fail", "fail");
}

static int
edge_judge(json_object *s, const struct wp_expect *x, struct wp_results *r)
{
	return generic_judge(s, x, r, "edge", "edge");
}

static int
quick_judge(json_object *s, const struct wp_expect *x, struct wp_results *r)
{
	return generic_judge(s, x, r, "quick", "quick");
}

static const struct wp_check c_hang = { .name = "hang", .title = "hangs",
    .gather = hang_gather, .judge = hang_judge };
static const struct wp_check c_fail = { .name = "fail", .title = "fails",
    .gather = fail_gather, .judge = fail_judge };
static const struct wp_check c_edge = { .name = "edge", .title = "edge",
    .gather = edge_gather, .judge = edge_judge };
static const struct wp_check c_quick = { .name = "quick", .title = "quick",
    .needs = WP_NEED_WSL, .gather = quick_gather, .judge = quick_judge };
static const struct wp_check *const table[] = { &c_hang, &c_fail,
    &c_edge, &c_quick, NULL };

static int
never_probe(json_object *snap)
{
	(void)snap;
	return 0;
}

static int
fake_signals(struct wp_ctx *ctx, json_object *frag)
{
	(void)ctx;
	snap_set_str(snap_obj(frag, "system"), "kernel_release", "test-1.0");
	return 0;
}

static const struct wp_shared_gather g_fake = { .name = "fake",
    .provides = WP_NEED_WSL, .gather = fake_signals };
static const struct wp_shared_gather *const shared[] = { &g_fake, NULL };
static const struct wp_plan plan = { .checks = table, .shared = shared,
    .may_probe = never_probe };

static struct wp_params *
params_new(void)
{
	struct wp_params *p = xcalloc(1, sizeof *p);

	wp_params_init(p);
	p->timeout_ms = TIMEOUT_MS;
	p->root = xstrdup("/nonexistent-root");
	p->dns_names = xcalloc(2, sizeof *p->dns_names);
	p->dns_names[0] = xstrdup("example.test");
	return p;
}

static const struct wp_result *
find(const struct wp_results *rs, const char *check)
{
	for (size_t i = 0; i < rs->n; i++)
		if (strcmp(rs->v[i].check, check) == 0)
			return &rs->v[i];
	return NULL;
}

static void
wait_jobs_gone(void)
{
	for (int i = 0; i < 100 && runner_jobs_alive() > 0; i++)
		sleep_ms(50);
	assert_int_equal(runner_jobs_alive(), 0);
}

static void
test_hang_fail_edge(void **state)
{
	struct wp_params *p = params_new();
	json_object *snap = snapshot_new(NULL);
	struct wp_expect *x;
	struct wp_results rs;
	const struct wp_result *r;
	long long t0 = clock_mono_ms(), took;

	(void)state;
	runner_gather(&plan, p, snap);
	took = clock_mono_ms() - t0;
	/* The caller frees its parameters at once; the late job owns a copy. */
	wp_params_free(p);
	p = params_new();
	/* About one deadline plus the grace, never the hang's 2.4 s. */
	assert_true(took >= TIMEOUT_MS + RUNNER_GRACE_MS - 20);
	assert_true(took < TIMEOUT_MS + RUNNER_GRACE_MS + 400);
	assert_int_equal(runner_jobs_alive(), 1);
	assert_non_null(strstr(snap_str(snap, "check_errors.hang"),
	    "did not finish within 800 ms"));
	assert_string_equal(snap_str(snap, "check_errors.fail"),
	    "cannot read /etc/test: Permission denied");
	assert_null(snap_str(snap, "check_errors.edge"));
	assert_null(snap_str(snap, "check_errors.quick"));
	assert_string_equal(snap_str(snap, "edge.done"), "yes");
	/* The shared facts reached the check, and the snapshot, once. */
	assert_string_equal(snap_str(snap, "quick.shared_kernel"),
	    "test-1.0");
	assert_string_equal(snap_str(snap, "system.kernel_release"),
	    "test-1.0");
	assert_null(snap_get(snap, "hang"));
	assert_int_equal(snap_bool(snap, "active_probes"), 0);
	{
		json_object *errs = snap_get(snap, "errors");

		assert_non_null(errs);
		assert_int_equal(json_object_array_length(errs), 2);
	}

	wp_results_init(&rs);
	x = expect_build(snap);
	runner_judge(table, p, snap, x, &rs);
	expect_free(x);
	assert_int_equal(rs.n, 4);
	r = find(&rs, "hang");
	assert_int_equal(r->verdict, WP_ERROR);
	assert_true(th_evidence_has(r, "did not finish"));
	r = find(&rs, "fail");
	assert_int_equal(r->verdict, WP_ERROR);
	assert_true(th_evidence_has(r, "Permission denied"));
	assert_int_equal(find(&rs, "edge")->verdict, WP_PASS);
	assert_int_equal(find(&rs, "quick")->verdict, WP_PASS);
	/* Results keep the table's order. */
	assert_string_equal(rs.v[0].check, "hang");
	assert_string_equal(rs.v[3].check, "quick");
	wp_results_release(&rs);

	/* --only narrows both gathering and judging. */
	p->only = xcalloc(2, sizeof *p->only);
	p->only[0] = xstrdup("quick");
	wp_results_init(&rs);
	x = expect_build(snap);
	runner_judge(table, p, snap, x, &rs);
	expect_free(x);
	assert_int_equal(rs.n, 1);
	wp_results_release(&rs);

	json_object_put(snap);
	wp_params_free(p);
	/* The job left behind ends by itself and frees what it owns. */
	wait_jobs_gone();
}

static int
net_gather(struct wp_ctx *ctx, json_object *frag)
{
	/* Reads the shared dump; never dumps itself. */
	snap_set_str(frag, "saw_links", snap_get(ctx->shared, "net.links") ?
	    "yes" : "no");
	return 0;
}

static const struct wp_check c_net1 = { .name = "net1", .title = "n1",
    .needs = WP_NEED_NET, .gather = net_gather, .judge = quick_judge };
static const struct wp_check c_net2 = { .name = "net2", .title = "n2",
    .needs = WP_NEED_NET, .gather = net_gather, .judge = quick_judge };
static const struct wp_check c_net3 = { .name = "net3", .title = "n3",
    .needs = WP_NEED_NET, .gather = net_gather, .judge = quick_judge };
static const struct wp_check *const net_table[] = { &c_net1, &c_net2,
    &c_net3, NULL };

static void
test_one_netlink_dump(void **state)
{
	const struct wp_plan net_plan = { .checks = net_table,
	    .shared = wp_shared_gathers, .may_probe = never_probe };
	struct wp_params *p = params_new();
	json_object *snap = snapshot_new(NULL);
	unsigned before = netlink_dump_count();

	(void)state;
	runner_gather(&net_plan, p, snap);
	assert_int_equal(netlink_dump_count() - before, 1);
	assert_string_equal(snap_str(snap, "saw_links"), "yes");
	assert_non_null(snap_get(snap, "net.links"));
	json_object_put(snap);

	/* No check needs it: no dump at all. */
	before = netlink_dump_count();
	p->only = xcalloc(2, sizeof *p->only);
	p->only[0] = xstrdup("nothing-selected");
	snap = snapshot_new(NULL);
	runner_gather(&net_plan, p, snap);
	assert_int_equal(netlink_dump_count() - before, 0);
	json_object_put(snap);
	wp_params_free(p);
}

/* The real registry: network, localhost and DNS share one dump. */
static void
test_registry_one_dump(void **state)
{
	char root[4096];
	const char *args[] = { "--root", root, "--only",
	    "environment,network,localhost,dns", NULL };
	struct cli_opts o;
	json_object *snap;
	unsigned before = netlink_dump_count();

	(void)state;
	/* Not WSL: no probe may run, so no packet leaves this test. */
	snprintf(root, sizeof root, "%s/not-wsl", FIXTURES);
	assert_int_equal(th_parse(&o, args), CLI_OK);
	snap = snapshot_new(o.root);
	th_runner_gather(&o, snap);
	assert_int_equal(netlink_dump_count() - before, 1);
	assert_int_equal(snap_bool(snap, "active_probes"), 0);
	json_object_put(snap);
	cli_opts_release(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hang_fail_edge),
		cmocka_unit_test(test_one_netlink_dump),
		cmocka_unit_test(test_registry_one_dump),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
