/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: hostile strings in every field of a result and of the
 * environment header, rendered in every format.  The text report must
 * carry no control byte but its own newlines (and, with colour, its own
 * SGR sequences), and stay valid UTF-8 (reports/escape.h).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/escape.h"
#include "reports/redact.h"
#include "reports/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next NUL-separated field of the input, or "" past its end. */
static char *
field(const uint8_t **p, const uint8_t *end)
{
	const uint8_t *nul = memchr(*p, 0, (size_t)(end - *p));
	size_t n = nul ? (size_t)(nul - *p) : (size_t)(end - *p);
	char *s = malloc(n + 1);

	if (!s)
		abort();
	memcpy(s, *p, n);
	s[n] = '\0';
	*p = nul ? nul + 1 : end;
	return s;
}

static void
assert_clean(const char *out, size_t len)
{
	const unsigned char *p = (const unsigned char *)out;
	size_t i = 0, l;

	while (i < len) {
		if (p[i] == '\033' && p[i + 1] == '[') {
			/* Our own colours: ESC [ digits ; m */
			i += 2;
			while (i < len && (p[i] == ';' ||
			    (p[i] >= '0' && p[i] <= '9')))
				i++;
			if (i >= len || p[i] != 'm')
				abort();
			i++;
			continue;
		}
		if ((p[i] < 0x20 && p[i] != '\n') || p[i] == 0x7f)
			abort();
		l = esc_utf8_len(p + i, len - i);
		if (!l || (l == 2 && p[i] == 0xc2 && p[i + 1] < 0xa0))
			abort();
		i += l;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	unsigned flags = size ? data[0] : 0;
	char *f[8];
	struct wp_results rs;
	struct wp_result *r;
	struct wp_report rep = { 0 };
	json_object *env = json_object_new_object();
	const struct wp_reporter *const *all;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	if (size)
		p++;
	for (size_t i = 0; i < 8; i++)
		f[i] = field(&p, end);
	wp_results_init(&rs);
	r = wp_results_add(&rs, f[0], f[1], (enum wp_verdict)(flags %
	    WP_VERDICT_COUNT));
	wp_result_set(&r->expected, "%s", f[2]);
	wp_result_set(&r->expected_source, "%s", f[3]);
	wp_result_set(&r->observed, "%s", f[4]);
	wp_result_set(&r->hint, "%s", f[5]);
	wp_result_set(&r->asked, "%s", f[7]);
	wp_result_set(&r->asked_source, "%s", f[2]);
	wp_result_evidence(r, "%s", f[6]);
	wp_results_add(&rs, f[0], f[6], WP_FAIL);
	json_object_object_add(env, "distro", json_object_new_string(f[7]));
	json_object_object_add(env, "kernel", json_object_new_string(f[1]));
	rep.results = &rs;
	rep.environment = env;
	rep.mode = "replay";
	rep.generated_at = f[3];
	rep.utf8 = flags & 0x10;
	rep.color = flags & 0x20;
	rep.verbose = flags & 0x40;

	fp = open_memstream(&out, &len);
	if (!fp || report_find("text")->render(&rep, fp) < 0 || fclose(fp))
		abort();
	assert_clean(out, len);
	free(out);

	/* Every format, through the redactor as main renders them. */
	rep.redactor = redact_new(flags & 0x80);
	redact_seed(rep.redactor, REDACT_DOMAIN, f[7]);
	fp = fopen("/dev/null", "w");
	for (all = report_all(); *all; all++)
		report_render(*all, &rep, fp);
	fclose(fp);
	redact_free(rep.redactor);
	json_object_put(env);
	wp_results_release(&rs);
	for (size_t i = 0; i < 8; i++)
		free(f[i]);
	return 0;
}
