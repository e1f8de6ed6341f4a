/* SPDX-License-Identifier: MIT */
/*
 * Is this WSL2, WSL1 or not WSL (wsl-facts.md §1.1): a pure function of
 * the snapshot's fast signals (gather/wslsignals.c), shared by the
 * environment check, the other checks, the runner's decision whether
 * active probes may run, and main's exit status 3.
 */
#ifndef WSLPROBE_FACTS_WSL_H
#define WSLPROBE_FACTS_WSL_H

#include <json-c/json.h>

enum env_kind { ENV_NOT_WSL, ENV_WSL1, ENV_WSL2 };

/*
 * Classifies the snapshot.  When WHY is not NULL it gets an allocated,
 * NULL-terminated list of evidence lines (free with facts_why_free).
 */
enum env_kind	 facts_wsl_kind(json_object *snap, char ***why);
void		 facts_why_free(char **why);
/* 1 when active probes may run: the snapshot describes a WSL2 VM. */
int		 facts_wsl_may_probe(json_object *snap);

#endif
