/* SPDX-License-Identifier: MIT */
/*
 * Hostile values through reports/escape.c and through the text and lint
 * reporters: a clear-screen, an OSC title sequence, a newline that would
 * forge a result line, and invalid UTF-8.
 */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/lint_report.h"
#include "reports/escape.h"
#include "reports/report.h"
#include "wslconfig/wslconfig.h"

#define CLEAR		"\033[2J"
#define OSC_TITLE	"\033]0;owned\007"
#define FORGED		"x\n\xe2\x9c\x93 wsl2.networkingMode: mirrored"
#define BAD_UTF8	"a\xff\xc0\xaf\xed\xa0\x80\xe2\x82"

static void
expect(enum esc_kind k, const char *in, const char *want)
{
	char *got = esc_dup(k, in);

	assert_string_equal(got, want);
	free(got);
}

static void
test_text(void **state)
{
	expect(ESC_TEXT, CLEAR "x", "\\x1b[2Jx");
	expect(ESC_TEXT, OSC_TITLE, "\\x1b]0;owned\\x07");
	expect(ESC_TEXT, FORGED, "x\\n✓ wsl2.networkingMode: mirrored");
	expect(ESC_TEXT, BAD_UTF8, "a\\xff\\xc0\\xaf\\xed\\xa0\\x80\\xe2\\x82");
	expect(ESC_TEXT, "tab\there\r\x7f", "tab\\there\\r\\x7f");
	/* C1 CSI and a right-to-left override are controls too. */
	expect(ESC_TEXT, "\xc2\x9b" "2J \xe2\x80\xae" "abc",
	    "\\u009b2J \\u202eabc");
	expect(ESC_TEXT, "Ubuntu 24.04 ü 日本 \xf0\x9f\x90\xa7",
	    "Ubuntu 24.04 ü 日本 \xf0\x9f\x90\xa7");
	expect(ESC_TEXT, "C:\\Users\\me", "C:\\Users\\me");
}

static void
test_markdown(void **state)
{
	expect(ESC_MD, "a|b `c` <script>x</script>",
	    "a&#124;b &#96;c&#96; &#60;script&#62;x&#60;/script&#62;");
	expect(ESC_MD, "</details>", "&#60;/details&#62;");
	expect(ESC_MD, "*b* _i_ [l](u) ~s~ # !", "&#42;b&#42; &#95;i&#95; "
	    "&#91;l&#93;(u) &#126;s&#126; &#35; &#33;");
	expect(ESC_MD, CLEAR "\n", "&#92;x1b&#91;2J&#92;n");
	expect(ESC_MD, "a&amp;", "a&#38;amp;");
}

