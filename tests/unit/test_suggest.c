/* SPDX-License-Identifier: MIT */
/*
 * Did-you-mean (wslconfig/suggest.c, wslconfig/wslconfig_fix.c): the
 * measure itself, then a table of how people really misspell .wslconfig
 * and wsl.conf lines, each row the line as written in a microsoft/WSL
 * thread (cited), with the fix lint must offer; then keys close to
 * nothing, which must get no suggestion; then fixes that would be wrong
 * and must not be offered (issue 10 §3).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "wslconfig/suggest.h"
#include "wslconfig/wslconfig.h"

#define WIN	WSLCONFIG_WINDOWS
#define CONF	WSLCONFIG_WSLCONF

/* --- the measure --- */

static void
test_distance(void **state)
{
	(void)state;
	/* git's weights: swap 0, substitution 2, missing 1, extra 3. */
	assert_int_equal(suggest_distance("memroy", "memory"), 0);
	assert_int_equal(suggest_distance("processor", "processors"), 1);
	assert_int_equal(suggest_distance("networkmode", "networkingmode"),
	    3);
	assert_int_equal(suggest_distance("dnstunnelling", "dnstunneling"),
	    3);
	assert_int_equal(suggest_distance("virtualisation",
	    "virtualization"), 2);
	/* One digit for another is not a typo. */
	assert_int_equal(suggest_distance("ipv4", "ipv6"), 4);
	assert_int_equal(suggest_distance("ws12", "wsl2"), 2);
	assert_int_equal(suggest_distance("", "abc"), 3);
	assert_int_equal(suggest_distance("abc", ""), 9);
}

static void
test_score(void **state)
{
	char n[SUGGEST_NAME_MAX + 2];

	(void)state;
	suggest_normalize("Networking_Mode", n, sizeof n);
	assert_string_equal(n, "networkingmode");
	suggest_normalize("sparse-vhd", n, sizeof n);
	assert_string_equal(n, "sparsevhd");
	assert_int_equal(suggest_score("LOCALHOST_FORWARDING",
	    "localhostForwarding"), 0);
	assert_int_equal(suggest_score("cpus", "processors"), 1);
	assert_int_equal(suggest_score("cpus", "memory"), SUGGEST_FAR);
	assert_int_equal(suggest_score("dnsTunnel", "dnsTunneling"), 1);
	assert_int_equal(suggest_score("memorySize", "memory"), 2);
	assert_int_equal(suggest_score("networkMode", "networkingMode"), 6);
	/* The threshold scales with the length of the known name. */
	assert_int_equal(suggest_score("abcd", "dhcp"), SUGGEST_FAR);
	assert_int_equal(suggest_score("ipv4", "ipv6"), SUGGEST_FAR);
	assert_int_equal(suggest_score("wls2", "wsl2"), 3);
	assert_int_equal(suggest_score("", "wsl2"), SUGGEST_FAR);
	assert_null(suggest_synonym("memory"));
	assert_string_equal(suggest_synonym("swapsize"), "swap");
}

/* --- real misspellings --- */

struct row {
	const char	*thread;	/* where the line was written */
	enum wslconfig_flavor flavor;
	const char	*in;
	unsigned long	 line;		/* of the problem */
	const char	*setting;	/* what it maps to */
	const char	*suggestion;	/* the fix */
};

/*
 * Each row is the line as a user wrote it in the thread cited (the
 * section is the one the thread shows, or the one the user meant).
 */
