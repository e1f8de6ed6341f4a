/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the .wslconfig / wsl.conf parser (wslconfig/wslconfig.c), the
 * settings table (wslconfig/wslkeys.c) and the lint reporter (cli/lint_report.c).
 * Every case names the rule of docs/wslconfig.md it checks.  A case renders
 * the result into two short strings and compares them:
 *   settings  "key=typed@line;..."  (typed "null" when invalid)
 *   problems  "line:kind[/subkind][!diagnosis];..."
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "wslconfig/wslconfig.h"
#include "wslconfig/wslkeys.h"
#include "util/xalloc.h"
#include "cli/lint_report.h"

#define WIN	WSLCONFIG_WINDOWS
#define CONF	WSLCONFIG_WSLCONF

enum tc_enc { TC_RAW, TC_UTF16LE_BOM, TC_UTF16LE, TC_UTF16BE_BOM };

struct tc {
	const char	*name;		/* "§x.y rule" */
	enum wslconfig_flavor flavor;
	const char	*in;
	size_t		 len;		/* 0: strlen(in) */
	enum tc_enc	 enc;		/* re-encode ASCII input */
	const char	*settings;
	const char	*problems;
	const char	*contains;	/* in some message or suggestion */
};

static const struct tc tc_cases[] = {
	{ "§3 seed tutorial: [experimental] keys, inline '# 中文' comments",
	  WIN, "[experimental]\n"
	  "autoMemoryReclaim=gradual # 开启自动回收内存，可在 gradual, "
	  "dropcache, disabled 之间选择\n"
	  "networkingMode=mirrored # 开启镜像网络\n"
	  "dnsTunneling=true # 开启 DNS Tunneling\n"
	  "firewall=true # 开启 Windows 防火墙\n"
	  "autoProxy=true # 开启自动同步代理\n"
	  "sparseVhd=true # 开启自动释放 WSL2 虚拟硬盘空间\n", 0, TC_RAW,
	  "experimental.autoMemoryReclaim=gradual@2;"
	  "wsl2.networkingMode=mirrored@3;wsl2.dnsTunneling=true@4;"
	  "wsl2.firewall=true@5;wsl2.autoProxy=true@6;"
	  "experimental.sparseVhd=true@7", "", NULL },
	{ "§3 seed tutorial moved to [wsl2]: experimental-only keys unknown",
	  WIN, "[wsl2]\nautoMemoryReclaim=gradual # 开启\n"
	  "networkingMode=mirrored # 镜像\nsparseVhd=true\n"
	  "hostAddressLoopback=true\n", 0, TC_RAW,
	  "wsl2.networkingMode=mirrored@3",
	  "2:unknown-key!wrong-section;4:unknown-key!wrong-section;"
	  "5:unknown-key!wrong-section", "[experimental]\nsparseVhd=true" },
	{ "§1.1 CRLF is turned into LF (line numbers unchanged)", WIN,
	  "[wsl2]\r\nmemory=4GB\r\n\r\nswap=0\r\n", 0, TC_RAW,
	  "wsl2.memory=4294967296@2;wsl2.swap=0@4", "", NULL },
	{ "§1.1 a UTF-8 BOM is discarded", WIN,
	  "\xEF\xBB\xBF[wsl2]\nmemory=512MB\n", 0, TC_RAW,
	  "wsl2.memory=536870912@2", "", NULL },
	{ "§1.1 UTF-16LE with a BOM is honoured", WIN,
	  "[wsl2]\r\nmemory=4GB\r\nprocessors=2\r\n", 0, TC_UTF16LE_BOM,
	  "wsl2.memory=4294967296@2;wsl2.processors=2@3", "", NULL },
	{ "§1.1 BOM-less UTF-16 is read as UTF-8: nothing applies", WIN,
	  "[wsl2]\nmemory=4GB\n", 0, TC_UTF16LE, "",
	  "1:encoding;1:malformed-line/invalid-section-name;"
	  "2:malformed-line/invalid-key-name;"
	  "3:malformed-line/invalid-key-name", "save as UTF-8" },
	{ "§1.1 UTF-16BE (FE FF) is not recognised", WIN,
	  "[wsl2]\nmemory=4GB\n", 0, TC_UTF16BE_BOM, NULL, NULL,
	  "UTF-16BE" },
	{ "§1.1 invalid UTF-8 in a value is reported as an encoding problem",
	  WIN, "[wsl2]\n# caf\xE9 is fine in a comment\n"
	  "kernelCommandLine=caf\xE9\n", 0, TC_RAW,
	  "wsl2.kernelCommandLine=caf\xEF\xBF\xBD@3", "3:encoding",
	  "save as UTF-8" },
	{ "§1.1 bare CR ends a key line but not a comment", WIN,
	  "[wsl2]\rmemory=4GB\r# c\rswap=0\n", 0, TC_RAW,
	  "wsl2.memory=4294967296@2", "3:swallowed", "swap=0" },
	{ "§1.1 blank CR-only lines do not count", WIN,
	  "[wsl2]\n\r\r\rmemory=x\n", 0, TC_RAW, "wsl2.memory=null@2",
	  "2:invalid-value/memory", NULL },
	{ "§1.1 Ctrl+Z ends the file", WIN,
	  "[wsl2]\nmemory=4GB\n\x1A\nswap=0\n", 0, TC_RAW,
	  "wsl2.memory=4294967296@2", "3:swallowed", "swap=0" },
	{ "§1.1 a raw NUL ends the value", WIN,
	  "[wsl2]\nmemory=4GB\0junk\n", 22, TC_RAW,
	  "wsl2.memory=4294967296@2", "2:mangled-value", NULL },
	{ "§1.2 a NUL at line start is an invalid key name", WIN,
	  "\0[wsl2]\nmemory=4GB\n", 19, TC_RAW, "",
	  "1:malformed-line/invalid-key-name;2:unknown-key!no-section",
	  NULL },
	{ "§1.1 U+3000 after a value ends it harmlessly", WIN,
	  "[wsl2]\nmemory=4GB\xE3\x80\x80# 注释\n", 0, TC_RAW,
	  "wsl2.memory=4294967296@2", "", NULL },
	{ "§1.1 non-ASCII in a value keeps only the low byte", WIN,
	  "[wsl2]\nswapFile=C:\\\\用户\\\\swap.vhdx\n", 0, TC_RAW,
	  "wsl2.swapFile=C:\\(7\\swap.vhdx@2", "2:mangled-value",
	  "is read as 'C:\\(7\\swap.vhdx'" },
	{ "§1.2 ';' is never a comment", WIN,
	  "; hi\n[wsl2]\nmemory=4GB ; note\n", 0, TC_RAW,
	  "wsl2.memory=null@3",
	  "1:malformed-line/invalid-key-name;3:invalid-value/memory",
	  "# hi" },
	{ "§1.2 wrong case works: sections, keys, enums", WIN,
	  "[WSL2]\nMEMORY=4GB\n[Experimental]\nAutoMemoryReclaim=DROPCACHE\n",
	  0, TC_RAW, "wsl2.memory=4294967296@2;"
	  "experimental.autoMemoryReclaim=dropcache@4", "", NULL },
	{ "§1.2 keys before any section never match", WIN,
	  "memory=4GB\n[wsl2]\n", 0, TC_RAW, "",
	  "1:unknown-key!no-section", "[wsl2]\nmemory=4GB" },
	{ "§1.2 broken-header quirk: [experimental ] after [wsl2] -> expe.",
	  WIN, "[wsl2]\n[experimental ]\nsparseVhd=true\n", 0, TC_RAW, "",
	  "2:malformed-line/expected-bracket;3:unknown-key!unknown-section",
	  "Unknown key 'expe.sparseVhd'" },
	{ "§1.2 broken-header quirk: [wsl2 after [experimental] -> 'wsl2'",
	  WIN, "[experimental]\n[wsl2\nmemory=4GB\n", 0, TC_RAW, "",
	  "2:malformed-line/expected-bracket;3:unknown-key!unknown-section",
	  "Unknown key 'wsl2' in" },
	{ "§1.2 a header rejected after ']' never set N: no prefix", WIN,
	  "[wsl2] text\nmemory=4GB\n", 0, TC_RAW, "",
	  "1:malformed-line/expected-end-of-line;2:unknown-key!no-section",
	  "Expected ' ' or '\\n' in" },
	{ "§1.2 [ wsl2] is an invalid section name and changes nothing", WIN,
	  "[wsl2]\n[ wsl2]\nmemory=4GB\n", 0, TC_RAW,
	  "wsl2.memory=4294967296@3",
	  "2:malformed-line/invalid-section-name", NULL },
	{ "§1.2 a full-width '＝' is not '='", WIN,
	  "[wsl2]\nmemory＝4GB\n", 0, TC_RAW, "",
	  "2:malformed-line/expected-equals", "memory=4GB" },
	{ "§1.2 '_' in a key name gives Expected '='", WIN,
	  "[wsl2]\nmax_memory=4GB\n", 0, TC_RAW, "",
	  "2:malformed-line/expected-equals", "Expected '=' in" },
	{ "§1.3 quotes toggle and are removed wherever they are", WIN,
	  "[wsl2]\nkernelCommandLine=a\"b c\"d\nmemory=\"4GB\"\n"
	  "swapFile=\"C:\\\\x\"\".y\"\n", 0, TC_RAW,
	  "wsl2.kernelCommandLine=ab cd@2;wsl2.memory=4294967296@3;"
	  "wsl2.swapFile=C:\\x.y@4", "", NULL },
	{ "§1.3 '#' in quotes is literal; memory=4GB#x works", WIN,
	  "[wsl2]\nkernelCommandLine=\"a#b\" # c\nmemory=4GB#x\n", 0, TC_RAW,
	  "wsl2.kernelCommandLine=a#b@2;wsl2.memory=4294967296@3", "",
	  NULL },
	{ "§1.3 an unterminated quote drops the line", WIN,
	  "[wsl2]\nmemory=\"4GB\n", 0, TC_RAW, "",
	  "2:malformed-line/unterminated-quote", "Expected \" in" },
	{ "§1.3 empty values: strings accept them, typed keys do not", WIN,
	  "[wsl2]\nkernelCommandLine=\nmemory=\nlocalhostForwarding=\n", 0,
	  TC_RAW, "wsl2.kernelCommandLine=@2;wsl2.memory=null@3;"
	  "wsl2.localhostForwarding=null@4",
	  "3:invalid-value/memory;4:invalid-value/boolean", NULL },
	{ "§1.3 Windows paths: '\\\\' works, '\\U' drops the line", WIN,
	  "[wsl2]\nkernel=C:\\\\temp\\\\k\nswapFile=C:\\Users\\me\\s.vhdx\n",
	  0, TC_RAW, "wsl2.kernel=C:\\temp\\k@2",
	  "3:malformed-line/invalid-escape",
	  "swapFile=C:\\\\Users\\\\me\\\\s.vhdx" },
	{ "§1.3 single '\\' before t, n, b is silently an escape", WIN,
	  "[wsl2]\nkernel=C:\\temp\\new\\bzImage\n", 0, TC_RAW,
	  "wsl2.kernel=C:\temp\new\bzImage@2", "2:mangled-value",
	  "kernel=C:\\\\temp\\\\new\\\\bzImage" },
	{ "§1.3 backslash-LF continues; CRLF too in .wslconfig", WIN,
	  "[wsl2]\r\nkernelCommandLine=a \\\r\n  b\r\nmemory=4GB\r\n", 0,
	  TC_RAW, "wsl2.kernelCommandLine=a   b@3;wsl2.memory=4294967296@4",
	  "", NULL },
	{ "§1.4 duplicates: the first wins even when invalid", WIN,
	  "[wsl2]\nmemory=4gb\nmemory=4GB\n", 0, TC_RAW, "wsl2.memory=null@2",
	  "2:invalid-value/memory;3:duplicate-key",
	  "(Conflicting key: 'wsl2.memory' in " },
	{ "§1.4 aliases are one setting: whichever comes first wins", WIN,
	  "[experimental]\nnetworkingMode=mirrored\n[wsl2]\n"
	  "networkingMode=nat\n", 0, TC_RAW, "wsl2.networkingMode=mirrored@2",
	  "4:duplicate-key", NULL },
	{ "§2 memory units B K KB M", WIN,
	  "[wsl2]\nmemory=1B\nswap=1K\ndefaultVhdSize=1KB\n[experimental]\n"
	  "swiotlb=1M\n", 0, TC_RAW, "wsl2.memory=1@2;wsl2.swap=1024@3;"
	  "wsl2.defaultVhdSize=1024@4;experimental.swiotlb=1048576@6", "",
	  NULL },
	{ "§2 memory units MB G T TB", WIN,
	  "[wsl2]\nmemory=1MB\nswap=1G\ndefaultVhdSize=1T\n[experimental]\n"
	  "swiotlb=1TB\n", 0, TC_RAW, "wsl2.memory=1048576@2;"
	  "wsl2.swap=1073741824@3;wsl2.defaultVhdSize=1099511627776@4;"
	  "experimental.swiotlb=1099511627776@6", "", NULL },
	{ "§2 memory: 0, 0GB, +8GB, -1 wraps", WIN,
	  "[wsl2]\nmemory=0\nswap=0GB\ndefaultVhdSize=+8GB\n[experimental]\n"
	  "swiotlb=-1\n", 0, TC_RAW, "wsl2.memory=0@2;wsl2.swap=0@3;"
	  "wsl2.defaultVhdSize=8589934592@4;"
	  "experimental.swiotlb=18446744073709551615@6", "", NULL },
	{ "§2 memory units are case-sensitive, no blanks, no GiB", WIN,
	  "[wsl2]\nmemory=4gb\nswap=4Gb\ndefaultVhdSize=4GiB\n"
	  "[experimental]\nswiotlb=\"4 GB\"\n", 0, TC_RAW,
	  "wsl2.memory=null@2;wsl2.swap=null@3;wsl2.defaultVhdSize=null@4;"
	  "experimental.swiotlb=null@6", "2:invalid-value/memory;"
	  "3:invalid-value/memory;4:invalid-value/memory;"
	  "6:invalid-value/memory", "swap=4GB" },
	{ "§2 memory: 1.5TB, 0x10, 00 are invalid", WIN,
	  "[wsl2]\nmemory=1.5TB\nswap=0x10\ndefaultVhdSize=00\n", 0, TC_RAW,
	  "wsl2.memory=null@2;wsl2.swap=null@3;wsl2.defaultVhdSize=null@4",
	  "2:invalid-value/memory;3:invalid-value/memory;"
	  "4:invalid-value/memory", "memory=1536GB" },
	{ "§2 memory: a leading blank in quotes is fine, a trailing one not",
	  WIN, "[wsl2]\nmemory=\" 4GB\"\nswap=\"4GB \"\n", 0, TC_RAW,
	  "wsl2.memory=4294967296@2;wsl2.swap=null@3",
	  "3:invalid-value/memory", NULL },
	{ "§2 booleans: true/false any case, exactly 1/0", WIN,
	  "[wsl2]\nguiApplications=yes\ngpuSupport=on\nsafeMode=2\n"
	  "debugConsole=TRUE\nvirtio=1\nvirtiofs=0\n", 0, TC_RAW,
	  "wsl2.guiApplications=null@2;wsl2.gpuSupport=null@3;"
	  "wsl2.safeMode=null@4;wsl2.debugConsole=true@5;wsl2.virtio=true@6;"
	  "wsl2.virtiofs=false@7", "2:invalid-value/boolean;"
	  "3:invalid-value/boolean;4:invalid-value/boolean",
	  "guiApplications=true" },
	{ "§2 integers: octal 010 = 8, 08 invalid, hex, sign", WIN,
	  "[wsl2]\nprocessors=010\nvmIdleTimeout=08\nkernelBootTimeout=0x1F\n"
	  "maxCrashDumpCount=-5\n", 0, TC_RAW, "wsl2.processors=8@2;"
	  "wsl2.vmIdleTimeout=null@3;wsl2.kernelBootTimeout=31@4;"
	  "wsl2.maxCrashDumpCount=-5@5", "3:invalid-value/integer",
	  "vmIdleTimeout=8" },
	{ "§2 integers saturate at 32 bits in .wslconfig", WIN,
	  "[wsl2]\nprocessors=99999999999\nvmIdleTimeout=-99999999999\n", 0,
	  TC_RAW, "wsl2.processors=2147483647@2;"
	  "wsl2.vmIdleTimeout=-2147483648@3", "", NULL },
	{ "§2 integers: trailing characters are invalid", WIN,
	  "[wsl2]\nvmIdleTimeout=5000ms\nprocessors=\"2 \"\n", 0, TC_RAW,
	  "wsl2.vmIdleTimeout=null@2;wsl2.processors=null@3",
	  "2:invalid-value/integer;3:invalid-value/integer",
	  "vmIdleTimeout=5000" },
	{ "§2 enums: VirtioProxy is Consomme; virtio-proxy is invalid", WIN,
	  "[wsl2]\nnetworkingMode=VIRTIOPROXY\n[experimental]\n"
	  "autoMemoryReclaim=virtio-proxy\n", 0, TC_RAW,
	  "wsl2.networkingMode=consomme@2;"
	  "experimental.autoMemoryReclaim=null@4", "4:invalid-value/enum",
	  "(Valid values: Disabled, DropCache, Gradual)" },
	{ "§2 ignoredPorts: stoi per item, bad items warn, sorted", WIN,
	  "[wsl2]\nnetworkingMode=mirrored\n[experimental]\n"
	  "ignoredPorts=9090,80abc,,3000,0,70000, 22,80\n", 0, TC_RAW,
	  "wsl2.networkingMode=mirrored@2;"
	  "experimental.ignoredPorts=[22,80,3000,9090]@4",
	  "4:invalid-value/integer;4:invalid-value/integer",
	  "Invalid integer value '9090,80abc,,3000,0,70000, 22,80'" },
	{ "§2 invalid dnsTunnelingIpAddress turns tunneling off", WIN,
	  "[wsl2]\ndnsTunneling=true\n[experimental]\n"
	  "dnsTunnelingIpAddress=10.0.0\n", 0, TC_RAW,
	  "wsl2.dnsTunneling=false@2;"
	  "experimental.dnsTunnelingIpAddress=null@4", "4:invalid-value/ip",
	  "Invalid IP value '10.0.0'" },
	{ "§2 a later dnsTunneling=true turns it on again", WIN,
	  "[experimental]\ndnsTunnelingIpAddress=x\n[wsl2]\n"
	  "dnsTunneling=true\n", 0, TC_RAW,
	  "experimental.dnsTunnelingIpAddress=null@2;"
	  "wsl2.dnsTunneling=true@4", "2:invalid-value/ip", NULL },
	{ "§2 an invalid macAddress is fatal: nothing applies", WIN,
	  "[wsl2]\nmemory=4GB\nmacAddress=00:11:22:33:44\n", 0, TC_RAW,
	  "wsl2.memory=null@2;wsl2.macAddress=null@3", "3:fatal/mac",
	  "Invalid mac address '00:11:22:33:44'" },
	{ "§2 a valid macAddress", WIN,
	  "[wsl2]\nnetworkingMode=bridged\nvmSwitch=ext\n"
	  "macAddress=00-15-5d-01-02-03\n", 0, TC_RAW,
	  "wsl2.networkingMode=bridged@2;wsl2.vmSwitch=ext@3;"
	  "wsl2.macAddress=00-15-5d-01-02-03@4", "", NULL },
	{ "§1.4 diagnosis wrong-section (microsoft/WSL#10759)", WIN,
	  "[wsl2]\nautoMemoryReclaim=gradual\n", 0, TC_RAW, "",
	  "2:unknown-key!wrong-section",
	  "[experimental]\nautoMemoryReclaim=gradual" },
	{ "§1.4 diagnosis typo with did-you-mean", WIN,
	  "[wsl2]\nmemroy=4GB\n", 0, TC_RAW, "", "2:unknown-key!typo",
	  "memory=4GB" },
	{ "§1.4 diagnosis unknown-section", WIN, "[foo]\nbar=1\n", 0, TC_RAW,
	  "", "2:unknown-key!unknown-section", NULL },
	{ "§1.4 diagnosis wrong-file: [boot] systemd in .wslconfig", WIN,
	  "[boot]\nsystemd=true\n", 0, TC_RAW, "", "2:unknown-key!wrong-file",
	  "[boot]\nsystemd=true" },
	{ "§1.4 diagnosis wrong-file: wsl2.* in wsl.conf", CONF,
	  "[wsl2]\nmemory=4GB\n", 0, TC_RAW, "", "2:unknown-key!wrong-file",
	  NULL },
	{ "§3 diagnosis removed: pageReporting", WIN,
	  "[wsl2]\npageReporting=false\n", 0, TC_RAW, "",
	  "2:unknown-key!removed", NULL },
	{ "§1.4 diagnosis unknown-key", WIN, "[wsl2]\nfrobnicate=1\n", 0,
	  TC_RAW, "", "2:unknown-key!unknown-key", NULL },
	{ "§3 not-applicable: mirrored-only keys under NAT", WIN,
	  "[experimental]\nhostAddressLoopback=true\nignoredPorts=80\n", 0,
	  TC_RAW, "experimental.hostAddressLoopback=true@2;"
	  "experimental.ignoredPorts=[80]@3",
	  "2:not-applicable;3:not-applicable",
	  "[wsl2]\nnetworkingMode=mirrored" },
	{ "§3 not-applicable: localhostForwarding under mirrored", WIN,
	  "[wsl2]\nnetworkingMode=mirrored\nlocalhostForwarding=true\n", 0,
	  TC_RAW, "wsl2.networkingMode=mirrored@2;"
	  "wsl2.localhostForwarding=true@3", "3:not-applicable", NULL },
	{ "§3 not-applicable: dnsTunneling with bridged", WIN,
	  "[wsl2]\nnetworkingMode=bridged\nvmSwitch=x\ndnsTunneling=true\n",
	  0, TC_RAW, "wsl2.networkingMode=bridged@2;wsl2.vmSwitch=x@3;"
	  "wsl2.dnsTunneling=true@4", "4:not-applicable", NULL },
	{ "§1.1 empty file", WIN, "", 0, TC_RAW, "", "", NULL },
	{ "§1.2 binary garbage never crashes and reports lines", WIN,
	  "\xFF\x00\x01[\x80=\n\x1B[a\n=\n", 13, TC_RAW, "",
	  "1:encoding;1:malformed-line/invalid-key-name;"
	  "2:malformed-line/invalid-key-name;"
	  "3:malformed-line/invalid-key-name", NULL },
	{ "§4 wsl.conf stops at the first malformed line", CONF,
	  "[boot]\nsystemd=true\n; comment\n[network]\n"
	  "generateResolvConf=false\n", 0, TC_RAW, "boot.systemd=true@2",
	  "3:malformed-line/invalid-key-name;3:swallowed",
	  "WSL stops reading /etc/wsl.conf at line 3" },
	{ "§4 wsl.conf counts CRLF after a section header twice", CONF,
	  "\r\n\r\n[foo]\r\na=b", 0, TC_RAW, "",
	  "5:unknown-key!unknown-section",
	  "Unknown key 'foo.a' in /etc/wsl.conf:5" },
	{ "§4 wsl.conf: a CR ends the value", CONF,
	  "[network]\r\nhostname=foo\r\n", 0, TC_RAW,
	  "network.hostname=foo@3", "", NULL },
	{ "§4 wsl.conf: a UTF-8 BOM makes the whole file ignored", CONF,
	  "\xEF\xBB\xBF[boot]\nsystemd=true\n", 0, TC_RAW, "",
	  "1:encoding;1:malformed-line/invalid-key-name;1:swallowed", NULL },
	{ "§4 wsl.conf: a backslash before CRLF does not continue", CONF,
	  "[boot]\r\ncommand=a\\\r\nb\r\n", 0, TC_RAW, "",
	  "3:malformed-line/invalid-escape;3:swallowed", NULL },
	{ "§4 wsl.conf: integers are 64-bit, beyond int is invalid", CONF,
	  "[boot]\ninitTimeout=99999999999\n[filesystem]\numask=0022\n", 0,
	  TC_RAW, "boot.initTimeout=null@2;filesystem.umask=18@4",
	  "2:invalid-value/integer", NULL },
	{ "§4 wsl.conf: no Ctrl+Z rule, the byte is an invalid key name",
	  CONF, "[boot]\nsystemd=true\n\x1A\n", 0, TC_RAW,
	  "boot.systemd=true@2", "3:malformed-line/invalid-key-name", NULL },
};

