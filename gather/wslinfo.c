/* SPDX-License-Identifier: MIT */
/*
 * Asking wslinfo (wsl-facts.md §1.2) for the WSL version, the live
 * networking mode and the VM id: found in /usr/bin, then /bin, under the
 * root; run with a fixed argv, no shell, output capped; all calls of a
 * run share one budget of at most 2 s and at most --timeout, and a call
 * that overruns is killed with its process group (util/spawn.c).
 */
#include "config.h"

#include "gather/wslinfo.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/encoding.h"
#include "util/rootfs.h"
#include "engine/snapshot.h"
#include "util/spawn.h"
#include "util/xalloc.h"

#define WSLINFO_BUDGET_MS	2000	/* all wslinfo calls of a run */
#define WSLINFO_MAX_ANSWER	200

/* The answer of a finished "wslinfo FLAG" run, or NULL with an error. */
static char *
wslinfo_answer(const char *flag, struct spawn_result *res,
    json_object *errors)
{
	char *answer = NULL;

	if (res->exit_code == 0) {
		size_t n = res->out_len;

		while (n && isspace((unsigned char)res->out[n - 1]))
			n--;
		if (n > 0 && n <= WSLINFO_MAX_ANSWER &&
		    !memchr(res->out, '\n', n)) {
			answer = xstrndup(res->out, n);
			if (!utf8_valid_cstr(answer)) {
				free(answer);
				answer = NULL;
			}
		}
	}
	if (!answer) {
		char *e = res->error ? xasprintf("wslinfo %s: %s", flag,
		    res->error) : xasprintf("wslinfo %s: exit %d%s%.*s", flag,
		    res->exit_code, res->err[0] ? ": " : "", 200,
		    res->err);
		size_t k = strlen(e);

		while (k && isspace((unsigned char)e[k - 1]))
			e[--k] = '\0';
		json_object_array_add(errors, json_object_new_string(
		    utf8_valid_cstr(e) ? e : "wslinfo: unreadable answer"));
		free(e);
	}
	return answer;
}

/* Runs "wslinfo FLAG" for N flags at once, within the shared budget. */
static void
wslinfo_ask(const char *host, const char *const *flags, size_t n,
    long long budget_end, char **answers, json_object *errors)
{
	struct spawn_result res[4];
	struct spawn_job jobs[4];
	char *argv[4][3], name[] = "wslinfo";
	long left = (long)(budget_end - clock_mono_ms());

	if (left <= 0) {
		for (size_t i = 0; i < n; i++) {
			char *e = xasprintf("wslinfo %s: not run, the wslinfo "
			    "budget is spent", flags[i]);

			json_object_array_add(errors,
			    json_object_new_string(e));
			free(e);
		}
		return;
	}
	for (size_t i = 0; i < n && i < 4; i++) {
		argv[i][0] = name;
		argv[i][1] = xstrdup(flags[i]);
		argv[i][2] = NULL;
		jobs[i] = (struct spawn_job){ host, argv[i], NULL, &res[i],
		    NULL };
	}
	spawn_run_many(jobs, n, left);
	for (size_t i = 0; i < n && i < 4; i++) {
		answers[i] = wslinfo_answer(flags[i], &res[i], errors);
		spawn_result_release(&res[i]);
		free(argv[i][1]);
	}
}

static int
looks_like_version(const char *s)
{
	if (!s || !isdigit((unsigned char)*s))
		return 0;
	return strspn(s, "0123456789.") == strlen(s);
}

void
wslinfo_gather(const char *root, long timeout_ms, json_object *wsl)
{
	static const char *const places[] = { "/usr/bin/wslinfo",
	    "/bin/wslinfo", NULL };
	json_object *wi = json_object_new_object();
	json_object *errors = json_object_new_array();
	long budget = WSLINFO_BUDGET_MS;
	long long budget_end;
	char *host = NULL, *v;

	json_object_object_add(wsl, "wslinfo", wi);
	for (size_t i = 0; places[i] && !host; i++) {
		char *err;

		host = rootfs_resolve(root, places[i], &err);
		free(err);
		if (host && access(host, X_OK) != 0) {
			free(host);
			host = NULL;
		}
		if (host)
			snap_set_str(wi, "path", places[i]);
	}
	json_object_object_add(wi, "available",
	    json_object_new_boolean(host != NULL));
	if (!host) {
		snap_set_str(wi, "version", NULL);
		snap_set_str(wi, "networking_mode", NULL);
		snap_set_str(wi, "vm_id", NULL);
		json_object_put(errors);
		return;
	}
	if (budget > timeout_ms)
		budget = timeout_ms;
	budget_end = clock_mono_ms() + budget;
	/*
	 * The questions at once, under one budget.  --version exists since
	 * ~2.3; only when it fails ask --wsl-version (2.2.3, #11475).
	 */
	{
		static const char *const flags[] = { "--version",
		    "--networking-mode", "--vm-id", "--wsl-version" };
		char *answers[4] = { NULL, NULL, NULL, NULL };

		wslinfo_ask(host, flags, 3, budget_end, answers, errors);
		if (!looks_like_version(answers[0]))
			wslinfo_ask(host, flags + 3, 1, budget_end,
			    answers + 3, errors);
		v = looks_like_version(answers[0]) ? answers[0] :
		    looks_like_version(answers[3]) ? answers[3] : NULL;
		snap_take_str(wi, "version", v ? xstrdup(v) : NULL);
		snap_take_str(wi, "networking_mode", answers[1]);
		snap_take_str(wi, "vm_id", answers[2]);
		free(answers[0]);
		free(answers[3]);
	}
	json_object_object_add(wi, "errors", errors);
	free(host);
}
