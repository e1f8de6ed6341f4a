/* SPDX-License-Identifier: MIT */
/*
 * The settings table: every key WSL reads from .wslconfig (WslCoreConfig.cpp)
 * and /etc/wsl.conf (WslDistributionConfig.cpp), with defaults per WSL
 * version.  docs/wslconfig.md §3 and §4 are the reference for every row.
 */
#include "config.h"

#include "wslconfig/wslkeys.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WC	WSLKEY_FILE_WSLCONFIG
#define WCONF	WSLKEY_FILE_WSLCONF

/* A single default that never changed. */
#define D(text, value) \
	((const struct wslkey_default[]){ { NULL, text, value }, \
	    { NULL, NULL, NULL } })
#define ALIAS(a) ((const char *const[]){ a, NULL })

#define DTRUE	D("true", "true")
#define DFALSE	D("false", "false")

static const struct wslkey_enum wslkeys_networking_modes[] = {
	{ "None", "none" },
	{ "Nat", "nat" },
	{ "Bridged", "bridged" },
	{ "Mirrored", "mirrored" },
	{ "Consomme", "consomme" },
	/* Legacy name of Consomme, still accepted (wslconfig.md §2). */
	{ "VirtioProxy", "consomme" },
	{ NULL, NULL }
};

static const struct wslkey_enum wslkeys_reclaim_modes[] = {
	{ "Disabled", "disabled" },
	{ "Gradual", "gradual" },
	{ "DropCache", "dropcache" },
	{ NULL, NULL }
};

static const struct wslkey_enum wslkeys_cgroups[] = {
	{ "v1", "v1" },
	{ "v2", "v2" },
	{ NULL, NULL }
};

/* dnsTunneling: on since 2.2.1, briefly on in 2.1.0, off again in 2.1.1. */
static const struct wslkey_default wslkeys_dns_tunneling_defaults[] = {
	{ "2.2.1", "true", "true" },
	{ "2.1.1", "false", "false" },
	{ "2.1.0", "true", "true" },
	{ NULL, "false", "false" },
	{ NULL, NULL, NULL }
};

/* autoProxy: on by default around 2.2.1 (wsl-facts.md §1, #11055). */
static const struct wslkey_default wslkeys_auto_proxy_defaults[] = {
	{ "2.2.1", "true", "true" },
	{ NULL, "false", "false" },
	{ NULL, NULL, NULL }
};

/* Hyper-V firewall on by default since 2.0.9 (wsl-facts.md §1). */
static const struct wslkey_default wslkeys_firewall_defaults[] = {
	{ "2.0.9", "true", "true" },
	{ NULL, "false", "false" },
	{ NULL, NULL, NULL }
};

