/* SPDX-License-Identifier: MIT */
/*
 * What Windows answers through interop: the parsers (parse/windows_text.c)
 * on outputs captured from real machines (tests/fixtures/windows-answers,
 * their origins in its README), and the facts (facts/windows.c) over
 * snapshots holding those answers as gather/windows.c stores them.
 */
#include "config.h"

#include "tests/unit/test_helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/snapshot.h"
#include "facts/windows.h"
#include "parse/windows_text.h"
#include "util/encoding.h"
#include "util/rootfs.h"

#define ANSWERS FIXTURES "/windows-answers"

static char *
slurp(const char *rel, size_t *len)
{
	char path[512];
	struct rootfs_file f;
	char *out;

	snprintf(path, sizeof path, "%s/%s", ANSWERS, rel);
	rootfs_read_plain(path, 1 << 20, &f);
	assert_null(f.error);
	out = f.data;
	*len = f.len;
	f.data = NULL;
	rootfs_file_release(&f);
	return out;
}

/* Every captured `wsl --version`, whatever its language and encoding. */
static void
test_version_by_line_position(void **state)
{
	static const struct {
		const char *file, *wsl, *kernel, *windows;
		unsigned build;
		enum win_encoding enc;
	} t[] = {
		{ "versions/en-win10.utf16", "1.2.5.0", "5.15.90.1",
		    "10.0.19045.3393", 19045, WIN_ENC_UTF16LE },
		{ "versions/de.utf8", "2.3.26.0", "5.15.167.4-1",
		    "10.0.26100.1742", 26100, WIN_ENC_UTF8 },
		{ "versions/fr.utf16", "2.3.26.0", "5.15.167.4-1",
		    "10.0.26100.2894", 26100, WIN_ENC_UTF16LE },
		{ "versions/ja.utf16", "2.1.5.0", "5.15.146.1-2",
		    "10.0.22631.3593", 22631, WIN_ENC_UTF16LE },
		{ "versions/zh.utf16", "2.3.26.0", "5.15.167.4-1",
		    "10.0.26100.1742", 26100, WIN_ENC_UTF16LE },
		{ "versions/zh.utf8", "2.3.26.0", "5.15.167.4-1",
		    "10.0.26100.1742", 26100, WIN_ENC_UTF8 },
		{ "versions/pt.utf16", "1.0.3.0", "5.15.79.1",
		    "10.0.19044.2604", 19044, WIN_ENC_UTF16LE },
	};

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		size_t len;
		char *raw = slurp(t[i].file, &len), *text;
		enum win_encoding enc;
		struct win_version v;
		int garbled;

		text = win_decode(raw, len, &enc, &garbled);
		assert_int_equal(enc, t[i].enc);
		assert_int_equal(garbled, 0);
		assert_int_equal(win_version_parse(text, &v), 0);
		assert_string_equal(v.wsl, t[i].wsl);
		assert_string_equal(v.kernel, t[i].kernel);
		assert_string_equal(v.windows, t[i].windows);
		assert_int_equal(v.build, t[i].build);
		assert_int_equal(v.revision, (unsigned)atoi(strrchr(t[i].windows,
		    '.') + 1));
		win_version_release(&v);
		free(text);
		free(raw);
	}
}

/* Old wsl.exe, the DXCore line, truncated and hostile text: no build. */
static void
test_version_refuses_what_is_not_one(void **state)
{
	static const char *const bad[] = {
		"",
		"WSL version: 2.3.26.0\r\n",
		"WSL version: 2.3.26.0\r\nDXCore version: "
		    "10.0.26100.1-240331-1435.ge-release\r\n",
		"WSL version: 2.3.26.0\r\nDirect3D version: 1.611.1-81528511\r\n",
		"a\nWindows version: 11.0.22631.1\n",
		"a\nWindows version: 10.0.\n",
		"a\nWindows version: 10.0.99999999999999999999\n",
		"a\nWindows version: 10.0.0.1\n",
	};
	struct win_version v;
	size_t len;
	char *raw = slurp("versions/old.utf16", &len);
	char *text = win_decode(raw, len, NULL, NULL);

	(void)state;
	assert_int_equal(win_version_parse(text, &v), -1);
	assert_null(v.windows);
	free(text);
	free(raw);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(win_version_parse(bad[i], &v), -1);
	assert_int_equal(win_version_parse("x\nWindows: 10.0.19041", &v), 0);
	assert_int_equal(v.build, 19041);
	win_version_release(&v);
}

