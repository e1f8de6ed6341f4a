/* SPDX-License-Identifier: MIT */
/* facts/state.c: present, absent and not gathered, on real and hostile
 * snapshot shapes. */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <string.h>

#include "facts/state.h"

static json_object *
parse(const char *text)
{
	json_object *o = json_tokener_parse(text);

	assert_non_null(o);
	return o;
}

static void
test_files(void **state)
{
	json_object *s = parse("{\"files\": {"
	    "\"/etc/resolv.conf\": {\"text\": \"nameserver 1.2.3.4\\n\"},"
	    "\"/etc/wsl.conf\": {\"error\": \"not found\"},"
	    "\"/etc/secret\": {\"error\": \"Permission denied\"},"
	    "\"/bin/blob\": {\"text_b64\": \"AAE=\"},"
	    "\"/etc/odd\": {\"text\": 5},"
	    "\"/etc/notobj\": \"text\"}}");
	const char *t, *why;
	size_t len;

	(void)state;
	assert_int_equal(fact_file(s, "/etc/resolv.conf", &t, &len, &why),
	    FACT_PRESENT);
	assert_string_equal(t, "nameserver 1.2.3.4\n");
	assert_int_equal(len, 19);
	assert_null(why);
	assert_int_equal(fact_file(s, "/etc/wsl.conf", &t, NULL, &why),
	    FACT_ABSENT);
	assert_null(t);
	assert_int_equal(fact_file(s, "/etc/secret", NULL, NULL, &why),
	    FACT_NOT_GATHERED);
	assert_string_equal(why, "Permission denied");
	assert_int_equal(fact_file(s, "/bin/blob", &t, NULL, NULL),
	    FACT_PRESENT);
	assert_null(t);
	assert_int_equal(fact_file(s, "/etc/odd", NULL, NULL, NULL),
	    FACT_NOT_GATHERED);
	assert_int_equal(fact_file(s, "/etc/notobj", NULL, NULL, NULL),
	    FACT_NOT_GATHERED);
	assert_int_equal(fact_file(s, "/etc/hosts", NULL, NULL, &why),
	    FACT_NOT_GATHERED);
	assert_null(why);
	json_object_put(s);
	/* No files map at all, or one of the wrong type. */
	s = parse("{\"files\": []}");
	assert_int_equal(fact_file(s, "/etc/resolv.conf", NULL, NULL, NULL),
	    FACT_NOT_GATHERED);
	json_object_put(s);
}

static void
test_members(void **state)
{
	json_object *s = parse("{\"wsl\": {\"wslconfig_path\": null,"
	    "\"interop\": true, \"distro_name\": \"Ubuntu\", \"n\": 3,"
	    "\"d\": 2.5, \"bad\": \"true\"}, \"system\": 7}");
	const char *str;
	int b;
	double d;

	(void)state;
	assert_int_equal(fact_str(s, "wsl.wslconfig_path", &str),
	    FACT_ABSENT);
	assert_null(str);
	assert_int_equal(fact_str(s, "wsl.distro_name", &str), FACT_PRESENT);
	assert_string_equal(str, "Ubuntu");
	assert_int_equal(fact_bool(s, "wsl.interop", &b), FACT_PRESENT);
	assert_int_equal(b, 1);
	/* A string where a boolean belongs is not a fact. */
	assert_int_equal(fact_bool(s, "wsl.bad", &b), FACT_NOT_GATHERED);
	assert_int_equal(b, 0);
	assert_int_equal(fact_num(s, "wsl.n", &d), FACT_PRESENT);
	assert_true(d == 3);
	assert_int_equal(fact_num(s, "wsl.d", &d), FACT_PRESENT);
	assert_true(d == 2.5);
	assert_int_equal(fact_str(s, "wsl.missing", &str), FACT_NOT_GATHERED);
	/* A parent of the wrong type, a missing parent, an empty path. */
	assert_int_equal(fact_num(s, "system.uptime_s", &d),
	    FACT_NOT_GATHERED);
	assert_int_equal(fact_num(s, "net.addrs", &d), FACT_NOT_GATHERED);
	assert_int_equal(fact_str(s, "", &str), FACT_NOT_GATHERED);
	assert_string_equal(fact_state_name(FACT_NOT_GATHERED),
	    "not gathered");
	assert_string_equal(fact_state_name(FACT_ABSENT), "absent");
	assert_string_equal(fact_state_name(FACT_PRESENT), "present");
	json_object_put(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_members),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