const struct wslkey wslkeys[] = {
	/* [wsl2] */
	{ "wsl2.kernel", WC, NULL, WSLKEY_PATH, NULL, NULL,
	  D("inbox kernel", NULL), NULL, 0,
	  "absolute Windows path of a custom Linux kernel (use \\\\ or /)" },
	{ "wsl2.kernelModules", WC, NULL, WSLKEY_PATH, NULL, NULL,
	  D("inbox modules", NULL), NULL, 0,
	  "absolute Windows path of the modules VHD for a custom kernel" },
	{ "wsl2.kernelCommandLine", WC, NULL, WSLKEY_STRING, NULL, NULL,
	  D("empty", ""), NULL, 0, "additional kernel command line arguments" },
	{ "wsl2.memory", WC, NULL, WSLKEY_MEMORY, NULL, NULL,
	  D("50% of host RAM", NULL), NULL, 0,
	  "memory of the VM; clamped to 256MB .. host RAM" },
	{ "wsl2.processors", WC, NULL, WSLKEY_INT, NULL, NULL,
	  D("all logical processors", NULL), NULL, 0,
	  "virtual processors; <= 0 means all, capped at the host count" },
	{ "wsl2.swap", WC, NULL, WSLKEY_MEMORY, NULL, NULL,
	  D("25% of memory, rounded up to a whole GB", NULL), NULL, 0,
	  "swap size; 0 = no swap" },
	{ "wsl2.swapFile", WC, NULL, WSLKEY_PATH, NULL, NULL,
	  D("%Temp%\\swap.vhdx", NULL), NULL, 0, "path of the swap VHD" },
	{ "wsl2.localhostForwarding", WC, NULL, WSLKEY_BOOL, NULL, NULL,
	  DTRUE, NULL, 0,
	  "forward localhost ports of the VM to Windows (NAT mode only)" },
	{ "wsl2.nestedVirtualization", WC, NULL, WSLKEY_BOOL, NULL, NULL,
	  D("true on x64 Windows 11, false on Windows 10 and arm64", NULL),
	  NULL, 0, "allow nested VMs inside WSL" },
	{ "wsl2.debugConsole", WC, NULL, WSLKEY_BOOL, NULL, NULL, DFALSE,
	  NULL, 0, "open a console window with dmesg at start" },
	{ "wsl2.earlyBootLogging", WC, NULL, WSLKEY_BOOL, NULL, NULL, DFALSE,
	  NULL, 0, "log early boot messages" },
	{ "wsl2.debugConsoleLogFile", WC, NULL, WSLKEY_PATH, NULL, NULL,
	  D("empty", ""), NULL, 0, "file that receives the debug console" },
	{ "wsl2.guiApplications", WC, NULL, WSLKEY_BOOL, NULL, NULL, DTRUE,
	  NULL, 0, "WSLg support for GUI applications" },
	{ "wsl2.gpuSupport", WC, NULL, WSLKEY_BOOL, NULL, NULL, DTRUE, NULL, 0,
	  "GPU paravirtualisation" },
	{ "wsl2.safeMode", WC, NULL, WSLKEY_BOOL, NULL, NULL, DFALSE, NULL, 0,
	  "recovery mode that disables many features" },
	{ "wsl2.virtio", WC, NULL, WSLKEY_BOOL, NULL, NULL,
	  D("true (false on arm64 Windows 10)", "true"), NULL, 0,
	  "virtio devices" },
	{ "wsl2.virtio9p", WC, NULL, WSLKEY_BOOL, NULL, NULL, DFALSE, NULL, 0,
	  "9p over virtio (forced off)" },
	{ "wsl2.virtiofs", WC, NULL, WSLKEY_BOOL, NULL, NULL, DFALSE, NULL, 0,
	  "virtiofs for Windows drives" },
	{ "wsl2.hostFileSystemAccess", WC, NULL, WSLKEY_BOOL, NULL, NULL,
	  DTRUE, NULL, 0, "access to the Windows file systems" },
	{ "wsl2.hardwarePerformanceCounters", WC, NULL, WSLKEY_BOOL, NULL,
	  NULL, D("true (x64)", "true"), NULL, 0,
	  "expose hardware performance counters" },
	{ "wsl2.kernelDebugPort", WC, NULL, WSLKEY_INT, NULL, NULL,
	  D("0", "0"), NULL, 0, "kernel debugger port (policy-gated)" },
	{ "wsl2.systemDistro", WC, NULL, WSLKEY_PATH, NULL, NULL,
	  D("inbox system distro", NULL), NULL, 0,
	  "path of a custom WSLg system distro" },
	{ "wsl2.telemetry", WC, NULL, WSLKEY_BOOL, NULL, NULL, DTRUE, NULL, 0,
	  "telemetry inside the VM" },
	{ "wsl2.vmIdleTimeout", WC, NULL, WSLKEY_INT, NULL, NULL,
	  D("60000", "60000"), NULL, 0,
	  "milliseconds the idle VM lives before it shuts down" },
	{ "wsl2.kernelBootTimeout", WC, NULL, WSLKEY_INT, NULL, NULL,
	  D("30000", "30000"), NULL, 0, "kernel boot timeout in ms" },
	{ "wsl2.distributionStartTimeout", WC, NULL, WSLKEY_INT, NULL, NULL,
	  D("60000", "60000"), NULL, 0, "distribution start timeout in ms" },
	{ "wsl2.mountDeviceTimeout", WC, NULL, WSLKEY_INT, NULL, NULL,
	  D("5000", "5000"), NULL, 0, "device mount timeout in ms" },
	{ "wsl2.networkingMode", WC, ALIAS("experimental.networkingMode"),
	  WSLKEY_ENUM, wslkeys_networking_modes,
	  "Bridged, Consomme, Mirrored, Nat, None, VirtioProxy",
	  D("NAT (or the DefaultNetworkingMode policy)", "nat"), "2.0.0", 0,
	  "networking mode: none, nat, bridged, mirrored, consomme" },
	{ "wsl2.vmSwitch", WC, NULL, WSLKEY_STRING, NULL, NULL,
	  D("empty", ""), NULL, 0, "Hyper-V switch for bridged mode" },
	{ "wsl2.macAddress", WC, NULL, WSLKEY_MAC, NULL, NULL,
	  D("random for bridged mode", NULL), NULL, 0,
	  "MAC address of the VM (xx:xx:xx:xx:xx:xx); invalid is fatal" },
	{ "wsl2.dhcp", WC, NULL, WSLKEY_BOOL, NULL, NULL, DTRUE, NULL, 0,
	  "DHCP in bridged mode" },
	{ "wsl2.dhcpTimeout", WC, NULL, WSLKEY_INT, NULL, NULL,
	  D("5000", "5000"), NULL, 0, "DHCP timeout in ms" },
	{ "wsl2.ipv6", WC, NULL, WSLKEY_BOOL, NULL, NULL, DFALSE, NULL, 0,
	  "IPv6 in bridged mode" },
	{ "wsl2.dnsProxy", WC, NULL, WSLKEY_BOOL, NULL, NULL, DTRUE, NULL, 0,
	  "DNS proxy on the NAT gateway (NAT mode only)" },
	{ "wsl2.dnsTunneling", WC, ALIAS("experimental.dnsTunneling"),
	  WSLKEY_BOOL, NULL, NULL, wslkeys_dns_tunneling_defaults, "2.0.0", 0,
	  "answer DNS through the Windows host (nameserver 10.255.255.254)" },
	{ "wsl2.firewall", WC, ALIAS("experimental.firewall"), WSLKEY_BOOL,
	  NULL, NULL, wslkeys_firewall_defaults, "2.0.0", 0,
	  "Hyper-V firewall rules apply to WSL traffic" },
	{ "wsl2.autoProxy", WC, ALIAS("experimental.autoProxy"), WSLKEY_BOOL,
	  NULL, NULL, wslkeys_auto_proxy_defaults, "2.0.0", 0,
	  "use the Windows HTTP proxy settings" },
	{ "wsl2.defaultVhdSize", WC, NULL, WSLKEY_MEMORY, NULL, NULL,
	  D("1TB", "1099511627776"), NULL, 0,
	  "maximum size of new distribution VHDs" },
	{ "wsl2.crashDumpFolder", WC, NULL, WSLKEY_PATH, NULL, NULL,
	  D("%Temp%\\wsl-crashes", NULL), NULL, 0, "crash dump folder" },
	{ "wsl2.maxCrashDumpCount", WC, NULL, WSLKEY_INT, NULL, NULL,
	  D("10", "10"), NULL, 0, "crash dumps kept" },
	{ "wsl2.loadDefaultKernelModules", WC, NULL, WSLKEY_BOOL, NULL, NULL,
	  DTRUE, NULL, 0, "load tun, ip_tables and br_netfilter" },
	{ "wsl2.loadKernelModules", WC, NULL, WSLKEY_STRING, NULL, NULL,
	  D("empty", ""), NULL, 0, "comma-separated extra kernel modules" },
	{ "wsl2.isolateDistroCgroup", WC, NULL, WSLKEY_BOOL, NULL, NULL,
	  DTRUE, NULL, 0, "one cgroup per distribution" },

	/* [general] */
	{ "general.distributionInstallPath", WC, NULL, WSLKEY_PATH, NULL, NULL,
	  D("%LocalAppData%\\wsl", NULL), NULL, 0,
	  "where new distributions are installed" },
	{ "general.instanceIdleTimeout", WC, NULL, WSLKEY_INT, NULL, NULL,
	  D("15000", "15000"), NULL, 0,
	  "ms an idle distribution lives (-1 = never)" },

	/* [experimental] */
	{ "experimental.autoMemoryReclaim", WC, NULL, WSLKEY_ENUM,
	  wslkeys_reclaim_modes, "Disabled, DropCache, Gradual",
	  /* Older docs said "disabled"; the release that changed the
	     default is not pinned (wslconfig.md §3). */
	  D("dropCache", "dropcache"), "2.0.0", 0,
	  "give cached memory back to Windows: disabled, gradual, dropCache" },
	{ "experimental.sparseVhd", WC, NULL, WSLKEY_BOOL, NULL, NULL, DFALSE,
	  "2.0.0", 0, "create new VHDs as sparse files" },
	{ "experimental.bestEffortDnsParsing", WC, NULL, WSLKEY_BOOL, NULL,
	  NULL, DFALSE, "2.0.0", 0,
	  "ignore unknown DNS records (DNS tunneling only)" },
	{ "experimental.dnsTunnelingIpAddress", WC, NULL, WSLKEY_IPV4, NULL,
	  NULL, D("10.255.255.254", "10.255.255.254"), "2.0.0", 0,
	  "nameserver used with DNS tunneling; invalid turns tunneling off" },
	{ "experimental.initialAutoProxyTimeout", WC, NULL, WSLKEY_INT, NULL,
	  NULL, D("1000", "1000"), "2.0.0", 0,
	  "ms to wait for the Windows proxy at start" },
	{ "experimental.ignoredPorts", WC, NULL, WSLKEY_PORTS, NULL, NULL,
	  D("empty", ""), "2.0.0", 0,
	  "comma-separated ports Linux may bind (mirrored mode only)" },
	{ "experimental.hostAddressLoopback", WC, NULL, WSLKEY_BOOL, NULL,
	  NULL, DFALSE, "2.0.0", 0,
	  "reach the host by its own addresses (mirrored mode only)" },
	{ "experimental.swiotlb", WC, NULL, WSLKEY_MEMORY, NULL, NULL,
	  D("computed when virtiofs, virtio9p or Consomme is used", "0"),
	  NULL, 0, "swiotlb size" },
	{ "experimental.virtioFsAggregateShares", WC, NULL, WSLKEY_BOOL, NULL,
	  NULL, DTRUE, NULL, 0, "one virtiofs share for all drives" },
	{ "experimental.setVersionDebug", WC, NULL, WSLKEY_BOOL, NULL, NULL,
	  DFALSE, NULL, WSLKEY_INTERNAL, "internal" },

	/* Removed: docs and tutorials still use them (wslconfig.md §3). */
	{ "wsl2.pageReporting", WC, NULL, WSLKEY_BOOL, NULL, NULL,
	  D("not read", NULL), NULL, WSLKEY_REMOVED,
	  "no longer read; experimental.autoMemoryReclaim replaces it" },
	{ "experimental.useWindowsDnsCache", WC, NULL, WSLKEY_BOOL, NULL, NULL,
	  D("not read", NULL), NULL, WSLKEY_REMOVED,
	  "no longer read (removed from the docs in 2024)" },

	/* /etc/wsl.conf (wslconfig.md §4) */
	{ "automount.enabled", WCONF, NULL, WSLKEY_BOOL, NULL, NULL, DTRUE,
	  NULL, 0, "mount Windows drives under automount.root" },
	{ "automount.root", WCONF, NULL, WSLKEY_STRING, NULL, NULL,
	  D("/mnt/", "/mnt/"), NULL, 0, "mount point prefix for drives" },
	{ "automount.options", WCONF, NULL, WSLKEY_STRING, NULL, NULL,
	  D("empty", ""), NULL, 0, "DrvFs mount options" },
	{ "automount.mountFsTab", WCONF, NULL, WSLKEY_BOOL, NULL, NULL, DTRUE,
	  NULL, 0, "process /etc/fstab at start" },
	{ "automount.ldconfig", WCONF, NULL, WSLKEY_BOOL, NULL, NULL, DTRUE,
	  NULL, 0, "link the Windows OS libraries with ldconfig" },
	{ "automount.cgroups", WCONF, NULL, WSLKEY_ENUM, wslkeys_cgroups,
	  "v1, v2", D("v2", "v2"), "2.7.0", 0, "cgroup version (unverified)" },
	{ "filesystem.umask", WCONF, NULL, WSLKEY_INT, NULL, NULL,
	  D("0022", "18"), NULL, 0, "umask (octal with a leading 0)" },
	{ "interop.enabled", WCONF, NULL, WSLKEY_BOOL, NULL, NULL, DTRUE, NULL,
	  0, "run Windows programs" },
	{ "interop.appendWindowsPath", WCONF, NULL, WSLKEY_BOOL, NULL, NULL,
	  DTRUE, NULL, 0, "append the Windows PATH" },
	{ "network.generateHosts", WCONF, NULL, WSLKEY_BOOL, NULL, NULL,
	  DTRUE, NULL, 0, "write /etc/hosts" },
	{ "network.generateResolvConf", WCONF, NULL, WSLKEY_BOOL, NULL, NULL,
	  DTRUE, NULL, 0, "write /etc/resolv.conf" },
	{ "network.hostname", WCONF, NULL, WSLKEY_STRING, NULL, NULL,
	  D("Windows host name", NULL), NULL, 0, "host name of the distro" },
	{ "time.useWindowsTimezone", WCONF, NULL, WSLKEY_BOOL, NULL, NULL,
	  DTRUE, NULL, 0, "follow the Windows time zone" },
	{ "fileServer.enabled", WCONF, NULL, WSLKEY_BOOL, NULL, NULL, DTRUE,
	  NULL, 0, "\\\\wsl$ file server" },
	{ "fileServer.logFile", WCONF, NULL, WSLKEY_STRING, NULL, NULL,
	  D("none", NULL), NULL, 0, "file server log file" },
	{ "fileServer.logLevel", WCONF, NULL, WSLKEY_STRING, NULL, NULL,
	  D("info", NULL), NULL, 0, "file server log level" },
	{ "fileServer.logTruncate", WCONF, NULL, WSLKEY_BOOL, NULL, NULL,
	  DTRUE, NULL, 0, "truncate the file server log" },
	{ "gpu.enabled", WCONF, NULL, WSLKEY_BOOL, NULL, NULL, DTRUE, NULL, 0,
	  "GPU access" },
	{ "gpu.appendLibPath", WCONF, NULL, WSLKEY_BOOL, NULL, NULL, DTRUE,
	  NULL, 0, "add the GPU libraries to the library path" },
	{ "user.default", WCONF, NULL, WSLKEY_STRING, NULL, NULL,
	  D("none", NULL), NULL, 0, "default user" },
	{ "boot.command", WCONF, NULL, WSLKEY_STRING, NULL, NULL,
	  D("none", NULL), NULL, 0, "command run at distro start" },
	{ "boot.systemd", WCONF, NULL, WSLKEY_BOOL, NULL, NULL, DFALSE, NULL,
	  0, "run systemd as pid 1" },
	{ "boot.initTimeout", WCONF, NULL, WSLKEY_INT, NULL, NULL,
	  D("10000", "10000"), NULL, 0, "ms to wait for systemd" },
	{ "boot.protectBinfmt", WCONF, NULL, WSLKEY_BOOL, NULL, NULL, DTRUE,
	  NULL, 0, "keep the WSL binfmt entry under systemd" },
	{ "general.guiApplications", WCONF, NULL, WSLKEY_BOOL, NULL, NULL,
	  DTRUE, NULL, 0, "per-distro GUI switch" },

	{ NULL, 0, NULL, 0, NULL, NULL, NULL, NULL, 0, NULL }
};