/* Re-encode an ASCII case input as UTF-16. */
static char *
tc_encode(const struct tc *c, size_t *len)
{
	size_t n = c->len ? c->len : strlen(c->in), i, o = 0;
	char *out = xmalloc(n * 2 + 2);

	if (c->enc == TC_UTF16LE_BOM) {
		out[o++] = '\xFF';
		out[o++] = '\xFE';
	} else if (c->enc == TC_UTF16BE_BOM) {
		out[o++] = '\xFE';
		out[o++] = '\xFF';
	}
	for (i = 0; i < n; i++) {
		if (c->enc == TC_UTF16BE_BOM) {
			out[o++] = 0;
			out[o++] = c->in[i];
		} else {
			out[o++] = c->in[i];
			out[o++] = 0;
		}
	}
	*len = o;
	return out;
}

static void
tc_cat(char **s, const char *fmt, ...)
{
	va_list ap;
	char *add, *n;

	va_start(ap, fmt);
	add = xvasprintf(fmt, ap);
	va_end(ap);
	n = xasprintf("%s%s%s", *s, **s != '\0' ? ";" : "", add);
	free(add);
	free(*s);
	*s = n;
}

static char *
tc_typed(const struct wslconfig_value *v)
{
	char *s;
	size_t i;

	if (!v->valid)
		return xstrdup("null");
	switch (v->type) {
	case WSLKEY_BOOL:
		return xstrdup(v->u.b ? "true" : "false");
	case WSLKEY_INT:
		return xasprintf("%lld", v->u.i);
	case WSLKEY_MEMORY:
		return xasprintf("%llu", (unsigned long long)v->u.bytes);
	case WSLKEY_PORTS:
		s = xstrdup("[");
		for (i = 0; i < v->u.ports.n; i++) {
			char *n = xasprintf("%s%s%u", s, i ? "," : "",
			    v->u.ports.v[i]);

			free(s);
			s = n;
		}
		i = strlen(s);
		s = xrealloc(s, i + 2);
		strcpy(s + i, "]");
		return s;
	default:
		return xstrdup(v->u.s);
	}
}

