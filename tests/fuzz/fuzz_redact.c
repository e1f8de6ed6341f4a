/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the redactor (reports/redact.h) over any bytes, with and
 * without pseudonyms.  No crash, and no URL password survives: after
 * "://", user information with a colon always ends in ":***@".
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reports/redact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
assert_no_password(const char *s)
{
	for (const char *p = strstr(s, "://"); p; p = strstr(p + 1, "://")) {
		const char *u = p + 3, *colon;
		size_t j = strcspn(u, "/?# \t\r\n\"'<>");

		while (j && u[j - 1] != '@')
			j--;
		if (!j--)
			continue;
		/* The first '@' after the colon ends ":***@". */
		colon = memchr(u, ':', j);
		if (colon && strncmp(colon, ":***@", 5) != 0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1), *out, *seed;
	struct wp_redact *r;

	if (!in)
		abort();
	memcpy(in, data, size);
	in[size] = '\0';
	for (int pseudo = 0; pseudo < 2; pseudo++) {
		r = redact_new(pseudo);
		/* The first word seeds a domain, as a search line would. */
		seed = strndup(in, strcspn(in, " \n"));
		redact_seed(r, REDACT_DOMAIN, seed);
		free(seed);
		out = redact_str(r, in);
		assert_no_password(out);
		free(out);
		redact_free(r);
	}
	free(in);
	return 0;
}