static const struct row rows[] = {
	/* typos in the key */
	{ "microsoft/WSL#10225", WIN, "[wsl2]\nlocahostForwarding=true\n", 2,
	  "wsl2.localhostForwarding", "localhostForwarding=true" },
	{ "microsoft/WSL#6890", WIN, "[wsl2]\nlocalhostForwading=true\n", 2,
	  "wsl2.localhostForwarding", "localhostForwarding=true" },
	{ "microsoft/WSL#11359", WIN, "[wsl2]\nnetworkMode=mirrored\n", 2,
	  "wsl2.networkingMode", "networkingMode=mirrored" },
	{ "microsoft/WSL#11359", WIN, "[experimental]\nnetworkMode=mirrored\n",
	  2, "wsl2.networkingMode", "networkingMode=mirrored" },
	{ "microsoft/WSL#8955", WIN, "[wsl2]\nprocessor=4\n", 2,
	  "wsl2.processors", "processors=4" },
	{ "microsoft/WSL#13391", WIN, "[wsl2]\ndnsTunnelling=true\n", 2,
	  "wsl2.dnsTunneling", "dnsTunneling=true" },
	{ "microsoft/WSL#13391", WIN, "[wsl2]\ndnsTunnelling=false\n", 2,
	  "wsl2.dnsTunneling", "dnsTunneling=false" },
	/* typos in the section */
	{ "microsoft/WSL#6890", WIN, "[ws12]\nmemory=3GB\n", 2,
	  "wsl2.memory", "[wsl2]\nmemory=3GB" },
	{ "microsoft/WSL#6890", WIN, "[ws12]\nlocalhostForwarding=true\n", 2,
	  "wsl2.localhostForwarding", "[wsl2]\nlocalhostForwarding=true" },
	{ "microsoft/WSL#9098", WIN,
	  "[wls2]\nkernel=C:\\\\Users\\\\me\\\\vmlinux\n", 2, "wsl2.kernel",
	  "[wsl2]\nkernel=C:\\\\Users\\\\me\\\\vmlinux" },
	{ "microsoft/WSL#9098", WIN, "[wls2]\ndebugConsole=true\n", 2,
	  "wsl2.debugConsole", "[wsl2]\ndebugConsole=true" },
	/* keys above the first section header */
	{ "microsoft/WSL#10743", WIN, "memory=4GB\n[wsl2]\n", 1,
	  "wsl2.memory", "[wsl2]\nmemory=4GB" },
	{ "microsoft/WSL#12671", WIN, "memory=17825792000\n[wsl2]\n", 1,
	  "wsl2.memory", "[wsl2]\nmemory=17825792000" },
	{ "microsoft/WSL#11540", WIN, "networkingMode=mirrored\n", 1,
	  "wsl2.networkingMode", "[wsl2]\nnetworkingMode=mirrored" },
	{ "microsoft/WSL#11540", WIN, "dnsTunneling=true\n", 1,
	  "wsl2.dnsTunneling", "[wsl2]\ndnsTunneling=true" },
	{ "microsoft/WSL#11568", WIN, "networkingMode=mirrored\n", 1,
	  "wsl2.networkingMode", "[wsl2]\nnetworkingMode=mirrored" },
	{ "microsoft/WSL#10100", CONF, "systemd=true\n", 1, "boot.systemd",
	  "[boot]\nsystemd=true" },
	{ "microsoft/WSL#10100", CONF, "generateResolvConf=false\n", 1,
	  "network.generateResolvConf", "[network]\ngenerateResolvConf=false" },
	/* the right section is [experimental] */
	{ "microsoft/WSL#10965", WIN, "[wsl2]\nhostAddressLoopback=true\n", 2,
	  "experimental.hostAddressLoopback",
	  "[experimental]\nhostAddressLoopback=true" },
	{ "microsoft/WSL#10759", WIN, "[wsl2]\nautoMemoryReclaim=gradual\n", 2,
	  "experimental.autoMemoryReclaim",
	  "[experimental]\nautoMemoryReclaim=gradual" },
	{ "microsoft/WSL#11595", WIN, "[experimental]\nmemory=55GB\n", 2,
	  "wsl2.memory", "[wsl2]\nmemory=55GB" },
	/* wsl.conf keys in .wslconfig */
	{ "microsoft/WSL#10510", WIN, "[boot]\nsystemd=true\n", 2,
	  "boot.systemd", "[boot]\nsystemd=true" },
	{ "microsoft/WSL#10510", WIN, "[interop]\nenabled=false\n", 2,
	  "interop.enabled", "[interop]\nenabled=false" },
	{ "microsoft/WSL#10510", WIN, "[interop]\nappendWindowsPath = false\n",
	  2, "interop.appendWindowsPath",
	  "[interop]\nappendWindowsPath=false" },
	{ "microsoft/WSL#9869", WIN, "[interop]\nappendWindowsPath = false\n",
	  2, "interop.appendWindowsPath",
	  "[interop]\nappendWindowsPath=false" },
	{ "microsoft/WSL#9520", WIN, "[interop]\nappendWindowsPath=false\n", 2,
	  "interop.appendWindowsPath", "[interop]\nappendWindowsPath=false" },
	{ "microsoft/WSL#11873", WIN, "[boot]\nsystemd=true\n", 2,
	  "boot.systemd", "[boot]\nsystemd=true" },
	{ "microsoft/WSL#9884", WIN, "[user]\ndefault=alice\n", 2,
	  "user.default", "[user]\ndefault=alice" },
	{ "microsoft/WSL#10892", WIN, "[network]\ngenerateResolvConf = false\n",
	  2, "network.generateResolvConf",
	  "[network]\ngenerateResolvConf=false" },
	/* .wslconfig keys in wsl.conf */
	{ "microsoft/WSL#13048", CONF, "[wsl2]\nmemory=16G\n", 2,
	  "wsl2.memory", "[wsl2]\nmemory=16G" },
	{ "microsoft/WSL#13048", CONF, "[wsl2]\nnetworkingMode=mirrored\n", 2,
	  "wsl2.networkingMode", "[wsl2]\nnetworkingMode=mirrored" },
	{ "microsoft/WSL#11740", CONF, "[wsl2]\nlocalhostForwarding = false\n",
	  2, "wsl2.localhostForwarding", "[wsl2]\nlocalhostForwarding=false" },
	/* invalid values and broken comments */
	{ "microsoft/WSL#12745", WIN, "[wsl2]\nnetworkingMode=\n", 2,
	  "wsl2.networkingMode", NULL },
	{ "microsoft/WSL#7099", WIN, "[wsl2]\n;kernel=/path/to/kernel\n", 2,
	  NULL, "#kernel=/path/to/kernel" },
	{ "heyhuynhgiabuu/proxypal#99", CONF, "[wsl2]\ndebugConsole = true\n",
	  2, "wsl2.debugConsole", "[wsl2]\ndebugConsole=true" },
	{ "docker/docs#18329", WIN, "[experimental]\nautoMemoryReclaim=true\n",
	  2, "experimental.autoMemoryReclaim", NULL },
	/* malformed lines whose key part is a known key */
	{ "microsoft/wslg#1173 (the same parser)", WIN,
	  "[wsl2]\nnetworking_mode=mirrored\n", 2, "wsl2.networkingMode",
	  "networkingMode=mirrored" },
	{ "wslconfig.md §1.2", WIN, "[experimental]\nsparse-vhd=true\n", 2,
	  "experimental.sparseVhd", "sparseVhd=true" },
	/* synonyms, extra syllables, plural, snake_case from the issue */
	{ "issue 10 §3", WIN, "[wsl2]\ndnsTunnel=true\n", 2,
	  "wsl2.dnsTunneling", "dnsTunneling=true" },
	{ "issue 10 §3", WIN, "[wsl2]\nlocalhostforward=true\n", 2,
	  "wsl2.localhostForwarding", "localhostForwarding=true" },
	{ "issue 10 §3", WIN, "[wsl2]\nmemorySize=8GB\n", 2, "wsl2.memory",
	  "memory=8GB" },
	{ "issue 10 §3", WIN, "[wsl2]\nswapSize=4GB\n", 2, "wsl2.swap",
	  "swap=4GB" },
	{ "issue 10 §3", WIN, "[wsl2]\ncpus=4\n", 2, "wsl2.processors",
	  "processors=4" },
	{ "issue 10 §3", WIN, "[wsl2]\ncores=4\n", 2, "wsl2.processors",
	  "processors=4" },
	{ "issue 10 §3", WIN, "[wsl2]\nnestedVirtualisation=true\n", 2,
	  "wsl2.nestedVirtualization", "nestedVirtualization=true" },
	{ "issue 10 §3", WIN, "[wsl2]\nguiApplication=false\n", 2,
	  "wsl2.guiApplications", "guiApplications=false" },
	{ "issue 10 §3", CONF, "[network]\ngenerateResolveConf=false\n", 2,
	  "network.generateResolvConf", "generateResolvConf=false" },
	{ "issue 10 §3", CONF, "[interop]\nappendWindowPath=false\n", 2,
	  "interop.appendWindowsPath", "appendWindowsPath=false" },
};

