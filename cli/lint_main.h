/* SPDX-License-Identifier: MIT */
/* `wslprobe lint`: parse one file as WSL would and report problems. */
#ifndef WSLPROBE_CLI_LINT_MAIN_H
#define WSLPROBE_CLI_LINT_MAIN_H

struct cli_opts;

/* Returns the exit status: 0 clean, 1 problems, 2 unreadable file. */
int	lint_main(const struct cli_opts *);

#endif
