/* SPDX-License-Identifier: MIT */
/*
 * Inside the proxy check: the facts its judges share (read once from the
 * snapshot) and the judges of each result family.  Not for other checks.
 */
#ifndef WSLPROBE_CHECKS_PROXY_INT_H
#define WSLPROBE_CHECKS_PROXY_INT_H

#include <stddef.h>

#include <json-c/json.h>

#include "engine/expect.h"
#include "engine/result.h"

#define PROXY_CHECK "proxy"

struct proxy_facts {
	int		 gathered;	/* the snapshot has a `proxy` section */
	int		 wsl2;
	json_object	*proxy;		/* snap.proxy */
	json_object	*env;		/* snap.env: this process */
	json_object	*parent;	/* first parent with proxy variables */
	json_object	*ppid;		/* the direct parent, when it was read */
	json_object	*etc;		/* /etc/environment's proxy variables */
	json_object	*sys, *user;	/* systemd managers' */
	int		 systemd_running;
	const char	*wslenv;
	int		 self;		/* this process has autoProxy's names */
};

/* The value of NAME spelt exactly so in VARS, or NULL. */
const char	*proxy_var(json_object *vars, const char *name);
/* CANON (lower case) or its upper-case spelling in VARS, or NULL. */
const char	*proxy_any_case(json_object *vars, const char *canon);
void		 proxy_upper(const char *s, char *out, size_t n);
void		 proxy_facts_read(json_object *snap, struct proxy_facts *);
struct wp_result *proxy_add(struct wp_results *, const char *setting,
		    enum wp_verdict, const struct wp_expect_value *);
/* proxy.env results; returns 1 when one of them is a `fail`. */
int		 proxy_judge_env(const struct proxy_facts *,
		    struct wp_results *);
/* proxy.fetch results, one per probe. */
void		 proxy_judge_fetch(json_object *snap,
		    const struct proxy_facts *, struct wp_results *);

#endif