static void
tc_render(const struct wslconfig_result *r, char **settings, char **problems)
{
	size_t i;

	*settings = xstrdup("");
	*problems = xstrdup("");
	for (i = 0; i < r->nsettings; i++) {
		char *t = tc_typed(&r->settings[i].typed);

		tc_cat(settings, "%s=%s@%lu", r->settings[i].key, t,
		    r->settings[i].line);
		free(t);
	}
	for (i = 0; i < r->nproblems; i++) {
		const struct wslconfig_problem *p = &r->problems[i];

		tc_cat(problems, "%lu:%s%s%s%s%s", p->line, p->kind,
		    p->subkind ? "/" : "", p->subkind ? p->subkind : "",
		    p->diagnosis ? "!" : "", p->diagnosis ? p->diagnosis : "");
	}
}

static bool
tc_contains(const struct wslconfig_result *r, const char *needle)
{
	size_t i;

	for (i = 0; i < r->nproblems; i++) {
		const struct wslconfig_problem *p = &r->problems[i];

		if (strstr(p->message, needle) != NULL ||
		    (p->suggestion != NULL &&
		    strstr(p->suggestion, needle) != NULL))
			return true;
	}
	return false;
}

static void
test_case(void **state)
{
	const struct tc *c = *state;
	struct wslconfig_result *r;
	char *data, *settings, *problems;
	size_t len;

	if (c->enc != TC_RAW)
		data = tc_encode(c, &len);
	else {
		len = c->len ? c->len : strlen(c->in);
		data = xmalloc(len + 1);
		memcpy(data, c->in, len);
	}
	r = wslconfig_parse(data, len, c->flavor, c->flavor == WIN ?
	    "C:\\Users\\me\\.wslconfig" : "/etc/wsl.conf");
	tc_render(r, &settings, &problems);
	if (c->settings != NULL)
		assert_string_equal(settings, c->settings);
	if (c->problems != NULL)
		assert_string_equal(problems, c->problems);
	if (c->contains != NULL && !tc_contains(r, c->contains))
		fail_msg("no message or suggestion contains \"%s\"",
		    c->contains);
	/* The JSON form must always build (and be freed). */
	json_object_put(lint_to_json(r));
	free(settings);
	free(problems);
	free(data);
	wslconfig_result_free(r);
}