/*
 * Keys close to nothing WSL reads (all seen in threads): WSL ignores
 * them, and no suggestion may send the user elsewhere.
 */
static const struct row unrelated[] = {
	{ "microsoft/WSL#6890", WIN, "[wsl2]\nidleThreshold=1\n", 2, NULL,
	  NULL },
	{ "microsoft/WSL#12727", CONF, "[automount]\ncrossDistro = true\n", 2,
	  NULL, NULL },
	{ "microsoft/WSL#10425", CONF, "[boot]\ninitPath=/sbin/init\n", 2,
	  NULL, NULL },
	{ "microsoft/wslg#1173", WIN,
	  "[wsl2]\nWESTON_RDP_HI_DPI_SCALING = true\n", 2, NULL, NULL },
	{ "wikiped/Wsl-IpHandler#19", CONF, "[network]\nstatic_ip = 1.2.3.4\n",
	  2, NULL, NULL },
	{ "-", WIN, "[wsl2]\ncolor=red\n", 2, NULL, NULL },
	{ "-", WIN, "[wsl2]\nfoo=1\n", 2, NULL, NULL },
	{ "-", WIN, "[wsl2]\nipv4=true\n", 2, NULL, NULL },
	{ "-", WIN, "[wsl2]\ntheme=dark\n", 2, NULL, NULL },
	{ "-", WIN, "[wsl2]\neditor=vim\n", 2, NULL, NULL },
	{ "-", WIN, "[foo]\nbar=1\n", 2, NULL, NULL },
	{ "-", CONF, "[user]\nshell=/bin/zsh\n", 2, NULL, NULL },
};

