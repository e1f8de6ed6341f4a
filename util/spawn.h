/* SPDX-License-Identifier: MIT */
/*
 * Running helper programs (wslinfo, cmd.exe through interop) safely: a
 * fixed argv and no shell, stdin from /dev/null, a deadline after which
 * the whole process group is killed, and output capped.
 */
#ifndef WSLPROBE_UTIL_SPAWN_H
#define WSLPROBE_UTIL_SPAWN_H

#include <stddef.h>

#define SPAWN_MAX_OUTPUT (64 * 1024)

struct spawn_result {
	int	 started;	/* the program ran at all */
	int	 exit_code;	/* -1 when killed or not started */
	int	 timed_out;
	int	 truncated;	/* output passed the cap; the child was killed */
	char	*out;		/* NUL-terminated stdout */
	size_t	 out_len;
	char	*err;		/* NUL-terminated stderr, capped too */
	char	*error;		/* why it could not run, or NULL */
	long	 ms;
};

/*
 * Runs PATH with ARGV (argv[0] included, NULL-terminated) in directory CWD
 * (NULL: inherit), for at most TIMEOUT_MS.  Returns 0 if it exited with
 * status 0, -1 otherwise; RES always describes what happened.
 */
int	spawn_run(const char *path, char *const argv[], const char *cwd,
	    long timeout_ms, struct spawn_result *res);
void	spawn_result_release(struct spawn_result *);

struct spawn_job {
	const char		*path;
	char *const		*argv;
	const char		*cwd;
	struct spawn_result	*res;
	char *const		*envp;	/* NULL: inherit the environment */
};

/* Runs N programs at once, all bounded by the same TIMEOUT_MS. */
void	spawn_run_many(struct spawn_job *jobs, size_t n, long timeout_ms);

#endif