/* --- fixtures: the tutorial's configs (tests/fixtures/wslconfig) --- */

static struct wslconfig_result *
fixture_parse(const char *name)
{
	const char *srcdir = getenv("srcdir");
	char *path, *buf = NULL;
	size_t len = 0, cap = 0, n;
	struct wslconfig_result *r;
	FILE *f;

	if (srcdir != NULL)
		path = xasprintf("%s/tests/fixtures/wslconfig/%s", srcdir,
		    name);
	else {
		/* __FILE__ is ".../tests/unit/test_wslconfig.c". */
		const char *unit = strstr(__FILE__, "unit/test_wslconfig.c");

		path = xasprintf("%.*sfixtures/wslconfig/%s",
		    unit ? (int)(unit - __FILE__) : 0, __FILE__, name);
	}
	f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("cannot open %s", path);
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			buf = xrealloc(buf, cap);
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	r = wslconfig_parse(buf, len, WIN, "C:\\Users\\me\\.wslconfig");
	free(buf);
	free(path);
	return r;
}

static void
fixture_expect(const char *name, const char *encoding, const char *settings,
    const char *problems)
{
	struct wslconfig_result *r = fixture_parse(name);
	char *s, *p;

	tc_render(r, &s, &p);
	assert_string_equal(r->encoding, encoding);
	if (settings != NULL)
		assert_string_equal(s, settings);
	assert_string_equal(p, problems);
	free(s);
	free(p);
	wslconfig_result_free(r);
}

