/* SPDX-License-Identifier: MIT */
/*
 * What a check's gather step may use: the root to read files under, the
 * run's deadline, whether active probes are allowed, and the parameters.
 * Each gathering thread gets its own copy, so `error` is per check.
 */
#ifndef WSLPROBE_ENGINE_CTX_H
#define WSLPROBE_ENGINE_CTX_H

#include <json-c/json.h>

struct wp_params;

struct wp_ctx {
	const char		*root;		/* NULL or "/" for the live system */
	long			 timeout_ms;	/* per active probe (--timeout) */
	long long		 deadline_ms;	/* monotonic; the run's bound */
	int			 active_allowed; /* 0 outside WSL2: probes skip */
	const struct wp_params	*params; /* owned by the runner's job */
	/*
	 * The shared facts: one copy that every job of the run reads at
	 * once, so strictly read-only: type-checked getters only (snap_*,
	 * fact_*); never json_object_get/put, never serialise it (json-c
	 * writes a buffer into the object), never add it to a fragment.
	 */
	json_object		*shared;
	char			*error;		/* why gather failed, allocated */
};

/* Milliseconds left before the deadline (0 when past it). */
long	wp_ctx_remaining_ms(const struct wp_ctx *);
/* Records why gathering failed; returns -1 for `return wp_ctx_error()`. */
int	wp_ctx_error(struct wp_ctx *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
