/* SPDX-License-Identifier: MIT */
/*
 * What the checks may know of the command line: a small, owned record
 * that main fills once (cli_params).  Checks never see struct cli_opts.
 *
 * Ownership: every string and array is owned by the record.  The runner
 * gives each gathering job its own copy (wp_params_dup), so a job left
 * behind at the deadline never points into memory main has released.
 */
#ifndef WSLPROBE_ENGINE_PARAMS_H
#define WSLPROBE_ENGINE_PARAMS_H

#include <stddef.h>

struct wp_params {
	char		*root;		/* NULL: the live system */
	char		*config;	/* --config FILE, or NULL */
	int		 no_config;	/* --no-config */
	char		*wsl_conf;	/* --wsl-conf FILE, or NULL */
	long		 timeout_ms;	/* --timeout: per active probe */
	int		*host_ports;	/* --host-port (default 135) */
	size_t		 n_host_ports;
	char		**dns_names;	/* --dns-name, NULL-ended; may be empty */
	char		*proxy_url;	/* --proxy-url, or NULL: the default */
	long		 watch_reclaim_s; /* --watch-reclaim, 0: off */
	int		 no_windows;	/* --no-windows: ask Windows nothing */
	int		 keep_secrets;	/* --no-redact: credentials kept in the
					   snapshot */
	char		**only;		/* check ids, NULL-ended, or NULL */
	char		**skip;		/* likewise */
};

/* An empty record: timeout 1500 ms, everything else unset. */
void		 wp_params_init(struct wp_params *);
/* Frees the contents; the record is left empty (wp_params_init). */
void		 wp_params_release(struct wp_params *);
/* A deep copy, allocated; free with wp_params_free. */
struct wp_params *wp_params_dup(const struct wp_params *);
void		 wp_params_free(struct wp_params *);
/* A deep copy of a NULL-ended string list (NULL for NULL); allocated. */
char		**wp_strv_dup(char *const *v);
/* 1 if the check NAME is selected by only/skip. */
int		 wp_params_selected(const struct wp_params *,
		    const char *name);

#endif