#define TUTORIAL_FULL_SETTINGS \
	"wsl2.memory=8589934592@5;wsl2.processors=8@8;" \
	"experimental.autoMemoryReclaim=gradual@11;" \
	"wsl2.networkingMode=mirrored@12;wsl2.dnsTunneling=true@13;" \
	"wsl2.firewall=true@14;wsl2.autoProxy=true@15;" \
	"experimental.sparseVhd=true@16"

/* §3 seed tutorial: "a normal .wslconfig" fully works. */
static void
test_fixture_tutorial_full(void **state)
{
	(void)state;
	fixture_expect("tutorial-full.wslconfig", "utf-8",
	    TUTORIAL_FULL_SETTINGS, "");
	/* §1.1: the same saved as CRLF with a BOM, and as UTF-16LE+BOM. */
	fixture_expect("tutorial-crlf-bom.wslconfig", "utf-8-bom",
	    TUTORIAL_FULL_SETTINGS, "");
	fixture_expect("tutorial-utf16le-bom.wslconfig", "utf-16le-bom",
	    TUTORIAL_FULL_SETTINGS, "");
}

/* §3 seed tutorial: the docs example; pageReporting is removed (§3). */
static void
test_fixture_tutorial_docs(void **state)
{
	(void)state;
	fixture_expect("tutorial-docs-example.wslconfig", "utf-8", NULL,
	    "26:unknown-key!removed");
}

