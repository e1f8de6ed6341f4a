/* SPDX-License-Identifier: MIT */
/*
 * The result model (interface.md §3): one result per setting judged.  A
 * result set owns copies of every string it is given; callers keep theirs.
 */
#ifndef WSLPROBE_ENGINE_RESULT_H
#define WSLPROBE_ENGINE_RESULT_H

#include <stddef.h>

enum wp_verdict {
	WP_PASS,
	WP_FAIL,
	WP_WARN,
	WP_UNKNOWN,
	WP_SKIP,
	WP_ERROR,
	WP_VERDICT_COUNT
};

struct wp_result {
	char		*check;
	char		*setting;
	char		*expected;		/* NULL when nothing is expected */
	char		*expected_source;
	char		*observed;
	enum wp_verdict	 verdict;
	char		**evidence;
	size_t		 n_evidence;
	char		*hint;
	char		*asked;			/* what the file's author wrote
						   for the setting when WSL does
						   not apply it as written, or
						   NULL */
	char		*asked_source;		/* where: ".wslconfig:2
						   'networkMode=mirrored'" */
	long		 duration_ms;		/* -1 when not timed */
};

/* Invariant: v[0..n) are initialised results, n <= alloc. */
struct wp_results {
	struct wp_result	*v;
	size_t			 n, alloc;
};

struct wp_summary {
	unsigned	count[WP_VERDICT_COUNT];
};

void		 wp_results_init(struct wp_results *);
void		 wp_results_release(struct wp_results *);
/* Appends a result and returns it so the caller can add evidence. */
struct wp_result *wp_results_add(struct wp_results *, const char *check,
		    const char *setting, enum wp_verdict);
void		 wp_result_set(char **field, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
void		 wp_result_evidence(struct wp_result *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
void		 wp_results_summary(const struct wp_results *,
		    struct wp_summary *);
/* Stable sort: keeps registry order of checks, then orders by setting. */
void		 wp_results_sort(struct wp_results *,
		    int (*check_rank)(const char *));

const char	*wp_verdict_name(enum wp_verdict);
/* Returns -1 when the name is not a verdict. */
int		 wp_verdict_parse(const char *);

#endif