static void
test_xml(void **state)
{
	expect(ESC_XML, "<a href=\"x\">&'</a>",
	    "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
	expect(ESC_XML, OSC_TITLE, "\\x1b]0;owned\\x07");
	expect(ESC_XML, "\xef\xbf\xbe", "\\ufffe");
	expect(ESC_XML, BAD_UTF8, "a\\xff\\xc0\\xaf\\xed\\xa0\\x80\\xe2\\x82");
}

static void
test_prometheus_and_yaml(void **state)
{
	expect(ESC_PROM, "a\"b\\c\nd" CLEAR, "a\\\"b\\\\c\\nd\\\\x1b[2J");
	expect(ESC_YAML, "a\"b\\c\nd" CLEAR, "a\\\"b\\\\c\\nd\\x1b[2J");
	expect(ESC_YAML, "\xff", "\\xff");
}

static void
test_json_stays_valid(void **state)
{
	json_object *o = json_object_new_object(), *back, *v;
	json_object *inner = json_object_new_object();
	const char *s;

	json_object_object_add(inner, "pretty",
	    json_object_new_string(CLEAR BAD_UTF8));
	json_object_object_add(o, "env", inner);
	json_object_object_add(o, "n", json_object_new_int(3));
	v = esc_json_copy(o);
	s = json_object_to_json_string(v);
	assert_null(strchr(s, '\033'));
	back = json_tokener_parse(s);
	assert_non_null(back);
	assert_string_equal(json_object_get_string(json_object_object_get(
	    json_object_object_get(back, "env"), "pretty")),
	    CLEAR "a\\xff\\xc0\\xaf\\xed\\xa0\\x80\\xe2\\x82");
	json_object_put(back);
	json_object_put(v);
	json_object_put(o);
	assert_null(esc_json_string(NULL));
}

static void
test_cut(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_int_equal(esc_putn(fp, ESC_TEXT, "ab日本", 4), 1);
	assert_int_equal(esc_putn(fp, ESC_TEXT, "ab", 4), 0);
	fclose(fp);
	assert_string_equal(buf, "ab…ab");
	free(buf);
}

/* Only the reporter's own newlines: each result stays one line. */
static void
assert_clean_text(const char *out)
{
	for (const unsigned char *p = (const unsigned char *)out; *p; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			fail_msg("control byte 0x%02x at offset %td", *p,
			    (const char *)p - out);
	assert_null(strstr(out, "\xc2\x9b"));
}

static void
test_text_report_is_clean(void **state)
{
	struct wp_results rs;
	struct wp_report rep = { 0 };
	struct wp_result *r;
	json_object *env = json_object_new_object();
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	wp_results_init(&rs);
	r = wp_results_add(&rs, "dns" CLEAR, "dns.search" OSC_TITLE, WP_FAIL);
	wp_result_set(&r->observed, "%s", FORGED);
	wp_result_set(&r->expected, "%s", BAD_UTF8);
	wp_result_set(&r->expected_source, "%s", "\xc2\x9b" "2J");
	wp_result_evidence(r, "%s", "search " CLEAR "corp\nfake line");
	wp_result_set(&r->hint, "%s", OSC_TITLE);
	wp_result_set(&r->asked, "%s", "mirror" CLEAR);
	wp_result_set(&r->asked_source, "%s", ".wslconfig:2 'x\n✓ y'");
	json_object_object_add(env, "distro", json_object_new_string(
	    "Ubuntu" CLEAR OSC_TITLE "\n"));
	rep.results = &rs;
	rep.environment = env;
	rep.utf8 = 1;
	rep.generated_at = "2026\n";
	fp = open_memstream(&out, &len);
	assert_int_equal(report_find("text")->render(&rep, fp), 0);
	fclose(fp);
	assert_clean_text(out);
	assert_non_null(strstr(out, "Ubuntu\\x1b[2J\\x1b]0;owned\\x07\\n\n"));
	assert_non_null(strstr(out, "✗ dns.search\\x1b]0;owned\\x07: x\\n✓ "
	    "wsl2.networkingMode: mirrored (expected a\\xff"));
	assert_non_null(strstr(out, "      asked mirror\\x1b[2J at "
	    ".wslconfig:2 'x\\n✓ y'\n"));
	/* Exactly one line starts with a mark. */
	assert_null(strstr(out, "\n✓"));
	free(out);
	json_object_put(env);
	wp_results_release(&rs);
}

static void
test_lint_text_is_clean(void **state)
{
	static const char in[] = "[wsl2]\nnetworkingMode=" CLEAR "mirror"
	    OSC_TITLE "\n" "kernel\xff" "Command=x\n[bad" CLEAR "\n";
	struct wslconfig_result *res;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	res = wslconfig_parse(in, sizeof in - 1, WSLCONFIG_WINDOWS,
	    "C:\\Users\\" CLEAR "\\.wslconfig");
	fp = open_memstream(&out, &len);
	assert_int_equal(lint_render_text(res, fp), 0);
	fclose(fp);
	assert_true(res->nproblems > 0);
	assert_clean_text(out);
	assert_non_null(strstr(out, "\\x1b[2J"));
	free(out);
	wslconfig_result_free(res);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_xml),
		cmocka_unit_test(test_prometheus_and_yaml),
		cmocka_unit_test(test_json_stays_valid),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_text_report_is_clean),
		cmocka_unit_test(test_lint_text_is_clean),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