/* §3 "It breaks in these variants" of the seed tutorial. */
static void
test_fixture_tutorial_variants(void **state)
{
	(void)state;
	fixture_expect("tutorial-experimental.wslconfig", "utf-8", NULL, "");
	fixture_expect("tutorial-moved-to-wsl2.wslconfig", "utf-8", NULL,
	    "2:unknown-key!wrong-section;7:unknown-key!wrong-section");
	fixture_expect("tutorial-both-sections.wslconfig", "utf-8", NULL,
	    "7:duplicate-key;8:duplicate-key");
	fixture_expect("tutorial-fullwidth.wslconfig", "utf-8", NULL,
	    "3:malformed-line/expected-equals");
	fixture_expect("tutorial-semicolon.wslconfig", "utf-8", NULL,
	    "1:malformed-line/invalid-key-name;3:invalid-value/enum;"
	    "4:invalid-value/enum;5:invalid-value/boolean;"
	    "6:invalid-value/boolean;7:invalid-value/boolean;"
	    "8:invalid-value/boolean");
	fixture_expect("tutorial-single-backslash.wslconfig", "utf-8",
	    "wsl2.kernelModules=C:\\temp\\modules.vhdx@4",
	    "2:malformed-line/invalid-escape;3:malformed-line/invalid-escape");
	fixture_expect("tutorial-utf16le-nobom.wslconfig", "utf-16le", "",
	    "1:encoding;1:malformed-line/invalid-section-name;"
	    "2:malformed-line/invalid-key-name;"
	    "3:malformed-line/invalid-key-name;"
	    "4:malformed-line/invalid-key-name;"
	    "5:malformed-line/invalid-key-name;"
	    "6:malformed-line/invalid-key-name;"
	    "7:malformed-line/invalid-key-name;"
	    "8:malformed-line/invalid-key-name");
}