static void
test_decode(void **state)
{
	enum win_encoding enc;
	int g;
	char *s;

	(void)state;
	s = win_decode("\xff\xfe" "J\0o\0s\0\xe9\0=\xd8\x00\xde", 14, &enc, &g);
	assert_string_equal(s, "José😀");
	assert_int_equal(enc, WIN_ENC_UTF16LE);
	free(s);
	/* An unpaired surrogate and an odd length are garbled, not fatal. */
	s = win_decode("A\0B\0\x00\xd8" "C", 7, &enc, &g);
	assert_int_equal(enc, WIN_ENC_UTF16LE);
	assert_int_equal(g, 1);
	assert_true(utf8_valid_cstr(s));
	free(s);
	/* reg.exe in an OEM code page: ASCII kept, the rest U+FFFD. */
	s = win_decode("b\x81ro\r\n", 6, &enc, &g);
	assert_int_equal(enc, WIN_ENC_OEM);
	assert_int_equal(g, 1);
	assert_string_equal(s, "b\xef\xbf\xbdro\r\n");
	free(s);
	s = win_decode("\xef\xbb\xbfok", 5, &enc, &g);
	assert_int_equal(enc, WIN_ENC_UTF8);
	assert_string_equal(s, "ok");
	free(s);
	s = win_decode(NULL, 0, &enc, &g);
	assert_string_equal(s, "");
	free(s);
	assert_string_equal(win_encoding_name(WIN_ENC_OEM), "oem");
}

static void
test_reg_query(void **state)
{
	const struct win_reg_value *v;
	struct win_reg reg;
	size_t len;
	char *raw = slurp("win11-de/reg-inet", &len);
	char *text = win_decode(raw, len, NULL, NULL);

	(void)state;
	assert_true(win_reg_parse(text, &reg) > 10);
	v = win_reg_find(&reg, "Internet Settings", "proxyserver");
	assert_non_null(v);
	assert_string_equal(v->type, "REG_SZ");
	assert_string_equal(v->data, "127.0.0.1:7890");
	v = win_reg_find(&reg, NULL, "User Agent");
	assert_string_equal(v->data, "Mozilla/4.0 (compatible; MSIE 8.0; "
	    "Win32)");
	assert_null(win_reg_find(&reg, "\\Cache", "ProxyServer"));
	win_reg_release(&reg);
	free(text);
	free(raw);
	/* Empty data, a value line without a key, and junk. */
	assert_int_equal(win_reg_parse("    A    REG_SZ    x\r\n", &reg), 0);
	win_reg_release(&reg);
	assert_int_equal(win_reg_parse("HKEY_X\r\n    (Default)    REG_SZ\r\n"
	    "    B    REG_SZ    \r\n    C REG_SZ x\r\n", &reg), 2);
	assert_string_equal(reg.v[0].data, "");
	assert_string_equal(reg.v[1].name, "B");
	win_reg_release(&reg);
}

