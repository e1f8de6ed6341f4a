/* SPDX-License-Identifier: MIT */
/*
 * Missing data is `unknown`, never a verdict (issue 10 §1, interface.md
 * §4): for every fixture snapshot under tests/fixtures/snapshots/ and
 * snapshots gathered from the fixture trees, delete each top-level
 * section, each `files`, `net` and `probes` entry in turn, and replace
 * each of them by a value of the wrong JSON type; judge with every check
 * and assert that each result keeps its verdict or becomes
 * `unknown`/`skip` (never a new fail, warn or pass), and that nothing
 * crashes (CI runs this under ASan).
 */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/check.h"
#include "engine/runner.h"
#include "engine/snapshot.h"

/* Fixture trees gathered (passive checks only: no packet is sent). */
static const char *const trees[] = {
	"wsl2-nat", "wsl2-mirrored", "wsl2-consomme", "wsl2-none",
	"wsl2-old", "wsl2-mirrored-fallback", "dns-tunnel", "dns-stub",
	"dns-missing", "dns-handwritten", "not-wsl", "docker-on-wsl2", NULL
};

/* The sections whose entries are deleted one by one. */
static const char *const maps[] = { "files", "net", "probes", NULL };

static void
judge_all(json_object *snap, struct wp_results *rs)
{
	struct wp_expect *x = expect_build(snap);
	struct wp_params all;

	/* As a run judges: every check, and the runner's own rules. */
	wp_params_init(&all);
	wp_results_init(rs);
	runner_judge(wp_checks, &all, snap, x, rs);
	expect_free(x);
}

/* The Nth result (0-based) of CHECK/SETTING in RS, or NULL. */
static const struct wp_result *
nth(const struct wp_results *rs, const char *check, const char *setting,
    size_t n)
{
	for (size_t i = 0; i < rs->n; i++)
		if (strcmp(rs->v[i].check, check) == 0 &&
		    strcmp(rs->v[i].setting, setting) == 0 && n-- == 0)
			return &rs->v[i];
	return NULL;
}

static size_t
index_of(const struct wp_results *rs, size_t k)
{
	size_t n = 0;

	for (size_t i = 0; i < k; i++)
		n += strcmp(rs->v[i].check, rs->v[k].check) == 0 &&
		    strcmp(rs->v[i].setting, rs->v[k].setting) == 0;
	return n;
}

static int
allowed(enum wp_verdict before, enum wp_verdict after)
{
	return after == before || after == WP_UNKNOWN || after == WP_SKIP;
}

static size_t failures;

/* Judges MUTATED and compares with BASE; counts what was checked. */
static void
compare(const char *name, const char *what, const struct wp_results *base,
    json_object *mutated, size_t *checked)
{
	struct wp_results rs;

	judge_all(mutated, &rs);
	for (size_t k = 0; k < rs.n; k++) {
		const struct wp_result *now = &rs.v[k];
		const struct wp_result *was = nth(base, now->check,
		    now->setting, index_of(&rs, k));
		enum wp_verdict before = was ? was->verdict : WP_UNKNOWN;

		(*checked)++;
		if (!allowed(before, now->verdict) && ++failures <= 40)
			print_error("%s, %s: %s went from %s to %s (%s)\n", name,
			    what,
			    now->setting, was ? wp_verdict_name(before) :
			    "nothing", wp_verdict_name(now->verdict),
			    now->n_evidence ? now->evidence[now->n_evidence - 1]
			    : "no evidence");
	}
	wp_results_release(&rs);
}

/* A value of another JSON type than V's. */
static json_object *
wrong_type(json_object *v)
{
	if (v && (json_object_is_type(v, json_type_string)))
		return json_object_new_int(42);
	return json_object_new_string("wrong type");
}

/* Every mutation of SNAP, each judged against SNAP's own results. */
static size_t
mutate_all(const char *name, json_object *snap)
{
	struct wp_results base;
	size_t checked = 0;
	char what[512];

	judge_all(snap, &base);
	json_object_object_foreach(snap, key, val) {
		json_object *copy = NULL;

		/* The whole section deleted, then of the wrong type. */
		assert_int_equal(json_object_deep_copy(snap, &copy, NULL), 0);
		json_object_object_del(copy, key);
		snprintf(what, sizeof what, "without '%s'", key);
		compare(name, what, &base, copy, &checked);
		json_object_put(copy);
		copy = NULL;
		assert_int_equal(json_object_deep_copy(snap, &copy, NULL), 0);
		json_object_object_add(copy, key, wrong_type(val));
		snprintf(what, sizeof what, "'%s' of the wrong type", key);
		compare(name, what, &base, copy, &checked);
		json_object_put(copy);
	}
	for (size_t m = 0; maps[m]; m++) {
		json_object *map;

		if (!json_object_object_get_ex(snap, maps[m], &map) ||
		    !json_object_is_type(map, json_type_object))
			continue;
		json_object_object_foreach(map, ekey, eval) {
			json_object *copy = NULL, *cmap;

			assert_int_equal(json_object_deep_copy(snap, &copy,
			    NULL), 0);
			json_object_object_get_ex(copy, maps[m], &cmap);
			json_object_object_del(cmap, ekey);
			snprintf(what, sizeof what, "without %s['%s']",
			    maps[m], ekey);
			compare(name, what, &base, copy, &checked);
			json_object_put(copy);
			copy = NULL;
			assert_int_equal(json_object_deep_copy(snap, &copy,
			    NULL), 0);
			json_object_object_get_ex(copy, maps[m], &cmap);
			json_object_object_add(cmap, ekey, wrong_type(eval));
			snprintf(what, sizeof what, "%s['%s'] of the wrong "
			    "type", maps[m], ekey);
			compare(name, what, &base, copy, &checked);
			json_object_put(copy);
		}
	}
	wp_results_release(&base);
	return checked;
}