/* §1.2 "There is no length limit on keys, values or lines": 64 KiB. */
static void
test_long_lines(void **state)
{
	size_t n = 65536, len;
	char *data = xmalloc(n * 2 + 64), *p;
	struct wslconfig_result *r;
	const struct wslconfig_setting *s;

	(void)state;
	p = data + sprintf(data, "[wsl2]\nkernelCommandLine=");
	memset(p, 'a', n);
	p += n;
	p += sprintf(p, "\n");
	memset(p, 'k', n);
	p += n;
	p += sprintf(p, "=1\n");
	len = (size_t)(p - data);
	r = wslconfig_parse(data, len, WIN, ".wslconfig");
	s = wslconfig_get(r, "wsl2.kernelCommandLine");
	assert_non_null(s);
	assert_int_equal(strlen(s->typed.u.s), n);
	assert_int_equal(r->nproblems, 1);
	assert_string_equal(r->problems[0].kind, "unknown-key");
	assert_int_equal(r->problems[0].line, 3);
	wslconfig_result_free(r);
	free(data);
}

/* Linear time: 16 MiB of lines, and 16 MiB of garbage
   ($WSLCONFIG_TEST_BIG_MIB changes the size, e.g. under valgrind). */
static void
test_big_input(void **state)
{
	const char *mib = getenv("WSLCONFIG_TEST_BIG_MIB");
	size_t n = (size_t)(mib != NULL ? atoi(mib) : 16) << 20, i;
	char *data = xmalloc(n + 1);
	struct wslconfig_result *r;
	clock_t t0 = clock();

	(void)state;
	for (i = 0; i < n; i++)
		data[i] = "[wsl2]\nmemory=4GB\n#x\rzz\n"[i % 25];
	r = wslconfig_parse(data, n, WIN, ".wslconfig");
	assert_non_null(wslconfig_get(r, "wsl2.memory"));
	wslconfig_result_free(r);
	srand(1);
	for (i = 0; i < n; i++)
		data[i] = (char)rand();
	r = wslconfig_parse(data, n, WIN, ".wslconfig");
	wslconfig_result_free(r);
	r = wslconfig_parse(data, n, CONF, "/etc/wsl.conf");
	wslconfig_result_free(r);
	free(data);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 30.0);
}

/* interface.md §5: the exact JSON contract. */
static void
test_lint_json(void **state)
{
	const char *in = "[experimental]\nnetworkingMode=Mirrored\n"
	    "ignoredPorts=443,80\n[wsl2]\nmemory=4GB\nswap=x\n";
	struct wslconfig_result *r;
	struct json_object *j, *a, *o, *v;

	(void)state;
	r = wslconfig_parse(in, strlen(in), WIN, "C:\\Users\\me\\.wslconfig");
	j = lint_to_json(r);
	assert_string_equal(json_object_get_string(
	    json_object_object_get(j, "schema")), "wslprobe-lint/1");
	assert_string_equal(json_object_get_string(
	    json_object_object_get(j, "file")), "C:\\Users\\me\\.wslconfig");
	assert_string_equal(json_object_get_string(
	    json_object_object_get(j, "encoding")), "utf-8");
	assert_true(json_object_object_get_ex(j, "fatal", &v));
	assert_null(v);
	a = json_object_object_get(j, "settings");
	assert_int_equal(json_object_array_length(a), 4);
	o = json_object_array_get_idx(a, 0);
	assert_string_equal(json_object_get_string(
	    json_object_object_get(o, "key")), "wsl2.networkingMode");
	assert_string_equal(json_object_get_string(
	    json_object_object_get(o, "written")),
	    "experimental.networkingMode");
	assert_string_equal(json_object_get_string(
	    json_object_object_get(o, "value")), "Mirrored");
	assert_string_equal(json_object_get_string(
	    json_object_object_get(o, "typed")), "mirrored");
	o = json_object_array_get_idx(a, 1);
	v = json_object_object_get(o, "typed");
	assert_true(json_object_is_type(v, json_type_array));
	assert_int_equal(json_object_get_int(json_object_array_get_idx(v, 0)),
	    80);
	o = json_object_array_get_idx(a, 2);
	v = json_object_object_get(o, "typed");
	assert_true(json_object_is_type(v, json_type_int));
	assert_true(json_object_get_uint64(v) == 4294967296ULL);
	assert_int_equal(json_object_get_int(json_object_object_get(o,
	    "line")), 5);
	o = json_object_array_get_idx(a, 3);
	assert_true(json_object_object_get_ex(o, "typed", &v));
	assert_null(v);
	a = json_object_object_get(j, "problems");
	assert_int_equal(json_object_array_length(a), 1);
	o = json_object_array_get_idx(a, 0);
	assert_string_equal(json_object_get_string(
	    json_object_object_get(o, "kind")), "invalid-value");
	assert_string_equal(json_object_get_string(
	    json_object_object_get(o, "subkind")), "memory");
	assert_true(json_object_object_get_ex(o, "diagnosis", &v));
	assert_null(v);
	assert_true(json_object_object_get_ex(o, "suggestion", &v));
	json_object_put(j);
	wslconfig_result_free(r);
}

