/* SPDX-License-Identifier: MIT */
/* `wslprobe diff OLD NEW` (interface.md §2); returns the exit status. */
#ifndef WSLPROBE_CLI_DIFF_MAIN_H
#define WSLPROBE_CLI_DIFF_MAIN_H

#include "cli/cli.h"
#include "engine/params.h"

int	diff_main(const struct cli_opts *, const struct wp_params *);

#endif
