/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the parsers of what Windows programs print through interop
 * (parse/windows_text.c), on the raw bytes gather/windows.c stores:
 * decoding (UTF-16LE, UTF-8, OEM), wsl.exe --version by line position,
 * reg.exe query output, numbers, PowerShell's name=value lines, fsutil's
 * sparse flag and the credential scrubber.  Every result must be valid
 * UTF-8 without NULs, so that it can go into the JSON snapshot.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/windows_text.h"
#include "util/encoding.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
must_be_text(const char *s)
{
	if (s && !utf8_valid(s, strlen(s)))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "memory", "cpus", "firewall",
	    "ProxyEnable", "ProxyServer", "DistributionName", "BasePath" };
	enum win_encoding enc;
	struct win_version v;
	struct win_reg reg;
	unsigned long long n;
	int garbled, removed;
	char *text, *s;

	text = win_decode((const char *)data, size, &enc, &garbled);
	must_be_text(text);
	(void)win_encoding_name(enc);
	if (win_version_parse(text, &v) == 0) {
		if (!v.windows || v.build == 0)
			abort();
		must_be_text(v.wsl);
		must_be_text(v.kernel);
		must_be_text(v.windows);
	}
	win_version_release(&v);
	win_reg_parse(text, &reg);
	for (size_t i = 0; i < reg.n; i++) {
		must_be_text(reg.v[i].name);
		must_be_text(reg.v[i].data);
		(void)win_number(reg.v[i].data, &n);
	}
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		(void)win_reg_find(&reg, i % 2 ? NULL : "Lxss", names[i]);
		s = win_keyval(text, names[i]);
		must_be_text(s);
		(void)win_number(s, &n);
		free(s);
	}
	win_reg_release(&reg);
	(void)win_sparse_flag(text);
	(void)win_number(text, &n);
	s = win_scrub_credentials(text, &removed);
	must_be_text(s);
	/* Nothing that held "user:password@" keeps it. */
	if (strstr(text, ":s3cret@") && strstr(s, ":s3cret@"))
		abort();
	free(s);
	free(text);
	return 0;
}
