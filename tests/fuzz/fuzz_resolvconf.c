/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: /etc/resolv.conf and /proc/net/udp|tcp text, both hostile
 * input (parse/resolvconf.c, parse/procnet.c).  Checks the invariants
 * the dns judge relies on, not only the absence of crashes.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/procnet.h"
#include "parse/resolvconf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
row_check(void *arg, const struct procnet_row *row)
{
	(void)arg;
	if (row->port > 0xffff || row->state > 0xff ||
	    strlen(row->local) >= sizeof row->local)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct resolvconf rc;

	resolvconf_parse((const char *)data, size, &rc);
	if (rc.n_nameservers > RESOLVCONF_MAX_KEEP ||
	    rc.n_search > RESOLVCONF_MAX_KEEP ||
	    rc.n_nameservers > rc.total_nameservers ||
	    rc.garbage > rc.lines || rc.ndots < 0 || rc.ndots > 15 ||
	    rc.n_ignored > RESOLVCONF_MAX_IGNORED ||
	    rc.n_ignored > rc.bad_nameservers)
		abort();
	for (size_t i = 0; i < rc.n_ignored; i++)
		if (!rc.ignored[i].text || !rc.ignored[i].reason ||
		    strlen(rc.ignored[i].text) > 80 ||
		    rc.ignored[i].line == 0 || rc.ignored[i].line > rc.lines)
			abort();
	for (size_t i = 0; i < rc.n_nameservers; i++) {
		if (!rc.nameservers[i][0])
			abort();
		if (i < RESOLVCONF_GLIBC_MAXNS &&
		    !resolvconf_uses(&rc, rc.nameservers[i]))
			abort();
	}
	resolvconf_release(&rc);
	(void)procnet_scan((const char *)data, size, 53, row_check, NULL);
	(void)procnet_scan((const char *)data, size, 0, row_check, NULL);
	return 0;
}
