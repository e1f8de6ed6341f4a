/* SPDX-License-Identifier: MIT */
/* .wslconfig discovery from inside the distro; see discover.h. */
#include "config.h"

#include "gather/discover.h"

#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "engine/params.h"
#include "gather/winexe.h"
#include "parse/procparse.h"
#include "parse/windows_text.h"
#include "util/rootfs.h"
#include "engine/snapshot.h"
#include "util/spawn.h"
#include "util/xalloc.h"

#define WSLCONFIG_MAX_SIZE	(1024 * 1024)
#define CMD_TIMEOUT_MS		3000

/* Profiles that are never a user's (wsl-facts.md §9.3, option 4). */
static const char *const skip_profiles[] = {
	"Public", "Default", "Default User", "All Users",
	"WDAGUtilityAccount", NULL
};

static void
tried(json_object *list, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
tried(json_object *list, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	json_object_array_add(list, json_object_new_string(s));
	free(s);
}

char *
discover_drive_mount(const char *root, char letter)
{
	struct rootfs_file f;
	char *found;

	rootfs_read(root, "/proc/self/mountinfo", 4 * 1024 * 1024, &f);
	found = f.data ? procparse_drive_mount(f.data, letter) : NULL;
	rootfs_file_release(&f);
	if (!found)
		found = xasprintf("/mnt/%c", tolower((unsigned char)letter));
	return found;
}

char *
discover_windows_to_linux(const char *root, const char *winpath)
{
	char *mount, *out, *p;

	if (!isalpha((unsigned char)winpath[0]) || winpath[1] != ':' ||
	    (winpath[2] != '\\' && winpath[2] != '/'))
		return NULL;
	mount = discover_drive_mount(root, winpath[0]);
	out = xasprintf("%s%s", mount, winpath + 2);
	for (p = out + strlen(mount); *p; p++)
		if (*p == '\\')
			*p = '/';
	free(mount);
	return out;
}

static void
trim(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	memmove(s, s + strspn(s, " \t\r\n"), strlen(s + strspn(s,
	    " \t\r\n")) + 1);
}

/*
 * Reads a candidate .wslconfig (as given when PLAIN, else under the
 * root), bounded by the deadline: a hung drvfs mount must not hang us.
 */
static void
read_candidate(struct wp_ctx *ctx, const char *path, int plain,
    struct rootfs_file *f)
{
	if (plain)
		rootfs_read_bounded(path, WSLCONFIG_MAX_SIZE,
		    wp_ctx_remaining_ms(ctx), f);
	else
		rootfs_read_under_bounded(ctx->root, path, WSLCONFIG_MAX_SIZE,
		    wp_ctx_remaining_ms(ctx), f);
}

/* Records the file and returns 1 when PATH exists and is readable. */
static int
take_if_found(struct wp_ctx *ctx, json_object *fragment, json_object *list,
    const char *path, const char *how, int plain)
{
	struct rootfs_file f;
	int ok;

	read_candidate(ctx, path, plain, &f);
	if (f.error && strcmp(f.error, "not found") == 0) {
		tried(list, "%s (%s): not found", path, how);
		rootfs_file_release(&f);
		return 0;
	}
	ok = !f.error;
	tried(list, "%s (%s): %s", path, how, ok ? "found" : f.error);
	if (ok || plain)
		snap_add_file(fragment, path, &f);
	rootfs_file_release(&f);
	return ok || plain;
}

/*
 * PATH is the .wslconfig of the profile Windows or $USERPROFILE named:
 * records it and returns 1 when it is there (readable or not: a read
 * error is "not gathered", never a reason to look elsewhere), 0 when
 * that profile has none.  Guessing is the no-interop fallback only
 * (wsl-facts.md §9.3).
 */
static int
take_named(struct wp_ctx *ctx, json_object *fragment, json_object *list,
    const char *path, const char *how)
{
	struct rootfs_file f;
	int found;

	read_candidate(ctx, path, 0, &f);
	found = !f.error || strcmp(f.error, "not found") != 0;
	tried(list, "%s (%s): %s", path, how, !f.error ? "found" : !found ?
	    "not found: the profile has no .wslconfig, WSL's defaults apply" :
	    f.error);
	if (found)
		snap_add_file(fragment, path, &f);
	rootfs_file_release(&f);
	return found;
}

/*
 * The .wslconfig of the profile folder PROFILE (taken: freed here) named
 * by HOW; allocated when it is there (take_named), else NULL.
 */
static char *
take_profile(struct wp_ctx *ctx, json_object *fragment, json_object *list,
    char *profile, const char *how)
{
	char *p = xasprintf("%s/.wslconfig", profile);

	free(profile);
	if (take_named(ctx, fragment, list, p, how))
		return p;
	free(p);
	return NULL;
}

/* Asks Windows for %USERPROFILE% through interop; allocated or NULL. */
static char *
interop_userprofile(struct wp_ctx *ctx, json_object *list)
{
	struct winexe cmd;
	char *text = NULL, *out = NULL;
	struct spawn_result res;
	char a0[] = "cmd.exe", a1[] = "/u", a2[] = "/c", a3[] = "echo";
	char a4[] = "%USERPROFILE%";
	char *argv[] = { a0, a1, a2, a3, a4, NULL };
	long budget = wp_ctx_remaining_ms(ctx);

	if (winexe_find(ctx->root, "cmd.exe", &cmd) != 0) {
		tried(list, "%%USERPROFILE%% through %s: not available",
		    cmd.path);
		goto done;
	}
	if (budget > CMD_TIMEOUT_MS)
		budget = CMD_TIMEOUT_MS;
	/*
	 * The working directory must be on a drive, or cmd.exe complains
	 * that UNC paths are not supported (wsl-facts.md §9.3).
	 */
	spawn_run(cmd.host, argv, cmd.cwd, budget, &res);
	if (res.exit_code != 0 || res.out_len == 0) {
		tried(list, "%%USERPROFILE%% through %s: %s", cmd.path,
		    res.error ? res.error : "failed");
	} else {
		text = win_decode(res.out, res.out_len, NULL, NULL);
		trim(text);
		out = discover_windows_to_linux(ctx->root, text);
		if (!out)
			tried(list, "%%USERPROFILE%% through %s: '%s' is not "
			    "a drive path", cmd.path, text);
	}
	spawn_result_release(&res);
done:
	free(text);
	winexe_release(&cmd);
	return out;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Looks at <C:>/Users/NAME/.wslconfig, preferring the user's own name. */
static char *
guess_profile(struct wp_ctx *ctx, json_object *fragment, json_object *list)
{
	char *cmount = discover_drive_mount(ctx->root, 'c');
	char *users = xasprintf("%s/Users", cmount), *host, *err, *pick = NULL;
	const char *me = getenv("USER") ? getenv("USER") : getenv("LOGNAME");
	char **names = NULL;
	size_t n = 0, i;
	struct dirent *de;
	DIR *d;

	host = rootfs_resolve(ctx->root, users, &err);
	d = host ? opendir(host) : NULL;
	if (!d) {
		tried(list, "%s/*/.wslconfig (guess): %s not readable", users,
		    users);
		free(err);
		goto done;
	}
	while ((de = readdir(d)) != NULL && n < 256) {
		int skip = de->d_name[0] == '.';

		for (i = 0; skip_profiles[i] && !skip; i++)
			skip = strcmp(de->d_name, skip_profiles[i]) == 0;
		if (skip)
			continue;
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, name_cmp);
	/* The user's own profile first, then the others in order. */
	for (i = 0; me && i < n; i++) {
		if (strcasecmp(names[i], me) == 0 && i > 0) {
			char *t = names[i];

			memmove(names + 1, names, i * sizeof *names);
			names[0] = t;
			break;
		}
	}
	for (i = 0; i < n && !pick; i++) {
		char *path = xasprintf("%s/%s/.wslconfig", users, names[i]);

		if (take_if_found(ctx, fragment, list, path, "guess", 0))
			pick = path;
		else
			free(path);
	}
	if (n == 0)
		tried(list, "%s/*/.wslconfig (guess): no user profiles",
		    users);
done:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(host);
	free(users);
	free(cmount);
	return pick;
}

void
discover_wslconfig(struct wp_ctx *ctx, json_object *fragment,
    json_object *wsl, int interop_ok)
{
	const struct wp_params *o = ctx->params;
	json_object *list = json_object_new_array();
	const char *source = NULL, *up;
	char *path = NULL;

	json_object_object_add(wsl, "wslconfig_tried", list);
	if (o && o->no_config) {
		source = "none";
		goto done;
	}
	if (o && o->config) {
		take_if_found(ctx, fragment, list, o->config, "option", 1);
		path = xstrdup(o->config);
		source = "option";
		goto done;
	}
	/* $USERPROFILE only reaches Linux when WSLENV exports it (/p). */
	up = getenv("USERPROFILE");
	if (up && *up) {
		char *base = up[0] == '/' ? xstrdup(up) :
		    discover_windows_to_linux(ctx->root, up);

		if (base) {
			source = "env";
			path = take_profile(ctx, fragment, list, base, source);
			goto done;
		}
	}
	if (interop_ok) {
		char *profile = interop_userprofile(ctx, list);

		if (profile) {
			source = "interop";
			path = take_profile(ctx, fragment, list, profile,
			    source);
			goto done;
		}
	}
	path = guess_profile(ctx, fragment, list);
	if (path)
		source = "guess";
done:
	snap_set_str(wsl, "wslconfig_path", path);
	snap_set_str(wsl, "wslconfig_source", source);
	free(path);
}