static const struct wslconfig_problem *
problem_at(const struct wslconfig_result *r, unsigned long line)
{
	for (size_t i = 0; i < r->nproblems; i++)
		if (r->problems[i].line == line)
			return &r->problems[i];
	return NULL;
}

static int
check_row(const struct row *w)
{
	struct wslconfig_result *r = wslconfig_parse(w->in, strlen(w->in),
	    w->flavor, "t");
	const struct wslconfig_problem *p = problem_at(r, w->line);
	int ok = p != NULL;

	if (!ok) {
		print_error("%s: no problem on line %lu\n", w->thread,
		    w->line);
	} else if ((w->suggestion == NULL) != (p->suggestion == NULL) ||
	    (w->suggestion && strcmp(w->suggestion, p->suggestion) != 0) ||
	    (w->setting == NULL) != (p->setting == NULL) ||
	    (w->setting && strcmp(w->setting, p->setting) != 0)) {
		print_error("%s: '%s': got setting %s, fix '%s'; wanted %s, "
		    "'%s'\n", w->thread, w->in, p->setting ? p->setting :
		    "(none)", p->suggestion ? p->suggestion : "(none)",
		    w->setting ? w->setting : "(none)",
		    w->suggestion ? w->suggestion : "(none)");
		ok = 0;
	}
	wslconfig_result_free(r);
	return ok;
}

static void
test_misspellings(void **state)
{
	size_t n = sizeof rows / sizeof *rows, bad = 0, cited = 0;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		bad += !check_row(&rows[i]);
		cited += strncmp(rows[i].thread, "microsoft/WSL#", 14) == 0;
	}
	assert_int_equal(bad, 0);
	assert_true(n >= 40);
	assert_true(cited >= 34);
}