/* interface.md §5: "When fatal is set ... every typed is null". */
static void
test_lint_json_fatal(void **state)
{
	const char *in = "[wsl2]\nmemory=4GB\nmacAddress=zz\n";
	struct wslconfig_result *r;
	struct json_object *j, *a, *v;

	(void)state;
	r = wslconfig_parse(in, strlen(in), WIN, ".wslconfig");
	assert_non_null(r->fatal);
	assert_null(wslconfig_get(r, "wsl2.memory"));
	j = lint_to_json(r);
	assert_string_equal(json_object_get_string(
	    json_object_object_get(j, "fatal")), r->fatal);
	a = json_object_object_get(j, "settings");
	assert_true(json_object_object_get_ex(json_object_array_get_idx(a,
	    0), "typed", &v));
	assert_null(v);
	json_object_put(j);
	wslconfig_result_free(r);
}

static void
test_lint_text(void **state)
{
	const char *in = "[wsl2]\nautoMemoryReclaim=gradual\n";
	struct wslconfig_result *r;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	r = wslconfig_parse(in, strlen(in), WIN, "C:\\Users\\me\\.wslconfig");
	f = open_memstream(&buf, &len);
	assert_int_equal(lint_render_text(r, f), 0);
	fclose(f);
	assert_non_null(strstr(buf, "C:\\Users\\me\\.wslconfig:2: "
	    "unknown-key: Unknown key 'wsl2.autoMemoryReclaim' in "
	    "C:\\Users\\me\\.wslconfig:2\n"));
	assert_non_null(strstr(buf, "    fix: [experimental]\n"
	    "         autoMemoryReclaim=gradual\n"));
	assert_non_null(strstr(buf, ": 1 problem (utf-8, 0 settings)\n"));
	free(buf);
	wslconfig_result_free(r);
}

/* wslkeys: aliases, case, removed keys, defaults per version. */
static void
test_wslkeys(void **state)
{
	const struct wslkey *k;

	(void)state;
	k = wslkey_find("EXPERIMENTAL.networkingmode");
	assert_non_null(k);
	assert_string_equal(k->name, "wsl2.networkingMode");
	assert_null(wslkey_find("wsl2.autoMemoryReclaim"));
	assert_null(wslkey_find("wsl2.pageReporting"));
	assert_non_null(wslkey_find_removed("pagereporting"));
	assert_null(wslkey_find_in("boot.systemd", WSLKEY_FILE_WSLCONFIG));
	assert_non_null(wslkey_find_in("boot.systemd", WSLKEY_FILE_WSLCONF));
	k = wslkey_find("wsl2.dnsTunneling");
	assert_string_equal(wslkey_default_value(k, NULL), "true");
	assert_string_equal(wslkey_default_value(k, "2.2.1"), "true");
	assert_string_equal(wslkey_default_value(k, "2.1.5"), "false");
	assert_string_equal(wslkey_default_value(k, "2.1.0"), "true");
	assert_string_equal(wslkey_default_value(k, "2.0.14"), "false");
	k = wslkey_find("wsl2.memory");
	assert_string_equal(wslkey_default_text(k, NULL), "50% of host RAM");
	assert_null(wslkey_default_value(k, NULL));
	assert_string_equal(wslkey_enum_find(wslkey_find(
	    "wsl2.networkingMode"), "virtioproxy")->value, "consomme");
	assert_true(wsl_version_cmp("2.10.0", "2.9.9") > 0);
	assert_true(wsl_version_cmp("2.2", "2.2.0") == 0);
	assert_true(wsl_version_cmp("2.2.0", "2.2.1") < 0);
	assert_true(wsl_version_cmp("2.4.13", "2.4.13") == 0);
}

int
main(void)
{
	const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_fixture_tutorial_full),
		cmocka_unit_test(test_fixture_tutorial_docs),
		cmocka_unit_test(test_fixture_tutorial_variants),
		cmocka_unit_test(test_long_lines),
		cmocka_unit_test(test_big_input),
		cmocka_unit_test(test_lint_json),
		cmocka_unit_test(test_lint_json_fatal),
		cmocka_unit_test(test_lint_text),
		cmocka_unit_test(test_wslkeys),
	};
	size_t ncase = sizeof tc_cases / sizeof tc_cases[0];
	size_t nfixed = sizeof fixed / sizeof fixed[0], i;
	struct CMUnitTest *tests = xcalloc(ncase + nfixed, sizeof *tests);
	int rc;

	for (i = 0; i < ncase; i++) {
		tests[i].name = tc_cases[i].name;
		tests[i].test_func = test_case;
		tests[i].initial_state = (void *)(uintptr_t)&tc_cases[i];
	}
	memcpy(tests + ncase, fixed, sizeof fixed);
	rc = _cmocka_run_group_tests("wslconfig", tests, ncase + nfixed,
	    NULL, NULL);
	free(tests);
	return rc;
}