static int
is_json(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 5 && strcmp(d->d_name + n - 5, ".json") == 0;
}

/* Calls FN with every snapshot of FIXTURES/snapshots; returns their sum. */
static size_t
each_snapshot(size_t (*fn)(const char *name, json_object *snap))
{
	char dir[4096];
	struct dirent **names;
	size_t sum = 0;
	int n;

	snprintf(dir, sizeof dir, "%s/snapshots", FIXTURES);
	n = scandir(dir, &names, is_json, alphasort);
	assert_true(n > 0);
	for (int i = 0; i < n; i++) {
		char name[256];
		json_object *snap;

		snprintf(name, sizeof name, "%.*s",
		    (int)strlen(names[i]->d_name) - 5, names[i]->d_name);
		snap = th_load_snapshot(name);
		sum += fn(name, snap);
		json_object_put(snap);
		free(names[i]);
	}
	free(names);
	return sum;
}

static void
test_fixture_snapshots(void **state)
{
	size_t checked;

	(void)state;
	failures = 0;
	checked = each_snapshot(mutate_all);
	/* Every snapshot judged many times: the test cannot pass empty. */
	assert_true(checked > 1000);
	assert_int_equal(failures, 0);
}

static void
test_gathered_snapshots(void **state)
{
	size_t checked = 0;

	(void)state;
	failures = 0;
	for (size_t i = 0; trees[i]; i++) {
		struct cli_opts o;
		/* File-only checks: the live netlink dump of this machine
		   would contradict the tree's wslinfo (a mix no VM shows);
		   the fixture snapshots cover "net". */
		json_object *snap = th_gather_fixture(trees[i], &o);

		checked += mutate_all(trees[i], snap);
		json_object_put(snap);
		cli_opts_release(&o);
	}
	assert_true(checked > 1000);
	assert_int_equal(failures, 0);
}

/*
 * The file-only checks that came later (memory, disk) and what Windows
 * answered (fake programs in the tree print captured outputs): gathered
 * from their fixture trees, then cut and mistyped the same way.
 */
static void
test_gathered_memory_windows(void **state)
{
	static const char *const more[] = { "wsl2-memory", "wsl2-memory-off",
	    "wsl2-windows", NULL };
	size_t checked = 0;

	(void)state;
	failures = 0;
	setenv("WSLPROBE_FAKE_WINDOWS", FIXTURES "/windows-answers/server", 1);
	setenv("WSL_DISTRO_NAME", "Ubuntu", 1);
	for (size_t i = 0; more[i]; i++) {
		char root[4096];
		const char *args[] = { "--root", root, "--only",
		    "environment,config,memory,disk", NULL };
		struct cli_opts o;
		json_object *snap;

		snprintf(root, sizeof root, "%s/%s", FIXTURES, more[i]);
		assert_int_equal(th_parse(&o, args), CLI_OK);
		snap = snapshot_new(o.root);
		th_runner_gather(&o, snap);
		checked += mutate_all(more[i], snap);
		json_object_put(snap);
		cli_opts_release(&o);
	}
	unsetenv("WSLPROBE_FAKE_WINDOWS");
	assert_true(checked > 300);
	assert_int_equal(failures, 0);
}

/* 1 when SETTING is listed by CHECK (a "prefix.*" entry covers many). */
static int
listed(const char *check, const char *setting)
{
	for (size_t i = 0; wp_checks[i]; i++) {
		const char *const *st = wp_checks[i]->settings;

		if (strcmp(wp_checks[i]->name, check) != 0)
			continue;
		for (size_t k = 0; st && st[k]; k++) {
			size_t n = strlen(st[k]);

			if (strcmp(st[k], setting) == 0 || (n > 1 &&
			    st[k][n - 1] == '*' && strncmp(st[k], setting,
			    n - 1) == 0))
				return 1;
		}
	}
	return 0;
}

/* The results of SNAP whose setting --list-checks does not show. */
static size_t
unlisted(const char *name, json_object *snap)
{
	struct wp_results rs;
	size_t missing = 0;

	judge_all(snap, &rs);
	for (size_t k = 0; k < rs.n; k++)
		if (!listed(rs.v[k].check, rs.v[k].setting)) {
			print_error("%s: %s emits %s, not in --list-checks\n",
			    name, rs.v[k].check, rs.v[k].setting);
			missing++;
		}
	wp_results_release(&rs);
	return missing;
}

/*
 * Issue 10 §5: --list-checks lists every setting and finding a check
 * emits, over every fixture snapshot.
 */
static void
test_list_checks_complete(void **state)
{
	(void)state;
	assert_int_equal(each_snapshot(unlisted), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture_snapshots),
		cmocka_unit_test(test_gathered_snapshots),
		cmocka_unit_test(test_gathered_memory_windows),
		cmocka_unit_test(test_list_checks_complete),
	};

	return cmocka_run_group_tests_name("missing-data", tests, NULL, NULL);
}