static void
test_unrelated(void **state)
{
	size_t bad = 0;

	(void)state;
	for (size_t i = 0; i < sizeof unrelated / sizeof *unrelated; i++)
		bad += !check_row(&unrelated[i]);
	assert_int_equal(bad, 0);
}

/* --- fixes that would be wrong (issue 10 §3) --- */

static const struct row wrong_fixes[] = {
	/* A size is not a path: swapSize means swap, never swapFile. */
	{ "issue 10 §3", WIN, "[wsl2]\nswapSize=4GB\n", 2, "wsl2.swap",
	  "swap=4GB" },
	/* An address is not a boolean. */
	{ "issue 10 §3", WIN, "[experimental]\ndnsTunnelingIP=10.0.0.1\n", 2,
	  "experimental.dnsTunnelingIpAddress",
	  "dnsTunnelingIpAddress=10.0.0.1" },
	/* A misspelt section is fixed, not the key moved to [automount]
	   (that would unmount the Windows drives). */
	{ "issue 10 §3", CONF, "[intreop]\nenabled=false\n", 2,
	  "interop.enabled", "[interop]\nenabled=false" },
	/* A leaf several sections have is not moved anywhere. */
	{ "issue 10 §3", CONF, "[foo]\nenabled=false\n", 2, NULL, NULL },
	/* A fix lint would flag as mangled is not offered. */
	{ "issue 10 §3", WIN,
	  "[wsl2]\nswapFile=C:\\Users\\Jos\xc3\xa9\\swap.vhdx\n", 2, NULL,
	  NULL },
	/* A value the key cannot take gets no key suggestion. */
	{ "issue 10 §3", WIN, "[wsl2]\nnetworkMode=maybe\n", 2, NULL, NULL },
};

static void
test_wrong_fixes(void **state)
{
	size_t bad = 0;

	(void)state;
	for (size_t i = 0; i < sizeof wrong_fixes / sizeof *wrong_fixes; i++)
		bad += !check_row(&wrong_fixes[i]);
	assert_int_equal(bad, 0);
}

/* Every fix offered lints clean in the file it belongs to. */
static void
test_fixes_lint_clean(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		const struct row *w = &rows[i];
		struct wslconfig_result *r = wslconfig_parse(w->in,
		    strlen(w->in), w->flavor, "t");
		const struct wslconfig_problem *p = problem_at(r, w->line);

		assert_non_null(p);
		if (!w->setting || !w->suggestion) {
			wslconfig_result_free(r);
			continue;
		}
		assert_non_null(p->asked);
		assert_non_null(p->suggestion);
		assert_true(wslconfig_line_valid(p->suggestion, p->section,
		    wslkey_find(p->setting)->file & WSLKEY_FILE_WSLCONFIG ?
		    WIN : CONF, wslkey_find(p->setting), NULL));
		wslconfig_result_free(r);
	}
}

/*
 * A hostile file of many misspelt keys: the first ones get their fix, the
 * search stops after a budget so that lint stays fast (a real file has a
 * handful of problems).
 */
static void
test_search_budget(void **state)
{
	size_t n = 5000, len = 0;
	char *text = malloc(n * 24 + 16);
	struct wslconfig_result *r;

	(void)state;
	len += (size_t)sprintf(text, "[wsl2]\n");
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(text + len, "networkMode=mirrored\n");
	r = wslconfig_parse(text, len, WIN, "t");
	assert_int_equal(r->nproblems, n);
	assert_non_null(r->problems[0].suggestion);
	assert_string_equal(r->problems[0].setting, "wsl2.networkingMode");
	assert_null(r->problems[n - 1].suggestion);
	assert_null(r->problems[n - 1].setting);
	assert_string_equal(r->problems[n - 1].kind, "unknown-key");
	wslconfig_result_free(r);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_score),
		cmocka_unit_test(test_misspellings),
		cmocka_unit_test(test_unrelated),
		cmocka_unit_test(test_wrong_fixes),
		cmocka_unit_test(test_fixes_lint_clean),
		cmocka_unit_test(test_search_budget),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
