/* SPDX-License-Identifier: MIT */
/* `wslprobe lint`: placeholder until the parser lands (issue 4). */
#include "config.h"

#include "probe/lint_main.h"

#include <stdio.h>

int
lint_main(const struct cli_opts *o)
{
	(void)o;
	fputs("wslprobe: lint is not available in this build yet\n", stderr);
	return 2;
}