static int
wslkeys_matches(const struct wslkey *k, const char *name)
{
	const char *const *a;
	int c = tolower((unsigned char)name[0]);

	/* Cheap first-letter test: this runs for every key line. */
	if (c != tolower((unsigned char)k->name[0]) && k->aliases == NULL)
		return 0;
	if (strcasecmp(k->name, name) == 0)
		return 1;
	for (a = k->aliases; a != NULL && *a != NULL; a++) {
		if (strcasecmp(*a, name) == 0)
			return 1;
	}
	return 0;
}

const struct wslkey *
wslkey_find_in(const char *name, int file)
{
	const struct wslkey *k;

	for (k = wslkeys; k->name != NULL; k++) {
		if (k->flags & WSLKEY_REMOVED)
			continue;
		if (file != 0 && !(k->file & file))
			continue;
		if (wslkeys_matches(k, name))
			return k;
	}
	return NULL;
}

const struct wslkey *
wslkey_find(const char *name)
{
	return wslkey_find_in(name, 0);
}

const char *
wslkey_leaf(const char *name)
{
	const char *dot = strchr(name, '.');

	return dot != NULL ? dot + 1 : name;
}

const struct wslkey *
wslkey_find_removed(const char *leaf)
{
	const struct wslkey *k;

	for (k = wslkeys; k->name != NULL; k++) {
		if ((k->flags & WSLKEY_REMOVED) &&
		    strcasecmp(wslkey_leaf(k->name), leaf) == 0)
			return k;
	}
	return NULL;
}

