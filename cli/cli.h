/* SPDX-License-Identifier: MIT */
/*
 * Command-line parsing (interface.md §2).  cli_parse fills struct
 * cli_opts and returns a status; only main turns it into an exit code.
 */
#ifndef WSLPROBE_CLI_CLI_H
#define WSLPROBE_CLI_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "engine/params.h"
#include "engine/result.h"

enum cli_status {
	CLI_OK,			/* go on and run */
	CLI_EXIT_OK,		/* --help, --version, --list-checks: done */
	CLI_EXIT_USAGE,		/* bad usage: exit 2 */
};

enum cli_command { CLI_RUN, CLI_LINT, CLI_DIFF };

/* Exit statuses (interface.md §2); only main returns them. */
enum wp_exit {
	WP_EXIT_OK = 0,		/* nothing at or above --fail-on */
	WP_EXIT_FINDINGS = 1,	/* a fail or error result (or warn) */
	WP_EXIT_USAGE = 2,	/* usage, unreadable file, bad snapshot */
	WP_EXIT_NOT_WSL2 = 3,	/* a live run outside WSL2 */
	WP_EXIT_INTERNAL = 4,	/* wslprobe itself failed */
};
enum cli_color { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };

struct cli_opts {
	enum cli_command	 command;
	const char		*config;	/* --config, or lint's FILE */
	int			 no_config;
	const char		*wsl_conf;
	const char		*format;	/* "text" by default */
	const char		*output;	/* NULL: stdout */
	char			**only;		/* check names, NULL-ended */
	char			**skip;
	int			 list_checks;
	long			 timeout_ms;
	int			*host_ports;
	size_t			 n_host_ports;
	char			**dns_names;	/* NULL-ended */
	const char		*proxy_url;
	const char		*root;		/* NULL: live system */
	char			*root_abs;	/* owned storage for root */
	int			 no_windows;	/* --no-windows */
	long			 watch_reclaim_s;
	const char		*save_snapshot;
	const char		*replay;
	const char		*diff_old, *diff_new;	/* diff's files */
	int			 redact;	/* -1: the format's default */
	enum wp_verdict		 fail_on;	/* WP_FAIL or WP_WARN */
	enum cli_color		 color;
	int			 quiet, verbose;
};

/* Messages go to OUT (--help, --version) and ERR (usage errors). */
enum cli_status	cli_parse(int argc, char **argv, struct cli_opts *,
		    FILE *out, FILE *err);
void		cli_opts_release(struct cli_opts *);
/* 1 if the check NAME is selected by --only/--skip. */
int		cli_check_selected(const struct cli_opts *, const char *name);
void		cli_usage(FILE *);
/* Fills P (wp_params_init first) with what the checks may know of O. */
void		cli_params(const struct cli_opts *o, struct wp_params *p);

#endif