static void
test_numbers_and_flags(void **state)
{
	unsigned long long v;
	char *s;

	(void)state;
	assert_int_equal(win_number(" 16\r\n", &v), 0);
	assert_int_equal(v, 16);
	assert_int_equal(win_number("0x1", &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(win_number("0xa80", &v), 0);
	assert_int_equal(v, 0xa80);
	assert_int_equal(win_number("34359738368", &v), 0);
	assert_int_equal(v, 34359738368ULL);
	assert_int_equal(win_number("99999999999999999999999", &v), -1);
	assert_int_equal(win_number("-5", &v), -1);
	assert_int_equal(win_number("0x", &v), -1);
	assert_int_equal(win_number("ECHO is on.", &v), -1);
	assert_int_equal(win_number("%NUMBER_OF_PROCESSORS%", &v), -1);
	s = win_keyval("memory=1\r\n  cpus = 8 \r\nfirewall=True", "cpus");
	assert_string_equal(s, "8");
	free(s);
	assert_null(win_keyval("xmemory=1", "memory"));
	assert_int_equal(win_sparse_flag("This file is NOT set as sparse\r\n"),
	    0);
	assert_int_equal(win_sparse_flag("This file is set as sparse"), 1);
	assert_int_equal(win_sparse_flag("The FSUTIL utility requires that "
	    "you have administrative privileges."), -1);
	assert_int_equal(win_sparse_flag("Diese Datei ist als Sparse-Datei "
	    "festgelegt"), -1);
}

static void
test_scrub(void **state)
{
	int removed;
	char *s;

	(void)state;
	s = win_scrub_credentials("    ProxyServer    REG_SZ    http=bob:"
	    "s3cret@p.example:8080;https=http://a:b@q:1\r\n", &removed);
	assert_string_equal(s, "    ProxyServer    REG_SZ    http=***@"
	    "p.example:8080;https=http://***@q:1\r\n");
	assert_int_equal(removed, 1);
	free(s);
	s = win_scrub_credentials("    EmailName    REG_SZ    User@\r\n",
	    &removed);
	assert_string_equal(s, "    EmailName    REG_SZ    User@\r\n");
	assert_int_equal(removed, 0);
	free(s);
	s = win_scrub_credentials("http=bob:p=w@h;x=a:b@c=d:e@f", &removed);
	assert_string_equal(s, "http=***@h;x=***@f");
	free(s);
	s = win_scrub_credentials("a:@ :b@ @@:@", &removed);
	assert_non_null(s);
	free(s);
}

/* --- facts over snapshots ------------------------------------------ */

/* A snapshot whose windows.programs.KEY ran and printed answer FILE. */
static void
add_answer(json_object *snap, const char *key, const char *file, int exit,
    int timed_out)
{
	json_object *p = snap_obj(snap_obj(snap_obj(snap, "windows"),
	    "programs"), key);
	size_t len = 0;
	char *raw = file ? slurp(file, &len) : NULL, *b;

	json_object_object_add(snap_obj(snap, "windows"), "asked",
	    json_object_new_boolean(1));
	json_object_object_add(p, "started", json_object_new_boolean(1));
	json_object_object_add(p, "exit", exit >= 0 ?
	    json_object_new_int(exit) : NULL);
	json_object_object_add(p, "timed_out",
	    json_object_new_boolean(timed_out));
	json_object_object_add(p, "truncated", json_object_new_boolean(0));
	b = base64_encode(raw ? raw : "", len);
	json_object_object_add(p, "stdout_b64", json_object_new_string(b));
	if (timed_out)
		snap_set_str(p, "why", "powershell.exe did not answer in "
		    "1500 ms");
	free(b);
	free(raw);
}

static void
test_facts_win11(void **state)
{
	json_object *snap = json_object_new_object(), *vhd;
	unsigned long long bytes, size;
	unsigned build, n;
	const char *src, *path, *fw;
	struct win_proxy w;
	int sparse;

	(void)state;
	add_answer(snap, "wsl_version", "win11-de/wsl-version.utf8", 0, 0);
	add_answer(snap, "proxy", "win11-de/reg-inet", 0, 0);
	add_answer(snap, "cpus", "win11-de/cmd-cpus", 0, 0);
	add_answer(snap, "powershell", "win11-de/powershell", 0, 0);
	add_answer(snap, "sparse", "win11-de/fsutil-sparse", 0, 0);
	vhd = snap_obj(snap_obj(snap, "windows"), "vhd");
	snap_set_str(vhd, "windows_path", "C:\\x\\ext4.vhdx");
	json_object_object_add(vhd, "size", json_object_new_int64(1 << 30));

	assert_int_equal(facts_windows_build(snap, &build, &src),
	    FACT_PRESENT);
	assert_int_equal(build, 26100);
	assert_string_equal(src, "wsl.exe --version");
	assert_int_equal(facts_windows_host_memory(snap, &bytes, &src),
	    FACT_PRESENT);
	assert_int_equal(bytes, 32ULL << 30);
	assert_non_null(strstr(src, "powershell.exe"));
	assert_int_equal(facts_windows_host_cpus(snap, &n, &src),
	    FACT_PRESENT);
	assert_int_equal(n, 16);
	assert_non_null(strstr(src, "cmd.exe"));
	assert_int_equal(facts_windows_proxy(snap, &w, &src), FACT_PRESENT);
	assert_true(w.enabled);
	assert_string_equal(w.server, "127.0.0.1:7890");
	assert_non_null(strstr(w.override, "<local>"));
	assert_null(w.pac_url);
	facts_windows_proxy_release(&w);
	assert_int_equal(facts_windows_vhd(snap, &sparse, &size, &path, &src),
	    FACT_PRESENT);
	assert_int_equal(sparse, 1);
	assert_int_equal(size, 1 << 30);
	assert_string_equal(path, "C:\\x\\ext4.vhdx");
	assert_int_equal(facts_windows_firewall(snap, &fw, &src),
	    FACT_PRESENT);
	assert_string_equal(fw, "True");
	assert_null(facts_windows_why(snap, "build"));
	assert_null(facts_windows_why(snap, "memory"));
	json_object_put(snap);
}

static void
test_facts_win10_and_fallbacks(void **state)
{
	json_object *snap = json_object_new_object();
	unsigned long long bytes;
	unsigned build, n;
	const char *src;
	struct win_proxy w;
	int sparse;

	(void)state;
	add_answer(snap, "wsl_version", "win10/wsl-version", 0, 0);
	add_answer(snap, "proxy", "win10/reg-inet", 0, 0);
	add_answer(snap, "cpus", "garbage/cmd-cpus", 0, 0);
	add_answer(snap, "powershell", "win10/powershell", -1, 1);
	add_answer(snap, "sparse", "win10/fsutil-sparse", 0, 0);
	snap_set_str(snap_obj(snap_obj(snap, "windows"), "vhd"),
	    "windows_path", "C:\\x\\ext4.vhdx");

	assert_int_equal(facts_windows_build(snap, &build, NULL),
	    FACT_PRESENT);
	assert_int_equal(build, 19045);
	/* No proxy on Windows is a finding, not a gap. */
	assert_int_equal(facts_windows_proxy(snap, &w, NULL), FACT_ABSENT);
	assert_null(facts_windows_why(snap, "proxy"));
	/* cmd.exe said "ECHO is on.": PowerShell's count, which arrived. */
	assert_int_equal(facts_windows_host_cpus(snap, &n, &src),
	    FACT_PRESENT);
	assert_int_equal(n, 8);
	assert_non_null(strstr(src, "ProcessorCount"));
	/* What PowerShell printed before the deadline still counts. */
	assert_int_equal(facts_windows_host_memory(snap, &bytes, NULL),
	    FACT_PRESENT);
	assert_int_equal(facts_windows_vhd(snap, &sparse, NULL, NULL, NULL),
	    FACT_PRESENT);
	assert_int_equal(sparse, 0);
	assert_int_equal(facts_windows_firewall(snap, NULL, NULL),
	    FACT_NOT_GATHERED);
	assert_string_equal(facts_windows_why(snap, "firewall"),
	    "powershell.exe did not answer in 1500 ms");
	json_object_put(snap);
}

/* Too old, too early or a server: what mirrored networking needs. */
static void
test_lacks_mirrored(void **state)
{
	static const struct {
		const char *version, *os;
		int lacks;
		const char *why;
	} t[] = {
		{ "win10/wsl-version", NULL, 1, "older than 22621" },
		{ "win11-de/wsl-version.utf8", "win11-de/reg-os", 0, NULL },
		{ NULL, "versions/reg-os-22621.1992", 1,
		    "22621.1992 predates the September 2023 update" },
		{ "win11-de/wsl-version.utf8", "server/reg-os", 1,
		    "Windows Server (build 26100)" },
		{ "garbage/wsl-version", "win10/reg-os", 1, "build 19045" },
		{ "garbage/wsl-version", NULL, -1, NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		json_object *snap = json_object_new_object();
		char *why;

		if (t[i].version)
			add_answer(snap, "wsl_version", t[i].version, 0, 0);
		if (t[i].os)
			add_answer(snap, "os", t[i].os, 0, 0);
		assert_int_equal(facts_windows_lacks_mirrored(snap, &why),
		    t[i].lacks);
		if (t[i].why)
			assert_non_null(strstr(why, t[i].why));
		else
			assert_null(why);
		free(why);
		json_object_put(snap);
	}
}

static void
test_os_from_registry(void **state)
{
	json_object *snap = json_object_new_object();
	struct win_os os;
	unsigned build;
	const char *src;

	(void)state;
	add_answer(snap, "os", "win11-de/reg-os", 0, 0);
	assert_int_equal(facts_windows_os(snap, &os, &src), FACT_PRESENT);
	assert_int_equal(os.build, 26100);
	assert_int_equal(os.revision, 1742);
	assert_int_equal(os.server, 0);
	assert_string_equal(os.edition, "Professional");
	assert_string_equal(os.display, "24H2");
	facts_windows_os_release(&os);
	/* No wsl.exe answer: the build comes from the registry. */
	assert_int_equal(facts_windows_build(snap, &build, &src),
	    FACT_PRESENT);
	assert_int_equal(build, 26100);
	assert_non_null(strstr(src, "CurrentVersion"));
	json_object_put(snap);
}

/* fsutil.exe wants elevation: the sparse attribute PowerShell read. */
static void
test_facts_vhd_from_powershell(void **state)
{
	json_object *snap = json_object_new_object();
	unsigned long long size;
	const char *src, *path;
	int sparse;

	(void)state;
	add_answer(snap, "sparse", "slow/fsutil-sparse", 1, 0);
	add_answer(snap, "powershell", "win11-de/powershell", 0, 0);
	snap_set_str(snap_obj(snap_obj(snap, "windows"), "vhd"),
	    "windows_path", "C:\\x\\ext4.vhdx");
	assert_int_equal(facts_windows_vhd(snap, &sparse, &size, &path, &src),
	    FACT_PRESENT);
	assert_int_equal(sparse, 1);
	assert_int_equal(size, 2147483648ULL);
	assert_non_null(strstr(src, "Attributes"));
	json_object_put(snap);
}

static void
test_facts_garbage_is_not_gathered(void **state)
{
	static const char *const keys[] = { "wsl_version", "proxy", "lxss",
	    "cpus", "powershell", "sparse" };
	static const char *const files[] = { "garbage/wsl-version",
	    "garbage/reg-inet", "garbage/reg-lxss", "garbage/cmd-cpus",
	    "garbage/powershell", "garbage/fsutil-sparse" };
	json_object *snap = json_object_new_object();
	struct win_proxy w;

	(void)state;
	for (size_t i = 0; i < 6; i++)
		add_answer(snap, keys[i], files[i], i == 0 ? 1 : 0, 0);
	snap_set_str(snap_obj(snap_obj(snap, "windows"), "vhd"),
	    "windows_path", "C:\\x\\ext4.vhdx");
	assert_int_equal(facts_windows_build(snap, NULL, NULL),
	    FACT_NOT_GATHERED);
	assert_int_equal(facts_windows_host_memory(snap, NULL, NULL),
	    FACT_NOT_GATHERED);
	assert_int_equal(facts_windows_host_cpus(snap, NULL, NULL),
	    FACT_NOT_GATHERED);
	assert_int_equal(facts_windows_proxy(snap, &w, NULL),
	    FACT_NOT_GATHERED);
	assert_int_equal(facts_windows_vhd(snap, NULL, NULL, NULL, NULL),
	    FACT_NOT_GATHERED);
	assert_int_equal(facts_windows_firewall(snap, NULL, NULL),
	    FACT_NOT_GATHERED);
	assert_non_null(facts_windows_why(snap, "build"));
	assert_non_null(facts_windows_why(snap, "vhd"));
	json_object_put(snap);
}

static void
test_why_not_asked(void **state)
{
	json_object *snap = json_object_new_object(), *win, *files, *f;

	(void)state;
	assert_string_equal(facts_windows_why(snap, "build"),
	    "Windows was not asked (not gathered)");
	assert_int_equal(facts_windows_build(snap, NULL, NULL),
	    FACT_NOT_GATHERED);
	win = snap_obj(snap, "windows");
	json_object_object_add(win, "asked", json_object_new_boolean(0));
	snap_set_str(win, "why", "--no-windows");
	assert_string_equal(facts_windows_why(snap, "memory"),
	    "--no-windows");
	snap_set_str(win, "why", "interop unavailable");
	assert_string_equal(facts_windows_why(snap, "memory"),
	    "interop unavailable");
	/* ... and when wsl.conf turned it off, say so. */
	snap_set_str(snap_obj(snap, "wsl"), "wslconf_path", "/etc/wsl.conf");
	files = snap_obj(snap, "files");
	f = snap_obj(files, "/etc/wsl.conf");
	snap_set_str(f, "text", "[interop]\nenabled=false\n");
	assert_string_equal(facts_windows_why(snap, "memory"),
	    "interop disabled in wsl.conf");
	json_object_put(snap);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version_by_line_position),
		cmocka_unit_test(test_version_refuses_what_is_not_one),
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_reg_query),
		cmocka_unit_test(test_numbers_and_flags),
		cmocka_unit_test(test_scrub),
		cmocka_unit_test(test_facts_win11),
		cmocka_unit_test(test_facts_win10_and_fallbacks),
		cmocka_unit_test(test_lacks_mirrored),
		cmocka_unit_test(test_os_from_registry),
		cmocka_unit_test(test_facts_vhd_from_powershell),
		cmocka_unit_test(test_facts_garbage_is_not_gathered),
		cmocka_unit_test(test_why_not_asked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