static const struct wslkey_default *
wslkeys_default(const struct wslkey *k, const char *version)
{
	const struct wslkey_default *d;

	if (k == NULL || k->defaults == NULL)
		return NULL;
	for (d = k->defaults; d->text != NULL; d++) {
		if (version == NULL || d->since == NULL ||
		    wsl_version_cmp(version, d->since) >= 0)
			return d;
	}
	return NULL;
}

const char *
wslkey_default_text(const struct wslkey *k, const char *wsl_version)
{
	const struct wslkey_default *d = wslkeys_default(k, wsl_version);

	return d != NULL ? d->text : NULL;
}

const char *
wslkey_default_value(const struct wslkey *k, const char *wsl_version)
{
	const struct wslkey_default *d = wslkeys_default(k, wsl_version);

	return d != NULL ? d->value : NULL;
}

const struct wslkey_enum *
wslkey_enum_find(const struct wslkey *k, const char *value)
{
	const struct wslkey_enum *e;

	if (k == NULL || k->values == NULL)
		return NULL;
	for (e = k->values; e->name != NULL; e++) {
		if (strcasecmp(e->name, value) == 0)
			return e;
	}
	return NULL;
}

const char *
wslkey_type_name(enum wslkey_type t)
{
	switch (t) {
	case WSLKEY_BOOL:
		return "boolean";
	case WSLKEY_INT:
		return "integer";
	case WSLKEY_MEMORY:
		return "memory";
	case WSLKEY_STRING:
		return "string";
	case WSLKEY_PATH:
		return "path";
	case WSLKEY_ENUM:
		return "enum";
	case WSLKEY_PORTS:
		return "ports";
	case WSLKEY_IPV4:
		return "ip";
	case WSLKEY_MAC:
		return "mac";
	}
	return "unknown";
}

int
wsl_version_cmp(const char *a, const char *b)
{
	while (*a != '\0' || *b != '\0') {
		unsigned long long na = 0, nb = 0;
		int da = 0, db = 0;

		while (isdigit((unsigned char)*a)) {
			if (na < 1000000000ULL)
				na = na * 10 + (unsigned)(*a - '0');
			a++;
			da = 1;
		}
		while (isdigit((unsigned char)*b)) {
			if (nb < 1000000000ULL)
				nb = nb * 10 + (unsigned)(*b - '0');
			b++;
			db = 1;
		}
		if (na != nb)
			return na < nb ? -1 : 1;
		if (!da && !db && *a != *b) {
			/* "2.2" equals "2.2.0": a missing part counts as 0. */
			if (*a == '\0' && *b == '.') {
				b++;
				continue;
			}
			if (*b == '\0' && *a == '.') {
				a++;
				continue;
			}
			/* Non-numeric text: compare one character. */
			return (unsigned char)*a < (unsigned char)*b ?
			    -1 : 1;
		}
		if (*a != '\0')
			a++;
		if (*b != '\0')
			b++;
	}
	return 0;
}
